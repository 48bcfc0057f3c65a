#pragma once
// A certificate's status with its issuer now, as its OCSP responder or its
// CRL says (RFC 6960, RFC 5280): good, suspended (certificateHold) or revoked.
// `nes token list --check-status` shows the token's certificates this way.
//
//   nes::StatusChecker checker(transport, sources);
//   auto [ec, status] = co_await checker.async_check(certificate_pem, token);
//
// Thread safety: a StatusChecker may check several certificates at once.

#include <nes/detail/async.hpp>
#include <nes/export.hpp>
#include <nes/transport.hpp>
#include <nes/validation_data_signer.hpp>

#include <chrono>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>

namespace nes {

/// Where a certificate stands with its issuer.
enum class RevocationStatus {
  good,       ///< neither revoked nor suspended
  suspended,  ///< on hold (CRL reason certificateHold); it may come back
  revoked,    ///< for good
};

/// "good", "suspended", "revoked".
NES_EXPORT std::string_view to_string(RevocationStatus status) noexcept;

/// What a status check found.
struct NES_EXPORT StatusCheck {
  RevocationStatus status = RevocationStatus::good;  ///< what the source said
  /// When it was revoked or suspended, as the source said.
  std::optional<std::chrono::system_clock::time_point> since;
  /// The RFC 5280 reason ("keyCompromise", "certificateHold"); empty when good or none given.
  std::string reason;
  /// "OCSP" or "CRL": what answered.
  std::string source;
};

/// Asks a certificate's OCSP responder (its authorityInfoAccess, else
/// ValidationSources::default_ocsp_url), and its CRL when OCSP gives no
/// answer. The issuer comes from ValidationSources::ca_certificates_pem;
/// answers are checked as for validation data (signed by the issuer or its
/// delegated responder, current, about that certificate).
class NES_EXPORT StatusChecker {
 public:
  /// The executor the checks run on: the transport's.
  using executor_type = boost::asio::any_io_executor;

  /// Checks over `transport`, with the issuers in `sources`.
  StatusChecker(std::shared_ptr<Transport> transport, ValidationSources sources);

  /// The transport's executor.
  [[nodiscard]] executor_type get_executor() const;

  /// The status of `certificate_pem`. errc::revocation_unavailable (with
  /// the problem revocation_source_missing, _unreachable, ocsp_answer_invalid,
  /// crl_invalid) when neither source gave one; errc::invalid_argument when
  /// the certificate cannot be read or its issuer is not among the sources.
  template <class Token = boost::asio::default_completion_token_t<executor_type>>
  auto async_check(std::string certificate_pem, Token&& token = {}) const {
    return detail::initiate<StatusCheck>(std::forward<Token>(token), [state = state_, pem = std::move(certificate_pem)](
                                                                         ResultHandler<StatusCheck> h) mutable {
      check_impl(state, std::move(pem), std::move(h));
    });
  }

  struct State;  ///< the transport and the parsed issuers

 private:
  static void check_impl(std::shared_ptr<const State> state, std::string certificate_pem,
                         ResultHandler<StatusCheck> handler);
  std::shared_ptr<const State> state_;
};

}  // namespace nes
