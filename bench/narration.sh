#!/usr/bin/env bash
# Narration benchmark: CPU seconds per minute of audio for espeak-ng (and Piper when
# PIPER_MODEL names a local .onnx voice), and the encoded size per minute for Opus
# (opusenc --bitrate 32) and MP3 (lame -V 6), for an 800-word article in English and in
# Ukrainian. Runs the same programs with the same options as byline-audio. Bounded: two
# languages, one run each; nothing leaves the machine. Needs espeak-ng, opus-tools, lame
# and /usr/bin/time.
set -euo pipefail
WORDS="${WORDS:-800}"
dir="$(mktemp -d)"
trap 'rm -rf "$dir"' EXIT

article() { # LANGUAGE: WORDS words of running text
  local sentence
  case "$1" in
    uk) sentence="Пором вийшов з Одеси на світанку з зерном на борту, перший за тиждень. " ;;
    *) sentence="The ferry left Odesa at dawn with grain on board, the first in a week. " ;;
  esac
  python3 - "$sentence" "$WORDS" <<'PY'
import sys
s, n = sys.argv[1], int(sys.argv[2])
words = s.split()
out = [words[i % len(words)] for i in range(n)]
print(" ".join(out))
PY
}

cpu() { /usr/bin/time -f "%U %S" "$@" 2>&1 >/dev/null | tail -1 | awk '{print $1 + $2}'; }

printf '%-10s %8s %10s %12s %12s %12s %12s\n' engine lang "audio s" "synth CPU s" "CPU s/min" "opus KB/min" "mp3 KB/min"
for lang in en uk; do
  voice="$lang"; [[ "$lang" == en ]] && voice=en-gb
  article "$lang" >"$dir/$lang.txt"
  synth=$( { /usr/bin/time -f "%U %S" espeak-ng -v "$voice" -w "$dir/$lang.wav" -f "$dir/$lang.txt"; } 2>&1 | tail -1 | awk '{print $1 + $2}')
  secs=$(python3 -c "import wave,sys; w=wave.open(sys.argv[1]); print(w.getnframes()/w.getframerate())" "$dir/$lang.wav")
  opus_cpu=$(cpu opusenc --quiet --bitrate 32 "$dir/$lang.wav" "$dir/$lang.opus")
  mp3_cpu=$(cpu lame --quiet -V 6 "$dir/$lang.wav" "$dir/$lang.mp3")
  python3 - "$lang" "$secs" "$synth" "$opus_cpu" "$mp3_cpu" "$(stat -c %s "$dir/$lang.opus")" "$(stat -c %s "$dir/$lang.mp3")" <<'PY'
import sys
lang, secs, synth, ocpu, mcpu, osz, msz = sys.argv[1], *map(float, sys.argv[2:])
m = secs / 60
print(f"{'espeak-ng':<10} {lang:>8} {secs:10.1f} {synth:12.2f} {synth/m:12.3f} {osz/1024/m:12.0f} {msz/1024/m:12.0f}")
print(f"{'  encode':<10} {lang:>8} {'':>10} {ocpu+mcpu:12.2f} {(ocpu+mcpu)/m:12.3f}")
PY
done
if [[ -n "${PIPER_MODEL:-}" ]]; then
  synth=$( { /usr/bin/time -f "%U %S" ${PIPER_COMMAND:-python3 -m piper} -m "$PIPER_MODEL" -f "$dir/piper.wav" <"$dir/en.txt"; } 2>&1 | tail -1 | awk '{print $1 + $2}')
  secs=$(python3 -c "import wave,sys; w=wave.open(sys.argv[1]); print(w.getnframes()/w.getframerate())" "$dir/piper.wav")
  python3 -c "import sys; s=float(sys.argv[1]); c=float(sys.argv[2]); print(f'piper en: {s:.1f} s of audio, {c:.2f} CPU s, {c/(s/60):.2f} CPU s per minute')" "$secs" "$synth"
fi
