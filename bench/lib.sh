# Shared by the AWS benchmarks (sourced, not run): a temp folder, the installed tool and a moto on loopback.
# The caller sets repo (the repository root) and feed (a feed folder, or empty), then calls bench_work.

# Sets work (a temp folder named after $1) and a trap that stops moto and removes the folder on exit.
bench_work() {
  work=$(mktemp -d "/tmp/boundary-$1.XXXXXX")
  moto_pid=""
  trap bench_cleanup EXIT
}

bench_cleanup() {
  if [ -n "$moto_pid" ]; then kill "$moto_pid" 2>/dev/null || true; wait "$moto_pid" 2>/dev/null || true; fi
  rm -rf "$work"
}

# Sets tool and version: the dotnet-boundary BOUNDARY_TOOL_PATH names, else the tool installed from
# $feed (packed from the repository with eng/pack-tool.sh when $feed is empty), as users install it.
bench_install_tool() {
  local label=$1
  if [ -n "${BOUNDARY_TOOL_PATH:-}" ]; then
    tool=$BOUNDARY_TOOL_PATH/dotnet-boundary
    version=$("$tool" --version)
    return
  fi
  if [ -z "$feed" ]; then
    feed=$work/feed
    version=0.0.0-$label.$(date -u +%Y%m%d%H%M%S)
    bash "$repo/eng/pack-tool.sh" "$feed" "$version" >"$work/pack.log" 2>&1 || { cat "$work/pack.log"; exit 1; }
  else
    feed=$(cd "$feed" && pwd)
    version=$(ls "$feed" | sed -n 's/^Boundary\.Plugin\.\([0-9].*\)\.nupkg$/\1/p' | sort -V | tail -1)
    [ -n "$version" ] || { echo "no Boundary.Plugin.<version>.nupkg in $feed" >&2; exit 1; }
  fi
  dotnet tool install Boundary.Plugin --version "$version" --add-source "$feed" --tool-path "$work/tools" >"$work/install.log" 2>&1 || { cat "$work/install.log"; exit 1; }
  tool=$work/tools/dotnet-boundary
}

# Starts moto on a free loopback port (sets port and moto_pid) and points the AWS clients at it.
bench_start_moto() {
  port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()')
  local moto
  if command -v moto_server >/dev/null; then moto=(moto_server); else moto=(python3 -m moto.server); fi
  "${moto[@]}" -H 127.0.0.1 -p "$port" >"$work/moto.log" 2>&1 &
  moto_pid=$!
  for _ in $(seq 1 100); do curl -sf "http://127.0.0.1:$port/moto-api/" >/dev/null && break; sleep 0.2; done
  export AWS_ENDPOINT_URL=http://127.0.0.1:$port AWS_ACCESS_KEY_ID=testing AWS_SECRET_ACCESS_KEY=testing AWS_REGION=us-east-1
  unset AWS_PROFILE AWS_SESSION_TOKEN AWS_DEFAULT_REGION
}
