#pragma once
// The demo's institution-paid application (docs/officer.md), printed as it
// happens: Örnek Üniversitesi's officer uploads the staff list, a staff
// member opens the form with the e-mailed access code and approves it by
// e-imza, and the officer signs the institution's list.

#include "demo_world.hpp"

#include <nes/lifecycle.hpp>
#include <nes/money.hpp>

#include <boost/asio/awaitable.hpp>

#include <string>

namespace nes::demo {

struct InstitutionResult {
  bool ok = false;
  std::string application_id;
  ApplicationStatus status = ApplicationStatus::otp_pending;
  std::string decision_id;  ///< the signed list's decision: the institution's invoice
  Money total{};
};

boost::asio::awaitable<InstitutionResult> run_institution_plan(World& world, std::string title);

}  // namespace nes::demo
