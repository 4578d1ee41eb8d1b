//! JPEG: walks the marker segments, drops every metadata segment and copies the
//! picture (tables, frame header, scans) byte-for-byte, so stripping loses no quality.

use crate::MediaError;

const SOS: u8 = 0xDA;
const EOI: u8 = 0xD9;
const APP0: u8 = 0xE0;
const APP2: u8 = 0xE2;
const APP14: u8 = 0xEE;
const COM: u8 = 0xFE;

/// Length of a JFIF APP0 payload up to and including the thumbnail size bytes.
const JFIF_HEADER_LEN: usize = 14;
/// Length of an Adobe APP14 payload: "Adobe", version, two flag words, transform.
const ADOBE_LEN: usize = 12;

/// What to write for one marker segment.
enum Decision {
    Keep,
    Replace(Vec<u8>),
    Drop,
}

/// Returns the JPEG without metadata segments and without anything after the
/// end-of-image marker (some phones append extra pictures or maker data there).
///
/// Kept: APP0 only as a plain JFIF header (its embedded thumbnail removed),
/// APP2 only as an ICC colour profile, APP14 only as the 12-byte Adobe colour
/// transform marker (decoders need it to get CMYK/RGB colours right), and every
/// non-APP, non-comment segment. Dropped: APP1 (EXIF with GPS, XMP), APP13
/// (Photoshop/IPTC), APP12, COM, MPF and FlashPix APP2, every other APPn.
pub(crate) fn strip(bytes: &[u8]) -> Result<Vec<u8>, MediaError> {
    let mut out = Vec::with_capacity(bytes.len());
    out.extend_from_slice(&[0xFF, 0xD8]);
    let mut pos = 2;
    loop {
        if bytes.get(pos) != Some(&0xFF) {
            return Err(if pos >= bytes.len() {
                MediaError::corrupt("the JPEG file ends before its end-of-image marker")
            } else {
                MediaError::corrupt(format!("JPEG marker expected at byte {pos}"))
            });
        }
        // Any number of 0xFF fill bytes may precede a marker code.
        while bytes.get(pos) == Some(&0xFF) {
            pos += 1;
        }
        let Some(&marker) = bytes.get(pos) else {
            return Err(MediaError::corrupt("the JPEG file ends inside a marker"));
        };
        pos += 1;
        match marker {
            EOI => {
                out.extend_from_slice(&[0xFF, EOI]);
                return Ok(out);
            }
            // Standalone markers without a length (TEM, RSTn).
            0x01 | 0xD0..=0xD7 => out.extend_from_slice(&[0xFF, marker]),
            0x00 | 0xD8 => {
                return Err(MediaError::corrupt(format!("unexpected JPEG marker 0x{marker:02X}")));
            }
            _ => {
                let segment = segment(bytes, pos)?;
                pos += segment.len() + 2;
                match decide(marker, segment) {
                    Decision::Keep => write_segment(&mut out, marker, segment)?,
                    Decision::Replace(payload) => write_segment(&mut out, marker, &payload)?,
                    Decision::Drop => {}
                }
                if marker == SOS {
                    let end = scan_end(bytes, pos)?;
                    out.extend_from_slice(&bytes[pos..end]);
                    pos = end;
                }
            }
        }
    }
}

/// The payload of the segment whose two-byte length starts at `pos`.
fn segment(bytes: &[u8], pos: usize) -> Result<&[u8], MediaError> {
    let cut_short = || MediaError::corrupt("a JPEG segment is cut short");
    let len_bytes = bytes.get(pos..pos + 2).ok_or_else(cut_short)?;
    let len = usize::from(u16::from_be_bytes([len_bytes[0], len_bytes[1]]));
    if len < 2 {
        return Err(MediaError::corrupt("a JPEG segment has an impossible length"));
    }
    bytes.get(pos + 2..pos + len).ok_or_else(cut_short)
}

fn write_segment(out: &mut Vec<u8>, marker: u8, payload: &[u8]) -> Result<(), MediaError> {
    let len = u16::try_from(payload.len() + 2)
        .map_err(|_| MediaError::corrupt("a JPEG segment is too long"))?;
    out.extend_from_slice(&[0xFF, marker]);
    out.extend_from_slice(&len.to_be_bytes());
    out.extend_from_slice(payload);
    Ok(())
}

fn decide(marker: u8, payload: &[u8]) -> Decision {
    match marker {
        APP0 if payload.starts_with(b"JFIF\0") && payload.len() >= JFIF_HEADER_LEN => {
            // Zero thumbnail width and height: the thumbnail may show what a crop hid.
            let mut header = payload[..JFIF_HEADER_LEN].to_vec();
            header[12] = 0;
            header[13] = 0;
            Decision::Replace(header)
        }
        APP2 if payload.starts_with(b"ICC_PROFILE\0") => Decision::Keep,
        APP14 if payload.starts_with(b"Adobe") && payload.len() >= ADOBE_LEN => {
            Decision::Replace(payload[..ADOBE_LEN].to_vec())
        }
        0xE0..=0xEF | COM => Decision::Drop,
        _ => Decision::Keep,
    }
}

/// Finds where the entropy-coded data after a start-of-scan header ends: at the
/// first marker that is neither a stuffed zero byte nor a restart marker.
fn scan_end(bytes: &[u8], mut pos: usize) -> Result<usize, MediaError> {
    while pos + 1 < bytes.len() {
        if bytes[pos] == 0xFF {
            match bytes[pos + 1] {
                0x00 | 0xD0..=0xD7 => pos += 2,
                _ => return Ok(pos),
            }
        } else {
            pos += 1;
        }
    }
    Err(MediaError::corrupt("the JPEG picture data is cut short"))
}
