#!/usr/bin/python3
"""nes renew (docs/adr/0016) against nes-portal.

--check, for scripts as ACME clients' renewal checks are: a certificate
valid three years is not due (exit 4, no hook); one issued for 60 days (the
admin API's validity_days) is due (exit 0): the hook runs with the
certificate's details in its environment, and `nes certificates` warns that
it ends within 90 days and that renewal is open. A failing hook makes the
exit status 1.

--serial, the renewal itself: the due certificate's card on a SoftHSM2
token; the renewal signed on that card is approved and names the
certificate it renews, after which the hook runs with NES_RENEW_EVENT=done. The certificate not due
is refused (renewal_not_due) before any signature, and a wet approval is a
usage error.

Usage: renew_test.py NES NES_PORTAL PKI_DIR"""

import json
import os
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "portal", "standalone"))
sys.path.insert(0, os.path.join(HERE, "..", "support"))
import card_factory  # noqa: E402
import portal_client as pc  # noqa: E402

FORMS = os.path.join(HERE, "..", "..", "examples", "forms", "valid")

LATER = "28609139020"  # Gülşen Ünal: three years
SOON = "10000000146"  # Ayşe Gül Şahin: 60 days


def main():
    nes, portal_exe, pki = sys.argv[1:4]
    module = card_factory.softhsm_module()
    if module is None:
        print("SKIP: SoftHSM2 is not installed (scripts/setup-deps tokens)")
        return 77
    with tempfile.TemporaryDirectory(prefix="nes-renew-") as work:
        outbox = os.path.join(work, "sms.jsonl")
        server = pc.PortalProcess(portal_exe, os.path.join(work, "data"), pki, outbox, "renew-admin-token-0123456789")
        server.start()
        portal = ["--portal", "https://127.0.0.1:%d" % server.port, "--ca-file", os.path.join(pki, "tls-ca.pem")]
        env = {k: v for k, v in os.environ.items() if k not in ("NES_PASSWORD", "NES_PIN", "NES_LANG", "NES_TCKN")}
        env["NES_JOURNAL"] = os.path.join(work, "journal.db")
        env["NES_TSA_PASSWORD"] = pc.TSA_PASSWORD
        env["SOFTHSM2_CONF"] = card_factory.token_directory(work)

        def nes_run(tckn, *args):
            return subprocess.run([nes, *args], capture_output=True, text=True, timeout=120, stdin=subprocess.DEVNULL,
                                  env=dict(env, NES_TCKN=tckn, NES_PASSWORD=pc.DEMO_PASSWORDS[tckn]))

        try:
            pc.shipped(server, outbox, LATER, completed=True)
            soon_app = pc.shipped(server, outbox, SOON, validity_days=60, completed=True)
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

            # The renewal itself, approved on the card of the certificate renewed.
            card = card_factory.collect(portal[1], portal[3], server.admin_token, soon_app)
            card_factory.put_on_token(card, "NES KART", env, user_pin="246810")
            pin_file = os.path.join(work, "pin")
            with open(pin_file, "w") as out:
                out.write("246810\n")
            renew = ["renew", "--serial", listed["serial"], "--otp-command", pc.otp_command(work, outbox),
                     "--module", card_factory.softhsm_module(), "--pin-file", pin_file, "--hook", hook, *server.tsa_args(), *portal]

            wet = nes_run(SOON, *renew, "--form", os.path.join(FORMS, "yok-akademik.json"), "--approve", "wet")
            assert wet.returncode == 2 and "--approve pkcs11" in wet.stderr, wet
            os.remove(hook_out)
            later_serial = json.loads(nes_run(LATER, "certificates", "--json", *portal).stdout)["certificates"][0]
            not_yet = nes_run(LATER, "renew", "--serial", later_serial["serial"], "--form",
                              os.path.join(FORMS, "meb-minimal.json"), "--otp-command", pc.otp_command(work, outbox),
                              "--pin-file", pin_file, "--json", *portal)
            assert not_yet.returncode == 1, not_yet
            assert json.loads(not_yet.stdout.strip().splitlines()[-1])["refusal"]["code"] == "renewal_not_due", not_yet
            assert not os.path.exists(hook_out), "the hook ran for a refused renewal"
            # The refused renewal made no application, so its journal entry is over: nothing to resume.
            nothing = nes_run(LATER, "resume", *portal)
            assert nothing.returncode == 0 and "sürdürülecek başvuru yok" in nothing.stdout, nothing

            renewed = nes_run(SOON, *renew, "--form", os.path.join(FORMS, "yok-akademik.json"))
            assert renewed.returncode == 0, renewed
            with open(hook_out) as seen:
                variables = dict(line.strip().split("=", 1) for line in seen if "=" in line)
            assert variables["NES_RENEW_EVENT"] == "done", variables
            assert variables["NES_CERT_SERIAL"] == listed["serial"], variables
            renewal_app = variables["NES_RENEW_APPLICATION"]
            person = pc.Applicant(server.portal(), server.gateway(),
                                  server.portal().request("GET", "/api/v1/info").json()["login"]["redirect_uri"])
            person.login(SOON, pc.DEMO_PASSWORDS[SOON])
            application = person.call("GET", "/api/v1/applications/" + renewal_app).json()
            assert application["renews"] == listed["serial"], application
            assert application["approval"] == "e_signature" and application["status"] == "submitted", application
        finally:
            server.stop()
    print("renew --check: not due exits 4, due exits 0 with the hook's environment, a failing hook exits 1; "
          "the renewal: approved on the renewed certificate's card with the done hook, refused when not due")
    return 0


if __name__ == "__main__":
    sys.exit(main())
