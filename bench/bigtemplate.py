#!/usr/bin/env python3
"""A project holding one large template, for the single-template memory figure:
bigtemplate.py GENPROJECT_PY DIR MEGABYTES json|yaml
Templates are built by genproject.py's own template() and to_yaml() (roles and functions of the same shape)."""
import json, os, random, sys

gen, root, mb, fmt = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4]
source = open(gen).read()
code = {}
exec(compile(source.rsplit("\nmain()", 1)[0], gen, "exec"), code)  # the generator's functions, without its main()
rnd = random.Random(7)
t = code["template"](0, rnd, mb * 1024 * (1.55 if fmt == "yaml" else 0.68))  # scaled so the file comes out near MEGABYTES
amp = os.path.join(root, "amplify")
os.makedirs(os.path.join(amp, ".config"), exist_ok=True)
prov = {"Region": "us-east-1", "StackName": "amplify-big-dev-1", "PermissionsBoundaryPolicyArn": "arn:aws:iam::123456789012:policy/Boundary"}
json.dump({"dev": {"awscloudformation": prov}}, open(os.path.join(amp, "team-provider-info.json"), "w"), indent=2)
json.dump({"projectPath": root, "defaultEditor": "code", "envName": "dev"}, open(os.path.join(amp, ".config", "local-env-info.json"), "w"))
json.dump({"projectName": "big", "version": "3.1", "frontend": "javascript", "providers": ["awscloudformation"]},
          open(os.path.join(amp, ".config", "project-config.json"), "w"))
d = os.path.join(amp, "backend", "function", "big")
os.makedirs(d, exist_ok=True)
if fmt == "yaml":
    open(os.path.join(d, "big-cloudformation-template.yml"), "w").write(code["to_yaml"](t))
else:
    json.dump(t, open(os.path.join(d, "big-cloudformation-template.json"), "w"), indent=2)
cats = {"big": {"service": "Lambda", "providerPlugin": "awscloudformation", "build": True}}
json.dump({"providers": {"awscloudformation": prov}, "function": cats}, open(os.path.join(amp, "backend", "amplify-meta.json"), "w"), indent=2)
json.dump({"function": cats}, open(os.path.join(amp, "backend", "backend-config.json"), "w"), indent=2)
