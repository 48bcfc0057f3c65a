#!/usr/bin/python3
"""Recomputes every demo registry hash with Python's own PBKDF2 (hashlib), an
implementation independent of the portal's OpenSSL call: the documented demo
passwords must match, and a wrong one must not."""

import base64
import hashlib
import json
import sys

DEMO_PASSWORDS = {  # docs/portal.md lists these
    "10000000146": "Demo-Parola-1",
    "62601815964": "Demo-Parola-2",
    "18301661332": "Demo-Parola-3",
    "28609139020": "Demo-Parola-4",
    "70308246202": "Demo-Parola-5",
    "67746370606": "Demo-Parola-6",
    "53304452938": "Demo-Parola-7",
    "50394029002": "Demo-Parola-8",
    "87943454688": "Demo-Parola-9",
}

registry = json.load(open(sys.argv[1], encoding="utf-8"))
failures = []
for person in registry["people"]:
    p = person["password"]
    salt, expected = base64.b64decode(p["salt"]), base64.b64decode(p["hash"])
    derive = lambda pw: hashlib.pbkdf2_hmac("sha256", pw.encode(), salt, p["iterations"])
    if derive(DEMO_PASSWORDS[person["tckn"]]) != expected:
        failures.append(f"{person['tckn']}: the documented password does not match")
    if derive("wrong") == expected:
        failures.append(f"{person['tckn']}: a wrong password matches")
if failures or len(registry["people"]) != len(DEMO_PASSWORDS):
    print("\n".join(failures) or "the registry does not hold exactly the documented people")
    sys.exit(1)
print(f"demo registry: {len(DEMO_PASSWORDS)} hashes match their documented passwords (hashlib PBKDF2)")
