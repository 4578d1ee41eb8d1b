//! Responsive variants for `srcset`: each configured width smaller than the original,
//! in a widely supported format plus WebP. Freshly encoded, so they carry no metadata.

use image::imageops::FilterType;
use image::DynamicImage;

use crate::encode::{self, WEBP_MAX_DIMENSION};
use crate::{ImageKind, MediaError};

/// JPEG quality for variants: visually clean for news photos at a fraction of the size.
const JPEG_QUALITY: u8 = 80;
/// Lossy WebP quality for variants.
const WEBP_QUALITY: f32 = 80.0;

/// The encoding of one variant.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum VariantFormat {
    /// Baseline JPEG, the fallback for opaque photos.
    Jpeg,
    /// Lossy WebP (with alpha when the picture has transparency).
    Webp,
    /// PNG, the fallback for GIFs and pictures with transparency.
    Png,
}

impl VariantFormat {
    /// The MIME type to serve this variant with (and to put in `<source type>`).
    pub fn mime(&self) -> &'static str {
        match self {
            Self::Jpeg => "image/jpeg",
            Self::Webp => "image/webp",
            Self::Png => "image/png",
        }
    }

    /// The file extension (without the dot) to store this variant under.
    pub fn extension(&self) -> &'static str {
        match self {
            Self::Jpeg => "jpg",
            Self::Webp => "webp",
            Self::Png => "png",
        }
    }
}

/// One resized, re-encoded copy of an image.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Variant {
    /// Width in pixels: one of the configured widths.
    pub width: u32,
    /// Height in pixels, keeping the original's aspect ratio.
    pub height: u32,
    /// How `bytes` is encoded.
    pub format: VariantFormat,
    /// The encoded file, with no metadata.
    pub bytes: Vec<u8>,
}

/// Renders the variants of an upright image, smallest width first; for each width the
/// fallback (JPEG, or PNG for GIFs and transparent pictures) comes before the WebP.
///
/// Widths not smaller than the original are skipped: a variant is never upscaled.
/// The WebP is skipped for a variant taller than WebP allows (16383 pixels).
pub(crate) fn render(
    kind: ImageKind,
    image: &DynamicImage,
    widths: &[u32],
) -> Result<Vec<Variant>, MediaError> {
    let mut widths: Vec<u32> = widths
        .iter()
        .copied()
        .filter(|&width| width > 0 && width < image.width())
        .collect();
    widths.sort_unstable();
    widths.dedup();
    let transparent = has_transparency(image);
    let fallback = if kind == ImageKind::Gif || transparent {
        VariantFormat::Png
    } else {
        VariantFormat::Jpeg
    };
    let mut variants = Vec::with_capacity(widths.len() * 2);
    for width in widths {
        let height = scaled_height(image.width(), image.height(), width);
        let resized = image.resize_exact(width, height, FilterType::Lanczos3);
        let bytes = match fallback {
            VariantFormat::Png => encode::png(&resized, None)?,
            _ => encode::jpeg(&resized, JPEG_QUALITY, None)?,
        };
        variants.push(Variant {
            width,
            height,
            format: fallback,
            bytes,
        });
        if height <= WEBP_MAX_DIMENSION {
            let bytes = encode::webp(&resized, WEBP_QUALITY, transparent)?;
            variants.push(Variant {
                width,
                height,
                format: VariantFormat::Webp,
                bytes,
            });
        }
    }
    Ok(variants)
}

/// The height that keeps the aspect ratio at `width`, rounded, at least one pixel.
fn scaled_height(original_width: u32, original_height: u32, width: u32) -> u32 {
    let (ow, oh, w) = (
        u64::from(original_width),
        u64::from(original_height),
        u64::from(width),
    );
    let height = (oh * w + ow / 2) / ow;
    u32::try_from(height.max(1)).unwrap_or(u32::MAX)
}

/// Whether any pixel is not fully opaque.
pub(crate) fn has_transparency(image: &DynamicImage) -> bool {
    if !image.color().has_alpha() {
        return false;
    }
    match image {
        DynamicImage::ImageRgba8(buffer) => buffer.pixels().any(|pixel| pixel[3] < u8::MAX),
        DynamicImage::ImageLumaA8(buffer) => buffer.pixels().any(|pixel| pixel[1] < u8::MAX),
        // 16-bit and float images are rare enough to afford the conversion.
        other => other.to_rgba8().pixels().any(|pixel| pixel[3] < u8::MAX),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn heights_keep_the_aspect_ratio() {
        assert_eq!(scaled_height(1200, 800, 480), 320);
        assert_eq!(scaled_height(1200, 800, 960), 640);
        assert_eq!(scaled_height(3000, 1, 480), 1);
        assert_eq!(scaled_height(1001, 1000, 480), 480);
    }

    #[test]
    fn transparency_is_read_from_pixels_not_the_colour_type() {
        let opaque = DynamicImage::ImageRgba8(image::RgbaImage::from_pixel(
            4,
            4,
            image::Rgba([1, 2, 3, 255]),
        ));
        assert!(!has_transparency(&opaque));
        let mut clear = opaque.to_rgba8();
        clear.put_pixel(0, 0, image::Rgba([0, 0, 0, 0]));
        assert!(has_transparency(&DynamicImage::ImageRgba8(clear)));
    }

    #[test]
    fn formats_name_themselves() {
        assert_eq!(VariantFormat::Webp.mime(), "image/webp");
        assert_eq!(VariantFormat::Jpeg.extension(), "jpg");
        assert_eq!(VariantFormat::Png.extension(), "png");
    }
}
