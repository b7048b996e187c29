#!/usr/bin/env bash
# HtmCloud test command: `infra/test.sh` from anywhere in the repo.
#
# On a fresh Debian 12 machine with the .NET SDK it:
#   1. installs PostgreSQL 15, Redis, Chromium and Node.js/npm from Debian's packages if they are missing
#      (needs root or sudo), and builds the dashboard (infra/web.sh: npm ci + vite build);
#   2. starts a PRIVATE PostgreSQL and Redis on free loopback ports in a temp folder
#      (never the system instances), stopping any left over from an earlier run first;
#   3. exports HTMCLOUD_TEST_POSTGRES (Npgsql connection string) and HTMCLOUD_TEST_REDIS (host:port);
#   4. runs `dotnet test HtmCloud.sln -c Release` with a TRX logger into a clean results folder;
#   5. sums passed/failed over every TRX file (one per test project) and prints, as the LAST line,
#      exactly `N passed, N failed`. Exit code is non-zero if anything failed or no TRX was produced.
#   6. stops the private services again (unless HTMCLOUD_KEEP_SERVICES=1).
#
# Environment knobs (all optional):
#   HTMCLOUD_BUILD_LOCK=/path      wrap `dotnet test` in `flock /path` (shared dev machines; not in CI)
#   HTMCLOUD_KEEP_SERVICES=1       leave PostgreSQL/Redis running after the run (connection info is printed)
#   HTMCLOUD_TEST_SERVICES_DIR=dir where the private services live (default ${TMPDIR:-/tmp}/htmcloud-test-<uid>)
#   HTMCLOUD_TEST_RESULTS_DIR=dir  where TRX files go (default <repo>/TestResults; wiped at the start of a run)
#   HTMCLOUD_TEST_HANG_TIMEOUT=10m a single test running longer than this aborts its test host (blame-hang)
#   HTMCLOUD_TEST_FILTER=expr      passed to `dotnet test --filter` (e.g. to run one fixture)
set -euo pipefail

REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$REPO_ROOT"

PG_BIN=/usr/lib/postgresql/15/bin
PG_DB=htmcloud_test
SERVICES_DIR="${HTMCLOUD_TEST_SERVICES_DIR:-${TMPDIR:-/tmp}/htmcloud-test-$(id -u)}"
PG_DIR="$SERVICES_DIR/pg"
REDIS_DIR="$SERVICES_DIR/redis"
RESULTS_DIR="${HTMCLOUD_TEST_RESULTS_DIR:-$REPO_ROOT/TestResults}"
STARTUP_TIMEOUT=60   # seconds each service may take to answer

export DOTNET_NOLOGO=1 DOTNET_CLI_TELEMETRY_OPTOUT=1
export DEBIAN_FRONTEND=noninteractive

log() { printf '[test.sh] %s\n' "$*" >&2; }

# Any failure before the tests ran still ends with a summary line CI can read.
die() {
    log "ERROR: $*"
    echo "0 passed, 1 failed"
    exit 1
}

now_ms() { date +%s%3N; }
T_START=$(now_ms)

IS_ROOT=0
[[ $(id -u) -eq 0 ]] && IS_ROOT=1

# ---------------------------------------------------------------------------------------------------
# Packages
# ---------------------------------------------------------------------------------------------------

as_root() {
    if [[ $IS_ROOT -eq 1 ]]; then
        "$@"
    elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
        sudo -n "$@"
    else
        die "need root to run: $* (install the packages by hand or rerun as root)"
    fi
}

APT_UPDATED=0
apt_install() {
    if [[ $APT_UPDATED -eq 0 ]]; then
        log "apt-get update"
        as_root apt-get update -q 9>&- >&2
        APT_UPDATED=1
    fi
    log "apt-get install $*"
    # 9>&-: a service the package starts must not inherit our lock fd.
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "$@" 9>&- >&2
}

ensure_services_installed() {
    local need=0
    [[ -x $PG_BIN/initdb && -x $PG_BIN/pg_ctl && -x $PG_BIN/postgres ]] || need=1
    command -v redis-server >/dev/null 2>&1 || need=1
    command -v redis-cli >/dev/null 2>&1 || need=1
    # As root we run PostgreSQL as the 'postgres' user, which the package creates.
    [[ $IS_ROOT -eq 1 ]] && ! id postgres >/dev/null 2>&1 && need=1
    if [[ $need -eq 1 ]]; then
        apt_install postgresql redis-server
    fi
    [[ -x $PG_BIN/initdb ]] || die "PostgreSQL 15 not found in $PG_BIN after install"
    command -v redis-server >/dev/null 2>&1 || die "redis-server not found after install"
}

# For the dashboard's browser tests (tests/HtmCloud.Web.Tests): Debian's Chromium at /usr/bin/chromium, driven
# by Playwright for .NET with no browser download of its own.
ensure_chromium() {
    if ! command -v chromium >/dev/null 2>&1; then
        apt_install chromium
    fi
    HTMCLOUD_TEST_CHROMIUM="$(command -v chromium)"
    export HTMCLOUD_TEST_CHROMIUM
}

# ---------------------------------------------------------------------------------------------------
# Private PostgreSQL + Redis
# ---------------------------------------------------------------------------------------------------

# A free loopback port: nothing answers a TCP connect on it. Kept below Linux's ephemeral range
# (32768+) so it doesn't collide with outgoing connections. Pure bash (no python/ss needed).
# Sets FREE_PORT (not echoed: a $(...) subshell would lose USED_PORTS).
USED_PORTS=" "
FREE_PORT=""
free_port() {
    local p i
    for ((i = 0; i < 200; i++)); do
        p=$((20000 + (RANDOM % 12000)))
        [[ $USED_PORTS == *" $p "* ]] && continue
        if ! (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null; then
            USED_PORTS+="$p "
            FREE_PORT=$p
            return 0
        fi
    done
    return 1
}

# Run a PostgreSQL server binary as the 'postgres' user when we are root (postgres refuses root).
as_pg() {
    if [[ $IS_ROOT -eq 1 ]]; then
        (cd / && runuser -u postgres -- "$@")
    else
        (cd / && "$@")
    fi
}

stop_postgres() {
    if [[ -f $PG_DIR/data/postmaster.pid ]]; then
        as_pg "$PG_BIN/pg_ctl" -D "$PG_DIR/data" stop -m immediate -w -t 30 >/dev/null 2>&1 || true
    fi
}

stop_redis() {
    local pid
    [[ -f $REDIS_DIR/redis.pid ]] || return 0
    pid=$(cat "$REDIS_DIR/redis.pid" 2>/dev/null || true)
    if [[ $pid =~ ^[0-9]+$ ]] && [[ $(cat "/proc/$pid/comm" 2>/dev/null) == redis-server* ]]; then
        kill "$pid" 2>/dev/null || true
        for ((i = 0; i < 50; i++)); do
            kill -0 "$pid" 2>/dev/null || break
            sleep 0.1
        done
        kill -9 "$pid" 2>/dev/null || true
    fi
    rm -f "$REDIS_DIR/redis.pid"
}

stop_services() {
    stop_postgres
    stop_redis
}

# Services left over from an earlier run (crashed, killed, or HTMCLOUD_KEEP_SERVICES=1) are stopped
# and their folder wiped: every run starts from an empty database and an empty Redis.
reset_services_dir() {
    if [[ -d $SERVICES_DIR ]]; then
        if [[ -f $PG_DIR/data/postmaster.pid || -f $REDIS_DIR/redis.pid ]]; then
            log "stopping services left over from a previous run in $SERVICES_DIR"
        fi
        stop_services
        rm -rf "$SERVICES_DIR"
    fi
    mkdir -p "$PG_DIR" "$REDIS_DIR"
    chmod 755 "$SERVICES_DIR"
    if [[ $IS_ROOT -eq 1 ]]; then
        chown postgres: "$PG_DIR"
        runuser -u postgres -- test -w "$PG_DIR" ||
            die "user 'postgres' cannot write $PG_DIR (a parent folder is not world-searchable?); set HTMCLOUD_TEST_SERVICES_DIR=/tmp/somewhere"
    fi
}

start_postgres() {
    local port attempt t0
    t0=$(now_ms)
    as_pg "$PG_BIN/initdb" -D "$PG_DIR/data" -U postgres --auth=trust --no-locale --encoding=UTF8 \
        --no-sync --no-instructions >"$PG_DIR/initdb.log" 2>&1 ||
        { tail -n 20 "$PG_DIR/initdb.log" >&2; die "initdb failed (log: $PG_DIR/initdb.log)"; }
    mkdir -p "$PG_DIR/sock"
    [[ $IS_ROOT -eq 1 ]] && chown postgres: "$PG_DIR/sock"
    cat >>"$PG_DIR/data/postgresql.conf" <<EOF

# --- HtmCloud private test server (infra/test.sh) ---
listen_addresses = '127.0.0.1'
unix_socket_directories = '$PG_DIR/sock'
fsync = off
synchronous_commit = off
full_page_writes = off
max_connections = 200
EOF
    # trust auth for local + loopback was set by initdb --auth=trust; it only listens on 127.0.0.1.

    for attempt in 1 2 3; do
        free_port || die "no free port found for PostgreSQL"
        port=$FREE_PORT
        if as_pg "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -l "$PG_DIR/postgres.log" -w -t "$STARTUP_TIMEOUT" \
            -o "-p $port" start 9>&- >/dev/null 2>&1; then
            break
        fi
        log "PostgreSQL did not start on port $port (attempt $attempt)"
        stop_postgres
        port=""
    done
    [[ -n $port ]] || { tail -n 20 "$PG_DIR/postgres.log" >&2; die "PostgreSQL failed to start (log: $PG_DIR/postgres.log)"; }

    local deadline=$((SECONDS + STARTUP_TIMEOUT))
    until "$PG_BIN/pg_isready" -q -h 127.0.0.1 -p "$port" -t 2; do
        ((SECONDS < deadline)) || { tail -n 20 "$PG_DIR/postgres.log" >&2; die "PostgreSQL on 127.0.0.1:$port not ready after ${STARTUP_TIMEOUT}s"; }
        sleep 0.2
    done
    "$PG_BIN/createdb" -h 127.0.0.1 -p "$port" -U postgres "$PG_DB" ||
        die "createdb $PG_DB failed on 127.0.0.1:$port"
    echo "$port" >"$PG_DIR/port"
    PG_PORT=$port
    log "PostgreSQL 15 up on 127.0.0.1:$PG_PORT, database $PG_DB ($(($(now_ms) - t0)) ms)"
}

start_redis() {
    local port attempt t0 deadline
    t0=$(now_ms)
    for attempt in 1 2 3; do
        free_port || die "no free port found for Redis"
        port=$FREE_PORT
        rm -f "$REDIS_DIR/redis.log"
        redis-server --bind 127.0.0.1 --port "$port" --daemonize yes --save '' --appendonly no \
            --dir "$REDIS_DIR" --pidfile "$REDIS_DIR/redis.pid" --logfile "$REDIS_DIR/redis.log" \
            9>&- >/dev/null 2>&1 || true
        deadline=$((SECONDS + STARTUP_TIMEOUT))
        while :; do
            if [[ $(redis-cli -h 127.0.0.1 -p "$port" ping 2>/dev/null) == PONG ]]; then
                echo "$port" >"$REDIS_DIR/port"
                REDIS_PORT=$port
                log "Redis up on 127.0.0.1:$REDIS_PORT ($(($(now_ms) - t0)) ms)"
                return 0
            fi
            # Daemonized redis exits on its own if it can't bind; don't wait the full timeout then.
            if ((SECONDS >= deadline)) || grep -q -i 'could not create server\|address already in use' "$REDIS_DIR/redis.log" 2>/dev/null; then
                break
            fi
            sleep 0.1
        done
        log "Redis did not answer on port $port (attempt $attempt)"
        stop_redis
    done
    tail -n 20 "$REDIS_DIR/redis.log" >&2 2>/dev/null || true
    die "Redis failed to start (log: $REDIS_DIR/redis.log)"
}

# ---------------------------------------------------------------------------------------------------
# TRX summary
# ---------------------------------------------------------------------------------------------------

# Prints "passed failed skipped files" summed over every TRX under $1. A TRX without a <Counters>
# element counts as one failure. failed = failed + error + timeout + aborted.
sum_trx() {
    local dir=$1 passed=0 failed=0 skipped=0 files=0 f counters
    attr() { printf '%s' "$counters" | sed -n "s/.* $1=\"\([0-9]*\)\".*/\1/p"; }
    while IFS= read -r -d '' f; do
        files=$((files + 1))
        counters=$(tr '\r\n' '  ' <"$f" | grep -o '<Counters [^>]*>' | head -n 1 || true)
        if [[ -z $counters ]]; then
            log "no <Counters> in $f"
            failed=$((failed + 1))
            continue
        fi
        local p fl e to ab ne
        p=$(attr passed); fl=$(attr failed); e=$(attr error); to=$(attr timeout); ab=$(attr aborted); ne=$(attr notExecuted)
        passed=$((passed + ${p:-0}))
        failed=$((failed + ${fl:-0} + ${e:-0} + ${to:-0} + ${ab:-0}))
        skipped=$((skipped + ${ne:-0}))
        log "$(basename "$f"): passed=${p:-0} failed=${fl:-0} error=${e:-0} timeout=${to:-0} aborted=${ab:-0} notExecuted=${ne:-0}"
    done < <(find "$dir" -type f -name '*.trx' -print0 2>/dev/null)
    echo "$passed $failed $skipped $files"
}

# ---------------------------------------------------------------------------------------------------
# Main
# ---------------------------------------------------------------------------------------------------

command -v dotnet >/dev/null 2>&1 || die "dotnet (the .NET SDK) is not on PATH"

KEEP_SERVICES="${HTMCLOUD_KEEP_SERVICES:-0}"
# shellcheck disable=SC2317  # invoked by trap
on_exit() {
    local rc=$?
    if [[ $KEEP_SERVICES != 1 ]]; then
        stop_services >/dev/null 2>&1 || true
    fi
    exit "$rc"
}
trap on_exit EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

ensure_services_installed
ensure_chromium

# One run at a time per services folder (a second concurrent run waits here instead of
# stopping the first one's database). Every long-lived child gets 9>&- so it can't keep the lock.
mkdir -p "$(dirname "$SERVICES_DIR")"
exec 9>"$SERVICES_DIR.lock"
if ! flock -n 9; then
    log "another infra/test.sh run holds $SERVICES_DIR.lock; waiting (up to 30 min)"
    flock -w 1800 9 || die "timed out waiting for $SERVICES_DIR.lock"
fi

T_SVC=$(now_ms)
reset_services_dir
start_postgres
start_redis
log "services ready in $(($(now_ms) - T_SVC)) ms"

export HTMCLOUD_TEST_POSTGRES="Host=127.0.0.1;Port=$PG_PORT;Username=postgres;Database=$PG_DB"
export HTMCLOUD_TEST_REDIS="127.0.0.1:$REDIS_PORT"
log "HTMCLOUD_TEST_POSTGRES=$HTMCLOUD_TEST_POSTGRES"
log "HTMCLOUD_TEST_REDIS=$HTMCLOUD_TEST_REDIS"

rm -rf "$RESULTS_DIR"
mkdir -p "$RESULTS_DIR"

# LogFilePrefix, not LogFileName: with LogFileName every test project of the solution overwrites
# the same file and only the last project's results survive (microsoft/vstest#3026). The prefix
# gives one unique results_<tfm>_<timestamp>.trx per project.
# These are VSTest options; if the repo ever opts into Microsoft.Testing.Platform (global.json
# "test.runner"), this command and the TRX parsing must be revisited.
test_cmd=(dotnet test HtmCloud.sln -c Release
    --logger "trx;LogFilePrefix=results"
    --results-directory "$RESULTS_DIR"
    --blame-hang-timeout "${HTMCLOUD_TEST_HANG_TIMEOUT:-10m}" --blame-hang-dump-type none)
[[ -n ${HTMCLOUD_TEST_FILTER:-} ]] && test_cmd+=(--filter "$HTMCLOUD_TEST_FILTER")
if [[ -n ${HTMCLOUD_BUILD_LOCK:-} ]]; then
    # -o: build servers (MSBuild nodes, the compiler server) that outlive the command must not keep the lock.
    log "waiting for build lock $HTMCLOUD_BUILD_LOCK"
    test_cmd=(flock -o "$HTMCLOUD_BUILD_LOCK" "${test_cmd[@]}")
fi

web_cmd=(bash "$REPO_ROOT/infra/web.sh")
[[ -n ${HTMCLOUD_BUILD_LOCK:-} ]] && web_cmd=(flock -o "$HTMCLOUD_BUILD_LOCK" "${web_cmd[@]}")
"${web_cmd[@]}" 9>&- </dev/null || die "the dashboard (web/) did not build"

log "running: ${test_cmd[*]}"
T_TEST=$(now_ms)
set +e
"${test_cmd[@]}" 9>&- </dev/null
DOTNET_RC=$?
set -e
log "dotnet test exited with $DOTNET_RC after $(($(now_ms) - T_TEST)) ms"

read -r PASSED FAILED SKIPPED TRX_FILES < <(sum_trx "$RESULTS_DIR")

RC=0
if [[ $TRX_FILES -eq 0 ]]; then
    log "ERROR: no TRX file was produced in $RESULTS_DIR (build failure, or no test ran)"
    ((FAILED >= 1)) || FAILED=1
    RC=1
fi
if [[ $DOTNET_RC -ne 0 ]]; then
    if [[ $FAILED -eq 0 ]]; then
        log "ERROR: dotnet test failed (exit $DOTNET_RC) without a failed test in the TRX files (build error or crashed test host); counting 1 failure"
        FAILED=1
    fi
    RC=1
fi
((FAILED == 0)) || RC=1

if [[ $KEEP_SERVICES == 1 ]]; then
    log "HTMCLOUD_KEEP_SERVICES=1: leaving PostgreSQL (127.0.0.1:$PG_PORT) and Redis (127.0.0.1:$REDIS_PORT) running; next run restarts them"
else
    stop_services
fi
log "TRX files: $TRX_FILES in $RESULTS_DIR; not executed/skipped: $SKIPPED; total time $(($(now_ms) - T_START)) ms"

echo "$PASSED passed, $FAILED failed"
exit "$RC"
