#pragma once
// The institution's authorised officer (Yetkili İşlemleri, the seed's step 6;
// ADR 0015): the institutions one is officer of, the request list upload, the
// institution's applications, the list document (officer_api.cpp), and the
// decisions on the list with their signature (officer_decisions.cpp).

#include "portal/api/services.hpp"
#include "portal/api/session_guard.hpp"
#include "portal/http/router.hpp"

#include <optional>

namespace nes::portal::api {

void add_officer_routes(http::Router& router, Services& services);

/// The logged-in officer of the institution named first in the path.
struct OfficerCall {
  std::optional<Caller> caller;
  const Institution* institution = nullptr;
  http::Response refusal;  ///< when either is unset
  [[nodiscard]] bool ok() const noexcept { return caller && institution != nullptr; }
};

/// 404 for an unknown institution, 403 not_officer for one the caller is
/// not an authorised officer of.
OfficerCall officer_call(Services& services, const http::RequestContext& ctx, bool changes_state);

/// The institution's list now: its text and version, from its
/// awaiting_institution applications on the connection held.
struct CurrentList {
  std::string document;
  std::string version;
  std::vector<store::ApplicationRecord> waiting;
};
CurrentList current_list(sqlite3* db, const Institution& institution);
CurrentList current_list(Services& services, const Institution& institution);

/// The decision routes (officer_decisions.cpp).
void add_officer_decision_routes(http::Router& router, Services& services);

}  // namespace nes::portal::api
