//! Image processing for the media library, with no IO: the type is detected from the
//! content (never the file name); all metadata — EXIF with GPS location above all, XMP,
//! IPTC, comments — is stripped from the kept original; responsive variants (JPEG or PNG
//! plus WebP) are generated for `srcset`. A journalist's photo must never reveal where it
//! was taken.
#![forbid(unsafe_code)]

mod decode;
mod encode;
mod error;
mod kind;
mod strip;
mod variant;

pub use error::MediaError;
pub use kind::{detect, ImageKind};
pub use variant::{Variant, VariantFormat};

/// What an upload may be.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Limits {
    /// Largest file accepted.
    pub max_bytes: usize,
    /// Largest picture (width × height) decoded: a guard against decompression bombs.
    pub max_pixels: u64,
    /// Widths of the responsive variants.
    pub widths: Vec<u32>,
}

impl Default for Limits {
    fn default() -> Self {
        Self { max_bytes: 20 * 1024 * 1024, max_pixels: 50_000_000, widths: vec![480, 960, 1600] }
    }
}

/// A processed upload.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProcessedImage {
    pub kind: ImageKind,
    /// Of the upright original.
    pub width: u32,
    pub height: u32,
    /// The uploaded image without any metadata, in its own format.
    pub original: Vec<u8>,
    /// Smaller copies for `srcset`, smallest first.
    pub variants: Vec<Variant>,
}

/// Checks, strips and resizes an uploaded image.
pub fn process(bytes: &[u8], limits: &Limits) -> Result<ProcessedImage, MediaError> {
    if bytes.len() > limits.max_bytes {
        return Err(MediaError::TooLarge { max_bytes: limits.max_bytes });
    }
    let kind = detect(bytes).ok_or(MediaError::UnsupportedType)?;
    decode::header(bytes, kind, limits.max_pixels)?;
    let decoded = decode::decode(bytes, kind, limits.max_pixels)?;
    let original = strip::original(kind, bytes, &decoded)?;
    let variants = variant::render(kind, &decoded.image, &limits.widths)?;
    Ok(ProcessedImage { kind, width: decoded.image.width(), height: decoded.image.height(), original, variants })
}

/// Removes metadata from an image without re-encoding its picture.
pub fn strip_metadata(bytes: &[u8]) -> Result<Vec<u8>, MediaError> {
    let kind = detect(bytes).ok_or(MediaError::UnsupportedType)?;
    strip::lossless(kind, bytes)
}
