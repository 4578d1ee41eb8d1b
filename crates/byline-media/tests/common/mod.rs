//! Test fixtures built in code: photo-like images, hand-made EXIF with a GPS position,
//! XMP and comments, and helpers to splice them into JPEG, PNG, GIF and WebP files.
#![allow(
    dead_code,
    reason = "each test binary uses a different part of the fixtures"
)]
#![allow(
    clippy::unwrap_used,
    reason = "fixture building: a failed unwrap is a failed test"
)]

use image::codecs::jpeg::JpegEncoder;
use image::{DynamicImage, ImageEncoder, ImageFormat, Rgb, RgbImage};
use std::io::Cursor;

mod splice;
pub use splice::*;

/// The GPS latitude as written in the fixture's GPS IFD: 33/1, 30/1, 4512/100.
pub const LATITUDE: [u32; 6] = [33, 1, 30, 1, 4512, 100];
/// The GPS longitude: 36/1, 17/1, 2088/100.
pub const LONGITUDE: [u32; 6] = [36, 1, 17, 1, 2088, 100];
/// The XMP namespace whose presence means XMP survived.
pub const XMP_NS: &[u8] = b"http://ns.adobe.com/xap/1.0/";
/// Comment text that must not survive.
pub const COMMENT: &[u8] = b"Shot by our reporter from the safe house";

/// A photo-like picture: gradients, a soft blob and sensor-like noise.
pub fn photo(width: u32, height: u32) -> RgbImage {
    let mut seed = 0x9e37_79b9_u32;
    RgbImage::from_fn(width, height, |x, y| {
        seed ^= seed << 13;
        seed ^= seed >> 17;
        seed ^= seed << 5;
        let noise = (seed % 11) as f32 - 5.0;
        let (fx, fy) = (x as f32 / width as f32, y as f32 / height as f32);
        let blob = (-((fx - 0.3).powi(2) + (fy - 0.6).powi(2)) * 10.0).exp();
        let c = |v: f32| (v + noise).clamp(0.0, 255.0) as u8;
        Rgb([
            c(40.0 + 180.0 * fx),
            c(70.0 + 120.0 * fy + 50.0 * blob),
            c(200.0 - 120.0 * fx * fy),
        ])
    })
}

/// The photo as a plain JPEG straight from the encoder (quality 85, no metadata).
pub fn photo_jpeg(width: u32, height: u32) -> Vec<u8> {
    let image = photo(width, height);
    let mut out = Vec::new();
    JpegEncoder::new_with_quality(&mut out, 85)
        .write_image(
            image.as_raw(),
            width,
            height,
            image::ExtendedColorType::Rgb8,
        )
        .unwrap();
    out
}

/// Decodes any supported image, failing the test if it cannot.
pub fn decode(bytes: &[u8]) -> DynamicImage {
    image::load_from_memory(bytes).unwrap()
}

/// Encodes any image in the given format.
pub fn encode(image: &DynamicImage, format: ImageFormat) -> Vec<u8> {
    let mut out = Cursor::new(Vec::new());
    image.write_to(&mut out, format).unwrap();
    out.into_inner()
}

/// A little-endian TIFF block: IFD0 with Orientation and a GPSInfo pointer, and a GPS
/// IFD with GPSLatitudeRef/GPSLatitude and GPSLongitudeRef/GPSLongitude.
pub fn tiff_with_gps(orientation: u16) -> Vec<u8> {
    let mut t = b"II\x2a\x00".to_vec();
    t.extend(8u32.to_le_bytes());
    let gps_ifd = 8 + 2 + 2 * 12 + 4;
    let data = gps_ifd + 2 + 4 * 12 + 4;
    let entry = |t: &mut Vec<u8>, tag: u16, kind: u16, count: u32, value: [u8; 4]| {
        t.extend(tag.to_le_bytes());
        t.extend(kind.to_le_bytes());
        t.extend(count.to_le_bytes());
        t.extend(value);
    };
    t.extend(2u16.to_le_bytes());
    let o = orientation.to_le_bytes();
    entry(&mut t, 0x0112, 3, 1, [o[0], o[1], 0, 0]);
    entry(&mut t, 0x8825, 4, 1, (gps_ifd as u32).to_le_bytes());
    t.extend(0u32.to_le_bytes());
    t.extend(4u16.to_le_bytes());
    entry(&mut t, 0x0001, 2, 2, *b"N\0\0\0");
    entry(&mut t, 0x0002, 5, 3, (data as u32).to_le_bytes());
    entry(&mut t, 0x0003, 2, 2, *b"E\0\0\0");
    entry(&mut t, 0x0004, 5, 3, (data as u32 + 24).to_le_bytes());
    t.extend(0u32.to_le_bytes());
    assert_eq!(t.len(), data);
    t.extend(rationals(&LATITUDE));
    t.extend(rationals(&LONGITUDE));
    t
}

/// The bytes of three rationals as stored in the GPS IFD: what a leak looks like.
pub fn rationals(values: &[u32; 6]) -> Vec<u8> {
    values.iter().flat_map(|v| v.to_le_bytes()).collect()
}

/// An XMP packet naming a place, as cameras and editors write it.
pub fn xmp_packet() -> Vec<u8> {
    let mut x = b"<x:xmpmeta xmlns:x='adobe:ns:meta/'><rdf:RDF xmlns:rdf='http://www.w3.org/1999/02/22-rdf-syntax-ns#'>".to_vec();
    x.extend(b"<rdf:Description xmlns:xmp='");
    x.extend(XMP_NS);
    x.extend(b"' xmlns:photoshop='http://ns.adobe.com/photoshop/1.0/' photoshop:City='Kharkiv'/></rdf:RDF></x:xmpmeta>");
    x
}

/// Whether `needle` occurs anywhere in `haystack`.
pub fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    haystack
        .windows(needle.len())
        .any(|window| window == needle)
}

/// Asserts that no trace of the fixture metadata is left in `bytes`.
pub fn assert_clean(bytes: &[u8], what: &str) {
    assert!(!contains(bytes, b"Exif"), "{what}: EXIF header left");
    assert!(
        !contains(bytes, &rationals(&LATITUDE)),
        "{what}: GPS latitude left"
    );
    assert!(
        !contains(bytes, &rationals(&LONGITUDE)),
        "{what}: GPS longitude left"
    );
    assert!(
        !contains(bytes, b"http://ns.adobe.com/xap"),
        "{what}: XMP left"
    );
    assert!(!contains(bytes, b"Kharkiv"), "{what}: place name left");
    assert!(!contains(bytes, COMMENT), "{what}: comment left");
}
