//! WebP: rebuilds the RIFF container without the EXIF and XMP chunks (and without
//! unknown chunks), fixing the RIFF size and the VP8X flags. The coded picture is
//! copied byte-for-byte, so stripping loses no quality.

use crate::MediaError;

/// VP8X flag bits announcing EXIF and XMP chunks.
const VP8X_EXIF: u8 = 0x08;
const VP8X_XMP: u8 = 0x04;
/// ANMF payload header: offsets, size, duration and flags before the frame's chunks.
const ANMF_HEADER_LEN: usize = 16;

/// Top-level chunks that make up the picture.
const KEPT: &[&[u8; 4]] = &[
    b"VP8 ", b"VP8L", b"VP8X", b"ALPH", b"ANIM", b"ANMF", b"ICCP",
];
/// Chunks allowed inside an animation frame.
const KEPT_IN_FRAME: &[&[u8; 4]] = &[b"VP8 ", b"VP8L", b"ALPH"];

/// Returns the WebP without EXIF, XMP or unknown chunks.
pub(crate) fn strip(bytes: &[u8]) -> Result<Vec<u8>, MediaError> {
    let declared = bytes
        .get(4..8)
        .map(|size| u32::from_le_bytes([size[0], size[1], size[2], size[3]]) as usize)
        .ok_or_else(|| MediaError::corrupt("the WebP header is cut short"))?;
    // Bytes after the RIFF size are not part of the file; leave them out.
    let body = declared
        .checked_add(8)
        .and_then(|end| bytes.get(12..end))
        .ok_or_else(|| MediaError::corrupt("the WebP file is shorter than its header says"))?;
    let chunks = filter(body, KEPT, true)?;
    let size = u32::try_from(chunks.len() + 4)
        .map_err(|_| MediaError::corrupt("the WebP file is too large"))?;
    let mut out = Vec::with_capacity(chunks.len() + 12);
    out.extend_from_slice(b"RIFF");
    out.extend_from_slice(&size.to_le_bytes());
    out.extend_from_slice(b"WEBP");
    out.extend_from_slice(&chunks);
    Ok(out)
}

/// Copies the chunks of `data` whose type is in `kept`, each padded to an even size.
fn filter(data: &[u8], kept: &[&[u8; 4]], top_level: bool) -> Result<Vec<u8>, MediaError> {
    let mut out = Vec::with_capacity(data.len());
    let mut pos = 0;
    while pos < data.len() {
        let header = data
            .get(pos..pos + 8)
            .ok_or_else(|| MediaError::corrupt("a WebP chunk header is cut short"))?;
        let kind = [header[0], header[1], header[2], header[3]];
        let len = u32::from_le_bytes([header[4], header[5], header[6], header[7]]) as usize;
        let payload = data
            .get(pos + 8..pos + 8 + len)
            .ok_or_else(|| MediaError::corrupt("a WebP chunk is cut short"))?;
        // Chunks are padded to an even length; a missing final pad byte is tolerated.
        pos += 8 + len + (len & 1);
        if !kept.contains(&&kind) {
            continue;
        }
        let payload = match &kind {
            b"VP8X" if top_level => {
                let mut vp8x = payload.to_vec();
                if let Some(flags) = vp8x.first_mut() {
                    *flags &= !(VP8X_EXIF | VP8X_XMP);
                }
                vp8x
            }
            b"ANMF" if top_level && payload.len() >= ANMF_HEADER_LEN => {
                let mut frame = payload[..ANMF_HEADER_LEN].to_vec();
                frame.extend(filter(&payload[ANMF_HEADER_LEN..], KEPT_IN_FRAME, false)?);
                frame
            }
            _ => payload.to_vec(),
        };
        write_chunk(&mut out, &kind, &payload)?;
    }
    Ok(out)
}

fn write_chunk(out: &mut Vec<u8>, kind: &[u8; 4], payload: &[u8]) -> Result<(), MediaError> {
    let len = u32::try_from(payload.len())
        .map_err(|_| MediaError::corrupt("a WebP chunk is too large"))?;
    out.extend_from_slice(kind);
    out.extend_from_slice(&len.to_le_bytes());
    out.extend_from_slice(payload);
    if payload.len() % 2 == 1 {
        out.push(0);
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn chunk(kind: &[u8; 4], payload: &[u8]) -> Vec<u8> {
        let mut out = Vec::new();
        write_chunk(&mut out, kind, payload).unwrap();
        out
    }

    fn riff(chunks: &[Vec<u8>]) -> Vec<u8> {
        let body: Vec<u8> = chunks.concat();
        let mut out = b"RIFF".to_vec();
        out.extend_from_slice(&(body.len() as u32 + 4).to_le_bytes());
        out.extend_from_slice(b"WEBP");
        out.extend(body);
        out
    }

    #[test]
    fn drops_exif_and_xmp_and_clears_flags() {
        let vp8x = [VP8X_EXIF | VP8X_XMP | 0x10, 0, 0, 0, 9, 0, 0, 9, 0, 0];
        let input = riff(&[
            chunk(b"VP8X", &vp8x),
            chunk(b"VP8L", b"pixels!"),
            chunk(b"EXIF", b"Exif\0\0GPS"),
            chunk(b"XMP ", b"<x:xmpmeta/>"),
        ]);
        let out = strip(&input).unwrap();
        let mut cleared = vp8x;
        cleared[0] = 0x10;
        assert_eq!(
            out,
            riff(&[chunk(b"VP8X", &cleared), chunk(b"VP8L", b"pixels!")])
        );
    }

    #[test]
    fn truncated_chunk_is_corrupt() {
        let mut input = riff(&[chunk(b"VP8L", b"pixels!!")]);
        input.truncate(input.len() - 3);
        assert!(matches!(strip(&input), Err(MediaError::Corrupt(_))));
    }
}
