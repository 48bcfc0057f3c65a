#include "net/redact.hpp"

#include "net/ascii.hpp"

#include "json/wiping_resource.hpp"

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

#include <algorithm>
#include <array>
#include <cctype>

namespace nes::net {

namespace {

// Headers that never carry a secret. Location is not one of them: the
// gateway's redirect carries the authorization code.
constexpr std::array<std::string_view, 17> safe_headers = {
    "accept", "allow",      "cache-control",    "connection",   "content-length",   "content-type",
    "date",   "host",       "idempotency-key",  "keep-alive",   "repr-digest",      "retry-after",
    "server", "user-agent", "www-authenticate", "x-request-id", "transfer-encoding"};

// JSON members that never carry a secret. Not here: tckn, first_name,
// last_name, mobile_phone, email, addresses, password, csrf_token,
// login_request, access_token, code_verifier, and code outside problems.
constexpr std::array<std::string_view, 40> safe_members = {"type",
                                                           "title",
                                                           "status",
                                                           "detail",
                                                           "request_id",
                                                           "field",
                                                           "message_tr",
                                                           "message_en",
                                                           "tries_left",
                                                           "retry_after_seconds",
                                                           "application_id",
                                                           "application_status",
                                                           "id",
                                                           "institution_id",
                                                           "created_at",
                                                           "updated_at",
                                                           "expires_at",
                                                           "resend_after",
                                                           "seconds_left",
                                                           "locked",
                                                           "approval",
                                                           "net",
                                                           "kdv",
                                                           "total",
                                                           "kdv_rate_basis_points",
                                                           "validity_years",
                                                           "card_reader",
                                                           "publish_online",
                                                           "phone_masked",
                                                           "masked",
                                                           "tckn_masked",
                                                           "name",
                                                           "payment",
                                                           "protocol_version",
                                                           "anonymous_operations",
                                                           "methods",
                                                           "valid_seconds",
                                                           "resend_after_seconds",
                                                           "max_tries",
                                                           "length"};

bool is_safe_member(std::string_view key, bool problem) {
  if (problem && key == "code") return true;
  return std::find(safe_members.begin(), safe_members.end(), key) != safe_members.end();
}

void mask(boost::json::value& v, bool keep, bool problem) {
  if (v.is_string()) {
    if (!keep) v = "***";
  } else if (v.is_array()) {
    for (auto& item : v.get_array()) mask(item, keep, problem);
  } else if (v.is_object()) {
    for (auto& member : v.get_object()) {
      const std::string_view key(member.key().data(), member.key().size());
      mask(member.value(), is_safe_member(key, problem), problem);
    }
  }
}

}  // namespace

std::string redact_header(std::string_view name, std::string_view value) {
  const bool safe = std::any_of(safe_headers.begin(), safe_headers.end(),
                                [&](std::string_view allowed) { return iequals(name, allowed); });
  return std::string(name) + ": " + (safe ? std::string(value) : std::string("***"));
}

std::string redact_body(std::string_view content_type, std::string_view body) {
  if (body.empty()) return {};
  const bool problem = content_type.starts_with("application/problem+json");
  if (!problem && !content_type.starts_with("application/json")) {
    return "<" + std::to_string(body.size()) + " bytes of " +
           std::string(content_type.empty() ? std::string_view("unknown type") : content_type) + ">";
  }
  // The DOM holds the secrets until they are masked: its memory is wiped.
  detail::WipingResource resource;
  boost::system::error_code ec;
  auto value = boost::json::parse(body, ec, &resource);
  if (ec) return "<" + std::to_string(body.size()) + " bytes, not JSON>";
  mask(value, false, problem);
  return boost::json::serialize(value);
}

}  // namespace nes::net
