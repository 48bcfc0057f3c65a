#!/usr/bin/python3
"""The interactive wizard of `nes apply`, driven through a pseudo-terminal as
a person would use it: each prompt expected, answers typed (some wrong on
purpose, to see the field asked again with the validator's message; yes and
no as Turkish words in any case), a refused password asked again, the names
prefilled from the session, the summary page (Özet) with a correction, a
phone the portal refuses asked again, a wrong SMS code with the tries left,
the SMS code under a live countdown, and the wet-signature route chosen with
the fee shown. Then the portal's admin API must hold exactly one application
for the person, awaiting its form, with the corrected values. A run with
--lang en checks the English prompts and that no Turkish of the program's
own leaks into them.

Usage: wizard_pty_test.py NES NES_PORTAL PKI_DIR"""

import json
import os
import pty
import re
import select
import sqlite3
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "portal", "standalone"))
import portal_client as pc  # noqa: E402

TCKN = "28609139020"  # Gülşen Ünal of the demo registry, staff of meb
PASSWORD = pc.DEMO_PASSWORDS[TCKN]


class Terminal:
    """The program on the child side of a pseudo-terminal."""

    def __init__(self, argv, env):
        self.pid, self.fd = pty.fork()
        if self.pid == 0:
            os.execve(argv[0], argv, env)
        self.seen = ""  # everything the program wrote, for the echo check
        self.pending = ""

    def expect(self, pattern, timeout=20):
        deadline = time.monotonic() + timeout
        while True:
            match = re.search(pattern, self.pending)
            if match:
                self.pending = self.pending[match.end():]
                return match
            left = deadline - time.monotonic()
            if left <= 0:
                raise AssertionError("no %r in:\n%s" % (pattern, self.pending[-2000:]))
            ready, _, _ = select.select([self.fd], [], [], left)
            if ready:
                try:
                    data = os.read(self.fd, 4096).decode("utf-8", "replace")
                except OSError:
                    data = ""
                if not data:
                    raise AssertionError("the program ended before %r:\n%s" % (pattern, self.pending[-2000:]))
                self.seen += data
                self.pending += data

    def type(self, text):
        os.write(self.fd, (text + "\r").encode())

    def answer(self, prompt, text):
        self.expect(re.escape(prompt))
        self.type(text)

    def exit_status(self):
        while True:  # drain, so that the program is never blocked on a full terminal
            ready, _, _ = select.select([self.fd], [], [], 10)
            if not ready:
                break
            try:
                data = os.read(self.fd, 4096).decode("utf-8", "replace")
            except OSError:
                break
            if not data:
                break
            self.seen += data
            self.pending += data
        _, status = os.waitpid(self.pid, 0)
        return os.waitstatus_to_exitcode(status)


def main():
    nes, portal_exe, pki = sys.argv[1:4]
    with tempfile.TemporaryDirectory(prefix="nes-wizard-") as work:
        outbox = os.path.join(work, "sms.jsonl")
        server = pc.PortalProcess(portal_exe, os.path.join(work, "data"), pki, outbox, "wizard-admin-token-0123456789")
        server.start()
        env = {k: v for k, v in os.environ.items() if k not in ("NES_PASSWORD", "NES_PIN")}
        args = [nes, "apply", "--portal", "https://127.0.0.1:%d" % server.port,
                "--ca-file", os.path.join(pki, "tls-ca.pem"), "--journal", os.path.join(work, "journal.db"),
                "--pdf", os.path.join(work, "form.pdf")]
        try:
            t = Terminal(args, env)
            t.answer("T.C. Kimlik No: ", "28609139021")  # a check digit off
            t.expect("Doğrulama haneleri tutmuyor")
            t.answer("T.C. Kimlik No: ", TCKN)
            t.answer("e-Devlet Şifresi: ", "Yanlis-Parola")  # refused: asked again, on the person's word
            t.expect("T.C. Kimlik No ya da e-Devlet şifresi hatalı")
            t.answer("yeniden girmek ister misiniz? (evet/hayır, e/h): ", "EVET")
            t.answer("e-Devlet Şifresi: ", PASSWORD)
            t.expect("Hoş geldiniz, Gülşen Ünal")
            t.expect(r"3\) T\.C\. Milli Eğitim Bakanlığı")
            t.answer("Kurum: ", "3")
            t.answer("kabul ediyorum (evet/hayır, e/h): ", "tamam")  # not an answer
            t.expect(re.escape("Geçerli yanıtlar: evet/hayır, e/h"))
            t.type("Evet")
            t.answer("Geçerlilik süresi (yıl: 1/2/3): ", "7")
            t.expect("Bu seçenek sunulmuyor")
            t.answer("Geçerlilik süresi (yıl: 1/2/3): ", "1")
            t.answer("İnternetten Yayınlansın mı? (evet/hayır, e/h): ", "HAYIR")
            # The security word, unseen and twice: two that differ are asked again.
            t.answer("Güvenlik sözcüğü (isteğe bağlı, görünmez): ", "Kır çiçeği 7")
            t.answer("Güvenlik sözcüğü (yeniden): ", "Kır çiçeği 8")
            t.expect("İki sözcük aynı değil.")
            t.answer("Güvenlik sözcüğü (isteğe bağlı, görünmez): ", "Kır çiçeği 7")
            t.answer("Güvenlik sözcüğü (yeniden): ", "Kır çiçeği 7")
            t.answer("Ad [Gülşen]: ", "")  # prefilled from the session
            t.answer("Soyad [Ünal]: ", "")
            t.expect(r"1\) \*\*\* \*\*\* 45 67")
            t.answer("Cep telefonu (listeden): ", "1")
            # Ends as the registered number does, but is not it: the portal refuses it later.
            t.answer("Cep telefonu (numaranın tamamı): ", "0532 999 45 67")
            t.answer("Bilgilendirme kanalı (sms, e-posta): ", "faks")
            t.expect(re.escape("Geçerli yanıtlar: sms, e-posta"))
            t.type("E-Posta")
            t.answer("E-posta: ", "gulsen.unal@example.org")
            t.answer("Birim: ", "Karşıyaka Anadolu Lisesi")
            t.answer("İş telefonu (isteğe bağlı): ", "")
            t.answer("Dahili numara (isteğe bağlı): ", "")
            t.answer("Adres türü (ev, iş, diğer): ", "ofis")
            t.expect(re.escape("Geçerli yanıtlar: ev, iş, diğer"))
            t.type("İŞ")
            t.answer("Adres: ", "Bahariye Mah. 1720 Sok. No: 5")
            t.answer("İlçe: ", "Karşıyaka")
            t.answer("İl: ", "İzmir")
            t.answer("Posta kodu: ", "06800")  # Ankara's
            t.expect("Posta kodu: ")
            t.type("35530")
            # Özet: every answer, then a correction (the unit) and Devam.
            t.expect("Özet — T.C. Milli Eğitim Bakanlığı")
            t.expect(r" 4\) Güvenlik sözcüğü: verildi \(gösterilmez\)")
            t.expect(r"10\) Birim: Karşıyaka Anadolu Lisesi")
            t.expect(r"13\) Adres türü: İş")
            t.answer("Devam için d, düzeltmek için alanın numarası: ", "10")
            t.answer("Birim: ", "Karşıyaka Fen Lisesi")
            t.expect(r"10\) Birim: Karşıyaka Fen Lisesi")
            t.answer("Devam için d, düzeltmek için alanın numarası: ", "d")
            # The portal refuses the phone: asked again, then the summary, and the run goes on.
            t.expect("Cep telefonu numarası sizin adınıza kayıtlı değil")
            t.expect(re.escape("seçilebilecek değerler: *** *** 45 67."))
            t.answer("Cep telefonu (listeden): ", "1")
            t.answer("Cep telefonu (numaranın tamamı): ", "0505 123 45 67")
            t.answer("Devam için d, düzeltmek için alanın numarası: ", "d")
            first = int(t.expect(r"SMS kodu \(\*\*\* \*\*\* 45 67; kalan (\d+) sn").group(1))
            later = int(t.expect(r"kalan (\d+) sn", timeout=5).group(1))
            assert later < first, (first, later)  # the countdown is live
            application = re.search(r"Form gönderildi: (app_\w+)", t.seen).group(1)
            t.type("000000" if pc.sms_code(outbox, application) != "000000" else "111111")  # a wrong code
            t.expect(r"SMS kodu hatalı\. Kalan deneme hakkı: \d")
            t.expect(r"SMS kodu \(\*\*\* \*\*\* 45 67; kalan")
            t.type(pc.sms_code(outbox, application))
            t.expect(r"Ödenecek Tutar \(KDV Dahil\): 900,00 TL")
            t.answer("Seçim: ", "2")
            t.expect("Başvuru No: " + application + r" \(Islak imzalı formun posta ile gelmesi bekleniyor\)")
            t.expect("TÜBİTAK Gebze Yerleşkesi")
            status = t.exit_status()
            assert status == 0, (status, t.seen[-2000:])
            assert PASSWORD not in t.seen, "the password was echoed"
            assert "Kır çiçeği" not in t.seen, "the security word was echoed"
            assert "E-Onay ile" not in t.seen, "E-Onay offered to someone who never gave it"
            assert "awaiting_wet_form" not in t.seen and "phone_not_registered" not in t.seen, t.seen[-2000:]
            assert os.path.exists(os.path.join(work, "form.pdf"))
            assert os.stat(os.path.join(work, "form.pdf")).st_mode & 0o077 == 0, "the PDF is readable by others"
            listed = server.admin("GET", "/admin/v1/applications").json()["applications"]
            mine = [a for a in listed if a["form"]["identity"]["tckn"] == TCKN]
            assert [a["status"] for a in mine] == ["awaiting_wet_form"], mine
            assert mine[0]["form"]["delivery"]["postal_code"] == "35530", mine
            assert mine[0]["form"]["institution"]["unit"] == "Karşıyaka Fen Lisesi", mine
            assert mine[0]["form"]["identity"]["info_channel"] == "email", mine
            # The security word reached the portal, which keeps only its hash, apart from the form.
            assert "security_word" not in mine[0]["form"]["certificate"], mine
            with sqlite3.connect("file:%s?mode=ro" % os.path.join(work, "data", "portal.db"), uri=True) as db:
                hashed = db.execute("SELECT security_word_hash FROM applications WHERE id = ?", (mine[0]["id"],))
                assert hashed.fetchone()[0], "no security word at the portal"

            # English: the same prompts, and not a word of Turkish from the program's own text.
            english = Terminal(args + ["--lang", "en"], env)
            english.answer("T.C. Kimlik No: ", "1")
            english.expect("digits")  # the validator's message, in English
            english.answer("T.C. Kimlik No: ", TCKN)
            english.answer("e-Devlet password: ", "Wrong-Password")
            english.expect("The T.C. Kimlik No or the e-Devlet password is wrong")
            english.answer("Type the password again? (yes/no, y/n): ", "no")
            assert english.exit_status() == 1
            for turkish in ("Şifre", "şifre", "hatalı", "Geçerli", "yeniden", "girdi", "Kurum", "evet"):
                assert turkish not in english.seen, (turkish, english.seen)
            # nes resume on a terminal: the phone the portal refused is asked again, the entry
            # amended, and the run goes on under the same journal entry.
            cagla = "18301661332"  # Çağla Öztürk of the demo registry, staff of meb
            form = json.load(open(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "examples",
                                               "forms", "demo", "cagla-meb.json"), encoding="utf-8"))
            form["identity"]["mobile_phone"] = "0532 999 22 33"  # not hers
            form_file = os.path.join(work, "wrong-phone.json")
            with open(form_file, "w", encoding="utf-8") as out:
                json.dump(form, out, ensure_ascii=False)
            journal = os.path.join(work, "resume-journal.db")
            common = ["--ca-file", os.path.join(pki, "tls-ca.pem"), "--journal", journal]
            refused = subprocess.run([nes, "apply", "--form", form_file, "--approve", "wet", "--json", "--portal",
                                      "https://127.0.0.1:%d" % server.port] + common, capture_output=True, text=True,
                                     env=dict(env, NES_PASSWORD=pc.DEMO_PASSWORDS[cagla]), stdin=subprocess.DEVNULL,
                                     timeout=60)
            result = json.loads(refused.stdout.strip().splitlines()[-1])
            assert refused.returncode == 1 and result["refusal"]["code"] == "phone_not_registered", refused
            resumed = Terminal([nes, "resume", "--otp-command", pc.otp_command(work, outbox), "--pdf",
                                os.path.join(work, "resumed.pdf")] + common, dict(env, NES_PASSWORD=pc.DEMO_PASSWORDS[cagla]))
            resumed.expect("Cep telefonu numarası sizin adınıza kayıtlı değil")
            resumed.answer("Cep telefonu (portal reddetti; yenisi): ", "0505 12")  # not a number yet
            resumed.expect("Cep telefonu: Türkiye telefon numarası olarak okunamadı|Cep telefonu numarası değil")
            resumed.answer("Cep telefonu (portal reddetti; yenisi): ", "0533 111 22 33")
            resumed.expect("Islak imzalı formun posta ile gelmesi bekleniyor")
            assert resumed.exit_status() == 0, resumed.seen[-2000:]
            listed = server.admin("GET", "/admin/v1/applications").json()["applications"]
            hers = [a for a in listed if a["form"]["identity"]["tckn"] == cagla]
            assert [a["status"] for a in hers] == ["awaiting_wet_form"], hers
            assert hers[0]["form"]["identity"]["mobile_phone"] == "+905331112233", hers
        finally:
            server.stop()
    print("wizard: every prompt answered through a pseudo-terminal in Turkish words, wrong answers and a refused "
          "password asked again, a correction on the summary page, the refused phone asked again, a wrong SMS code "
          "with the tries left, the password not echoed, the countdown live; one application, awaiting_wet_form; "
          "and an English session with no Turkish of the program's own")
    return 0


if __name__ == "__main__":
    sys.exit(main())
