//! Bounded decoding: dimensions are checked from the header before any pixel buffer
//! is allocated, then the picture is decoded and turned upright.

use std::io::Cursor;

use image::metadata::Orientation;
use image::{DynamicImage, ImageDecoder, ImageError, ImageReader};

use crate::{ImageKind, MediaError};

/// A decoded upload: the upright pixels plus what re-encoding needs to stay faithful.
pub(crate) struct Decoded {
    /// The pixels with the EXIF orientation already applied (first frame for animations).
    pub image: DynamicImage,
    /// The orientation the file asked for; anything but `NoTransforms` means the
    /// stored pixels were not upright.
    pub orientation: Orientation,
    /// The embedded ICC colour profile, kept when the original has to be re-encoded.
    pub icc_profile: Option<Vec<u8>>,
}

/// Header facts read without decoding pixels.
pub(crate) struct Header {
    /// The orientation the file's EXIF asks for.
    pub orientation: Orientation,
}

/// Bytes per pixel the decoder may need at most (RGBA with 32-bit floats), used to
/// turn the pixel budget into a memory budget for the `image` crate.
const MAX_BYTES_PER_PIXEL: u64 = 16;

/// Largest decoded picture accepted, in bytes: a 50-megapixel photo in 8-bit RGB fits
/// (150 MB); the same size in 16-bit RGBA (400 MB) does not.
pub const MAX_DECODED_BYTES: u64 = 192 * 1024 * 1024;

fn reader(bytes: &[u8], kind: ImageKind, max_pixels: u64) -> ImageReader<Cursor<&[u8]>> {
    let mut reader = ImageReader::with_format(Cursor::new(bytes), kind.format());
    let mut limits = image::Limits::default();
    // Our own size checks run first; this is the backstop for decoders that
    // allocate more than the final buffer (animations, scratch space).
    limits.max_alloc = Some(
        max_pixels
            .saturating_mul(MAX_BYTES_PER_PIXEL)
            .clamp(64 << 20, MAX_DECODED_BYTES + (64 << 20)),
    );
    reader.limits(limits);
    reader
}

/// Opens a decoder, refusing images whose header claims more than `max_pixels`.
fn open(
    bytes: &[u8],
    kind: ImageKind,
    max_pixels: u64,
) -> Result<impl ImageDecoder + '_, MediaError> {
    let decoder = reader(bytes, kind, max_pixels)
        .into_decoder()
        .map_err(MediaError::from_image)?;
    let (width, height) = decoder.dimensions();
    if width == 0 || height == 0 {
        return Err(MediaError::corrupt("the image has no pixels"));
    }
    if u64::from(width) * u64::from(height) > max_pixels {
        return Err(MediaError::TooManyPixels { width, height });
    }
    if decoder.total_bytes() > MAX_DECODED_BYTES {
        let bits = decoder.color_type().bits_per_pixel();
        return Err(MediaError::TooDeep {
            width,
            height,
            bits,
        });
    }
    Ok(decoder)
}

/// Reads the header only: enough to know whether the picture must be turned upright.
pub(crate) fn header(bytes: &[u8], kind: ImageKind, max_pixels: u64) -> Result<Header, MediaError> {
    let mut decoder = open(bytes, kind, max_pixels)?;
    let orientation = decoder.orientation().map_err(MediaError::from_image)?;
    Ok(Header { orientation })
}

/// Decodes the whole picture (first frame) and applies its orientation.
pub(crate) fn decode(
    bytes: &[u8],
    kind: ImageKind,
    max_pixels: u64,
) -> Result<Decoded, MediaError> {
    let mut decoder = open(bytes, kind, max_pixels)?;
    let orientation = decoder.orientation().map_err(MediaError::from_image)?;
    // A broken colour profile only costs colour accuracy, so it never refuses the upload.
    let icc_profile = decoder.icc_profile().ok().flatten();
    let (width, height) = decoder.dimensions();
    let mut image = DynamicImage::from_decoder(decoder).map_err(|err| match err {
        // The decoder wanted more memory than the pixel budget allows.
        ImageError::Limits(_) => MediaError::TooManyPixels { width, height },
        other => MediaError::from_image(other),
    })?;
    image.apply_orientation(orientation);
    Ok(Decoded {
        image,
        orientation,
        icc_profile,
    })
}
