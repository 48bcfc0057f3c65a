// The e-Devlet gateway: OAuth2 authorization code with PKCE, over TLS.

#include "test_client.hpp"

#include "portal/crypto/encoding.hpp"

#include <nes/portal/reference_portal.hpp>

#include <sqlite3.h>

#include <boost/url/encode.hpp>
#include <boost/url/rfc/unreserved_chars.hpp>
#include <boost/url/url_view.hpp>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

namespace {

using nes::test::ClientOptions;
using nes::test::json_body;
using nes::test::TestClient;
using ::testing::HasSubstr;
using ::testing::StartsWith;
namespace http = boost::beast::http;
namespace crypto = nes::portal::crypto;

std::string enc(std::string_view s) { return boost::urls::encode(s, boost::urls::unreserved_chars); }

class GatewayTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::string detail;
    ASSERT_FALSE(portal_.start(&detail)) << detail;
    EXPECT_THAT(portal_.gateway_url(), StartsWith("https://localhost:"));
  }

  TestClient gateway() {
    return TestClient(portal_.gateway_port(), ClientOptions{.ca_pem = portal_.ca_certificate_pem()});
  }

  std::string authorize_target(const std::string& challenge, const std::string& state,
                               const std::string& extra = "") const {
    return "/oauth2/authorize?response_type=code&client_id=nes-portal&redirect_uri=" + enc(portal_.redirect_uri()) +
           "&state=" + state + "&code_challenge=" + challenge + "&code_challenge_method=S256" + extra;
  }

  struct Started {
    std::string login_request;
    std::string cookie;  // "edk_gateway=…"
  };
  Started start_login(TestClient& c, const std::string& verifier, const std::string& state) {
    const auto res = c.request(http::verb::get, authorize_target(crypto::pkce_s256(verifier), state));
    EXPECT_EQ(res.result(), http::status::ok) << res.body();
    const std::string set_cookie(res[http::field::set_cookie]);
    EXPECT_THAT(set_cookie, HasSubstr("Secure"));
    EXPECT_THAT(set_cookie, HasSubstr("HttpOnly"));
    EXPECT_THAT(set_cookie, HasSubstr("SameSite=Lax"));
    return {std::string(json_body(res).at("login_request").as_string()), set_cookie.substr(0, set_cookie.find(';'))};
  }

  http::response<http::string_body> post_credentials(TestClient& c, const Started& s, const std::string& tckn,
                                                     const std::string& password) {
    return c.request(http::verb::post, "/oauth2/authorize",
                     "login_request=" + enc(s.login_request) + "&tckn=" + tckn + "&password=" + enc(password),
                     "application/x-www-form-urlencoded", {{http::field::cookie, s.cookie}});
  }

  http::response<http::string_body> redeem(TestClient& c, const std::string& code, const std::string& verifier,
                                           const std::string& redirect_uri) {
    return c.request(http::verb::post, "/oauth2/token",
                     "grant_type=authorization_code&code=" + enc(code) + "&redirect_uri=" + enc(redirect_uri) +
                         "&client_id=nes-portal&code_verifier=" + enc(verifier),
                     "application/x-www-form-urlencoded");
  }

  nes::portal::ReferencePortal portal_;
  const std::string verifier_ = crypto::random_token(48);
  const std::string state_ = crypto::random_token(24);
};

TEST_F(GatewayTest, LogsInWithAuthorizationCodeAndPkce) {
  auto c = gateway();
  const auto started = start_login(c, verifier_, state_);
  const auto redirect = post_credentials(c, started, "62601815964", "Demo-Parola-2");
  ASSERT_EQ(redirect.result(), http::status::found) << redirect.body();
  const boost::urls::url_view location(redirect[http::field::location]);
  EXPECT_EQ(std::string(location.scheme()) + "://" + std::string(location.encoded_host_and_port()) +
                std::string(location.path()),
            portal_.redirect_uri());
  const auto params = location.params();
  ASSERT_TRUE(params.contains("code"));
  EXPECT_EQ((*params.find("state")).value, state_);  // the client checks this
  EXPECT_THAT(std::string(redirect[http::field::set_cookie]), HasSubstr("Max-Age=0"));

  const std::string code = (*params.find("code")).value;
  const auto token = redeem(c, code, verifier_, portal_.redirect_uri());
  ASSERT_EQ(token.result(), http::status::ok) << token.body();
  const auto body = json_body(token);
  EXPECT_EQ(body.at("sub").as_string(), "62601815964");
  EXPECT_EQ(body.at("token_type").as_string(), "Bearer");
  EXPECT_EQ(token[http::field::cache_control], "no-store");

  // A code works once.
  const auto again = redeem(c, code, verifier_, portal_.redirect_uri());
  EXPECT_EQ(again.result(), http::status::bad_request);
  EXPECT_EQ(json_body(again).at("code").as_string(), "invalid_grant");
}

TEST_F(GatewayTest, RefusesBadAuthorizationRequests) {
  auto c = gateway();
  const auto challenge = crypto::pkce_s256(verifier_);
  const auto code_of = [&](const std::string& target) {
    const auto res = c.request(http::verb::get, target);
    EXPECT_EQ(res.result(), http::status::bad_request) << target;
    return std::string(json_body(res).at("code").as_string());
  };
  EXPECT_EQ(code_of("/oauth2/authorize?response_type=token&client_id=nes-portal"), "unsupported_response_type");
  EXPECT_EQ(code_of("/oauth2/authorize?response_type=code&client_id=evil"), "invalid_client");
  EXPECT_EQ(code_of("/oauth2/authorize?response_type=code&client_id=nes-portal&redirect_uri=" +
                    enc("https://evil.example/cb")),
            "invalid_redirect_uri");
  EXPECT_EQ(code_of(authorize_target(challenge, "short")), "invalid_request");
  EXPECT_EQ(code_of(authorize_target("not-a-challenge", state_)), "invalid_request");
  const auto plain = c.request(
      http::verb::get,
      "/oauth2/authorize?response_type=code&client_id=nes-portal&redirect_uri=" + enc(portal_.redirect_uri()) +
          "&state=" + state_ + "&code_challenge=" + challenge + "&code_challenge_method=plain");
  EXPECT_EQ(json_body(plain).at("code").as_string(), "invalid_request");
  EXPECT_THAT(std::string(json_body(plain).at("detail").as_string()), HasSubstr("S256"));
  EXPECT_EQ(code_of("/oauth2/authorize?response_type=code&response_type=code"), "invalid_request");  // ambiguous
}

TEST_F(GatewayTest, RefusesWrongCredentialsAndForeignLoginRequests) {
  auto c = gateway();
  const auto started = start_login(c, verifier_, state_);
  for (const auto& [tckn, password] : std::vector<std::pair<std::string, std::string>>{
           {"62601815964", "Demo-Parola-1"}, {"10000000145", "Demo-Parola-2"}, {"91948219968", "Demo-Parola-2"}}) {
    const auto res = post_credentials(c, started, tckn, password);
    EXPECT_EQ(res.result(), http::status::unauthorized) << tckn;
    EXPECT_EQ(json_body(res).at("code").as_string(), "invalid_credentials");
    EXPECT_THAT(res.body(), ::testing::Not(HasSubstr(tckn)));  // says nothing about who exists
  }
  // Without the gateway cookie the login request is not accepted (no login CSRF).
  const auto no_cookie = c.request(http::verb::post, "/oauth2/authorize",
                                   "login_request=" + enc(started.login_request) + "&tckn=62601815964&password=x",
                                   "application/x-www-form-urlencoded");
  EXPECT_EQ(json_body(no_cookie).at("code").as_string(), "login_request_invalid");
  const auto json_body_post = c.request(http::verb::post, "/oauth2/authorize", "{}");
  EXPECT_EQ(json_body_post.result(), http::status::unsupported_media_type);
}

TEST_F(GatewayTest, TheTokenEndpointChecksVerifierAndRedirectUri) {
  auto c = gateway();
  const auto login_code = [&] {
    const auto started = start_login(c, verifier_, state_);
    const auto redirect = post_credentials(c, started, "10000000146", "Demo-Parola-1");
    return std::string((*boost::urls::url_view(redirect[http::field::location]).params().find("code")).value);
  };
  const auto wrong_verifier = redeem(c, login_code(), crypto::random_token(48), portal_.redirect_uri());
  EXPECT_EQ(json_body(wrong_verifier).at("code").as_string(), "invalid_grant");
  const auto wrong_redirect = redeem(c, login_code(), verifier_, portal_.redirect_uri() + "x");
  EXPECT_EQ(json_body(wrong_redirect).at("code").as_string(), "invalid_grant");
  const auto unknown = redeem(c, "made-up", verifier_, portal_.redirect_uri());
  EXPECT_EQ(json_body(unknown).at("code").as_string(), "invalid_grant");
}

// Every login attempt is in the audit log, with the T.C. Kimlik No masked;
// the full number is nowhere in the database files, and the log survives a
// restart. Read with SQLite's own API.
TEST(GatewayAudit, RecordsLoginsMaskedAndKeepsThemAcrossRestarts) {
  const auto dir = std::filesystem::temp_directory_path() / ("nes-audit-" + std::to_string(::getpid()));
  std::filesystem::remove_all(dir);
  {
    nes::portal::ReferencePortal portal(nes::portal::PortalOptions{.data_directory = dir});
    ASSERT_FALSE(portal.start());
    TestClient c(portal.gateway_port(), ClientOptions{.ca_pem = portal.ca_certificate_pem()});
    const auto verifier = crypto::random_token(48);
    const auto login = [&](const std::string& password) {
      const auto start = c.request(
          http::verb::get, "/oauth2/authorize?response_type=code&client_id=nes-portal&redirect_uri=" +
                               enc(portal.redirect_uri()) + "&state=" + crypto::random_token(24) +
                               "&code_challenge=" + crypto::pkce_s256(verifier) + "&code_challenge_method=S256");
      const std::string cookie(start[http::field::set_cookie]);
      return c.request(http::verb::post, "/oauth2/authorize",
                       "login_request=" + std::string(json_body(start).at("login_request").as_string()) +
                           "&tckn=62601815964&password=" + password,
                       "application/x-www-form-urlencoded",
                       {{http::field::cookie, cookie.substr(0, cookie.find(';'))}});
    };
    EXPECT_EQ(login("wrong").result(), http::status::unauthorized);
    EXPECT_EQ(login("Demo-Parola-2").result(), http::status::found);
  }
  nes::portal::ReferencePortal restarted(nes::portal::PortalOptions{.data_directory = dir});
  ASSERT_FALSE(restarted.start());
  restarted.stop();

  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open_v2((dir / "portal.db").c_str(), &db, SQLITE_OPEN_READONLY, nullptr), SQLITE_OK);
  sqlite3_stmt* rows = nullptr;
  sqlite3_prepare_v2(db, "SELECT event, subject FROM audit_log ORDER BY id", -1, &rows, nullptr);
  std::vector<std::string> got;
  while (sqlite3_step(rows) == SQLITE_ROW) {
    got.push_back(std::string(reinterpret_cast<const char*>(sqlite3_column_text(rows, 0))) + " " +
                  reinterpret_cast<const char*>(sqlite3_column_text(rows, 1)));
  }
  sqlite3_finalize(rows);
  sqlite3_close(db);
  EXPECT_THAT(got, ::testing::ElementsAre("login_failed *********64", "login_succeeded *********64"));

  for (const auto& entry : std::filesystem::directory_iterator(dir)) {
    std::ifstream in(entry.path(), std::ios::binary);
    std::stringstream bytes;
    bytes << in.rdbuf();
    EXPECT_EQ(bytes.str().find("62601815964"), std::string::npos) << entry.path();
  }
  std::filesystem::remove_all(dir);
}

}  // namespace
