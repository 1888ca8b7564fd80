#!/usr/bin/env python3
"""Generates a large Amplify-style project for the benchmark: about 2,000 CloudFormation templates
(JSON and YAML, 2 KB to 5 MB) holding about 20,000 IAM roles, under <out>/amplify/backend.
Deterministic (fixed seed), so every run measures the same bytes."""
import json, os, random, sys

out = sys.argv[1]
templates = int(sys.argv[2]) if len(sys.argv) > 2 else 2000
rng = random.Random(20261127)

def role(name, i):
    return {
        "Type": "AWS::IAM::Role",
        "Properties": {
            "RoleName": {"Fn::Join": ["", [name, "-", {"Ref": "env"}]]},
            "AssumeRolePolicyDocument": {"Version": "2012-10-17", "Statement": [
                {"Effect": "Allow", "Principal": {"Service": ["lambda.amazonaws.com"]}, "Action": ["sts:AssumeRole"]}]},
            "Policies": [{"PolicyName": f"p{i}", "PolicyDocument": {"Version": "2012-10-17", "Statement": [
                {"Effect": "Allow", "Action": ["dynamodb:GetItem", "dynamodb:PutItem"], "Resource": "*"}]}}],
        },
    }

def filler(i, size):
    # Non-role resources that make up the bulk of a large template (like API model stacks).
    return {"Type": "AWS::AppSync::Resolver", "Properties": {
        "ApiId": {"Ref": "AppSyncApiId"}, "FieldName": f"field{i}", "TypeName": "Query",
        "RequestMappingTemplate": "x" * size}}

def size_for(index):
    # Most templates are small; a tenth are medium; ten are large (up to 5 MB).
    if index < 10:
        return rng.randint(1_000_000, 5_000_000)
    if index < 200:
        return rng.randint(50_000, 500_000)
    return rng.randint(2_000, 20_000)

def yaml_dump(value, indent=0):
    pad = "  " * indent
    lines = []
    if isinstance(value, dict):
        for k, v in value.items():
            if isinstance(v, (dict, list)) and v:
                lines.append(f"{pad}{k}:")
                lines.extend(yaml_dump(v, indent + 1))
            else:
                lines.append(f"{pad}{k}: {json.dumps(v)}")
    else:
        for v in value:
            if isinstance(v, (dict, list)) and v:
                sub = yaml_dump(v, indent + 1)
                lines.append(f"{pad}- {sub[0].strip()}")
                lines.extend(sub[1:])
            else:
                lines.append(f"{pad}- {json.dumps(v)}")
    return lines

roles_total = 0
bytes_total = 0
for t in range(templates):
    target = size_for(t)
    roles = rng.randint(5, 15)
    resources = {f"Role{t}x{r}": role(f"role{t}x{r}", r) for r in range(roles)}
    roles_total += roles
    if target > 20_000:
        chunk = 4_000
        for f in range(target // chunk):
            resources[f"Resolver{f}"] = filler(f, chunk)
    doc = {"AWSTemplateFormatVersion": "2010-09-09", "Parameters": {"env": {"Type": "String"}}, "Resources": resources}
    folder = os.path.join(out, "amplify", "backend", "function" if t % 3 else "custom", f"res{t}")
    os.makedirs(folder, exist_ok=True)
    if t % 4 == 3:
        path = os.path.join(folder, f"res{t}-cloudformation-template.yaml")
        text = "\n".join(yaml_dump(doc)) + "\n"
    else:
        path = os.path.join(folder, f"res{t}-cloudformation-template.json")
        text = json.dumps(doc, indent=2)
    with open(path, "w") as f:
        f.write(text)
    with open(os.path.join(folder, "parameters.json"), "w") as f:
        f.write("{}")
    bytes_total += len(text)

os.makedirs(os.path.join(out, "amplify", ".config"), exist_ok=True)
with open(os.path.join(out, "amplify", ".config", "local-env-info.json"), "w") as f:
    json.dump({"projectPath": out, "defaultEditor": "code", "envName": "dev"}, f, indent=2)
with open(os.path.join(out, "amplify", "team-provider-info.json"), "w") as f:
    json.dump({"dev": {"awscloudformation": {"Region": "us-east-1", "PermissionsBoundaryPolicyArn": "arn:aws:iam::123456789012:policy/BenchBoundary"}}}, f, indent=2)
print(json.dumps({"templates": templates, "roles": roles_total, "bytes": bytes_total}))
