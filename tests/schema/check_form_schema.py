#!/usr/bin/python3
"""Checks docs/form.schema.json against the example forms: every valid example
conforms, and the example with wrong types does not. Keeps the published schema
in step with the decoder."""

import json
import pathlib
import sys

import jsonschema

root = pathlib.Path(sys.argv[1])
schema = json.loads((root / "docs/form.schema.json").read_text(encoding="utf-8"))
jsonschema.Draft202012Validator.check_schema(schema)
validator = jsonschema.Draft202012Validator(schema)

failures = []
valid = sorted((root / "examples/forms/valid").glob("*.json"))
for path in valid:
    for error in validator.iter_errors(json.loads(path.read_text(encoding="utf-8"))):
        failures.append(f"{path.name}: {error.message}")
wrong_types = json.loads((root / "examples/forms/invalid/wrong-types.json").read_text(encoding="utf-8"))
found = {".".join(map(str, e.absolute_path)) for e in validator.iter_errors(wrong_types)}
for expected in ("certificate.validity_years", "certificate.card_reader", "identity.tckn", "identity.info_channel",
                 "identity", "delivery"):
    if expected not in found:
        failures.append(f"wrong-types.json: the schema does not refuse {expected} (refused: {sorted(found)})")

if failures:
    print("\n".join(failures))
    sys.exit(1)
print(f"form.schema.json: {len(valid)} valid examples conform, wrong-types.json refused at {len(found)} paths")
