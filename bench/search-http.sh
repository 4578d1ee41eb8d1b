#!/usr/bin/env bash
# Search over HTTP at archive size: N generated articles (default 100,000, SQLite) made by
# the cold-path example, indexed with `byline reindex` (timed), then `/api/search` under
# wrk on 127.0.0.1, one run per query kind, each rotating over many distinct queries so
# the render cache cannot answer, and one run of a single repeated (cached) query.
# See bench/README.md.
#
#   bench/search-http.sh                      # builds release, 100,000 articles, 15 s a run
#   N=20000 DURATION=5s SKIP_BUILD=1 bench/search-http.sh
#
# Environment: N, DURATION (wrk -d, default 15s), WARMUP (default 3s), THREADS (2),
# CONNECTIONS (8), FLOOD_CONNECTIONS (64; one more run of single words with this many
# connections, 0 to skip), SKIP_BUILD=1, BYLINE_BIN, BENCH_LOCK (a file: every measured
# step runs under `flock` on it), DATA (an archive made earlier by this script: reused,
# kept), KEEP=1 (keep the temporary archive).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
N="${N:-100000}"
DURATION="${DURATION:-15s}"
WARMUP="${WARMUP:-3s}"
THREADS="${THREADS:-2}"
CONNECTIONS="${CONNECTIONS:-8}"
FLOOD_CONNECTIONS="${FLOOD_CONNECTIONS:-64}"
TARGET="${CARGO_TARGET_DIR:-$ROOT/target}"
BYLINE_BIN="$(realpath -m "${BYLINE_BIN:-$TARGET/release/byline}")"
EXAMPLE="$TARGET/release/examples/cold_path_bench"
OUT_DIR="$ROOT/bench/out"
OUT="$OUT_DIR/search-http.txt"

die() { echo "search-http: $*" >&2; exit 1; }
for tool in curl wrk python3 awk; do
  command -v "$tool" >/dev/null || die "$tool is not installed"
done
[[ -x /usr/bin/time ]] || die "/usr/bin/time is not installed (Debian: apt-get install time)"

# Runs a measured step, under flock when BENCH_LOCK names a lock file.
measured() {
  if [[ -n "${BENCH_LOCK:-}" ]]; then flock "$BENCH_LOCK" "$@"; else "$@"; fi
}

TMP="$(mktemp -d "${TMPDIR:-/tmp}/byline-search-http.XXXXXX")"
SERVER_PID=""
cleanup() {
  local status=$?
  trap - EXIT INT TERM
  if [[ -n "$SERVER_PID" ]] && kill -0 "$SERVER_PID" 2>/dev/null; then
    kill -TERM "$SERVER_PID" 2>/dev/null || true
    for _ in $(seq 50); do kill -0 "$SERVER_PID" 2>/dev/null || break; sleep 0.1; done
    kill -KILL "$SERVER_PID" 2>/dev/null || true
    wait "$SERVER_PID" 2>/dev/null || true
  fi
  if [[ "${KEEP:-0}" == 1 && -z "${DATA:-}" ]]; then
    echo "search-http: archive kept in $TMP/data" >&2
    find "$TMP" -mindepth 1 -maxdepth 1 ! -name data -exec rm -rf {} +
  else
    rm -rf "$TMP"
  fi
  exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM
# Nothing from the caller's BYLINE_* environment may change what is measured.
for v in $(compgen -e | grep '^BYLINE_' | grep -v '^BYLINE_BIN$' || true); do unset "$v"; done

# ---------------------------------------------------------------- build
if [[ "${SKIP_BUILD:-0}" != 1 ]]; then
  echo "==> cargo build --release -p byline --bin byline --example cold_path_bench"
  cargo build --release -p byline --bin byline --example cold_path_bench
fi
[[ -x "$BYLINE_BIN" ]] || die "no Byline binary at $BYLINE_BIN (build it, or set BYLINE_BIN)"

# ---------------------------------------------------------------- archive
if [[ -n "${DATA:-}" ]]; then
  DIR="$(realpath "$DATA")"
  [[ -f "$DIR/byline.db" && -f "$DIR/.search-http-enriched" ]] || die "$DIR is not an archive made by this script"
  N="$(sqlite3 "$DIR/byline.db" "SELECT count(*) FROM articles WHERE slug LIKE 'archive-%'" 2>/dev/null \
    || python3 -c 'import sqlite3,sys; print(sqlite3.connect(sys.argv[1]).execute("SELECT count(*) FROM articles WHERE slug LIKE ?", ("archive-%",)).fetchone()[0])' "$DIR/byline.db")"
  echo "==> reusing the archive in $DIR ($N generated articles)"
else
  [[ -x "$EXAMPLE" ]] || die "no $EXAMPLE (build it, or unset SKIP_BUILD)"
  DIR="$TMP/data"
  echo "==> generating $N articles into $DIR (cold_path_bench, BENCH_DATA_OUT)"
  (cd "$TMP" && BENCH_ARTICLES="$N" BENCH_DATA_OUT="$DIR" BYLINE_BIN="$BYLINE_BIN" "$EXAMPLE")
fi

# The generated bodies use 46 English words, nearly all of them in every article, and no
# Cyrillic: a search would only ever meet the commonest-word case. So each generated
# article also gets (once, marked by .search-http-enriched) a paragraph of 30 words drawn
# with Zipf frequencies from a 20,000-word made-up vocabulary, and one in five a sentence
# naming Lukashenko, Zelensky, Kyiv, Kharkiv or Lviv in Cyrillic (Russian, Ukrainian or
# Belarusian forms). The same seed gives the same vocabulary, from which the query lists
# are written: one path per line, each list shuffled.
mkdir -p "$TMP/q"
python3 - "$DIR" "$TMP/q" <<'PY'
import bisect, datetime, itertools, os, random, sqlite3, sys

data, qdir = sys.argv[1], sys.argv[2]
VOCAB, DRAWS = 20000, 30
syll = [c + v for c in "bdfgklmnprstvz" for v in "aeiou"]  # 70 syllables
rng = random.Random(13)
words = sorted({"".join(rng.choice(syll) for _ in range(3)) for _ in range(VOCAB * 3)})
rng.shuffle(words)
words = words[:VOCAB]  # rank order: words[0] is the commonest
weights = list(itertools.accumulate(1.0 / (r + 1) for r in range(VOCAB)))
NAMES = ["Лукашенко", "Лукашенка", "Лукашэнка", "Зеленський", "Зеленского", "Зяленскі",
         "Київ", "Києві", "Киеве", "Харків", "Харкові", "Харькове", "Львів", "Львові", "Львове"]

db = sqlite3.connect(os.path.join(data, "byline.db"))
marker = os.path.join(data, ".search-http-enriched")
if not os.path.exists(marker):
    ids = [r[0] for r in db.execute("SELECT id FROM articles WHERE slug LIKE 'archive-%' ORDER BY id")]
    rows = []
    for n, id_ in enumerate(ids):
        r = random.Random(id_)
        drawn = r.choices(words, cum_weights=weights, k=DRAWS)
        extra = "\n\nAlso in this report: " + " ".join(drawn) + "."
        if n % 5 == 0:
            extra += f"\n\nВ сообщении упоминается {NAMES[(n // 5) % len(NAMES)]}."
        rows.append((extra, id_))
    with db:
        db.executemany("UPDATE articles SET body_markdown = body_markdown || ? WHERE id = ?", rows)
    open(marker, "w").write(f"{len(ids)} articles, {VOCAB} words, {DRAWS} draws\n")

sections = [r[0] for r in db.execute("SELECT slug FROM sections ORDER BY id")]
lo, hi = db.execute("SELECT min(published_at), max(published_at) FROM articles WHERE slug LIKE 'archive-%'").fetchone()
day = lambda t: datetime.datetime.fromtimestamp(int(t), datetime.timezone.utc).date()
first, last = day(lo), day(hi)
span = (last - first).days
q = random.Random(7)

# One sample of each kind, asked before the runs to show what they find: kept out of the lists.
SAMPLES = [f"/api/search?q={words[9]}", f"/api/search?q={words[6500]}", "/api/search?q=Council",
           "/api/search?q=Lukashenka", "/api/search?q=Kharkov",
           f"/api/search?q={words[100]}&section={sections[0]}&from={first + datetime.timedelta(days=90)}&to={first + datetime.timedelta(days=180)}"]
with open(os.path.join(qdir, "samples.txt"), "w") as f:
    f.write("\n".join(SAMPLES) + "\n")

def write(name, paths):
    paths = [p for p in paths if p not in SAMPLES]
    q.shuffle(paths)
    with open(os.path.join(qdir, name + ".txt"), "w") as f:
        f.write("\n".join(paths) + "\n")

# Ranks 10..6009: each word is in about 25 % (rank 10) down to 0.05 % (rank 6009) of the
# articles (30 draws of probability 1/(rank·H), H ≈ 10.5).
write("single", [f"/api/search?q={w}" for w in words[10:6010]])
# The flood run: the same words, page 2 (other keys than the single-word run's).
write("flood", [f"/api/search?q={w}&page=2" for w in words[10:6010]])
# The generator's own words: each is in (nearly) every article. Distinct keys for the same
# search: the key keeps the query's letter case, the search does not.
common = ["council", "power", "bridge", "minister", "winter", "budget", "harbour", "shelter",
          "school", "theatre", "district", "trains", "parliament", "inflation", "prices",
          "exports", "corridor", "farmers", "harvest", "hospital", "surgeons", "museum",
          "festival", "readers", "engineers", "restore", "residents", "morning"]
def casings(word, k):
    out = {word, word.capitalize(), word.upper()}
    r = random.Random(word)
    for _ in range(k * 4):
        if len(out) >= k:
            break
        out.add("".join(c.upper() if r.random() < 0.5 else c for c in word))
    return sorted(out)
write("common", [f"/api/search?q={v}" for w in common for v in casings(w, 250)])
# Latin spellings of the Cyrillic names, in every letter case (see above), pages 1 and 2.
latin = ["Lukashenka", "Lukashenko", "Zelensky", "Zelenskyy", "Zelenskyi", "Kyiv", "Kiev",
         "Kharkiv", "Kharkov", "Lviv", "Lvov"]
names = [f"/api/search?q={v}" for w in latin for v in casings(w, 600)]
write("names", names + [p + "&page=2" for p in names])
# A word of ranks 10..2009, one section, a window of 30-120 days, half newest first
# (parameters in the key's order: q, section, from, to, sort).
filtered = set()
while len(filtered) < 8000:
    w = words[q.randrange(10, 2010)]
    s = q.choice(sections)
    length = q.randrange(30, 121)
    start = first + datetime.timedelta(days=q.randrange(0, max(1, span - length)))
    end = start + datetime.timedelta(days=length)
    sort = "&sort=newest" if q.random() < 0.5 else ""
    filtered.add(f"/api/search?q={w}&section={s}&from={start}&to={end}{sort}")
write("filtered", sorted(filtered))
# Warm-up (not measured): two-word queries that no list above contains.
write("warmup", [f"/api/search?q={words[q.randrange(10, 3000)]}+{words[q.randrange(10, 3000)]}" for _ in range(3000)])
# The warm query (a word in about 5 % of the articles).
with open(os.path.join(qdir, "warm.txt"), "w") as f:
    f.write(f"/api/search?q={words[50]}\n")
print(f"archive {first} .. {last}, sections: {' '.join(sections)}")
PY
for f in single common names filtered; do
  echo "    $f: $(wc -l <"$TMP/q/$f.txt") distinct queries"
done

# ---------------------------------------------------------------- reindex
echo "==> byline reindex --data-dir $DIR"
rm -rf "$DIR/search"
measured /usr/bin/time -f '%e s %M KiB' -o "$TMP/reindex.time" \
  "$BYLINE_BIN" reindex --data-dir "$DIR" | tee "$TMP/reindex.out"
read -r REINDEX_S _ REINDEX_KIB _ <"$TMP/reindex.time"
INDEXED="$(grep -o '^[0-9]*' "$TMP/reindex.out" | head -n1)"
INDEX_SIZE="$(du -sh "$DIR/search" | cut -f1)"
INDEX_KIB="$(du -sk "$DIR/search" | cut -f1)"
RATE="$(awk -v n="$INDEXED" -v s="$REINDEX_S" 'BEGIN { printf "%.0f", (s > 0 ? n / s : 0) }')"
echo "    $INDEXED articles in $REINDEX_S s ($RATE articles/s), peak RSS $((REINDEX_KIB / 1024)) MiB, index $INDEX_SIZE"

# ---------------------------------------------------------------- server
PORT=""
for _ in $(seq 200); do
  p=$((20000 + RANDOM % 40000))
  if ! (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null; then PORT=$p; break; fi
done
[[ -n "$PORT" ]] || die "no free port found"
BASE="http://127.0.0.1:$PORT"
TOKEN="bench-$RANDOM$RANDOM$RANDOM"
echo "==> starting Byline on $BASE (--no-demo, data in $DIR)"
(
  cd "$TMP"
  exec env BYLINE_LOG="${BENCH_BYLINE_LOG:-warn,byline::startup=info}" BYLINE_METRICS_TOKEN="$TOKEN" "$BYLINE_BIN" serve \
    --no-demo --addr "127.0.0.1:$PORT" --data-dir "$DIR"
) >"$TMP/byline.log" 2>&1 &
SERVER_PID=$!
ready=0
for _ in $(seq 1200); do
  kill -0 "$SERVER_PID" 2>/dev/null || { cat "$TMP/byline.log" >&2; die "Byline exited during startup"; }
  # Healthy, and the index open (a search answers 200, not 503): a query no list holds.
  if [[ "$(curl -s -o /dev/null -w '%{http_code}' --max-time 5 "$BASE/api/search?q=readiness+probe" || true)" == 200 ]]; then
    ready=1; break
  fi
  sleep 0.1
done
((ready)) || { cat "$TMP/byline.log" >&2; die "no 200 from /api/search within 120 s"; }
# The server answers while it still signs, in the background, every unsigned published
# revision (the generated articles have none: minutes at 100,000, all CPU and SQLite); it
# logs "start-up signing of published revisions done" when that is over. Measuring before
# would measure the signing too.
echo "==> waiting for the start-up signing of published revisions to finish"
SIGN_STARTED=$SECONDS
until grep -q "start-up signing of published revisions done" "$TMP/byline.log"; do
  kill -0 "$SERVER_PID" 2>/dev/null || { cat "$TMP/byline.log" >&2; die "Byline exited during startup"; }
  ((SECONDS - SIGN_STARTED < 1800)) || die "start-up signing not done within 30 min"
  sleep 0.5
done
SIGNING_S=$((SECONDS - SIGN_STARTED))
echo "    done after $SIGNING_S s"

echo "==> what a sample query of each kind finds (total, first headline)"
while read -r path; do
  curl -sf "$BASE$path" | python3 -c 'import json, sys
d = json.load(sys.stdin); r = d["results"]
print("    %s: total %s; %s" % (sys.argv[1], d["total"], r[0]["headline"][:50] if r else "-"))' "$path" \
    || echo "    $path: failed"
done <"$TMP/q/samples.txt"

metric() { # name [label filter]: the sum of the matching series
  curl -sf -H "Authorization: Bearer $TOKEN" "$BASE/metrics" \
    | awk -v name="$1" -v filter="${2:-}" '
        $1 ~ "^" name "([{]|$)" && (filter == "" || index($1, filter)) { s += $2 }
        END { printf "%d\n", s }'
}
statuses() { # "code=count ..." of /api/search answers that passed the render path
  curl -sf -H "Authorization: Bearer $TOKEN" "$BASE/metrics" \
    | awk '/^byline_http_requests_total[{]/ && index($1, "route=\"/api/search\"") {
             match($1, /status="[0-9]+"/); s = substr($1, RSTART + 8, 3); c[s] += $2 }
           END { for (k in c) printf "%s=%d ", k, c[k]; print "" }'
}

cat >"$TMP/rotate.lua" <<'LUA'
-- Each thread walks its own share of the list (every THREADS-th line from its number), so
-- no two requests ask for the same query until the list is used up.
local counter = 0
function setup(thread)
  thread:set("number", counter)
  counter = counter + 1
end
function init(args)
  paths = {}
  for line in io.lines(args[1]) do
    if #line > 0 then paths[#paths + 1] = line end
  end
  step = tonumber(args[2])
  at = number
end
function request()
  local path = paths[(at % #paths) + 1]
  at = at + step
  return wrk.format("GET", path)
end
LUA

parse_wrk() { # wrk report -> "rps p50_ms p99_ms requests non2xx socket_errors"
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

echo "==> warm-up $WARMUP (two-word queries, not measured)"
measured wrk -t"$THREADS" -c"$CONNECTIONS" -d"$WARMUP" -s "$TMP/rotate.lua" "$BASE" -- "$TMP/q/warmup.txt" "$THREADS" >/dev/null

ROWS=()
run() { # label list connections
  local label=$1 list=$2 conns=$3 h0 m0 h1 m1 s0 s1
  local file="$TMP/run-${#ROWS[@]}.wrk"
  h0="$(metric byline_cache_hits_total)"; m0="$(metric byline_cache_misses_total)"; s0="$(statuses)"
  if [[ "$list" == -* ]]; then
    echo "==> $label: wrk -t$THREADS -c$conns -d$DURATION --latency ${list#-}"
  else
    echo "==> $label: wrk -t$THREADS -c$conns -d$DURATION --latency over $(wc -l <"$list") paths"
  fi
  if [[ "$list" == -* ]]; then # a single URL
    measured wrk -t"$THREADS" -c"$conns" -d"$DURATION" --latency "$BASE${list#-}" >"$file"
  else
    measured wrk -t"$THREADS" -c"$conns" -d"$DURATION" --latency -s "$TMP/rotate.lua" "$BASE" -- "$list" "$THREADS" >"$file"
  fi
  h1="$(metric byline_cache_hits_total)"; m1="$(metric byline_cache_misses_total)"; s1="$(statuses)"
  sed -n '/Latency Distribution/,/requests in/p' "$file" | sed 's/^/    /'
  local rps p50 p99 reqs non2xx errs
  read -r rps p50 p99 reqs non2xx errs < <(parse_wrk "$file")
  # Status codes of this run's answers that passed the render path (hits are all 200).
  local codes
  codes="$(python3 -c 'import sys
a = dict(x.split("=") for x in sys.argv[1].split()); b = dict(x.split("=") for x in sys.argv[2].split())
print(",".join(f"{k}:{int(v) - int(a.get(k, 0))}" for k, v in sorted(b.items()) if k != "200" and int(v) > int(a.get(k, 0))) or "-")' "$s0" "$s1")"
  ROWS+=("$(printf '%-34s %3d %10.1f %9.2f %9.2f %9d %8d %7d %8d  %s' "$label" "$conns" "$rps" "$p50" "$p99" "$reqs" \
    $((non2xx + errs)) $((m1 - m0)) $((h1 - h0)) "$codes")")
}

LOAD_BEFORE="$(cut -d' ' -f1-3 /proc/loadavg)"
run "single word (0.05-25 % of articles)" "$TMP/q/single.txt" "$CONNECTIONS"
run "commonest words (in ~all)" "$TMP/q/common.txt" "$CONNECTIONS"
run "name in Latin vs Cyrillic text" "$TMP/q/names.txt" "$CONNECTIONS"
run "filtered (section+dates[+newest])" "$TMP/q/filtered.txt" "$CONNECTIONS"
run "warm: one query repeated" "-$(head -n1 "$TMP/q/warm.txt")" "$CONNECTIONS"
if ((FLOOD_CONNECTIONS > 0)); then
  run "flood: single word, page 2" "$TMP/q/flood.txt" "$FLOOD_CONNECTIONS"
fi
RSS_KIB="$(awk '/^VmRSS:/ { print $2 }' "/proc/$SERVER_PID/status")"
ERRORS_IN_LOG="$(grep -c -E 'ERROR|panicked' "$TMP/byline.log" || true)"

mkdir -p "$OUT_DIR"
{
  echo "search over HTTP, SQLite, $N generated articles, $(nproc) CPUs, release build, loopback"
  echo "commit $(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo unknown), $(date -u +%Y-%m-%dT%H:%M:%SZ), load average before the runs: $LOAD_BEFORE"
  echo "reindex: $INDEXED articles in $REINDEX_S s ($RATE articles/s), peak RSS $((REINDEX_KIB / 1024)) MiB; index on disk $INDEX_SIZE ($INDEX_KIB KiB)"
  echo "wrk -t$THREADS -d$DURATION --latency; 'cold' = renders run (cache misses), 'hits' = answered from the render cache"
  echo
  printf '%-34s %3s %10s %9s %9s %9s %8s %7s %8s  %s\n' kind c 'req/s' 'p50 ms' 'p99 ms' requests non-2xx cold hits 'other codes'
  printf '%s\n' "${ROWS[@]}"
  echo
  echo "start-up signing of published revisions (waited out before the runs): $SIGNING_S s"
  echo "server RSS after the runs: $((RSS_KIB / 1024)) MiB; ERROR/panic lines in its log: $ERRORS_IN_LOG"
} | tee "$OUT"
echo "==> figures in ${OUT#"$ROOT/"}"
