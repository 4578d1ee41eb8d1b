//! Metadata stripping end to end: nothing identifying survives in the original or
//! any variant, and the picture itself is kept losslessly where it can be.

mod common;

use byline_media::{process, strip_metadata, ImageKind, Limits, VariantFormat};
use common::*;
use image::{DynamicImage, GenericImageView, ImageFormat};

#[test]
fn jpeg_with_gps_exif_xmp_iptc_and_comment_is_stripped_losslessly() {
    let plain = photo_jpeg(1200, 800);
    let tagged = with_jpeg_metadata(&plain, 1);
    for marker in [
        &b"Exif"[..],
        &rationals(&LATITUDE),
        XMP_NS,
        COMMENT,
        b"Kharkiv",
    ] {
        assert!(
            contains(&tagged, marker),
            "the fixture must carry what we strip"
        );
    }

    let processed = process(&tagged, &Limits::default()).unwrap();
    assert_eq!(processed.kind, ImageKind::Jpeg);
    assert_eq!((processed.width, processed.height), (1200, 800));
    assert_clean(&processed.original, "original");
    for variant in &processed.variants {
        assert_clean(&variant.bytes, "variant");
    }
    assert_eq!(decode(&processed.original).dimensions(), (1200, 800));
    // Tables, frame header and scans are byte-identical to what the camera wrote.
    let original = &processed.original;
    assert_eq!(
        &original[picture_start(original)..],
        &plain[picture_start(&plain)..]
    );
    assert_eq!(strip_metadata(&tagged).unwrap(), processed.original);
}

#[test]
fn jpeg_orientation_6_is_turned_upright_and_loses_its_exif() {
    let tagged = with_jpeg_metadata(&photo_jpeg(300, 200), 6);
    let processed = process(&tagged, &Limits::default()).unwrap();
    assert_eq!((processed.width, processed.height), (200, 300));
    assert_clean(&processed.original, "rotated original");
    assert_eq!(decode(&processed.original).dimensions(), (200, 300));
    let stripped = strip_metadata(&tagged).unwrap();
    assert_clean(&stripped, "strip_metadata");
    assert_eq!(decode(&stripped).dimensions(), (200, 300));
}

#[test]
fn rotation_turns_the_picture_the_right_way() {
    // Orientation 6 means "rotate 90° clockwise to display": the stored top-left
    // corner ends up top-right.
    let mut stored = image::RgbImage::from_pixel(60, 40, image::Rgb([255, 255, 255]));
    for (x, y, pixel) in stored.enumerate_pixels_mut() {
        if x < 20 && y < 20 {
            *pixel = image::Rgb([0, 0, 0]);
        }
    }
    let jpeg = encode(&DynamicImage::ImageRgb8(stored), ImageFormat::Jpeg);
    let upright = decode(&strip_metadata(&with_jpeg_metadata(&jpeg, 6)).unwrap()).to_luma8();
    assert_eq!(upright.dimensions(), (40, 60));
    assert!(
        upright.get_pixel(30, 10)[0] < 60,
        "top-right should be dark"
    );
    assert!(
        upright.get_pixel(10, 10)[0] > 200,
        "top-left should be light"
    );
}

#[test]
fn png_with_exif_and_text_chunks_is_stripped() {
    let plain = encode(&DynamicImage::ImageRgb8(photo(640, 480)), ImageFormat::Png);
    let tagged = with_png_metadata(&plain, 1);
    assert!(contains(&tagged, &rationals(&LONGITUDE)) && contains(&tagged, COMMENT));
    let processed = process(&tagged, &Limits::default()).unwrap();
    assert_eq!(processed.kind, ImageKind::Png);
    assert_clean(&processed.original, "png original");
    for variant in &processed.variants {
        assert_clean(&variant.bytes, "png variant");
    }
    // Whole chunks copied: the result is exactly the untagged file.
    assert_eq!(processed.original, plain);
}

#[test]
fn png_orientation_is_applied_before_the_exif_goes() {
    let plain = encode(&DynamicImage::ImageRgb8(photo(64, 32)), ImageFormat::Png);
    let stripped = strip_metadata(&with_png_metadata(&plain, 6)).unwrap();
    assert_clean(&stripped, "rotated png");
    assert_eq!(decode(&stripped).dimensions(), (32, 64));
}

#[test]
fn webp_exif_and_xmp_chunks_are_dropped() {
    let lossless = encode(&DynamicImage::ImageRgb8(photo(120, 80)), ImageFormat::WebP);
    let tagged = webp_with_metadata(&lossless, 120, 80, 1);
    assert_eq!(
        decode(&tagged).dimensions(),
        (120, 80),
        "fixture must decode"
    );
    let processed = process(&tagged, &Limits::default()).unwrap();
    assert_eq!(processed.kind, ImageKind::Webp);
    assert_clean(&processed.original, "webp original");
    assert_eq!(decode(&processed.original).dimensions(), (120, 80));
    // The coded picture is untouched.
    assert!(contains(&processed.original, &lossless[12..]));

    let rotated = strip_metadata(&webp_with_metadata(&lossless, 120, 80, 6)).unwrap();
    assert_clean(&rotated, "rotated webp");
    assert_eq!(decode(&rotated).dimensions(), (80, 120));
}

#[test]
fn gif_comment_and_xmp_extensions_are_dropped_and_variants_are_png() {
    let plain = encode(&DynamicImage::ImageRgb8(photo(600, 300)), ImageFormat::Gif);
    let tagged = gif_with_metadata(&plain);
    let limits = Limits {
        widths: vec![300],
        ..Limits::default()
    };
    let processed = process(&tagged, &limits).unwrap();
    assert_eq!(processed.kind, ImageKind::Gif);
    assert_clean(&processed.original, "gif original");
    assert_eq!(processed.original, plain);
    let formats: Vec<_> = processed.variants.iter().map(|v| v.format).collect();
    assert_eq!(formats, [VariantFormat::Png, VariantFormat::Webp]);
}

#[test]
fn jpeg_data_after_end_of_image_is_dropped() {
    let mut tagged = photo_jpeg(64, 64);
    tagged.extend(b"Exif trailer with GPS");
    let stripped = strip_metadata(&tagged).unwrap();
    assert_eq!(&stripped[stripped.len() - 2..], [0xFF, 0xD9]);
    assert!(!contains(&stripped, b"Exif"));
}
