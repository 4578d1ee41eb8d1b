//! Encoders shared by re-encoded originals and variants. Nothing here writes metadata
//! other than an optional ICC colour profile.

use image::codecs::jpeg::JpegEncoder;
use image::codecs::png::PngEncoder;
use image::{DynamicImage, ImageEncoder};

use crate::MediaError;

/// Largest width or height a WebP image can have.
pub(crate) const WEBP_MAX_DIMENSION: u32 = 16_383;

/// Encodes as baseline JPEG. Transparency, if any, is dropped.
pub(crate) fn jpeg(
    image: &DynamicImage,
    quality: u8,
    icc: Option<&[u8]>,
) -> Result<Vec<u8>, MediaError> {
    let rgb = image.to_rgb8();
    let mut out = Vec::new();
    let mut encoder = JpegEncoder::new_with_quality(&mut out, quality);
    if let Some(icc) = icc {
        // The encoder refuses only profiles too big for a JPEG; colour is then best effort.
        let _ = encoder.set_icc_profile(icc.to_vec());
    }
    encoder
        .write_image(
            rgb.as_raw(),
            rgb.width(),
            rgb.height(),
            image::ExtendedColorType::Rgb8,
        )
        .map_err(MediaError::from_image)?;
    Ok(out)
}

/// Encodes as PNG, keeping the pixel depth and any transparency.
pub(crate) fn png(image: &DynamicImage, icc: Option<&[u8]>) -> Result<Vec<u8>, MediaError> {
    let mut out = Vec::new();
    let mut encoder = PngEncoder::new(&mut out);
    if let Some(icc) = icc {
        let _ = encoder.set_icc_profile(icc.to_vec());
    }
    image
        .write_with_encoder(encoder)
        .map_err(MediaError::from_image)?;
    Ok(out)
}

/// Encodes as lossy WebP with libwebp (with alpha when the image has transparency).
///
/// `image` 0.25 only writes lossless WebP, which for photographs is larger than the
/// JPEG it is meant to replace; libwebp's lossy encoder is several times smaller.
pub(crate) fn webp(
    image: &DynamicImage,
    quality: f32,
    transparent: bool,
) -> Result<Vec<u8>, MediaError> {
    let (width, height) = (image.width(), image.height());
    if width > WEBP_MAX_DIMENSION || height > WEBP_MAX_DIMENSION {
        return Err(MediaError::corrupt("the image is too large for WebP"));
    }
    let encoded = if transparent {
        let rgba = image.to_rgba8();
        webp::Encoder::from_rgba(rgba.as_raw(), width, height).encode_simple(false, quality)
    } else {
        let rgb = image.to_rgb8();
        webp::Encoder::from_rgb(rgb.as_raw(), width, height).encode_simple(false, quality)
    };
    encoded
        .map(|memory| memory.to_vec())
        .map_err(|err| MediaError::corrupt(format!("WebP encoding failed: {err:?}")))
}

/// Encodes as lossless WebP with the `image` crate (used to measure against lossy).
#[cfg(test)]
pub(crate) fn webp_lossless(image: &DynamicImage) -> Result<Vec<u8>, MediaError> {
    let mut out = Vec::new();
    let rgba = image.to_rgba8();
    image::codecs::webp::WebPEncoder::new_lossless(&mut out)
        .write_image(
            rgba.as_raw(),
            rgba.width(),
            rgba.height(),
            image::ExtendedColorType::Rgba8,
        )
        .map_err(MediaError::from_image)?;
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use image::{Rgb, RgbImage};

    /// A photo-like picture: smooth gradients, soft shapes and sensor-like noise.
    fn photo(width: u32, height: u32) -> DynamicImage {
        let mut seed = 0x2545_f491_u32;
        DynamicImage::ImageRgb8(RgbImage::from_fn(width, height, |x, y| {
            seed ^= seed << 13;
            seed ^= seed >> 17;
            seed ^= seed << 5;
            let noise = (seed % 9) as f32 - 4.0;
            let (fx, fy) = (x as f32 / width as f32, y as f32 / height as f32);
            let blob = (-((fx - 0.6).powi(2) + (fy - 0.4).powi(2)) * 12.0).exp();
            let channel = |v: f32| (v + noise).clamp(0.0, 255.0) as u8;
            Rgb([
                channel(60.0 + 150.0 * fx + 40.0 * blob),
                channel(90.0 + 100.0 * fy + 60.0 * (fx * 9.0).sin()),
                channel(160.0 - 90.0 * fy + 80.0 * blob),
            ])
        }))
    }

    /// Peak signal-to-noise ratio of `encoded` against `reference`, in decibels.
    fn psnr(reference: &DynamicImage, encoded: &[u8]) -> f64 {
        let decoded = image::load_from_memory(encoded).unwrap().to_rgb8();
        let reference = reference.to_rgb8();
        let squared: f64 = reference
            .as_raw()
            .iter()
            .zip(decoded.as_raw())
            .map(|(&a, &b)| (f64::from(a) - f64::from(b)).powi(2))
            .sum();
        let mse = squared / reference.as_raw().len() as f64;
        10.0 * (255.0 * 255.0 / mse).log10()
    }

    /// Records the sizes behind the lossy-WebP choice; run with `--nocapture` to see them.
    #[test]
    fn lossy_webp_beats_jpeg_and_lossless_on_a_photo() {
        let image = photo(960, 640);
        let (jpeg, lossy) = (
            jpeg(&image, 80, None).unwrap(),
            webp(&image, 80.0, false).unwrap(),
        );
        let (jpeg_psnr, lossy_psnr) = (psnr(&image, &jpeg), psnr(&image, &lossy));
        let (jpeg, lossy) = (jpeg.len(), lossy.len());
        let lossless = webp_lossless(&image).unwrap().len();
        println!(
            "960x640 photo: JPEG q80 {jpeg} B ({jpeg_psnr:.1} dB), lossy WebP q80 {lossy} B \
             ({lossy_psnr:.1} dB), lossless WebP {lossless} B"
        );
        assert!(
            jpeg_psnr > 30.0 && lossy_psnr > 30.0,
            "both should look clean"
        );
        assert!(lossy < jpeg, "lossy WebP should be smaller than JPEG");
        assert!(
            lossless > jpeg,
            "lossless WebP is not a JPEG replacement for photos"
        );
    }

    #[test]
    fn webp_refuses_oversized_images() {
        let tall = DynamicImage::new_rgb8(1, WEBP_MAX_DIMENSION + 1);
        assert!(webp(&tall, 80.0, false).is_err());
    }
}
