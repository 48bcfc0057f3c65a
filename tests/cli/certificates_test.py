#!/usr/bin/python3
"""One person's certificate after the application (docs/adr/0016), through
the nes program against nes-portal, with `openssl ocsp` asking the portal's
responder and `openssl crl` reading its CRL after each step.

- Issued: an application with a security word, taken by the wet route to
  `shipped` for 60 days; `nes certificates` lists it, active and due for
  renewal, in Turkish and English and as JSON.
- The card arrives on a SoftHSM2 token with a PIN nobody was told: a guessed
  PIN is refused and counted; `nes certificates puk` gets the PUK for the
  security word and the SMS code, once; `nes token unblock` sets the PIN with
  it, and `nes token change-pin` changes it.
- Suspended, lifted at a terminal after a mistyped code; a renewal while
  suspended is refused.
- Renewed inside the window with `nes renew --esign-login`: logged in with
  the card (e-imza login; no password given) and signed on it with the PIN
  set above; a suspended card logs nobody in. Kamu SM ships the renewal, and
  renewing the new certificate is refused: its window has not opened.
- E-Onay given on the card with `nes e-onay give`; the next application is
  approved by its SMS code alone (`nes apply --approve e-onay`), and at the
  terminal the wizard offers E-Onay as a third way; withdrawn.
- The old certificate revoked: final.

Usage: certificates_test.py NES NES_PORTAL PKI_DIR"""

import json
import os
import re
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "portal", "standalone"))
sys.path.insert(0, os.path.join(HERE, "..", "support"))
import card_factory  # noqa: E402
from wizard_pty_test import Terminal  # noqa: E402
import portal_client as pc  # noqa: E402

TCKN = "28609139020"  # Gülşen Ünal, of the demo registry
WORD = "Kır çiçeği 7"  # her security word
FORM = os.path.join(HERE, "..", "..", "examples", "forms", "valid", "meb-minimal.json")


def write_secret(work, name, value):
    """A secret's file, as a person would keep one: 0600, one line."""
    path = os.path.join(work, name)
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(descriptor, "w") as out:
        out.write(value + "\n")
    return path


def e_onay_in_the_wizard(nes, portal, env, outbox):
    """Gülşen's next application through `nes apply` at a terminal, approved by her E-Onay; its id."""
    t = Terminal([nes, "apply", *portal], env)
    t.answer("T.C. Kimlik No: ", TCKN)
    t.answer("e-Devlet Şifresi: ", pc.DEMO_PASSWORDS[TCKN])
    t.answer("Kurum: ", "3")
    t.answer("kabul ediyorum (evet/hayır, e/h): ", "evet")
    t.answer("Geçerlilik süresi (yıl: 1/2/3): ", "3")
    t.answer("İnternetten Yayınlansın mı? (evet/hayır, e/h): ", "hayır")
    t.answer("Güvenlik sözcüğü (isteğe bağlı, görünmez): ", "")
    for prompt, answer in (("Ad [Gülşen]: ", ""), ("Soyad [Ünal]: ", ""), ("Cep telefonu (listeden): ", "1"),
                           ("Cep telefonu (numaranın tamamı): ", "0505 123 45 67"),
                           ("Bilgilendirme kanalı (sms, e-posta): ", "sms"), ("E-posta (isteğe bağlı): ", ""),
                           ("Birim: ", "Karşıyaka Anadolu Lisesi"), ("İş telefonu (isteğe bağlı): ", ""),
                           ("Dahili numara (isteğe bağlı): ", ""), ("Adres türü (ev, iş, diğer): ", "iş"),
                           ("Adres: ", "Bahariye Mah. 1720 Sok. No: 5"), ("İlçe: ", "Karşıyaka"), ("İl: ", "İzmir"),
                           ("Posta kodu: ", "35530"), ("Devam için d, düzeltmek için alanın numarası: ", "d")):
        t.answer(prompt, answer)
    application = t.expect(r"Form gönderildi: (app_\w+)").group(1)
    t.expect(r"SMS kodu \(\*\*\* \*\*\* 45 67; kalan \d+ sn")
    t.type(pc.sms_code(outbox, application))
    t.expect(re.escape("3) E-Onay ile Onaylama (verdiğiniz E-Onay geçerli; imza ve form gerekmez)"))
    t.answer("Seçim: ", "3")
    t.expect("Başvuru No: " + application)
    status = t.exit_status()
    assert status == 0, (status, t.seen[-2000:])
    return application


def main():
    nes, portal_exe, pki = sys.argv[1:4]
    module = card_factory.softhsm_module()
    if module is None:
        print("SKIP: SoftHSM2 is not installed (scripts/setup-deps tokens)")
        return 77
    with tempfile.TemporaryDirectory(prefix="nes-certificates-") as work:
        outbox = os.path.join(work, "sms.jsonl")
        # Each nes command logs in once: more logins a minute than a person makes by hand.
        server = pc.PortalProcess(portal_exe, os.path.join(work, "data"), pki, outbox, "certificates-admin-0123456789",
                                  ["--rate-logins-person", "100"])
        server.start()
        url = "https://127.0.0.1:%d" % server.port
        portal = ["--portal", url, "--ca-file", os.path.join(pki, "tls-ca.pem")]
        env = {k: v for k, v in os.environ.items() if k not in ("NES_PASSWORD", "NES_PIN", "NES_LANG", "NES_TCKN")}
        env.update(SOFTHSM2_CONF=card_factory.token_directory(work), NES_JOURNAL=os.path.join(work, "journal.db"), NES_TSA_PASSWORD=pc.TSA_PASSWORD)

        def nes_run(*args, **extra):
            return subprocess.run([nes, *args], capture_output=True, text=True, timeout=120, stdin=subprocess.DEVNULL,
                                  env=dict(env, **extra))

        login = dict(NES_TCKN=TCKN, NES_PASSWORD=pc.DEMO_PASSWORDS[TCKN])
        try:
            none = nes_run("certificates", *portal, **login)
            assert none.returncode == 0 and "henüz sertifika verilmedi" in none.stdout, none

            app = pc.shipped(server, outbox, TCKN, validity_days=60, completed=True, security_word=WORD)
            listed = nes_run("certificates", "--json", *portal, **login)
            assert listed.returncode == 0, listed
            certificates = json.loads(listed.stdout)["certificates"]
            assert len(certificates) == 1, certificates
            issued = certificates[0]
            assert issued["application_id"] == app and issued["state"] == "active", issued
            assert 58 <= issued["days_left"] <= 60 and issued["renewal_due"], issued
            assert issued["expiring_soon"], issued
            text = nes_run("certificates", *portal, **login)
            assert text.returncode == 0, text
            for words in ("Sertifikalarınız (Gülşen Ünal)", "durum:       etkin", issued["serial"], "gün kaldı",
                          "(şimdi açık)"):
                assert words in text.stdout, (words, text.stdout)
            english = nes_run("--lang", "en", "certificates", *portal, **login)
            assert "state:       active" in english.stdout and "days left" in english.stdout, english.stdout
            for secret in (TCKN, pc.DEMO_PASSWORDS[TCKN]):
                assert secret not in text.stdout + text.stderr + listed.stdout, secret

            # The card arrives: on a token, nes token list finds the certificate, no PIN asked.
            card = card_factory.collect(url, os.path.join(pki, "tls-ca.pem"), server.admin_token, app)
            card_factory.put_on_token(card, "NES KART", env, module=module)
            tokens = nes_run("token", "list", "--module", module, "--json")
            assert tokens.returncode == 0, tokens
            found = [c for t in json.loads(tokens.stdout)["tokens"] for c in t["certificates"]]
            assert len(found) == 1, found
            on_card = found[0]
            assert on_card["tckn"] == TCKN and on_card["qualified"] and on_card["non_repudiation"], on_card
            assert on_card["serial_number"].lstrip("0") == issued["serial"], (on_card, issued)
            assert on_card["expiring_soon"], on_card
            again = server.admin("GET", "/admin/v1/applications/%s/card" % app)
            assert again.status == 409 and again.json()["code"] == "card_collected", again

            # OpenSSL's own OCSP client asks the portal's responder, and checks its answer.
            certificate = os.path.join(work, "issued.pem")
            with open(certificate, "w") as out:
                out.write(card["certificate_pem"])
            ca = os.path.join(pki, "esign-ca.pem")

            def ocsp_answer():
                asked = subprocess.run(["openssl", "ocsp", "-issuer", ca, "-cert", certificate, "-url",
                                        url + "/ocsp", "-CAfile", ca, "-verify_other", ca], capture_output=True,
                                       text=True, timeout=60, env=dict(env, SSL_CERT_FILE=os.path.join(pki,
                                                                                                    "tls-ca.pem")))
                assert asked.returncode == 0 and "Response verify OK" in asked.stderr, asked
                return asked.stdout

            assert certificate + ": good" in ocsp_answer()

            # The SDK's status check, through nes token list: the card's certificate as OCSP says.
            def on_token():
                listed = nes_run("token", "list", "--module", module, "--check-status", "--signer-ca", ca, "--ca-file",
                                 os.path.join(pki, "tls-ca.pem"), "--json")
                assert listed.returncode == 0, listed
                return [c for t in json.loads(listed.stdout)["tokens"] for c in t["certificates"]][0]["status"]

            assert on_token() == {"state": "good", "source": "OCSP"}, on_token()

            crl_file = os.path.join(work, "esign.crl")

            def crl_text():
                with open(crl_file, "wb") as out:
                    out.write(server.portal().request("GET", "/pki/esign.crl").body)
                read = subprocess.run(["openssl", "crl", "-inform", "DER", "-in", crl_file, "-CAfile", ca, "-noout",
                                       "-text"], capture_output=True, text=True, timeout=60)
                assert read.returncode == 0 and "verify OK" in read.stderr + read.stdout, read
                return read.stdout

            def listed_on_crl():
                return issued["serial"] in crl_text().replace(":", "").upper()

            assert not listed_on_crl()

            # PIN Oluşturma: nobody told her the card's PIN. A guess is refused, once, and counted.
            otp = pc.otp_command(work, outbox)
            secret = lambda name, value: write_secret(work, name, value)  # noqa: E731
            guessed = nes_run("token", "change-pin", "--module", module, "--pin-file", secret("guess", "123456"),
                              "--new-pin-file", secret("pin1", "24681357"))
            assert guessed.returncode == 1 and "PIN hatalı" in guessed.stderr, guessed
            pin = json.loads(nes_run("token", "list", "--module", module, "--json").stdout)["tokens"][0]["pin"]
            assert pin["count_low"] and not pin["locked"], pin
            # The PUK for the security word and the SMS code, once, into a file only she can read.
            puk_file = os.path.join(work, "puk")
            # The file is made before the portal is asked: one already there is never written over.
            taken = secret("taken", "önceki")
            over = nes_run("certificates", "puk", "--serial", issued["serial"], "--security-word-file",
                           secret("word", WORD), "--otp-command", otp, "--out", taken, *portal, **login)
            assert over.returncode == 2 and "zaten var" in over.stderr, over
            with open(taken) as kept:
                assert kept.read() == "önceki\n", "the file already there is left as it was"
            wrong_word = nes_run("certificates", "puk", "--serial", issued["serial"], "--security-word-file",
                                 secret("word-wrong", "Kır çiçeği 8"), "--otp-command", otp, "--out", puk_file,
                                 "--json", *portal, **login)
            assert wrong_word.returncode == 1, wrong_word
            refusal = json.loads(wrong_word.stdout)["refusal"]
            assert refusal["code"] == "security_word_incorrect" and refusal["tries_left"] == 2, refusal
            assert not os.path.exists(puk_file), "a refused release leaves no empty PUK file"
            released = nes_run("certificates", "puk", "--serial", issued["serial"], "--security-word-file",
                               secret("word", WORD), "--otp-command", otp, "--out", puk_file, *portal, **login)
            assert released.returncode == 0 and "nes token unblock" in released.stdout, released
            assert os.stat(puk_file).st_mode & 0o777 == 0o600
            with open(puk_file) as given:
                assert given.read().strip() == card["puk"], "the PUK the card factory set"
            assert card["puk"] not in released.stdout + released.stderr
            twice = nes_run("certificates", "puk", "--serial", issued["serial"], "--security-word-file",
                            secret("word", WORD), "--otp-command", otp, "--json", *portal, **login)
            assert json.loads(twice.stdout)["refusal"]["code"] == "puk_released", twice
            # Kilit Çözme: the PIN set with the PUK, the count cleared, then changed with the PIN.
            # At a terminal the new PIN is typed twice, unseen; two that differ leave the card untried.
            person = Terminal([nes, "token", "unblock", "--module", module, "--puk-file", puk_file], env)
            person.answer("Yeni PIN: ", "24681357")
            person.answer("Yeni PIN (yeniden): ", "24681375")
            person.expect("iki yeni PIN aynı değil; kart denenmedi")
            assert person.exit_status() == 2
            person = Terminal([nes, "token", "unblock", "--module", module, "--puk-file", puk_file], env)
            person.answer("Yeni PIN: ", "24681357")
            person.answer("Yeni PIN (yeniden): ", "24681357")
            person.expect("PIN'in kilidi çözüldü")
            assert person.exit_status() == 0
            pin = json.loads(nes_run("token", "list", "--module", module, "--json").stdout)["tokens"][0]["pin"]
            assert pin == {"count_low": False, "final_try": False, "locked": False}, pin
            changed = nes_run("token", "change-pin", "--module", module, "--pin-file", secret("pin1", "24681357"),
                              "--new-pin-file", secret("pin2", "97531864"))
            assert changed.returncode == 0 and "PIN değiştirildi" in changed.stdout, changed
            pin_file = secret("pin2", "97531864")
            assert certificate + ": good" in ocsp_answer() and not listed_on_crl()

            # The holder suspends it, confirming with the SMS code: on hold for OCSP and the CRL.
            change = ["--serial", issued["serial"], "--otp-command", otp, *portal]
            suspended = nes_run("certificates", "suspend", *change, **login)
            assert suspended.returncode == 0 and "askıda" in suspended.stdout, suspended
            assert "SMS kodu gönderildi" in suspended.stderr, suspended.stderr
            answer = ocsp_answer()
            assert ": revoked" in answer and "Reason: certificateHold" in answer, answer
            assert listed_on_crl() and "Certificate Hold" in crl_text()
            assert "askıda" in nes_run("certificates", *portal, **login).stdout
            held = on_token()
            assert held["state"] == "suspended" and held["reason"] == "certificateHold", held
            text = nes_run("token", "list", "--module", module, "--check-status", "--signer-ca", ca, "--ca-file",
                           os.path.join(pki, "tls-ca.pem"))
            assert "durum:          ASKIDA" in text.stdout, text.stdout
            again = nes_run("certificates", "suspend", "--json", *change, **login)
            assert again.returncode == 1 and json.loads(again.stdout)["refusal"]["code"] == "certificate_suspended", again
            renew = ["renew", "--serial", issued["serial"], "--form", FORM, "--otp-command", otp, "--module", module,
                     "--pin-file", pin_file, "--json", *server.tsa_args(), *portal]
            held_renewal = nes_run(*renew, **login)
            assert held_renewal.returncode == 1, held_renewal
            assert json.loads(held_renewal.stdout.splitlines()[-1])["refusal"]["code"] == "certificate_suspended"
            # Nor does a suspended card log in (e-imza login at the gateway).
            held_login = nes_run(*renew, "--esign-login")
            assert held_login.returncode == 1, held_login
            assert json.loads(held_login.stdout.splitlines()[-1])["refusal"]["code"] == "certificate_suspended"

            # Askıdan İndirme at a terminal: a mistyped code is typed again, then it is good again and off the CRL.
            person = Terminal([nes, "certificates", "unsuspend", "--serial", issued["serial"], *portal],
                              dict(env, NES_TCKN=TCKN))
            person.answer("e-Devlet şifresi (", pc.DEMO_PASSWORDS[TCKN])
            person.expect(r"SMS kodu \(")
            lift = json.loads(open(outbox).read().splitlines()[-1])
            person.type("000000" if lift["code"] != "000000" else "111111")
            person.expect("SMS kodu hatalı; kalan deneme hakkı: 2")
            person.answer("SMS kodu (", lift["code"])
            person.expect(": etkin")
            assert person.exit_status() == 0
            assert certificate + ": good" in ocsp_answer()
            assert not listed_on_crl()
            assert on_token()["state"] == "good"

            # Renewal inside the window: logged in with the card (e-imza login, no e-Devlet password
            # anywhere) and approved with this certificate on it, the PIN set above typed for each, each
            # prompt saying what it is for. The journal holds the refused try: `nes resume` would
            # continue it, and so does this.
            at_terminal = [a for a in renew if a not in ("--pin-file", pin_file, "--json")]
            person = Terminal([nes, *at_terminal, "--esign-login", "--hook",
                               "echo $NES_RENEW_EVENT $NES_RENEW_APPLICATION > %s/hook" % work], env)
            person.expect(r"PIN \([^,)]+, e-Devlet girişi için\): ")
            person.type("97531864")
            person.expect(r"PIN \([^,)]+, başvurunun onayı için\): ")
            person.type("97531864")
            status = person.exit_status()
            assert status == 0, (status, person.seen[-2000:])
            assert "97531864" not in person.seen and "Şifre" not in person.seen, person.seen[-2000:]
            with open(os.path.join(work, "hook")) as hook:
                event, renewal = hook.read().split()
            assert event == "done" and renewal.startswith("app_"), (event, renewal)
            assert certificate + ": good" in ocsp_answer(), "a renewal leaves the old certificate valid"
            # Kamu SM produces and ships it: the new certificate cannot be renewed yet.
            accepted = server.admin("POST", "/admin/v1/applications/%s/transitions" % renewal,
                                    {"event": "accepted_for_payment"})
            assert accepted.status == 200, accepted
            fee = server.portal().request("POST", "/api/v1/debt-inquiries", json.dumps({"tckn": TCKN}),
                                          {"Content-Type": "application/json"}).json()["total"]
            for event in ({"event": "payment_recorded", "amount_kurus": fee}, {"event": "production_started"},
                          {"event": "shipped"}):
                moved = server.admin("POST", "/admin/v1/applications/%s/transitions" % renewal, event)
                assert moved.status == 200, (event, moved)
            both = json.loads(nes_run("certificates", "--json", *portal, **login).stdout)["certificates"]
            successor = [c for c in both if c["application_id"] == renewal][0]
            assert successor["state"] == "active" and not successor["renewal_due"], successor
            early = nes_run("renew", "--serial", successor["serial"], "--form", FORM, "--otp-command", otp,
                            "--pin-file", pin_file, "--json", *portal, **login)
            assert early.returncode == 1, early
            assert json.loads(early.stdout.splitlines()[-1])["refusal"]["code"] == "renewal_not_due", early

            # E-Onay: the consent text signed on the card; the next application is e-onaylı, approved by its
            # SMS code alone; then withdrawn.
            done = server.admin("POST", "/admin/v1/applications/%s/transitions" % renewal, {"event": "completed"})
            assert done.status == 200, done
            consent = nes_run("e-onay", "give", "--module", module, "--pin-file", pin_file, "--json",
                              *server.tsa_args(), *portal, **login)
            assert consent.returncode == 0 and json.loads(consent.stdout)["state"] == "given", consent
            e_onayli = nes_run("apply", "--form", FORM, "--approve", "e-onay", "--otp-command", otp, "--json",
                               *portal, **login)
            assert e_onayli.returncode == 0, e_onayli
            third = json.loads(e_onayli.stdout.splitlines()[-1])
            person = pc.Applicant(server.portal(), server.gateway(),
                                  server.portal().request("GET", "/api/v1/info").json()["login"]["redirect_uri"])
            person.login(TCKN, pc.DEMO_PASSWORDS[TCKN])
            approved = person.call("GET", "/api/v1/applications/" + third["application_id"]).json()
            assert approved["approval"] == "e_onay" and approved["status"] == "submitted", approved
            # Kamu SM turns that one down; at the terminal, the wizard offers E-Onay as a third way.
            rejected = server.admin("POST", "/admin/v1/applications/%s/transitions" % third["application_id"],
                                    {"event": "rejected", "reason": "deneme"})
            assert rejected.status == 200, rejected
            fourth = e_onay_in_the_wizard(nes, portal, env, outbox)
            approved = person.call("GET", "/api/v1/applications/" + fourth).json()
            assert approved["approval"] == "e_onay" and approved["status"] == "submitted", approved
            withdrawn = nes_run("e-onay", "withdraw", *portal, **login)
            assert withdrawn.returncode == 0 and "geri alındı" in withdrawn.stdout, withdrawn
            # Logins, renewal and consent changed nothing of the certificate's status.
            assert certificate + ": good" in ocsp_answer() and not listed_on_crl()
            assert on_token()["state"] == "good"

            # Sertifikamı İptal Et: refused without agreeing, then final.
            unagreed = nes_run("certificates", "revoke", "--reason", "keyCompromise", *change, **login)
            assert unagreed.returncode == 2 and "iptal onaylanmadı" in unagreed.stderr, unagreed
            revoked = nes_run("certificates", "revoke", "--reason", "keyCompromise", "--yes", "--json", *change,
                              **login)
            assert revoked.returncode == 0, revoked
            assert json.loads(revoked.stdout)["state"] == "revoked", revoked.stdout
            after = nes_run("certificates", *portal, **login)
            assert "iptal edildi (anahtar ele geçirildi" in after.stdout, after
            answer = ocsp_answer()
            assert ": revoked" in answer and "Reason: keyCompromise" in answer, answer
            assert listed_on_crl() and "Key Compromise" in crl_text()
            gone = on_token()
            assert gone["state"] == "revoked" and gone["reason"] == "keyCompromise", gone
            undo = nes_run("certificates", "unsuspend", "--json", *change, **login)
            assert undo.returncode == 1 and json.loads(undo.stdout)["refusal"]["code"] == "certificate_revoked", undo
            for secret in (TCKN, pc.DEMO_PASSWORDS[TCKN]):
                assert secret not in suspended.stdout + suspended.stderr + revoked.stdout + revoked.stderr, secret
        finally:
            server.stop()
    print("certificates: issued, listed, the card's PIN set with the released PUK and changed, suspended, lifted, "
          "renewed (refused while held and before the window), revoked; each seen by openssl ocsp and crl")
    return 0


if __name__ == "__main__":
    sys.exit(main())
