#include "client/wire.hpp"

#include "client/wire_reading.hpp"

#include "form/form_object.hpp"
#include "json/wiping_arena.hpp"

#include <nes/form_json.hpp>

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <boost/json/serializer.hpp>
#include <boost/json/value.hpp>

#include <charconv>
#include <limits>

namespace nes::client {

namespace {

namespace json = boost::json;
using namespace reading;  // NOLINT(google-build-using-namespace): the wire's own vocabulary
using SteadyTime = OtpStatus::SteadyClock::time_point;

OtpStatus otp(const json::object& o, SteadyTime received) {
  OtpStatus s;
  s.phone_masked = text(o, "phone_masked");
  s.expires_at = time(o, "expires_at");
  const auto seconds_left = std::chrono::seconds(integer(member(o, "seconds_left")));
  if (seconds_left.count() < 0) throw NotTheProtocol{};
  s.deadline = received + seconds_left;
  // The portal's "now" is expires_at - seconds_left; the resend time is
  // measured from it, so the local clock's skew does not matter.
  const auto portal_now = s.expires_at - seconds_left;
  const auto resend_after = time(o, "resend_after");
  s.resend_allowed_at = received + std::chrono::duration_cast<std::chrono::steady_clock::duration>(
                                       std::max(resend_after - portal_now, std::chrono::system_clock::duration{}));
  s.tries_left = small_integer(member(o, "tries_left"));
  s.locked = boolean(o, "locked");
  return s;
}

ApprovalRoute approval_route(std::string_view name) {
  if (name.empty()) return ApprovalRoute::none;
  if (name == "e_signature") return ApprovalRoute::e_signature;
  if (name == "wet_signature") return ApprovalRoute::wet_signature;
  if (name == "e_onay") return ApprovalRoute::e_onay;
  throw NotTheProtocol{};
}

ApplicationInfo application(const json::value& v, SteadyTime received) {
  const auto& o = object(v);
  ApplicationInfo a;
  a.id = text(o, "id");
  const auto status = application_status_from_string(text(o, "status"));
  if (!status) throw NotTheProtocol{};
  a.status = *status;
  a.institution_id = text(o, "institution_id");
  a.created_at = time(o, "created_at");
  a.updated_at = time(o, "updated_at");
  a.fee = fee(member(o, "fee"));
  if (const auto* code = o.if_contains("otp")) a.otp = otp(object(*code), received);
  a.approval = approval_route(optional_text(o, "approval"));
  a.postal_address = optional_text(o, "postal_address");
  a.renews = optional_text(o, "renews");
  if (const auto* form = o.if_contains("form")) {
    auto decoded = detail::decode_form_object(object(*form));
    if (!decoded.errors.empty() || !decoded.form) throw NotTheProtocol{};
    a.form = std::move(decoded.form);
  }
  return a;
}

}  // namespace

std::optional<std::chrono::system_clock::time_point> parse_utc(std::string_view text) {
  // YYYY-MM-DDTHH:MM:SSZ, exactly.
  if (text.size() != 20 || text[4] != '-' || text[7] != '-' || text[10] != 'T' || text[13] != ':' || text[16] != ':' ||
      text[19] != 'Z') {
    return std::nullopt;
  }
  auto number = [&](std::size_t at, std::size_t length) -> std::optional<int> {
    int n = 0;
    const auto* first = text.data() + at;
    const auto [end, ec] = std::from_chars(first, first + length, n);
    if (ec != std::errc() || end != first + length) return std::nullopt;
    return n;
  };
  const auto year = number(0, 4);
  const auto month = number(5, 2);
  const auto day = number(8, 2);
  const auto hour = number(11, 2);
  const auto minute = number(14, 2);
  const auto second = number(17, 2);
  if (!year || !month || !day || !hour || !minute || !second) return std::nullopt;
  const std::chrono::year_month_day date{std::chrono::year(*year), std::chrono::month(static_cast<unsigned>(*month)),
                                         std::chrono::day(static_cast<unsigned>(*day))};
  if (!date.ok() || *hour > 23 || *minute > 59 || *second > 60) return std::nullopt;
  // system_clock counts nanoseconds here: past 2262 it overflows. No date of
  // the protocol (a deadline, an expiry) is outside 1970-2200.
  if (*year < 1970 || *year > 2200) return std::nullopt;
  return std::chrono::sys_days(date) + std::chrono::hours(*hour) + std::chrono::minutes(*minute) +
         std::chrono::seconds(*second);
}

Problem decode_problem(const HttpResponse& response) {
  Problem p;
  p.http_status = response.status;
  p.request_id = std::string(response.header("X-Request-Id"));
  if (const auto retry_after = response.header("Retry-After"); !retry_after.empty()) {
    int seconds = 0;
    const auto [end, ec] = std::from_chars(retry_after.data(), retry_after.data() + retry_after.size(), seconds);
    if (ec == std::errc() && end == retry_after.data() + retry_after.size() && seconds >= 0) {
      p.retry_after = std::chrono::seconds(seconds);
    }
  }
  detail::WipingArena arena;
  const auto value = parse(response.body.reveal(), arena);
  const json::object* o = value ? value->if_object() : nullptr;
  const auto* code = o != nullptr ? o->if_contains("code") : nullptr;
  // An empty code names nothing: the answer is not a problem document.
  if (code == nullptr || !code->is_string() || code->get_string().empty()) {
    p.code = "http_" + std::to_string(response.status);
    p.title = "The portal answered " + std::to_string(response.status) + " without a problem document";
    return p;
  }
  p.code = std::string(code->get_string());
  auto string_member = [&](std::string_view name) {
    const auto* v = o->if_contains(name);
    return v != nullptr && v->is_string() ? std::string(v->get_string()) : std::string();
  };
  p.title = string_member("title");
  p.detail = string_member("detail");
  if (auto id = string_member("request_id"); !id.empty()) p.request_id = std::move(id);
  p.application_id = string_member("application_id");
  p.current_version = string_member("current_version");
  if (auto status = application_status_from_string(string_member("application_status"))) {
    p.application_status = status;
  }
  // Counts a person is shown: a negative one, or one past any rule's, is not said.
  constexpr std::int64_t most_tries = 1000;
  constexpr std::int64_t longest_wait = 7 * 24 * 3600;
  if (const auto* tries = o->if_contains("tries_left");
      tries != nullptr && tries->is_int64() && tries->get_int64() >= 0 && tries->get_int64() <= most_tries) {
    p.tries_left = static_cast<int>(tries->get_int64());
  }
  if (const auto* wait = o->if_contains("retry_after_seconds");
      wait != nullptr && wait->is_int64() && wait->get_int64() >= 0 && wait->get_int64() <= longest_wait) {
    p.retry_after = std::chrono::seconds(wait->get_int64());
  }
  if (const auto* errors = o->if_contains("errors"); errors != nullptr && errors->is_array()) {
    std::string unknown;  // codes from a newer portal: said, not dropped and not renamed
    p.errors = field_errors(errors->get_array(), unknown);
    if (!unknown.empty()) p.detail += (p.detail.empty() ? "" : "; ") + ("problems this SDK cannot name: " + unknown);
  }
  return p;
}

// Lowercase hexadecimal as bytes, as sha256sum writes a digest.
std::string hex_bytes(std::string_view hex) {
  if (hex.size() % 2 != 0) throw NotTheProtocol{};
  auto nibble = [](char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    throw NotTheProtocol{};
  };
  std::string bytes;
  for (std::size_t i = 0; i < hex.size(); i += 2)
    bytes.push_back(static_cast<char>(nibble(hex[i]) * 16 + nibble(hex[i + 1])));
  return bytes;
}

// {"profile": "BES"} or {"profile": "P4", "policy": {"oid", "document_sha256"}},
// with "commitment_type": "proof_of_approval". A Turkish profile must name
// its own policy OID; nothing else is signed to.
SignatureProfile signature_profile(const json::object& o) {
  if (text(o, "commitment_type") != "proof_of_approval") throw NotTheProtocol{};
  const auto name = text(o, "profile");
  if (name == "BES" && o.if_contains("policy") == nullptr) return {};
  const auto expected_oid = turkish_policy_oid(name);
  const auto& policy = object(member(o, "policy"));
  auto oid = text(policy, "oid");
  auto digest = hex_bytes(text(policy, "document_sha256"));
  if (!expected_oid || oid != *expected_oid || digest.size() != 32) throw NotTheProtocol{};
  return {name, std::move(oid), std::move(digest)};
}

std::optional<PortalInfo> decode_info(std::string_view body) {
  return decoded(body, [](const json::value& v) {
    const auto& o = object(v);
    const auto& login = object(member(o, "login"));
    const auto& otp = object(member(o, "otp"));
    return PortalInfo{text(o, "name"),
                      text(o, "protocol_version"),
                      text(login, "authorize_url"),
                      text(login, "client_id"),
                      text(login, "redirect_uri"),
                      small_integer(member(otp, "length")),
                      small_integer(member(otp, "valid_seconds")),
                      small_integer(member(otp, "resend_after_seconds")),
                      small_integer(member(otp, "max_tries")),
                      signature_profile(object(member(o, "signature")))};
  });
}

std::optional<FeeTable> decode_fees(std::string_view body) {
  return decoded(body, [](const json::value& v) {
    const auto& o = object(v);
    FeeTable table;
    table.kdv.basis_points = small_integer(member(o, "kdv_rate_basis_points"));
    for (const auto& entry : array(o, "fees")) {
      const auto& e = object(entry);
      table.entries.push_back(
          {small_integer(member(e, "validity_years")), boolean(e, "card_reader"), fee(member(e, "fee"))});
    }
    return table;
  });
}

std::optional<DebtReport> decode_debt(std::string_view body) {
  return decoded(body, [](const json::value& v) {
    const auto& o = object(v);
    DebtReport report;
    report.tckn_masked = text(o, "tckn_masked");
    for (const auto& entry : array(o, "debts")) {
      const auto& d = object(entry);
      report.debts.push_back({text(d, "application_id"), text(d, "description"), fee(member(d, "amount"))});
    }
    report.total = Money::from_kurus(integer(member(o, "total")));
    // A total that is not the debts' sum is not shown to a person as what they owe.
    std::int64_t sum = 0;
    for (const auto& d : report.debts) sum += d.amount.total.kurus();
    if (sum != report.total.kurus()) throw NotTheProtocol{};
    return report;
  });
}

SecretString encode_debt_inquiry(const SecretString& tckn) {
  // A T.C. Kimlik No is eleven digits: nothing in it needs escaping. One
  // buffer, reserved first, so that no unwiped copy is left behind.
  std::string body;
  body.reserve(tckn.size() + 12);
  body += R"({"tckn":")";
  body += tckn.reveal();
  body += R"("})";
  SecretString out(body);
  secure_wipe(body.data(), body.size());
  return out;
}

std::optional<std::vector<RegisteredPhone>> decode_phones(std::string_view body) {
  return decoded(body, [](const json::value& v) {
    std::vector<RegisteredPhone> phones;
    for (const auto& p : array(object(v), "phones")) {
      const auto& o = object(p);
      phones.push_back({text(o, "id"), text(o, "masked")});
    }
    return phones;
  });
}

std::optional<ApplicationInfo> decode_application(std::string_view body, SteadyTime received) {
  return decoded(body, [received](const json::value& v) { return application(v, received); });
}

std::optional<std::vector<ApplicationInfo>> decode_applications(std::string_view body, SteadyTime received) {
  return decoded(body, [received](const json::value& v) {
    std::vector<ApplicationInfo> list;
    for (const auto& a : array(object(v), "applications")) list.push_back(application(a, received));
    return list;
  });
}

std::optional<OtpStatus> decode_otp(std::string_view body, SteadyTime received) {
  return decoded(body, [received](const json::value& v) { return otp(object(v), received); });
}

std::optional<OpenedSession> decode_opened_session(std::string_view body) {
  return decoded(body, [](const json::value& v) {
    const auto& o = object(v);
    const auto& person = object(member(o, "person"));
    const auto& token = member(o, "csrf_token");
    if (!token.is_string()) throw NotTheProtocol{};
    return OpenedSession{SecretString(std::string_view(token.get_string())),
                         SessionInfo{text(person, "first_name"), text(person, "last_name"), text(person, "tckn_masked"),
                                     time(o, "expires_at")}};
  });
}

SecretString encode_secret_object(std::initializer_list<std::pair<std::string_view, std::string_view>> members) {
  detail::WipingArena arena;
  json::object object(&arena);
  std::size_t most = 2;
  for (const auto& [name, value] : members) {
    object[name] = value;
    most += 6 * (name.size() + value.size()) + 6;  // every byte escaped as \u00XX at worst
  }
  // Serialized into one buffer reserved up front, so no smaller copy of the
  // secret is left behind by a reallocation.
  std::string text;
  text.reserve(most);
  json::serializer serializer;
  serializer.reset(&object);
  char chunk[256];
  while (!serializer.done()) text.append(serializer.read(chunk));
  secure_wipe(chunk, sizeof chunk);
  SecretString secret(text);
  secure_wipe(text.data(), text.size());
  return secret;
}

std::optional<std::string> decode_login_request(std::string_view body) {
  return decoded(body, [](const json::value& v) { return text(object(v), "login_request"); });
}

std::vector<std::string> decode_login_methods(std::string_view body) {
  auto methods = decoded(body, [](const json::value& v) {
    std::vector<std::string> out;
    for (const auto& m : array(object(v), "methods")) {
      if (m.is_string()) out.emplace_back(m.get_string());
    }
    return out;
  });
  return methods.value_or(std::vector<std::string>{});
}

}  // namespace nes::client
