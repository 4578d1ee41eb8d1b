#!/usr/bin/env bash
# Newsletter sending benchmark: a campaign to BENCH_SUBSCRIBERS (default 100000) synthetic
# confirmed subscribers, sent by the release binary through a local SMTP sink on loopback.
# Prints messages per second and the server's peak memory. Bounded by BENCH_TIMEOUT_SECS.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
if [[ "${SKIP_BUILD:-0}" != 1 ]]; then
  cargo build --release -p byline --bin byline --example newsletter_bench
fi
exec target/release/examples/newsletter_bench
