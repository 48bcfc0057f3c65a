// The client against a MockTransport (nes::mocks), for what a real portal
// never does: a redirect with another login's state, answers that are not
// the protocol, a CSRF token rejected and replaced, and a catalogue that
// changes between two sessions.

#include "flow_fixture.hpp"

#include <nes/client.hpp>
#include <nes/mocks/transport.hpp>

#include <boost/asio/io_context.hpp>
#include <boost/url/parse.hpp>
#include <boost/url/url_view.hpp>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <atomic>
#include <functional>
#include <mutex>
#include <thread>

namespace {

namespace asio = boost::asio;
using nes::mocks::MockTransport;
using ::testing::_;

constexpr std::string_view portal = "https://portal.test";
constexpr std::string_view info_json =
    R"({"name":"p","protocol_version":"1.0.0","anonymous_operations":[],)"
    R"("login":{"authorize_url":"https://gateway.test/oauth2/authorize","client_id":"nes-portal",)"
    R"("redirect_uri":"https://portal.test/api/v1/auth/callback","code_challenge_methods":["S256"]},)"
    R"("otp":{"length":6,"valid_seconds":180,"resend_after_seconds":60,"max_tries":3},)"
    R"("signature":{"profile":"BES","commitment_type":"proof_of_approval"}})";

// Answers by "METHOD path"; the handler decides from the whole request.
using Route = std::function<nes::HttpResponse(const nes::HttpRequest&)>;

nes::HttpResponse json(int status, std::string body, std::vector<nes::HttpHeader> headers = {}) {
  nes::HttpResponse r;
  r.status = status;
  r.headers = std::move(headers);
  r.headers.push_back({"Content-Type", status >= 400 ? "application/problem+json" : "application/json"});
  r.body.assign(body);
  return r;
}

std::string query(const std::string& url, std::string_view name) {
  const boost::urls::url_view u(url);
  const auto found = u.params().find(name);
  return found == u.params().end() ? std::string() : std::string((*found).value);
}

class ClientOnMock : public ::testing::Test {
 protected:
  ClientOnMock() : mock_(std::make_shared<MockTransport>(io_.get_executor())) {
    ON_CALL(*mock_, send(_, _)).WillByDefault([this](nes::HttpRequest request, nes::Transport::Handler handler) {
      const boost::urls::url_view u(request.url);
      const std::string key = request.method + " " + std::string(u.path());
      ++calls_[key];
      auto found = routes_.find(key);
      if (found == routes_.end()) return mock_->respond(std::move(handler), json(404, R"({"code":"not_found"})"));
      mock_->respond(std::move(handler), found->second(request));
    });
    EXPECT_CALL(*mock_, send(_, _)).Times(::testing::AnyNumber());
    routes_["GET /api/v1/info"] = [](const auto&) { return json(200, std::string(info_json)); };
    routes_["GET /oauth2/authorize"] = [this](const nes::HttpRequest& r) {
      state_ = query(r.url, "state");
      return json(200, R"({"login_request":"lr-1","methods":["password"]})");
    };
    routes_["POST /oauth2/authorize"] = [this](const nes::HttpRequest&) {
      auto r = json(302, "");
      r.headers.push_back({"Location", "https://portal.test/api/v1/auth/callback?code=c0de&state=" + redirect_state()});
      return r;
    };
    routes_["POST /api/v1/auth/session"] = [](const nes::HttpRequest&) {
      return json(201,
                  R"({"csrf_token":"token-1","expires_at":"2026-11-25T10:00:00Z",)"
                  R"("person":{"first_name":"A","last_name":"B","tckn_masked":"100******46"}})",
                  {{"Set-Cookie", "nes_session=s1; Path=/api; Secure; HttpOnly"}});
    };
    nes::ClientOptions options;
    options.portal_url = std::string(portal);
    nes::error_code ec;
    client_ = nes::Client::create(mock_, options, ec);
    thread_ = std::thread([this] {
      auto work = asio::make_work_guard(io_);
      io_.run();
    });
  }
  ~ClientOnMock() override {
    io_.stop();
    thread_.join();
  }

  virtual std::string redirect_state() { return state_; }

  auto login() {
    nes::Credentials c{nes::SecretString("10000000146"), nes::SecretString("pw")};
    return client_->async_login(std::move(c), nes::test::as_future).get();
  }

  asio::io_context io_;
  std::shared_ptr<MockTransport> mock_;
  std::map<std::string, Route> routes_;
  std::map<std::string, int> calls_;
  std::string state_;
  std::optional<nes::Client> client_;
  std::thread thread_;
};

TEST_F(ClientOnMock, ALoginSendsPkceAndTheCredentialsOnlyToTheGateway) {
  std::string challenge;
  std::string gateway_body;
  std::string session_body;
  routes_["GET /oauth2/authorize"] = [&](const nes::HttpRequest& r) {
    state_ = query(r.url, "state");
    challenge = query(r.url, "code_challenge");
    EXPECT_EQ(query(r.url, "code_challenge_method"), "S256");
    return json(200, R"({"login_request":"lr-1"})");
  };
  auto redirect = routes_["POST /oauth2/authorize"];
  routes_["POST /oauth2/authorize"] = [&, redirect](const nes::HttpRequest& r) {
    gateway_body = std::string(r.body.reveal());
    return redirect(r);
  };
  auto open = routes_["POST /api/v1/auth/session"];
  routes_["POST /api/v1/auth/session"] = [&, open](const nes::HttpRequest& r) {
    session_body = std::string(r.body.reveal());
    return open(r);
  };
  auto [ec, session] = login();
  ASSERT_FALSE(ec) << ec.message();
  EXPECT_EQ(challenge.size(), 43U);  // base64url of 32 bytes
  EXPECT_GE(state_.size(), 32U);     // unguessable
  EXPECT_EQ(gateway_body, "login_request=lr-1&tckn=10000000146&password=pw");
  EXPECT_THAT(session_body, ::testing::HasSubstr(R"("code":"c0de")"));
  EXPECT_THAT(session_body, ::testing::Not(::testing::HasSubstr("10000000146")));
  EXPECT_EQ(session->info().tckn_masked, "100******46");
}

class ClientOnMockWithAForeignState : public ClientOnMock {
  std::string redirect_state() override { return "someone-elses-state"; }
};

TEST_F(ClientOnMock, ACallersTransportKeepsTheSdksRetriesAndLog) {
  int tries = 0;
  routes_["GET /api/v1/info"] = [&tries](const auto&) {
    return ++tries < 3 ? json(503, R"({"code":"unavailable"})") : json(200, std::string(info_json));
  };
  std::mutex mutex;
  std::string log;
  nes::ClientOptions options;
  options.portal_url = std::string(portal);
  options.retry = {
      .max_attempts = 5, .initial_backoff = std::chrono::milliseconds(1), .max_backoff = std::chrono::milliseconds(2)};
  options.log = [&](nes::LogLevel, std::string_view line) {
    const std::lock_guard lock(mutex);
    log.append(line).append("\n");
  };
  options.log_level = nes::LogLevel::debug;
  nes::error_code ec;
  auto client = nes::Client::create(mock_, options, ec);
  ASSERT_TRUE(client);
  auto [iec, info] = client->async_info(nes::test::as_future).get();
  EXPECT_FALSE(iec) << iec.message();
  EXPECT_EQ(tries, 3);  // two 503s retried by the SDK's policy, above the mock
  const std::lock_guard lock(mutex);
  EXPECT_THAT(log, ::testing::HasSubstr("retrying GET"));
  EXPECT_THAT(log, ::testing::HasSubstr("> GET https://portal.test:443/api/v1/info"));
}

TEST_F(ClientOnMockWithAForeignState, ARedirectWithAnotherStateIsRefusedAndItsCodeNotRedeemed) {
  auto [ec, session] = login();
  EXPECT_EQ(ec, nes::errc::state_mismatch);
  EXPECT_FALSE(session.has_value());
  EXPECT_EQ(calls_["POST /api/v1/auth/session"], 0);
}

TEST_F(ClientOnMock, ARedirectToAnotherPlaceIsAProtocolError) {
  routes_["POST /oauth2/authorize"] = [this](const nes::HttpRequest&) {
    auto r = json(302, "");
    r.headers.push_back({"Location", "https://elsewhere.test/callback?code=c0de&state=" + state_});
    return r;
  };
  auto [ec, session] = login();
  EXPECT_EQ(ec, nes::errc::protocol_error);
  EXPECT_EQ(calls_["POST /api/v1/auth/session"], 0);
}

TEST_F(ClientOnMock, AnAnswerThatIsNotTheProtocolIsAProtocolErrorNotAGuess) {
  routes_["GET /api/v1/info"] = [](const auto&) { return json(200, R"({"name":"p"})"); };
  auto [ec, info] = client_->async_info(nes::test::as_future).get();
  EXPECT_EQ(ec, nes::errc::protocol_error);
  routes_["GET /api/v1/fees"] = [](const auto&) {
    return json(200, R"({"kdv_rate_basis_points":2000,"fees":[{"validity_years":1,"card_reader":false,)"
                     R"("fee":{"net":100,"kdv":20,"total":999}}]})");
  };
  auto [ec2, fees] = client_->async_fees(nes::test::as_future).get();
  EXPECT_EQ(ec2, nes::errc::protocol_error);  // a total that is not net + KDV is never shown
}

TEST_F(ClientOnMock, TheSignatureProfileIsTakenOnlyWithItsOwnPolicy) {
  const std::string head = std::string(info_json).substr(0, std::string(info_json).find(R"(,"signature")"));
  auto answer_with = [&](const std::string& signature) {
    routes_["GET /api/v1/info"] = [body = head + R"(,"signature":)" + signature + "}"](const auto&) {
      return json(200, body);
    };
    return client_->async_info(nes::test::as_future).get();
  };
  const std::string digest(64, 'a');
  // A profile paired with another profile's OID, a digest that is not 32
  // bytes of lowercase hex, another commitment, P4 with no policy: none is signed to.
  for (const std::string& bad : std::vector<std::string>{
           R"({"profile":"P4","policy":{"oid":"2.16.792.1.61.0.1.5070.3.1.1","document_sha256":")" + digest +
               R"("},"commitment_type":"proof_of_approval"})",
           std::string(R"({"profile":"P4","policy":{"oid":"2.16.792.1.61.0.1.5070.3.3.1","document_sha256":"abcd"},)"
                       R"("commitment_type":"proof_of_approval"})"),
           R"({"profile":"P4","policy":{"oid":"2.16.792.1.61.0.1.5070.3.3.1","document_sha256":")" +
               std::string(64, 'A') + R"("},"commitment_type":"proof_of_approval"})",
           std::string(R"({"profile":"P4","commitment_type":"proof_of_approval"})"),
           std::string(R"({"profile":"BES","commitment_type":"proof_of_origin"})"),
           std::string(R"({"profile":"P1","commitment_type":"proof_of_approval"})"),
       }) {
    SCOPED_TRACE(bad);
    EXPECT_EQ(std::get<0>(answer_with(bad)), nes::errc::protocol_error);
  }
  auto [ec, info] = answer_with(R"({"profile":"P4","policy":{"oid":"2.16.792.1.61.0.1.5070.3.3.1",)"
                                R"("document_sha256":"00ff)" +
                                std::string(60, '1') + R"("},"commitment_type":"proof_of_approval"})");
  ASSERT_FALSE(ec) << ec.message();
  const auto& profile = info->signature_profile;
  EXPECT_EQ(profile.name, "P4");
  EXPECT_EQ(profile.policy_oid, "2.16.792.1.61.0.1.5070.3.3.1");
  ASSERT_EQ(profile.policy_sha256.size(), 32U);
  EXPECT_EQ(profile.policy_sha256[0], '\x00');
  EXPECT_EQ(profile.policy_sha256[1], '\xff');
  EXPECT_EQ(profile.policy_sha256[2], '\x11');
  EXPECT_TRUE(profile.has_policy());
}

TEST_F(ClientOnMock, ARejectedCsrfTokenIsReplacedOnceFromTheAnswer) {
  auto [ec, session] = login();
  ASSERT_FALSE(ec);
  std::vector<std::string> tokens;
  std::vector<std::string> cookies;
  routes_["DELETE /api/v1/auth/session"] = [&](const nes::HttpRequest& r) {
    for (const auto& h : r.headers) {
      if (h.name == "X-CSRF-Token") tokens.push_back(h.value);
      if (h.name == "Cookie") cookies.push_back(h.value);
    }
    if (tokens.size() < 3) {
      return json(403, R"({"code":"csrf_rejected"})", {{"X-CSRF-Token", "token-" + std::to_string(tokens.size() + 1)}});
    }
    return json(204, "");
  };
  auto [ec2, first] = session->async_logout(nes::test::as_future).get();
  // One retry with the new token, then the refusal is the caller's.
  EXPECT_EQ(ec2, nes::errc::portal_refused);
  ASSERT_TRUE(first.problem());
  EXPECT_EQ(first.problem()->code, "csrf_rejected");
  EXPECT_EQ(tokens, (std::vector<std::string>{"token-1", "token-2"}));
  EXPECT_EQ(cookies, (std::vector<std::string>{"nes_session=s1", "nes_session=s1"}));
}

TEST_F(ClientOnMock, EachSessionGetsTheCatalogueItsAnswerCarries) {
  // A client decodes a catalogue once for all sessions that receive the same
  // bytes; one that changed is decoded anew, and a broken one is refused.
  std::string body = R"({"institutions":[{"id":"meb","name":"T.C. Milli Eğitim Bakanlığı","payment":"person_paid"}]})";
  routes_["GET /api/v1/institutions"] = [&](const auto&) { return json(200, body); };
  auto catalogue_of_a_new_session = [&] {
    auto [ec, session] = login();
    EXPECT_FALSE(ec);
    return session->async_institutions(nes::test::as_future).get();
  };
  auto [e1, first] = catalogue_of_a_new_session();
  auto [e2, second] = catalogue_of_a_new_session();
  ASSERT_FALSE(e1);
  ASSERT_FALSE(e2);
  ASSERT_EQ(first->size(), 1U);
  EXPECT_EQ(second->front().name, first->front().name);

  body = R"({"institutions":[{"id":"yok","name":"T.C. Yükseköğretim Kurulu","payment":"institution_paid"},)"
         R"({"id":"meb","name":"T.C. Milli Eğitim Bakanlığı","payment":"person_paid"}]})";
  auto [e3, changed] = catalogue_of_a_new_session();
  ASSERT_FALSE(e3);
  ASSERT_EQ(changed->size(), 2U);
  EXPECT_EQ(changed->front().id, "yok");
  EXPECT_EQ(changed->front().payment, nes::PaymentKind::institution_paid);

  body = R"({"institutions":[{"id":"meb","name":"","payment":"person_paid"}]})";
  auto [e4, broken] = catalogue_of_a_new_session();
  EXPECT_EQ(e4, nes::errc::protocol_error);
  EXPECT_EQ(calls_["GET /api/v1/institutions"], 4);  // every session asked the portal
}

}  // namespace
