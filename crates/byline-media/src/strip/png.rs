//! PNG: copies whole chunks (so every CRC stays valid) and leaves out metadata chunks.

use crate::kind::PNG_SIGNATURE;
use crate::MediaError;

/// The critical chunks PNG defines. An unknown "critical" chunk is dropped too: a
/// decoder would refuse the file for it, and it could hide anything.
const KEPT_CRITICAL: &[&[u8; 4]] = &[b"IHDR", b"PLTE", b"IDAT", b"IEND"];

/// Ancillary chunks that only describe how to show the pixels, or carry animation
/// frames (APNG). Every other ancillary chunk is dropped: not only eXIf, tEXt, zTXt,
/// iTXt and tIME but also unknown and private ones, which may carry metadata too.
const KEPT_ANCILLARY: &[&[u8; 4]] = &[
    b"tRNS", b"cHRM", b"gAMA", b"iCCP", b"sBIT", b"sRGB", b"cICP", b"mDCV", b"cLLI", b"bKGD",
    b"hIST", b"pHYs", b"acTL", b"fcTL", b"fdAT",
];

/// Returns the PNG with only its critical chunks and the rendering and animation
/// chunks listed above, and without anything after IEND.
pub(crate) fn strip(bytes: &[u8]) -> Result<Vec<u8>, MediaError> {
    let mut out = Vec::with_capacity(bytes.len());
    out.extend_from_slice(PNG_SIGNATURE);
    let mut pos = PNG_SIGNATURE.len();
    loop {
        let header = bytes
            .get(pos..pos + 8)
            .ok_or_else(|| MediaError::corrupt("the PNG file ends before its IEND chunk"))?;
        let len = u32::from_be_bytes([header[0], header[1], header[2], header[3]]) as usize;
        let kind = [header[4], header[5], header[6], header[7]];
        // Length, type, data and CRC.
        let end = pos
            .checked_add(len)
            .and_then(|end| end.checked_add(12))
            .filter(|&end| end <= bytes.len())
            .ok_or_else(|| MediaError::corrupt("a PNG chunk is cut short"))?;
        if keep(&kind) {
            out.extend_from_slice(&bytes[pos..end]);
        }
        pos = end;
        if &kind == b"IEND" {
            return Ok(out);
        }
    }
}

fn keep(kind: &[u8; 4]) -> bool {
    KEPT_CRITICAL.contains(&kind) || KEPT_ANCILLARY.contains(&kind)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_rendering_chunks_and_drops_metadata() {
        for kind in [
            b"IHDR", b"PLTE", b"IDAT", b"IEND", b"iCCP", b"tRNS", b"acTL",
        ] {
            assert!(keep(kind), "{}", String::from_utf8_lossy(kind));
        }
        for kind in [
            b"eXIf", b"tEXt", b"zTXt", b"iTXt", b"tIME", b"caBX", b"prVt",
        ] {
            assert!(!keep(kind), "{}", String::from_utf8_lossy(kind));
        }
    }

    #[test]
    fn truncated_chunk_is_corrupt() {
        let mut png = PNG_SIGNATURE.to_vec();
        png.extend_from_slice(&[0, 0, 0, 13]);
        png.extend_from_slice(b"IHDR\0\0");
        assert!(matches!(strip(&png), Err(MediaError::Corrupt(_))));
    }
}
