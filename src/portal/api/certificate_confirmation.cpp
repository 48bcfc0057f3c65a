#include "portal/api/certificate_confirmation.hpp"

#include "portal/api/json_body.hpp"
#include "portal/api/otp_code.hpp"
#include "portal/api/rate_limits.hpp"
#include "portal/api/wire_json.hpp"
#include "portal/clock.hpp"
#include "portal/http/problem.hpp"
#include "portal/revocation/certificate_status.hpp"

#include <algorithm>
#include <stdexcept>

namespace nes::portal::api {

using http::bhttp::status;

OwnCertificate own_certificate(Services& services, const http::RequestContext& ctx) {
  auto auth = authenticate(services, ctx, true);
  if (!auth.caller) return {std::nullopt, std::nullopt, std::move(auth.refusal)};
  const auto serial = revocation::normalized_serial(ctx.path_params.at(0));
  auto certificate = serial ? services.certificates.find(*serial) : std::nullopt;
  if (!certificate || certificate->tckn != auth.caller->session.tckn) {
    return {std::nullopt, std::nullopt,
            http::problem_response(ctx, status::not_found, "not_found", "No such certificate of yours")};
  }
  return {std::move(auth.caller), std::move(certificate), {}};
}

http::Response ask_for_code(Services& services, const http::RequestContext& ctx, const OwnCertificate& own,
                            const std::string& purpose, const std::string& detail, boost::json::object extra) {
  const auto application = services.applications.find(own.certificate->application_id);
  if (!application) throw std::runtime_error("a certificate's application is missing");
  if (const auto wait = limit_sms(services, ctx, own.certificate->tckn)) {
    return http::retry_later(ctx, "rate_limited", "Too many SMS codes; wait", wait);
  }
  const std::int64_t now = now_ms();
  auto issued = issue_code(services.otp, now);
  store::ConfirmationRecord record{.tckn = own.certificate->tckn,
                                   .purpose = purpose,
                                   .subject = own.certificate->serial,
                                   .detail = detail,
                                   .phone = application->phone,
                                   .otp = issued.record,
                                   .created_at_ms = now};
  record.id = services.confirmations.create(record);
  if (services.sms) services.sms(SmsMessage{record.phone, issued.code, record.id, format_utc(now)});
  services.database.audit("certificate_" + purpose + "_requested", own.caller->person.tckn.masked(),
                          record.id + " " + record.subject + (detail.empty() ? "" : " " + detail));
  extra["id"] = record.id;
  extra["serial"] = record.subject;
  extra["otp"] = otp_json(record.phone, record.otp, now);
  return http::json_response(ctx, status::accepted, std::move(extra));
}

ConfirmedByCode confirm_by_code(Services& services, http::RequestContext& ctx, const OwnCertificate& own,
                                std::initializer_list<std::string_view> purposes) {
  SecretString code;
  if (auto refusal = read_json_body(ctx, {"code"}, secret_member("code", code)))
    return {std::nullopt, std::move(*refusal)};
  if (auto refusal = refuse_unless_digits(services, ctx, code.reveal())) return {std::nullopt, std::move(*refusal)};
  const auto pending = services.confirmations.find(ctx.path_params.at(1));
  const bool of_this = pending && pending->tckn == own.certificate->tckn &&
                       pending->subject == own.certificate->serial &&
                       std::find(purposes.begin(), purposes.end(), pending->purpose) != purposes.end();
  if (!of_this) {
    return {std::nullopt,
            http::problem_response(ctx, status::not_found, "not_found", "No such request of this certificate")};
  }
  if (pending->confirmed_at_ms) {
    return {std::nullopt,
            http::problem_response(ctx, status::conflict, "change_confirmed", "It was confirmed already")};
  }
  if (const auto wait = limit_sms(services, ctx, own.certificate->tckn)) {
    return {std::nullopt, http::retry_later(ctx, "rate_limited", "Too many tries; wait", wait)};
  }
  const std::int64_t now = now_ms();
  std::optional<CodeCheck> check;
  auto after = services.confirmations.modify(pending->id, [&](store::ConfirmationRecord& c) {
    if (c.confirmed_at_ms) return false;
    check = check_code(c.otp, code.reveal(), now);
    if (*check == CodeCheck::matched) c.confirmed_at_ms = now;
    return *check != CodeCheck::locked && *check != CodeCheck::expired;
  });
  if (!check) {
    return {std::nullopt, http::problem_response(ctx, status::conflict, "change_confirmed", "It was confirmed")};
  }
  if (*check != CodeCheck::matched) {
    if (*check == CodeCheck::wrong) services.database.audit("otp_wrong", own.caller->person.tckn.masked(), after->id);
    return {std::nullopt, code_refusal(ctx, *check, after->otp.tries_left, "ask again: a new code is sent")};
  }
  return {std::move(after), {}};
}

}  // namespace nes::portal::api
