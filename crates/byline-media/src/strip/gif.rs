//! GIF: walks the blocks and leaves out comment, plain-text and application
//! extensions, keeping every frame, so animations survive and nothing is re-encoded.

use crate::MediaError;

const EXTENSION: u8 = 0x21;
const IMAGE: u8 = 0x2C;
const TRAILER: u8 = 0x3B;
const GRAPHIC_CONTROL: u8 = 0xF9;
const APPLICATION: u8 = 0xFF;

/// Application extensions kept: looping (Netscape and its AnimExts twin) and the ICC
/// colour profile. Everything else, XMP included, is dropped.
const KEPT_APPLICATIONS: &[&[u8; 11]] = &[b"NETSCAPE2.0", b"ANIMEXTS1.0", b"ICCRGBG1012"];

/// Returns the GIF with only image data, graphic control and kept application
/// extensions, and nothing after the trailer.
///
/// Plain-text extensions are dropped too: browsers never draw them and they can
/// carry arbitrary text.
pub(crate) fn strip(bytes: &[u8]) -> Result<Vec<u8>, MediaError> {
    let cut_short = || MediaError::corrupt("the GIF file is cut short");
    // Signature and logical screen descriptor, then the optional global colour table.
    let screen = bytes.get(..13).ok_or_else(cut_short)?;
    let mut pos = 13 + colour_table_len(screen[10]);
    let mut out = bytes.get(..pos).ok_or_else(cut_short)?.to_vec();
    loop {
        let block = *bytes.get(pos).ok_or_else(cut_short)?;
        match block {
            TRAILER => {
                out.push(TRAILER);
                return Ok(out);
            }
            IMAGE => {
                let descriptor = bytes.get(pos..pos + 10).ok_or_else(cut_short)?;
                // Descriptor, local colour table, LZW code size, then the data sub-blocks.
                let data = pos + 10 + colour_table_len(descriptor[9]) + 1;
                let end = sub_blocks_end(bytes, data)?;
                out.extend_from_slice(&bytes[pos..end]);
                pos = end;
            }
            EXTENSION => {
                let label = *bytes.get(pos + 1).ok_or_else(cut_short)?;
                let end = sub_blocks_end(bytes, pos + 2)?;
                if keep_extension(label, &bytes[pos + 2..end]) {
                    out.extend_from_slice(&bytes[pos..end]);
                }
                pos = end;
            }
            other => {
                return Err(MediaError::corrupt(format!(
                    "unexpected GIF block 0x{other:02X}"
                )));
            }
        }
    }
}

/// Size of the colour table announced by a packed-fields byte (0 when absent).
fn colour_table_len(packed: u8) -> usize {
    if packed & 0x80 == 0 {
        0
    } else {
        3 << ((packed & 0x07) + 1)
    }
}

/// Index just past the zero-length block that ends the sub-blocks starting at `pos`.
fn sub_blocks_end(bytes: &[u8], mut pos: usize) -> Result<usize, MediaError> {
    loop {
        let len = *bytes
            .get(pos)
            .ok_or_else(|| MediaError::corrupt("the GIF file is cut short"))?;
        pos += 1 + usize::from(len);
        if len == 0 {
            return Ok(pos);
        }
    }
}

/// `body` is the extension's sub-blocks, starting with the first one's length byte.
fn keep_extension(label: u8, body: &[u8]) -> bool {
    match label {
        GRAPHIC_CONTROL => true,
        APPLICATION => {
            body.first() == Some(&11)
                && body
                    .get(1..12)
                    .is_some_and(|id| KEPT_APPLICATIONS.iter().any(|kept| &kept[..] == id))
        }
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn colour_table_sizes() {
        assert_eq!(colour_table_len(0x00), 0);
        assert_eq!(colour_table_len(0x80), 6);
        assert_eq!(colour_table_len(0x87), 768);
    }

    #[test]
    fn keeps_looping_and_drops_xmp() {
        assert!(keep_extension(
            APPLICATION,
            b"\x0bNETSCAPE2.0\x03\x01\0\0\0"
        ));
        assert!(!keep_extension(
            APPLICATION,
            b"\x0bXMP DataXMP<x:xmpmeta/>\0"
        ));
        assert!(!keep_extension(0xFE, b"\x05hello\0"));
        assert!(!keep_extension(0x01, b"\x0c012345678901\0"));
    }
}
