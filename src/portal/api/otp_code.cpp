#include "portal/api/otp_code.hpp"

#include "portal/clock.hpp"
#include "portal/crypto/encoding.hpp"

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

void send_code(const Services& services, const store::ApplicationRecord& application, const SecretString& code) {
  if (!services.sms) return;
  services.sms(SmsMessage{application.phone, code, application.id, format_utc(now_ms())});
}

}  // namespace nes::portal::api
