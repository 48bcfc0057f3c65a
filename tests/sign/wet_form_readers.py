#!/usr/bin/env python3
"""The wet-signature form as three independent PDF readers and a QR scanner
see it: poppler (pdftotext), MuPDF (mutool) and pypdf read its text without
one warning, and the text has every Turkish letter of the form; its header
names the form, its code and version; its dates are written the Turkish way;
its metadata carries the title and the language tr-TR; zbarimg reads the
application number from the QR code on the page as pdftoppm renders it.

    wet_form_readers.py FORM.pdf APPLICATION_ID

Prints what it checked; exits 1 with the first problem."""

import io
import logging
import os
import re
import subprocess
import sys
import tempfile
import warnings

# mutool's own note on Debian's build (no lcms2), printed for any file.
MUTOOL_BUILD_NOTE = "warning: ICC support is not available"


def run(args):
    done = subprocess.run(args, capture_output=True)
    return done.returncode, done.stdout.decode("utf-8", "replace"), done.stderr.decode("utf-8", "replace")


def fail(message):
    print("wet_form_readers: " + message)
    sys.exit(1)


def check_text(reader, text, application_id):
    for expected in (application_id, "NİTELİKLİ ELEKTRONİK SERTİFİKA BAŞVURU FORMU", "Form No: NES-BF-01",
                     "Sürüm: 2", "KAMU SERTİFİKASYON MERKEZİ", "NES TAAHHÜTNAMESİ", "Başvuru Sahibinin İmzası"):
        if expected not in text:
            fail("%s: %r is not in the text" % (reader, expected))
    if not re.search(r"\b\d{2}\.\d{2}\.\d{4}\b", text):
        fail("%s: no date written the Turkish way (01.12.2026)" % reader)
    if re.search(r"\b\d{4}-\d{2}-\d{2}\b", text):
        fail("%s: an ISO date is printed" % reader)


def main():
    pdf, application_id = sys.argv[1:3]

    status, text, errors = run(["pdftotext", "-enc", "UTF-8", pdf, "-"])
    if status != 0 or errors.strip():
        fail("poppler: pdftotext says: " + errors.strip())
    check_text("poppler", text, application_id)

    status, text, errors = run(["mutool", "draw", "-F", "txt", "-o", "-", pdf])
    complaints = [line for line in errors.splitlines() if line.strip() and line.strip() != MUTOOL_BUILD_NOTE]
    if status != 0 or complaints:
        fail("MuPDF: mutool says: " + "\n".join(complaints))
    check_text("MuPDF", text, application_id)

    import pypdf  # python3-pypdf
    log = io.StringIO()
    handler = logging.StreamHandler(log)
    logging.getLogger("pypdf").addHandler(handler)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        reader = pypdf.PdfReader(pdf, strict=True)
        text = "".join(page.extract_text() for page in reader.pages)
        metadata = reader.metadata
        language = reader.trailer["/Root"].get("/Lang")
    if log.getvalue():
        fail("pypdf says: " + log.getvalue())
    check_text("pypdf", text, application_id)
    if application_id not in (metadata.title or ""):
        fail("the title %r does not name the application" % metadata.title)
    if language != "tr-TR":
        fail("the document's language is %r, not tr-TR" % language)

    with tempfile.TemporaryDirectory(prefix="nes-wet-form-") as work:
        image = os.path.join(work, "page")
        status, _, errors = run(["pdftoppm", "-r", "150", "-png", "-singlefile", pdf, image])
        if status != 0 or errors.strip():
            fail("pdftoppm says: " + errors.strip())
        status, scanned, errors = run(["zbarimg", "--quiet", "--raw", image + ".png"])
        if status != 0 or scanned.strip() != application_id:
            fail("zbarimg read %r from the QR code, not %r (%s)" % (scanned.strip(), application_id, errors.strip()))

    print("wet form %s: poppler, MuPDF and pypdf read it without a warning; header, Turkish dates, title and "
          "tr-TR; the QR code reads %s" % (os.path.basename(pdf), application_id))
    return 0


if __name__ == "__main__":
    sys.exit(main())
