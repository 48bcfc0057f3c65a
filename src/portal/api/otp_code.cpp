#include "portal/api/otp_code.hpp"

#include "portal/clock.hpp"
#include "portal/crypto/encoding.hpp"
#include "portal/http/problem.hpp"

#include <algorithm>

namespace nes::portal::api {

namespace {

std::string salted_hash(std::string_view salt, std::string_view code) {
  std::string input = std::string(salt) + ":" + std::string(code);
  std::string hash = crypto::base64url_encode(crypto::sha256(input));
  secure_wipe(input.data(), input.size());
  return hash;
}

}  // namespace

IssuedCode issue_code(const OtpPolicy& policy, std::int64_t now_ms) {
  IssuedCode issued;
  issued.code.assign(crypto::random_string(static_cast<std::size_t>(policy.length), "0123456789"));
  const std::string salt = crypto::random_token(12);
  issued.record.code_hash = salt + "." + salted_hash(salt, issued.code.reveal());
  issued.record.expires_at_ms = now_ms + std::int64_t{policy.valid_seconds} * 1000;
  issued.record.resend_after_ms = now_ms + std::int64_t{policy.resend_after_seconds} * 1000;
  issued.record.tries_left = policy.max_tries;
  return issued;
}

bool code_matches(const store::OtpRecord& record, std::string_view code) {
  const auto dot = record.code_hash.find('.');
  if (dot == std::string::npos) return false;
  const std::string_view salt = std::string_view(record.code_hash).substr(0, dot);
  return crypto::constant_time_equal(salted_hash(salt, code), std::string_view(record.code_hash).substr(dot + 1));
}

CodeCheck check_code(store::OtpRecord& otp, std::string_view code, std::int64_t now) {
  if (otp.locked()) return CodeCheck::locked;
  if (now >= otp.expires_at_ms) return CodeCheck::expired;
  if (code_matches(otp, code)) return CodeCheck::matched;
  --otp.tries_left;
  return otp.locked() ? CodeCheck::locked_now : CodeCheck::wrong;
}

std::optional<http::Response> refuse_unless_digits(const Services& services, const http::RequestContext& ctx,
                                                   std::string_view code) {
  if (code.size() == static_cast<std::size_t>(services.otp.length) &&
      std::all_of(code.begin(), code.end(), [](char c) { return c >= '0' && c <= '9'; })) {
    return std::nullopt;
  }
  return http::problem_response(ctx, http::bhttp::status::bad_request, "invalid_request",
                                "The code must be digits only",
                                "send the " + std::to_string(services.otp.length) + "-digit code from the SMS");
}

http::Response code_refusal(const http::RequestContext& ctx, CodeCheck check, int tries_left,
                            const std::string& again) {
  using http::bhttp::status;
  switch (check) {
    case CodeCheck::wrong:
      return http::problem_response(ctx, status::unprocessable_entity, "otp_invalid", "The code is wrong", {}, {},
                                    {{"tries_left", tries_left}});
    case CodeCheck::expired:
      return http::problem_response(ctx, status::gone, "otp_expired", "The code has expired", again);
    default:
      return http::problem_response(ctx, status::locked, "otp_locked", "The code is locked after too many wrong tries",
                                    again, {}, {{"tries_left", 0}});
  }
}

void send_code(const Services& services, const store::ApplicationRecord& application, const SecretString& code) {
  if (!services.sms) return;
  services.sms(SmsMessage{application.phone, code, application.id, format_utc(now_ms())});
}

}  // namespace nes::portal::api
