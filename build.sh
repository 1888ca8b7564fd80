#!/usr/bin/env bash
# Restores the pinned Cake tool and runs build.cake: ./build.sh --target=Demo | Test | TestFast | Pack | Install | Bench
set -euo pipefail
cd "$(dirname "$0")"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
dotnet tool restore >/dev/null
exec dotnet cake build.cake "$@"
