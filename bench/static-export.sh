#!/usr/bin/env bash
# The static mirror: a full `byline export-static` of the demo plus N generated
# articles (default 10,000, made by the cold-path generator), then an incremental
# re-export with nothing changed, then one after a single article edit. Time, files
# written and peak memory (/usr/bin/time -v). See bench/README.md.
#
#   bench/static-export.sh                      # builds release; 10,000 articles
#   ARTICLES=2000 PROFILE=debug bench/static-export.sh
#
# Environment: ARTICLES (default 10000), PROFILE (release or debug, default release),
# SKIP_BUILD=1, KEEP=1 (keep the data and the mirror).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
ARTICLES="${ARTICLES:-10000}"
PROFILE="${PROFILE:-release}"
TARGET="${CARGO_TARGET_DIR:-$ROOT/target}"
OUT_DIR="$ROOT/bench/out"
mkdir -p "$OUT_DIR"
flag=(); [[ "$PROFILE" == release ]] && flag=(--release)

if [[ "${SKIP_BUILD:-0}" != 1 ]]; then
  echo "==> cargo build ${flag[*]} -p byline --bin byline --example cold_path_bench"
  cargo build "${flag[@]}" -p byline --bin byline --example cold_path_bench
fi
BIN="$TARGET/$PROFILE/byline"
for v in $(compgen -e | grep '^BYLINE_' || true); do unset "$v"; done
export BYLINE_LOG=warn

WORK="$(mktemp -d)"
[[ "${KEEP:-0}" == 1 ]] || trap 'rm -rf "$WORK"' EXIT
DATA="$WORK/data"
MIRROR="$WORK/mirror"
echo "==> the demo plus $ARTICLES generated articles"
BENCH_DATA_OUT="$DATA" BENCH_ARTICLES="$ARTICLES" BYLINE_BIN="$BIN" "$TARGET/$PROFILE/examples/cold_path_bench"

report="$OUT_DIR/static-export.txt"
: >"$report"
run() {
  local label=$1
  /usr/bin/time -v "$BIN" export-static "$MIRROR" --data-dir "$DATA" \
    --base-url https://news.example.org >"$WORK/out" 2>"$WORK/time"
  local wall rss
  wall=$(grep 'Elapsed (wall clock)' "$WORK/time" | awk '{print $NF}')
  rss=$(grep 'Maximum resident set size' "$WORK/time" | awk '{print $NF}')
  printf '%-34s %s; %s wall; peak RSS %d MiB\n' "$label" "$(tail -n 1 "$WORK/out")" "$wall" $((rss / 1024)) | tee -a "$report"
}
echo "static export, SQLite, demo + $ARTICLES articles ($PROFILE build)" | tee -a "$report"
run "full export:"
echo "mirror: $(find "$MIRROR" -type f | wc -l) files, $(du -sh "$MIRROR" | cut -f1)" | tee -a "$report"
run "re-export, nothing changed:"
# (not `ls | head`: under pipefail the closed pipe would end the script)
for d in "$MIRROR"/articles/*/; do slug=$(basename "$d"); break; done
cat >"$WORK/edit.md" <<MD
+++
slug = "$slug"
headline = "An edited story for the export benchmark"
section = "news"
authors = ["news-desk"]
+++
One edited paragraph.
MD
"$BIN" article add "$WORK/edit.md" --data-dir "$DATA" >/dev/null
run "re-export after one edit:"
echo "==> figures in $report"
