#!/usr/bin/python3
"""Crash safety of the officer's signature of the institution's list
(nes::ListSigner and its journal): for each step boundary in turn, a staff
member's institution-paid application waits for the institution, the
officer's signature is started by nes-list-sign-driver (the library's signer,
nothing else) and the process killed there with SIGKILL from its progress
sink. It is then continued by `nes officer sign` with the same version. The
portal must then hold exactly one accepted list for that application (its
invoice the decision the program reports, paid once through the admin API),
and the journal every list signature finished.

The officer's key and e-imza certificate are on a SoftHSM2 token made here
with openssl; the staff approve by wet signature, received by the admin API.

Usage: crash_list_sign_test.py NES_LIST_SIGN_DRIVER NES NES_PORTAL PKI_DIR"""

import base64
import hashlib
import json
import os
import secrets
import sqlite3
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "portal", "standalone"))
sys.path.insert(0, HERE)
import portal_client as pc  # noqa: E402
from crash_run_test import make_token, tckn  # noqa: E402

POINTS = ["deciding", "decided", "signed", "signing", "sign-answered"]
INSTITUTION = "ornek-universitesi"


def registry_person(number, first, last, mobile, password, officer=False):
    salt = secrets.token_bytes(16)
    person = {"tckn": number, "first_name": first, "last_name": last, "mobile_phones": [mobile],
              "staff_of": [INSTITUTION],
              "password": {"algorithm": "pbkdf2-sha256", "iterations": 10000, "salt": base64.b64encode(salt).decode(),
                           "hash": base64.b64encode(hashlib.pbkdf2_hmac("sha256", password.encode(), salt,
                                                                        10000)).decode()}}
    if officer:
        person.update({"officer_of": [INSTITUTION], "work_email": "yetkili@ornek.edu.tr"})
    return person


def staff_waiting(server, redirect_uri, email_outbox, officer, staff, sms_outbox):
    """The officer's request for `staff`, the staff member's application with
    the access code, approved by wet signature and received: awaiting_institution."""
    row = {"tckn": staff["tckn"], "first_name": "Deneme", "last_name": "Personel", "unit": "Bilgi İşlem",
           "work_email": "personel@ornek.edu.tr", "work_phone": "0312 298 20 00"}
    report = officer.call("POST", "/api/v1/officer/institutions/%s/requests" % INSTITUTION, {"requests": [row]})
    assert report.status == 200 and report.json()["accepted"] == 1, report
    code = pc.access_code(email_outbox, report.json()["rows"][0]["request_id"])
    person = pc.Applicant(server.portal(), server.gateway(), redirect_uri)
    person.login(staff["tckn"], staff["password"])
    form = {"certificate": {"validity_years": 3, "card_reader": False, "publish_online": False},
            "identity": {"tckn": staff["tckn"], "first_name": "Deneme", "last_name": "Personel",
                         "mobile_phone": staff["mobile"], "info_channel": "sms"},
            "institution": {"id": INSTITUTION, "unit": "Bilgi İşlem", "work_phone": "0312 298 20 00"},
            "delivery": {"address_type": "work", "address_line": "Üniversiteler Mah. No: 1", "district": "Çankaya",
                         "province": "Ankara", "postal_code": "06800"}}
    created = person.call("POST", "/api/v1/institution-applications",
                          {"access_code": code, "form": form, "acknowledged_notices": ["no_refund"]},
                          headers={"Idempotency-Key": "crash-list-" + secrets.token_hex(8)})
    assert created.status == 201, created
    application = created.json()["id"]
    verified = person.call("POST", "/api/v1/applications/%s/otp/verify" % application,
                           {"code": pc.sms_code(sms_outbox, application)})
    assert verified.status == 200, verified
    assert person.call("POST", "/api/v1/applications/%s/approval/wet-signature" % application).status == 200
    received = server.admin("POST", "/admin/v1/applications/%s/transitions" % application,
                            {"event": "wet_form_received"})
    assert received.json()["status"] == "awaiting_institution", received
    return application


def main():
    driver, nes, portal_exe, pki = sys.argv[1:5]
    with tempfile.TemporaryDirectory(prefix="nes-crash-list-") as work:
        officer = {"tckn": tckn(600000001), "password": "Yetkili-Parola-1", "cert_id": "01"}
        staff = [{"tckn": tckn(600000100 + i), "password": "Personel-Parola-%d" % i,
                  "mobile": "+90535%07d" % (2000000 + i)} for i in range(len(POINTS))]
        people = [registry_person(officer["tckn"], "Deneme", "Yetkili", "+905350000001", officer["password"], True)]
        people += [registry_person(s["tckn"], "Deneme", "Personel", s["mobile"], s["password"]) for s in staff]
        registry = os.path.join(work, "registry.json")
        with open(registry, "w", encoding="utf-8") as out:
            json.dump({"people": people}, out, ensure_ascii=False)
        module, softhsm_conf = make_token(work, pki, [officer])
        sms_outbox = os.path.join(work, "sms.jsonl")
        email_outbox = os.path.join(work, "email.jsonl")
        server = pc.PortalProcess(portal_exe, os.path.join(work, "data"), pki, sms_outbox,
                                  "crash-admin-token-0123456789",
                                  ["--registry", registry, "--email-outbox", email_outbox,
                                   # Each step logs the officer in again: five logins a boundary.
                                   "--rate-logins-person", "1000"])
        server.start()
        portal = "https://127.0.0.1:%d" % server.port
        ca_file = os.path.join(pki, "tls-ca.pem")
        journal = os.path.join(work, "journal.db")
        env = dict(os.environ, NES_TCKN=officer["tckn"], NES_PASSWORD=officer["password"], NES_PIN="4321",
                   SOFTHSM2_CONF=softhsm_conf, **server.tsa_environment())
        common = ["--portal", portal, "--ca-file", ca_file, "--institution", INSTITUTION, "--journal", journal]
        try:
            redirect_uri = server.portal().request("GET", "/api/v1/info").json()["login"]["redirect_uri"]
            officer_session = pc.Applicant(server.portal(), server.gateway(), redirect_uri)
            officer_session.login(officer["tckn"], officer["password"])
            for point, person in zip(POINTS, staff):
                application = staff_waiting(server, redirect_uri, email_outbox, officer_session, person, sms_outbox)
                listed = subprocess.run([nes, "officer", "list", "--json"] + common, capture_output=True,
                                        text=True, env=env, timeout=60)
                assert listed.returncode == 0, listed
                version = json.loads(listed.stdout)["version"]
                env["NES_CRASH_AT"] = point
                killed = subprocess.run([driver, portal, ca_file, journal, INSTITUTION, version, module, "CRASH",
                                         officer["cert_id"]], capture_output=True, text=True, env=env, timeout=60)
                del env["NES_CRASH_AT"]
                assert killed.returncode == -9, (point, killed.returncode, killed.stdout, killed.stderr)
                assert ("nes-list-sign-driver: " + point) in killed.stderr, (point, killed.stderr)

                done = subprocess.run([nes, "officer", "sign", "--version", version, "--module", module,
                                       "--token-label", "CRASH", "--certificate-id", officer["cert_id"], "--json"]
                                      + common + server.tsa_args(), capture_output=True, text=True, env=env,
                                      timeout=60)
                assert done.returncode == 0, (point, done.stdout, done.stderr)
                result = json.loads(done.stdout.strip().splitlines()[-1])
                assert result["status"] == "signed" and result["included"] == [application], (point, result)
                assert "4321" not in done.stdout + done.stderr
                assert officer["password"] not in done.stdout + done.stderr

                # Exactly one accepted list: the application is on that decision's invoice, and only there.
                overview = subprocess.run([nes, "officer", "applications", "--json"] + common,
                                          capture_output=True, text=True, env=env, timeout=60)
                mine = [a for a in json.loads(overview.stdout)["applications"] if a["id"] == application]
                assert mine[0]["status"] == "awaiting_institution_payment", mine
                assert mine[0]["invoice_id"] == result["decision"], (mine, result)
                paid = server.admin("POST", "/admin/v1/invoices/%s/payment" % result["decision"],
                                    {"amount_kurus": result["total_kurus"]})
                assert paid.status == 200 and paid.json()["applications"] == [application], paid
                print("killed at %-14s continued by nes officer sign: %s on decision %s, paid once" % (
                    point, application, result["decision"]))

            rows = sqlite3.connect(journal).execute("SELECT step FROM list_signatures").fetchall()
            assert rows and all(step == "finished" for (step,) in rows), rows
        finally:
            server.stop()
    print("%d kills, one at each step boundary of the officer's signature: every list accepted exactly once"
          % len(POINTS))
    return 0


if __name__ == "__main__":
    sys.exit(main())
