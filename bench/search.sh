#!/usr/bin/env bash
# Search benchmark: index N generated multilingual articles (default 100,000) into an
# index on disk and time queries and related posts in-process. Loopback-free: it runs
# entirely inside one process and stops by itself (bounded by N and 400 queries a kind).
#
#   bench/search.sh                 # builds the release example, 100,000 articles
#   N=20000 SKIP_BUILD=1 bench/search.sh
#
# Writes its output to bench/out/search.txt as well (not committed).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
N="${N:-100000}"
TARGET="${CARGO_TARGET_DIR:-target}"
if [[ "${SKIP_BUILD:-0}" != 1 ]]; then
  cargo build --release -p byline-search --example search_bench
fi
mkdir -p bench/out
"$TARGET/release/examples/search_bench" "$N" | tee bench/out/search.txt
