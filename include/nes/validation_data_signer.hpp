#pragma once
// CAdES-X-L for BTK's long-term profiles: a Signer that adds to a
// time-stamped signature (TimestampingSigner) the validation data a verifier
// needs offline. For P4 the signer's certificate's status comes from OCSP
// and for P3 from its CA's CRL, as TÜBİTAK's validator demands; the other
// certificates of the paths (the TSA's, intermediate CAs) by the same means,
// with the other as fallback. Then the certificates (certificate-values),
// the OCSP answers and CRLs (revocation-values) and their references
// (complete-certificate-references, complete-revocation-references) go into
// the signature's unsigned attributes:
//
//   auto stamped = std::make_shared<nes::TimestampingSigner>(card, std::move(tsa));
//   auto signer = std::make_shared<nes::ValidationDataSigner>(stamped, transport, std::move(sources));
//   co_await approver.async_approve(signer, token);
//
// Every answer is checked before it is kept: an OCSP answer signed by the
// certificate's CA or a responder it delegated to, about that certificate,
// current, with the nonce sent; a CRL signed by the CA and current. A
// revoked certificate fails the signature (errc::certificate_revoked); so
// does a status that cannot be had (errc::revocation_unavailable). For the
// other profiles (BES, P2) the inner signature is returned unchanged.

#include <nes/export.hpp>
#include <nes/signer.hpp>
#include <nes/transport.hpp>

#include <memory>
#include <string>
#include <vector>

namespace nes {

/// Where the validation data comes from. Not an aggregate on purpose (ADR 0002).
class NES_EXPORT ValidationSources {
 public:
  ValidationSources() = default;
  /// The CA certificates (PEM; several per text allowed) that complete the
  /// signer's and the TSA's paths, up to and including their roots.
  std::vector<std::string> ca_certificates_pem;
  /// The OCSP responder asked about a certificate that names none of its
  /// own (authorityInfoAccess), e.g. a TSA certificate without one. Empty:
  /// such a certificate's status comes from its CRL only.
  std::string default_ocsp_url;
};

/// A Signer whose P3 and P4 signatures carry their validation data (CAdES-X-L).
class NES_EXPORT ValidationDataSigner final : public Signer {
 public:
  /// Signs with `signer` (which must time-stamp: a TimestampingSigner), asks
  /// OCSP responders and fetches CRLs over `transport`, with `sources`.
  ValidationDataSigner(std::shared_ptr<Signer> signer, std::shared_ptr<Transport> transport, ValidationSources sources);

  /// The inner signer's executor.
  [[nodiscard]] executor_type get_executor() const override;

  /// Signs with the inner signer, then adds the validation data for P3 and P4.
  void start_sign(std::string document, SignatureProfile profile, ResultHandler<Signature> handler) override;

  struct State;  ///< the inner signer, the transport, the parsed CA certificates

 private:
  std::shared_ptr<const State> state_;
};

}  // namespace nes
