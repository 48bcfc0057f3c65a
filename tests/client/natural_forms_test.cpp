// The forms a new user writes first, inside co_await, on Debian 12's GCC 12
// (ADR 0002): braced credentials, a braced list of notice ids and braced wet
// signature options. GCC 12 destroyed such aggregate temporaries twice; the
// SDK's argument types are constructed instead. Run under ASan in CI.

#include "flow_fixture.hpp"

#include <nes/approver.hpp>

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/asio/use_future.hpp>

#include <filesystem>

namespace {

namespace asio = boost::asio;
using nes::test::ClientFixture;

class NaturalForms : public ClientFixture {
 protected:
  void SetUp() override { start(); }
};

TEST_F(NaturalForms, BracedArgumentsInsideCoAwaitFromLoginToTheWetForm) {
  const auto& who = applicants_[0];
  const auto pdf =
      std::filesystem::temp_directory_path() / ("nes-natural-forms-" + std::to_string(::getpid()) + ".pdf");
  auto done = asio::co_spawn(
      io_,
      [&]() -> asio::awaitable<nes::ApplicationStatus> {
        constexpr auto tuple = asio::as_tuple(asio::use_awaitable);
        auto [lec, session] =
            co_await client().async_login({nes::SecretString(who.tckn), nes::SecretString(who.password)}, tuple);
        if (lec) throw std::runtime_error("login: " + lec.message());
        nes::Application application(*session, who.form());
        auto [sec, submitted] = co_await application.async_submit({"no_refund"}, tuple);
        if (sec) throw std::runtime_error("submit: " + sec.message());
        nes::OtpVerifier otp(application);
        auto [vec, verified] = co_await otp.async_verify(nes::SecretString(inbox_.code_for(submitted->id)), tuple);
        if (vec) throw std::runtime_error("verify: " + vec.message());
        nes::Approver approver(application);
        auto [wec, wet] = co_await approver.async_approve_wet({pdf.string()}, tuple);
        if (wec) throw std::runtime_error("wet: " + wec.message());
        co_return wet->application.status;
      },
      asio::use_future);
  EXPECT_EQ(done.get(), nes::ApplicationStatus::awaiting_wet_form);
  EXPECT_TRUE(std::filesystem::exists(pdf));
  std::filesystem::remove(pdf);
}

TEST_F(NaturalForms, AcknowledgedNoticesTakeOneManyNoneOrAVector) {
  EXPECT_TRUE(nes::AcknowledgedNotices{}.ids().empty());
  EXPECT_EQ(nes::AcknowledgedNotices{"no_refund"}.ids(), std::vector<std::string>{"no_refund"});
  const std::string paid = "institution_paid";
  EXPECT_EQ((nes::AcknowledgedNotices{paid, "no_refund"}.ids()), (std::vector<std::string>{paid, "no_refund"}));
  const std::vector<std::string> ids{"a", "b", "c"};
  EXPECT_EQ(nes::AcknowledgedNotices(ids).ids(), ids);
}

TEST_F(NaturalForms, UseFutureKeepsTheProblemOfARefusal) {
  const auto& who = applicants_[0];
  auto [ec, session] =
      client().async_login({nes::SecretString(who.tckn), nes::SecretString("Yanlis-Parola-9")}, nes::use_future).get();
  EXPECT_EQ(ec, nes::errc::portal_refused);
  ASSERT_NE(session.problem(), nullptr);
  EXPECT_EQ(session.problem()->code, "invalid_credentials");
}

}  // namespace
