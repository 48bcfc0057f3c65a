#pragma once
// The logged-in applicant's application named in the path, for the routes
// under /api/v1/applications/{id}. Someone else's application is 404, as an
// unknown one: its existence is not disclosed.

#include "portal/api/session_guard.hpp"
#include "portal/http/problem.hpp"

#include <optional>

namespace nes::portal::api {

struct OwnApplication {
  std::optional<Caller> caller;
  std::optional<store::ApplicationRecord> application;
  http::Response refusal;  ///< when either is unset

  [[nodiscard]] bool ok() const noexcept { return caller && application; }
};

OwnApplication own_application(Services& services, const http::RequestContext& ctx, bool changes_state);

/// 409 invalid_transition for an action the application's status does not allow.
http::Response invalid_transition(const http::RequestContext& ctx, ApplicationStatus status, std::string_view action);

}  // namespace nes::portal::api
