#pragma once
// The person's certificates at the portal (Online İşlemler, the seed's step
// 7): Sertifika Listeleme, and suspending, lifting a suspension (Askıdan
// İndirme) and revoking (Sertifikamı İptal Et), each confirmed with an SMS
// code (docs/adr/0016). Each operation is one exchange.
//
// Thread safety: Certificates is a cheap handle; its operations may run at
// once (each is one request on the session).

#include <nes/application_info.hpp>
#include <nes/client.hpp>
#include <nes/detail/async.hpp>
#include <nes/export.hpp>
#include <nes/issued_certificate.hpp>
#include <nes/secret.hpp>

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace nes {

/// What a person may ask to change about their certificate, each confirmed
/// with an SMS code.
enum class CertificateChange {
  suspend,    ///< put on hold (CRL reason certificateHold): it cannot sign meanwhile
  unsuspend,  ///< Askıdan İndirme: lift the suspension
  revoke,     ///< Sertifikamı İptal Et: for good (Law 5070, article 11)
};

/// "suspend", "unsuspend", "revoke": the protocol's names.
NES_EXPORT std::string_view to_string(CertificateChange change) noexcept;
/// The change of that protocol name, or nullopt for another.
NES_EXPORT std::optional<CertificateChange> certificate_change_from_string(std::string_view name) noexcept;

/// A change asked for, waiting for the SMS code sent to the application's phone.
struct NES_EXPORT PendingChange {
  std::string id;                                         ///< the portal's confirmation ("cnf_…")
  std::string serial;                                     ///< the certificate's
  CertificateChange change = CertificateChange::suspend;  ///< what was asked
  std::string reason;  ///< a revocation's RFC 5280 reason ("keyCompromise"); empty otherwise
  OtpStatus otp;       ///< where the code went, its deadline and the tries it takes
};

/// A release of the card's PUK asked for (PIN Oluşturma/Kilit Çözme): the
/// security word was right, and the SMS code is on its way.
struct NES_EXPORT PendingPukRelease {
  std::string id;      ///< the portal's confirmation ("cnf_…")
  std::string serial;  ///< the certificate's
  OtpStatus otp;       ///< where the code went, its deadline and the tries it takes
};

namespace detail {
class CertificatesImpl;
}  // namespace detail

/// The logged-in person's certificates.
class NES_EXPORT Certificates {
 public:
  /// The executor the handle's operations run on.
  using executor_type = boost::asio::any_io_executor;

  /// The certificates of the person logged in to `session`.
  explicit Certificates(Session session);

  /// The session's executor.
  [[nodiscard]] executor_type get_executor() const;

  /// Sertifika Listeleme: every certificate issued to the person, newest
  /// first, with its state as the portal sees it now.
  template <class Token = boost::asio::default_completion_token_t<executor_type>>
  auto async_list(Token&& token = {}) const {
    return detail::initiate<std::vector<IssuedCertificate>>(
        std::forward<Token>(token),
        [impl = impl_](ResultHandler<std::vector<IssuedCertificate>> h) { list_impl(impl, std::move(h)); });
  }

  /// Asks to suspend, unsuspend or revoke the certificate `serial`; the
  /// portal sends an SMS code and nothing changes until it is confirmed.
  /// `reason` is a revocation's RFC 5280 reason the holder may give
  /// (unspecified, keyCompromise, affiliationChanged, superseded,
  /// cessationOfOperation, privilegeWithdrawn); empty for the others. The
  /// portal refuses what the certificate's state does not allow
  /// (certificate_suspended, certificate_not_suspended, certificate_revoked,
  /// certificate_expired). Never sent twice by the SDK: each request sends a
  /// new code.
  template <class Token = boost::asio::default_completion_token_t<executor_type>>
  auto async_request_change(std::string serial, CertificateChange change, std::string reason = {},
                            Token&& token = {}) const {
    return detail::initiate<PendingChange>(
        std::forward<Token>(token), [impl = impl_, serial = std::move(serial), change,
                                     reason = std::move(reason)](ResultHandler<PendingChange> h) mutable {
          request_change_impl(impl, std::move(serial), change, std::move(reason), std::move(h));
        });
  }

  /// Confirms `pending` with the SMS code the person typed: the change is
  /// made and the certificate comes back as it stands. A wrong code is the
  /// portal's otp_invalid (with the tries left), never retried by the SDK.
  template <class Token = boost::asio::default_completion_token_t<executor_type>>
  auto async_confirm_change(const PendingChange& pending, SecretString code, Token&& token = {}) const {
    return detail::initiate<IssuedCertificate>(
        std::forward<Token>(token), [impl = impl_, serial = pending.serial, id = pending.id,
                                     code = std::move(code)](ResultHandler<IssuedCertificate> h) mutable {
          confirm_change_impl(impl, std::move(serial), std::move(id), std::move(code), std::move(h));
        });
  }

  /// PIN Oluşturma/Kilit Çözme: asks for the card's PUK of certificate
  /// `serial` with the security word of its application (the form's
  /// certificate.security_word); the portal sends an SMS code. A wrong word
  /// is security_word_incorrect with the tries left, and the third locks the
  /// release (security_word_locked); no_security_word and puk_released send
  /// the person to Kamu SM's office. Never retried by the SDK.
  template <class Token = boost::asio::default_completion_token_t<executor_type>>
  auto async_request_puk(std::string serial, SecretString security_word, Token&& token = {}) const {
    return detail::initiate<PendingPukRelease>(
        std::forward<Token>(token), [impl = impl_, serial = std::move(serial),
                                     word = std::move(security_word)](ResultHandler<PendingPukRelease> h) mutable {
          request_puk_impl(impl, std::move(serial), std::move(word), std::move(h));
        });
  }

  /// The card's PUK for the SMS code, once (afterwards puk_released): give
  /// it to Pkcs11Signer::async_unblock_pin. A wrong code is otp_invalid with
  /// the tries left, never retried by the SDK.
  template <class Token = boost::asio::default_completion_token_t<executor_type>>
  auto async_confirm_puk(const PendingPukRelease& pending, SecretString code, Token&& token = {}) const {
    return detail::initiate<SecretString>(
        std::forward<Token>(token), [impl = impl_, serial = pending.serial, id = pending.id,
                                     code = std::move(code)](ResultHandler<SecretString> h) mutable {
          confirm_puk_impl(impl, std::move(serial), std::move(id), std::move(code), std::move(h));
        });
  }

 private:
  using Impl = std::shared_ptr<detail::CertificatesImpl>;
  static void list_impl(Impl impl, ResultHandler<std::vector<IssuedCertificate>> handler);
  static void request_change_impl(Impl impl, std::string serial, CertificateChange change, std::string reason,
                                  ResultHandler<PendingChange> handler);
  static void confirm_change_impl(Impl impl, std::string serial, std::string id, SecretString code,
                                  ResultHandler<IssuedCertificate> handler);
  static void request_puk_impl(Impl impl, std::string serial, SecretString security_word,
                               ResultHandler<PendingPukRelease> handler);
  static void confirm_puk_impl(Impl impl, std::string serial, std::string id, SecretString code,
                               ResultHandler<SecretString> handler);

  Impl impl_;
  Session session_;
};

}  // namespace nes
