#!/usr/bin/python3
"""Crash safety of `nes apply` and its journal: for each step boundary in
turn, an application is started and the program killed there with SIGKILL
(NES_CRASH_AT), then continued, by running the same command again or by
`nes resume`. The portal's admin API must then show exactly one application
per person, in the right state, and the journal every one finished.

Usage: crash_resume_test.py NES NES_PORTAL PKI_DIR"""

import base64
import hashlib
import json
import os
import secrets
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "portal", "standalone"))
import portal_client as pc  # noqa: E402

# Every boundary where the program may die: before or after each step that
# changes state on the portal, and before or after the journal records it.
POINTS = ["submitting", "submit-answered", "submitted", "verify-answered", "verified", "approving",
          "approve-answered"]


def tckn(serial):
    """A valid T.C. Kimlik No from a nine-digit serial (flow.md's check digits)."""
    d = [int(c) for c in str(serial)]
    d10 = ((d[0] + d[2] + d[4] + d[6] + d[8]) * 7 - (d[1] + d[3] + d[5] + d[7])) % 10
    d11 = (sum(d) + d10) % 10
    return "".join(map(str, d + [d10, d11]))


def person(i):
    salt = secrets.token_bytes(16)
    password = "Crash-Parola-%d" % i
    return {
        "tckn": tckn(700000000 + i), "first_name": "Deneme", "last_name": "Çökmeoğlu", "password_text": password,
        "mobile": "+90532%07d" % (1000000 + i),
        "registry": {"tckn": tckn(700000000 + i), "first_name": "Deneme", "last_name": "Çökmeoğlu",
                     "mobile_phones": ["+90532%07d" % (1000000 + i)], "staff_of": ["meb"],
                     "password": {"algorithm": "pbkdf2-sha256", "iterations": 10000,
                                  "salt": base64.b64encode(salt).decode(),
                                  "hash": base64.b64encode(hashlib.pbkdf2_hmac(
                                      "sha256", password.encode(), salt, 10000)).decode()}},
    }


def form(p):
    return {"certificate": {"validity_years": 1, "card_reader": False, "publish_online": False},
            "identity": {"tckn": p["tckn"], "first_name": p["first_name"], "last_name": p["last_name"],
                         "mobile_phone": p["mobile"], "info_channel": "sms"},
            "institution": {"id": "meb", "unit": "Şişli Anadolu Lisesi"},
            "delivery": {"address_type": "home", "address_line": "Halaskârgazi Cad. No: 12", "district": "Şişli",
                         "province": "İstanbul", "postal_code": "34371"}}


def main():
    nes, portal_exe, pki = sys.argv[1:4]
    with tempfile.TemporaryDirectory(prefix="nes-crash-") as work:
        people = [person(i) for i in range(len(POINTS))]
        registry = os.path.join(work, "registry.json")
        with open(registry, "w", encoding="utf-8") as out:
            json.dump({"people": [p["registry"] for p in people]}, out, ensure_ascii=False)
        outbox = os.path.join(work, "sms.jsonl")
        server = pc.PortalProcess(portal_exe, os.path.join(work, "data"), pki, outbox, "crash-admin-token-0123456789",
                                  ["--registry", registry])
        server.start()
        otp = pc.otp_command(work, outbox)
        journal = os.path.join(work, "journal.db")
        common = ["--portal", "https://127.0.0.1:%d" % server.port, "--ca-file", os.path.join(pki, "tls-ca.pem"),
                  "--journal", journal, "--otp-command", otp, "--json"]
        try:
            for i, (point, p) in enumerate(zip(POINTS, people)):
                form_file = os.path.join(work, "form-%d.json" % i)
                with open(form_file, "w", encoding="utf-8") as out:
                    json.dump(form(p), out, ensure_ascii=False)
                apply = [nes, "apply", "--form", form_file, "--approve", "wet",
                         "--pdf", os.path.join(work, "form-%d.pdf" % i)] + common
                env = dict(os.environ, NES_PASSWORD=p["password_text"], NES_CRASH_AT=point)
                killed = subprocess.run(apply, env=env, capture_output=True, text=True, timeout=60)
                assert killed.returncode == -9, (point, killed.returncode, killed.stdout, killed.stderr)
                del env["NES_CRASH_AT"]
                # Half continue with the same command, half with nes resume.
                again = apply if i % 2 == 0 else [nes, "resume"] + common + ["--pdf",
                                                                              os.path.join(work, "form-%d.pdf" % i)]
                done = subprocess.run(again, env=env, capture_output=True, text=True, timeout=60)
                assert done.returncode == 0, (point, done.stdout, done.stderr)
                result = json.loads(done.stdout.strip().splitlines()[-1])
                assert result["finished"] and result["status"] == "awaiting_wet_form", (point, result)
                assert os.path.exists(os.path.join(work, "form-%d.pdf" % i)), point
                print("killed at %-17s continued by %-11s %s %s" % (
                    point, "nes apply" if i % 2 == 0 else "nes resume", result["application_id"], result["status"]))

            listed = server.admin("GET", "/admin/v1/applications").json()["applications"]
            by_person = {}
            for a in listed:
                by_person.setdefault(a["form"]["identity"]["tckn"], []).append(a["status"])
            for p in people:
                assert by_person.get(p["tckn"]) == ["awaiting_wet_form"], (p["tckn"], by_person.get(p["tckn"]))
            assert len(listed) == len(people), listed
            status = subprocess.run([nes, "status", "--journal", journal, "--json"], capture_output=True, text=True)
            entries = json.loads(status.stdout)["applications"]
            assert len(entries) == len(people) and all(e["step"] == "finished" for e in entries), entries
            # --live: the portal's word (Başvurularım), after a login as the last person.
            last = people[-1]
            live = subprocess.run([nes, "status", "--journal", journal, "--json", "--live", "--ca-file",
                                   os.path.join(pki, "tls-ca.pem")], capture_output=True, text=True,
                                  env=dict(os.environ, NES_PASSWORD=last["password_text"]))
            assert live.returncode == 1, live  # the others' logins fail with this one's password
            rows = json.loads(live.stdout)["applications"]
            mine = [r for r in rows if "live_status" in r]
            assert len(mine) == 1 and mine[0]["live_status"] == "awaiting_wet_form", rows
        finally:
            server.stop()
    print("%d kills, one at each step boundary: every person has exactly one application, awaiting_wet_form"
          % len(POINTS))
    return 0


if __name__ == "__main__":
    sys.exit(main())
