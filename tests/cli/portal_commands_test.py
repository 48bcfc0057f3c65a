#!/usr/bin/python3
"""The commands people expect beside nes apply, against nes-portal with the
demo registry as shipped:

- every example form of examples/forms/valid is accepted by the demo portal
  (nes apply --form: submitted, the SMS code then withheld);
- nes fees (Fiyatlar) lists the fee table in Turkish, with kuruş in --json;
- nes debt (Borç Sorgulama) shows nothing owed, then the fee once the wet form
  is received (the admin API's step), in both languages;
- nes cancel cancels that application on the portal and closes its journal
  entry; nes debt then shows nothing; nes status shows whose each row is,
  masked, and the statuses in words.

Usage: portal_commands_test.py NES NES_PORTAL PKI_DIR FORMS_DIR"""

import glob
import json
import os
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "portal", "standalone"))
import portal_client as pc  # noqa: E402


def main():
    nes, portal_exe, pki, forms = sys.argv[1:5]
    with tempfile.TemporaryDirectory(prefix="nes-portal-commands-") as work:
        outbox = os.path.join(work, "sms.jsonl")
        server = pc.PortalProcess(portal_exe, os.path.join(work, "data"), pki, outbox, "commands-admin-token-012345")
        server.start()
        portal = ["--portal", "https://127.0.0.1:%d" % server.port, "--ca-file", os.path.join(pki, "tls-ca.pem")]
        journal = ["--journal", os.path.join(work, "journal.db")]
        env = {k: v for k, v in os.environ.items() if k not in ("NES_PASSWORD", "NES_PIN", "NES_LANG", "NES_TCKN")}

        def nes_run(*args, **extra_env):
            return subprocess.run([nes, *args], capture_output=True, text=True, timeout=120,
                                  env=dict(env, **extra_env), stdin=subprocess.DEVNULL)

        try:
            # Every example form is one the demo portal accepts.
            entries = {}
            for form in sorted(glob.glob(os.path.join(forms, "*.json"))):
                tckn = json.load(open(form, encoding="utf-8"))["identity"]["tckn"]
                done = nes_run("apply", "--form", form, "--approve", "wet", "--otp-command", "false", "--json",
                               *portal, *journal, NES_PASSWORD=pc.DEMO_PASSWORDS[tckn])
                result = json.loads(done.stdout.strip().splitlines()[-1])
                assert done.returncode == 1 and result["step"] == "submitted", (form, done.stdout, done.stderr)
                entries[tckn] = result
            assert len(entries) >= 3, entries

            fees = nes_run("fees", *portal)
            assert fees.returncode == 0, fees
            assert fees.stdout.startswith("Fiyatlar (KDV %20 dahil)") and "3 yıl + kart okuyucu" in fees.stdout, fees
            table = json.loads(nes_run("fees", "--json", *portal).stdout)
            assert all(f["fee"]["total_kurus"] == f["fee"]["net_kurus"] + f["fee"]["kdv_kurus"] for f in table["fees"])

            # Gülşen Ünal's application: approved by wet signature, the form received; the
            # SDK's log on standard error with --log-level trace, without a secret in it.
            tckn = "28609139020"
            app = entries[tckn]["application_id"]
            otp = pc.otp_command(work, outbox)
            done = nes_run("--log-level", "trace", "resume", "--id", str(entries[tckn]["journal_id"]), "--otp-command", otp,
                           "--pdf", os.path.join(work, "form.pdf"), "--json", *journal, "--ca-file",
                           os.path.join(pki, "tls-ca.pem"), NES_PASSWORD=pc.DEMO_PASSWORDS[tckn])
            assert done.returncode == 0, (done.stdout, done.stderr)
            assert "nes [debug]" in done.stderr and "POST" in done.stderr, done.stderr
            code = [json.loads(line)["code"] for line in open(outbox) if json.loads(line)["application"] == app][-1]
            for secret in (pc.DEMO_PASSWORDS[tckn], tckn, code):
                assert secret not in done.stderr + done.stdout, secret
            quiet = nes_run("fees", *portal)
            assert "nes [" not in quiet.stderr, quiet.stderr
            nothing = nes_run("debt", "--tckn", tckn, *portal)
            assert nothing.returncode == 0 and "Borç yok." in nothing.stdout, nothing
            moved = server.admin("POST", "/admin/v1/applications/%s/transitions" % app, {"event": "wet_form_received"})
            assert moved.status == 200, moved
            owed = nes_run("debt", *portal, NES_TCKN=tckn)
            assert owed.returncode == 0 and app in owed.stdout and "Toplam: 900,00 TL" in owed.stdout, owed
            english = nes_run("--lang", "en", "debt", *portal, NES_TCKN=tckn)
            assert "Total: 900,00 TL" in english.stdout and "Toplam" not in english.stdout, english
            owed_json = json.loads(nes_run("debt", "--json", *portal, NES_TCKN=tckn).stdout)
            assert owed_json["total_kurus"] == 90000 and owed_json["debts"][0]["application_id"] == app, owed_json
            bad = nes_run("debt", "--json", "--tckn", "12345678901", *portal)
            refusal = json.loads(bad.stdout)["refusal"]
            assert bad.returncode == 1 and refusal["code"] == "invalid_form", (bad.stdout, bad.stderr)
            assert refusal["fields"][0]["label_tr"] == "T.C. Kimlik No", refusal

            # Cancelled on the portal, the journal entry closed; nothing owed any more.
            cancel = nes_run("cancel", "--id", str(entries[tckn]["journal_id"]), "--ca-file",
                             os.path.join(pki, "tls-ca.pem"), *journal, NES_PASSWORD=pc.DEMO_PASSWORDS[tckn])
            assert cancel.returncode == 0 and "İptal edildi" in cancel.stdout, (cancel.stdout, cancel.stderr)
            listed = {a["id"]: a["status"] for a in server.admin("GET", "/admin/v1/applications").json()["applications"]}
            assert listed[app] == "cancelled", listed
            assert "Borç yok." in nes_run("debt", "--tckn", tckn, *portal).stdout

            status = nes_run("status", *journal)
            assert status.returncode == 0, status
            row = next(line for line in status.stdout.splitlines() if app in line)
            assert "*********20" in row and "tamamlandı / İptal edildi" in row and tckn not in status.stdout, row
            for other in entries.values():
                if other["application_id"] != app:
                    assert other["application_id"] in status.stdout and "SMS kodu bekleniyor" in status.stdout
        finally:
            server.stop()
    print("every example form accepted by the demo portal; nes fees, nes debt (none, then 900,00 TL, then none) and "
          "nes cancel against it; nes status masked and in words")
    return 0


if __name__ == "__main__":
    sys.exit(main())
