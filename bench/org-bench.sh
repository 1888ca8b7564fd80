#!/usr/bin/env bash
# Benchmark of 'dotnet boundary audit --organization' against moto: an organisation of 50 member accounts
# (an SCP at the root requires arn:aws:iam::${aws:PrincipalAccount}:policy/OrgBoundary), each holding
# 20 Amplify root stacks (the host's "Root Stack for AWS Amplify CLI" description) of 2 roles, one stack
# in ten with a role lacking the boundary, plus one unrelated stack per account. It runs the installed
# tool once and reports the wall time and the AWS requests, in total and per account. The point: requests
# grow with accounts and pages (stacks listed, SCP levels read once), not with roles.
#
# Usage: bench/org-bench.sh [FEED_DIR] [OUT_DIR] [ACCOUNTS] [STACKS]
#   FEED_DIR  a folder holding a packed Boundary.Plugin*.nupkg; default: pack the repository into a temp
#             feed. BOUNDARY_TOOL_PATH (a folder holding an installed dotnet-boundary) skips both.
#   OUT_DIR   where to write org-bench.json and org-audit-output.json; default: artifacts/bench.
#   ACCOUNTS, STACKS  default 50 and 20.
# Needs: moto_server (or python3 -m moto.server), python3 with boto3 (both come with moto), dotnet.
set -euo pipefail
cd "$(dirname "$0")/.."
repo=$(pwd)
feed=${1:-}
out=${2:-$repo/artifacts/bench}
accounts=${3:-50}
stacks=${4:-20}
mkdir -p "$out"
out=$(cd "$out" && pwd)
# 1. The tool; 2. moto on a free loopback port.
source "$repo/bench/lib.sh"
bench_work org-bench
bench_install_tool orgbench
bench_start_moto

# 3. The organisation.
setup_start=$(date +%s.%N)
python3 - "$work" "$accounts" "$stacks" <<'PY'
import json, sys, boto3
work, accounts, stacks = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
org = boto3.client("organizations", region_name="us-east-1")
sts = boto3.client("sts", region_name="us-east-1")
org.create_organization(FeatureSet="ALL")
root = org.list_roots()["Roots"][0]["Id"]
org.enable_policy_type(RootId=root, PolicyType="SERVICE_CONTROL_POLICY")
scp = {"Version": "2012-10-17", "Statement": [{"Sid": "OrgBoundaryOnly", "Effect": "Deny", "Action": ["iam:CreateRole", "iam:PutRolePermissionsBoundary"], "Resource": "*",
       "Condition": {"StringNotEquals": {"iam:PermissionsBoundary": "arn:aws:iam::${aws:PrincipalAccount}:policy/OrgBoundary"}}}]}
policy = org.create_policy(Name="RequireOrgBoundary", Description="bench", Type="SERVICE_CONTROL_POLICY", Content=json.dumps(scp))["Policy"]["PolicySummary"]["Id"]
org.attach_policy(PolicyId=policy, TargetId=root)
allow = json.dumps({"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "*", "Resource": "*"}]})
trust = {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"Service": "lambda.amazonaws.com"}, "Action": "sts:AssumeRole"}]}
findings = 0
for a in range(accounts):
    account = org.create_account(Email=f"bench{a}@example.com", AccountName=f"bench{a}")["CreateAccountStatus"]["AccountId"]
    keys = sts.assume_role(RoleArn=f"arn:aws:iam::{account}:role/OrganizationAccountAccessRole", RoleSessionName="bench")["Credentials"]
    session = boto3.Session(aws_access_key_id=keys["AccessKeyId"], aws_secret_access_key=keys["SecretAccessKey"], aws_session_token=keys["SessionToken"], region_name="us-east-1")
    boundary = session.client("iam").create_policy(PolicyName="OrgBoundary", PolicyDocument=allow)["Policy"]["Arn"]
    cfn = session.client("cloudformation")
    for s in range(stacks):
        unbounded = s % 10 == 0
        findings += unbounded
        resources = {
            "AuthRole": {"Type": "AWS::IAM::Role", "Properties": {"RoleName": f"amplify-app{s}-prod-authRole", "AssumeRolePolicyDocument": trust, "PermissionsBoundary": boundary}},
            "UnauthRole": {"Type": "AWS::IAM::Role", "Properties": {"RoleName": f"amplify-app{s}-prod-unauthRole", "AssumeRolePolicyDocument": trust, **({} if unbounded else {"PermissionsBoundary": boundary})}},
        }
        template = {"AWSTemplateFormatVersion": "2010-09-09", "Description": "Root Stack for AWS Amplify CLI", "Resources": resources}
        cfn.create_stack(StackName=f"amplify-app{s}-prod", TemplateBody=json.dumps(template), Capabilities=["CAPABILITY_NAMED_IAM"])
    cfn.create_stack(StackName="unrelated", TemplateBody=json.dumps({"Resources": {"R": {"Type": "AWS::IAM::Role", "Properties": {"AssumeRolePolicyDocument": trust}}}}), Capabilities=["CAPABILITY_IAM"])
json.dump({"findings": findings}, open(f"{work}/setup.json", "w"))
PY
setup_end=$(date +%s.%N)

# 4. One measured run, with the management account's credentials.
start=$(date +%s.%N)
set +e
"$tool" audit --organization --json --verbose >"$out/org-audit-output.json" 2>"$work/audit.err"
code=$?
set -e
end=$(date +%s.%N)
[ "$code" -eq 1 ] || { echo "audit --organization exited $code (expected 1: findings)"; cat "$work/audit.err"; exit 1; }

python3 - "$out" "$start" "$end" "$setup_start" "$setup_end" "$work/setup.json" "$version" "$accounts" "$stacks" <<'PY'
import json, sys
out, start, end, setup_start, setup_end, setup, version, accounts, stacks = sys.argv[1:]
report = json.load(open(f"{out}/org-audit-output.json"))
calls = report["apiCalls"]
audited = len(report["envs"])
figures = {
    "tool": version,
    "accounts": audited,
    "rootStacksPerAccount": int(stacks),
    "roles": sum(e["summary"]["roles"] for e in report["envs"]),
    "findings": report["findings"],
    "expectedFindings": json.load(open(setup))["findings"],
    "wallSeconds": round(float(end) - float(start), 2),
    "toolElapsedMs": report["elapsedMs"],
    "requests": calls["byOperation"],
    "totalRequests": calls["total"],
    "requestsPerAccount": round(calls["total"] / max(1, audited), 1),
    "throttled": calls["throttled"],
    "setupSeconds": round(float(setup_end) - float(setup_start), 1),
}
json.dump(figures, open(f"{out}/org-bench.json", "w"), indent=2)
print(f"audit --organization benchmark (moto): {figures['accounts']} accounts (management included) x {stacks} root stacks, {figures['roles']} roles")
print(f"  wall time {figures['wallSeconds']} s (tool's own clock {figures['toolElapsedMs']} ms; setup {figures['setupSeconds']} s)")
print(f"  AWS requests {figures['totalRequests']} ({figures['requestsPerAccount']} per account): " + ", ".join(f"{k} {v}" for k, v in figures["requests"].items()) + f"; throttled {figures['throttled']}")
print(f"  findings {figures['findings']} (expected {figures['expectedFindings']})")
print(f"  figures: {out}/org-bench.json")
PY
