#pragma once
// The approval route as the journal writes it: "pkcs11" (e-imza), "wet",
// "e-onay", or "ask" (not chosen yet; the wizard asks after the SMS code).

#include <nes/application_info.hpp>

#include <string_view>

namespace nes::detail {

constexpr std::string_view journal_route(ApprovalRoute route) noexcept {
  switch (route) {
    case ApprovalRoute::e_signature:
      return "pkcs11";
    case ApprovalRoute::wet_signature:
      return "wet";
    case ApprovalRoute::e_onay:
      return "e-onay";
    case ApprovalRoute::none:
      break;
  }
  return "ask";
}

constexpr ApprovalRoute route_from_journal(std::string_view name) noexcept {
  if (name == "pkcs11") return ApprovalRoute::e_signature;
  if (name == "wet") return ApprovalRoute::wet_signature;
  if (name == "e-onay") return ApprovalRoute::e_onay;
  return ApprovalRoute::none;
}

}  // namespace nes::detail
