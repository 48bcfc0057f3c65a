#pragma once
// SMS codes: drawn from the CSPRNG, stored only as a salted SHA-256, sent
// through the configured sinks.

#include "portal/api/services.hpp"
#include "portal/store/application_store.hpp"

#include <nes/secret.hpp>

#include <cstdint>
#include <string_view>

namespace nes::portal::api {

struct IssuedCode {
  SecretString code;
  store::OtpRecord record;  ///< fresh deadline, cooldown and tries
};

IssuedCode issue_code(const OtpPolicy& policy, std::int64_t now_ms);

bool code_matches(const store::OtpRecord& record, std::string_view code);

/// Hands the code for `application` to every sink.
void send_code(const Services& services, const store::ApplicationRecord& application, const SecretString& code);

}  // namespace nes::portal::api
