#!/usr/bin/env bash
# Builds the dashboard: web/ (TypeScript + Vite) into src/HtmCloud.Api/wwwroot, which the API serves at `/`.
# Called by the API project's build (so `dotnet run` and `dotnet test` build it when its sources changed) and
# by infra/test.sh. Installs Node.js and npm from Debian's packages when they are missing (needs root or sudo),
# runs `npm ci` from the committed package-lock.json when node_modules is missing or older than the lock, then
# `npm run build` (tsc + vite build). Node.js 18 or newer.
set -euo pipefail

REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
WEB="$REPO_ROOT/web"

log() { printf '[web.sh] %s\n' "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }

as_root() {
    if [[ $(id -u) -eq 0 ]]; then
        "$@"
    elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
        sudo -n "$@"
    else
        die "need root to run: $* (install nodejs and npm by hand, or build with -p:BuildDashboard=false to skip the dashboard)"
    fi
}

if ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then
    log "Node.js/npm missing: apt-get install nodejs npm"
    as_root apt-get update -q 9>&- >&2
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends nodejs npm 9>&- >&2
fi
major=$(node -p 'process.versions.node.split(".")[0]')
((major >= 18)) || die "Node.js $(node --version) is too old: the dashboard's build (Vite 6) needs 18 or newer"

cd "$WEB"
export npm_config_update_notifier=false npm_config_fund=false npm_config_audit=false
if [[ ! -f node_modules/.package-lock.json || package-lock.json -nt node_modules/.package-lock.json ]]; then
    log "npm ci (web/package-lock.json)"
    # No install scripts: the build needs none (esbuild's binary comes as a package), and none should run at install.
    npm ci --ignore-scripts --no-audit --no-fund --loglevel=error 9>&- >&2
fi
log "npm run build -> src/HtmCloud.Api/wwwroot"
npm run build --silent 9>&- >&2
