// The time-stamp client against the portal's time-stamping authority over
// TLS on loopback (Kamu SM's conventions: the identity header, the credit,
// refusals as HTTP 200 text), its tokens checked again by `openssl ts
// -verify`; and the answers no honest TSA gives, from a transport that
// alters what the real one carries.

#include "flow_fixture.hpp"
#include "signing_fixture.hpp"
#include "timestamp/identity.hpp"
#include "timestamp/query.hpp"

#include <nes/timestamp_client.hpp>

#include <boost/asio/post.hpp>

#include <gtest/gtest.h>
#include <openssl/evp.h>

#include <fstream>
#include <functional>

namespace {

using nes::test::as_future;

std::string sha256(std::string_view bytes) {
  unsigned char digest[32];
  EVP_Digest(bytes.data(), bytes.size(), digest, nullptr, EVP_sha256(), nullptr);
  return {reinterpret_cast<const char*>(digest), sizeof digest};
}

std::string hex(std::string_view bytes) {
  static constexpr char digits[] = "0123456789abcdef";
  std::string out;
  for (const char c : bytes) {
    out += digits[static_cast<unsigned char>(c) >> 4];
    out += digits[static_cast<unsigned char>(c) & 0x0F];
  }
  return out;
}

// A transport that changes each request (or answer) before passing it on.
class AlteringTransport final : public nes::Transport {
 public:
  AlteringTransport(std::shared_ptr<nes::Transport> real, std::function<void(nes::HttpRequest&)> alter_request,
                    std::function<void(nes::HttpResponse&)> alter_answer = {})
      : real_(std::move(real)), alter_request_(std::move(alter_request)), alter_answer_(std::move(alter_answer)) {}
  [[nodiscard]] executor_type get_executor() const override { return real_->get_executor(); }
  void send(nes::HttpRequest request, Handler handler) override {
    if (alter_request_) alter_request_(request);
    real_->send(std::move(request), [alter = alter_answer_, handler = std::move(handler)](
                                        nes::error_code ec, nes::HttpResponse response) mutable {
      if (!ec && alter) alter(response);
      std::move(handler)(ec, std::move(response));
    });
  }

 private:
  std::shared_ptr<nes::Transport> real_;
  std::function<void(nes::HttpRequest&)> alter_request_;
  std::function<void(nes::HttpResponse&)> alter_answer_;
};

class Timestamps : public nes::test::ClientFixture {
 protected:
  void SetUp() override { start(); }

  std::shared_ptr<nes::Transport> transport() {
    nes::error_code ec;
    auto t = nes::make_https_transport(io_.get_executor(), client_options(), ec);
    EXPECT_TRUE(t) << ec.message();
    return t;
  }

  nes::TimestampService service(std::uint64_t customer = 1000, const char* password = "Demo-ZD-Parola-1") {
    nes::TimestampService s(portal_->timestamp_url(), customer, nes::SecretString(password));
    s.trust_anchors_pem = {portal_->timestamp_ca_pem()};
    return s;
  }

  // `openssl ts -verify` of `token` over `digest` with the TSA's CA.
  bool openssl_ts_verifies(const std::string& token, const std::string& digest, std::string* output) {
    const auto dir = std::filesystem::temp_directory_path() / ("nes-ts-" + std::to_string(::getpid()));
    std::filesystem::create_directories(dir);
    std::ofstream(dir / "token.der", std::ios::binary) << token;
    std::ofstream(dir / "ca.pem", std::ios::binary) << portal_->timestamp_ca_pem();
    const int status =
        nes::test::run_command("openssl ts -verify -digest " + hex(digest) + " -token_in -in '" +
                                   (dir / "token.der").string() + "' -CAfile '" + (dir / "ca.pem").string() + "' 2>&1",
                               output);
    std::filesystem::remove_all(dir);
    return status == 0;
  }
};

TEST_F(Timestamps, ADigestIsStampedAndOpensslVerifiesTheToken) {
  nes::TimestampClient client(transport(), service());
  auto [cec, before] = client.async_credit(as_future).get();
  ASSERT_FALSE(cec) << cec.message();
  const std::string digest = sha256("the signature value");
  auto [ec, stamp] = client.async_stamp_digest(digest, as_future).get();
  ASSERT_FALSE(ec) << ec.message() << " " << (stamp.problem() ? stamp.problem()->detail : "");
  EXPECT_LE(std::chrono::abs(stamp->time - std::chrono::system_clock::now()), std::chrono::minutes(1));
  EXPECT_EQ(stamp->policy_oid, "0.4.0.2023.1.1");
  EXPECT_NE(stamp->authority.find("ZAMAN DAMGASI"), std::string::npos) << stamp->authority;
  EXPECT_FALSE(stamp->serial.empty());
  std::string output;
  EXPECT_TRUE(openssl_ts_verifies(stamp->token_der, digest, &output)) << output;
  EXPECT_FALSE(openssl_ts_verifies(stamp->token_der, sha256("something else"), &output)) << output;
  // One time stamp, one credit.
  auto [aec, after] = client.async_credit(as_future).get();
  ASSERT_FALSE(aec) << aec.message();
  EXPECT_EQ(*after, *before - 1);
}

TEST_F(Timestamps, TheServicesTextRefusalsComeBackWithTheirOwnCodes) {
  const std::string digest = sha256("x");
  // Customer 1001 has one time stamp of credit.
  nes::TimestampClient one(transport(), service(1001, "Demo-ZD-Parola-2"));
  auto [first, stamp] = one.async_stamp_digest(digest, as_future).get();
  ASSERT_FALSE(first) << first.message();
  auto [ec, none] = one.async_stamp_digest(digest, as_future).get();
  EXPECT_EQ(ec, nes::errc::timestamp_refused);
  ASSERT_TRUE(none.problem());
  EXPECT_EQ(none.problem()->code, "tsa_not_enough_credit");
  EXPECT_EQ(none.problem()->detail, "Not enough credit");

  nes::TimestampClient stranger(transport(), service(4242, "whatever"));
  auto [uec, unknown] = stranger.async_stamp_digest(digest, as_future).get();
  EXPECT_EQ(uec, nes::errc::timestamp_refused);
  ASSERT_TRUE(unknown.problem());
  EXPECT_EQ(unknown.problem()->code, "tsa_unknown_user");
  EXPECT_EQ(unknown.problem()->detail, "User 4242 is not known");

  nes::TimestampClient wrong(transport(), service(1000, "not-the-password"));
  auto [wec, refused] = wrong.async_stamp_digest(digest, as_future).get();
  EXPECT_EQ(wec, nes::errc::timestamp_refused);
  ASSERT_TRUE(refused.problem());
  EXPECT_EQ(refused.problem()->code, "tsa_identity_invalid");
  auto [credit_ec, credit] = wrong.async_credit(as_future).get();
  EXPECT_EQ(credit_ec, nes::errc::timestamp_refused);
  ASSERT_TRUE(credit.problem());
  EXPECT_EQ(credit.problem()->code, "tsa_identity_invalid");
}

TEST_F(Timestamps, ATokenFromAnUntrustedTsaIsNotReturned) {
  auto untrusting = service();
  untrusting.trust_anchors_pem.clear();
  nes::TimestampClient client(transport(), std::move(untrusting));
  auto [ec, stamp] = client.async_stamp_digest(sha256("x"), as_future).get();
  EXPECT_EQ(ec, nes::errc::timestamp_invalid);
  ASSERT_TRUE(stamp.problem());
  EXPECT_EQ(stamp.problem()->code, "tsa_untrusted");
}

TEST_F(Timestamps, ATokenForAnotherQueryIsRefused) {
  // The query replaced on the way by one for the same digest with another
  // nonce (a replayed answer), then by one for another digest.
  const std::string digest = sha256("mine");
  std::string why;
  const auto other_nonce = nes::timestamp::make_query(digest, "", why);
  ASSERT_TRUE(other_nonce) << why;
  nes::TimestampClient replayed(
      std::make_shared<AlteringTransport>(transport(), [&](nes::HttpRequest& r) { r.body.assign(other_nonce->der); }),
      service());
  auto [nec, stamp] = replayed.async_stamp_digest(digest, as_future).get();
  EXPECT_EQ(nec, nes::errc::timestamp_invalid);
  ASSERT_TRUE(stamp.problem());
  EXPECT_EQ(stamp.problem()->code, "tsa_nonce_mismatch") << stamp.problem()->detail;

  const std::string theirs = sha256("theirs");
  const auto other_digest = nes::timestamp::make_query(theirs, "", why);
  ASSERT_TRUE(other_digest) << why;
  nes::TimestampClient swapped(
      std::make_shared<AlteringTransport>(
          transport(),
          [&](nes::HttpRequest& r) {
            r.body.assign(other_digest->der);
            r.headers = {
                {"Content-Type", "application/timestamp-query"},
                {"identity", *nes::timestamp::make_identity(1000, nes::SecretString("Demo-ZD-Parola-1"), theirs)}};
          }),
      service());
  auto [iec, other] = swapped.async_stamp_digest(digest, as_future).get();
  EXPECT_EQ(iec, nes::errc::timestamp_invalid);
  ASSERT_TRUE(other.problem());
  EXPECT_EQ(other.problem()->code, "tsa_imprint_mismatch") << other.problem()->detail;
}

TEST_F(Timestamps, TextIsNeverReadAsATokenAndGarbageIsMalformed) {
  const auto answer_with = [&](std::string type, std::string body) {
    return std::make_shared<AlteringTransport>(transport(), nullptr, [type, body](nes::HttpResponse& r) {
      r.headers = {{"Content-Type", type}};
      r.body.assign(body);
    });
  };
  // Kamu SM's text, even labelled as a reply, is the service's refusal.
  nes::TimestampClient labelled(answer_with("application/timestamp-reply", "Not enough credit"), service());
  auto [lec, l] = labelled.async_stamp_digest(sha256("x"), as_future).get();
  EXPECT_EQ(lec, nes::errc::timestamp_refused);
  ASSERT_TRUE(l.problem());
  EXPECT_EQ(l.problem()->code, "tsa_not_enough_credit");
  // Control characters are not passed on into logs.
  nes::TimestampClient noisy(answer_with("text/plain", "Bakim\x1b[31m calismasi"), service());
  auto [tec, t] = noisy.async_stamp_digest(sha256("x"), as_future).get();
  EXPECT_EQ(tec, nes::errc::timestamp_refused);
  ASSERT_TRUE(t.problem());
  EXPECT_EQ(t.problem()->code, "tsa_refused");
  EXPECT_EQ(t.problem()->detail, "Bakim [31m calismasi");
  nes::TimestampClient garbage(answer_with("application/timestamp-reply", std::string("\x30\x03\x02\x01\x00\xff", 6)),
                               service());
  auto [gec, g] = garbage.async_stamp_digest(sha256("x"), as_future).get();
  EXPECT_EQ(gec, nes::errc::timestamp_invalid);
  ASSERT_TRUE(g.problem());
  EXPECT_EQ(g.problem()->code, "tsa_answer_malformed");
}

TEST_F(Timestamps, ADigestThatIsNotSha256IsRefusedBeforeAnythingIsSent) {
  int sent = 0;
  nes::TimestampClient client(std::make_shared<AlteringTransport>(transport(), [&](nes::HttpRequest&) { ++sent; }),
                              service());
  auto [ec, stamp] = client.async_stamp_digest("too short", as_future).get();
  EXPECT_EQ(ec, nes::errc::invalid_argument);
  ASSERT_TRUE(stamp.problem());
  EXPECT_EQ(stamp.problem()->code, "tsa_query_invalid");
  EXPECT_EQ(sent, 0);
}

}  // namespace
