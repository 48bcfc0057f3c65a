#pragma once
// SMS codes: drawn from the CSPRNG, stored only as a salted SHA-256, sent
// through the configured sinks.

#include "portal/api/services.hpp"
#include "portal/http/message.hpp"
#include "portal/store/application_store.hpp"

#include <nes/secret.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace nes::portal::api {

struct IssuedCode {
  SecretString code;
  store::OtpRecord record;  ///< fresh deadline, cooldown and tries
};

IssuedCode issue_code(const OtpPolicy& policy, std::int64_t now_ms);

bool code_matches(const store::OtpRecord& record, std::string_view code);

/// What a typed code met.
enum class CodeCheck { matched, wrong, locked_now, locked, expired };

/// Checks `code` against `otp` at `now`; a wrong one uses up a try in `otp`.
CodeCheck check_code(store::OtpRecord& otp, std::string_view code, std::int64_t now);

/// 400 invalid_request unless `code` is the policy's number of digits.
std::optional<http::Response> refuse_unless_digits(const Services& services, const http::RequestContext& ctx,
                                                   std::string_view code);

/// The refusal for a code that did not match: 422 otp_invalid with the tries
/// left, 423 otp_locked, 410 otp_expired. `again` says how to get a new code.
http::Response code_refusal(const http::RequestContext& ctx, CodeCheck check, int tries_left, const std::string& again);

/// Hands the code for `application` to every sink.
void send_code(const Services& services, const store::ApplicationRecord& application, const SecretString& code);

}  // namespace nes::portal::api
