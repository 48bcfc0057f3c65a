#pragma once
// The portal's JSON answers read into the SDK's types. An answer that is not
// the protocol's shape is a protocol_error; nothing is guessed.

#include <nes/application_info.hpp>
#include <nes/client.hpp>
#include <nes/problem.hpp>
#include <nes/transport.hpp>

#include <chrono>
#include <initializer_list>
#include <optional>
#include <string_view>
#include <utility>
#include <vector>

namespace nes::client {

/// RFC 3339 UTC as the portal writes it ("2026-11-24T15:30:00Z").
std::optional<std::chrono::system_clock::time_point> parse_utc(std::string_view text);

/// The problem document of a refusal (any status ≥ 400); a body that is not
/// one still gives a Problem with the status, the code "http_<status>" and
/// the request id from the header.
Problem decode_problem(const HttpResponse& response);

// Each returns nullopt when the body is not the documented shape.
std::optional<PortalInfo> decode_info(std::string_view body);
std::optional<FeeTable> decode_fees(std::string_view body);
std::optional<DebtReport> decode_debt(std::string_view body);
/// {"tckn": …}, in wiping memory.
SecretString encode_debt_inquiry(const SecretString& tckn);
std::optional<std::vector<RegisteredPhone>> decode_phones(std::string_view body);
/// `received` anchors the code's deadlines on the local steady clock.
std::optional<ApplicationInfo> decode_application(std::string_view body, OtpStatus::SteadyClock::time_point received);
std::optional<std::vector<ApplicationInfo>> decode_applications(std::string_view body,
                                                                OtpStatus::SteadyClock::time_point received);
std::optional<OtpStatus> decode_otp(std::string_view body, OtpStatus::SteadyClock::time_point received);

struct OpenedSession {
  SecretString csrf_token;
  SessionInfo info;
};
std::optional<OpenedSession> decode_opened_session(std::string_view body);

/// The gateway's login transaction (GET /oauth2/authorize).
std::optional<std::string> decode_login_request(std::string_view body);
/// The methods a login request offers ("password", "e_signature").
std::vector<std::string> decode_login_methods(std::string_view body);

/// A flat JSON object of strings, built in memory that is wiped (a request
/// body with a code, a verifier or an SMS code).
SecretString encode_secret_object(std::initializer_list<std::pair<std::string_view, std::string_view>> members);

}  // namespace nes::client
