#pragma once
// The protocol's JSON shapes for the portal's own data: fees, institutions,
// applications (docs/protocol/openapi.yaml, components/schemas).

#include "portal/store/application_store.hpp"

#include <nes/institution.hpp>
#include <nes/money.hpp>

#include <boost/json/object.hpp>

#include <cstdint>
#include <string_view>

namespace nes::portal::api {

boost::json::object fee_json(const Fee& fee);
boost::json::object institution_json(const Institution& institution);
/// OtpState: masked phone, deadline, seconds left, resend time, tries left, locked.
boost::json::object otp_json(std::string_view phone_e164, const store::OtpRecord& otp, std::int64_t now_ms);
/// The application's OtpState.
boost::json::object otp_json(const store::ApplicationRecord& application, std::int64_t now_ms);
/// Application; `otp` only while the code is pending.
boost::json::object application_json(const store::ApplicationRecord& application, std::int64_t now_ms);

}  // namespace nes::portal::api
