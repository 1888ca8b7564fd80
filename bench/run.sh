#!/usr/bin/env bash
# The benchmark (./build.sh --target=Bench): pre-push on a generated project of ~2,000 templates and
# ~20,000 roles against 'cp -r' of the same tree, and pre-push on the sample project against an empty
# .NET console app's start-up, all in the same run. Prints a table and writes results.json.
set -euo pipefail
feed=${1:?packed tool folder}
out=${2:?output folder}
repo=$(cd "$(dirname "$0")/.." && pwd)
runs=${BENCH_RUNS:-3}
starts=${BENCH_STARTS:-20}
mkdir -p "$out"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

# The tool as users install it.
tools="$out/tools"
rm -rf "$tools"
version=$(ls "$feed"/Boundary.Plugin.[0-9]*.nupkg | sed -E 's/.*Boundary\.Plugin\.(.*)\.nupkg/\1/' | sort -V | tail -1)
dotnet tool install Boundary.Plugin --version "$version" --add-source "$feed" --tool-path "$tools" >/dev/null
tool="$tools/dotnet-boundary"

project="$out/large-project"
if [ ! -f "$project/.generated" ]; then
  rm -rf "$project"
  python3 "$repo/bench/generate.py" "$project" 2000 > "$out/large-project.json"
  touch "$project/.generated"
fi
bytes=$(python3 -c "import json;print(json.load(open('$out/large-project.json'))['bytes'])")
largest=$(find "$project/amplify/backend" -type f -printf '%s\n' | sort -n | tail -1)
payload="{\"data\":{\"amplify\":{\"environment\":{\"envName\":\"dev\",\"projectPath\":\"$project\"},\"command\":\"push\"}}}"

median() { sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
seconds() { local s e; s=$(date +%s%N); "$@" >/dev/null 2>&1; e=$(date +%s%N); awk -v d=$((e - s)) 'BEGIN { printf "%.4f\n", d / 1e9 }'; }

cat $(find "$project/amplify/backend" -type f) > /dev/null  # warm the page cache for both sides
cp_times=(); pre_times=(); post_times=(); pre_rss=()
for i in $(seq "$runs"); do
  rm -rf "$out/copy"
  cp_times+=("$(seconds cp -r "$project" "$out/copy")")
  rm -rf "$out/copy"
  line=$( { /usr/bin/time -f '%e %M' "$tool" hook pre-push --project-dir "$project" <<<"$payload" >/dev/null 2>"$out/pre.err"; } 2>&1 | tail -1 ) || true
  tail -1 "$out/pre.err" | grep -qE '^[0-9.]+ [0-9]+$' && line=$(tail -1 "$out/pre.err")
  pre_times+=("${line% *}"); pre_rss+=("${line#* }")
  post_times+=("$(seconds "$tool" hook post-push --project-dir "$project" <<<"$payload")")
done
grep -q PermissionsBoundary "$project/amplify/backend/custom/res0/res0-cloudformation-template.json" && { echo "post-push did not restore the project" >&2; exit 1; }

# Start-up: pre-push on the sample project against an empty console app, alternating runs.
sample="$out/sample"
rm -rf "$sample"; cp -r "$repo/samples/demo-app" "$sample"
"$tool" set arn:aws:iam::123456789012:policy/DemoBoundary --project-dir "$sample" >/dev/null
empty="$out/empty-console"
if [ ! -x "$empty/bin/Release/net10.0/empty-console" ]; then
  rm -rf "$empty"
  dotnet new console -o "$empty" -n empty-console >/dev/null
  dotnet build "$empty" -c Release >/dev/null
fi
sample_payload="{\"data\":{\"amplify\":{\"environment\":{\"envName\":\"dev\",\"projectPath\":\"$sample\"},\"command\":\"push\"}}}"
empty_times=(); hook_times=()
for i in $(seq "$starts"); do
  empty_times+=("$(seconds "$empty/bin/Release/net10.0/empty-console")")
  hook_times+=("$(seconds "$tool" hook pre-push --project-dir "$sample" <<<"$sample_payload")")
  "$tool" hook post-push --project-dir "$sample" <<<"$sample_payload" >/dev/null
done

cp_med=$(printf '%s\n' "${cp_times[@]}" | median)
pre_med=$(printf '%s\n' "${pre_times[@]}" | median)
post_med=$(printf '%s\n' "${post_times[@]}" | median)
rss_max=$(printf '%s\n' "${pre_rss[@]}" | sort -n | tail -1)
empty_med=$(printf '%s\n' "${empty_times[@]}" | median)
hook_med=$(printf '%s\n' "${hook_times[@]}" | median)
python3 - "$out/results.json" <<PY
import json, sys
r = {
  "templates": 2000, "bytes": $bytes, "largestTemplateBytes": $largest,
  "cpSeconds": $cp_med, "prePushSeconds": $pre_med, "postPushSeconds": $post_med,
  "prePushMBps": $bytes / 1e6 / $pre_med, "ratioToCp": $pre_med / $cp_med,
  "prePushPeakRssMB": $rss_max / 1024, "memoryTargetMB": 100 + 2 * $largest / 1e6,
  "emptyConsoleStartSeconds": $empty_med, "samplePrePushSeconds": $hook_med, "startupRatio": $hook_med / $empty_med,
}
json.dump(r, open(sys.argv[1], "w"), indent=2)
print(f"large project: {r['templates']} templates, {r['bytes']/1e6:.0f} MB, largest {r['largestTemplateBytes']/1e6:.1f} MB")
print(f"  cp -r                {r['cpSeconds']:.3f} s")
print(f"  hook pre-push        {r['prePushSeconds']:.3f} s  ({r['prePushMBps']:.0f} MB/s, {r['ratioToCp']:.2f}x cp -r; target <= 2x)")
print(f"  hook post-push       {r['postPushSeconds']:.3f} s")
print(f"  pre-push peak RSS    {r['prePushPeakRssMB']:.0f} MB (target <= {r['memoryTargetMB']:.0f} MB)")
print(f"sample project, median of $starts starts:")
print(f"  empty console app    {r['emptyConsoleStartSeconds']*1000:.0f} ms")
print(f"  hook pre-push        {r['samplePrePushSeconds']*1000:.0f} ms  ({r['startupRatio']:.2f}x; target <= 1.5x)")
PY
