//! Test fixtures built in code: photo-like images, hand-made EXIF with a GPS position,
//! XMP and comments, and helpers to splice them into JPEG, PNG, GIF and WebP files.
#![allow(dead_code, reason = "each test binary uses a different part of the fixtures")]
#![allow(clippy::unwrap_used, reason = "fixture building: a failed unwrap is a failed test")]

use image::codecs::jpeg::JpegEncoder;
use image::{DynamicImage, ImageEncoder, ImageFormat, Rgb, RgbImage};
use std::io::Cursor;

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
        Rgb([c(40.0 + 180.0 * fx), c(70.0 + 120.0 * fy + 50.0 * blob), c(200.0 - 120.0 * fx * fy)])
    })
}

/// The photo as a plain JPEG straight from the encoder (quality 85, no metadata).
pub fn photo_jpeg(width: u32, height: u32) -> Vec<u8> {
    let image = photo(width, height);
    let mut out = Vec::new();
    JpegEncoder::new_with_quality(&mut out, 85)
        .write_image(image.as_raw(), width, height, image::ExtendedColorType::Rgb8)
        .unwrap();
    out
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

fn jpeg_segment(marker: u8, payload: &[u8]) -> Vec<u8> {
    let mut s = vec![0xFF, marker];
    s.extend(((payload.len() + 2) as u16).to_be_bytes());
    s.extend(payload);
    s
}

/// Inserts EXIF (with GPS), XMP, IPTC and a comment right after the JPEG's SOI.
pub fn with_jpeg_metadata(jpeg: &[u8], orientation: u16) -> Vec<u8> {
    let mut exif = b"Exif\0\0".to_vec();
    exif.extend(tiff_with_gps(orientation));
    let mut xmp = XMP_NS.to_vec();
    xmp.push(0);
    xmp.extend(xmp_packet());
    let iptc = b"Photoshop 3.0\08BIM\x04\x04\0\0\0\0\0\x0c\x1c\x02\x5a\0\x07Kharkiv";
    let mut out = jpeg[..2].to_vec();
    out.extend(jpeg_segment(0xE1, &exif));
    out.extend(jpeg_segment(0xE1, &xmp));
    out.extend(jpeg_segment(0xED, iptc));
    out.extend(jpeg_segment(0xFE, COMMENT));
    out.extend(&jpeg[2..]);
    out
}

/// Offset of the first segment that is neither APPn nor COM: where the picture's own
/// tables and data begin.
pub fn picture_start(jpeg: &[u8]) -> usize {
    let mut pos = 2;
    while matches!(jpeg[pos + 1], 0xE0..=0xEF | 0xFE) {
        pos += 2 + usize::from(u16::from_be_bytes([jpeg[pos + 2], jpeg[pos + 3]]));
    }
    pos
}

/// CRC-32 as PNG uses it.
pub fn crc32(bytes: &[u8]) -> u32 {
    let mut crc = !0u32;
    for &b in bytes {
        crc ^= u32::from(b);
        for _ in 0..8 {
            crc = if crc & 1 == 1 { (crc >> 1) ^ 0xEDB8_8320 } else { crc >> 1 };
        }
    }
    !crc
}

/// One PNG chunk with a valid CRC.
pub fn png_chunk(kind: &[u8; 4], data: &[u8]) -> Vec<u8> {
    let mut c = (data.len() as u32).to_be_bytes().to_vec();
    c.extend(kind);
    c.extend(data);
    c.extend(crc32(&c[4..]).to_be_bytes());
    c
}

/// Inserts eXIf (with GPS), tEXt, iTXt (XMP) and tIME chunks right after IHDR.
pub fn with_png_metadata(png: &[u8], orientation: u16) -> Vec<u8> {
    let ihdr_end = 8 + 8 + 13 + 4;
    let mut out = png[..ihdr_end].to_vec();
    out.extend(png_chunk(b"eXIf", &tiff_with_gps(orientation)));
    let mut text = b"Comment\0".to_vec();
    text.extend(COMMENT);
    out.extend(png_chunk(b"tEXt", &text));
    let mut itxt = b"XML:com.adobe.xmp\0\0\0\0\0".to_vec();
    itxt.extend(xmp_packet());
    out.extend(png_chunk(b"iTXt", &itxt));
    out.extend(png_chunk(b"tIME", &[7, 233, 3, 14, 9, 30, 0]));
    out.extend(&png[ihdr_end..]);
    out
}

/// A PNG whose IHDR claims `width` × `height` but holds no real pixel data.
pub fn png_claiming(width: u32, height: u32) -> Vec<u8> {
    let mut ihdr = width.to_be_bytes().to_vec();
    ihdr.extend(height.to_be_bytes());
    ihdr.extend([8, 2, 0, 0, 0]);
    let mut out = b"\x89PNG\r\n\x1a\n".to_vec();
    out.extend(png_chunk(b"IHDR", &ihdr));
    out.extend(png_chunk(b"IDAT", &[0x78, 0x9c, 0x03, 0x00, 0x00, 0x00, 0x00, 0x01]));
    out.extend(png_chunk(b"IEND", &[]));
    out
}

/// Whether `needle` occurs anywhere in `haystack`.
pub fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    haystack.windows(needle.len()).any(|window| window == needle)
}

/// Asserts that no trace of the fixture metadata is left in `bytes`.
pub fn assert_clean(bytes: &[u8], what: &str) {
    assert!(!contains(bytes, b"Exif"), "{what}: EXIF header left");
    assert!(!contains(bytes, &rationals(&LATITUDE)), "{what}: GPS latitude left");
    assert!(!contains(bytes, &rationals(&LONGITUDE)), "{what}: GPS longitude left");
    assert!(!contains(bytes, b"http://ns.adobe.com/xap"), "{what}: XMP left");
    assert!(!contains(bytes, b"Kharkiv"), "{what}: place name left");
    assert!(!contains(bytes, COMMENT), "{what}: comment left");
}

fn sub_blocks(data: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    for block in data.chunks(255) {
        out.push(block.len() as u8);
        out.extend(block);
    }
    out.push(0);
    out
}

/// Inserts a comment extension and an XMP application extension after the GIF's
/// screen descriptor and global colour table.
pub fn gif_with_metadata(gif: &[u8]) -> Vec<u8> {
    let packed = gif[10];
    let table = if packed & 0x80 == 0 { 0 } else { 3 << ((packed & 7) + 1) };
    let at = 13 + table;
    let mut out = gif[..at].to_vec();
    out.extend([0x21, 0xFE]);
    out.extend(sub_blocks(COMMENT));
    out.extend([0x21, 0xFF, 0x0B]);
    out.extend(b"XMP DataXMP");
    out.extend(sub_blocks(&xmp_packet()));
    out.extend(&gif[at..]);
    out
}

fn riff_chunk(kind: &[u8; 4], data: &[u8]) -> Vec<u8> {
    let mut c = kind.to_vec();
    c.extend((data.len() as u32).to_le_bytes());
    c.extend(data);
    if data.len() % 2 == 1 {
        c.push(0);
    }
    c
}

/// Wraps a simple-format WebP's image chunk in an extended file with EXIF and XMP.
pub fn webp_with_metadata(simple: &[u8], width: u32, height: u32, orientation: u16) -> Vec<u8> {
    let mut vp8x = vec![0x08 | 0x04, 0, 0, 0];
    vp8x.extend(&(width - 1).to_le_bytes()[..3]);
    vp8x.extend(&(height - 1).to_le_bytes()[..3]);
    let mut body = b"WEBP".to_vec();
    body.extend(riff_chunk(b"VP8X", &vp8x));
    body.extend(&simple[12..]);
    body.extend(riff_chunk(b"EXIF", &tiff_with_gps(orientation)));
    body.extend(riff_chunk(b"XMP ", &xmp_packet()));
    let mut out = b"RIFF".to_vec();
    out.extend((body.len() as u32).to_le_bytes());
    out.extend(body);
    out
}
