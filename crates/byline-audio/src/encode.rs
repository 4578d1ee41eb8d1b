//! Encoding and decoding with Debian's tools: `opusenc` (opus-tools) for Opus, `lame` for
//! MP3; `opusdec` and `lame --decode` read uploaded recordings back to WAV, which is also
//! how a recording is checked (a file the decoder cannot read is refused).

use std::path::Path;
use std::time::Duration;

use crate::process::{run, Invocation};
use crate::wav::Pcm;
use crate::{AudioError, RecordingProblem};

/// Opus bitrate for speech, kbit/s.
pub const OPUS_KBPS: u32 = 32;
/// LAME's variable-bitrate quality (0 best … 9 smallest); 6 is ~64–80 kbit/s for speech.
pub const MP3_VBR_QUALITY: u32 = 6;

/// The kinds of recording accepted for upload.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RecordingKind {
    Wav,
    OggOpus,
    Mp3,
}

/// What the bytes are, by their content (never by a file name or a claimed type).
pub fn sniff(bytes: &[u8]) -> Result<RecordingKind, AudioError> {
    if bytes.len() >= 12 && &bytes[0..4] == b"RIFF" && &bytes[8..12] == b"WAVE" {
        return Ok(RecordingKind::Wav);
    }
    if bytes.starts_with(b"OggS") {
        let head = &bytes[..bytes.len().min(128)];
        if head.windows(8).any(|w| w == b"OpusHead") {
            return Ok(RecordingKind::OggOpus);
        }
        return Err(AudioError::Recording(RecordingProblem::OggNotOpus));
    }
    let frame_sync = bytes.len() >= 2 && bytes[0] == 0xFF && bytes[1] & 0xE0 == 0xE0;
    if bytes.starts_with(b"ID3") || frame_sync {
        return Ok(RecordingKind::Mp3);
    }
    Err(AudioError::Recording(RecordingProblem::NotAudio))
}

/// Encodes `wav` to Opus at `out` and returns its bytes.
pub async fn to_opus(wav: &Path, out: &Path, timeout: Duration) -> Result<Vec<u8>, AudioError> {
    let args = vec![
        "--quiet".into(),
        "--bitrate".into(),
        OPUS_KBPS.to_string(),
        wav.display().to_string(),
        out.display().to_string(),
    ];
    run(&Invocation::new("opusenc", args), b"", timeout, 64 * 1024).await?;
    Ok(tokio::fs::read(out).await?)
}

/// Encodes `wav` to MP3 at `out` and returns its bytes.
pub async fn to_mp3(wav: &Path, out: &Path, timeout: Duration) -> Result<Vec<u8>, AudioError> {
    let args = vec![
        "--quiet".into(),
        "-V".into(),
        MP3_VBR_QUALITY.to_string(),
        wav.display().to_string(),
        out.display().to_string(),
    ];
    run(&Invocation::new("lame", args), b"", timeout, 64 * 1024).await?;
    Ok(tokio::fs::read(out).await?)
}

/// Decodes an uploaded recording (already in `dir`/`name`) to PCM.
pub async fn decode(
    kind: RecordingKind,
    bytes: &[u8],
    dir: &Path,
    timeout: Duration,
) -> Result<Pcm, AudioError> {
    let unreadable =
        |e: AudioError| AudioError::Recording(RecordingProblem::Unreadable(e.to_string()));
    if kind == RecordingKind::Wav {
        return Pcm::from_wav(bytes, "the uploaded WAV file")
            .map_err(|e| AudioError::Recording(RecordingProblem::Unreadable(e.to_string())));
    }
    let input = dir.join("upload.in");
    let output = dir.join("upload.wav");
    tokio::fs::write(&input, bytes).await?;
    let (program, args) = match kind {
        RecordingKind::OggOpus => ("opusdec", vec!["--quiet".to_owned()]),
        _ => ("lame", vec!["--quiet".to_owned(), "--decode".to_owned()]),
    };
    let mut args = args;
    args.extend([input.display().to_string(), output.display().to_string()]);
    run(&Invocation::new(program, args), b"", timeout, 64 * 1024)
        .await
        .map_err(unreadable)?;
    let wav = tokio::fs::read(&output)
        .await
        .map_err(|e| unreadable(e.into()))?;
    Pcm::from_wav(&wav, "the decoded recording").map_err(unreadable)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn recordings_are_told_apart_by_content() {
        assert_eq!(sniff(b"RIFF\0\0\0\0WAVEfmt "), Ok(RecordingKind::Wav));
        assert_eq!(sniff(b"ID3\x04rest"), Ok(RecordingKind::Mp3));
        assert_eq!(sniff(&[0xFF, 0xFB, 0x90, 0x00]), Ok(RecordingKind::Mp3));
        assert_eq!(
            sniff(b"OggS\0\x02........OpusHead\x01"),
            Ok(RecordingKind::OggOpus)
        );
        assert!(matches!(
            sniff(b"OggS\0\x02.....\x01vorbis"),
            Err(AudioError::Recording(RecordingProblem::OggNotOpus))
        ));
        assert!(matches!(sniff(b"<html>"), Err(AudioError::Recording(_))));
        assert!(matches!(sniff(b""), Err(AudioError::Recording(_))));
    }
}
