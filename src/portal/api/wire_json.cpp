#include "portal/api/wire_json.hpp"

#include "portal/approval/approval_document.hpp"
#include "portal/clock.hpp"

#include <nes/phone.hpp>

#include <boost/json/parse.hpp>

#include <algorithm>

namespace nes::portal::api {

boost::json::object fee_json(const Fee& fee) {
  return {{"net", fee.net.kurus()}, {"kdv", fee.kdv.kurus()}, {"total", fee.total.kurus()}};
}

boost::json::object institution_json(const Institution& institution) {
  boost::json::array required(institution.rules.required_fields.begin(), institution.rules.required_fields.end());
  boost::json::array years(institution.rules.validity_years.begin(), institution.rules.validity_years.end());
  boost::json::array notices;
  for (const auto& notice : institution.notices) {
    boost::json::object n{{"id", notice.id}, {"text_tr", notice.text_tr}};
    if (!notice.text_en.empty()) n["text_en"] = notice.text_en;
    notices.push_back(std::move(n));
  }
  return {{"id", institution.id},
          {"name", institution.name},
          {"payment", to_string(institution.payment)},
          {"rules",
           {{"required_fields", std::move(required)},
            {"validity_years", std::move(years)},
            {"card_reader_offered", institution.rules.card_reader_offered}}},
          {"notices", std::move(notices)}};
}

boost::json::object otp_json(std::string_view phone_e164, const store::OtpRecord& otp, std::int64_t now_ms) {
  const auto phone = MobilePhone::parse(phone_e164);
  const std::int64_t left_ms = std::max<std::int64_t>(0, otp.expires_at_ms - now_ms);
  return {{"phone_masked", phone ? phone->masked() : std::string("***")},
          {"expires_at", format_utc(otp.expires_at_ms)},
          {"seconds_left", left_ms / 1000},
          {"resend_after", format_utc(otp.resend_after_ms)},
          {"tries_left", std::max(0, otp.tries_left)},
          {"locked", otp.locked()}};
}

boost::json::object otp_json(const store::ApplicationRecord& application, std::int64_t now_ms) {
  return otp_json(application.phone, application.otp, now_ms);
}

boost::json::object application_json(const store::ApplicationRecord& application, std::int64_t now_ms) {
  boost::json::object out{{"id", application.id},
                          {"status", to_string(application.status)},
                          {"institution_id", application.institution_id},
                          {"created_at", format_utc(application.created_at_ms)},
                          {"updated_at", format_utc(application.updated_at_ms)},
                          {"fee", fee_json(application.fee)}};
  if (application.status == ApplicationStatus::otp_pending) out["otp"] = otp_json(application, now_ms);
  if (application.approval) out["approval"] = *application.approval;
  if (application.approval == "wet_signature") out["postal_address"] = approval::postal_address;
  if (application.renews) out["renews"] = *application.renews;
  out["form"] = boost::json::parse(application.form_json);
  return out;
}

}  // namespace nes::portal::api
