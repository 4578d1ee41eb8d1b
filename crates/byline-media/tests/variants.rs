//! Responsive variants: the configured widths below the original, each as a fallback
//! format plus WebP, with the aspect ratio kept and never upscaled.

mod common;

use byline_media::{process, Limits, VariantFormat};
use common::*;
use image::{DynamicImage, GenericImageView, ImageFormat, Rgba, RgbaImage};

#[test]
fn two_widths_give_four_decodable_variants() {
    let jpeg = with_jpeg_metadata(&photo_jpeg(1200, 800), 1);
    let limits = Limits {
        widths: vec![960, 480],
        ..Limits::default()
    };
    let processed = process(&jpeg, &limits).unwrap();
    let shape: Vec<_> = processed
        .variants
        .iter()
        .map(|v| (v.width, v.height, v.format))
        .collect();
    assert_eq!(
        shape,
        [
            (480, 320, VariantFormat::Jpeg),
            (480, 320, VariantFormat::Webp),
            (960, 640, VariantFormat::Jpeg),
            (960, 640, VariantFormat::Webp),
        ]
    );
    for variant in &processed.variants {
        let format = image::guess_format(&variant.bytes).unwrap();
        let expected = match variant.format {
            VariantFormat::Jpeg => ImageFormat::Jpeg,
            VariantFormat::Webp => ImageFormat::WebP,
            VariantFormat::Png => ImageFormat::Png,
        };
        assert_eq!(format, expected);
        let decoded = image::load_from_memory(&variant.bytes).unwrap();
        assert_eq!(decoded.dimensions(), (variant.width, variant.height));
        assert_clean(&variant.bytes, "variant");
    }
    let size = |width, format| {
        processed
            .variants
            .iter()
            .find(|v| v.width == width && v.format == format)
            .unwrap()
            .bytes
            .len()
    };
    println!(
        "1200x800 photo variants: 480w JPEG {} B / WebP {} B, 960w JPEG {} B / WebP {} B (original {} B)",
        size(480, VariantFormat::Jpeg),
        size(480, VariantFormat::Webp),
        size(960, VariantFormat::Jpeg),
        size(960, VariantFormat::Webp),
        processed.original.len()
    );
}

#[test]
fn a_narrow_image_gets_no_variants() {
    let jpeg = photo_jpeg(400, 300);
    let limits = Limits {
        widths: vec![480, 960],
        ..Limits::default()
    };
    let processed = process(&jpeg, &limits).unwrap();
    assert!(processed.variants.is_empty());
    assert_eq!((processed.width, processed.height), (400, 300));
}

#[test]
fn a_width_equal_to_the_original_is_not_repeated() {
    let limits = Limits {
        widths: vec![480, 480, 0, 640],
        ..Limits::default()
    };
    let processed = process(&photo_jpeg(640, 480), &limits).unwrap();
    let widths: Vec<_> = processed.variants.iter().map(|v| v.width).collect();
    assert_eq!(widths, [480, 480]);
}

#[test]
fn default_widths_on_a_rotated_photo_follow_the_upright_size() {
    // Stored 2000x1000 with orientation 6: upright it is 1000 wide, so only 480 and 960 fit.
    let jpeg = with_jpeg_metadata(&photo_jpeg(2000, 1000), 6);
    let processed = process(&jpeg, &Limits::default()).unwrap();
    let shape: Vec<_> = processed
        .variants
        .iter()
        .map(|v| (v.width, v.height))
        .collect();
    assert_eq!(shape, [(480, 960), (480, 960), (960, 1920), (960, 1920)]);
}

#[test]
fn transparent_png_variants_are_png_and_webp_with_alpha() {
    let mut picture = RgbaImage::from_pixel(800, 400, Rgba([200, 30, 30, 255]));
    for x in 0..400 {
        for y in 0..400 {
            picture.put_pixel(x, y, Rgba([0, 0, 0, 0]));
        }
    }
    let png = encode(&DynamicImage::ImageRgba8(picture), ImageFormat::Png);
    let processed = process(
        &png,
        &Limits {
            widths: vec![400],
            ..Limits::default()
        },
    )
    .unwrap();
    let formats: Vec<_> = processed.variants.iter().map(|v| v.format).collect();
    assert_eq!(formats, [VariantFormat::Png, VariantFormat::Webp]);
    for variant in &processed.variants {
        let decoded = image::load_from_memory(&variant.bytes).unwrap().to_rgba8();
        assert_eq!(
            decoded.get_pixel(10, 10)[3],
            0,
            "{:?} lost transparency",
            variant.format
        );
        assert_eq!(decoded.get_pixel(390, 190)[3], 255);
    }
}

#[test]
fn opaque_png_variants_are_jpeg_and_webp() {
    let png = encode(
        &DynamicImage::ImageRgba8(DynamicImage::ImageRgb8(photo(800, 400)).to_rgba8()),
        ImageFormat::Png,
    );
    let processed = process(
        &png,
        &Limits {
            widths: vec![400],
            ..Limits::default()
        },
    )
    .unwrap();
    let formats: Vec<_> = processed.variants.iter().map(|v| v.format).collect();
    assert_eq!(formats, [VariantFormat::Jpeg, VariantFormat::Webp]);
}
