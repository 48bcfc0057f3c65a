#!/usr/bin/python3
"""Crash safety of the SDK's nes::ApplicationRun and its journal, on both
approval routes: for each step boundary in turn, a person's application is
started by nes-run-driver (the library's run, nothing else) and the process
killed there with SIGKILL from the run's progress sink. It is then continued
by the driver again, by `nes apply` with the same form, or by `nes resume`.
The portal's admin API must then show exactly one application per person, in
the route's final state, and the journal every entry finished.

The e-imza people get certificates from the test PKI's e-imza CA, made here
with openssl, on one SoftHSM2 token (one key and certificate id each).

Usage: crash_run_test.py NES_RUN_DRIVER NES NES_PORTAL PKI_DIR"""

import base64
import hashlib
import json
import os
import secrets
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "portal", "standalone"))
import portal_client as pc  # noqa: E402

# Every boundary where a run may die: before or after each step that changes
# state on the portal, and before or after the journal records it.
POINTS = ["submitting", "submit-answered", "submitted", "verify-answered", "verified", "approving",
          "approve-answered"]
CONTINUED_BY = ["nes-run-driver", "nes apply", "nes resume"]
MODULES = ["/usr/lib/softhsm/libsofthsm2.so", "/usr/lib/x86_64-linux-gnu/softhsm/libsofthsm2.so"]
FINAL = {"wet": "awaiting_wet_form", "pkcs11": "submitted"}


def tckn(serial):
    """A valid T.C. Kimlik No from a nine-digit serial (flow.md's check digits)."""
    d = [int(c) for c in str(serial)]
    d10 = ((d[0] + d[2] + d[4] + d[6] + d[8]) * 7 - (d[1] + d[3] + d[5] + d[7])) % 10
    d11 = (sum(d) + d10) % 10
    return "".join(map(str, d + [d10, d11]))


def person(i):
    salt = secrets.token_bytes(16)
    password = "Crash-Parola-%d" % i
    number = tckn(700000000 + i)
    mobile = "+90532%07d" % (1000000 + i)
    return {
        "tckn": number, "password_text": password, "mobile": mobile, "cert_id": "%02x" % (i + 1),
        "registry": {"tckn": number, "first_name": "Deneme", "last_name": "Çökmeoğlu", "mobile_phones": [mobile],
                     "staff_of": ["meb"],
                     "password": {"algorithm": "pbkdf2-sha256", "iterations": 10000,
                                  "salt": base64.b64encode(salt).decode(),
                                  "hash": base64.b64encode(hashlib.pbkdf2_hmac(
                                      "sha256", password.encode(), salt, 10000)).decode()}},
    }


def form(p):
    return {"certificate": {"validity_years": 1, "card_reader": False, "publish_online": False},
            "identity": {"tckn": p["tckn"], "first_name": "Deneme", "last_name": "Çökmeoğlu",
                         "mobile_phone": p["mobile"], "info_channel": "sms"},
            "institution": {"id": "meb", "unit": "Şişli Anadolu Lisesi"},
            "delivery": {"address_type": "home", "address_line": "Halaskârgazi Cad. No: 12", "district": "Şişli",
                         "province": "İstanbul", "postal_code": "34371"}}


def run(args, env=None):
    done = subprocess.run(args, capture_output=True, text=True, env=env, timeout=120)
    assert done.returncode == 0, (args, done.stdout, done.stderr)


def make_token(work, pki, people):
    """One SoftHSM2 token with each person's key and e-imza certificate."""
    module = next((m for m in MODULES if os.path.exists(m)), None)
    assert module, "SoftHSM2 is required (scripts/setup-deps tokens)"
    os.makedirs(os.path.join(work, "tokens"))
    conf = os.path.join(work, "softhsm2.conf")
    with open(conf, "w") as out:
        out.write("directories.tokendir = %s\nobjectstore.backend = file\nlog.level = ERROR\n"
                  % os.path.join(work, "tokens"))
    env = dict(os.environ, SOFTHSM2_CONF=conf)
    run(["softhsm2-util", "--init-token", "--free", "--label", "CRASH", "--so-pin", "12345678", "--pin", "4321"], env)
    extensions = os.path.join(work, "esign.ext")
    with open(extensions, "w") as out:
        out.write(pc.qualified_nes_extensions())
    for n, p in enumerate(people):
        key, csr, pem, der = (os.path.join(work, "%s.%s" % (p["tckn"], ext)) for ext in ("key", "csr", "pem", "der"))
        run(["openssl", "genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-256", "-out", key])
        run(["openssl", "req", "-new", "-utf8", "-key", key, "-subj",
             "/serialNumber=%s/CN=DENEME ÇÖKMEOĞLU %d (TEST)" % (p["tckn"], n), "-out", csr])
        run(["openssl", "x509", "-req", "-in", csr, "-CA", os.path.join(pki, "esign-ca.pem"), "-CAkey",
             os.path.join(pki, "esign-ca.key"), "-set_serial", str(9000 + n), "-days", "30", "-extfile", extensions,
             "-out", pem])
        run(["openssl", "x509", "-in", pem, "-outform", "DER", "-out", der])
        run(["softhsm2-util", "--import", key, "--token", "CRASH", "--label", "key-" + p["cert_id"], "--id",
             p["cert_id"], "--pin", "4321"], env)
        run(["pkcs11-tool", "--module", module, "--token-label", "CRASH", "--login", "--pin", "4321",
             "--write-object", der, "--type", "cert", "--id", p["cert_id"], "--label", "cert-" + p["cert_id"]], env)
    return module, conf


def main():
    driver, nes, portal_exe, pki = sys.argv[1:5]
    with tempfile.TemporaryDirectory(prefix="nes-crash-run-") as work:
        routes = [(route, point) for route in ("wet", "pkcs11") for point in POINTS]
        people = [person(i) for i in range(len(routes))]
        registry = os.path.join(work, "registry.json")
        with open(registry, "w", encoding="utf-8") as out:
            json.dump({"people": [p["registry"] for p in people]}, out, ensure_ascii=False)
        module, softhsm_conf = make_token(work, pki, [p for p, (r, _) in zip(people, routes) if r == "pkcs11"])
        outbox = os.path.join(work, "sms.jsonl")
        server = pc.PortalProcess(portal_exe, os.path.join(work, "data"), pki, outbox, "crash-admin-token-0123456789",
                                  ["--registry", registry])
        server.start()
        otp = pc.otp_command(work, outbox)
        journal = os.path.join(work, "journal.db")
        portal = "https://127.0.0.1:%d" % server.port
        ca_file = os.path.join(pki, "tls-ca.pem")
        try:
            for i, ((route, point), p) in enumerate(zip(routes, people)):
                form_file = os.path.join(work, "form-%d.json" % i)
                with open(form_file, "w", encoding="utf-8") as out:
                    json.dump(form(p), out, ensure_ascii=False)
                pdf = os.path.join(work, "form-%d.pdf" % i)
                token = [module, "CRASH", p["cert_id"]]
                driven = [driver, portal, ca_file, journal, form_file, route] + ([pdf] if route == "wet" else token)
                env = dict(os.environ, NES_PASSWORD=p["password_text"], NES_PIN="4321", NES_OTP_COMMAND=otp,
                           SOFTHSM2_CONF=softhsm_conf, NES_CRASH_AT=point, **server.tsa_environment())
                killed = subprocess.run(driven, capture_output=True, text=True, env=env, timeout=60)
                assert killed.returncode == -9, (route, point, killed.returncode, killed.stdout, killed.stderr)
                assert ("nes-run-driver: " + point) in killed.stderr, (route, point, killed.stderr)
                del env["NES_CRASH_AT"]

                cli = ["--portal", portal, "--ca-file", ca_file, "--journal", journal, "--otp-command", otp, "--json"]
                cli += ["--pdf", pdf] if route == "wet" else ["--module", module, "--token-label", "CRASH",
                                                              "--certificate-id", p["cert_id"]] + server.tsa_args()
                by = CONTINUED_BY[i % len(CONTINUED_BY)]
                again = {"nes-run-driver": driven,
                         "nes apply": [nes, "apply", "--form", form_file, "--approve", route] + cli,
                         "nes resume": [nes, "resume"] + cli}[by]
                done = subprocess.run(again, capture_output=True, text=True, env=env, timeout=60)
                assert done.returncode == 0, (route, point, by, done.stdout, done.stderr)
                result = json.loads(done.stdout.strip().splitlines()[-1])
                assert result["finished"] and result["status"] == FINAL[route], (route, point, by, result)
                if route == "wet":
                    assert os.path.exists(pdf), (route, point)
                assert "4321" not in done.stdout + done.stderr and p["password_text"] not in done.stdout + done.stderr
                print("%-6s killed at %-17s continued by %-14s %s %s" % (
                    route, point, by, result["application_id"], result["status"]))

            listed = server.admin("GET", "/admin/v1/applications").json()["applications"]
            by_person = {}
            for a in listed:
                by_person.setdefault(a["form"]["identity"]["tckn"], []).append(a["status"])
            for p, (route, point) in zip(people, routes):
                assert by_person.get(p["tckn"]) == [FINAL[route]], (route, point, by_person.get(p["tckn"]))
            assert len(listed) == len(people), listed
            status = subprocess.run([nes, "status", "--journal", journal, "--json"], capture_output=True, text=True)
            entries = json.loads(status.stdout)["applications"]
            assert len(entries) == len(people) and all(e["step"] == "finished" for e in entries), entries
            # --live: the portal's word (Başvurularım), each person logged in with their own password.
            passwords = os.path.join(work, "passwords")
            os.mkdir(passwords, 0o700)
            for p in people:
                with open(os.path.join(passwords, p["tckn"]), "w") as out:
                    out.write(p["password_text"] + "\n")
            live = subprocess.run([nes, "status", "--journal", journal, "--json", "--live", "--ca-file", ca_file,
                                   "--password-dir", passwords], capture_output=True, text=True,
                                  env={k: v for k, v in os.environ.items() if k != "NES_PASSWORD"})
            assert live.returncode == 0, live
            rows = json.loads(live.stdout)["applications"]
            assert [r["live_status"] for r in rows] == [FINAL[route] for route, _ in routes], rows
        finally:
            server.stop()
    print("%d kills, one at each step boundary of both routes: every person has exactly one application, in its "
          "route's final state" % len(routes))
    return 0


if __name__ == "__main__":
    sys.exit(main())
