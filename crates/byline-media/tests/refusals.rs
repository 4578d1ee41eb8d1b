//! Uploads that must be refused, each with the right error: type is judged by content,
//! damaged files are reported as such, and size and pixel limits hold before decoding.

mod common;

use byline_media::{detect, process, strip_metadata, ImageKind, Limits, MediaError};
use common::*;
use image::{DynamicImage, ImageFormat};

#[test]
fn a_png_named_like_a_jpeg_is_treated_as_png() {
    // Only bytes reach this crate, never a file name: "photo.jpg" holding a PNG is a PNG.
    let png = encode(&DynamicImage::ImageRgb8(photo(40, 30)), ImageFormat::Png);
    assert_eq!(detect(&png), Some(ImageKind::Png));
    let processed = process(&png, &Limits::default()).unwrap();
    assert_eq!(processed.kind, ImageKind::Png);
    assert_eq!(processed.kind.mime(), "image/png");
}

#[test]
fn other_file_types_are_unsupported() {
    let svg =
        br#"<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"/>"#;
    let files: [&[u8]; 5] = [
        b"Meeting notes, not a photo\n",
        b"%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\n",
        svg,
        b"",
        b"RIFF\x04\0\0\0WAVE",
    ];
    for file in files {
        assert_eq!(detect(file), None);
        assert_eq!(
            process(file, &Limits::default()),
            Err(MediaError::UnsupportedType)
        );
        assert_eq!(strip_metadata(file), Err(MediaError::UnsupportedType));
    }
    assert_eq!(
        MediaError::UnsupportedType.to_string(),
        "The file is not a JPEG, PNG, WebP or GIF image."
    );
}

#[test]
fn truncated_jpeg_is_corrupt() {
    let jpeg = photo_jpeg(320, 240);
    for cut in [jpeg.len() / 2, jpeg.len() - 2, 40] {
        let result = process(&jpeg[..cut], &Limits::default());
        assert!(
            matches!(result, Err(MediaError::Corrupt(_))),
            "cut at {cut}: {result:?}"
        );
        assert!(matches!(
            strip_metadata(&jpeg[..cut]),
            Err(MediaError::Corrupt(_))
        ));
    }
}

#[test]
fn garbage_after_a_valid_signature_is_corrupt() {
    for file in [
        &b"\xFF\xD8\xFF\xE0garbage"[..],
        b"\x89PNG\r\n\x1a\ngarbage",
        b"GIF89agarbage",
    ] {
        let result = process(file, &Limits::default());
        assert!(matches!(result, Err(MediaError::Corrupt(_))), "{result:?}");
    }
}

#[test]
fn files_over_max_bytes_are_too_large() {
    let jpeg = photo_jpeg(200, 200);
    let limits = Limits {
        max_bytes: jpeg.len() - 1,
        ..Limits::default()
    };
    assert_eq!(
        process(&jpeg, &limits),
        Err(MediaError::TooLarge {
            max_bytes: jpeg.len() - 1
        })
    );
    // Size is checked before the type: a huge text file is refused for its size.
    let text = vec![b'a'; 100];
    let tiny = Limits {
        max_bytes: 10,
        ..Limits::default()
    };
    assert_eq!(
        process(&text, &tiny),
        Err(MediaError::TooLarge { max_bytes: 10 })
    );
    assert!(process(
        &jpeg,
        &Limits {
            max_bytes: jpeg.len(),
            ..Limits::default()
        }
    )
    .is_ok());
}

#[test]
fn png_claiming_huge_dimensions_is_refused_before_decoding() {
    // 10^10 pixels would need 30 GB; refusal must come from the header alone.
    let bomb = png_claiming(100_000, 100_000);
    assert!(bomb.len() < 100);
    let expected = MediaError::TooManyPixels {
        width: 100_000,
        height: 100_000,
    };
    assert_eq!(process(&bomb, &Limits::default()), Err(expected.clone()));
    assert_eq!(strip_metadata(&bomb), Err(expected));
}

#[test]
fn deep_colour_under_the_pixel_limit_is_refused_before_decoding() {
    // 7000 × 7000 is under the 50-megapixel limit, but 16-bit RGBA needs 392 MB.
    let bomb = png_claiming_depth(7000, 7000, 16, 6);
    let expected = MediaError::TooDeep {
        width: 7000,
        height: 7000,
        bits: 64,
    };
    assert_eq!(process(&bomb, &Limits::default()), Err(expected));
    // The same size in 8-bit RGB is only cut short (no pixel data), not refused for size.
    let plain = process(&png_claiming_depth(7000, 7000, 8, 2), &Limits::default());
    assert!(matches!(plain, Err(MediaError::Corrupt(_))), "{plain:?}");
}

#[test]
fn jpeg_claiming_huge_dimensions_is_refused_before_decoding() {
    let mut jpeg = photo_jpeg(64, 64);
    // Rewrite the SOF0 frame header's height and width to 60000 × 60000.
    let sof = jpeg.windows(2).position(|w| w == [0xFF, 0xC0]).unwrap();
    jpeg[sof + 5..sof + 9].copy_from_slice(&[0xEA, 0x60, 0xEA, 0x60]);
    let result = process(&jpeg, &Limits::default());
    assert_eq!(
        result,
        Err(MediaError::TooManyPixels {
            width: 60_000,
            height: 60_000
        })
    );
}

#[test]
fn pixel_limit_is_configurable() {
    let jpeg = photo_jpeg(200, 100);
    let limits = Limits {
        max_pixels: 19_999,
        ..Limits::default()
    };
    assert_eq!(
        process(&jpeg, &limits),
        Err(MediaError::TooManyPixels {
            width: 200,
            height: 100
        })
    );
    assert!(process(
        &jpeg,
        &Limits {
            max_pixels: 20_000,
            ..Limits::default()
        }
    )
    .is_ok());
}

#[test]
fn cut_or_scrambled_files_never_panic() {
    let picture = DynamicImage::ImageRgb8(photo(24, 16));
    let files = [
        with_jpeg_metadata(&photo_jpeg(24, 16), 6),
        with_png_metadata(&encode(&picture, ImageFormat::Png), 1),
        gif_with_metadata(&encode(&picture, ImageFormat::Gif)),
        webp_with_metadata(&encode(&picture, ImageFormat::WebP), 24, 16, 1),
    ];
    let limits = Limits {
        widths: vec![8],
        ..Limits::default()
    };
    for file in &files {
        for cut in (0..file.len()).step_by(3) {
            let _ = process(&file[..cut], &limits);
            let _ = strip_metadata(&file[..cut]);
        }
        for at in 0..file.len() {
            let mut scrambled = file.clone();
            scrambled[at] ^= 0xA5;
            // Whatever still parses must still come out clean.
            if let Ok(processed) = process(&scrambled, &limits) {
                assert!(
                    !contains(&processed.original, &rationals(&LONGITUDE)),
                    "byte {at}"
                );
                assert!(!contains(&processed.original, COMMENT), "byte {at}");
            }
            if let Ok(stripped) = strip_metadata(&scrambled) {
                assert!(!contains(&stripped, &rationals(&LONGITUDE)), "byte {at}");
                assert!(!contains(&stripped, COMMENT), "byte {at}");
            }
        }
    }
}
