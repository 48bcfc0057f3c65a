#pragma once
// CAdES-T: a Signer that time-stamps what another Signer signs. The inner
// signer's CMS gets a signature-time-stamp (ETSI EN 319 122-1: an RFC 3161
// token over the signature value) from a TimestampClient, so that the
// signature proves it existed at that time, as BTK's profiles P2-P4 require:
//
//   auto card = nes::Pkcs11Signer::create(...);
//   auto signer = std::make_shared<nes::TimestampingSigner>(card, std::move(tsa));
//   co_await approver.async_approve(signer, token);
//
// Each signature costs one time-stamp credit. The time stamp's refusal
// (errc::timestamp_refused, "Not enough credit") or an invalid token
// (errc::timestamp_invalid) fails the signature with that Problem; the
// inner signature is not returned without its time stamp.

#include <nes/export.hpp>
#include <nes/signer.hpp>
#include <nes/timestamp_client.hpp>

#include <memory>

namespace nes {

/// A Signer whose signatures carry a signature-time-stamp (CAdES-T).
class NES_EXPORT TimestampingSigner final : public Signer {
 public:
  /// Signs with `signer`, time-stamps with `timestamps`.
  TimestampingSigner(std::shared_ptr<Signer> signer, TimestampClient timestamps);

  /// The inner signer's executor.
  [[nodiscard]] executor_type get_executor() const override;

  /// Signs with the inner signer, then time-stamps the signature value.
  void start_sign(std::string document, SignatureProfile profile, ResultHandler<Signature> handler) override;

 private:
  std::shared_ptr<Signer> signer_;
  TimestampClient timestamps_;
};

}  // namespace nes
