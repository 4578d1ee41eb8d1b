//! Metadata removal for the kept original: a lossless container walk per format, or a
//! re-encode when the picture first has to be turned upright.

mod gif;
mod jpeg;
mod png;
mod webp;

use image::metadata::Orientation;

use crate::decode::Decoded;
use crate::{encode, ImageKind, MediaError};

/// JPEG quality for originals that had to be re-encoded to turn them upright.
const REENCODE_JPEG_QUALITY: u8 = 90;
/// Lossy WebP quality for originals that had to be re-encoded to turn them upright.
const REENCODE_WEBP_QUALITY: f32 = 90.0;

/// Removes metadata without touching the coded picture.
pub(crate) fn lossless(kind: ImageKind, bytes: &[u8]) -> Result<Vec<u8>, MediaError> {
    match kind {
        ImageKind::Jpeg => jpeg::strip(bytes),
        ImageKind::Png => png::strip(bytes),
        ImageKind::Webp => webp::strip(bytes),
        ImageKind::Gif => gif::strip(bytes),
    }
}

/// The metadata-free original: lossless when the stored pixels are already upright,
/// otherwise the upright pixels re-encoded in the same format.
///
/// The container is always walked first, so a file whose structure is broken is
/// refused even when the decoder was lenient with it.
pub(crate) fn original(
    kind: ImageKind,
    bytes: &[u8],
    decoded: &Decoded,
) -> Result<Vec<u8>, MediaError> {
    let stripped = lossless(kind, bytes)?;
    if decoded.orientation == Orientation::NoTransforms {
        return Ok(stripped);
    }
    reencode(kind, decoded)
}

/// Re-encodes the upright picture in its own format, carrying over only the ICC profile.
///
/// JPEG at quality 90, PNG losslessly, WebP lossy at quality 90 (or with alpha when
/// transparent). Only the first frame of an animated file survives, but GIF carries
/// no orientation and rotated animated WebP does not occur in practice.
fn reencode(kind: ImageKind, decoded: &Decoded) -> Result<Vec<u8>, MediaError> {
    let icc = decoded.icc_profile.as_deref();
    match kind {
        ImageKind::Jpeg => encode::jpeg(&decoded.image, REENCODE_JPEG_QUALITY, icc),
        ImageKind::Png | ImageKind::Gif => encode::png(&decoded.image, icc),
        ImageKind::Webp => {
            let transparent = crate::variant::has_transparency(&decoded.image);
            encode::webp(&decoded.image, REENCODE_WEBP_QUALITY, transparent)
        }
    }
}
