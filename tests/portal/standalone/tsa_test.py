#!/usr/bin/env python3
"""The standalone portal's time-stamping authority, driven by independent tools
as a Kamu SM customer drives zd.kamusm.gov.tr: `openssl ts -query` makes the
request, the `identity` header is built here from shared/flow.md's description
(asn1crypto's DER, hashlib's PBKDF2, `openssl enc`'s AES-256-CBC), and
`openssl ts -verify` checks the token against the TSA's CA.

    tsa_test.py NES_PORTAL PKI_DIR"""

import hashlib
import json
import os
import subprocess
import sys
import tempfile
import time

from asn1crypto import core, tsp

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import portal_client as pc  # noqa: E402


class Identity(core.Sequence):
    _fields = [("user_id", core.Integer), ("salt", core.OctetString), ("iteration_count", core.Integer),
               ("iv", core.OctetString), ("encrypted", core.OctetString)]


def identity(user_id, password, message):
    salt = os.urandom(16)
    key = hashlib.pbkdf2_hmac("sha256", password.encode(), salt, 100, 32)
    encrypted = subprocess.run(["openssl", "enc", "-aes-256-cbc", "-K", key.hex(), "-iv", salt.hex()],
                               input=message, capture_output=True, check=True).stdout
    der = Identity({"user_id": user_id, "salt": salt, "iteration_count": 100, "iv": salt,
                    "encrypted": encrypted}).dump()
    return format(int.from_bytes(der, "big"), "x")  # the DER read as one big integer


def query(work, name, digest="-sha256"):
    document = os.path.join(work, name + ".txt")
    with open(document, "w", encoding="utf-8") as out:
        out.write("Zaman damgası isteği: " + name + "\n")
    path = os.path.join(work, name + ".tsq")
    subprocess.run(["openssl", "ts", "-query", "-data", document, digest, "-cert", "-out", path], check=True,
                   capture_output=True)
    with open(path, "rb") as f:
        der = f.read()
    return path, der, tsp.TimeStampReq.load(der)["message_imprint"]["hashed_message"].native


def main():
    exe, pki = sys.argv[1], sys.argv[2]
    with tempfile.TemporaryDirectory(prefix="nes-tsa-") as work:
        subscribers = os.path.join(work, "subscribers.json")
        with open(subscribers, "w", encoding="utf-8") as out:
            json.dump({"subscribers": [{"customer_id": 7001, "password": "Zd-Parola-1", "credit": 2},
                                       {"customer_id": 7002, "password": "Zd-Parola-2", "credit": 5}]}, out)
        server = pc.PortalProcess(exe, os.path.join(work, "data"), pki, os.path.join(work, "sms.jsonl"),
                                  "tsa-admin-token-0123456789",
                                  extra=["--tsa-cert", os.path.join(pki, "tsa.pem"), "--tsa-key",
                                         os.path.join(pki, "tsa.key"), "--tsa-subscribers", subscribers])
        server.start()
        try:
            portal = server.portal()

            def post(body, headers, content_type="application/timestamp-query"):
                all_headers = dict(headers)
                if content_type:
                    all_headers["Content-Type"] = content_type
                return portal.request("POST", "/tsa", body, all_headers)

            def refused(response, text):
                assert response.status == 200, response  # Kamu SM's way: 200 with text, not a token
                assert response.headers["content-type"].startswith("text/plain"), response.headers
                assert response.body.decode() == text, response

            def credit(user_id, password, at=None):
                at = str(at if at is not None else int(time.time() * 1000))
                signed = hashlib.sha1((str(user_id) + at).encode()).digest()
                return post(b"", {"identity": identity(user_id, password, signed), "credit_req": str(user_id),
                                  "credit_req_time": at}, content_type=None)

            path, der, message = query(work, "first")
            answer = post(der, {"identity": identity(7001, "Zd-Parola-1", message)})
            assert answer.status == 200 and answer.headers["content-type"] == "application/timestamp-reply", answer
            reply = os.path.join(work, "first.tsr")
            with open(reply, "wb") as out:
                out.write(answer.body)
            verified = subprocess.run(["openssl", "ts", "-verify", "-in", reply, "-queryfile", path, "-CAfile",
                                       os.path.join(pki, "tsa-ca.pem"), "-untrusted", os.path.join(pki, "tsa.pem")],
                                      capture_output=True, text=True)
            assert verified.returncode == 0 and "Verification: OK" in verified.stdout, verified
            text = subprocess.run(["openssl", "ts", "-reply", "-in", reply, "-text"], capture_output=True, text=True,
                                  check=True).stdout
            assert "Status: Granted." in text and "Policy OID: 0.4.0.2023.1.1" in text, text
            # The same token does not verify against another request (the nonce and imprint are its own).
            other_path, other_der, other_message = query(work, "other")
            wrong = subprocess.run(["openssl", "ts", "-verify", "-in", reply, "-queryfile", other_path, "-CAfile",
                                    os.path.join(pki, "tsa-ca.pem"), "-untrusted", os.path.join(pki, "tsa.pem")],
                                   capture_output=True, text=True)
            assert wrong.returncode != 0, wrong.stdout

            # Refusals cost nothing and come as text.
            refused(post(other_der, {"identity": identity(7001, "wrong password", other_message)}),
                    "Identity is not valid")
            refused(post(other_der, {"identity": identity(7001, "Zd-Parola-1", message)}),  # another request's
                    "Identity is not valid")
            refused(post(other_der, {"identity": identity(9999, "Zd-Parola-1", other_message)}),
                    "User 9999 is not known")
            refused(post(other_der, {}), "Identity is not valid")
            refused(post(other_der, {"identity": "30zz"}), "Identity is not valid")
            refused(post(b"not a request", {"identity": identity(7001, "Zd-Parola-1", other_message)}),
                    "Request is not valid")
            refused(post(other_der, {"identity": identity(7001, "Zd-Parola-1", other_message)}, "text/plain"),
                    "Content-Type must be application/timestamp-query")

            # The credit: 2, one used; the query answers in the reply's type.
            left = credit(7001, "Zd-Parola-1")
            assert left.status == 200 and left.headers["content-type"] == "application/timestamp-reply", left
            assert left.body == b"1", left
            refused(credit(7001, "wrong password"), "Identity is not valid")
            refused(credit(7001, "Zd-Parola-1", at=int(time.time() * 1000) - 3600 * 1000), "Request time is not valid")
            second = post(other_der, {"identity": identity(7001, "Zd-Parola-1", other_message)})
            assert second.headers["content-type"] == "application/timestamp-reply", second
            refused(post(other_der, {"identity": identity(7001, "Zd-Parola-1", other_message)}), "Not enough credit")
            assert credit(7001, "Zd-Parola-1").body == b"0"
            assert credit(7002, "Zd-Parola-2").body == b"5"  # another subscriber's is their own
            # A hash the TSA does not take (SHA-1): RFC 3161's own rejection, at no cost.
            sha1_path, sha1_der, sha1_message = query(work, "sha1", "-sha1")
            rejected = post(sha1_der, {"identity": identity(7002, "Zd-Parola-2", sha1_message)})
            assert rejected.headers["content-type"] == "application/timestamp-reply", rejected
            rejected_path = os.path.join(work, "sha1.tsr")
            with open(rejected_path, "wb") as out:
                out.write(rejected.body)
            text = subprocess.run(["openssl", "ts", "-reply", "-in", rejected_path, "-text"], capture_output=True,
                                  text=True, check=True).stdout
            assert "Status: Rejected." in text and "unrecognized or unsupported algorithm" in text, text
            assert credit(7002, "Zd-Parola-2").body == b"5"
            # The credit used is kept in the portal's database: a restart gives none of it back.
            server.stop()
            server.start()
            portal = server.portal()
            assert credit(7001, "Zd-Parola-1").body == b"0"
            refused(post(other_der, {"identity": identity(7001, "Zd-Parola-1", other_message)}), "Not enough credit")
            assert credit(7002, "Zd-Parola-2").body == b"5"
        finally:
            server.stop()
    print("tsa: a token verified by openssl ts -verify; unknown user, wrong identity, bad request and no credit "
          "refused as text; credit 2 -> 1 -> 0; a SHA-1 query rejected in RFC 3161's terms at no cost")


if __name__ == "__main__":
    main()
