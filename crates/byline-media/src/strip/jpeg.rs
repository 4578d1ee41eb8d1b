//! JPEG: walks the marker segments, drops every metadata segment and copies the
//! picture (tables, frame header, scans) byte-for-byte, so stripping loses no quality.

use crate::MediaError;

const SOS: u8 = 0xDA;
const EOI: u8 = 0xD9;
const APP0: u8 = 0xE0;
const APP2: u8 = 0xE2;
const APP14: u8 = 0xEE;

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
/// transform marker (decoders need it to get CMYK/RGB colours right), and the
/// segments that make up the picture (SOFn, DHT, DAC, DQT, SOS, DRI, DNL, DHP, EXP).
/// Dropped: APP1 (EXIF with GPS, XMP), APP13 (Photoshop/IPTC), APP12, COM, MPF and
/// FlashPix APP2, every other APPn, and reserved or unknown segments.
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
                return Err(MediaError::corrupt(format!(
                    "unexpected JPEG marker 0x{marker:02X}"
                )));
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
        return Err(MediaError::corrupt(
            "a JPEG segment has an impossible length",
        ));
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
        // Frame headers, Huffman and arithmetic tables, quantisation tables, scan
        // headers, restart interval, line count, hierarchical markers.
        0xC0..=0xCF | 0xDA..=0xDF => Decision::Keep,
        // Metadata, and any reserved or unknown segment, which could hide anything.
        _ => Decision::Drop,
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

#[cfg(test)]
mod tests {
    use super::*;

    const COM: u8 = 0xFE;

    fn seg(marker: u8, payload: &[u8]) -> Vec<u8> {
        let mut out = Vec::new();
        write_segment(&mut out, marker, payload).unwrap();
        out
    }

    /// A structurally valid JPEG stream (not a decodable picture) with every kind of segment.
    fn stream(extra_app: &[Vec<u8>]) -> (Vec<u8>, Vec<u8>) {
        let picture = [
            seg(0xDB, &[0; 65]),
            seg(0xC0, &[8, 0, 16, 0, 16, 1, 1, 0x11, 0]),
            seg(0xC4, &[0; 20]),
            seg(SOS, &[1, 1, 0, 0, 63, 0]),
            // Entropy data with a stuffed 0xFF00 and a restart marker, then fill bytes.
            vec![0x12, 0xFF, 0x00, 0x34, 0xFF, 0xD0, 0x56, 0xFF, 0xFF],
            vec![0xFF, EOI],
        ]
        .concat();
        let mut input = vec![0xFF, 0xD8];
        extra_app.iter().for_each(|s| input.extend(s));
        input.extend(&picture);
        input.extend(b"trailing maker data");
        (input, picture)
    }

    #[test]
    fn drops_metadata_keeps_colour_and_picture() {
        let mut jfif = b"JFIF\0\x01\x02\0\0\x01\0\x01\x02\x02".to_vec();
        jfif.extend([0xAB; 12]); // a 2x2 RGB thumbnail
        let icc = seg(APP2, b"ICC_PROFILE\0\x01\x01profile");
        let adobe = seg(APP14, b"Adobe\0\x64\0\0\0\0\x01");
        let (input, picture) = stream(&[
            seg(APP0, &jfif),
            seg(0xE1, b"Exif\0\0II*\0"),
            seg(0xE1, b"http://ns.adobe.com/xap/1.0/\0<x/>"),
            icc.clone(),
            seg(APP2, b"MPF\0II*\0"),
            seg(0xEC, b"Ducky"),
            seg(0xED, b"Photoshop 3.0\08BIM"),
            adobe.clone(),
            seg(COM, b"a comment"),
        ]);
        let out = strip(&input).unwrap();
        let expected = [
            vec![0xFF, 0xD8],
            seg(APP0, b"JFIF\0\x01\x02\0\0\x01\0\x01\0\0"),
            icc,
            adobe,
            picture,
        ]
        .concat();
        // The fill bytes before EOI are normalised away; everything else is identical.
        let expected_without_fill: Vec<u8> = {
            let at = expected.len() - 4;
            [&expected[..at], &expected[at + 2..]].concat()
        };
        assert_eq!(out, expected_without_fill);
    }

    #[test]
    fn missing_end_and_bad_lengths_are_corrupt() {
        let (input, _) = stream(&[]);
        let without_eoi = &input[..input.len() - b"trailing maker data".len() - 2];
        assert!(matches!(strip(without_eoi), Err(MediaError::Corrupt(_))));
        assert!(matches!(
            strip(&[0xFF, 0xD8, 0xFF, 0xE1, 0x00]),
            Err(MediaError::Corrupt(_))
        ));
        assert!(matches!(
            strip(&[0xFF, 0xD8, 0xFF, 0xE1, 0x00, 0x01]),
            Err(MediaError::Corrupt(_))
        ));
        assert!(matches!(
            strip(&[0xFF, 0xD8, 0x00]),
            Err(MediaError::Corrupt(_))
        ));
    }
}
