#!/usr/bin/env python3
"""Verifies the demo's newest e-imza signature with GnuPG's gpgsm, a CMS
implementation of its own (libksba), in a throw-away GNUPGHOME that trusts
only the demo's signer CA.

    gpgsm_verify.py DIRECTORY CA_PEM"""

import glob
import os
import subprocess
import sys
import tempfile


def main():
    directory, ca = sys.argv[1], sys.argv[2]
    signatures = sorted(glob.glob(os.path.join(directory, "*-signature.p7s")), key=os.path.getmtime)
    assert signatures, "no *-signature.p7s in " + directory
    signature = signatures[-1]
    document = signature[: -len("-signature.p7s")] + "-document.txt"
    with tempfile.TemporaryDirectory(prefix="nes-gpgsm-") as home:
        os.chmod(home, 0o700)
        env = dict(os.environ, GNUPGHOME=home)
        # The test PKI publishes no CRL: gpgsm is told not to look for one.
        with open(os.path.join(home, "gpgsm.conf"), "w") as out:
            out.write("disable-crl-checks\ndisable-trusted-cert-crl-check\n")
        done = subprocess.run(["openssl", "x509", "-in", ca, "-noout", "-fingerprint", "-sha1"], capture_output=True,
                              text=True, check=True)
        with open(os.path.join(home, "trustlist.txt"), "w") as out:
            out.write(done.stdout.strip().split("=", 1)[1] + " S relax\n")
        try:
            subprocess.run(["gpgsm", "--batch", "--import", ca], env=env, capture_output=True, check=True)
            verify = subprocess.run(["gpgsm", "--batch", "--status-fd", "1", "--verify", signature, document], env=env,
                                    capture_output=True, text=True)
        finally:
            subprocess.run(["gpgconf", "--kill", "all"], env=env, capture_output=True)
        assert verify.returncode == 0, verify.stdout + verify.stderr
        assert "[GNUPG:] GOODSIG" in verify.stdout and "[GNUPG:] VALIDSIG" in verify.stdout, verify.stdout
        good = [line for line in verify.stderr.splitlines() if "Good signature" in line]
        print(os.path.basename(signature) + ": gpgsm: " + (good[0].split("gpgsm: ", 1)[-1] if good else "GOODSIG"))


if __name__ == "__main__":
    main()
