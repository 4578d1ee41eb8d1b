//! PCM audio between the engine and the encoders: reading an engine's WAV (any bit depth,
//! integer or float, mono or more channels, mixed down to mono), joining chunks with
//! pauses, loudness normalisation, and writing 16-bit mono WAV for the encoders.

use std::io::Cursor;
use std::path::Path;

use crate::AudioError;

/// Mono samples in -1.0..=1.0 at one rate.
#[derive(Debug, Clone, PartialEq)]
pub struct Pcm {
    pub rate: u32,
    pub samples: Vec<f32>,
}

/// Loudness the narration is brought to (RMS of the speech, in dBFS).
const TARGET_RMS_DBFS: f32 = -20.0;
/// Highest peak allowed after the gain.
const PEAK_CEILING_DBFS: f32 = -1.0;
/// Most gain applied (a near-silent take is not blown up into noise).
const MAX_GAIN_DB: f32 = 24.0;
/// Samples quieter than this do not count towards the speech's loudness.
const SILENCE: f32 = 0.003;

impl Pcm {
    /// Reads a WAV file's bytes. Anything else (an engine that printed text, a truncated
    /// file, no samples, a silly rate) is [`AudioError::BadAudio`].
    pub fn from_wav(bytes: &[u8], what: &str) -> Result<Self, AudioError> {
        let bad = |reason: String| {
            AudioError::BadAudio(format!("{what} is not usable WAV audio: {reason}"))
        };
        let repaired = repair_streamed_sizes(bytes);
        let mut reader =
            hound::WavReader::new(Cursor::new(&repaired[..])).map_err(|e| bad(e.to_string()))?;
        let spec = reader.spec();
        if !(8_000..=192_000).contains(&spec.sample_rate) || spec.channels == 0 {
            return Err(bad(format!(
                "{} Hz, {} channels",
                spec.sample_rate, spec.channels
            )));
        }
        let interleaved: Vec<f32> = match spec.sample_format {
            hound::SampleFormat::Float => reader
                .samples::<f32>()
                .collect::<Result<_, _>>()
                .map_err(|e| bad(e.to_string()))?,
            hound::SampleFormat::Int => {
                let scale = 2f32.powi(i32::from(spec.bits_per_sample.max(1)) - 1);
                reader
                    .samples::<i32>()
                    .map(|s| s.map(|v| v as f32 / scale))
                    .collect::<Result<_, _>>()
                    .map_err(|e| bad(e.to_string()))?
            }
        };
        let channels = usize::from(spec.channels);
        let samples: Vec<f32> = interleaved
            .chunks(channels)
            .map(|frame| frame.iter().sum::<f32>() / channels as f32)
            .collect();
        if samples.is_empty() {
            return Err(bad("no samples".into()));
        }
        Ok(Self {
            rate: spec.sample_rate,
            samples,
        })
    }

    /// Length in milliseconds.
    pub fn duration_ms(&self) -> u64 {
        (self.samples.len() as u64 * 1000) / u64::from(self.rate.max(1))
    }

    /// Appends `ms` of silence.
    pub fn pause(&mut self, ms: u32) {
        let n = (u64::from(self.rate) * u64::from(ms) / 1000) as usize;
        self.samples.extend(std::iter::repeat_n(0.0, n));
    }

    /// Appends `other`, resampled (linearly) when its rate differs.
    pub fn append(&mut self, other: &Pcm) {
        if other.rate == self.rate {
            self.samples.extend_from_slice(&other.samples);
            return;
        }
        let ratio = f64::from(other.rate) / f64::from(self.rate);
        let out_len = (other.samples.len() as f64 / ratio) as usize;
        for i in 0..out_len {
            let pos = i as f64 * ratio;
            let j = pos as usize;
            let frac = (pos - j as f64) as f32;
            let a = other.samples[j.min(other.samples.len() - 1)];
            let b = other.samples[(j + 1).min(other.samples.len() - 1)];
            self.samples.push(a + (b - a) * frac);
        }
    }

    /// Brings the speech to a steady loudness: the RMS of the non-silent samples to
    /// [`TARGET_RMS_DBFS`], never pushing a peak over [`PEAK_CEILING_DBFS`] and never
    /// more than [`MAX_GAIN_DB`]. Returns the gain applied, in dB.
    pub fn normalise(&mut self) -> f32 {
        let (sum, n) = self
            .samples
            .iter()
            .filter(|s| s.abs() > SILENCE)
            .fold((0f64, 0usize), |(sum, n), s| {
                (sum + f64::from(s * s), n + 1)
            });
        let peak = self.samples.iter().fold(0f32, |m, s| m.max(s.abs()));
        if n == 0 || peak == 0.0 {
            return 0.0;
        }
        let rms = ((sum / n as f64).sqrt()) as f32;
        let to_target = TARGET_RMS_DBFS - 20.0 * rms.log10();
        let to_ceiling = PEAK_CEILING_DBFS - 20.0 * peak.log10();
        let gain_db = to_target.min(to_ceiling).min(MAX_GAIN_DB);
        let gain = 10f32.powf(gain_db / 20.0);
        for s in &mut self.samples {
            *s = (*s * gain).clamp(-1.0, 1.0);
        }
        gain_db
    }

    /// Writes 16-bit mono WAV to `path`.
    pub fn write_wav(&self, path: &Path) -> Result<(), AudioError> {
        let spec = hound::WavSpec {
            channels: 1,
            sample_rate: self.rate,
            bits_per_sample: 16,
            sample_format: hound::SampleFormat::Int,
        };
        let io = |e: hound::Error| AudioError::Io(format!("cannot write {}: {e}", path.display()));
        let mut writer = hound::WavWriter::create(path, spec).map_err(io)?;
        for s in &self.samples {
            writer
                .write_sample((s.clamp(-1.0, 1.0) * f32::from(i16::MAX)) as i16)
                .map_err(io)?;
        }
        writer.finalize().map_err(io)
    }
}

/// A WAV written to a pipe cannot go back to fill in its sizes, so programs that stream
/// (espeak-ng --stdout and others) write a placeholder such as 0x7ffff024. This sets the
/// RIFF and `data` sizes to what is actually there; a well-formed file is unchanged.
fn repair_streamed_sizes(bytes: &[u8]) -> std::borrow::Cow<'_, [u8]> {
    if bytes.len() < 12 || &bytes[0..4] != b"RIFF" || &bytes[8..12] != b"WAVE" {
        return bytes.into();
    }
    let mut at = 12;
    while at + 8 <= bytes.len() {
        let id = &bytes[at..at + 4];
        let declared =
            u32::from_le_bytes([bytes[at + 4], bytes[at + 5], bytes[at + 6], bytes[at + 7]]);
        let body = at + 8;
        let remaining = bytes.len() - body;
        if id == b"data" {
            if declared as usize <= remaining {
                return bytes.into();
            }
            let mut fixed = bytes.to_vec();
            let actual = u32::try_from(remaining & !1).unwrap_or(u32::MAX);
            fixed[at + 4..at + 8].copy_from_slice(&actual.to_le_bytes());
            let riff = u32::try_from(fixed.len() - 8).unwrap_or(u32::MAX);
            fixed[4..8].copy_from_slice(&riff.to_le_bytes());
            fixed.truncate(body + actual as usize);
            return fixed.into();
        }
        // Chunks are padded to an even length.
        at = body.saturating_add(declared as usize + (declared as usize & 1));
    }
    bytes.into()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn wav(rate: u32, channels: u16, frames: &[i16]) -> Vec<u8> {
        let mut out = Cursor::new(Vec::new());
        let spec = hound::WavSpec {
            channels,
            sample_rate: rate,
            bits_per_sample: 16,
            sample_format: hound::SampleFormat::Int,
        };
        let mut w = hound::WavWriter::new(&mut out, spec).expect("writer");
        for s in frames {
            w.write_sample(*s).expect("sample");
        }
        w.finalize().expect("finalize");
        out.into_inner()
    }

    #[test]
    fn engines_wav_is_read_mixed_down_joined_and_normalised() {
        let stereo = wav(22_050, 2, &[1000, 3000, -1000, -3000]);
        let pcm = Pcm::from_wav(&stereo, "espeak-ng's output").expect("wav");
        assert_eq!(pcm.samples.len(), 2);
        assert!((pcm.samples[0] - 2000.0 / 32768.0).abs() < 1e-6);

        let mut joined = Pcm {
            rate: 22_050,
            samples: vec![0.02; 22_050],
        };
        joined.pause(500);
        assert_eq!(joined.duration_ms(), 1500);
        // 44.1 kHz audio of one second joins as one second at 22.05 kHz.
        joined.append(&Pcm {
            rate: 44_100,
            samples: vec![0.02; 44_100],
        });
        assert_eq!(joined.duration_ms(), 2500);

        let gain = joined.normalise();
        assert!(gain > 0.0 && gain <= MAX_GAIN_DB, "{gain}");
        let peak = joined.samples.iter().fold(0f32, |m, s| m.max(s.abs()));
        assert!(
            peak <= 10f32.powf(PEAK_CEILING_DBFS / 20.0) + 1e-4,
            "{peak}"
        );
        assert!(peak > 0.05, "made louder: {peak}");
    }

    #[test]
    fn a_streamed_header_with_placeholder_sizes_is_read() {
        let mut streamed = wav(22_050, 1, &[100, 200, 300]);
        streamed[4..8].copy_from_slice(&0x7fff_f024u32.to_le_bytes());
        let data = streamed
            .windows(4)
            .position(|w| w == b"data")
            .expect("data");
        streamed[data + 4..data + 8].copy_from_slice(&0x7fff_f000u32.to_le_bytes());
        let pcm = Pcm::from_wav(&streamed, "x").expect("repaired");
        assert_eq!(pcm.samples.len(), 3);
    }

    #[test]
    fn garbage_and_empty_audio_are_refused_with_a_reason() {
        for bytes in [
            &b"espeak: voice not found"[..],
            &b""[..],
            &wav(22_050, 1, &[])[..],
        ] {
            let err = Pcm::from_wav(bytes, "the engine's output").expect_err("refused");
            assert!(
                matches!(&err, AudioError::BadAudio(m) if m.starts_with("the engine's output is not usable WAV audio")),
                "{err:?}"
            );
        }
        assert!(
            Pcm::from_wav(&wav(4_000, 1, &[1, 2]), "x").is_err(),
            "silly rate"
        );
    }
}
