#!/usr/bin/env python3
"""Parses a CAdES signature with Debian's python3-asn1crypto, independently of
OpenSSL and of the SDK, and checks every signed attribute against what the
portal's profile asks for.

    cades_attributes.py DIRECTORY PROFILE POLICY_DOCUMENT [TSA_CA]

DIRECTORY holds the demo's APP-document.txt and APP-signature.p7s (the newest
pair is checked). PROFILE is BES, P2, P3 or P4; POLICY_DOCUMENT is the file
whose SHA-256 a P2-P4 signature must name. A P2-P4 signature must carry one
signature-time-stamp (CAdES-T): its token is parsed here (the imprint is the
SHA-256 of the signature value, its time within three hours after the
signing time) and verified by `openssl ts -verify` against TSA_CA."""

import datetime
import glob
import hashlib
import os
import subprocess
import sys
import tempfile

from asn1crypto import algos, cms, core, tsp, x509  # tsp registers the ESS attributes

POLICY_OIDS = {"P2": "2.16.792.1.61.0.1.5070.3.1.1", "P3": "2.16.792.1.61.0.1.5070.3.2.1",
               "P4": "2.16.792.1.61.0.1.5070.3.3.1"}
PROOF_OF_APPROVAL = "1.2.840.113549.1.9.16.6.5"


# ETSI EN 319 122-1, 5.2.9 and 5.2.3, written here from the standard's ASN.1.
class OtherHashAlgAndValue(core.Sequence):
    _fields = [("hash_algorithm", algos.DigestAlgorithm), ("hash_value", core.OctetString)]


class SigPolicyQualifierInfo(core.Sequence):
    _fields = [("sig_policy_qualifier_id", core.ObjectIdentifier), ("sig_qualifier", core.Any)]


class SigPolicyQualifierInfos(core.SequenceOf):
    _child_spec = SigPolicyQualifierInfo


class SignaturePolicyId(core.Sequence):
    _fields = [("sig_policy_id", core.ObjectIdentifier), ("sig_policy_hash", OtherHashAlgAndValue),
               ("sig_policy_qualifiers", SigPolicyQualifierInfos, {"optional": True})]


class CommitmentTypeIndication(core.Sequence):
    _fields = [("commitment_type_id", core.ObjectIdentifier),
               ("commitment_type_qualifier", core.SequenceOf, {"optional": True})]


def set_of(spec):
    return type("SetOf" + spec.__name__, (core.SetOf,), {"_child_spec": spec})


cms.CMSAttributeType._map["1.2.840.113549.1.9.16.2.15"] = "signature_policy_identifier"
cms.CMSAttributeType._map["1.2.840.113549.1.9.16.2.16"] = "commitment_type_indication"
cms.CMSAttribute._oid_specs["signature_policy_identifier"] = set_of(SignaturePolicyId)
cms.CMSAttribute._oid_specs["commitment_type_indication"] = set_of(CommitmentTypeIndication)


def newest_pair(directory):
    signatures = sorted(glob.glob(os.path.join(directory, "*-signature.p7s")), key=os.path.getmtime)
    assert signatures, "no *-signature.p7s in " + directory
    signature = signatures[-1]
    return signature, signature[: -len("-signature.p7s")] + "-document.txt"


def main():
    directory, profile, policy_path = sys.argv[1], sys.argv[2], sys.argv[3]
    signature_path, document_path = newest_pair(directory)
    with open(signature_path, "rb") as f:
        info = cms.ContentInfo.load(f.read(), strict=True)
    with open(document_path, "rb") as f:
        document = f.read()
    assert info["content_type"].native == "signed_data"
    signed = info["content"]
    assert signed["encap_content_info"]["content"].native is None, "not detached"
    assert len(signed["signer_infos"]) == 1, "one signer"
    signer = signed["signer_infos"][0]
    assert signer["digest_algorithm"]["algorithm"].native == "sha256"
    certificate = signed["certificates"][0].chosen
    assert isinstance(certificate, x509.Certificate)

    attributes = {}
    for attribute in signer["signed_attrs"]:
        name = attribute["type"].native
        assert name not in attributes, name + " appears twice"
        assert len(attribute["values"]) == 1, name + " must have one value"
        attributes[name] = attribute["values"][0]
    expected = {"content_type", "message_digest", "signing_time", "signing_certificate_v2",
                "commitment_type_indication"} | ({"signature_policy_identifier"} if profile != "BES" else set())
    assert set(attributes) == expected, "attributes %s, expected %s" % (sorted(attributes), sorted(expected))

    assert attributes["content_type"].native == "data"
    assert attributes["message_digest"].native == hashlib.sha256(document).digest(), "message-digest"
    signed_at = attributes["signing_time"].native
    now = datetime.datetime.now(datetime.timezone.utc)
    assert now - datetime.timedelta(hours=1) < signed_at <= now + datetime.timedelta(minutes=5), signed_at

    ess = attributes["signing_certificate_v2"]["certs"][0]
    assert ess["hash_algorithm"]["algorithm"].native == "sha256"
    assert ess["cert_hash"].native == hashlib.sha256(certificate.dump()).digest(), "ESS cert hash"
    assert ess["issuer_serial"]["serial_number"].native == certificate.serial_number

    commitment = attributes["commitment_type_indication"]
    assert commitment["commitment_type_id"].dotted == PROOF_OF_APPROVAL, commitment["commitment_type_id"].dotted
    if profile != "BES":
        with open(policy_path, "rb") as f:
            policy_digest = hashlib.sha256(f.read()).digest()
        policy = attributes["signature_policy_identifier"]
        assert policy["sig_policy_id"].dotted == POLICY_OIDS[profile], policy["sig_policy_id"].dotted
        assert policy["sig_policy_hash"]["hash_algorithm"]["algorithm"].native == "sha256"
        assert policy["sig_policy_hash"]["hash_value"].native == policy_digest, "policy digest"
    stamped = ""
    if profile != "BES":
        stamped = check_time_stamp(signer, signed_at, sys.argv[4] if len(sys.argv) > 4 else None)
    print("%s: %s, each once: %s%s" % (os.path.basename(signature_path), profile, ", ".join(sorted(attributes)),
                                        stamped))


def check_time_stamp(signer, signed_at, tsa_ca):
    """The one signature-time-stamp: its token over the signature value, its time, and openssl ts -verify."""
    unsigned = [a for a in (signer["unsigned_attrs"] or []) if a["type"].native == "signature_time_stamp_token"]
    assert len(unsigned) == 1 and len(unsigned[0]["values"]) == 1, "one signature-time-stamp with one token"
    token = unsigned[0]["values"][0]
    assert token["content_type"].native == "signed_data"
    tst_info = token["content"]["encap_content_info"]["content"].parsed
    imprint = tst_info["message_imprint"]
    signature_value = signer["signature"].native
    assert imprint["hash_algorithm"]["algorithm"].native == "sha256"
    assert imprint["hashed_message"].native == hashlib.sha256(signature_value).digest(), "imprint"
    stamped_at = tst_info["gen_time"].native
    assert signed_at - datetime.timedelta(minutes=5) <= stamped_at <= signed_at + datetime.timedelta(hours=3), \
        (signed_at, stamped_at)
    if tsa_ca:
        with tempfile.NamedTemporaryFile(suffix=".tst") as out:
            out.write(token.dump())
            out.flush()
            done = subprocess.run(["openssl", "ts", "-verify", "-digest", hashlib.sha256(signature_value).hexdigest(),
                                   "-token_in", "-in", out.name, "-CAfile", tsa_ca], capture_output=True, text=True)
            assert done.returncode == 0 and "Verification: OK" in done.stdout, done.stdout + done.stderr
    return "; signature-time-stamp %s by %s%s" % (stamped_at.isoformat(), tst_info["tsa"].native if tst_info["tsa"]
                                                   else "the TSA", ", openssl ts -verify: OK" if tsa_ca else "")


if __name__ == "__main__":
    main()
