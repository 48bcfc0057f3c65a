#include "cades/ocsp_signer.hpp"

#include <openssl/err.h>

#include <memory>

namespace nes::cades {

namespace {

struct StoreFree {
  void operator()(X509_STORE* p) const noexcept { X509_STORE_free(p); }
};
struct CertificatesFree {
  void operator()(STACK_OF(X509) * p) const noexcept { sk_X509_free(p); }
};

}  // namespace

bool signed_by_issuer_or_delegate(OCSP_BASICRESP* answer, X509* issuer) {
  const std::unique_ptr<X509_STORE, StoreFree> store(X509_STORE_new());
  const std::unique_ptr<STACK_OF(X509), CertificatesFree> issuers(sk_X509_new_null());
  const bool verified = store && issuers && X509_STORE_add_cert(store.get(), issuer) == 1 &&
                        X509_STORE_set_flags(store.get(), X509_V_FLAG_PARTIAL_CHAIN) == 1 &&
                        sk_X509_push(issuers.get(), issuer) > 0 &&
                        OCSP_basic_verify(answer, issuers.get(), store.get(), 0) == 1;
  ERR_clear_error();
  return verified;
}

}  // namespace nes::cades
