# shellcheck shell=bash
# Makes this machine able to run ./scripts/test, sourced by it (bash, Debian or Ubuntu).
#
# Installs what is missing through apt when running as root or with passwordless sudo:
# a C toolchain (gcc, for crates that build C), chromium (browser tests),
# default-jre-headless (the Nu HTML Checker), espeak-ng, opus-tools and lame (narrated
# audio), nodejs and npm, and PostgreSQL, which it
# then starts on 127.0.0.1:5432 with trust authentication for loopback connections.
# Idempotent and silent when everything is present; one line per thing it cannot do.
# BYLINE_TEST_NO_INSTALL=1 only checks. A BYLINE_TEST_POSTGRES_URL other than the
# default names a server of your own: then no PostgreSQL is installed or started.
#
# After `ensure_test_machine`, MACHINE_PROBLEMS lists what is still missing (empty when
# all is well); the steps that need it fail and say so in the summary.

MACHINE_PROBLEMS=()
MACHINE_PRIV=unknown   # root | sudo | none, decided on first use
MACHINE_APT_UPDATED=0
DEFAULT_TEST_POSTGRES_URL="postgres://postgres@127.0.0.1:5432/postgres"
MIN_NODE_MAJOR=20

machine_say() { echo "scripts/test: $*" >&2; }

# machine_problem WHAT HOW: records and prints that WHAT is missing, with what to do.
machine_problem() {
  MACHINE_PROBLEMS+=("$1")
  machine_say "$1 is missing and $2"
}

# Runs a command as root (directly, or through sudo -n); fails when neither is possible.
as_root() {
  if [[ "$MACHINE_PRIV" == unknown ]]; then
    if [[ "$(id -u)" == 0 ]]; then
      MACHINE_PRIV=root
    elif command -v sudo >/dev/null && sudo -n true 2>/dev/null; then
      MACHINE_PRIV=sudo
    else
      MACHINE_PRIV=none
    fi
  fi
  case "$MACHINE_PRIV" in
    root) "$@" ;;
    sudo) sudo -n "$@" ;;
    *) return 1 ;;
  esac
}

# Why nothing can be installed, or empty when something can.
cannot_install_reason() {
  if [[ "${BYLINE_TEST_NO_INSTALL:-}" == 1 ]]; then
    echo "BYLINE_TEST_NO_INSTALL=1 is set"
  elif ! command -v apt-get >/dev/null; then
    echo "there is no apt-get here"
  elif ! as_root true; then
    echo "not root, and no passwordless sudo"
  fi
}

# apt_install WHAT PACKAGE...: installs the packages, or records why it could not.
apt_install() {
  local what=$1 reason
  shift
  reason="$(cannot_install_reason)"
  if [[ -n "$reason" ]]; then
    machine_problem "$what" "cannot be installed ($reason): run 'sudo apt-get install $*'"
    return 1
  fi
  if ((MACHINE_APT_UPDATED == 0)); then
    as_root env DEBIAN_FRONTEND=noninteractive apt-get update -qq >/dev/null 2>&1 || true
    MACHINE_APT_UPDATED=1
  fi
  machine_say "installing $* (for $what)"
  # apt's own chatter is shown only when the install fails.
  local log
  log="$(mktemp)"
  if ! as_root env DEBIAN_FRONTEND=noninteractive \
    apt-get install -y -qq --no-install-recommends "$@" </dev/null >"$log" 2>&1; then
    tail -n 20 "$log" >&2
    rm -f "$log"
    machine_problem "$what" "apt-get install $* failed (its last lines are above)"
    return 1
  fi
  rm -f "$log"
}

node_major() { node --version 2>/dev/null | sed -E 's/^v([0-9]+).*/\1/'; }

# The major version apt would install for nodejs, or empty.
apt_node_major() {
  apt-cache policy nodejs 2>/dev/null | sed -nE 's/^ *Candidate: *([0-9]+:)?([0-9]+).*/\2/p'
}

ensure_node() {
  if ! command -v node >/dev/null || ! command -v npm >/dev/null; then
    # Distributions' nodejs ships npm separately; NodeSource's includes it.
    local packages=()
    command -v node >/dev/null || packages+=(nodejs)
    command -v npm >/dev/null || packages+=(npm)
    if [[ -z "$(cannot_install_reason)" && "$MACHINE_APT_UPDATED" == 0 ]]; then
      as_root env DEBIAN_FRONTEND=noninteractive apt-get update -qq >/dev/null 2>&1 || true
      MACHINE_APT_UPDATED=1
    fi
    local candidate
    candidate="$(apt_node_major)"
    if [[ -n "$candidate" ]] && ((candidate < MIN_NODE_MAJOR)) && ! command -v node >/dev/null; then
      machine_problem "Node.js $MIN_NODE_MAJOR or later" \
        "this system's packages only offer Node.js $candidate: install Node.js $MIN_NODE_MAJOR+ (e.g. from nodejs.org or NodeSource) and run again"
      return
    fi
    apt_install "Node.js and npm (browser tests)" "${packages[@]}" || return
  fi
  local major
  major="$(node_major)"
  if [[ -z "$major" ]] || ((major < MIN_NODE_MAJOR)); then
    MACHINE_PROBLEMS+=("Node.js $MIN_NODE_MAJOR or later")
    machine_say "Node.js $(node --version 2>/dev/null) is too old: the browser tests need $MIN_NODE_MAJOR or later"
  fi
}

# Is something listening on 127.0.0.1:5432?
postgres_listening() { (exec 3<>/dev/tcp/127.0.0.1/5432) 2>/dev/null; }

# Newest PostgreSQL version with a `main` cluster, e.g. 15, or empty.
postgres_version() {
  find /etc/postgresql -mindepth 2 -maxdepth 2 -name main -printf '%h\n' 2>/dev/null |
    xargs -r -n1 basename | sort -V | tail -n1
}

# Lets loopback connections in without a password (only on a cluster this script installed).
trust_loopback() {
  local hba="/etc/postgresql/$1/main/pg_hba.conf"
  as_root grep -q '^host all all 127.0.0.1/32 trust' "$hba" 2>/dev/null && return
  as_root sh -c "{ echo 'host all all 127.0.0.1/32 trust'; echo 'host all all ::1/128 trust'; cat '$hba'; } >'$hba.new' && mv '$hba.new' '$hba' && chown postgres:postgres '$hba'"
}

ensure_postgres() {
  local url="${BYLINE_TEST_POSTGRES_URL:-$DEFAULT_TEST_POSTGRES_URL}"
  if [[ "$url" != "$DEFAULT_TEST_POSTGRES_URL" ]]; then
    return # a server of the user's own choosing
  fi
  postgres_listening && return
  local version
  version="$(postgres_version)"
  if [[ -z "$version" ]]; then
    apt_install "PostgreSQL (the PostgreSQL half of the Rust tests)" postgresql || return
    version="$(postgres_version)"
    if [[ -z "$version" ]]; then
      machine_problem "PostgreSQL" "installing it made no cluster under /etc/postgresql"
      return
    fi
    trust_loopback "$version" || machine_say "could not allow trust authentication on loopback in pg_hba.conf"
  fi
  if ! as_root true; then
    machine_problem "a running PostgreSQL on 127.0.0.1:5432" \
      "cannot be started (not root, no passwordless sudo): run 'sudo pg_ctlcluster $version main start'"
    return
  fi
  machine_say "starting PostgreSQL $version"
  as_root pg_ctlcluster --skip-systemctl-redirect "$version" main start >/dev/null 2>&1 || true
  local second
  for ((second = 0; second < 60; second++)); do
    postgres_listening && return
    sleep 1
  done
  machine_problem "a running PostgreSQL on 127.0.0.1:5432" \
    "did not come up within 60 s (see /var/log/postgresql/)"
}

ensure_test_machine() {
  export DEBIAN_FRONTEND=noninteractive
  if ! command -v cargo >/dev/null && [[ -x "$HOME/.cargo/bin/cargo" ]]; then
    export PATH="$HOME/.cargo/bin:$PATH"
  fi
  if ! command -v cargo >/dev/null; then
    machine_problem "cargo" "is not a package this script installs: install Rust with rustup (https://rustup.rs), then run again"
  fi
  command -v cc >/dev/null || apt_install "a C compiler (crates that build C)" gcc libc6-dev
  command -v chromium >/dev/null || apt_install "Chromium (browser tests)" chromium
  command -v java >/dev/null || apt_install "Java (the Nu HTML Checker)" default-jre-headless
  command -v espeak-ng >/dev/null || apt_install "espeak-ng (narrated audio tests)" espeak-ng
  command -v opusenc >/dev/null || apt_install "opus-tools (narrated audio tests)" opus-tools
  command -v lame >/dev/null || apt_install "lame (narrated audio tests)" lame
  ensure_node
  ensure_postgres
}

# Versions of the tools the tests use, on one line (for the summary).
machine_versions() {
  local chromium java="" node pg
  chromium="$(chromium --version 2>/dev/null | head -n1)"
  command -v java >/dev/null && java="$(java -version 2>&1 | head -n1)"
  node="$(node --version 2>/dev/null)"
  pg="$(psql --version 2>/dev/null | head -n1)"
  echo "${chromium:-no chromium}; ${java:-no java}; node ${node:-none}; ${pg:-no psql}"
}
