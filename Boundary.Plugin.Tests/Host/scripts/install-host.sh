#!/usr/bin/env bash
# Idempotent install of the Amplify CLI (Gen1) host, version pinned, into a cache folder.
# Usage: install-host.sh [cache-dir]     (default: ${BOUNDARY_HOST_CACHE:-$HOME/.cache/boundary/amplify-host})
# Env:   BOUNDARY_HOST_IGNORE_SCRIPTS=0  run package install scripts (default 1: --ignore-scripts)
# Prints the amplify binary path on the last line of stdout; progress goes to stderr.
set -euo pipefail

HOST_VERSION=14.2.2
CACHE="${1:-${BOUNDARY_HOST_CACHE:-$HOME/.cache/boundary/amplify-host}}"
BIN="$CACHE/node_modules/.bin/amplify"
start=$(date +%s)

log() { echo "install-host: $*" >&2; }

installed_version() {
  [ -x "$BIN" ] || return 1
  # the host may print update notices; keep only the line that is a bare version
  "$BIN" --version 2>/dev/null | tr -d '\r' | grep -E '^[0-9]+\.[0-9]+\.[0-9]+$' | tail -1
}

if v=$(installed_version) && [ "$v" = "$HOST_VERSION" ]; then
  log "amplify $HOST_VERSION already installed in $CACHE (skipped, $(( $(date +%s) - start ))s)"
  echo "$BIN"
  exit 0
fi

command -v npm >/dev/null || { log "npm not found on PATH"; exit 2; }
mkdir -p "$CACHE"
cat > "$CACHE/package.json" <<JSON
{
  "name": "boundary-amplify-host",
  "version": "1.0.0",
  "private": true,
  "description": "Amplify CLI host used by Boundary's end-to-end tests",
  "dependencies": {
    "@aws-amplify/cli-internal": "$HOST_VERSION"
  },
  "overrides": {
    "@aws-amplify/graphql-auth-transformer": "3.6.16",
    "@aws-amplify/graphql-transformer": "1.8.4",
    "graphql-auth-transformer": "7.2.89",
    "graphql-elasticsearch-transformer": "5.2.88"
  }
}
JSON

flags=(--no-audit --no-fund --no-update-notifier --loglevel=error --prefer-offline)
[ "${BOUNDARY_HOST_IGNORE_SCRIPTS:-1}" = "1" ] && flags+=(--ignore-scripts)

log "installing @aws-amplify/cli-internal@$HOST_VERSION into $CACHE (npm ${flags[*]})"
( cd "$CACHE" && npm install "${flags[@]}" >&2 )

if ! v=$(installed_version) || [ "$v" != "$HOST_VERSION" ]; then
  log "install finished but '$BIN --version' did not print $HOST_VERSION (got: ${v:-nothing})"
  exit 1
fi
secs=$(( $(date +%s) - start ))
log "installed amplify $HOST_VERSION in ${secs}s ($(du -sh "$CACHE" 2>/dev/null | cut -f1))"
echo "$BIN"
