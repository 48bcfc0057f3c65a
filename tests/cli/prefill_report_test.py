#!/usr/bin/python3
"""nes prefill's reports as HR staff open them: report.csv in the interface's
language with each problem's message under its field's label (Turkish by
default, English with --lang en), with --excel as Excel in a Turkish locale
expects it (UTF-8 BOM, ';' between cells, CRLF), report.json plain UTF-8
with both languages, and every file mode 0600.

Usage: prefill_report_test.py NES STAFF_CSV"""

import csv
import io
import json
import os
import stat
import subprocess
import sys
import tempfile


def prefill(nes, staff, out, *options):
    done = subprocess.run([nes, "prefill", "--registry", staff, "--institution", "yok-akademik", "--out", out,
                           *options], capture_output=True, text=True, timeout=60)
    assert done.returncode == 1, (done.returncode, done.stdout, done.stderr)  # two of three rows have problems
    return done


def private(path):
    return stat.S_IMODE(os.stat(path).st_mode) & 0o077 == 0


def main():
    nes, staff = sys.argv[1:3]
    with tempfile.TemporaryDirectory(prefix="nes-prefill-report-") as work:
        plain, excel, english = (os.path.join(work, name) for name in ("plain", "excel", "english"))
        prefill(nes, staff, plain)
        prefill(nes, staff, excel, "--excel")
        prefill(nes, staff, english, "--lang", "en")

        raw = open(os.path.join(plain, "report.csv"), "rb").read()
        assert not raw.startswith(b"\xef\xbb\xbf") and b"\r\n" not in raw, raw[:80]
        rows = list(csv.reader(io.StringIO(raw.decode("utf-8"))))
        assert rows[0] == ["satır", "durum", "T.C. Kimlik No", "ad", "soyad", "taslak", "sorunlar"], rows[0]
        assert [r[1] for r in rows[1:]] == ["geçerli", "sorunlu", "sorunlu"], rows
        assert rows[2][6] == "T.C. Kimlik No: Doğrulama haneleri tutmuyor.", rows[2]
        assert rows[3][6].startswith("(satır): CSV satırı okunamadı") and "tırnaklı bir alan kapanmıyor" in rows[3][6]
        for r in rows[1:]:
            assert "_" not in r[6] and "identity." not in r[6], r  # no codes, no field paths

        raw = open(os.path.join(excel, "report.csv"), "rb").read()
        assert raw.startswith(b"\xef\xbb\xbf"), raw[:10]
        text = raw[3:].decode("utf-8")
        assert text.count("\r\n") == len(rows), text
        excel_rows = list(csv.reader(io.StringIO(text, newline=""), delimiter=";"))
        assert excel_rows == rows, (excel_rows, rows)

        rows_en = list(csv.reader(open(os.path.join(english, "report.csv"), encoding="utf-8")))
        assert rows_en[0][:2] == ["line", "status"] and rows_en[2][6] == "T.C. Kimlik No: The check digits do not match."
        assert "ı" not in "".join(rows_en[0] + [r[1] for r in rows_en[1:]]), rows_en

        raw = open(os.path.join(plain, "report.json"), "rb").read()
        assert not raw.startswith(b"\xef\xbb\xbf")
        report = json.loads(raw.decode("utf-8"))
        problem = report["rows"][1]["problems"][0]
        assert problem["field"] == "identity.tckn" and problem["code"] == "checksum", problem
        assert problem["message_tr"] == "Doğrulama haneleri tutmuyor." and problem["message_en"], problem
        assert "Doğrulama".encode() in raw  # UTF-8 as is, not \\u escapes

        for folder in (plain, excel, english):
            for root, _, files in os.walk(folder):
                for name in files:
                    assert private(os.path.join(root, name)), os.path.join(root, name)
    print("nes prefill: report.csv in Turkish and English with each problem under its label, --excel with BOM, ';' "
          "and CRLF, report.json plain UTF-8 with both languages, every file 0600")
    return 0


if __name__ == "__main__":
    sys.exit(main())
