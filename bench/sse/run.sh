#!/usr/bin/env bash
# SSE fan-out benchmark: 10,000 live update streams on loopback, one News Feed item
# published through the Admin API, delivery percentiles and memory per idle stream.
# See bench/README.md.
#
#   bench/sse/run.sh                                  # builds release, 10,000 streams
#   BENCH_CONNECTIONS=2000 SKIP_BUILD=1 bench/sse/run.sh
#
# Environment: BENCH_CONNECTIONS (default 10000), BENCH_SOURCES (127.0.0.x source
# addresses, default 50), BENCH_TIMEOUT_SECS (per phase, default 120), SKIP_BUILD=1,
# BYLINE_BIN; BENCH_PUBLISH_PATH, BENCH_PUBLISH_JSON, BENCH_MARKER (what is published and
# looked for; {nonce} is replaced by a unique text).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$ROOT"
TARGET="${CARGO_TARGET_DIR:-$ROOT/target}"
OUT_DIR="$ROOT/bench/out"
mkdir -p "$OUT_DIR"

if [[ "${SKIP_BUILD:-0}" != 1 ]]; then
  echo "==> cargo build --release -p byline --bin byline"
  cargo build --release -p byline --bin byline
  echo "==> cargo build --release (bench/sse, its own workspace)"
  cargo build --release --manifest-path bench/sse/Cargo.toml
fi
export BYLINE_BIN="${BYLINE_BIN:-$TARGET/release/byline}"
for v in $(compgen -e | grep '^BYLINE_' | grep -v '^BYLINE_BIN$' || true); do unset "$v"; done

# Each side holds one descriptor per stream: the server and this client both inherit it.
want=$(( ${BENCH_CONNECTIONS:-10000} + 1024 ))
hard=$(ulimit -Hn)
if [[ "$hard" != unlimited && "$hard" -lt "$want" ]]; then
  echo "the hard file-descriptor limit ($hard) is below $want; lower BENCH_CONNECTIONS" >&2
  exit 1
fi
ulimit -n "$want"

"$TARGET/release/sse-bench" | tee "$OUT_DIR/sse.txt"
