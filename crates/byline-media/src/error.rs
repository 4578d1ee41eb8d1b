//! The errors a journalist can meet when uploading an image, with messages written for them.

use image::ImageError;

/// Why an uploaded image was refused.
///
/// The `Display` text is meant to be shown to the person who uploaded the file.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum MediaError {
    /// The upload is bigger than [`crate::Limits::max_bytes`].
    #[error("The file is too large: images can be at most {}. Please upload a smaller version.", human_size(*max_bytes))]
    TooLarge {
        /// The limit that was exceeded, in bytes.
        max_bytes: usize,
    },
    /// The content is not a JPEG, PNG, WebP or GIF image (for example a PDF,
    /// a text file or an SVG), whatever the file name says.
    #[error("The file is not a JPEG, PNG, WebP or GIF image.")]
    UnsupportedType,
    /// The file looks like an image but could not be read: damaged, cut short,
    /// or using a feature the decoder does not support. The text is a technical detail.
    #[error("The image could not be read; the file may be damaged or incomplete. Please export or save it again and re-upload it. (Details: {0})")]
    Corrupt(String),
    /// The image has more pixels than [`crate::Limits::max_pixels`]; refused before
    /// decoding, so a small file that unpacks to a huge picture cannot exhaust memory.
    #[error("The image is {width} × {height} pixels, which is too large to process. Please resize it and upload it again.")]
    TooManyPixels {
        /// Width claimed by the file's header.
        width: u32,
        /// Height claimed by the file's header.
        height: u32,
    },
    /// Decoding would need more memory than [`crate::decode::MAX_DECODED_BYTES`]
    /// (deep colour at a large size, e.g. 16-bit RGBA); refused before decoding.
    #[error("The image is {width} × {height} pixels in {bits}-bit colour, which needs too much memory to process. Please export it as an 8-bit JPEG or PNG, or at a smaller size.")]
    TooDeep {
        /// Width claimed by the file's header.
        width: u32,
        /// Height claimed by the file's header.
        height: u32,
        /// Bits per pixel of the decoded picture.
        bits: u16,
    },
}

impl MediaError {
    /// A [`MediaError::Corrupt`] with the given detail.
    pub(crate) fn corrupt(detail: impl Into<String>) -> Self {
        Self::Corrupt(detail.into())
    }

    /// Maps an `image` crate error met while reading or writing pixels.
    pub(crate) fn from_image(err: ImageError) -> Self {
        Self::Corrupt(err.to_string())
    }
}

/// Formats a byte count the way a person would say it ("20 MB", "512 KB").
fn human_size(bytes: usize) -> String {
    const MIB: usize = 1024 * 1024;
    if bytes >= MIB {
        let tenths = bytes * 10 / MIB;
        match tenths % 10 {
            0 => format!("{} MB", tenths / 10),
            fraction => format!("{}.{fraction} MB", tenths / 10),
        }
    } else {
        format!("{} KB", bytes.div_ceil(1024))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn messages_are_written_for_people() {
        let too_large = MediaError::TooLarge {
            max_bytes: 20 * 1024 * 1024,
        };
        assert_eq!(
            too_large.to_string(),
            "The file is too large: images can be at most 20 MB. Please upload a smaller version."
        );
        assert_eq!(
            MediaError::UnsupportedType.to_string(),
            "The file is not a JPEG, PNG, WebP or GIF image."
        );
        let pixels = MediaError::TooManyPixels {
            width: 100_000,
            height: 100_000,
        };
        assert!(pixels.to_string().contains("100000 × 100000 pixels"));
        assert!(MediaError::corrupt("unexpected end")
            .to_string()
            .contains("damaged"));
    }

    #[test]
    fn human_size_rounds_sensibly() {
        assert_eq!(human_size(1536 * 1024), "1.5 MB");
        assert_eq!(human_size(1000), "1 KB");
        assert_eq!(human_size(512 * 1024), "512 KB");
    }
}
