#!/usr/bin/python3
"""nes renew --check (docs/adr/0016), for scripts as ACME clients' renewal
checks are: against nes-portal, a certificate valid three years is not due
(exit 4, no hook); one issued for 60 days (the admin API's validity_days) is
due (exit 0): the hook runs with the certificate's details in its
environment, and `nes certificates` warns that it ends within 90 days and
that renewal is open. A failing hook makes the exit status 1.

Usage: renew_check_test.py NES NES_PORTAL PKI_DIR"""

import json
import os
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "portal", "standalone"))
import portal_client as pc  # noqa: E402

LATER = "28609139020"  # Gülşen Ünal: three years
SOON = "10000000146"  # Ayşe Gül Şahin: 60 days


def main():
    nes, portal_exe, pki = sys.argv[1:4]
    with tempfile.TemporaryDirectory(prefix="nes-renew-") as work:
        outbox = os.path.join(work, "sms.jsonl")
        server = pc.PortalProcess(portal_exe, os.path.join(work, "data"), pki, outbox, "renew-admin-token-0123456789")
        server.start()
        portal = ["--portal", "https://127.0.0.1:%d" % server.port, "--ca-file", os.path.join(pki, "tls-ca.pem")]
        env = {k: v for k, v in os.environ.items() if k not in ("NES_PASSWORD", "NES_PIN", "NES_LANG", "NES_TCKN")}
        env["NES_JOURNAL"] = os.path.join(work, "journal.db")

        def nes_run(tckn, *args):
            return subprocess.run([nes, *args], capture_output=True, text=True, timeout=120, stdin=subprocess.DEVNULL,
                                  env=dict(env, NES_TCKN=tckn, NES_PASSWORD=pc.DEMO_PASSWORDS[tckn]))

        try:
            pc.shipped(server, outbox, LATER)
            soon_app = pc.shipped(server, outbox, SOON, validity_days=60)
            hook_out = os.path.join(work, "hook.env")
            hook = "env | grep -E '^NES_(RENEW|CERT)_' | sort > %s" % hook_out

            not_due = nes_run(LATER, "renew", "--check", "--hook", hook, *portal)
            assert not_due.returncode == 4, not_due
            assert "Yenilemesi açık sertifika yok." in not_due.stdout, not_due.stdout
            assert not os.path.exists(hook_out), "the hook ran for nothing due"
            as_json = nes_run(LATER, "renew", "--check", "--json", *portal)
            assert as_json.returncode == 4 and json.loads(as_json.stdout) == {"due": []}, as_json

            due = nes_run(SOON, "renew", "--check", "--hook", hook, *portal)
            assert due.returncode == 0, due
            listed = json.loads(nes_run(SOON, "certificates", "--json", *portal).stdout)["certificates"][0]
            assert listed["renewal_due"] and listed["expiring_soon"] and listed["application_id"] == soon_app, listed
            assert "Yenileme zamanı: sertifika " + listed["serial"] in due.stdout, due.stdout
            with open(hook_out) as seen:
                variables = dict(line.strip().split("=", 1) for line in seen if "=" in line)
            assert variables["NES_RENEW_EVENT"] == "due", variables
            assert variables["NES_CERT_SERIAL"] == listed["serial"], variables
            assert variables["NES_CERT_APPLICATION"] == soon_app, variables
            assert 58 <= int(variables["NES_CERT_DAYS_LEFT"]) <= 60, variables
            assert variables["NES_CERT_NOT_AFTER"].endswith("Z"), variables

            text = nes_run(SOON, "certificates", *portal)
            assert "UYARI: sertifika" in text.stdout and "(şimdi açık)" in text.stdout, text.stdout
            english = nes_run(SOON, "--lang", "en", "renew", "--check", "--json", *portal)
            assert english.returncode == 0 and json.loads(english.stdout)["due"][0]["serial"] == listed["serial"]

            failing = nes_run(SOON, "renew", "--check", "--hook", "exit 7", *portal)
            assert failing.returncode == 1 and "(çıkış 7)" in failing.stderr, failing
            without_check = nes_run(SOON, "renew", *portal)
            assert without_check.returncode == 2 and "--check" in without_check.stderr, without_check
        finally:
            server.stop()
    print("renew --check: not due exits 4, due exits 0 with the hook's environment, a failing hook exits 1")
    return 0


if __name__ == "__main__":
    sys.exit(main())
