#!/usr/bin/env bash
# Packs the tool the way users install it: the pointer package Boundary.Plugin, the native (AOT)
# Boundary.Plugin.linux-x64, and the framework-dependent Boundary.Plugin.any for other platforms.
# 'dotnet tool install Boundary.Plugin --add-source <out>' then picks the best one for the machine.
# Usage: eng/pack-tool.sh <output folder> [version] [configuration]
set -euo pipefail
out=${1:?output folder}
version=${2:-}
configuration=${3:-Release}
project="$(cd "$(dirname "$0")/.." && pwd)/Boundary.Plugin/Boundary.Plugin.csproj"
args=(-c "$configuration" -o "$out" --nologo -v quiet)
[ -n "$version" ] && args+=("-p:Version=$version")
dotnet pack "$project" "${args[@]}"
dotnet pack "$project" "${args[@]}" -r any -p:PublishAot=false
if [ "$(uname -s)-$(uname -m)" = "Linux-x86_64" ]; then
  dotnet pack "$project" "${args[@]}" -r linux-x64
fi
