// Portal sessions (step 4): login with the gateway's code, the cookie, CSRF,
// expiry and logout; the catalogue and the masked phones behind them.

#include "portal_flow.hpp"

#include "portal/crypto/encoding.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <boost/json/serialize.hpp>

#include <thread>

namespace {

using nes::test::json_body;
using nes::test::PortalAddress;
using nes::test::PortalFlow;
using ::testing::HasSubstr;
namespace http = boost::beast::http;

constexpr const char* ayse = "10000000146";
constexpr const char* ismail = "62601815964";

class SessionTest : public ::testing::Test {
 protected:
  void start(nes::portal::PortalOptions options = {}) {
    portal_ = std::make_unique<nes::portal::ReferencePortal>(std::move(options));
    std::string detail;
    ASSERT_FALSE(portal_->start(&detail)) << detail;
    flow_ = std::make_unique<PortalFlow>(PortalAddress::of(*portal_));
  }
  void SetUp() override { start(); }

  std::unique_ptr<nes::portal::ReferencePortal> portal_;
  std::unique_ptr<PortalFlow> flow_;
};

TEST_F(SessionTest, LoginSetsAStrictSessionCookieAndGivesTheCsrfToken) {
  const auto who = flow_->login(ayse, nes::test::demo_password(ayse));
  const std::string set_cookie(who.response[http::field::set_cookie]);
  EXPECT_THAT(set_cookie, HasSubstr("Secure"));
  EXPECT_THAT(set_cookie, HasSubstr("HttpOnly"));
  EXPECT_THAT(set_cookie, HasSubstr("SameSite=Strict"));
  EXPECT_THAT(set_cookie, HasSubstr("Path=/api"));
  const auto body = json_body(who.response);
  EXPECT_GE(who.csrf.size(), 32U);
  EXPECT_EQ(body.at("person").at("first_name").as_string(), "Ayşe Gül");
  EXPECT_EQ(body.at("person").at("tckn_masked").as_string(), "*********46");
  EXPECT_THAT(std::string(body.at("expires_at").as_string()), ::testing::MatchesRegex("20[0-9-]{8}T[0-9:]{8}Z"));
}

TEST_F(SessionTest, ACodeOpensOneSessionOnlyAndOnlyWithItsVerifier) {
  const std::string verifier = nes::portal::crypto::random_token(48);
  const auto code = flow_->gateway_code(ismail, nes::test::demo_password(ismail), verifier);
  ASSERT_TRUE(code);
  const auto redeem = [&](const std::string& with_verifier) {
    const boost::json::value body = {
        {"code", *code}, {"code_verifier", with_verifier}, {"redirect_uri", portal_->redirect_uri()}};
    return flow_->portal().request(http::verb::post, "/api/v1/auth/session", boost::json::serialize(body));
  };
  const auto wrong = redeem(nes::portal::crypto::random_token(48));
  EXPECT_EQ(wrong.result(), http::status::unauthorized);
  EXPECT_EQ(json_body(wrong).at("code").as_string(), "invalid_grant");
  // The failed attempt used the code up, as OAuth2 asks.
  const auto again = redeem(verifier);
  EXPECT_EQ(again.result(), http::status::unauthorized);
}

TEST_F(SessionTest, SessionBodiesAreCheckedFieldByField) {
  const auto res = flow_->portal().request(http::verb::post, "/api/v1/auth/session", R"({"code": 5, "extra": 1})");
  ASSERT_EQ(res.result(), http::status::bad_request);
  const auto body = json_body(res);
  EXPECT_EQ(body.at("code").as_string(), "invalid_request");
  std::vector<std::string> fields;
  for (const auto& e : body.at("errors").as_array()) {
    fields.push_back(std::string(e.at("field").as_string()) + ":" + std::string(e.at("code").as_string()));
  }
  EXPECT_THAT(fields, ::testing::UnorderedElementsAre("code:wrong_type", "extra:unknown_field",
                                                      "code_verifier:required", "redirect_uri:required"));
  const auto not_json = flow_->portal().request(http::verb::post, "/api/v1/auth/session", "code=1", "text/plain");
  EXPECT_EQ(not_json.result(), http::status::unsupported_media_type);
}

TEST_F(SessionTest, WithoutASessionTheApplicantsRoutesSayWhy) {
  const auto none = flow_->portal().request(http::verb::get, "/api/v1/institutions");
  EXPECT_EQ(none.result(), http::status::unauthorized);
  EXPECT_EQ(json_body(none).at("code").as_string(), "unauthenticated");
  const auto forged = flow_->portal().request(http::verb::get, "/api/v1/me/phones", {}, {},
                                              {{http::field::cookie, "nes_session=forged"}});
  EXPECT_EQ(forged.result(), http::status::unauthorized);
  EXPECT_EQ(json_body(forged).at("code").as_string(), "session_expired");
}

TEST_F(SessionTest, StateChangesNeedTheCsrfTokenAndARefusalGivesItBack) {
  auto who = flow_->login(ayse, nes::test::demo_password(ayse));
  const auto without =
      flow_->portal().request(http::verb::delete_, "/api/v1/auth/session", {}, {}, {{http::field::cookie, who.cookie}});
  ASSERT_EQ(without.result(), http::status::forbidden);
  EXPECT_EQ(json_body(without).at("code").as_string(), "csrf_rejected");
  EXPECT_EQ(without["X-CSRF-Token"], who.csrf);
  // The session survives a refused token; with the right one it logs out.
  const auto logout = flow_->call(who, http::verb::delete_, "/api/v1/auth/session");
  EXPECT_EQ(logout.result(), http::status::no_content);
  EXPECT_THAT(std::string(logout[http::field::set_cookie]), HasSubstr("Max-Age=0"));
  const auto after = flow_->call(who, http::verb::get, "/api/v1/institutions");
  EXPECT_EQ(after.result(), http::status::unauthorized);
  EXPECT_EQ(json_body(after).at("code").as_string(), "session_expired");
}

TEST_F(SessionTest, AnExpiredSessionIsSaidToBeExpired) {
  start({.session_ttl_seconds = 1});
  const auto who = flow_->login(ayse, nes::test::demo_password(ayse));
  EXPECT_EQ(flow_->call(who, http::verb::get, "/api/v1/institutions").result(), http::status::ok);
  std::this_thread::sleep_for(std::chrono::milliseconds(1100));
  const auto res = flow_->call(who, http::verb::get, "/api/v1/institutions");
  EXPECT_EQ(res.result(), http::status::unauthorized);
  EXPECT_EQ(json_body(res).at("code").as_string(), "session_expired");
}

TEST_F(SessionTest, TheCatalogueCarriesRulesAndNotices) {
  const auto who = flow_->login(ayse, nes::test::demo_password(ayse));
  const auto res = flow_->call(who, http::verb::get, "/api/v1/institutions");
  ASSERT_EQ(res.result(), http::status::ok);
  const auto body = json_body(res);
  const auto& list = body.at("institutions").as_array();
  ASSERT_EQ(list.size(), 4U);
  EXPECT_EQ(list.at(3).at("payment").as_string(), "institution_paid");
  const auto& yok = list.at(0);
  EXPECT_EQ(yok.at("id").as_string(), "yok-akademik");
  EXPECT_EQ(yok.at("payment").as_string(), "person_paid");
  EXPECT_EQ(yok.at("notices").as_array().size(), 2U);
  EXPECT_EQ(yok.at("notices").at(0).at("id").as_string(), "institution_paid");
  EXPECT_EQ(yok.at("rules").at("required_fields").as_array().size(), 2U);
}

TEST_F(SessionTest, PhonesAreMasked) {
  const auto who = flow_->login(ismail, nes::test::demo_password(ismail));
  const auto res = flow_->call(who, http::verb::get, "/api/v1/me/phones");
  ASSERT_EQ(res.result(), http::status::ok);
  const auto body = json_body(res);
  const auto& phones = body.at("phones").as_array();
  ASSERT_EQ(phones.size(), 2U);
  EXPECT_EQ(phones.at(0).at("masked").as_string(), "*** *** 43 21");
  EXPECT_EQ(phones.at(1).at("masked").as_string(), "*** *** 92 90");
  EXPECT_THAT(res.body(), ::testing::Not(HasSubstr("765")));
}

}  // namespace
