// The portal's OCSP responder (POST /ocsp) on any bytes: always an
// OCSPResponse; a successful one is signed by the CA's delegated responder
// (OpenSSL verifies it) and answers each certificate asked about.

#include "fuzz_check.hpp"
#include "portal/pki/test_pki.hpp"
#include "portal/revocation/certificate_status.hpp"
#include "portal/store/database.hpp"
#include "portal/store/revocation_store.hpp"

#include <openssl/ocsp.h>
#include <openssl/pem.h>

#include <unistd.h>
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>

namespace {

namespace portal = nes::portal;

struct Responder {
  std::unique_ptr<portal::store::Database> database;
  std::unique_ptr<portal::store::RevocationStore> revocations;
  std::unique_ptr<portal::revocation::CertificateStatus> status;
  X509_STORE* anchors = X509_STORE_new();
};

// The responder's database file and SQLite's companions, removed at exit
// (after the responder, which is made later and so destroyed first).
struct RemovedAtExit {
  std::filesystem::path path;
  ~RemovedAtExit() {
    std::error_code ignored;
    for (const char* suffix : {"", "-wal", "-shm", "-journal"})
      std::filesystem::remove(path.string() + suffix, ignored);
  }
};

Responder& responder() {
  static Responder r = [] {
    Responder made;
    const auto path = std::filesystem::temp_directory_path() / ("nes-fuzz-ocsp-" + std::to_string(::getpid()) + ".db");
    static const RemovedAtExit removed{path};
    std::filesystem::remove(path);
    std::string detail;
    made.database = portal::store::Database::open(path.string(), detail);
    FUZZ_CHECK(made.database);
    made.revocations = std::make_unique<portal::store::RevocationStore>(*made.database);
    made.status = std::make_unique<portal::revocation::CertificateStatus>(*made.revocations);
    const auto ca = portal::pki::make_ca({.common_name = "FUZZ CA"});
    FUZZ_CHECK(made.status->add_authority("esign", ca.certificate_pem, ca.private_key_pem, detail));
    BIO* bio = BIO_new_mem_buf(ca.certificate_pem.data(), static_cast<int>(ca.certificate_pem.size()));
    X509* certificate = PEM_read_bio_X509(bio, nullptr, nullptr, nullptr);
    X509_STORE_add_cert(made.anchors, certificate);
    X509_free(certificate);
    BIO_free(bio);
    return made;
  }();
  return r;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string answer = responder().status->answer(std::string_view(reinterpret_cast<const char*>(data), size));
  const auto* cursor = reinterpret_cast<const unsigned char*>(answer.data());
  OCSP_RESPONSE* response = d2i_OCSP_RESPONSE(nullptr, &cursor, static_cast<long>(answer.size()));
  FUZZ_CHECK(response != nullptr);
  if (OCSP_response_status(response) == OCSP_RESPONSE_STATUS_SUCCESSFUL) {
    OCSP_BASICRESP* basic = OCSP_response_get1_basic(response);
    FUZZ_CHECK(basic != nullptr);
    FUZZ_CHECK(OCSP_basic_verify(basic, nullptr, responder().anchors, 0) == 1);
    FUZZ_CHECK(OCSP_resp_count(basic) >= 1);
    OCSP_BASICRESP_free(basic);
  }
  OCSP_RESPONSE_free(response);
  return 0;
}
