//! Image type detection from the file's content (magic bytes), never its name.

use image::ImageFormat;

/// The image formats the media library accepts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ImageKind {
    /// JPEG (JFIF or Exif), the usual camera and phone photo.
    Jpeg,
    /// PNG, including APNG.
    Png,
    /// WebP, lossy or lossless, still or animated.
    Webp,
    /// GIF, still or animated.
    Gif,
}

impl ImageKind {
    /// The MIME type to serve this image with.
    pub fn mime(&self) -> &'static str {
        match self {
            Self::Jpeg => "image/jpeg",
            Self::Png => "image/png",
            Self::Webp => "image/webp",
            Self::Gif => "image/gif",
        }
    }

    /// The file extension (without the dot) to store this image under.
    pub fn extension(&self) -> &'static str {
        match self {
            Self::Jpeg => "jpg",
            Self::Png => "png",
            Self::Webp => "webp",
            Self::Gif => "gif",
        }
    }

    /// The matching `image` crate format, for choosing a decoder.
    pub(crate) fn format(self) -> ImageFormat {
        match self {
            Self::Jpeg => ImageFormat::Jpeg,
            Self::Png => ImageFormat::Png,
            Self::Webp => ImageFormat::WebP,
            Self::Gif => ImageFormat::Gif,
        }
    }
}

/// PNG's eight-byte signature.
pub(crate) const PNG_SIGNATURE: &[u8; 8] = b"\x89PNG\r\n\x1a\n";

/// Detects the image type from the first bytes of the file.
///
/// Returns `None` for anything that is not a JPEG, PNG, WebP or GIF image,
/// such as a PDF, a text file or an SVG, whatever its file name says.
pub fn detect(bytes: &[u8]) -> Option<ImageKind> {
    if bytes.starts_with(&[0xFF, 0xD8, 0xFF]) {
        Some(ImageKind::Jpeg)
    } else if bytes.starts_with(PNG_SIGNATURE) {
        Some(ImageKind::Png)
    } else if bytes.len() >= 12 && bytes.starts_with(b"RIFF") && &bytes[8..12] == b"WEBP" {
        Some(ImageKind::Webp)
    } else if bytes.starts_with(b"GIF87a") || bytes.starts_with(b"GIF89a") {
        Some(ImageKind::Gif)
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn detects_each_signature() {
        assert_eq!(detect(b"\xFF\xD8\xFF\xE0rest"), Some(ImageKind::Jpeg));
        assert_eq!(detect(b"\x89PNG\r\n\x1a\n...."), Some(ImageKind::Png));
        assert_eq!(detect(b"RIFF\0\0\0\0WEBPVP8 "), Some(ImageKind::Webp));
        assert_eq!(detect(b"GIF89a.."), Some(ImageKind::Gif));
        assert_eq!(detect(b"GIF87a.."), Some(ImageKind::Gif));
    }

    #[test]
    fn rejects_lookalikes_and_short_input() {
        assert_eq!(detect(b""), None);
        assert_eq!(detect(b"\xFF\xD8"), None);
        assert_eq!(detect(b"RIFF\0\0\0\0WAVEfmt "), None);
        assert_eq!(detect(b"RIFF"), None);
        assert_eq!(detect(b"%PDF-1.7"), None);
        assert_eq!(detect(b"<svg xmlns=\"http://www.w3.org/2000/svg\"/>"), None);
    }

    #[test]
    fn mime_and_extension_agree() {
        for kind in [
            ImageKind::Jpeg,
            ImageKind::Png,
            ImageKind::Webp,
            ImageKind::Gif,
        ] {
            assert!(kind.mime().starts_with("image/"));
            assert!(!kind.extension().is_empty());
        }
        assert_eq!(ImageKind::Jpeg.extension(), "jpg");
    }
}
