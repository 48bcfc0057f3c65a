// The SDK's reading of an OCSP answer and of a CRL (validation data for P3
// and P4) on any bytes: never believed unless the CA signed it. The fuzzer
// cannot forge the fixed CA's signature, so nothing it makes may pass as
// evidence; every refusal has its code.

#include "fuzz_check.hpp"
#include "portal/pki/test_pki.hpp"
#include "validation/status_evidence.hpp"

#include <openssl/pem.h>

#include <cstddef>
#include <cstdint>
#include <ctime>
#include <memory>
#include <string>

namespace {

namespace validation = nes::validation;

X509* certificate_from(const std::string& pem) {
  BIO* bio = BIO_new_mem_buf(pem.data(), static_cast<int>(pem.size()));
  X509* certificate = PEM_read_bio_X509(bio, nullptr, nullptr, nullptr);
  BIO_free(bio);
  return certificate;
}

struct Fixed {
  X509* issuer = nullptr;
  X509* certificate = nullptr;
  std::unique_ptr<validation::OcspQuery> query;
};

Fixed& fixed() {
  static Fixed f = [] {
    Fixed made;
    const auto ca = nes::portal::pki::make_ca({.common_name = "FUZZ CA"});
    made.issuer = certificate_from(ca.certificate_pem);
    made.certificate =
        certificate_from(nes::portal::pki::issue(ca, {.common_name = "FUZZ", .non_repudiation = true}).certificate_pem);
    made.query = validation::make_ocsp_query(made.certificate, made.issuer);
    FUZZ_CHECK(made.query);
    return made;
  }();
  return f;
}

void check_refusal(const validation::StatusRefusal& refusal) {
  FUZZ_CHECK(refusal.ec);
  FUZZ_CHECK(!refusal.problem.code.empty());
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view body(reinterpret_cast<const char*>(data), size);
  auto& f = fixed();
  const auto answer = validation::read_ocsp_answer(200, body, *f.query, f.issuer, std::time(nullptr));
  FUZZ_CHECK(std::holds_alternative<validation::StatusRefusal>(answer));
  check_refusal(std::get<validation::StatusRefusal>(answer));
  const auto crl = validation::read_crl(200, body, f.certificate, f.issuer, std::time(nullptr));
  FUZZ_CHECK(std::holds_alternative<validation::StatusRefusal>(crl));
  check_refusal(std::get<validation::StatusRefusal>(crl));
  return 0;
}
