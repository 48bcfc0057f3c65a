// A refusal's problem document as the SDK reads it: what it cannot trust
// (an empty code, a negative count) is not passed on to a person (found by
// fuzz_portal_answers).

#include "client/wire.hpp"

#include <gtest/gtest.h>

namespace {

nes::Problem problem_of(std::string_view body) {
  nes::HttpResponse response;
  response.status = 422;
  response.headers.push_back({"Content-Type", "application/problem+json"});
  response.body.assign(body);
  return nes::client::decode_problem(response);
}

TEST(WireProblem, AnEmptyCodeIsNoProblemDocument) {
  const auto p = problem_of(R"({"type":"about:blank","title":"x","status":422,"code":""})");
  EXPECT_EQ(p.code, "http_422");
  EXPECT_EQ(p.http_status, 422);
}

TEST(WireProblem, CountsOutsideAnyRuleAreNotSaid) {
  const auto negative = problem_of(R"({"code":"otp_invalid","tries_left":-1,"retry_after_seconds":-5})");
  EXPECT_EQ(negative.code, "otp_invalid");
  EXPECT_FALSE(negative.tries_left);
  EXPECT_FALSE(negative.retry_after);
  const auto huge = problem_of(R"({"code":"otp_invalid","tries_left":4294967297,"retry_after_seconds":99999999999})");
  EXPECT_FALSE(huge.tries_left);  // it used to be cut to an int: 1
  EXPECT_FALSE(huge.retry_after);
  const auto fine = problem_of(R"({"code":"otp_invalid","tries_left":2,"retry_after_seconds":60})");
  EXPECT_EQ(fine.tries_left, 2);
  EXPECT_EQ(fine.retry_after, std::chrono::seconds(60));
}

}  // namespace
