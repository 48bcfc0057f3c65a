#!/usr/bin/python3
"""The card factory for tests and demos (docs/adr/0016): a shipped
application's card, collected once from the portal's admin API
(GET /admin/v1/applications/{id}/card), put on a SoftHSM2 token as a card
factory would: the key and certificate under one CKA_ID, the PUK as the
token's SO PIN, and a user PIN nobody is told unless `user_pin` is given.
"The card arrives": its PIN is created with the PUK, as a new card's is.

As a program (SOFTHSM2_CONF set):
  card_factory.py PORTAL_URL TLS_CA_FILE ADMIN_TOKEN APPLICATION_ID TOKEN_LABEL
prints {"label", "serial"} as JSON; the PUK stays with the portal."""

import json
import os
import secrets
import ssl
import subprocess
import sys
import tempfile
import urllib.request

SOFTHSM_MODULES = ["/usr/lib/softhsm/libsofthsm2.so", "/usr/lib/x86_64-linux-gnu/softhsm/libsofthsm2.so"]


def softhsm_module():
    """SoftHSM2's PKCS#11 module, or None when it is not installed."""
    return next((m for m in SOFTHSM_MODULES if os.path.exists(m)), None)


def token_directory(work):
    """A SoftHSM2 configuration whose tokens live in `work`/tokens; its path, for
    SOFTHSM2_CONF (the machine's own tokens are left alone)."""
    tokens = os.path.join(work, "tokens")
    os.makedirs(tokens, exist_ok=True)
    conf = os.path.join(work, "softhsm2.conf")
    with open(conf, "w") as out:
        out.write("directories.tokendir = %s\nobjectstore.backend = file\n" % tokens)
    return conf


def collect(portal_url, ca_file, admin_token, application_id):
    """The card's contents as the portal gives them once: serial, certificate_pem,
    private_key_pem, puk."""
    request = urllib.request.Request("%s/admin/v1/applications/%s/card" % (portal_url, application_id),
                                     headers={"Authorization": "Bearer " + admin_token})
    context = ssl.create_default_context(cafile=ca_file)
    with urllib.request.urlopen(request, context=context, timeout=30) as answer:
        return json.loads(answer.read())


def _run(args, env):
    done = subprocess.run(args, capture_output=True, text=True, env=env, timeout=60)
    if done.returncode != 0:
        raise RuntimeError("%s failed: %s%s" % (args[0], done.stdout, done.stderr))
    return done.stdout


def put_on_token(card, label, env, user_pin=None, module=None):
    """Makes the token `label` holding `card`; returns the user PIN set (random
    unless given: a new card's PIN is created with the PUK)."""
    module = module or softhsm_module()
    pin = user_pin or "".join(secrets.choice("0123456789") for _ in range(8))
    _run(["softhsm2-util", "--init-token", "--free", "--label", label, "--so-pin", card["puk"], "--pin", pin], env)
    with tempfile.TemporaryDirectory(prefix="nes-card-") as work:
        key = os.path.join(work, "key.pem")
        descriptor = os.open(key, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(descriptor, "w") as out:
            out.write(card["private_key_pem"])
        _run(["softhsm2-util", "--import", key, "--token", label, "--label", "NES", "--id", "01", "--pin", pin], env)
        pem = os.path.join(work, "certificate.pem")
        der = os.path.join(work, "certificate.der")
        with open(pem, "w") as out:
            out.write(card["certificate_pem"])
        _run(["openssl", "x509", "-in", pem, "-outform", "DER", "-out", der], env)
        _run(["pkcs11-tool", "--module", module, "--token-label", label, "--login", "--pin", pin, "--write-object",
              der, "--type", "cert", "--id", "01", "--label", "NES"], env)
    return pin


def main():
    if len(sys.argv) != 6 or "SOFTHSM2_CONF" not in os.environ:
        sys.stderr.write(__doc__)
        return 2
    portal_url, ca_file, admin_token, application_id, label = sys.argv[1:6]
    card = collect(portal_url, ca_file, admin_token, application_id)
    put_on_token(card, label, dict(os.environ))
    print(json.dumps({"label": label, "serial": card["serial"]}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
