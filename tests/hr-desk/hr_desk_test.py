#!/usr/bin/python3
"""The HR desk (examples/hr-desk) in a real browser: headless Chromium driven
by Selenium runs the officer's whole day against the standalone reference
portal: login, the staff list upload with a refused row, the row corrected,
the staff's applications followed, the list signed with the officer's SoftHSM2
token (the PIN typed in the page), the statuses after, the English page. It
checks each page's text, keeps a screenshot of each in SCREENSHOTS, and that
no password or PIN reaches the desk's output; a request without the desk's
token, or from another Host, is refused.

One staff member applies with `nes apply --access-code-file`, the other
through the protocol directly.

Usage: hr_desk_test.py NES_HR_DESK NES_PORTAL PKI_DIR SCREENSHOTS NES"""

import json
import os
import secrets
import shutil
import subprocess
import sys
import tempfile
import urllib.error
import urllib.request

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "portal", "standalone"))
sys.path.insert(0, os.path.join(HERE, "..", "run"))
import portal_client as pc  # noqa: E402
from crash_run_test import make_token  # noqa: E402

try:
    from selenium import webdriver
    from selenium.webdriver.chrome.options import Options
    from selenium.webdriver.chrome.service import Service
    from selenium.webdriver.common.by import By
    from selenium.common.exceptions import (JavascriptException, StaleElementReferenceException, TimeoutException,
                                            WebDriverException)
    from selenium.webdriver.support.ui import WebDriverWait
except ImportError:
    webdriver = None

CHROMEDRIVER = "/usr/bin/chromedriver"
INSTITUTION = "ornek-universitesi"
OFFICER = ("67746370606", "Demo-Parola-6")
STAFF = {"53304452938": ("Demo-Parola-7", "5361112244"), "50394029002": ("Demo-Parola-8", "5372223355")}
PIN = "4321"


def staff_applies(server, redirect_uri, email_outbox, sms_outbox, tckn, request):
    """The staff member's institution-paid application with the e-mailed code,
    approved by wet signature, the form received: awaiting_institution."""
    password, mobile = STAFF[tckn]
    code = pc.access_code(email_outbox, request)
    person = pc.Applicant(server.portal(), server.gateway(), redirect_uri)
    person.login(tckn, password)
    form = person.call("POST", "/api/v1/institution-access", {"access_code": code}).json()["form"]
    form["certificate"] = {"validity_years": 3, "card_reader": False, "publish_online": False}
    form["identity"]["mobile_phone"] = mobile
    form["delivery"] = {"address_type": "work", "address_line": "Üniversiteler Mah. No: 1", "district": "Çankaya",
                        "province": "Ankara", "postal_code": "06800"}
    created = person.call("POST", "/api/v1/institution-applications",
                          {"access_code": code, "form": form, "acknowledged_notices": ["no_refund"]},
                          headers={"Idempotency-Key": "desk-" + secrets.token_hex(8)})
    assert created.status == 201, created
    application = created.json()["id"]
    assert person.call("POST", "/api/v1/applications/%s/otp/verify" % application,
                       {"code": pc.sms_code(sms_outbox, application)}).status == 200
    assert person.call("POST", "/api/v1/applications/%s/approval/wet-signature" % application).status == 200
    server.admin("POST", "/admin/v1/applications/%s/transitions" % application, {"event": "wet_form_received"})
    return application


def staff_applies_with_nes(nes, server, pki, work, email_outbox, sms_outbox, tckn, request):
    """`nes apply` on the institution route: the access code from a file."""
    password, mobile = STAFF[tckn]
    form = {"certificate": {"validity_years": 3, "card_reader": False, "publish_online": False},
            "identity": {"tckn": tckn, "first_name": "Elif", "last_name": "Kaya", "mobile_phone": mobile,
                         "info_channel": "sms"},
            "institution": {"id": INSTITUTION, "unit": "Bilgi İşlem", "work_phone": "0312 298 20 00"},
            "delivery": {"address_type": "work", "address_line": "Üniversiteler Mah. No: 1", "district": "Çankaya",
                         "province": "Ankara", "postal_code": "06800"}}
    form_file, code_file = os.path.join(work, "elif.json"), os.path.join(work, "elif-code")
    with open(form_file, "w", encoding="utf-8") as out:
        json.dump(form, out, ensure_ascii=False)
    with open(code_file, "w") as out:
        out.write(pc.access_code(email_outbox, request) + "\n")
    os.chmod(code_file, 0o600)
    done = subprocess.run([nes, "apply", "--portal", "https://127.0.0.1:%d" % server.port, "--ca-file",
                           os.path.join(pki, "tls-ca.pem"), "--journal", os.path.join(work, "staff-journal.db"),
                           "--form", form_file, "--approve", "wet", "--access-code-file", code_file,
                           "--otp-command", pc.otp_command(work, sms_outbox), "--pdf",
                           os.path.join(work, "elif.pdf"), "--json"], capture_output=True, text=True, timeout=60,
                          env=dict(os.environ, NES_PASSWORD=password))
    assert done.returncode == 0, (done.stdout, done.stderr)
    result = json.loads(done.stdout.strip().splitlines()[-1])
    assert result["status"] == "awaiting_wet_form", result
    server.admin("POST", "/admin/v1/applications/%s/transitions" % result["application_id"],
                 {"event": "wet_form_received"})
    return result["application_id"]


class Browser:
    def __init__(self, screenshots):
        options = Options()
        for argument in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                         "--window-size=1280,1100", "--lang=tr"):
            options.add_argument(argument)
        self.driver = webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)
        self.driver.implicitly_wait(20)  # elements of a page still loading
        self.screenshots, self.count = screenshots, 0

    def shot(self, name):
        self.count += 1
        path = os.path.join(self.screenshots, "%02d-%s.png" % (self.count, name))
        self.driver.save_screenshot(path)
        return path

    def text(self):
        # One script reads the element and its text together: a page that replaces itself
        # between a find and a read would otherwise leave a node id of the old document.
        return self.driver.execute_script("const m = document.querySelector('main'); return m ? m.innerText : '';")

    def shows(self, wanted, where, seconds=30):
        """The page's text once it holds `wanted`: a click's page may still be loading."""
        # While a submitted form's answer loads, reading the page can fail in ways Chromium
        # words differently (stale node, node of another document, context destroyed).
        loading = (StaleElementReferenceException, JavascriptException, WebDriverException)
        try:
            WebDriverWait(self.driver, seconds, ignored_exceptions=loading).until(lambda d: wanted in self.text())
        except TimeoutException:
            raise AssertionError("%s: %r not in %r" % (where, wanted, self.text()[:3000]))
        return self.text()

    def fill(self, element_id, value):
        element = self.driver.find_element(By.ID, element_id)
        element.clear()
        element.send_keys(value)

    def submit(self, form=None):
        (form or self.driver).find_element(By.CSS_SELECTOR, "button[type=submit]").click()

    def link(self, text):
        self.driver.find_element(By.LINK_TEXT, text).click()


def expect(text, wanted, where):
    assert wanted in text, "%s: %r not in %r" % (where, wanted, text[:3000])


def main():
    desk_exe, portal_exe, pki, screenshots, nes = sys.argv[1:6]
    missing = [what for what, ok in (("python3-selenium", webdriver is not None),
                                     ("chromium-driver", os.path.exists(CHROMEDRIVER)),
                                     ("chromium", shutil.which("chromium") is not None)) if not ok]
    if missing:
        print("SKIPPED: the HR desk's browser test needs " + ", ".join(missing) + " (scripts/setup-deps browser)")
        return 77
    shutil.rmtree(screenshots, ignore_errors=True)
    os.makedirs(screenshots)
    with tempfile.TemporaryDirectory(prefix="nes-hr-desk-") as work:
        module, softhsm_conf = make_token(work, pki, [{"tckn": OFFICER[0], "cert_id": "01"}])
        sms_outbox, email_outbox = os.path.join(work, "sms.jsonl"), os.path.join(work, "email.jsonl")
        server = pc.PortalProcess(portal_exe, os.path.join(work, "data"), pki, sms_outbox,
                                  "desk-admin-token-0123456789", ["--email-outbox", email_outbox])
        server.start()
        env = dict(os.environ, SOFTHSM2_CONF=softhsm_conf, **server.tsa_environment())
        desk = subprocess.Popen([desk_exe, "--portal", "https://127.0.0.1:%d" % server.port, "--ca-file",
                                 os.path.join(pki, "tls-ca.pem"), "--institution", INSTITUTION, "--module", module,
                                 "--token-label", "CRASH", "--certificate-id", "01", "--journal",
                                 os.path.join(work, "journal.db")] + server.tsa_args(),
                                stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, env=env)
        browser = None
        try:
            url = desk.stdout.readline().split()[1]
            base = url.split("/?")[0]
            # Without the token, or from another Host (a rebinding page): refused, nothing done.
            for request in (urllib.request.Request(base + "/applications?lang=tr"),
                            urllib.request.Request(url, headers={"Host": "attacker.example:80"})):
                try:
                    urllib.request.urlopen(request)
                    raise AssertionError("the desk answered a request without its token or host")
                except urllib.error.HTTPError as refused:
                    assert refused.code == 403, refused

            browser = Browser(screenshots)
            d = browser.driver
            d.get(url)
            browser.shows("e-Devlet ile giriş yapın", "login page")
            browser.shot("giris")
            browser.fill("tckn", OFFICER[0])
            browser.fill("password", OFFICER[1])
            browser.submit()
            browser.shows("İstekler ve başvurular", "after login")
            expect(d.find_element(By.TAG_NAME, "header").text, "Hakan Aydın", "the officer")

            # The upload, with a name not as registered and someone not on the staff.
            csv = os.path.join(work, "personel.csv")
            with open(csv, "w", encoding="utf-8") as out:
                out.write("tckn,first_name,last_name,email,unit,work_phone\n"
                          "53304452938,Elif,Kaya,elif.kaya@ornek.edu.tr,Bilgi İşlem Daire Başkanlığı,0312 298 20 00\n"
                          "50394029002,Murat,Celik,murat.celik@ornek.edu.tr,Bilgi İşlem Daire Başkanlığı,"
                          "0312 298 20 00\n"
                          "10000000146,Ayşe Gül,Şahin,ayse@ornek.edu.tr,Bilgi İşlem,0312 298 20 00\n")
            browser.link("Personel listesi gönder")
            browser.shot("personel-listesi")
            d.find_element(By.ID, "csv").send_keys(csv)
            browser.submit()
            report = browser.shows("1 kabul (1 yeni), 2 reddedildi", "the upload's report")
            expect(report, "yeni istek; erişim parolası iş e-postasına gönderildi", "Elif's row")
            expect(report, "Soyad: Kimlik kaydınızdaki (MERNİS) adla aynı değil", "Murat's row")
            expect(report, "Bu kişi kurumun personeli olarak kayıtlı değil", "Ayşe's row")
            browser.shot("rapor")

            # Murat's row corrected in its form and sent again.
            forms = d.find_elements(By.CSS_SELECTOR, "form.correction")
            murat = [f for f in forms if f.find_element(By.NAME, "tckn").get_attribute("value") == "50394029002"][0]
            last_name = murat.find_element(By.NAME, "last_name")
            last_name.clear()
            last_name.send_keys("Çelik")
            browser.submit(murat)
            corrected = browser.shows("Düzeltilen satır", "the corrected row")
            expect(corrected, "yeni istek; erişim parolası iş e-postasına gönderildi", "the corrected row")
            browser.shot("duzeltilen-satir")

            # The staff apply with their access codes.
            mails = [json.loads(line) for line in open(email_outbox, encoding="utf-8")]
            assert [m["to"] for m in mails] == ["elif.kaya@ornek.edu.tr", "murat.celik@ornek.edu.tr"], mails
            redirect_uri = server.portal().request("GET", "/api/v1/info").json()["login"]["redirect_uri"]
            elif_app = staff_applies_with_nes(nes, server, pki, work, email_outbox, sms_outbox, "53304452938",
                                              mails[0]["request"])
            murat_app = staff_applies(server, redirect_uri, email_outbox, sms_outbox, "50394029002",
                                      mails[1]["request"])
            browser.link("İstekler ve başvurular")
            statuses = browser.shows(elif_app, "the applications")
            expect(statuses, "Kurumun onay listesinde; kurum yetkilisinin imzası bekleniyor", "the waiting status")
            browser.shot("basvurular")

            # The list checked and signed, Murat's application left off.
            browser.link("Listeyi kontrol et ve imzala")
            listed = browser.shows("KURUM NES BAŞVURU LİSTESİ", "the list")
            expect(listed, "Başvuru No: " + murat_app, "the list")
            browser.shot("liste")
            d.find_element(By.ID, "exclude_" + murat_app).click()
            d.find_element(By.NAME, "reason_" + murat_app).send_keys("Birim onayı bekleniyor")
            browser.fill("pin", PIN)
            browser.submit()
            browser.shows("Liste kabul edildi: karar dec_", "the signature")
            browser.shot("imzalandi")

            browser.link("Başvuruların durumlarına bakın")
            after = browser.shows("Kurum yetkilisi imzaladı; kurumun ödemesi bekleniyor", "Elif's status")
            expect(after, "(listeden çıkarıldı: Birim onayı bekleniyor)", "Murat's status")
            browser.shot("imzadan-sonra")

            browser.link("English")
            browser.shows("Requests and applications", "the English page")
            browser.shows("Signed by the institution's officer; waiting for the institution's payment",
                   "the English status")
            browser.shot("english")
        finally:
            if browser:
                browser.driver.quit()
            desk.terminate()
            output = desk.communicate(timeout=10)[0]
            server.stop()
        for secret in (OFFICER[1], PIN):
            assert secret not in output, "the desk's output holds a secret"
    print("HR desk: %d pages checked in Chromium, screenshots in %s" % (browser.count, screenshots))
    return 0


if __name__ == "__main__":
    sys.exit(main())
