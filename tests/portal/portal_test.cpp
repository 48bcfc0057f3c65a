// The reference portal over real TLS on loopback.

#include "test_client.hpp"

#include "portal/crypto/encoding.hpp"

#include <nes/error.hpp>
#include <nes/portal/reference_portal.hpp>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <boost/asio/ssl/error.hpp>

#include <atomic>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <thread>

namespace {

using nes::portal::PortalOptions;
using nes::portal::ReferencePortal;
using nes::test::ClientOptions;
using nes::test::json_body;
using nes::test::TestClient;
using ::testing::HasSubstr;
namespace http = boost::beast::http;

class PortalTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::string detail;
    ASSERT_FALSE(portal_.start(&detail)) << detail;
    ASSERT_NE(portal_.port(), 0);
    ASSERT_THAT(portal_.ca_certificate_pem(), HasSubstr("BEGIN CERTIFICATE"));
  }
  TestClient client() { return TestClient(portal_.port(), ClientOptions{.ca_pem = portal_.ca_certificate_pem()}); }

  ReferencePortal portal_;
};

TEST_F(PortalTest, ServesTheFeeTableOverTls) {
  auto c = client();
  const auto res = c.request(http::verb::get, "/api/v1/fees");
  ASSERT_EQ(res.result(), http::status::ok);
  EXPECT_EQ(res[http::field::content_type], "application/json");
  EXPECT_FALSE(res["X-Request-Id"].empty());
  const auto body = json_body(res).as_object();
  EXPECT_EQ(body.at("kdv_rate_basis_points").as_int64(), 2000);
  const auto& fees = body.at("fees").as_array();
  ASSERT_EQ(fees.size(), 6U);
  for (const auto& entry : fees) {
    const auto& fee = entry.at("fee").as_object();
    const auto net = fee.at("net").as_int64();
    const auto kdv = fee.at("kdv").as_int64();
    EXPECT_EQ(kdv, (net * 2000 + 5000) / 10000);  // 20 %, half up
    EXPECT_EQ(fee.at("total").as_int64(), net + kdv);
  }
}

TEST_F(PortalTest, UnknownPathsAndMethodsAreProblems) {
  auto c = client();
  const auto missing = c.request(http::verb::get, "/api/v1/nothing-here");
  EXPECT_EQ(missing.result(), http::status::not_found);
  EXPECT_EQ(missing[http::field::content_type], "application/problem+json");
  const auto problem = json_body(missing).as_object();
  EXPECT_EQ(problem.at("code").as_string(), "not_found");
  EXPECT_EQ(problem.at("status").as_int64(), 404);
  EXPECT_EQ(problem.at("request_id").as_string(), missing["X-Request-Id"]);

  const auto wrong_method = c.request(http::verb::delete_, "/api/v1/fees");  // same connection: keep-alive
  EXPECT_EQ(wrong_method.result(), http::status::method_not_allowed);
  EXPECT_EQ(wrong_method[http::field::allow], "GET");
  EXPECT_EQ(json_body(wrong_method).at("code").as_string(), "method_not_allowed");
}

TEST_F(PortalTest, RefusesOversizedAndMalformedRequests) {
  auto big = client();
  const auto too_large = big.request(http::verb::post, "/api/v1/fees", std::string(2 * 1024 * 1024, 'x'));
  EXPECT_EQ(too_large.result(), http::status::payload_too_large);
  EXPECT_EQ(json_body(too_large).at("code").as_string(), "payload_too_large");

  auto bad = client();
  const auto malformed = bad.raw("GET /api/v1/fees HTTP/1.1\r\nHost: x\r\nContent-Length: nope\r\n\r\n");
  EXPECT_EQ(malformed.result(), http::status::bad_request);
  EXPECT_EQ(json_body(malformed).at("code").as_string(), "invalid_request");

  // RFC 9112, section 3.2: exactly one Host in HTTP/1.1, never two.
  for (const char* request :
       {"GET /api/v1/fees HTTP/1.1\r\n\r\n", "GET /api/v1/fees HTTP/1.1\r\nHost: a\r\nHost: b\r\n\r\n",
        "GET /api/v1/fees HTTP/1.0\r\nHost: a\r\nHost: a\r\n\r\n"}) {
    auto hostless = client();
    const auto refused = hostless.raw(request);
    EXPECT_EQ(refused.result(), http::status::bad_request) << request;
    EXPECT_EQ(json_body(refused).at("code").as_string(), "invalid_request") << request;
  }
  auto one_host = client();
  EXPECT_EQ(one_host.raw("GET /api/v1/fees HTTP/1.1\r\nHost: x\r\n\r\n").result(), http::status::ok);
  auto old_client = client();  // HTTP/1.0 may leave Host out
  EXPECT_EQ(old_client.raw("GET /api/v1/fees HTTP/1.0\r\n\r\n").result(), http::status::ok);
}

TEST_F(PortalTest, TlsRefusesAnUnknownCa) {
  ReferencePortal other;
  ASSERT_FALSE(other.start());
  TestClient c(portal_.port(), ClientOptions{.ca_pem = other.ca_certificate_pem()});
  const auto ec = c.connect();
  ASSERT_TRUE(ec);
  EXPECT_THAT(ec.message(), HasSubstr("certificate verify failed"));
}

TEST_F(PortalTest, TlsRefusesTheWrongHostName) {
  TestClient c(portal_.port(), ClientOptions{.ca_pem = portal_.ca_certificate_pem(), .verify_host = "example.com"});
  const auto ec = c.connect();
  ASSERT_TRUE(ec);
  EXPECT_THAT(ec.message(), HasSubstr("certificate verify failed"));
}

TEST_F(PortalTest, TlsRefusesAClientOfferingOnlyTls11) {
  TestClient c(portal_.port(), ClientOptions{.ca_pem = portal_.ca_certificate_pem(), .tls_1_1_only = true});
  const auto ec = c.connect();
  ASSERT_TRUE(ec);
  EXPECT_THAT(ec.message(), HasSubstr("protocol version"));
}

TEST_F(PortalTest, ServesManyClientsAtOnce) {
  constexpr int clients = 8;
  constexpr int requests_each = 25;
  std::atomic<int> ok{0};
  std::vector<std::thread> threads;
  for (int i = 0; i < clients; ++i) {
    threads.emplace_back([&] {
      auto c = client();
      for (int r = 0; r < requests_each; ++r) {
        if (c.request(http::verb::get, "/api/v1/fees").result() == http::status::ok) ++ok;
      }
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(ok.load(), clients * requests_each);
}

TEST(Portal, PlainHttpOnlyWhenAskedFor) {
  ReferencePortal portal(PortalOptions{.insecure_http = true});
  ASSERT_FALSE(portal.start());
  EXPECT_THAT(portal.base_url(), ::testing::StartsWith("http://127.0.0.1:"));
  EXPECT_TRUE(portal.ca_certificate_pem().empty());
  TestClient c(portal.port(), ClientOptions{});
  EXPECT_EQ(c.request(http::verb::get, "/api/v1/fees").result(), http::status::ok);
}

TEST(Portal, StartReportsWhatIsWrong) {
  ReferencePortal first;
  ASSERT_FALSE(first.start());
  ReferencePortal second(PortalOptions{.listen = "127.0.0.1:" + std::to_string(first.port())});
  std::string detail;
  EXPECT_TRUE(second.start(&detail));
  EXPECT_THAT(detail, HasSubstr("cannot listen"));

  ReferencePortal bad_listen(PortalOptions{.listen = "localhost"});
  EXPECT_EQ(bad_listen.start(&detail), nes::errc::invalid_argument);
  EXPECT_THAT(detail, HasSubstr("--listen"));

  const auto dir = std::filesystem::temp_directory_path() / ("nes-fees-" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  std::ofstream(dir / "fees.json")
      << R"({"kdv_rate_basis_points": 2000, "fees": [{"validity_years": 0, "card_reader": true}]})";
  ReferencePortal bad_fees(PortalOptions{.fee_table = dir / "fees.json"});
  EXPECT_EQ(bad_fees.start(&detail), nes::errc::invalid_argument);
  EXPECT_THAT(detail, HasSubstr("fees[0].validity_years [out_of_range]"));
  EXPECT_THAT(detail, HasSubstr("fees[0].net_kurus [required]"));
  std::filesystem::remove_all(dir);
}

TEST(Portal, ServesAConfiguredFeeTable) {
  const auto dir = std::filesystem::temp_directory_path() / ("nes-fees-ok-" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  std::ofstream(dir / "fees.json")
      << R"({"kdv_rate_basis_points": 1000, "fees": [{"validity_years": 5, "card_reader": false, "net_kurus": 12345}]})";
  ReferencePortal portal(PortalOptions{.fee_table = dir / "fees.json"});
  ASSERT_FALSE(portal.start());
  TestClient c(portal.port(), ClientOptions{.ca_pem = portal.ca_certificate_pem()});
  const auto body = json_body(c.request(http::verb::get, "/api/v1/fees"));
  EXPECT_EQ(body.at("kdv_rate_basis_points").as_int64(), 1000);
  const auto& fee = body.at("fees").at(0).at("fee");
  EXPECT_EQ(fee.at("net").as_int64(), 12345);
  EXPECT_EQ(fee.at("kdv").as_int64(), 1235);  // 1234,5 rounds half up
  EXPECT_EQ(fee.at("total").as_int64(), 13580);
  std::filesystem::remove_all(dir);
}

}  // namespace

namespace {

TEST_F(PortalTest, InfoSaysWhereTheGatewayIsAndWhatTheCodeRulesAre) {
  auto c = client();
  const auto res = c.request(http::verb::get, "/api/v1/info");
  ASSERT_EQ(res.result(), http::status::ok);
  const auto info = json_body(res);
  EXPECT_EQ(info.at("protocol_version").as_string(), "1.0.0");
  const auto& login = info.at("login");
  EXPECT_EQ(login.at("authorize_url").as_string(), portal_.gateway_url() + "/oauth2/authorize");
  EXPECT_EQ(login.at("redirect_uri").as_string(), portal_.redirect_uri());
  EXPECT_EQ(login.at("client_id").as_string(), "nes-portal");
  EXPECT_EQ(login.at("code_challenge_methods").at(0).as_string(), "S256");
  const auto& otp = info.at("otp");
  EXPECT_EQ(otp.at("length").as_int64(), 6);
  EXPECT_EQ(otp.at("valid_seconds").as_int64(), 180);
  EXPECT_EQ(otp.at("resend_after_seconds").as_int64(), 60);
  EXPECT_EQ(otp.at("max_tries").as_int64(), 3);
  // The demo's profile: P2's policy OID and the stand-in document's digest,
  // as sha256sum prints it.
  const auto& signature = info.at("signature");
  EXPECT_EQ(signature.at("profile").as_string(), "P2");
  EXPECT_EQ(signature.at("commitment_type").as_string(), "proof_of_approval");
  EXPECT_EQ(signature.at("policy").at("oid").as_string(), "2.16.792.1.61.0.1.5070.3.1.1");
  std::ifstream standin(std::string(NES_EXAMPLES_DIR) + "/portal/signature-policy-standin.txt", std::ios::binary);
  const std::string document((std::istreambuf_iterator<char>(standin)), std::istreambuf_iterator<char>());
  ASSERT_FALSE(document.empty());
  EXPECT_EQ(signature.at("policy").at("document_sha256").as_string(), nes::portal::crypto::hex_encode([&] {
              const auto digest = nes::portal::crypto::sha256(document);
              return std::string(digest.begin(), digest.end());
            }()));
  // What it advertises exists: both anonymous operations answer.
  EXPECT_EQ(info.at("anonymous_operations").as_array().size(), 2U);
  EXPECT_EQ(c.request(http::verb::get, "/api/v1/fees").result(), http::status::ok);
  EXPECT_EQ(c.request(http::verb::post, "/api/v1/debt-inquiries", R"({"tckn": "10000000146"})").result(),
            http::status::ok);
}

}  // namespace

namespace {

TEST(PortalOptionsCheck, ImpossiblePoliciesAreRefusedAtStart) {
  std::string detail;
  nes::portal::ReferencePortal no_digits(PortalOptions{.otp = {.length = 0}});
  EXPECT_EQ(no_digits.start(&detail), nes::errc::invalid_argument);
  EXPECT_THAT(detail, HasSubstr("SMS code policy"));
  nes::portal::ReferencePortal bad_rate(PortalOptions{.faults = {.reset_rate = 1.5}});
  EXPECT_EQ(bad_rate.start(&detail), nes::errc::invalid_argument);
  EXPECT_THAT(detail, HasSubstr("between 0 and 1"));
  nes::portal::ReferencePortal no_session(PortalOptions{.session_ttl_seconds = 0});
  EXPECT_EQ(no_session.start(&detail), nes::errc::invalid_argument);
  nes::portal::ReferencePortal no_profile(PortalOptions{.signature = {.profile = "P9"}});
  EXPECT_EQ(no_profile.start(&detail), nes::errc::invalid_argument);
  EXPECT_THAT(detail, HasSubstr("unknown signature profile 'P9'"));
  nes::portal::ReferencePortal no_document(PortalOptions{.signature = {.policy_document = "/nonexistent/policy.pdf"}});
  EXPECT_EQ(no_document.start(&detail), nes::errc::invalid_argument);
  EXPECT_THAT(detail, HasSubstr("/nonexistent/policy.pdf"));
}

}  // namespace
