#!/usr/bin/env bash
# Byline's article page against nginx serving the very same bytes as a static
# file. Both run on 127.0.0.1 of this machine; wrk loads each in turn with the
# same settings. See bench/README.md.
#
#   bench/article-vs-nginx.sh                 # build release, 15 s per server
#   SKIP_BUILD=1 DURATION=5s bench/article-vs-nginx.sh
#
# Environment: DURATION (wrk -d, default 15s), THREADS (default 2),
# CONNECTIONS (default 64), WARMUP (default 2s), SKIP_BUILD=1 (use the
# existing target/release/byline), BYLINE_BIN (another binary), NGINX (path).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
OUT_DIR="$ROOT/bench/out"
OUT_JSON="$OUT_DIR/article-vs-nginx.json"
DURATION="${DURATION:-15s}"
WARMUP="${WARMUP:-2s}"
THREADS="${THREADS:-2}"
CONNECTIONS="${CONNECTIONS:-64}"
BYLINE_BIN="$(realpath -m "${BYLINE_BIN:-$ROOT/target/release/byline}")"
NGINX="${NGINX:-$(command -v nginx || echo /usr/sbin/nginx)}"

die() { echo "article-vs-nginx: $*" >&2; exit 1; }

for tool in curl wrk cmp awk; do
  command -v "$tool" >/dev/null || die "$tool is not installed (Debian: apt-get install curl wrk diffutils gawk)"
done
[[ -x "$NGINX" ]] || die "nginx not found (Debian: apt-get install nginx-light)"

TMP="$(mktemp -d "${TMPDIR:-/tmp}/byline-bench.XXXXXX")"
BYLINE_PID=""
NGINX_PID=""

cleanup() {
  local status=$?
  trap - EXIT INT TERM
  if [[ -n "$NGINX_PID" ]] && kill -0 "$NGINX_PID" 2>/dev/null; then
    kill -TERM "$NGINX_PID" 2>/dev/null || true
    wait "$NGINX_PID" 2>/dev/null || true
  fi
  if [[ -n "$BYLINE_PID" ]] && kill -0 "$BYLINE_PID" 2>/dev/null; then
    kill -TERM "$BYLINE_PID" 2>/dev/null || true
    for _ in $(seq 50); do kill -0 "$BYLINE_PID" 2>/dev/null || break; sleep 0.1; done
    kill -KILL "$BYLINE_PID" 2>/dev/null || true
    wait "$BYLINE_PID" 2>/dev/null || true
  fi
  rm -rf "$TMP"
  exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# A loopback port nothing listens on (and that no earlier pick took).
TAKEN=" "
free_port() {
  local port
  for _ in $(seq 200); do
    port=$((20000 + RANDOM % 40000))
    [[ "$TAKEN" == *" $port "* ]] && continue
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
      TAKEN+="$port "
      echo "$port"
      return 0
    fi
  done
  die "no free port found"
}

wait_for_200() { # url what pid; returns 1 if it exited or timed out
  local url=$1 what=$2 pid=$3
  for _ in $(seq 600); do
    if ! kill -0 "$pid" 2>/dev/null; then
      echo "article-vs-nginx: $what exited during startup" >&2
      return 1
    fi
    if [[ "$(curl -s -o /dev/null -w '%{http_code}' --max-time 2 "$url" || true)" == 200 ]]; then
      return 0
    fi
    sleep 0.1
  done
  echo "article-vs-nginx: $what did not answer 200 at $url within 60 s" >&2
  return 1
}

# ---------------------------------------------------------------- build
if [[ "${SKIP_BUILD:-0}" != 1 ]]; then
  echo "==> cargo build --release -p byline"
  (cd "$ROOT" && cargo build --release -p byline)
fi
[[ -x "$BYLINE_BIN" ]] || die "no Byline binary at $BYLINE_BIN (build it, or set BYLINE_BIN)"

# ---------------------------------------------------------------- Byline
BYLINE_PORT="$(free_port)"
BYLINE="http://127.0.0.1:$BYLINE_PORT"
mkdir -p "$TMP/data" "$TMP/www"
echo "==> starting Byline on $BYLINE (demo newsroom, data in $TMP/data)"
(
  # Nothing from the caller's BYLINE_* environment (database URL, no-demo,
  # config) may change what is served; run where no byline.toml is.
  bin="$BYLINE_BIN"
  for v in $(compgen -e | grep '^BYLINE_' || true); do unset "$v"; done
  cd "$TMP"
  exec env BYLINE_LOG="${BENCH_BYLINE_LOG:-warn}" "$bin" serve \
    --addr "127.0.0.1:$BYLINE_PORT" --data-dir "$TMP/data"
) >"$TMP/byline.log" 2>&1 &
BYLINE_PID=$!
wait_for_200 "$BYLINE/" Byline "$BYLINE_PID" || { cat "$TMP/byline.log" >&2; exit 1; }

# The first article linked from <main> on the home page.
ARTICLE_PATH="$(curl -sf "$BYLINE/" | sed -n '/<main/,$p' | grep -o 'href="/articles/[^"]*"' | head -n1 | cut -d'"' -f2 || true)"
[[ "$ARTICLE_PATH" =~ ^/articles/[a-z0-9][a-z0-9-]*$ ]] || die "no article link found on the home page (got '$ARTICLE_PATH')"
curl -sf -o "$TMP/www$ARTICLE_PATH" --create-dirs "$BYLINE$ARTICLE_PATH"
BODY_BYTES="$(wc -c <"$TMP/www$ARTICLE_PATH" | tr -d ' ')"
chmod -R a+rX "$TMP/www"
chmod a+x "$TMP"

# ---------------------------------------------------------------- nginx
NGINX_PORT="$(free_port)"
NGINXURL="http://127.0.0.1:$NGINX_PORT"
mkdir -p "$TMP/nginx"
NGINX_V="$("$NGINX" -V 2>&1 || true)"
{
  # Workers of a root master run as "nobody" unless told otherwise.
  [[ "$(id -u)" == 0 ]] && echo "user root;"
  cat <<EOF
worker_processes auto;
daemon off;
master_process on;
pid $TMP/nginx/nginx.pid;
error_log $TMP/nginx/error.log warn;

events {
  worker_connections 4096;
}

http {
  access_log off;
  sendfile on;
  tcp_nopush on;
  tcp_nodelay on;
  keepalive_timeout 65;
  keepalive_requests 1000000;
  open_file_cache max=1000 inactive=60s;
  open_file_cache_valid 60s;
  open_file_cache_errors on;
  server_tokens off;
  gzip off;
  types { }
  default_type text/html;
  charset utf-8;
  client_body_temp_path $TMP/nginx/client_body;
EOF
  for module in proxy fastcgi uwsgi scgi; do
    [[ "$NGINX_V" == *"--without-http_${module}_module"* ]] || echo "  ${module}_temp_path $TMP/nginx/$module;"
  done
  cat <<EOF

  server {
    listen 127.0.0.1:$NGINX_PORT;
    root $TMP/www;
    location / {
      try_files \$uri =404;
    }
  }
}
EOF
} >"$TMP/nginx/nginx.conf"

"$NGINX" -t -q -c "$TMP/nginx/nginx.conf" -p "$TMP/nginx/" -e "$TMP/nginx/error.log" \
  || { cat "$TMP/nginx/error.log" >&2 2>/dev/null; die "nginx rejected $TMP/nginx/nginx.conf"; }
echo "==> starting nginx on $NGINXURL (root $TMP/www)"
"$NGINX" -c "$TMP/nginx/nginx.conf" -p "$TMP/nginx/" -e "$TMP/nginx/error.log" &
NGINX_PID=$!
wait_for_200 "$NGINXURL$ARTICLE_PATH" nginx "$NGINX_PID" || { cat "$TMP/nginx/error.log" >&2; exit 1; }

# ---------------------------------------------------------------- same bytes?
curl -sf -o "$TMP/byline.body" "$BYLINE$ARTICLE_PATH" || die "Byline did not answer 200 for $ARTICLE_PATH"
curl -sf -o "$TMP/nginx.body" "$NGINXURL$ARTICLE_PATH" || die "nginx did not answer 200 for $ARTICLE_PATH"
cmp "$TMP/byline.body" "$TMP/nginx.body" || die "Byline and nginx bodies differ"
BYLINE_HEADER_BYTES="$(curl -s -o /dev/null -w '%{size_header}' "$BYLINE$ARTICLE_PATH")"
NGINX_HEADER_BYTES="$(curl -s -o /dev/null -w '%{size_header}' "$NGINXURL$ARTICLE_PATH")"
echo "==> $ARTICLE_PATH: $BODY_BYTES body bytes, identical from both (headers: Byline $BYLINE_HEADER_BYTES B, nginx $NGINX_HEADER_BYTES B)"

# ---------------------------------------------------------------- load
LOAD_BEFORE="$(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo unknown)"
run_wrk() { # name url
  local name=$1 url=$2
  echo "==> $name: warm-up $WARMUP, then wrk -t$THREADS -c$CONNECTIONS -d$DURATION --latency $url"
  wrk -t"$THREADS" -c"$CONNECTIONS" -d"$WARMUP" "$url" >/dev/null
  wrk -t"$THREADS" -c"$CONNECTIONS" -d"$DURATION" --latency "$url" | tee "$TMP/$name.wrk"
}

# wrk's report -> "rps p50_ms p99_ms requests non2xx socket_errors"
parse_wrk() {
  awk '
    function ms(v,   n, u) {
      n = v + 0; u = v; sub(/^[0-9.]+/, "", u)
      if (u == "us") return n / 1000
      if (u == "ms") return n
      if (u == "s")  return n * 1000
      if (u == "m")  return n * 60000
      return -1
    }
    /^Requests\/sec:/             { rps = $2 }
    /^[ \t]+50%/                   { p50 = ms($2) }
    /^[ \t]+99%/                   { p99 = ms($2) }
    / requests in /                { reqs = $1 }
    /Non-2xx or 3xx responses:/    { non2xx = $NF }
    /Socket errors:/ {
      for (i = 1; i <= NF; i++) if ($i ~ /^[0-9]+,?$/) { v = $i; sub(/,/, "", v); errs += v }
    }
    END { printf "%s %.3f %.3f %d %d %d\n", rps, p50, p99, reqs, non2xx, errs }
  ' "$1"
}

run_wrk byline "$BYLINE$ARTICLE_PATH"
run_wrk nginx "$NGINXURL$ARTICLE_PATH"

read -r B_RPS B_P50 B_P99 B_REQS B_NON2XX B_ERRS < <(parse_wrk "$TMP/byline.wrk")
read -r N_RPS N_P50 N_P99 N_REQS N_NON2XX N_ERRS < <(parse_wrk "$TMP/nginx.wrk")
[[ -n "$B_RPS" && -n "$N_RPS" ]] || die "could not read Requests/sec from wrk"
RATIO="$(awk -v b="$B_RPS" -v n="$N_RPS" 'BEGIN { printf "%.2f", (n > 0 ? b / n : 0) }')"

echo
echo "Article $ARTICLE_PATH ($BODY_BYTES bytes), wrk -t$THREADS -c$CONNECTIONS -d$DURATION, $(nproc) CPUs, load average before: $LOAD_BEFORE"
printf '%-8s %14s %12s %12s %12s %8s\n' server 'requests/s' 'p50 ms' 'p99 ms' requests errors
printf '%-8s %14.2f %12.3f %12.3f %12d %8d\n' Byline "$B_RPS" "$B_P50" "$B_P99" "$B_REQS" $((B_NON2XX + B_ERRS))
printf '%-8s %14.2f %12.3f %12.3f %12d %8d\n' nginx "$N_RPS" "$N_P50" "$N_P99" "$N_REQS" $((N_NON2XX + N_ERRS))
echo "Byline/nginx requests/s: $RATIO"

mkdir -p "$OUT_DIR"
COMMIT="$(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo unknown)"
cat >"$OUT_JSON" <<EOF
{
  "benchmark": "article-vs-nginx",
  "date": "$(date -u +%Y-%m-%dT%H:%M:%SZ)",
  "repo_commit": "$COMMIT",
  "byline_bin": "$BYLINE_BIN",
  "built_by_script": $([[ "${SKIP_BUILD:-0}" == 1 ]] && echo false || echo true),
  "load_average_before": "$LOAD_BEFORE",
  "cpus": $(nproc),
  "article_path": "$ARTICLE_PATH",
  "body_bytes": $BODY_BYTES,
  "wrk": { "threads": $THREADS, "connections": $CONNECTIONS, "duration": "$DURATION", "warmup": "$WARMUP" },
  "byline": { "requests_per_sec": $B_RPS, "latency_p50_ms": $B_P50, "latency_p99_ms": $B_P99, "requests": $B_REQS, "non_2xx_3xx": $B_NON2XX, "socket_errors": $B_ERRS, "header_bytes": $BYLINE_HEADER_BYTES },
  "nginx": { "requests_per_sec": $N_RPS, "latency_p50_ms": $N_P50, "latency_p99_ms": $N_P99, "requests": $N_REQS, "non_2xx_3xx": $N_NON2XX, "socket_errors": $N_ERRS, "header_bytes": $NGINX_HEADER_BYTES },
  "ratio_byline_to_nginx_rps": $RATIO
}
EOF
echo "Results written to ${OUT_JSON#"$ROOT/"}"

if ((B_NON2XX + B_ERRS + N_NON2XX + N_ERRS > 0)); then
  die "some requests failed (non-2xx/3xx responses or socket errors): the numbers are not comparable"
fi
