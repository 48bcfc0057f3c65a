"""Contract: the standalone nes-portal behind Prism's validation proxy
(@stoplight/prism-cli, pinned in tests/tooling). Every operation of
docs/protocol/openapi.yaml is called, on its success path and its problem
paths; Prism checks each request and response against the document and
reports violations in the sl-violations header. The test fails on any
response violation, and on any request violation except where a request is
wrong on purpose (then the server's answer is still checked).

Usage: contract_test.py NES_PORTAL PKI_DIR OPENAPI_YAML PRISM"""

import json
import os
import re
import socket
import subprocess
import sys
import tempfile
import time

import jsonschema
import yaml

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import portal_client as pc  # noqa: E402


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Prism:
    def __init__(self, prism, spec, upstream, ca_file, log_path):
        self.port = free_port()
        env = dict(os.environ, NODE_EXTRA_CA_CERTS=ca_file, SCARF_ANALYTICS="false", NO_COLOR="1")
        self.log = open(log_path, "w")
        self.process = subprocess.Popen([prism, "proxy", spec, upstream, "--host", "127.0.0.1", "--port",
                                         str(self.port)], stdout=self.log, stderr=subprocess.STDOUT, env=env)
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            with open(log_path) as text:
                if "Prism is listening" in text.read():
                    return
            if self.process.poll() is not None:
                break
            time.sleep(0.2)
        with open(log_path) as text:
            raise RuntimeError("Prism did not start:\n" + text.read())

    def http(self):
        return pc.Http("127.0.0.1", self.port)

    def stop(self):
        self.process.terminate()
        self.process.wait(10)
        self.log.close()


class Checker:
    """Wraps an Http: records the operation each call exercises and the
    violations Prism reports for it."""

    def __init__(self, http, exercised, problems):
        self.http, self.exercised, self.problems = http, exercised, problems

    def request(self, method, path, body=None, headers=None):
        headers = dict(headers or {})
        wrong_on_purpose = headers.pop("X-Test-Invalid-Request", None) is not None
        response = self.http.request(method, path, body, headers)
        self.exercised.add((method.lower(), template_of(path.split("?")[0])))
        for violation in json.loads(response.headers.get("sl-violations", "[]")):
            where = violation["location"][0]
            if where == "request" and wrong_on_purpose:
                continue
            self.problems.append("%s %s -> %d: %s" % (method, path, response.status, violation))
        return response


class DirectChecker:
    """For operations Prism cannot carry: their answers are checked here
    against the document with jsonschema."""

    def __init__(self, document, exercised, problems):
        self.document, self.exercised, self.problems = document, exercised, problems

    def resolve(self, node):
        while "$ref" in node:
            target = self.document
            for part in node["$ref"].lstrip("#/").split("/"):
                target = target[part]
            node = target
        return node

    def check(self, method, template, response):
        self.exercised.add((method, template))
        responses = self.document["paths"][template][method]["responses"]
        declared = self.resolve(responses.get(str(response.status), responses.get("default")))
        media = response.headers.get("content-type", "").split(";")[0]
        content = declared.get("content", {})
        if media not in content:
            self.problems.append("%s %s -> %d: undeclared content type %s" % (method, template, response.status,
                                                                              media))
            return
        schema = dict(self.resolve(content[media]["schema"]), components=self.document["components"])
        try:
            jsonschema.validate(response.json(), schema)
        except jsonschema.ValidationError as error:
            self.problems.append("%s %s -> %d: %s" % (method, template, response.status, error.message))


def template_of(path):
    path = re.sub(r"/app_[0-9A-Z]{8}", "/{application_id}", path)
    path = re.sub(r"/officer/institutions/[a-z0-9_-]+", "/officer/institutions/{institution_id}", path)
    path = re.sub(r"/dec_[0-9A-Z]{8}", "/{decision_id}", path)
    path = re.sub(r"/certificates/[0-9A-F]+/", "/certificates/{serial}/", path)
    path = re.sub(r"/cnf_[0-9A-Z]{8}", "/{change_id}", path)
    return path


def expect(response, status, code=None):
    assert response.status == status, "expected %d, got %r" % (status, response)
    if code is not None:
        assert response.json()["code"] == code, "expected %s, got %r" % (code, response)
    return response


INVALID = {"X-Test-Invalid-Request": "1"}


def drive_institution(server, portal, applicant, direct, outbox, email_outbox, pki, work, admin):
    """The institution-paid route (ADR 0015): the officer's upload, the staff
    member's application through the access code, the list, the decision and
    its signature, the invoice's payment."""
    base = "/api/v1/officer/institutions/ornek-universitesi"
    hakan = applicant()
    hakan.login("67746370606", pc.DEMO_PASSWORDS["67746370606"])
    assert expect(hakan.call("GET", "/api/v1/officer/institutions"), 200).json()["institutions"][0]["id"] == \
        "ornek-universitesi"
    rows = [{"tckn": "53304452938", "first_name": "Elif", "last_name": "Kaya", "unit": "Bilgi İşlem Daire Başkanlığı",
             "work_email": "elif.kaya@ornek.edu.tr", "work_phone": "0312 298 20 00"},
            {"tckn": "53304452939", "first_name": "Elif", "last_name": "Kaya", "unit": "Bilgi İşlem",
             "work_email": "elif", "work_phone": "0312 298 20 00"}]
    report = expect(hakan.call("POST", base + "/requests", {"requests": rows}), 200).json()
    assert report["accepted"] == 1 and report["refused"] == 1, report
    expect(hakan.call("POST", base + "/requests", {"requests": "none"}, headers=INVALID), 400, "invalid_request")
    code = pc.access_code(email_outbox, report["rows"][0]["request_id"])

    elif_ = applicant()
    elif_.login("53304452938", pc.DEMO_PASSWORDS["53304452938"])
    expect(elif_.call("POST", base + "/requests", {"requests": rows}), 403, "not_officer")
    expect(elif_.call("POST", "/api/v1/institution-access", {"access_code": "AAAAA-AAAAA"}), 403,
           "access_code_invalid")
    expect(elif_.call("POST", "/api/v1/institution-access", {"access_code": code}), 200)
    key = "contract-inst-" + os.urandom(8).hex()
    submission = {"access_code": code, "form": pc.demo_form("53304452938"), "acknowledged_notices": ["no_refund"]}
    application = expect(elif_.call("POST", "/api/v1/institution-applications", submission,
                                    headers={"Idempotency-Key": key}), 201).json()["id"]
    expect(elif_.call("POST", "/api/v1/institution-applications", submission, headers={"Idempotency-Key": key}), 200)
    person_paid = dict(submission)
    del person_paid["access_code"]
    expect(elif_.call("POST", "/api/v1/applications", person_paid, headers={"Idempotency-Key": key + "-p"}), 422,
           "institution_paid")
    expect(elif_.call("POST", "/api/v1/applications/%s/otp/verify" % application,
                      {"code": pc.sms_code(outbox, application)}), 200)
    document = expect(elif_.call("GET", "/api/v1/applications/%s/approval/document" % application), 200)
    elif_direct = pc.Applicant(server.portal(), None, None)
    elif_direct.cookie, elif_direct.csrf = elif_.cookie, elif_.csrf
    staff = os.path.join(pki, "applicants", "53304452938")
    approved = elif_direct.call("POST", "/api/v1/applications/%s/approval/e-signature" % application,
                                pc.sign_with_openssl(document.body, staff + ".pem", staff + ".key", work),
                                "application/pkcs7-signature")
    direct.check("post", "/api/v1/applications/{application_id}/approval/e-signature", approved)
    assert expect(approved, 200).json()["status"] == "awaiting_institution", approved

    expect(hakan.call("GET", base + "/applications"), 200)
    served = expect(hakan.call("GET", base + "/list"), 200)
    version = served.headers["etag"].strip('"')
    expect(hakan.call("POST", base + "/list/decisions", {"version": "0" * 64}), 409, "list_changed")
    decision = expect(hakan.call("POST", base + "/list/decisions", {"version": version, "excluded": []}), 201).json()
    expect(hakan.call("GET", base + "/list/decisions/" + decision["id"]), 200)
    expect(hakan.call("GET", base + "/list/decisions/dec_00000000"), 404, "not_found")
    to_sign = expect(hakan.call("GET", base + "/list/decisions/%s/document" % decision["id"]), 200)
    assert to_sign.body.decode() == decision["document"]
    hakan_direct = pc.Applicant(server.portal(), None, None)
    hakan_direct.cookie, hakan_direct.csrf = hakan.cookie, hakan.csrf
    template = "/api/v1/officer/institutions/{institution_id}/list/decisions/{decision_id}/signature"

    def sign(signer):
        response = hakan_direct.call("POST", base + "/list/decisions/%s/signature" % decision["id"],
                                     pc.sign_with_openssl(to_sign.body, signer + ".pem", signer + ".key", work),
                                     "application/pkcs7-signature")
        direct.check("post", template, response)
        return response

    expect(sign(staff), 422, "signer_not_officer")
    expect(sign(os.path.join(pki, "applicants", "67746370606")), 200)
    expect(sign(os.path.join(pki, "applicants", "67746370606")), 409, "decision_already_signed")
    invoice = "/admin/v1/invoices/%s/payment" % decision["id"]
    expect(portal.request("POST", invoice, json.dumps({"amount_kurus": 1}), admin), 422, "payment_amount_mismatch")
    paid = expect(portal.request("POST", invoice, json.dumps({"amount_kurus": decision["total_kurus"]}), admin), 200)
    assert paid.json()["applications"] == [application], paid


def drive(server, portal, gateway, direct_gateway, direct, outbox, pki, work, email_outbox):
    """`direct_gateway` takes the credential posts that succeed: Prism's proxy
    follows redirects (stoplightio/prism#1977), so their 302 is checked here."""

    class CheckedCredentials:
        def request(self, method, path, body=None, headers=None):
            response = direct_gateway.request(method, path, body, headers)
            if response.status == 302:
                assert re.search(r"[?&]code=[A-Za-z0-9_-]+&state=", response.headers["location"]), response.headers
                gateway.exercised.add(("post", path.split("?")[0]))
            return response

    def applicant():
        return pc.Applicant(portal, gateway, redirect_uri, CheckedCredentials())

    info = expect(portal.request("GET", "/api/v1/info"), 200).json()
    redirect_uri = info["login"]["redirect_uri"]
    expect(portal.request("GET", "/api/v1/fees"), 200)
    expect(portal.request("POST", "/api/v1/debt-inquiries", json.dumps({"tckn": "10000000146"}),
                          {"Content-Type": "application/json"}), 200)
    expect(portal.request("POST", "/api/v1/debt-inquiries", json.dumps({"tckn": "10000000147"}),
                          {"Content-Type": "application/json"}), 422, "invalid_request")

    # Gateway refusals.
    expect(gateway.request("GET", "/oauth2/authorize?response_type=token", headers=INVALID), 400)
    expect(gateway.request("POST", "/oauth2/token", "grant_type=authorization_code&code=x&redirect_uri=" +
                           redirect_uri + "&client_id=nes-portal&code_verifier=" + "v" * 43,
                           {"Content-Type": "application/x-www-form-urlencoded"}), 400, "invalid_grant")
    stranger = pc.Applicant(portal, gateway, redirect_uri)  # a 401 is no redirect: through Prism
    try:
        stranger.login("10000000146", "wrong password")
        raise AssertionError("a wrong password logged in")
    except AssertionError as refused:
        assert "401" in str(refused), refused

    # e-imza login: the challenge signed with Ayşe's test NES by the openssl command.
    card = os.path.join(pki, "applicants", "10000000146")
    by_card = applicant()
    by_card.login_with_signature(lambda document: pc.sign_with_openssl(document, card + ".pem", card + ".key", work))
    expect(by_card.call("GET", "/api/v1/institutions"), 200)

    ayse = applicant()
    ayse.login("10000000146", pc.DEMO_PASSWORDS["10000000146"])
    expect(portal.request("POST", "/api/v1/auth/session", json.dumps({"code": "used", "code_verifier": "v" * 43,
                                                                      "redirect_uri": redirect_uri}),
                          {"Content-Type": "application/json"}), 401, "invalid_grant")
    expect(portal.request("POST", "/api/v1/auth/session", json.dumps({"code": 1}),
                          {"Content-Type": "application/json", **INVALID}), 400, "invalid_request")
    expect(portal.request("GET", "/api/v1/institutions", headers=INVALID), 401, "unauthenticated")
    expect(ayse.call("GET", "/api/v1/institutions"), 200)
    expect(ayse.call("GET", "/api/v1/me/phones"), 200)

    key = "contract-" + os.urandom(8).hex()
    submission = {"form": pc.demo_form("10000000146"), "acknowledged_notices": ["institution_paid", "no_refund"]}
    created = expect(ayse.call("POST", "/api/v1/applications", submission, headers={"Idempotency-Key": key}), 201)
    first = created.json()["id"]
    expect(ayse.call("POST", "/api/v1/applications", submission, headers={"Idempotency-Key": key}), 200)
    changed = json.loads(json.dumps(submission))
    changed["form"]["certificate"]["validity_years"] = 2
    expect(ayse.call("POST", "/api/v1/applications", changed, headers={"Idempotency-Key": key}), 422,
           "idempotency_key_reused")
    expect(ayse.call("POST", "/api/v1/applications", submission, headers={"Idempotency-Key": key + "-2"}), 409,
           "duplicate_application")
    invalid = json.loads(json.dumps(submission))
    invalid["form"]["identity"]["tckn"] = "10000000147"
    bad = expect(ayse.call("POST", "/api/v1/applications", invalid, headers={"Idempotency-Key": key + "-3"}), 422,
                 "invalid_form")
    assert bad.json()["errors"][0]["field"] == "identity.tckn", bad
    expect(ayse.call("POST", "/api/v1/applications", dict(submission, acknowledged_notices=[]),
                     headers={"Idempotency-Key": key + "-4"}), 422, "notices_not_acknowledged")
    expect(ayse.call("POST", "/api/v1/applications", submission, headers=INVALID), 400, "invalid_request")
    expect(ayse.call("GET", "/api/v1/applications"), 200)
    expect(ayse.call("GET", "/api/v1/applications/" + first), 200)
    expect(ayse.call("GET", "/api/v1/applications/app_00000000"), 404, "not_found")

    code = pc.sms_code(outbox, first)
    wrong = "000000" if code != "000000" else "111111"
    wrong_try = expect(ayse.call("POST", "/api/v1/applications/%s/otp/verify" % first, {"code": wrong}), 422,
                       "otp_invalid")
    assert wrong_try.json()["tries_left"] == 2, wrong_try
    expect(ayse.call("POST", "/api/v1/applications/%s/otp/resend" % first), 429, "otp_resend_too_early")
    expect(ayse.call("GET", "/api/v1/applications/%s/approval/document" % first), 409, "invalid_transition")
    expect(ayse.call("POST", "/api/v1/applications/%s/otp/verify" % first, {"code": code}), 200)
    expect(ayse.call("POST", "/api/v1/applications/%s/otp/resend" % first), 409, "invalid_transition")
    document = expect(ayse.call("GET", "/api/v1/applications/%s/approval/document" % first), 200)
    # Prism decodes request bodies as text, which breaks DER: signatures go
    # straight to the portal, and its answers are checked here.
    ayse_direct = pc.Applicant(server.portal(), None, redirect_uri)
    ayse_direct.cookie, ayse_direct.csrf = ayse.cookie, ayse.csrf

    def approve(signature):
        response = ayse_direct.call("POST", "/api/v1/applications/%s/approval/e-signature" % first, signature,
                                    "application/pkcs7-signature")
        direct.check("post", "/api/v1/applications/{application_id}/approval/e-signature", response)
        return response

    expect(approve(b"not a signature"), 422, "signature_invalid")
    other = os.path.join(pki, "applicants", "62601815964")
    expect(approve(pc.sign_with_openssl(document.body, other + ".pem", other + ".key", work)), 422,
           "signer_not_applicant")
    mine = os.path.join(pki, "applicants", "10000000146")
    expect(approve(pc.sign_with_openssl(document.body, mine + ".pem", mine + ".key", work, cades=False)), 422,
           "signing_certificate_missing")
    expect(approve(pc.sign_with_openssl(document.body, mine + ".pem", mine + ".key", work)), 200)
    expect(ayse.call("POST", "/api/v1/applications/%s/approval/wet-signature" % first), 409, "invalid_transition")

    # Kamu SM's side.
    admin_token = server.admin_token
    admin = {"Authorization": "Bearer " + admin_token, "Content-Type": "application/json"}
    expect(portal.request("GET", "/admin/v1/applications?status=submitted", headers={"Authorization": "Bearer " +
                                                                                    admin_token}), 200)
    expect(portal.request("GET", "/admin/v1/applications", headers=INVALID), 401, "unauthenticated")
    transitions = "/admin/v1/applications/%s/transitions" % first
    expect(portal.request("POST", transitions, json.dumps({"event": "shipped"}), admin), 409, "invalid_transition")
    expect(portal.request("POST", transitions, json.dumps({"event": "accepted_for_payment"}), admin), 200)
    expect(portal.request("POST", transitions, json.dumps({"event": "payment_recorded", "amount_kurus": 1}), admin),
           422, "payment_amount_mismatch")
    expect(ayse.call("POST", "/api/v1/applications/%s/cancel" % first), 200)
    expect(ayse.call("POST", "/api/v1/applications/%s/cancel" % first), 409, "invalid_transition")
    # Revocations: this portal publishes the e-imza CA's status; its TSA comes from files.
    revocation = {"authority": "esign", "serial": "03A1", "reason": "superseded"}
    first_revocation = expect(portal.request("POST", "/admin/v1/revocations", json.dumps(revocation), admin),
                              201).json()
    again = expect(portal.request("POST", "/admin/v1/revocations", json.dumps(revocation), admin), 200).json()
    assert again == first_revocation and again["serial"] == "3A1", again
    expect(portal.request("POST", "/admin/v1/revocations", json.dumps(dict(revocation, serial="0x1")),
                          {**admin, **INVALID}), 400,
           "invalid_request")
    expect(portal.request("POST", "/admin/v1/revocations", json.dumps(dict(revocation, authority="tsa")), admin),
           404, "not_found")

    # The wet route, by another person.
    gulsen = applicant()
    gulsen.login("28609139020", pc.DEMO_PASSWORDS["28609139020"])
    gulsen_form = pc.demo_form("28609139020")
    gulsen_form["certificate"] = dict(gulsen_form["certificate"], security_word="Kır çiçeği 7")
    form = {"form": gulsen_form, "acknowledged_notices": ["no_refund"]}
    wet = expect(gulsen.call("POST", "/api/v1/applications", form, headers={"Idempotency-Key": key + "-g"}),
                 201).json()["id"]
    expect(gulsen.call("POST", "/api/v1/applications/%s/otp/verify" % wet, {"code": pc.sms_code(outbox, wet)}), 200)
    expect(gulsen.call("POST", "/api/v1/applications/%s/approval/wet-signature" % wet), 200)
    expect(portal.request("POST", "/admin/v1/applications/%s/transitions" % wet,
                          json.dumps({"event": "wet_form_received"}), admin), 200)
    debts = expect(portal.request("POST", "/api/v1/debt-inquiries", json.dumps({"tckn": "28609139020"}),
                                  {"Content-Type": "application/json"}), 200).json()
    assert debts["debts"][0]["application_id"] == wet, debts
    # Paid, produced and shipped: the card's certificate is issued, listed, and its card collected once.
    expect(gulsen.call("GET", "/api/v1/certificates"), 200)
    for event in ({"event": "payment_recorded", "amount_kurus": debts["total"]}, {"event": "production_started"},
                  {"event": "shipped"}):
        expect(portal.request("POST", "/admin/v1/applications/%s/transitions" % wet, json.dumps(event), admin), 200)
    issued = expect(gulsen.call("GET", "/api/v1/certificates"), 200).json()["certificates"]
    assert [c["application_id"] for c in issued] == [wet] and issued[0]["status"] == "active", issued
    card = expect(portal.request("GET", "/admin/v1/applications/%s/card" % wet, headers=admin), 200).json()
    assert card["serial"] == issued[0]["serial"], card["serial"]
    expect(portal.request("GET", "/admin/v1/applications/%s/card" % wet, headers=admin), 409, "card_collected")
    expect(portal.request("GET", "/admin/v1/applications/%s/card" % first, headers=admin), 404, "not_found")
    # PIN Oluşturma: the PUK, after the security word and an SMS code, once.
    puk = "/api/v1/certificates/%s/puk" % issued[0]["serial"]
    expect(gulsen.call("POST", puk, {"security_word": "yanlış söz"}), 422, "security_word_incorrect")
    pending = expect(gulsen.call("POST", puk, {"security_word": "Kır çiçeği 7"}), 202).json()
    released = expect(gulsen.call("POST", "%s/%s/confirm" % (puk, pending["id"]),
                                  {"code": pc.sms_code(outbox, pending["id"])}), 200).json()
    assert released["puk"] == card["puk"], "the PUK the card factory was given"
    expect(gulsen.call("POST", puk, {"security_word": "Kır çiçeği 7"}), 409, "puk_released")
    # Gülşen suspends it, lifts the suspension, then revokes it: each confirmed by its SMS code.
    changes = "/api/v1/certificates/%s/changes" % issued[0]["serial"]
    for change in ({"action": "suspend"}, {"action": "unsuspend"}, {"action": "revoke", "reason": "keyCompromise"}):
        pending = expect(gulsen.call("POST", changes, change), 202).json()
        if change["action"] == "suspend":
            expect(gulsen.call("POST", "%s/%s/confirm" % (changes, pending["id"]), {"code": "12"},
                               headers=INVALID), 400, "invalid_request")
        done = expect(gulsen.call("POST", "%s/%s/confirm" % (changes, pending["id"]),
                                  {"code": pc.sms_code(outbox, pending["id"])}), 200).json()
        assert done["status"] == {"suspend": "suspended", "unsuspend": "active", "revoke": "revoked"}[
            change["action"]], done
    expect(gulsen.call("POST", changes, {"action": "unsuspend"}), 409, "certificate_revoked")
    expect(gulsen.call("POST", changes, {"action": "explode"}, headers=INVALID), 400, "invalid_request")
    # E-Onay: her consent signed (by the openssl command); the next application is e-onaylı; then withdrawn.
    expect(portal.request("POST", "/admin/v1/applications/%s/transitions" % wet, json.dumps({"event": "completed"}),
                          admin), 200)
    assert expect(gulsen.call("GET", "/api/v1/e-onay"), 200).json()["state"] == "none"
    consent = expect(gulsen.call("GET", "/api/v1/e-onay/document"), 200).body
    her_card = os.path.join(pki, "applicants", "28609139020")
    gulsen_direct = pc.Applicant(server.portal(), None, None)  # DER past Prism, as above
    gulsen_direct.cookie, gulsen_direct.csrf = gulsen.cookie, gulsen.csrf
    given = gulsen_direct.call("POST", "/api/v1/e-onay",
                               pc.sign_with_openssl(consent, her_card + ".pem", her_card + ".key", work),
                               "application/pkcs7-signature")
    direct.check("post", "/api/v1/e-onay", given)
    expect(given, 201)
    form = {"form": pc.demo_form("28609139020"), "acknowledged_notices": ["no_refund"]}
    onayli = expect(gulsen.call("POST", "/api/v1/applications", form, headers={"Idempotency-Key": key + "-eo"}),
                    201).json()["id"]
    expect(gulsen.call("POST", "/api/v1/applications/%s/otp/verify" % onayli,
                       {"code": pc.sms_code(outbox, onayli)}), 200)
    assert expect(gulsen.call("POST", "/api/v1/applications/%s/approval/e-onay" % onayli), 200).json()[
        "approval"] == "e_onay"
    expect(gulsen.call("DELETE", "/api/v1/e-onay"), 200)
    expect(gulsen.call("DELETE", "/api/v1/e-onay"), 409, "e_onay_not_given")

    oguz = applicant()
    oguz.login("70308246202", pc.DEMO_PASSWORDS["70308246202"])
    form = {"form": dict(pc.demo_form("28609139020")), "acknowledged_notices": ["no_refund"]}
    form["form"]["identity"] = dict(form["form"]["identity"], tckn="70308246202", first_name="Oğuz",
                                    last_name="Güneş", mobile_phone="5339876543")
    expect(oguz.call("POST", "/api/v1/applications", form, headers={"Idempotency-Key": key + "-o"}), 403,
           "not_staff")

    drive_institution(server, portal, applicant, direct, outbox, email_outbox, pki, work, admin)

    # CSRF and logout.
    no_csrf = applicant()
    no_csrf.cookie, no_csrf.csrf = ayse.cookie, "wrong-token"
    refused = expect(no_csrf.call("DELETE", "/api/v1/auth/session"), 403, "csrf_rejected")
    assert refused.headers["x-csrf-token"] == ayse.csrf
    expect(ayse.call("DELETE", "/api/v1/auth/session"), 204)
    expect(ayse.call("GET", "/api/v1/applications"), 401, "session_expired")


def main():
    exe, pki, spec, prism = sys.argv[1:5]
    with tempfile.TemporaryDirectory(prefix="nes-contract-") as work:
        outbox = os.path.join(work, "sms.jsonl")
        email_outbox = os.path.join(work, "email.jsonl")
        # CAdES-BES: the signatures are made by the openssl command, which names no policy.
        server = pc.PortalProcess(exe, os.path.join(work, "data"), pki, outbox, "contract-admin-token-0123456789",
                                  extra=["--signature-profile", "BES", "--email-outbox", email_outbox])
        server.start()
        ca = os.path.join(pki, "tls-ca.pem")
        portal_prism = gateway_prism = None
        try:
            portal_prism = Prism(prism, spec, "https://localhost:%d" % server.port, ca, os.path.join(work, "p.log"))
            gateway_prism = Prism(prism, spec, "https://localhost:%d" % server.gateway_port, ca,
                                  os.path.join(work, "g.log"))
            exercised, problems = set(), []
            with open(spec, encoding="utf-8") as text:
                document = yaml.safe_load(text)
            drive(server, Checker(portal_prism.http(), exercised, problems),
                  Checker(gateway_prism.http(), exercised, problems), server.gateway(),
                  DirectChecker(document, exercised, problems), outbox, pki, work, email_outbox)
        finally:
            for p in (portal_prism, gateway_prism):
                if p:
                    p.stop()
            server.stop()
        declared = {(method, path) for path, item in document["paths"].items() for method in item
                    if method in ("get", "post", "put", "delete", "patch")}
        missing = sorted(declared - exercised)
        for p in problems:
            print("VIOLATION: " + p)
        for m in missing:
            print("NOT EXERCISED: %s %s" % m)
        print("contract: %d operations exercised, %d violations" % (len(declared & exercised), len(problems)))
        sys.exit(1 if problems or missing else 0)


if __name__ == "__main__":
    main()
