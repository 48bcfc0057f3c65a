"""Persistence: kill -9 the standalone nes-portal at each step boundary of an
application, restart it on the same data directory and ports, and carry on.
The application survives every kill, the flow ends submitted (approved with a
signature made by the openssl command), and the admin API shows exactly one
application for the person.

Usage: kill9_test.py NES_PORTAL PKI_DIR"""

import os
import stat
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import portal_client as pc  # noqa: E402

TCKN = "62601815964"


def main():
    exe, pki = sys.argv[1], sys.argv[2]
    with tempfile.TemporaryDirectory(prefix="nes-kill9-") as work:
        outbox = os.path.join(work, "sms.jsonl")
        # CAdES-BES: the signature below is made by the openssl command, which names no policy.
        server = pc.PortalProcess(exe, os.path.join(work, "data"), pki, outbox, "kill9-admin-token-0123456789",
                                  extra=["--signature-profile", "BES"])
        server.start()
        ports = (server.port, server.gateway_port)
        redirect_uri = server.portal().request("GET", "/api/v1/info").json()["login"]["redirect_uri"]

        def restart():
            server.kill9()
            server.start(*ports)
            return pc.Applicant(server.portal(), server.gateway(), redirect_uri)

        person = pc.Applicant(server.portal(), server.gateway(), redirect_uri)
        person.login(TCKN, pc.DEMO_PASSWORDS[TCKN])
        cookie, csrf = person.cookie, person.csrf

        def again():
            nonlocal person
            person = restart()
            person.cookie, person.csrf = cookie, csrf  # the session survives too

        key = "kill9-" + os.urandom(8).hex()
        submission = {"form": pc.demo_form(TCKN), "acknowledged_notices": ["no_refund"]}
        created = person.call("POST", "/api/v1/applications", submission, headers={"Idempotency-Key": key})
        assert created.status == 201, created
        application = created.json()["id"]
        code = pc.sms_code(outbox, application)
        # The outbox holds live codes: only its owner may read it.
        assert stat.S_IMODE(os.stat(outbox).st_mode) == 0o600, oct(os.stat(outbox).st_mode)

        again()
        # The client does not know whether its submission landed: it retries
        # with the same key and gets the same application.
        replay = person.call("POST", "/api/v1/applications", submission, headers={"Idempotency-Key": key})
        assert replay.status == 200 and replay.json()["id"] == application, replay
        assert replay.json()["status"] == "otp_pending"

        verified = person.call("POST", "/api/v1/applications/%s/otp/verify" % application, {"code": code})
        assert verified.status == 200 and verified.json()["status"] == "awaiting_approval", verified
        document = person.call("GET", "/api/v1/applications/%s/approval/document" % application)
        assert document.status == 200, document

        again()
        same_document = person.call("GET", "/api/v1/applications/%s/approval/document" % application)
        assert same_document.body == document.body, "the document to sign changed across a restart"
        applicant_dir = os.path.join(pki, "applicants")
        signature = pc.sign_with_openssl(document.body, os.path.join(applicant_dir, TCKN + ".pem"),
                                         os.path.join(applicant_dir, TCKN + ".key"), work)
        approved = person.call("POST", "/api/v1/applications/%s/approval/e-signature" % application, signature,
                               "application/pkcs7-signature")
        assert approved.status == 200 and approved.json()["status"] == "submitted", approved

        again()
        listed = server.admin("GET", "/admin/v1/applications?tckn=" + TCKN)
        assert listed.status == 200, listed
        applications = listed.json()["applications"]
        assert [(a["id"], a["status"]) for a in applications] == [(application, "submitted")], applications
        server.stop()
        print("kill9: the application survived 3 kill -9 restarts and ended submitted, exactly once")


if __name__ == "__main__":
    main()
