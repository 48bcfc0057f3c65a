#pragma once
// The institution-paid route's records (ADR 0015): the officers' requests,
// each with the hash of the access code sent to the staff member, and the
// officers' decisions on the institution's list, each signed at most once; a
// signed decision is the institution's invoice.

#include "portal/store/application_store.hpp"
#include "portal/store/database.hpp"

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace nes::portal::store {

/// One staff member the officer asked to apply.
struct InstitutionRequest {
  std::string id{};  ///< "req_" and 8 of [0-9A-Z]
  std::string institution_id{};
  std::string tckn{};
  std::string first_name{};
  std::string last_name{};
  std::string unit{};
  std::string work_email{};
  std::string work_phone{};  ///< as the form's validators normalised it
  std::string officer_tckn{};
  std::string access_code_hash{};
  std::optional<std::string> application_id{};  ///< set when the code was used
  std::int64_t created_at_ms = 0;
};

/// A row the officer left off the list, and why.
struct HeldBack {
  std::string application_id{};
  std::string reason{};
};

/// The officer's decision on the list at one version: the bytes to sign,
/// what they include and leave out; once signed, the institution's invoice.
struct ListDecision {
  std::string id{};  ///< "dec_" and 8 of [0-9A-Z]; also the invoice's number
  std::string institution_id{};
  std::string officer_tckn{};
  std::string version{};   ///< the list's version it was made on
  std::string document{};  ///< the exact bytes to sign
  std::vector<std::string> included{};
  std::vector<HeldBack> excluded{};
  std::int64_t total_kurus = 0;  ///< the included applications' fees
  std::int64_t created_at_ms = 0;
  std::optional<std::string> signature{};  ///< the accepted CMS (DER)
  std::optional<std::int64_t> signed_at_ms{};
  std::optional<std::int64_t> paid_at_ms{};
};

class InstitutionStore {
 public:
  explicit InstitutionStore(Database& database) : database_(database) {}

  /// Adds `request` (its id chosen here, its access code's hash made by
  /// `code_hash` from that id) unless the person already has an open request
  /// at that institution: one not used yet, or used by an application still
  /// open. Returns the request on record and whether it is new.
  std::pair<InstitutionRequest, bool> add_request(InstitutionRequest request,
                                                  const std::function<std::string(std::string_view id)>& code_hash);
  /// An institution's requests, newest first.
  [[nodiscard]] std::vector<InstitutionRequest> requests_of_institution(std::string_view institution_id) const;
  /// A person's requests whose access code is not used yet.
  [[nodiscard]] std::vector<InstitutionRequest> unused_requests_of(std::string_view tckn) const;
  /// Inside an application's insertion: marks the request used by it, unless
  /// it was used meanwhile.
  static bool claim(sqlite3* db, std::string_view request_id, std::string_view application_id);

  /// Records a decision, its id chosen here and its document made by
  /// `document` once the id is known.
  ListDecision add_decision(ListDecision decision, const std::function<std::string(const ListDecision&)>& document);
  [[nodiscard]] std::optional<ListDecision> find_decision(std::string_view id) const;

  enum class SignOutcome {
    signed_now,
    already_signed,  ///< `after` is the decision as signed earlier
    list_changed,    ///< the list is no longer at the decision's version
  };
  /// Current version of an institution's list, computed from its waiting
  /// applications on the connection held.
  using ListVersion = std::function<std::string(sqlite3*, const std::string& institution_id)>;
  /// In one transaction: checks that the list is still at the decision's
  /// version, moves the included applications on (institution_approved, the
  /// invoice named), records the excluded ones' reasons and the signature.
  SignOutcome sign(const ListDecision& decision, const std::string& signature, const ListVersion& version_now,
                   ListDecision& after);

  enum class PayOutcome { paid_now, already_paid, not_signed, wrong_amount };
  /// Records the institution's payment of a signed decision's invoice; its
  /// applications move on to paid.
  PayOutcome pay(std::string_view decision_id, std::int64_t amount_kurus, ListDecision& after);

 private:
  Database& database_;
};

}  // namespace nes::portal::store
