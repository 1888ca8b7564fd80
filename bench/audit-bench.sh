#!/usr/bin/env bash
# Benchmark of 'dotnet boundary audit' against moto: an account of 5,000 roles, 500 of which belong to the
# env (a root stack with 10 nested stacks of 50 roles; 5 roles a stack lack the boundary), the other 4,500
# created in bulk by 9 more stacks of 500 roles (one CreateStack each: far faster than 4,500 CreateRole calls).
# It installs the packed tool, runs 'audit --json' once, and reports the wall time and the AWS requests
# per operation. The point: requests grow with pages (stacks, IAM pages of 1,000 roles), not with roles.
#
# Usage: bench/audit-bench.sh [FEED_DIR] [OUT_DIR]
#   FEED_DIR  a folder holding a packed Boundary.Plugin*.nupkg (e.g. nuget/ after './build.sh --target=Pack');
#             default: pack the repository into a temp feed. BOUNDARY_TOOL_PATH (a folder holding an
#             installed dotnet-boundary) skips both.
#   OUT_DIR   where to write audit-bench.json (the figures) and audit-output.json (the tool's report);
#             default: artifacts/bench.
# Needs: moto_server (or python3 -m moto.server) and python3 with boto3 (both come with moto), dotnet.
# Cake: Task("Bench") can call 'bash bench/audit-bench.sh "<feed>" "<artifacts>/bench"'.
set -euo pipefail
cd "$(dirname "$0")/.."
repo=$(pwd)
feed=${1:-}
out=${2:-$repo/artifacts/bench}
mkdir -p "$out"
# 1. The tool; 2. moto on a free loopback port.
source "$repo/bench/lib.sh"
bench_work audit-bench
bench_install_tool bench
bench_start_moto

# 3. The account: 500 env roles in nested stacks, 4,500 others.
setup_start=$(date +%s.%N)
python3 - "$work" <<'PY'
import json, sys, boto3
work = sys.argv[1]
iam, s3, cfn = (boto3.client(s, region_name="us-east-1") for s in ("iam", "s3", "cloudformation"))
allow = json.dumps({"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "*", "Resource": "*"}]})
boundary = iam.create_policy(PolicyName="BenchBoundary", PolicyDocument=allow)["Policy"]["Arn"]
trust = {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"Service": "lambda.amazonaws.com"}, "Action": "sts:AssumeRole"}]}
s3.create_bucket(Bucket="bench-deployment")

def template(roles, nested=()):
    resources = {}
    for logical, props in roles:
        resources[logical] = {"Type": "AWS::IAM::Role", "Properties": {"AssumeRolePolicyDocument": trust, **props}}
    for logical, url in nested:
        resources[logical] = {"Type": "AWS::CloudFormation::Stack", "Properties": {"TemplateURL": url}}
    return json.dumps({"AWSTemplateFormatVersion": "2010-09-09", "Resources": resources})

def upload(key, body):
    s3.put_object(Bucket="bench-deployment", Key=key, Body=body.encode())
    return f"https://bench-deployment.s3.amazonaws.com/{key}"

nested = []
for s in range(10):
    roles = [(f"Role{i}", {} if i % 10 == 0 else {"PermissionsBoundary": boundary}) for i in range(50)]
    nested.append((f"function{s}", upload(f"nested{s}.json", template(roles))))
cfn.create_stack(StackName="amplify-bench-dev", TemplateBody=template([], nested), Capabilities=["CAPABILITY_IAM"])
for s in range(9):
    url = upload(f"other{s}.json", template([(f"Other{i}", {}) for i in range(500)]))
    cfn.create_stack(StackName=f"unrelated-{s}", TemplateURL=url, Capabilities=["CAPABILITY_IAM"])
roles = sum(len(p["Roles"]) for p in iam.get_paginator("list_roles").paginate())
json.dump({"boundary": boundary, "accountRoles": roles}, open(f"{work}/setup.json", "w"))
PY
setup_end=$(date +%s.%N)
boundary=$(python3 -c "import json,sys; print(json.load(open('$work/setup.json'))['boundary'])")

mkdir -p "$work/project/amplify/.config"
cat >"$work/project/amplify/team-provider-info.json" <<JSON
{
  "dev": {
    "awscloudformation": {
      "PermissionsBoundaryPolicyArn": "$boundary",
      "Region": "us-east-1",
      "StackName": "amplify-bench-dev"
    }
  }
}
JSON
echo '{"envName":"dev"}' >"$work/project/amplify/.config/local-env-info.json"

# 4. One measured run.
start=$(date +%s.%N)
set +e
"$tool" audit --project-dir "$work/project" --json >"$out/audit-output.json" 2>"$work/audit.err"
code=$?
set -e
end=$(date +%s.%N)
[ "$code" -eq 1 ] || { echo "audit exited $code (expected 1: findings)"; cat "$work/audit.err"; exit 1; }

python3 - "$out" "$start" "$end" "$setup_start" "$setup_end" "$work/setup.json" "$version" <<'PY'
import json, sys
out, start, end, setup_start, setup_end, setup, version = sys.argv[1:]
report = json.load(open(f"{out}/audit-output.json"))
env = report["envs"][0]
calls = report["apiCalls"]
figures = {
    "tool": version,
    "accountRoles": json.load(open(setup))["accountRoles"],
    "envRoles": env["summary"]["roles"],
    "stacks": env["stacks"],
    "findings": report["findings"],
    "wallSeconds": round(float(end) - float(start), 2),
    "toolElapsedMs": report["elapsedMs"],
    "requests": calls["byOperation"],
    "totalRequests": calls["total"],
    "throttled": calls["throttled"],
    "setupSeconds": round(float(setup_end) - float(setup_start), 1),
}
json.dump(figures, open(f"{out}/audit-bench.json", "w"), indent=2)
print(f"audit benchmark (moto): {figures['accountRoles']} roles in the account, {figures['envRoles']} in the env across {figures['stacks']} stacks")
print(f"  wall time {figures['wallSeconds']} s (tool's own clock {figures['toolElapsedMs']} ms; setup {figures['setupSeconds']} s)")
print(f"  AWS requests {figures['totalRequests']}: " + ", ".join(f"{k} {v}" for k, v in figures["requests"].items()) + f"; throttled {figures['throttled']}")
print(f"  findings {figures['findings']} (expected 50)")
print(f"  figures: {out}/audit-bench.json")
PY
