#pragma once
// Step 10: an application, from a form to the portal and back. The form is
// validated locally with the same validators the portal runs, against the
// institution's rules from the catalogue, so an invalid form is never sent.
// The submission carries an idempotency key, so a retried or repeated
// submit returns the same application and can never create a second one.
//
// Thread safety: an Application is a cheap handle; run one of its
// operations at a time (as with an Asio socket).

#include <nes/application_form.hpp>
#include <nes/application_info.hpp>
#include <nes/client.hpp>
#include <nes/detail/async.hpp>
#include <nes/export.hpp>

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <vector>

namespace nes {

namespace detail {
class ApplicationImpl;
}  // namespace detail

/// The ids of the institution's notices the person acknowledged:
/// `{"no_refund"}`, `{"institution_paid", "no_refund"}`, `{}`, or a vector.
/// A class with a variadic constructor, not an aggregate or an
/// initializer_list: GCC 12 cannot compile a braced list of strings inside a
/// co_await, and destroys aggregate temporaries there twice (ADR 0002).
class NES_EXPORT AcknowledgedNotices {
 public:
  AcknowledgedNotices() = default;
  /// The ids of the notices acknowledged.
  AcknowledgedNotices(std::vector<std::string> ids) : ids_(std::move(ids)) {}
  /// The ids of the notices acknowledged, one argument each.
  template <class... Ids>
  requires(sizeof...(Ids) > 0 && (std::is_convertible_v<const Ids&, std::string_view> && ...))
      AcknowledgedNotices(const Ids&... ids) {
    ids_.reserve(sizeof...(Ids));
    (ids_.emplace_back(std::string_view(ids)), ...);
  }

  /// The ids, in the order given.
  [[nodiscard]] const std::vector<std::string>& ids() const noexcept { return ids_; }

 private:
  std::vector<std::string> ids_;
};

/// One application at the portal (steps 10 to 12): submitted from a form, or attached by id.
class NES_EXPORT Application {
 public:
  /// The executor the handle's operations run on.
  using executor_type = boost::asio::any_io_executor;

  /// A new application of `form`. The idempotency key is generated unless
  /// given: give the key a journal kept to make a repeated run submit the
  /// same application again.
  Application(Session session, ApplicationForm form, std::string idempotency_key = {});
  /// A new institution-paid application (Kurum Ödemeli) of `form`, opened by
  /// the access code the portal e-mailed to the work address the
  /// institution's officer gave (Session::async_institution_access gives the
  /// form as the officer's row fills it). Submitted to the institution route;
  /// the SMS code and the approval then go as on the person's route.
  static Application for_institution(Session session, ApplicationForm form, SecretString access_code,
                                     std::string idempotency_key = {});
  /// A renewal of the person's certificate of serial `renews`
  /// (IssuedCertificate::serial, renewal_due): the portal accepts it from
  /// three months before that certificate expires, while it is active and
  /// its contents are unchanged (renewal_not_due, update_required, …), and
  /// only an e-imza approval made with that certificate approves it.
  static Application renewal(Session session, ApplicationForm form, std::string renews,
                             std::string idempotency_key = {});
  /// An existing application, by id (from Başvurularım, a journal, or a
  /// duplicate_application problem). Call async_refresh to load it.
  static Application attach(Session session, std::string id);

  /// The executor of the session.
  [[nodiscard]] executor_type get_executor() const;
  /// The key the submission is sent under: the same key submits once.
  [[nodiscard]] const std::string& idempotency_key() const noexcept;
  /// The id, once submitted or attached; empty before.
  [[nodiscard]] std::string id() const;
  /// The last state the portal reported, if any.
  [[nodiscard]] std::optional<ApplicationInfo> info() const;
  /// The session the application belongs to.
  [[nodiscard]] const Session& session() const noexcept;

  /// Validates the form locally (errc::validation_failed with the field
  /// problems, nothing sent), checks that every notice of the institution
  /// is in `acknowledged_notices` (else errc::validation_failed and the
  /// problem notices_not_acknowledged), then submits. The portal sends the
  /// SMS code; the result is in otp_pending with its OtpStatus. Retried on
  /// lost connections and 503s under the idempotency key. Supports terminal
  /// cancellation.
  template <class Token = boost::asio::default_completion_token_t<executor_type>>
  auto async_submit(AcknowledgedNotices acknowledged_notices, Token&& token = {}) const {
    return detail::initiate<ApplicationInfo>(
        std::forward<Token>(token),
        [impl = impl_, acks = std::move(acknowledged_notices)](ResultHandler<ApplicationInfo> h) mutable {
          submit_impl(impl, std::move(acks), std::move(h));
        });
  }

  /// Reads the application's current state from the portal.
  template <class Token = boost::asio::default_completion_token_t<executor_type>>
  auto async_refresh(Token&& token = {}) const {
    return detail::initiate<ApplicationInfo>(
        std::forward<Token>(token),
        [impl = impl_](ResultHandler<ApplicationInfo> h) { refresh_impl(impl, std::move(h)); });
  }

  /// Cancels the application (before payment only: invalid_transition otherwise).
  template <class Token = boost::asio::default_completion_token_t<executor_type>>
  auto async_cancel(Token&& token = {}) const {
    return detail::initiate<ApplicationInfo>(
        std::forward<Token>(token),
        [impl = impl_](ResultHandler<ApplicationInfo> h) { cancel_impl(impl, std::move(h)); });
  }

  /// Step 12, one exchange at a time (Approver composes them): the exact
  /// bytes to approve, their Repr-Digest checked (errc::protocol_error when
  /// they do not match it).
  template <class Token = boost::asio::default_completion_token_t<executor_type>>
  auto async_approval_document(Token&& token = {}) const {
    return detail::initiate<std::string>(std::forward<Token>(token), [impl = impl_](ResultHandler<std::string> h) {
      approval_document_impl(impl, std::move(h));
    });
  }

  /// The signature profile the portal requires of the approval (PortalInfo's,
  /// asked once per Client): what a Signer signs those bytes to.
  template <class Token = boost::asio::default_completion_token_t<executor_type>>
  auto async_signature_profile(Token&& token = {}) const {
    return detail::initiate<SignatureProfile>(
        std::forward<Token>(token),
        [impl = impl_](ResultHandler<SignatureProfile> h) { signature_profile_impl(impl, std::move(h)); });
  }

  /// Uploads a detached CMS (DER) over those bytes; the application is then
  /// `submitted`. A lost answer is followed by a read of the status, not by
  /// a second upload.
  template <class Token = boost::asio::default_completion_token_t<executor_type>>
  auto async_upload_signature(std::string cms_der, Token&& token = {}) const {
    return detail::initiate<ApplicationInfo>(
        std::forward<Token>(token), [impl = impl_, cms = std::move(cms_der)](ResultHandler<ApplicationInfo> h) mutable {
          upload_signature_impl(impl, std::move(cms), std::move(h));
        });
  }

  /// Declares the wet-signature route; the application then waits for the
  /// signed form (`awaiting_wet_form`).
  template <class Token = boost::asio::default_completion_token_t<executor_type>>
  auto async_choose_wet_signature(Token&& token = {}) const {
    return detail::initiate<ApplicationInfo>(
        std::forward<Token>(token),
        [impl = impl_](ResultHandler<ApplicationInfo> h) { choose_wet_signature_impl(impl, std::move(h)); });
  }

  /// Approves by the person's standing E-Onay ("e-onaylı"): no signature,
  /// no paper; the SMS code already verified was its confirmation. The
  /// application is then `submitted`. Without a standing E-Onay the portal
  /// refuses (e_onay_not_given); a renewal is refused (e_signature_required).
  template <class Token = boost::asio::default_completion_token_t<executor_type>>
  auto async_approve_by_e_onay(Token&& token = {}) const {
    return detail::initiate<ApplicationInfo>(
        std::forward<Token>(token),
        [impl = impl_](ResultHandler<ApplicationInfo> h) { approve_by_e_onay_impl(impl, std::move(h)); });
  }

 private:
  friend class OtpVerifier;  // verifies this application's code
  using Impl = std::shared_ptr<detail::ApplicationImpl>;
  [[nodiscard]] const Impl& impl() const noexcept { return impl_; }
  explicit Application(Impl impl);
  static void submit_impl(Impl impl, AcknowledgedNotices acknowledged, ResultHandler<ApplicationInfo> handler);
  static void refresh_impl(Impl impl, ResultHandler<ApplicationInfo> handler);
  static void cancel_impl(Impl impl, ResultHandler<ApplicationInfo> handler);
  static void approval_document_impl(Impl impl, ResultHandler<std::string> handler);
  static void signature_profile_impl(Impl impl, ResultHandler<SignatureProfile> handler);
  static void upload_signature_impl(Impl impl, std::string cms_der, ResultHandler<ApplicationInfo> handler);
  static void choose_wet_signature_impl(Impl impl, ResultHandler<ApplicationInfo> handler);
  static void approve_by_e_onay_impl(Impl impl, ResultHandler<ApplicationInfo> handler);

  Impl impl_;
  Session session_;
};

}  // namespace nes
