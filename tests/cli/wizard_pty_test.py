#!/usr/bin/python3
"""The interactive wizard of `nes apply`, driven through a pseudo-terminal as
a person would use it: each prompt expected, answers typed (some wrong on
purpose, to see the field asked again with the validator's message), the
password typed without echo, the SMS code under a live countdown, and the
wet-signature route chosen with the fee shown. Then the portal's admin API
must hold exactly one application for the person, awaiting its form. A
short run with --lang en checks the English prompts.

Usage: wizard_pty_test.py NES NES_PORTAL PKI_DIR"""

import json
import os
import pty
import re
import select
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
            t.answer("e-Devlet Şifresi: ", PASSWORD)
            t.expect("Hoş geldiniz, Gülşen Ünal")
            t.expect(r"3\) T\.C\. Milli Eğitim Bakanlığı")
            t.answer("Kurum: ", "3")
            t.answer("kabul ediyorum (e/h): ", "e")
            t.answer("Sertifika Süresi (yıl: 1/2/3): ", "7")
            t.expect("Bu seçenek sunulmuyor")
            t.answer("Sertifika Süresi (yıl: 1/2/3): ", "1")
            t.answer("İnternetten Yayınlansın mı? (e/h): ", "h")
            t.answer("Ad: ", "Gülşen")
            t.answer("Soyad: ", "Ünal")
            t.expect(r"1\) \*\*\* \*\*\* 45 67")
            t.answer("Cep Telefonu: ", "1")
            t.answer("numaranın tamamı: ", "0505 123 45 67")
            t.answer("Talep Eden Birim Unvanı: ", "Karşıyaka Anadolu Lisesi")
            t.answer("İş Telefonu: ", "")
            t.answer("Dahili (isteğe bağlı): ", "")
            t.answer("Adres Tipi (home, work, other): ", "ev")
            t.expect("Adres Tipi \\(home, work, other\\): ")  # asked again
            t.type("home")
            t.answer("Adres: ", "Bahariye Mah. 1720 Sok. No: 5")
            t.answer("İlçe: ", "Karşıyaka")
            t.answer("İl: ", "İzmir")
            t.answer("Posta Kodu: ", "06800")  # Ankara's
            t.expect("Posta Kodu: ")
            t.type("35530")
            first = int(t.expect(r"SMS kodu \(\*\*\* \*\*\* 45 67; kalan (\d+) sn").group(1))
            later = int(t.expect(r"kalan (\d+) sn", timeout=5).group(1))
            assert later < first, (first, later)  # the countdown is live
            application = re.search(r"submitted as (app_\w+)", t.seen).group(1)
            t.type(pc.sms_code(outbox, application))
            t.expect(r"Ödenecek Tutar \(KDV Dahil\): 900,00 TL")
            t.answer("Seçim: ", "2")
            t.expect("Başvuru No: " + application + r" \(awaiting_wet_form\)")
            t.expect("TÜBİTAK Gebze Yerleşkesi")
            status = t.exit_status()
            assert status == 0, (status, t.seen[-2000:])
            assert PASSWORD not in t.seen, "the password was echoed"
            assert os.path.exists(os.path.join(work, "form.pdf"))
            listed = server.admin("GET", "/admin/v1/applications").json()["applications"]
            mine = [a for a in listed if a["form"]["identity"]["tckn"] == TCKN]
            assert [a["status"] for a in mine] == ["awaiting_wet_form"], mine
            assert mine[0]["form"]["delivery"]["postal_code"] == "35530", mine

            english = Terminal(args + ["--lang", "en"], env)
            english.expect(re.escape("T.C. identity number: "))
            english.type("1")
            english.expect("digits")  # the validator's message, in English
            os.write(english.fd, b"\x04")  # Ctrl-D: the person leaves
            assert english.exit_status() == 1
        finally:
            server.stop()
    print("wizard: every prompt answered through a pseudo-terminal, wrong answers asked again, the password not "
          "echoed, the countdown live; one application, awaiting_wet_form")
    return 0


if __name__ == "__main__":
    sys.exit(main())
