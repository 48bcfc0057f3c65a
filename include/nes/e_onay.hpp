#pragma once
// E-Onay (Online İşlemler, the seed's step 7; docs/adr/0016): a person's
// standing consent, e-signed once over the portal's text, that their later
// applications are approved by the SMS code alone ("e-onaylı",
// Application::async_approve_by_e_onay). Withdrawn at will. Each operation is
// one exchange; the signature is the caller's (any Signer, to the portal's
// signature profile).
//
// Thread safety: EOnay is a cheap handle; its operations may run at once.

#include <nes/client.hpp>
#include <nes/detail/async.hpp>
#include <nes/export.hpp>

#include <chrono>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

namespace nes {

/// Where a person's E-Onay stands.
enum class EOnayState {
  none,       ///< never given
  given,      ///< stands: applications may be approved by it
  withdrawn,  ///< given, then withdrawn
};

/// "none", "given", "withdrawn": the protocol's names.
NES_EXPORT std::string_view to_string(EOnayState state) noexcept;

/// A person's E-Onay as the portal holds it.
struct NES_EXPORT EOnayStatus {
  EOnayState state = EOnayState::none;                                  ///< where it stands
  std::optional<std::chrono::system_clock::time_point> given_at{};      ///< when last given
  std::optional<std::chrono::system_clock::time_point> withdrawn_at{};  ///< when withdrawn
};

namespace detail {
class EOnayImpl;
}  // namespace detail

/// The logged-in person's E-Onay.
class NES_EXPORT EOnay {
 public:
  /// The executor the handle's operations run on.
  using executor_type = boost::asio::any_io_executor;

  /// The E-Onay of the person logged in to `session`.
  explicit EOnay(Session session);

  /// The session's executor.
  [[nodiscard]] executor_type get_executor() const;

  /// Where it stands.
  template <class Token = boost::asio::default_completion_token_t<executor_type>>
  auto async_status(Token&& token = {}) const {
    return detail::initiate<EOnayStatus>(
        std::forward<Token>(token), [impl = impl_](ResultHandler<EOnayStatus> h) { status_impl(impl, std::move(h)); });
  }

  /// The exact consent text to sign: the person's own, the same each time.
  template <class Token = boost::asio::default_completion_token_t<executor_type>>
  auto async_document(Token&& token = {}) const {
    return detail::initiate<std::string>(std::forward<Token>(token), [impl = impl_](ResultHandler<std::string> h) {
      document_impl(impl, std::move(h));
    });
  }

  /// Gives the consent: a detached CMS (DER) over async_document()'s text,
  /// to the portal's signature profile (PortalInfo::signature), by the
  /// person's NES; checked as an approval's signature is, each refusal with
  /// its code. Given again, it replaces the one before.
  template <class Token = boost::asio::default_completion_token_t<executor_type>>
  auto async_give(std::string cms_der, Token&& token = {}) const {
    return detail::initiate<EOnayStatus>(
        std::forward<Token>(token), [impl = impl_, cms = std::move(cms_der)](ResultHandler<EOnayStatus> h) mutable {
          give_impl(impl, std::move(cms), std::move(h));
        });
  }

  /// Withdraws it; e_onay_not_given when none stands.
  template <class Token = boost::asio::default_completion_token_t<executor_type>>
  auto async_withdraw(Token&& token = {}) const {
    return detail::initiate<EOnayStatus>(std::forward<Token>(token), [impl = impl_](ResultHandler<EOnayStatus> h) {
      withdraw_impl(impl, std::move(h));
    });
  }

 private:
  using Impl = std::shared_ptr<detail::EOnayImpl>;
  static void status_impl(Impl impl, ResultHandler<EOnayStatus> handler);
  static void document_impl(Impl impl, ResultHandler<std::string> handler);
  static void give_impl(Impl impl, std::string cms_der, ResultHandler<EOnayStatus> handler);
  static void withdraw_impl(Impl impl, ResultHandler<EOnayStatus> handler);

  Impl impl_;
  Session session_;
};

}  // namespace nes
