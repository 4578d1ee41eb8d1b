#!/usr/bin/env bash
# The cold path: what a page not yet in the render cache costs, on archives of
# 10,000 and 100,000 generated articles (SQLite), then the warm article page
# against nginx in the same run. See bench/README.md.
#
#   bench/cold-path.sh                        # builds release; 10k and 100k
#   SIZES="10000" SKIP_BUILD=1 bench/cold-path.sh
#
# Environment: SIZES (default "10000 100000"), BENCH_SAMPLES (renders per page
# kind, default 400), BENCH_TIMEOUT_SECS (per size, default 1800),
# SKIP_BUILD=1, SKIP_NGINX=1 (no warm comparison).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
SIZES="${SIZES:-10000 100000}"
TARGET="${CARGO_TARGET_DIR:-$ROOT/target}"
OUT_DIR="$ROOT/bench/out"
mkdir -p "$OUT_DIR"

if [[ "${SKIP_BUILD:-0}" != 1 ]]; then
  echo "==> cargo build --release -p byline --bin byline --example cold_path_bench"
  cargo build --release -p byline --bin byline --example cold_path_bench
fi
export BYLINE_BIN="${BYLINE_BIN:-$TARGET/release/byline}"
for v in $(compgen -e | grep '^BYLINE_' | grep -v '^BYLINE_BIN$' || true); do unset "$v"; done

: >"$OUT_DIR/cold-path.txt"
for n in $SIZES; do
  echo "==> $n articles"
  BENCH_ARTICLES="$n" "$TARGET/release/examples/cold_path_bench" | tee -a "$OUT_DIR/cold-path.txt"
done

if [[ "${SKIP_NGINX:-0}" != 1 ]]; then
  echo "==> warm article page against nginx (same run)"
  SKIP_BUILD=1 BYLINE_BIN="$BYLINE_BIN" DURATION="${DURATION:-10s}" bash "$ROOT/bench/article-vs-nginx.sh" | tail -n 8 | tee -a "$OUT_DIR/cold-path.txt"
fi
echo "==> figures in $OUT_DIR/cold-path.txt"
