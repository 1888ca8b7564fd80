#!/usr/bin/env bash
# The heavy benchmark (./build.sh --target=Bench): every figure of the performance goals, side by side in one
# run on one machine, each goal as a ratio. On the heavy project of ../shared/bench/genproject.py (2,000
# templates, ~239 MB, 25% YAML): pre-push against the floor program (bench/floor: read, tokenize with the
# tool's parsers and copy every template, on all cores), 'cp -r' and the host's own modifier; peak RSS;
# verify and pre-push on the JSON part and on the YAML part; pre-push --dry-run; one 200 MB template (JSON,
# YAML); start-up of '--version' and of pre-push on samples/demo-app against an empty native-AOT app.
# Writes OUT/heavy-bench.json and OUT/heavy-summary.txt. The machine's load is part of every figure:
# timings are medians of BENCH_RUNS runs (start-up: hyperfine, BENCH_STARTS runs).
#
# Usage: bench/heavy-bench.sh FEED_DIR [OUT_DIR]
#   FEED_DIR  a folder holding a packed Boundary.Plugin*.nupkg; BOUNDARY_TOOL_PATH (a folder holding an
#             installed dotnet-boundary) skips the install.
# Env: BENCH_RUNS (3), BENCH_STARTS (30), BENCH_REUSE_BIN (0), BENCH_BIG_MB (200; 0 skips the single-template figures),
#      BENCH_HOST (1; 0 skips the host's modifier, ~40 s), BOUNDARY_SHARED (default: ../shared beside the repo).
# Needs: dotnet, python3, /usr/bin/time (GNU time), hyperfine, node (for the host's modifier).
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
feed=${1:-}
out=${2:-$repo/artifacts/bench}
mkdir -p "$out"; out=$(cd "$out" && pwd)
runs=${BENCH_RUNS:-3}
starts=${BENCH_STARTS:-30}
big_mb=${BENCH_BIG_MB:-200}
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
# The tool and the floor each print the collector's counts on stderr at exit (one 'gc-stats' line).
export BOUNDARY_GC_STATS=1

shared=${BOUNDARY_SHARED:-}
if [ -z "$shared" ]; then
  for candidate in "$repo/../shared" "$repo/../../shared"; do
    [ -f "$candidate/bench/genproject.py" ] && { shared=$(cd "$candidate" && pwd); break; }
  done
fi
if [ -z "$shared" ] || [ ! -f "$shared/bench/genproject.py" ]; then
  echo "heavy-bench: skipped: ../shared/bench/genproject.py is absent (set BOUNDARY_SHARED to the folder holding bench/)" | tee "$out/heavy-summary.txt"
  exit 0
fi
# What a fresh machine lacks is installed here when we can (root with apt-get), else named below.
missing=()
command -v hyperfine >/dev/null || missing+=(hyperfine)
[ -x /usr/bin/time ] || missing+=(time)
if ((${#missing[@]})) && [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
  apt-get update -qq >/dev/null && apt-get install -y -qq "${missing[@]}" >/dev/null || true
fi
for need in python3 hyperfine; do
  command -v "$need" >/dev/null || { echo "heavy-bench: $need is missing (apt-get install -y $need)" >&2; exit 1; }
done
[ -x /usr/bin/time ] || { echo "heavy-bench: GNU time is missing (apt-get install -y time)" >&2; exit 1; }

# The tool as users install it.
if [ -n "${BOUNDARY_TOOL_PATH:-}" ]; then
  tool="$BOUNDARY_TOOL_PATH/dotnet-boundary"
else
  tools="$out/tools"; rm -rf "$tools"
  version=$(ls "$feed"/Boundary.Plugin.[0-9]*.nupkg | sed -E 's/.*Boundary\.Plugin\.(.*)\.nupkg/\1/' | sort -V | tail -1)
  dotnet tool install Boundary.Plugin --version "$version" --add-source "$feed" --tool-path "$tools" >/dev/null
  tool="$tools/dotnet-boundary"
fi

# The floor and the empty app, native AOT like the tool.
bin="$out/bin"
floor="$bin/floor/boundary-floor"; empty="$bin/empty-aot/empty-aot"
# BENCH_REUSE_BIN=1 keeps both from an earlier run (a native publish takes minutes on a busy machine).
if [ "${BENCH_REUSE_BIN:-0}" != 1 ] || [ ! -x "$floor" ] || [ ! -x "$empty" ]; then
  dotnet publish "$repo/bench/floor/Floor.csproj" -c Release -o "$bin/floor" --nologo -v quiet >/dev/null
  dotnet publish "$repo/bench/empty-aot/EmptyAot.csproj" -c Release -o "$bin/empty-aot" --nologo -v quiet >/dev/null
fi

# The projects: the heavy one (kept between runs), its JSON part and its YAML part, one big template each.
heavy="$out/heavy-project"
if [ ! -f "$heavy/.generated" ]; then
  rm -rf "$heavy"; python3 "$shared/bench/genproject.py" "$heavy" 2000 >/dev/null; touch "$heavy/.generated"
fi
templates() { find "$1/amplify/backend" -type f -name '*template*' \( -name '*.json' -o -name '*.yml' -o -name '*.yaml' \); }
for part in json yaml; do
  dir="$out/heavy-$part"
  if [ ! -f "$dir/.generated" ]; then
    rm -rf "$dir"; cp -rH "$heavy" "$dir"
    if [ "$part" = json ]; then templates "$dir" | grep -E '\.ya?ml$' | xargs rm -f; else templates "$dir" | grep -E '\.json$' | xargs rm -f; fi
    touch "$dir/.generated"
  fi
done
bytes_of() { templates "$1" | tr '\n' '\0' | du -cb --files0-from=- | tail -1 | cut -f1; }
heavy_bytes=$(bytes_of "$heavy"); json_bytes=$(bytes_of "$out/heavy-json"); yaml_bytes=$(bytes_of "$out/heavy-yaml")
largest=$(templates "$heavy" | xargs -d '\n' du -b | sort -n | tail -1 | cut -f1)
count=$(templates "$heavy" | wc -l)
cat $(templates "$heavy") > /dev/null  # warm the page cache for every side

payload_for() { printf '{"data":{"amplify":{"environment":{"envName":"dev","projectPath":"%s"},"command":"push"}}}' "$1"; }
median() { sort -n | awk '{a[NR]=$1} END {if (NR == 0) print "null"; else print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
max() { sort -n | tail -1; }
# measure NAME COMMAND...: wall seconds and peak RSS (KB) of one run, from GNU time, appended to NAME.t / NAME.m,
# and the collector's counts (the JSON of a 'gc-stats' line on stderr) to NAME.gc.
measure() {
  local name=$1; shift
  /usr/bin/time -f '%e %M' -o "$out/time.txt" "$@" >/dev/null 2>"$out/$name.err" || true
  local line; line=$(tail -1 "$out/time.txt")
  echo "${line% *}" >> "$out/$name.t"; echo "${line#* }" >> "$out/$name.m"
  sed -n 's/^gc-stats //p' "$out/$name.err" >> "$out/$name.gc"
}
rm -f "$out"/*.t "$out"/*.m "$out"/*.gc
work="$out/work"
# -H: a project folder given as a link is copied, not the link (a run on the link would edit the original).
fresh() { rm -rf "$work"; cp -rH "$1" "$work"; payload_for "$work" > "$out/payload.json"; }
for i in $(seq "$runs"); do
  echo "heavy-bench: run $i of $runs" >&2
  rm -rf "$out/copy"; s=$(date +%s%N); cp -rH "$heavy" "$out/copy"; e=$(date +%s%N); echo "scale=4; ($e - $s) / 1000000000" | bc >> "$out/cp.t"
  rm -rf "$out/copy"; measure floor "$floor" "$heavy" "$out/copy"; rm -rf "$out/copy"
  fresh "$heavy"; measure prepush "$tool" hook pre-push --project-dir "$work" < "$out/payload.json"
  grep -q '"PermissionsBoundary"' "$(templates "$work" | grep -m1 '\.json$')" || { echo "heavy-bench: pre-push did not cap the roles (see $out/prepush.err)" >&2; exit 1; }
  for part in json yaml; do
    measure "verify-$part" "$tool" verify --project-dir "$out/heavy-$part"
    fresh "$out/heavy-$part"; measure "prepush-$part" "$tool" hook pre-push --project-dir "$work" < "$out/payload.json"
    fresh "$out/heavy-$part"; measure "dryrun-$part" "$tool" hook pre-push --dry-run --project-dir "$work" < "$out/payload.json"
  done
done

# The host's own modifier, once (it takes tens of seconds), over a copy.
host_seconds=null
if [ "${BENCH_HOST:-1}" = 1 ] && command -v node >/dev/null; then
  if "$repo/Boundary.Plugin.Tests/Host/scripts/install-host.sh" >/dev/null 2>"$out/install-host.err"; then
    fresh "$heavy"
    HOST_NODE_MODULES=${BOUNDARY_HOST_CACHE:-$HOME/.cache/boundary/amplify-host}/node_modules measure host node "$shared/bench/host-modifier.js" "$work"
    host_seconds=$(median < "$out/host.t")
  else
    echo "heavy-bench: the host's modifier skipped: install-host.sh failed (see $out/install-host.err)" >&2
  fi
fi

# One big template, JSON and YAML.
big_json_bytes=null; big_yaml_bytes=null
if [ "$big_mb" -gt 0 ]; then
  for fmt in json yaml; do
    dir="$out/big-$fmt"
    if [ ! -f "$dir/.generated.$big_mb" ]; then
      rm -rf "$dir"; python3 "$repo/bench/bigtemplate.py" "$shared/bench/genproject.py" "$dir" "$big_mb" "$fmt"; touch "$dir/.generated.$big_mb"
    fi
    size=$(bytes_of "$dir"); if [ $fmt = json ]; then big_json_bytes=$size; else big_yaml_bytes=$size; fi
    for i in $(seq "$runs"); do
      fresh "$dir"; measure "big-$fmt" "$tool" hook pre-push --project-dir "$work" < "$out/payload.json"
    done
  done
fi
rm -rf "$work"

# Start-up: the empty app, --version, pre-push on the sample project (post-push restores it between runs).
sample="$out/sample"; rm -rf "$sample"; cp -r "$repo/samples/demo-app" "$sample"
BOUNDARY_GC_STATS=0 "$tool" set arn:aws:iam::123456789012:policy/DemoBoundary --project-dir "$sample" >/dev/null
payload_for "$sample" > "$out/sample-payload.json"
# Without the collector's line: start-up is measured as users get it.
BOUNDARY_GC_STATS=0 hyperfine --style none --warmup 3 --runs "$starts" --export-json "$out/startup-hyperfine.json" \
  -n empty "$empty" \
  -n version "$tool --version" \
  -n sample-pre-push --prepare "$tool hook post-push --project-dir $sample < $out/sample-payload.json" "$tool hook pre-push --project-dir $sample < $out/sample-payload.json" >/dev/null

python3 - "$out" <<PY
import json, statistics, sys
null = None  # what the shell writes for a figure it skipped (BENCH_HOST=0, BENCH_BIG_MB=0)
out = sys.argv[1]
def col(name, suffix):
    try: return [float(x) for x in open(f"{out}/{name}.{suffix}") if x.strip()]
    except FileNotFoundError: return []
def med(name): v = col(name, "t"); return statistics.median(v) if v else None
def rss(name): v = col(name, "m"); return max(v) / 1024 if v else None
def gc(name):
    # The run of median pause: its collections and pause, and how many of them the tool forced.
    try: runs = [json.loads(x) for x in open(f"{out}/{name}.gc") if x.strip()]
    except FileNotFoundError: return None
    return sorted(runs, key=lambda r: r["pauseMs"])[(len(runs) - 1) // 2] if runs else None
start = {r["command"]: statistics.median(r["times"]) for r in json.load(open(f"{out}/startup-hyperfine.json"))["results"]}
def ratio(a, b): return None if a is None or b in (None, 0) else a / b
largest = $largest
f = {
  "measuredAt": "$(date -u +%FT%TZ)", "machine": "$(nproc) cores, $(free -m | awk '/Mem:/ {print $2}') MB, load at start $(cut -d' ' -f1-3 /proc/loadavg)",
  "runs": $runs, "starts": $starts,
  "heavy": {"templates": $count, "bytes": $heavy_bytes, "jsonBytes": $json_bytes, "yamlBytes": $yaml_bytes, "largestTemplateBytes": largest},
  "seconds": {"cp": med("cp"), "floor": med("floor"), "prePush": med("prepush"), "hostModifier": $host_seconds,
              "verifyJson": med("verify-json"), "prePushJson": med("prepush-json"), "dryRunJson": med("dryrun-json"),
              "verifyYaml": med("verify-yaml"), "prePushYaml": med("prepush-yaml"), "dryRunYaml": med("dryrun-yaml"),
              "bigJson": med("big-json"), "bigYaml": med("big-yaml"),
              "emptyAotStart": start["empty"], "version": start["version"], "samplePrePush": start["sample-pre-push"]},
  "peakRssMB": {"floor": rss("floor"), "prePush": rss("prepush"), "dryRunJson": rss("dryrun-json"), "prePushJson": rss("prepush-json"),
                "dryRunYaml": rss("dryrun-yaml"), "prePushYaml": rss("prepush-yaml"),
                "verifyJson": rss("verify-json"), "verifyYaml": rss("verify-yaml"), "bigJson": rss("big-json"), "bigYaml": rss("big-yaml")},
  "bigTemplateBytes": {"json": $big_json_bytes, "yaml": $big_yaml_bytes},
  "collector": {"floor": gc("floor"), "prePush": gc("prepush"), "prePushJson": gc("prepush-json"), "prePushYaml": gc("prepush-yaml")},
}
s, m = f["seconds"], f["peakRssMB"]
mb = lambda b: None if b is None else b / 1048576
f["goals"] = {  # each: the measured ratio and its limit; met when ratio <= limit
  "prePushOverFloor": {"ratio": ratio(s["prePush"], s["floor"]), "limit": 1.5},
  "prePushOverHostModifier": {"ratio": ratio(s["prePush"], s["hostModifier"]), "limit": 0.1},
  "peakRssOverBudget": {"ratio": ratio(m["prePush"], 100 + 2 * mb(largest)), "limit": 1.0},
  "bigJsonRssOverSize": {"ratio": ratio(m["bigJson"], mb(f["bigTemplateBytes"]["json"])), "limit": 2.5},
  "bigYamlRssOverSize": {"ratio": ratio(m["bigYaml"], mb(f["bigTemplateBytes"]["yaml"])), "limit": 2.5},
  "verifyJsonOverPrePushJson": {"ratio": ratio(s["verifyJson"], s["prePushJson"]), "limit": 1.0},
  "verifyYamlOverPrePushYaml": {"ratio": ratio(s["verifyYaml"], s["prePushYaml"]), "limit": 1.0},
  "dryRunJsonOverPrePushJson": {"ratio": ratio(s["dryRunJson"], s["prePushJson"]), "limit": 1.0},
  "dryRunJsonRssOverPrePushJson": {"ratio": ratio(m["dryRunJson"], m["prePushJson"]), "limit": 1.0},
  "dryRunYamlOverPrePushYaml": {"ratio": ratio(s["dryRunYaml"], s["prePushYaml"]), "limit": 1.0},
  "dryRunYamlRssOverPrePushYaml": {"ratio": ratio(m["dryRunYaml"], m["prePushYaml"]), "limit": 1.0},
  "versionOverEmptyAot": {"ratio": ratio(s["version"], s["emptyAotStart"]), "limit": 2.0},
  "samplePrePushOverEmptyAot": {"ratio": ratio(s["samplePrePush"], s["emptyAotStart"]), "limit": 3.0},
}
for g in f["goals"].values(): g["met"] = None if g["ratio"] is None else g["ratio"] <= g["limit"]
json.dump(f, open(f"{out}/heavy-bench.json", "w"), indent=2)
def t(x, unit="s"): return "n/a" if x is None else (f"{x*1000:.1f} ms" if unit == "ms" else f"{x:.2f} s")
def r(x): return "n/a" if x is None else f"{x:.0f} MB"
def gcs(g): return "n/a" if g is None else f"{g['pauseMs']} ms paused in {g['collections']} collections ({g['gen1']} gen1, {g['gen2']} gen2, {g['forced']} forced), {g['allocatedMB']} MB allocated"
h = f["heavy"]
lines = [f"heavy project: {h['templates']} templates, {h['bytes']/1e6:.0f} MB (JSON {h['jsonBytes']/1e6:.0f} MB, YAML {h['yamlBytes']/1e6:.0f} MB), largest {largest/1e6:.1f} MB; {f['machine']}; medians of {f['runs']} runs",
  f"  cp -r                     {t(s['cp'])}",
  f"  floor (tokenize + copy)   {t(s['floor'])}   peak {r(m['floor'])}",
  f"  hook pre-push             {t(s['prePush'])}   peak {r(m['prePush'])}",
  f"  host's own modifier       {t(s['hostModifier'])}",
  f"  collector (run of median pause): floor {gcs(f['collector']['floor'])}; pre-push {gcs(f['collector']['prePush'])}",
  f"  JSON part: verify {t(s['verifyJson'])} ({r(m['verifyJson'])}), pre-push {t(s['prePushJson'])} ({r(m['prePushJson'])}), --dry-run {t(s['dryRunJson'])} ({r(m['dryRunJson'])})",
  f"  YAML part: verify {t(s['verifyYaml'])} ({r(m['verifyYaml'])}), pre-push {t(s['prePushYaml'])} ({r(m['prePushYaml'])}), --dry-run {t(s['dryRunYaml'])} ({r(m['dryRunYaml'])})",
  f"  one big template: JSON {mb(f['bigTemplateBytes']['json']) or 0:.0f} MB {t(s['bigJson'])} peak {r(m['bigJson'])}; YAML {mb(f['bigTemplateBytes']['yaml']) or 0:.0f} MB {t(s['bigYaml'])} peak {r(m['bigYaml'])}",
  f"start-up (hyperfine, median of {f['starts']}): empty AOT app {t(s['emptyAotStart'],'ms')}, --version {t(s['version'],'ms')}, pre-push on the sample {t(s['samplePrePush'],'ms')}",
  "goals (ratio <= limit):"]
for name, g in f["goals"].items():
    lines.append(f"  {name:32} {'n/a' if g['ratio'] is None else format(g['ratio'], '.2f'):>6}  limit {g['limit']:<4}  {'' if g['met'] is None else ('met' if g['met'] else 'NOT met')}")
open(f"{out}/heavy-summary.txt", "w").write("\n".join(lines) + "\n")
print("\n".join(lines))
PY
