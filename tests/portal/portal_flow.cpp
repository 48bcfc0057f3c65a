#include "portal_flow.hpp"

#include "portal/crypto/encoding.hpp"

#include <boost/json/serialize.hpp>
#include <boost/url/encode.hpp>
#include <boost/url/rfc/unreserved_chars.hpp>
#include <boost/url/url_view.hpp>

#include <chrono>
#include <stdexcept>

namespace nes::test {

namespace {

namespace crypto = portal::crypto;

std::string enc(std::string_view s) { return boost::urls::encode(s, boost::urls::unreserved_chars); }

std::string query_value(const boost::urls::url_view& url, std::string_view name) {
  const auto params = url.params();
  const auto found = params.find(name);
  return found == params.end() ? std::string() : std::string((*found).value);
}

}  // namespace

PortalAddress PortalAddress::of(const portal::ReferencePortal& portal) {
  return {portal.port(), portal.gateway_port(), portal.ca_certificate_pem(), portal.redirect_uri()};
}

PortalFlow::PortalFlow(PortalAddress address)
    : address_(std::move(address)),
      portal_(address_.port, ClientOptions{.ca_pem = address_.ca_pem}),
      gateway_(address_.gateway_port, ClientOptions{.ca_pem = address_.ca_pem}) {}

PortalFlow::GatewayLogin PortalFlow::begin_gateway_login(const std::string& verifier) {
  GatewayLogin login;
  login.state = crypto::random_token(24);
  login.started = gateway_.request(
      http::verb::get,
      "/oauth2/authorize?response_type=code&client_id=nes-portal&redirect_uri=" + enc(address_.redirect_uri) +
          "&state=" + login.state + "&code_challenge=" + crypto::pkce_s256(verifier) + "&code_challenge_method=S256");
  if (login.started.result() != http::status::ok) return login;
  const std::string set_cookie(login.started[http::field::set_cookie]);
  login.cookie = set_cookie.substr(0, set_cookie.find(';'));
  login.id = std::string(json_body(login.started).at("login_request").as_string());
  return login;
}

std::string PortalFlow::code_in(const Response& answer, const GatewayLogin& login) {
  const boost::urls::url_view location(answer[http::field::location]);
  if (query_value(location, "state") != login.state) throw std::runtime_error("the gateway changed state");
  return query_value(location, "code");
}

std::optional<std::string> PortalFlow::gateway_code(const std::string& tckn, const std::string& password,
                                                    const std::string& verifier, Response* refusal) {
  const auto login = begin_gateway_login(verifier);
  if (login.started.result() != http::status::ok) {
    if (refusal != nullptr) *refusal = login.started;
    return std::nullopt;
  }
  const auto posted =
      gateway_.request(http::verb::post, "/oauth2/authorize",
                       "login_request=" + enc(login.id) + "&tckn=" + enc(tckn) + "&password=" + enc(password),
                       "application/x-www-form-urlencoded", {{http::field::cookie, login.cookie}});
  if (posted.result() != http::status::found) {
    if (refusal != nullptr) *refusal = posted;
    return std::nullopt;
  }
  return code_in(posted, login);
}

LoggedIn PortalFlow::login(const std::string& tckn, const std::string& password) {
  const std::string verifier = crypto::random_token(48);
  auto code = gateway_code(tckn, password, verifier);
  if (!code) throw std::runtime_error("gateway login failed for a test person");
  return open_session(*code, verifier);
}

LoggedIn PortalFlow::open_session(const std::string& code, const std::string& verifier) {
  const boost::json::value body = {
      {"code", code}, {"code_verifier", verifier}, {"redirect_uri", address_.redirect_uri}};
  auto res = portal_.request(http::verb::post, "/api/v1/auth/session", boost::json::serialize(body));
  if (res.result() != http::status::created) throw std::runtime_error("session refused: " + res.body());
  const std::string set_cookie(res[http::field::set_cookie]);
  const std::string csrf(json_body(res).at("csrf_token").as_string());
  return {set_cookie.substr(0, set_cookie.find(';')), csrf, std::move(res)};
}

Response PortalFlow::call(const LoggedIn& who, http::verb method, const std::string& target, const std::string& body,
                          const std::string& content_type, TestClient::Headers headers) {
  headers.emplace_back(http::field::cookie, who.cookie);
  if (method != http::verb::get) headers.emplace_back("X-CSRF-Token", who.csrf);
  return portal_.request(method, target, body, content_type, headers);
}

Response PortalFlow::submit(const LoggedIn& who, const std::string& form_json, const std::string& idempotency_key,
                            const std::string& acknowledged) {
  return call(who, http::verb::post, "/api/v1/applications",
              R"({"form": )" + form_json + R"(, "acknowledged_notices": )" + acknowledged + "}", "application/json",
              {{"Idempotency-Key", idempotency_key}});
}

std::string demo_password(const std::string& tckn) {
  static const std::map<std::string, std::string> passwords = {
      {"10000000146", "Demo-Parola-1"}, {"62601815964", "Demo-Parola-2"}, {"18301661332", "Demo-Parola-3"},
      {"28609139020", "Demo-Parola-4"}, {"70308246202", "Demo-Parola-5"}, {"67746370606", "Demo-Parola-6"},
      {"53304452938", "Demo-Parola-7"}, {"50394029002", "Demo-Parola-8"}, {"87943454688", "Demo-Parola-9"}};
  return passwords.at(tckn);
}

std::string demo_form(const std::string& tckn) {
  // name, mobile, institution, the fields that institution requires.
  struct Person {
    const char* first;
    const char* last;
    const char* mobile;
    const char* institution;
  };
  static const std::map<std::string, Person> people = {
      {"10000000146", {"Ayşe Gül", "Şahin", "0532 123 45 67", "yok-akademik"}},
      {"62601815964", {"İsmail", "Işık", "+90 505 987 92 90", "saglik-bakanligi"}},
      {"18301661332", {"Çağla", "Öztürk", "5331112233", "meb"}},
      {"28609139020", {"Gülşen", "Ünal", "5051234567", "meb"}},
      {"70308246202", {"Oğuz", "Güneş", "5339876543", "meb"}},
      {"67746370606", {"Hakan", "Aydın", "5351239876", "ornek-universitesi"}},
      {"53304452938", {"Elif", "Kaya", "5361112244", "ornek-universitesi"}},
      {"50394029002", {"Murat", "Çelik", "5372223355", "ornek-universitesi"}},
      {"87943454688", {"Zeynep", "Doğan", "5383334466", "ornek-universitesi"}}};
  const Person& p = people.at(tckn);
  return std::string(R"({"certificate": {"validity_years": 3, "card_reader": false, "publish_online": false},)") +
         R"("identity": {"tckn": ")" + tckn + R"(", "first_name": ")" + p.first + R"(", "last_name": ")" + p.last +
         R"(", "mobile_phone": ")" + p.mobile + R"(", "info_channel": "sms"},)" + R"("institution": {"id": ")" +
         p.institution + R"(", "unit": "Bilgi İşlem Daire Başkanlığı", "work_phone": "0312 298 20 00"},)" +
         R"("delivery": {"address_type": "work", "address_line": "Üniversiteler Mah. Dumlupınar Blv. No: 1",)" +
         R"("district": "Çankaya", "province": "Ankara", "postal_code": "06800"}})";
}

}  // namespace nes::test
