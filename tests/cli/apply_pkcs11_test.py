#!/usr/bin/python3
"""`nes apply --approve pkcs11` from a form file, end to end: a SoftHSM2
token holding the applicant's key and certificate from the test PKI (made
with softhsm2-util and pkcs11-tool), the standalone portal trusting that PKI,
the SMS code from --otp-command, the PIN from --pin-file. The exact bytes
signed and the CMS written by --save-document and --save-signature must
verify with `openssl cms -verify`, and the application must be submitted.
The portal requires BTK's profile P4: the signature is time-stamped (--tsa)
and carries its validation data (--signer-ca, --ocsp), which
tests/sign/validation_data.py checks offline.

Usage: apply_pkcs11_test.py NES NES_PORTAL PKI_DIR FORM"""

import json
import os
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "portal", "standalone"))
import portal_client as pc  # noqa: E402

MODULES = ["/usr/lib/softhsm/libsofthsm2.so", "/usr/lib/x86_64-linux-gnu/softhsm/libsofthsm2.so"]
TCKN = "28609139020"


def run(*args, env=None):
    done = subprocess.run(list(args), capture_output=True, text=True, env=env, timeout=120)
    assert done.returncode == 0, (args, done.stdout, done.stderr)
    return done


def main():
    nes, portal_exe, pki, form = sys.argv[1:5]
    module = next((m for m in MODULES if os.path.exists(m)), None)
    assert module, "SoftHSM2 is required (scripts/setup-deps tokens)"
    with tempfile.TemporaryDirectory(prefix="nes-apply-pkcs11-") as work:
        os.makedirs(os.path.join(work, "tokens"))
        conf = os.path.join(work, "softhsm2.conf")
        with open(conf, "w") as out:
            out.write("directories.tokendir = %s\nobjectstore.backend = file\nlog.level = ERROR\n"
                      % os.path.join(work, "tokens"))
        env = dict(os.environ, SOFTHSM2_CONF=conf, NES_PASSWORD=pc.DEMO_PASSWORDS[TCKN],
                   NES_TSA_PASSWORD=pc.TSA_PASSWORD)
        run("softhsm2-util", "--init-token", "--free", "--label", "APPLY TEST", "--so-pin", "12345678", "--pin",
            "4321", env=env)
        run("softhsm2-util", "--import", os.path.join(pki, "applicants", TCKN + ".key"), "--token", "APPLY TEST",
            "--label", "key", "--id", "01", "--pin", "4321", env=env)
        der = os.path.join(work, "cert.der")
        run("openssl", "x509", "-in", os.path.join(pki, "applicants", TCKN + ".pem"), "-outform", "DER", "-out", der)
        run("pkcs11-tool", "--module", module, "--token-label", "APPLY TEST", "--login", "--pin", "4321",
            "--write-object", der, "--type", "cert", "--id", "01", "--label", "cert", env=env)
        pin_file = os.path.join(work, "pin")
        with open(pin_file, "w") as out:
            out.write("4321\n")

        outbox = os.path.join(work, "sms.jsonl")
        server = pc.PortalProcess(portal_exe, os.path.join(work, "data"), pki, outbox, "pkcs11-admin-token-01234567",
                                  ["--signature-profile", "P4", "--tsa-ca-out", os.path.join(work, "tsa-ca.pem")])
        server.start()
        otp = pc.otp_command(work, outbox)
        document, signature = os.path.join(work, "document.txt"), os.path.join(work, "signature.p7s")
        apply = [nes, "apply", "--form", form, "--approve", "pkcs11", "--portal", "https://127.0.0.1:%d" % server.port,
                 "--ca-file", os.path.join(pki, "tls-ca.pem"), "--journal", os.path.join(work, "journal.db"),
                 "--otp-command", otp, "--module", module, "--token-label", "APPLY TEST", "--pin-file", pin_file,
                 "--json"] + server.tsa_args() + server.validation_args()
        try:
            # A wrong PIN: refused with the card's word, never retried, and the same file not used again.
            with open(pin_file, "w") as out:
                out.write("9999\n")
            wrong = subprocess.run(apply, capture_output=True, text=True, env=env, timeout=120)
            assert wrong.returncode == 1, (wrong.returncode, wrong.stdout, wrong.stderr)
            refusal = json.loads(wrong.stdout.strip().splitlines()[-1])["refusal"]
            assert refusal["code"] == "pin_incorrect" and refusal["message_tr"].startswith("PIN hatalı."), refusal
            assert refusal["recovery"] == "correct", refusal
            text = subprocess.run([a for a in apply if a != "--json"], capture_output=True, text=True, env=env,
                                  timeout=120)
            assert text.returncode == 1, (text.returncode, text.stdout, text.stderr)
            assert "bu PIN dosyası kartça reddedildi" in text.stderr, text.stderr
            assert "aynı komut" not in text.stdout and "same command" not in text.stdout, text.stdout
            with open(pin_file, "w") as out:
                out.write("4321\n")
            # Time-stamped but without the validation data P4 requires: the portal refuses, the
            # application waits, and the program names the flags that are missing.
            bare = [a for a in apply if a != "--json"]
            bare = bare[:bare.index("--signer-ca")]
            missing = subprocess.run(bare, capture_output=True, text=True, env=env, timeout=120)
            assert missing.returncode == 1, (missing.returncode, missing.stdout, missing.stderr)
            assert "--signer-ca DOSYA --ocsp URL" in missing.stdout + missing.stderr, (missing.stdout, missing.stderr)
            assert "nes resume --id 1" in missing.stdout + missing.stderr, (missing.stdout, missing.stderr)
            done = run(nes, "apply", "--form", form, "--approve", "pkcs11", "--portal",
                       "https://127.0.0.1:%d" % server.port, "--ca-file", os.path.join(pki, "tls-ca.pem"),
                       "--journal", os.path.join(work, "journal.db"), "--otp-command", otp,
                       "--module", module, "--token-label", "APPLY TEST", "--pin-file", pin_file,
                       "--save-document", document, "--save-signature", signature, "--json", *server.tsa_args(),
                       *server.validation_args(), env=env)
            result = json.loads(done.stdout.strip().splitlines()[-1])
            assert result["finished"] and result["status"] == "submitted", result
            assert "4321" not in done.stdout + done.stderr
            for saved in (document, signature):
                assert os.stat(saved).st_mode & 0o077 == 0, saved + " is readable by others"
            verified = subprocess.run(["openssl", "cms", "-verify", "-binary", "-inform", "DER", "-in", signature,
                                       "-content", document, "-CAfile", os.path.join(pki, "esign-ca.pem"),
                                       "-out", os.devnull], capture_output=True, text=True)
            assert verified.returncode == 0, verified.stderr
            # Time-stamped, with the validation data (CAdES-X-L), as the portal's profile P4 requires.
            printed = run("openssl", "cms", "-cmsout", "-print", "-inform", "DER", "-in", signature).stdout
            assert "id-smime-aa-timeStampToken" in printed, printed
            run(sys.executable, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "sign",
                                             "validation_data.py"), signature, "P4")
            with open(document, encoding="utf-8") as text:
                assert result["application_id"] in text.read()
            listed = server.admin("GET", "/admin/v1/applications").json()["applications"]
            assert [a["status"] for a in listed] == ["submitted"], listed
        finally:
            server.stop()
    print("nes apply --approve pkcs11: %s submitted to a P4 portal; the saved document and its signature verify with "
          "openssl cms, and its validation data offline"
          % result["application_id"])
    return 0


if __name__ == "__main__":
    sys.exit(main())
