//! Splicing the fixture metadata into real files of each format, the way cameras,
//! phones and editors place it.

use super::{tiff_with_gps, xmp_packet, COMMENT, XMP_NS};

fn jpeg_segment(marker: u8, payload: &[u8]) -> Vec<u8> {
    let mut s = vec![0xFF, marker];
    s.extend(((payload.len() + 2) as u16).to_be_bytes());
    s.extend(payload);
    s
}

/// Inserts EXIF (with GPS), XMP, IPTC and a comment right after the JPEG's SOI.
pub fn with_jpeg_metadata(jpeg: &[u8], orientation: u16) -> Vec<u8> {
    let mut exif = b"Exif\0\0".to_vec();
    exif.extend(tiff_with_gps(orientation));
    let mut xmp = XMP_NS.to_vec();
    xmp.push(0);
    xmp.extend(xmp_packet());
    let iptc = b"Photoshop 3.0\08BIM\x04\x04\0\0\0\0\0\x0c\x1c\x02\x5a\0\x07Kharkiv";
    let mut out = jpeg[..2].to_vec();
    out.extend(jpeg_segment(0xE1, &exif));
    out.extend(jpeg_segment(0xE1, &xmp));
    out.extend(jpeg_segment(0xED, iptc));
    out.extend(jpeg_segment(0xFE, COMMENT));
    out.extend(&jpeg[2..]);
    out
}

/// Offset of the first segment that is neither APPn nor COM: where the picture's own
/// tables and data begin.
pub fn picture_start(jpeg: &[u8]) -> usize {
    let mut pos = 2;
    while matches!(jpeg[pos + 1], 0xE0..=0xEF | 0xFE) {
        pos += 2 + usize::from(u16::from_be_bytes([jpeg[pos + 2], jpeg[pos + 3]]));
    }
    pos
}

/// CRC-32 as PNG uses it.
pub fn crc32(bytes: &[u8]) -> u32 {
    let mut crc = !0u32;
    for &b in bytes {
        crc ^= u32::from(b);
        for _ in 0..8 {
            crc = if crc & 1 == 1 {
                (crc >> 1) ^ 0xEDB8_8320
            } else {
                crc >> 1
            };
        }
    }
    !crc
}

/// One PNG chunk with a valid CRC.
pub fn png_chunk(kind: &[u8; 4], data: &[u8]) -> Vec<u8> {
    let mut c = (data.len() as u32).to_be_bytes().to_vec();
    c.extend(kind);
    c.extend(data);
    c.extend(crc32(&c[4..]).to_be_bytes());
    c
}

/// Inserts eXIf (with GPS), tEXt, iTXt (XMP) and tIME chunks right after IHDR.
pub fn with_png_metadata(png: &[u8], orientation: u16) -> Vec<u8> {
    let ihdr_end = 8 + 8 + 13 + 4;
    let mut out = png[..ihdr_end].to_vec();
    out.extend(png_chunk(b"eXIf", &tiff_with_gps(orientation)));
    let mut text = b"Comment\0".to_vec();
    text.extend(COMMENT);
    out.extend(png_chunk(b"tEXt", &text));
    let mut itxt = b"XML:com.adobe.xmp\0\0\0\0\0".to_vec();
    itxt.extend(xmp_packet());
    out.extend(png_chunk(b"iTXt", &itxt));
    out.extend(png_chunk(b"tIME", &[7, 233, 3, 14, 9, 30, 0]));
    out.extend(&png[ihdr_end..]);
    out
}

/// A PNG whose IHDR claims `width` × `height` but holds no real pixel data.
pub fn png_claiming(width: u32, height: u32) -> Vec<u8> {
    png_claiming_depth(width, height, 8, 2)
}

/// A PNG header claiming a size, a bit depth and a colour type (6 = RGBA).
pub fn png_claiming_depth(width: u32, height: u32, depth: u8, colour: u8) -> Vec<u8> {
    let mut ihdr = width.to_be_bytes().to_vec();
    ihdr.extend(height.to_be_bytes());
    ihdr.extend([depth, colour, 0, 0, 0]);
    let mut out = b"\x89PNG\r\n\x1a\n".to_vec();
    out.extend(png_chunk(b"IHDR", &ihdr));
    out.extend(png_chunk(
        b"IDAT",
        &[0x78, 0x9c, 0x03, 0x00, 0x00, 0x00, 0x00, 0x01],
    ));
    out.extend(png_chunk(b"IEND", &[]));
    out
}

fn sub_blocks(data: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    for block in data.chunks(255) {
        out.push(block.len() as u8);
        out.extend(block);
    }
    out.push(0);
    out
}

/// Inserts a comment extension and an XMP application extension after the GIF's
/// screen descriptor and global colour table.
pub fn gif_with_metadata(gif: &[u8]) -> Vec<u8> {
    let packed = gif[10];
    let table = if packed & 0x80 == 0 {
        0
    } else {
        3 << ((packed & 7) + 1)
    };
    let at = 13 + table;
    let mut out = gif[..at].to_vec();
    out.extend([0x21, 0xFE]);
    out.extend(sub_blocks(COMMENT));
    out.extend([0x21, 0xFF, 0x0B]);
    out.extend(b"XMP DataXMP");
    out.extend(sub_blocks(&xmp_packet()));
    out.extend(&gif[at..]);
    out
}

fn riff_chunk(kind: &[u8; 4], data: &[u8]) -> Vec<u8> {
    let mut c = kind.to_vec();
    c.extend((data.len() as u32).to_le_bytes());
    c.extend(data);
    if data.len() % 2 == 1 {
        c.push(0);
    }
    c
}

/// Wraps a simple-format WebP's image chunk in an extended file with EXIF and XMP.
pub fn webp_with_metadata(simple: &[u8], width: u32, height: u32, orientation: u16) -> Vec<u8> {
    let mut vp8x = vec![0x08 | 0x04, 0, 0, 0];
    vp8x.extend(&(width - 1).to_le_bytes()[..3]);
    vp8x.extend(&(height - 1).to_le_bytes()[..3]);
    let mut body = b"WEBP".to_vec();
    body.extend(riff_chunk(b"VP8X", &vp8x));
    body.extend(&simple[12..]);
    body.extend(riff_chunk(b"EXIF", &tiff_with_gps(orientation)));
    body.extend(riff_chunk(b"XMP ", &xmp_packet()));
    let mut out = b"RIFF".to_vec();
    out.extend((body.len() as u32).to_le_bytes());
    out.extend(body);
    out
}
