#!/usr/bin/python3
"""nes resume never sends one person's password for another, and never tries
a refused password again: checked through the portal's own audit log.

Three people (one with two applications) are left unfinished by `nes apply`
(the SMS code command fails). Then:
  1. nes resume with one $NES_PASSWORD for three people: a usage error (exit 2),
     and no login reaches the gateway;
  2. nes resume --password-dir, one person's file wrong: the others finish,
     that person gets exactly one failed login (their second entry is not
     tried), exit 1;
  3. the same again, the file unchanged: the refused file is not sent (no new
     failed login);
  4. the file corrected: everything finishes.
Each failed login in the audit log is the refused person's, and nobody else
ever has one. Usage errors (an http:// portal, an unreadable CA file) exit 2
before a journal row is written.

Usage: resume_safety_test.py NES NES_PORTAL PKI_DIR"""

import base64
import hashlib
import json
import os
import sqlite3
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "portal", "standalone"))
import portal_client as pc  # noqa: E402


def tckn(serial):
    d = [int(c) for c in str(serial)]
    d10 = ((d[0] + d[2] + d[4] + d[6] + d[8]) * 7 - (d[1] + d[3] + d[5] + d[7])) % 10
    return "".join(map(str, d + [d10, (sum(d) + d10) % 10]))


def person(i):
    number = tckn(610000000 + 37 * i)
    password = "Dogru-Parola-%d" % i
    salt = os.urandom(16)
    mobile = "+90533%07d" % (2000000 + i)
    return {"tckn": number, "password": password, "mobile": mobile,
            "registry": {"tckn": number, "first_name": "Deneme", "last_name": "Güvenlioğlu",
                         "mobile_phones": [mobile], "staff_of": ["meb", "saglik-bakanligi"],
                         "password": {"algorithm": "pbkdf2-sha256", "iterations": 10000,
                                      "salt": base64.b64encode(salt).decode(),
                                      "hash": base64.b64encode(hashlib.pbkdf2_hmac(
                                          "sha256", password.encode(), salt, 10000)).decode()}}}


def form(p, institution):
    return {"certificate": {"validity_years": 1, "card_reader": False, "publish_online": False},
            "identity": {"tckn": p["tckn"], "first_name": "Deneme", "last_name": "Güvenlioğlu",
                         "mobile_phone": p["mobile"], "info_channel": "sms"},
            "institution": {"id": institution, "unit": "Deneme Birimi"},
            "delivery": {"address_type": "home", "address_line": "Cumhuriyet Cad. No: 3", "district": "Çankaya",
                         "province": "Ankara", "postal_code": "06420"}}


def masked(number):
    return "*********" + number[-2:]


def failed_logins(data):
    with sqlite3.connect(os.path.join(data, "portal.db")) as db:
        return [row[0] for row in db.execute("SELECT subject FROM audit_log WHERE event = 'login_failed'")]


def all_logins(data):
    with sqlite3.connect(os.path.join(data, "portal.db")) as db:
        return db.execute("SELECT count(*) FROM audit_log WHERE event LIKE 'login_%'").fetchone()[0]


def main():
    nes, portal_exe, pki = sys.argv[1:4]
    with tempfile.TemporaryDirectory(prefix="nes-resume-safety-") as work:
        people = [person(i) for i in range(3)]
        registry = os.path.join(work, "registry.json")
        with open(registry, "w", encoding="utf-8") as out:
            json.dump({"people": [p["registry"] for p in people]}, out, ensure_ascii=False)
        outbox, data = os.path.join(work, "sms.jsonl"), os.path.join(work, "data")
        server = pc.PortalProcess(portal_exe, data, pki, outbox, "safety-admin-token-0123456789",
                                  ["--registry", registry])
        server.start()
        portal = "https://127.0.0.1:%d" % server.port
        ca_file = os.path.join(pki, "tls-ca.pem")
        journal = os.path.join(work, "journal.db")
        base_env = {k: v for k, v in os.environ.items() if k not in ("NES_PASSWORD", "NES_PIN", "NES_LANG")}
        common = ["--ca-file", ca_file, "--journal", journal, "--json"]

        def nes_run(args, env=None):
            return subprocess.run([nes] + args, capture_output=True, text=True, timeout=120,
                                  env=dict(base_env, **(env or {})), stdin=subprocess.DEVNULL)

        try:
            # Usage errors come before the journal: no file is even created.
            probe_journal = os.path.join(work, "never.db")
            for bad in (["--portal", "http://127.0.0.1:%d" % server.port],
                        ["--portal", portal, "--ca-file", os.path.join(work, "no-such-ca.pem")]):
                form_file = os.path.join(work, "probe.json")
                with open(form_file, "w", encoding="utf-8") as out:
                    json.dump(form(people[0], "meb"), out, ensure_ascii=False)
                done = nes_run(["apply", "--form", form_file, "--approve", "wet", "--journal", probe_journal] + bad)
                assert done.returncode == 2, (bad, done.returncode, done.stdout, done.stderr)
                assert not os.path.exists(probe_journal), bad

            # Unfinished entries: the SMS code command fails after the submission.
            entries = [(people[0], "meb"), (people[1], "meb"), (people[1], "saglik-bakanligi"), (people[2], "meb")]
            for i, (p, institution) in enumerate(entries):
                form_file = os.path.join(work, "form-%d.json" % i)
                with open(form_file, "w", encoding="utf-8") as out:
                    json.dump(form(p, institution), out, ensure_ascii=False)
                done = nes_run(["apply", "--form", form_file, "--approve", "wet", "--portal", portal,
                                "--otp-command", "false", "--pdf", os.path.join(work, "form-%d.pdf" % i)] + common,
                               {"NES_PASSWORD": p["password"]})
                assert done.returncode == 1, (i, done.returncode, done.stdout, done.stderr)
                result = json.loads(done.stdout.strip().splitlines()[-1])
                assert result["step"] == "submitted" and not result["finished"], result
            assert failed_logins(data) == [], failed_logins(data)
            logins_before = all_logins(data)

            otp = pc.otp_command(work, outbox)
            resume = ["resume", "--otp-command", otp, "--pdf", os.path.join(work, "resumed.pdf")] + common

            # 1. One password for three people: refused before any login.
            done = nes_run(resume, {"NES_PASSWORD": people[0]["password"]})
            assert done.returncode == 2, (done.returncode, done.stdout, done.stderr)
            error = json.loads(done.stdout.strip().splitlines()[-1])["error"]
            assert "--password-dir" in error["message_tr"] and "--password-dir" in error["message_en"], error
            assert "kişinin" in error["message_tr"] and "people's" in error["message_en"], error
            assert all_logins(data) == logins_before, "a login was attempted"

            # 2. A file per person; the second person's is wrong.
            passwords = os.path.join(work, "passwords")
            os.mkdir(passwords, 0o700)
            for p in people:
                with open(os.path.join(passwords, p["tckn"]), "w") as out:
                    out.write(p["password"] + "\n")
            wrong = os.path.join(passwords, people[1]["tckn"])
            with open(wrong, "w") as out:
                out.write("Yanlis-Parola\n")
            done = nes_run(resume + ["--password-dir", passwords])
            assert done.returncode == 1, (done.returncode, done.stdout, done.stderr)
            results = [json.loads(line) for line in done.stdout.strip().splitlines()]
            finished = sorted(r["tckn_masked"] for r in results if r["finished"])
            assert finished == sorted([masked(people[0]["tckn"]), masked(people[2]["tckn"])]), results
            refused = [r for r in results if not r["finished"]]
            assert len(refused) == 1 and refused[0]["refusal"]["code"] == "invalid_credentials", results
            assert refused[0]["refusal"]["message_tr"].startswith("T.C. Kimlik No ya da e-Devlet şifresi hatalı")
            assert "not tried" in done.stderr or "denenmedi" in done.stderr, done.stderr
            assert failed_logins(data) == [masked(people[1]["tckn"])], (failed_logins(data), done.stdout, done.stderr)

            # 3. The same, the file unchanged: not sent again.
            done = nes_run(resume + ["--password-dir", passwords])
            assert done.returncode == 1, (done.returncode, done.stdout, done.stderr)
            assert "reddedildi" in done.stderr, done.stderr
            assert failed_logins(data) == [masked(people[1]["tckn"])], failed_logins(data)

            # 4. Corrected: both of that person's entries finish.
            with open(wrong, "w") as out:
                out.write(people[1]["password"] + "\n")
            done = nes_run(resume + ["--password-dir", passwords])
            assert done.returncode == 0, (done.returncode, done.stdout, done.stderr)
            results = [json.loads(line) for line in done.stdout.strip().splitlines()]
            assert len(results) == 2 and all(r["finished"] for r in results), results
            assert failed_logins(data) == [masked(people[1]["tckn"])], failed_logins(data)

            # nes status --live: each person with their own password, nobody's refused.
            done = nes_run(["status", "--live", "--password-dir", passwords] + common)
            assert done.returncode == 0, (done.returncode, done.stdout, done.stderr)
            rows = json.loads(done.stdout)["applications"]
            assert len(rows) == 4 and all(r["live_status"] == "awaiting_wet_form" for r in rows), rows
            assert failed_logins(data) == [masked(people[1]["tckn"])], failed_logins(data)
            for p in people:
                assert p["password"] not in done.stdout + done.stderr
            listed = server.admin("GET", "/admin/v1/applications").json()["applications"]
            assert sorted(a["status"] for a in listed) == ["awaiting_wet_form"] * 4, listed
        finally:
            server.stop()
    print("nes resume: one password for three people refused before any login; a wrong password cost that "
          "person one failed login and nobody else any; the refused file was not sent again; all four finished")
    return 0


if __name__ == "__main__":
    sys.exit(main())
