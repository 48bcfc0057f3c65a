// Fault injection and rate limits.

#include "portal_flow.hpp"

#include "portal/crypto/encoding.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <boost/json/serialize.hpp>

#include <chrono>

namespace {

using nes::test::json_body;
using nes::test::PortalAddress;
using nes::test::PortalFlow;
namespace http = boost::beast::http;

constexpr const char* ayse = "10000000146";

std::unique_ptr<nes::portal::ReferencePortal> started(nes::portal::PortalOptions options) {
  auto portal = std::make_unique<nes::portal::ReferencePortal>(std::move(options));
  std::string detail;
  EXPECT_FALSE(portal->start(&detail)) << detail;
  return portal;
}

TEST(Faults, UnavailableAnswers503WithRetryAfterOnTheApiOnly) {
  auto portal = started({.faults = {.seed = 7, .unavailable_rate = 1.0, .retry_after_seconds = 3}});
  PortalFlow flow(PortalAddress::of(*portal));
  const auto res = flow.portal().request(http::verb::get, "/api/v1/info");
  EXPECT_EQ(res.result(), http::status::service_unavailable);
  EXPECT_EQ(res[http::field::retry_after], "3");
  EXPECT_EQ(json_body(res).at("code").as_string(), "unavailable");
  // The gateway is spared, so that a login still works.
  std::string verifier = nes::portal::crypto::random_token(48);
  EXPECT_TRUE(flow.gateway_code(ayse, nes::test::demo_password(ayse), verifier));
}

TEST(Faults, ResetsCloseTheConnectionWithoutAnAnswer) {
  auto portal = started({.faults = {.seed = 7, .reset_rate = 1.0}});
  nes::test::TestClient client(portal->port(), {.ca_pem = portal->ca_certificate_pem()});
  EXPECT_THROW(client.request(http::verb::get, "/api/v1/info"), boost::system::system_error);
}

TEST(Faults, LatencyIsAdded) {
  auto portal = started({.faults = {.seed = 7, .latency_rate = 1.0, .latency_ms = 300}});
  nes::test::TestClient client(portal->port(), {.ca_pem = portal->ca_certificate_pem()});
  ASSERT_FALSE(client.connect());
  const auto before = std::chrono::steady_clock::now();
  EXPECT_EQ(client.request(http::verb::get, "/api/v1/info").result(), http::status::ok);
  EXPECT_GE(std::chrono::steady_clock::now() - before, std::chrono::milliseconds(300));
}

TEST(Faults, RejectedCsrfTokensComeBackWithTheTokenToRetryWith) {
  auto portal = started({.faults = {.seed = 7, .csrf_reject_rate = 0.5}});
  PortalFlow flow(PortalAddress::of(*portal));
  const auto who = flow.login(ayse, nes::test::demo_password(ayse));
  int rejected = 0;
  int accepted = 0;
  for (int i = 0; i < 40; ++i) {
    // A state-changing call that changes nothing: a debt-free cancel of an unknown application.
    const auto res = flow.call(who, http::verb::post, "/api/v1/applications/app_00000000/cancel");
    if (res.result() == http::status::forbidden) {
      EXPECT_EQ(json_body(res).at("code").as_string(), "csrf_rejected");
      EXPECT_EQ(res["X-CSRF-Token"], who.csrf);
      ++rejected;
    } else {
      EXPECT_EQ(res.result(), http::status::not_found);
      ++accepted;
    }
  }
  EXPECT_GT(rejected, 5);
  EXPECT_GT(accepted, 5);
}

TEST(Faults, TheSameSeedGivesTheSameFaults) {
  const auto pattern = [] {
    auto portal = started({.faults = {.seed = 42, .unavailable_rate = 0.5}});
    nes::test::TestClient client(portal->port(), {.ca_pem = portal->ca_certificate_pem()});
    std::string seen;
    for (int i = 0; i < 32; ++i) {
      seen += client.request(http::verb::get, "/api/v1/info").result() == http::status::ok ? '.' : 'X';
    }
    return seen;
  };
  const auto first = pattern();
  EXPECT_EQ(first, pattern());
  EXPECT_NE(first.find('X'), std::string::npos);
  EXPECT_NE(first.find('.'), std::string::npos);
}

TEST(RateLimits, LoginsPerPersonAreLimited) {
  auto portal = started({.rate_limits = {.logins_per_person = 2}});
  PortalFlow flow(PortalAddress::of(*portal));
  const std::string verifier = nes::portal::crypto::random_token(48);
  nes::test::Response refusal;
  EXPECT_FALSE(flow.gateway_code(ayse, "wrong", verifier, &refusal));
  EXPECT_EQ(refusal.result(), http::status::unauthorized);
  EXPECT_FALSE(flow.gateway_code(ayse, "wrong", verifier, &refusal));
  EXPECT_FALSE(flow.gateway_code(ayse, nes::test::demo_password(ayse), verifier, &refusal));
  EXPECT_EQ(refusal.result(), http::status::too_many_requests);
  EXPECT_EQ(json_body(refusal).at("code").as_string(), "rate_limited");
  EXPECT_GE(std::stoi(std::string(refusal[http::field::retry_after])), 1);
  // Someone else is not held up.
  EXPECT_TRUE(flow.gateway_code("62601815964", nes::test::demo_password("62601815964"), verifier));
}

TEST(RateLimits, DebtInquiriesPerAddressAreLimited) {
  auto portal = started({.rate_limits = {.debt_inquiries_per_address = 3}});
  nes::test::TestClient client(portal->port(), {.ca_pem = portal->ca_certificate_pem()});
  const std::vector<std::string> people = {"10000000146", "62601815964", "18301661332", "28609139020"};
  std::vector<http::status> statuses;
  for (const auto& tckn : people) {
    statuses.push_back(
        client.request(http::verb::post, "/api/v1/debt-inquiries", R"({"tckn": ")" + tckn + "\"}").result());
  }
  EXPECT_THAT(statuses, ::testing::ElementsAre(http::status::ok, http::status::ok, http::status::ok,
                                               http::status::too_many_requests));
}

TEST(RateLimits, SmsCodesPerPersonAreLimited) {
  nes::test::SmsInbox inbox;
  auto portal = started({.sms_sink = inbox.sink(), .rate_limits = {.sms_per_person = 2}});
  PortalFlow flow(PortalAddress::of(*portal));
  const auto who = flow.login(ayse, nes::test::demo_password(ayse));
  const auto created = flow.submit(who, nes::test::demo_form(ayse), nes::portal::crypto::random_token(16));
  ASSERT_EQ(created.result(), http::status::created);
  const std::string id(json_body(created).at("id").as_string());
  const auto verify = [&] {
    return flow.call(who, http::verb::post, "/api/v1/applications/" + id + "/otp/verify", R"({"code": "999999"})");
  };
  (void)verify();  // the second SMS event: a try
  const auto limited = verify();
  EXPECT_EQ(limited.result(), http::status::too_many_requests);
  EXPECT_EQ(json_body(limited).at("code").as_string(), "rate_limited");
}

}  // namespace
