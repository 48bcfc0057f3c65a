#!/usr/bin/env python3
"""Checks the validation data of a CAdES-X-L signature (BTK's P3 or P4) with
Debian's python3-asn1crypto, independently of the SDK, and has OpenSSL verify
every embedded OCSP answer and CRL offline, from the signature alone.

    validation_data.py SIGNATURE.p7s|DIRECTORY PROFILE

(a DIRECTORY: the newest *-signature.p7s in it, as the demo writes them)

- the four unsigned attributes, once each: complete-certificate-references,
  complete-revocation-references, certificate-values, revocation-values;
- every certificate reference is the SHA-256 and issuer/serial of one
  certificate in certificate-values, and every value is referenced;
- every revocation reference names an OCSP answer or CRL in
  revocation-values by its SHA-256, and every value is referenced;
- P4: an OCSP answer about the signer's certificate, "good"; P3: a CRL of the
  signer's issuer that does not list it (TÜBİTAK's validator's rule);
- the TSA's certificate (from the signature-time-stamp) has status data too;
- each OCSP answer verifies (`openssl ocsp -respin`) and each CRL (`openssl
  crl`) against the issuer found in certificate-values."""

import glob
import hashlib
import os
import subprocess
import sys
import tempfile

from asn1crypto import algos, cms, core, crl, ocsp, tsp, x509  # noqa: F401 (tsp registers attributes)

OIDS = {
    "refs": "1.2.840.113549.1.9.16.2.21",
    "revocation_refs": "1.2.840.113549.1.9.16.2.22",
    "values": "1.2.840.113549.1.9.16.2.23",
    "revocation_values": "1.2.840.113549.1.9.16.2.24",
}
SIGNATURE_TIME_STAMP = "1.2.840.113549.1.9.16.2.14"


# ETSI TS 101 733's explicit module, written here from the standard's ASN.1.
class OtherHashAlgAndValue(core.Sequence):
    _fields = [("hash_algorithm", algos.DigestAlgorithm), ("hash_value", core.OctetString)]


class OtherHash(core.Choice):
    _alternatives = [("sha1_hash", core.OctetString), ("other_hash", OtherHashAlgAndValue)]


class IssuerSerial(core.Sequence):
    _fields = [("issuer", x509.GeneralNames), ("serial_number", core.Integer)]


class OtherCertID(core.Sequence):
    _fields = [("other_cert_hash", OtherHash), ("issuer_serial", IssuerSerial, {"optional": True})]


class CompleteCertificateRefs(core.SequenceOf):
    _child_spec = OtherCertID


class CrlIdentifier(core.Sequence):
    _fields = [("crlissuer", x509.Name), ("crl_issued_time", core.UTCTime), ("crl_number", core.Integer,
                                                                             {"optional": True})]


class CrlValidatedID(core.Sequence):
    _fields = [("crl_hash", OtherHash), ("crl_identifier", CrlIdentifier, {"optional": True})]


class CrlValidatedIDs(core.SequenceOf):
    _child_spec = CrlValidatedID


class CrlListID(core.Sequence):
    _fields = [("crls", CrlValidatedIDs)]


class OcspIdentifier(core.Sequence):
    _fields = [("ocsp_responder_id", ocsp.ResponderId), ("produced_at", core.GeneralizedTime)]


class OcspResponsesID(core.Sequence):
    _fields = [("ocsp_identifier", OcspIdentifier), ("ocsp_rep_hash", OtherHash, {"optional": True})]


class OcspResponsesIDs(core.SequenceOf):
    _child_spec = OcspResponsesID


class OcspListID(core.Sequence):
    _fields = [("ocsp_responses", OcspResponsesIDs)]


class CrlOcspRef(core.Sequence):
    _fields = [("crlids", CrlListID, {"explicit": 0, "optional": True}),
               ("ocspids", OcspListID, {"explicit": 1, "optional": True}),
               ("other_rev", core.Any, {"explicit": 2, "optional": True})]


class CompleteRevocationRefs(core.SequenceOf):
    _child_spec = CrlOcspRef


class CertificateValues(core.SequenceOf):
    _child_spec = x509.Certificate


class CertificateLists(core.SequenceOf):
    _child_spec = crl.CertificateList


class BasicOCSPResponses(core.SequenceOf):
    _child_spec = ocsp.BasicOCSPResponse


class RevocationValues(core.Sequence):
    _fields = [("crl_vals", CertificateLists, {"explicit": 0, "optional": True}),
               ("ocsp_vals", BasicOCSPResponses, {"explicit": 1, "optional": True}),
               ("other_rev_vals", core.Any, {"explicit": 2, "optional": True})]


def sha256(data):
    return hashlib.sha256(data).digest()


def digest_of(other_hash):
    assert other_hash.name == "other_hash", "a SHA-1 hash where SHA-256 is expected"
    value = other_hash.chosen
    assert value["hash_algorithm"]["algorithm"].dotted == "2.16.840.1.101.3.4.2.1", value.native
    return value["hash_value"].native


def one_attribute(attributes, oid, spec):
    found = [a for a in attributes if a["type"].dotted == oid]
    assert len(found) == 1 and len(found[0]["values"]) == 1, "%s: %d times" % (oid, len(found))
    return spec.load(found[0]["values"][0].dump())


def openssl(arguments):
    run = subprocess.run(["openssl"] + arguments, capture_output=True, text=True)
    return run.returncode, run.stdout + run.stderr


def main(path, profile):
    if os.path.isdir(path):
        signatures = sorted(glob.glob(os.path.join(path, "*-signature.p7s")), key=os.path.getmtime)
        assert signatures, "no *-signature.p7s in " + path
        path = signatures[-1]
    info = cms.ContentInfo.load(open(path, "rb").read())
    signed = info["content"]
    signer_info = signed["signer_infos"][0]
    unsigned = signer_info["unsigned_attrs"]
    sid = signer_info["sid"].chosen
    signer = next(c.chosen for c in signed["certificates"]
                  if c.chosen.serial_number == sid["serial_number"].native and c.chosen.issuer == sid["issuer"])

    stamp = next(a for a in unsigned if a["type"].dotted == SIGNATURE_TIME_STAMP)["values"][0]
    token = cms.ContentInfo.load(stamp.dump())["content"]
    tsa_sid = token["signer_infos"][0]["sid"].chosen
    tsa = next(c.chosen for c in token["certificates"] if c.chosen.serial_number == tsa_sid["serial_number"].native)

    refs = one_attribute(unsigned, OIDS["refs"], CompleteCertificateRefs)
    revocation_refs = one_attribute(unsigned, OIDS["revocation_refs"], CompleteRevocationRefs)
    values = one_attribute(unsigned, OIDS["values"], CertificateValues)
    revocation_values = one_attribute(unsigned, OIDS["revocation_values"], RevocationValues)

    by_hash = {sha256(c.dump()): c for c in values}
    assert len(by_hash) == len(values), "a certificate is in certificate-values twice"
    assert signer.dump() not in [c.dump() for c in values], "the signer's certificate is in certificate-values"
    referenced = set()
    for ref in refs:
        certificate = by_hash.get(digest_of(ref["other_cert_hash"]))
        assert certificate is not None, "a certificate reference names no certificate value"
        serial = ref["issuer_serial"]
        assert serial["serial_number"].native == certificate.serial_number
        assert serial["issuer"][0].chosen == certificate.issuer
        referenced.add(certificate.dump())
    assert len(referenced) == len(values), "a certificate value has no reference"

    crls = list(revocation_values["crl_vals"]) if revocation_values["crl_vals"].native is not None else []
    answers = list(revocation_values["ocsp_vals"]) if revocation_values["ocsp_vals"].native is not None else []
    crl_hashes = {sha256(c.dump()) for c in crls}
    answer_hashes = {sha256(a.dump()) for a in answers}
    named = set()
    for ref in revocation_refs:
        if ref["ocspids"].native is not None:
            for response_id in ref["ocspids"]["ocsp_responses"]:
                digest = digest_of(response_id["ocsp_rep_hash"])
                assert digest in answer_hashes, "an OCSP reference names no OCSP value"
                named.add(digest)
        if ref["crlids"].native is not None:
            for validated in ref["crlids"]["crls"]:
                digest = digest_of(validated["crl_hash"])
                assert digest in crl_hashes, "a CRL reference names no CRL value"
                named.add(digest)
    assert named == crl_hashes | answer_hashes, "a revocation value has no reference"

    def answered_about(certificate):
        for answer in answers:
            for single in answer["tbs_response_data"]["responses"]:
                if single["cert_id"]["serial_number"].native == certificate.serial_number:
                    return answer, single["cert_status"].name
        return None, None

    def crl_of(certificate):
        return next((c for c in crls if c["tbs_cert_list"]["issuer"] == certificate.issuer), None)

    answer, status = answered_about(signer)
    if profile == "P4":
        assert answer is not None and status == "good", "P4: no good OCSP answer about the signer (%s)" % status
    else:
        found = crl_of(signer)
        assert found is not None, "P3: no CRL of the signer's issuer"
        listed = [r["user_certificate"].native for r in (found["tbs_cert_list"]["revoked_certificates"] or [])]
        assert signer.serial_number not in listed, "P3: the CRL lists the signer"
    assert answered_about(tsa)[0] is not None or crl_of(tsa) is not None, "no status data for the TSA"

    # OpenSSL verifies each answer and each CRL with the issuer from certificate-values: offline.
    every = list(values) + [signer]
    with tempfile.TemporaryDirectory() as work:
        for number, answer in enumerate(answers):
            about = answer["tbs_response_data"]["responses"][0]["cert_id"]
            assert about["hash_algorithm"]["algorithm"].native == "sha1", about.native
            issuer = next(c for c in every if c.public_key.sha1 == about["issuer_key_hash"].native)
            response = ocsp.OCSPResponse({"response_status": "successful", "response_bytes": {
                "response_type": "basic_ocsp_response", "response": answer}})
            response_file = os.path.join(work, "ocsp%d.der" % number)
            issuer_file = os.path.join(work, "issuer%d.pem" % number)
            open(response_file, "wb").write(response.dump())
            open(issuer_file, "wb").write(x509_pem(issuer))
            code, out = openssl(["ocsp", "-respin", response_file, "-CAfile", issuer_file, "-partial_chain",
                                 "-resp_text"])
            assert code == 0 and "Response verify OK" in out, out
        for number, revocation_list in enumerate(crls):
            issuer = next(c for c in every if c.subject == revocation_list["tbs_cert_list"]["issuer"])
            crl_file = os.path.join(work, "crl%d.der" % number)
            issuer_file = os.path.join(work, "crl-issuer%d.pem" % number)
            open(crl_file, "wb").write(revocation_list.dump())
            open(issuer_file, "wb").write(x509_pem(issuer))
            code, out = openssl(["crl", "-inform", "DER", "-in", crl_file, "-CAfile", issuer_file, "-noout"])
            assert code == 0 and "verify OK" in out, out
    print("validation data: %d certificates, %d OCSP answers, %d CRLs, all referenced; %s rules met" %
          (len(values), len(answers), len(crls), profile))


def x509_pem(certificate):
    from asn1crypto import pem
    return pem.armor("CERTIFICATE", certificate.dump())


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
