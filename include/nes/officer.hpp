#pragma once
// The institution's authorised officer (Yetkili İşlemleri, the seed's step 6)
// on the institution-paid route (docs/protocol.md): upload the staff who
// should apply, follow the institution's requests and applications, fetch the
// list of applications waiting for the institution, decide on it (rows left
// out with a reason) and submit the decision's signature. Each operation is
// one exchange; ListSigner (<nes/list_signer.hpp>) composes the decision, the
// signature and its upload crash-safely through the journal.
//
// Thread safety: an Officer is a cheap handle; its operations may run at
// once (each is one request on the session).

#include <nes/application_info.hpp>
#include <nes/client.hpp>
#include <nes/detail/async.hpp>
#include <nes/export.hpp>
#include <nes/field_error.hpp>
#include <nes/institution.hpp>
#include <nes/lifecycle.hpp>
#include <nes/money.hpp>
#include <nes/secret.hpp>

#include <chrono>
#include <cstddef>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace nes {

namespace detail {
class OfficerImpl;
}  // namespace detail

/// One staff member the officer asks to apply: a row of the request list.
struct NES_EXPORT StaffRequest {
  /// T.C. Kimlik No.
  SecretString tckn;
  /// First name, as the identity record has it.
  std::string first_name;
  /// Last name, as the identity record has it.
  std::string last_name;
  /// Talep Eden Birim Unvanı.
  std::string unit;
  /// Where the portal e-mails the access code.
  std::string work_email;
  /// İş telefonu, any spelling the form accepts.
  std::string work_phone;
};

/// What the portal said of one uploaded row.
struct NES_EXPORT StaffRequestOutcome {
  /// The row's index in the upload, from 0.
  std::size_t row = 0;
  /// Accepted: a request stands for the person (new or already open).
  bool accepted = false;
  /// The request's id, when accepted.
  std::string request_id;
  /// True when this upload made the request (and sent its access code);
  /// false for a request already open: the same list again creates nothing.
  bool created = false;
  /// Why it was refused: field paths `requests[i].tckn`, … and their codes.
  FieldErrors errors;
};

/// The portal's report on an upload, row by row.
struct NES_EXPORT StaffRequestReport {
  /// Rows accepted.
  int accepted = 0;
  /// Accepted rows that made a new request.
  int created = 0;
  /// Rows refused.
  int refused = 0;
  /// Every row, in upload order.
  std::vector<StaffRequestOutcome> rows;
};

/// A request on record, and the application that used its access code.
struct NES_EXPORT StaffRequestInfo {
  /// The request's id.
  std::string request_id;
  /// The staff member's T.C. Kimlik No.
  SecretString tckn;
  /// First name.
  std::string first_name;
  /// Last name.
  std::string last_name;
  /// The unit.
  std::string unit;
  /// Where the access code went.
  std::string work_email;
  /// The application made with its code; empty until the code is used.
  std::string application_id;
  /// When the officer made the request.
  std::chrono::system_clock::time_point created_at{};
};

/// One of the institution's applications, as its officer sees it.
struct NES_EXPORT StaffApplication {
  /// The application number.
  std::string id;
  /// The applicant's T.C. Kimlik No.
  SecretString tckn;
  /// First name.
  std::string first_name;
  /// Last name.
  std::string last_name;
  /// The unit.
  std::string unit;
  /// Where it stands.
  ApplicationStatus status = ApplicationStatus::otp_pending;
  /// Its fee, which the institution pays.
  Fee fee{};
  /// "e_signature" or "wet_signature" once approved; empty before.
  std::string approval;
  /// Why the officer left it off a signed list; empty if never.
  std::string held_back_reason;
  /// The invoice (the signed decision) holding it; empty if none.
  std::string invoice_id;
  /// When it was made.
  std::chrono::system_clock::time_point created_at{};
  /// When it last changed.
  std::chrono::system_clock::time_point updated_at{};
};

/// The institution's requests and applications.
struct NES_EXPORT InstitutionOverview {
  /// The institution, from the catalogue.
  Institution institution;
  /// Its requests, newest first.
  std::vector<StaffRequestInfo> requests;
  /// Its applications, newest first.
  std::vector<StaffApplication> applications;
};

/// The list of applications waiting for the institution, as exact text.
struct NES_EXPORT InstitutionList {
  /// The text (UTF-8), its Repr-Digest checked.
  std::string document;
  /// Its version: lowercase hexadecimal SHA-256 of the text.
  std::string version;
};

/// A row the officer leaves off the list, and why. A class, not an
/// aggregate: GCC 12 destroys aggregate temporaries inside a co_await twice
/// (ADR 0002).
class NES_EXPORT HeldBack {
 public:
  HeldBack() = default;
  /// The application left out and the reason (one line).
  HeldBack(std::string application_id_, std::string reason_)
      : application_id(std::move(application_id_)), reason(std::move(reason_)) {}
  /// The application number.
  std::string application_id;
  /// Why, as the list will show it.
  std::string reason;
  /// Equal when both members are.
  friend bool operator==(const HeldBack&, const HeldBack&) = default;
};

/// Where a decision on the list stands.
enum class ListDecisionStatus {
  awaiting_signature,  ///< made; its document is to be signed
  signed_by_officer,   ///< signed: its applications wait for the institution's payment
  paid,                ///< the institution paid its invoice
};

/// The stable wire name ("awaiting_signature", "signed", "paid").
NES_EXPORT std::string_view to_string(ListDecisionStatus status) noexcept;

/// The officer's decision on the list at one version: what is approved and
/// left out, and the exact bytes to sign. Once signed, the institution's
/// invoice (its number is the decision's).
struct NES_EXPORT ListDecision {
  /// The decision's number (`dec_…`), also the invoice's.
  std::string id;
  /// The institution.
  std::string institution_id;
  /// The list's version decided on.
  std::string version;
  /// Where it stands.
  ListDecisionStatus status = ListDecisionStatus::awaiting_signature;
  /// The applications approved.
  std::vector<std::string> included;
  /// The applications left out, with reasons.
  std::vector<HeldBack> excluded;
  /// The approved applications' fees, together.
  Money total{};
  /// The exact bytes to sign.
  std::string document;
  /// When it was made.
  std::chrono::system_clock::time_point created_at{};
  /// When its signature was accepted, once it was.
  std::optional<std::chrono::system_clock::time_point> signed_at{};
};

/// An institution's authorised officer at the portal, for one institution.
class NES_EXPORT Officer {
 public:
  /// The executor the handle's operations run on.
  using executor_type = boost::asio::any_io_executor;

  /// The logged-in officer's work for `institution_id`. The portal refuses
  /// anyone who is not a registered officer of it (problem not_officer).
  Officer(Session session, std::string institution_id);

  /// The session's executor.
  [[nodiscard]] executor_type get_executor() const;
  /// The institution.
  [[nodiscard]] const std::string& institution_id() const noexcept;
  /// The session the officer works in.
  [[nodiscard]] const Session& session() const noexcept;

  /// Uploads request rows; the report says what became of each. The same
  /// rows again create nothing, so an HR batch is safe to repeat. Not
  /// retried by the SDK on a lost answer: repeating it is the caller's
  /// choice, and harmless.
  template <class Token = boost::asio::default_completion_token_t<executor_type>>
  auto async_upload(std::vector<StaffRequest> rows, Token&& token = {}) const {
    return detail::initiate<StaffRequestReport>(
        std::forward<Token>(token),
        [impl = impl_, rows = std::move(rows)](ResultHandler<StaffRequestReport> h) mutable {
          upload_impl(impl, std::move(rows), std::move(h));
        });
  }

  /// The institution's requests and applications, with their statuses.
  template <class Token = boost::asio::default_completion_token_t<executor_type>>
  auto async_overview(Token&& token = {}) const {
    return detail::initiate<InstitutionOverview>(
        std::forward<Token>(token),
        [impl = impl_](ResultHandler<InstitutionOverview> h) { overview_impl(impl, std::move(h)); });
  }

  /// The list of applications waiting for the institution, with its version
  /// (errc::protocol_error when the text does not match its Repr-Digest).
  template <class Token = boost::asio::default_completion_token_t<executor_type>>
  auto async_list(Token&& token = {}) const {
    return detail::initiate<InstitutionList>(
        std::forward<Token>(token),
        [impl = impl_](ResultHandler<InstitutionList> h) { list_impl(impl, std::move(h)); });
  }

  /// Decides on the list at `version`, leaving `excluded` out. The portal
  /// answers the decision with the bytes to sign, or refuses: list_changed
  /// (the problem's detail says so; fetch the list again), nothing_to_sign.
  template <class Token = boost::asio::default_completion_token_t<executor_type>>
  auto async_decide(std::string version, std::vector<HeldBack> excluded, Token&& token = {}) const {
    return detail::initiate<ListDecision>(
        std::forward<Token>(token),
        [impl = impl_, v = std::move(version), x = std::move(excluded)](ResultHandler<ListDecision> h) mutable {
          decide_impl(impl, std::move(v), std::move(x), std::move(h));
        });
  }

  /// One of the officer's decisions, as it stands now.
  template <class Token = boost::asio::default_completion_token_t<executor_type>>
  auto async_decision(std::string decision_id, Token&& token = {}) const {
    return detail::initiate<ListDecision>(
        std::forward<Token>(token), [impl = impl_, id = std::move(decision_id)](ResultHandler<ListDecision> h) mutable {
          decision_impl(impl, std::move(id), std::move(h));
        });
  }

  /// The signature profile the portal requires (PortalInfo's): what a
  /// Signer signs a decision's document to.
  template <class Token = boost::asio::default_completion_token_t<executor_type>>
  auto async_signature_profile(Token&& token = {}) const {
    return detail::initiate<SignatureProfile>(
        std::forward<Token>(token),
        [impl = impl_](ResultHandler<SignatureProfile> h) { signature_profile_impl(impl, std::move(h)); });
  }

  /// Uploads a detached CMS (DER) over a decision's document. Accepted once:
  /// the same signature again gets the first answer. A lost answer is
  /// followed by a read of the decision, not by a second upload.
  template <class Token = boost::asio::default_completion_token_t<executor_type>>
  auto async_submit_signature(std::string decision_id, std::string cms_der, Token&& token = {}) const {
    return detail::initiate<ListDecision>(
        std::forward<Token>(token),
        [impl = impl_, id = std::move(decision_id), cms = std::move(cms_der)](ResultHandler<ListDecision> h) mutable {
          submit_signature_impl(impl, std::move(id), std::move(cms), std::move(h));
        });
  }

 private:
  using Impl = std::shared_ptr<detail::OfficerImpl>;
  static void upload_impl(Impl impl, std::vector<StaffRequest> rows, ResultHandler<StaffRequestReport> handler);
  static void overview_impl(Impl impl, ResultHandler<InstitutionOverview> handler);
  static void list_impl(Impl impl, ResultHandler<InstitutionList> handler);
  static void decide_impl(Impl impl, std::string version, std::vector<HeldBack> excluded,
                          ResultHandler<ListDecision> handler);
  static void decision_impl(Impl impl, std::string decision_id, ResultHandler<ListDecision> handler);
  static void signature_profile_impl(Impl impl, ResultHandler<SignatureProfile> handler);
  static void submit_signature_impl(Impl impl, std::string decision_id, std::string cms_der,
                                    ResultHandler<ListDecision> handler);

  Impl impl_;
  Session session_;
};

}  // namespace nes
