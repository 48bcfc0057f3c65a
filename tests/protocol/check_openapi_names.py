#!/usr/bin/python3
"""The protocol names what the library names: ApplicationStatus is exactly the
library's statuses, in order, and every admin event is a lifecycle event."""

import json
import subprocess
import sys

import yaml

spec_path, printer = sys.argv[1], sys.argv[2]
spec = yaml.safe_load(open(spec_path, encoding="utf-8"))
names = json.loads(subprocess.run([printer], check=True, capture_output=True, text=True).stdout)
schemas = spec["components"]["schemas"]

failures = []
if schemas["ApplicationStatus"]["enum"] != names["statuses"]:
    failures.append(f"ApplicationStatus enum {schemas['ApplicationStatus']['enum']} != library {names['statuses']}")
admin_events = schemas["AdminTransition"]["properties"]["event"]["enum"]
unknown = [e for e in admin_events if e not in names["events"]]
if unknown:
    failures.append(f"AdminTransition events not in the lifecycle: {unknown}")
if failures:
    print("\n".join(failures))
    sys.exit(1)
print(f"openapi.yaml: {len(names['statuses'])} statuses and {len(admin_events)} admin events match the library")
