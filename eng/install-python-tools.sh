#!/usr/bin/env bash
# What the Moto, Corpus and Host tests run besides .NET: moto_server (the AWS emulator), cfn-lint and the
# aws CLI. Those already on PATH are used as they are; when one is missing, all three are installed, pinned,
# into a Python virtual environment in a cache folder outside the repository (once; later runs reuse it).
# Usage: eng/install-python-tools.sh [cache-dir]   (default: ${BOUNDARY_PYTHON_CACHE:-$HOME/.cache/boundary/python-tools})
# Prints, on the last line of stdout, the folder to put first on PATH (nothing when PATH has them all);
# progress goes to stderr. Exit 0 when the tools are there, 1 when they could not be installed.
set -euo pipefail

MOTO_VERSION=5.2.1
CFN_LINT_VERSION=1.51.0
AWSCLI_VERSION=1.45.11
CACHE="${1:-${BOUNDARY_PYTHON_CACHE:-$HOME/.cache/boundary/python-tools}}"
log() { echo "install-python-tools: $*" >&2; }

has_moto() { command -v moto_server >/dev/null 2>&1 || python3 -c 'import moto.server' >/dev/null 2>&1; }
if has_moto && command -v cfn-lint >/dev/null 2>&1 && command -v aws >/dev/null 2>&1; then
  log "moto_server, cfn-lint and aws are on PATH (nothing to install)"
  exit 0
fi
if [ -x "$CACHE/bin/moto_server" ] && [ -x "$CACHE/bin/cfn-lint" ] && [ -x "$CACHE/bin/aws" ]; then
  log "using moto_server, cfn-lint and aws from $CACHE/bin"
  echo "$CACHE/bin"
  exit 0
fi
command -v python3 >/dev/null 2>&1 || { log "python3 is not on PATH: cannot install moto, cfn-lint and the aws CLI"; exit 1; }
if [ -d "$CACHE" ] && [ ! -f "$CACHE/.boundary-python-tools" ] && [ -n "$(ls -A "$CACHE")" ]; then
  log "$CACHE is not empty and was not made by this script: choose another folder (BOUNDARY_PYTHON_CACHE)"
  exit 1
fi
log "installing moto[server]==$MOTO_VERSION cfn-lint==$CFN_LINT_VERSION awscli==$AWSCLI_VERSION into $CACHE"
rm -rf "$CACHE"
if ! python3 -m venv "$CACHE" >&2; then
  log "python3 -m venv failed (on Debian and Ubuntu: apt-get install python3-venv)"
  rm -rf "$CACHE"
  exit 1
fi
touch "$CACHE/.boundary-python-tools"
if ! "$CACHE/bin/python" -m pip install --quiet --disable-pip-version-check "moto[server]==$MOTO_VERSION" "cfn-lint==$CFN_LINT_VERSION" "awscli==$AWSCLI_VERSION" >&2; then
  log "pip install failed (see above)"
  rm -rf "$CACHE"
  exit 1
fi
log "installed into $CACHE"
echo "$CACHE/bin"
