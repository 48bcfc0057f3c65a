// nes::ApplicationRun against the in-process reference portal: the stages in
// order, the journal entry at each, one application per person and
// institution however often it is run, and the sources asked only for what
// a person decides (a refused password once, a wrong code back to the
// source, the route with the fee).

#include "flow_fixture.hpp"

#include <nes/application_run.hpp>
#include <nes/form_json.hpp>

#include <boost/asio/error.hpp>

#include <gmock/gmock.h>

#include <atomic>
#include <filesystem>
#include <thread>

namespace {

namespace asio = boost::asio;
using nes::test::as_future;
using nes::test::ClientFixture;
using ::testing::ElementsAre;
using ::testing::HasSubstr;

class ApplicationRunTest : public ClientFixture {
 protected:
  void SetUp() override {
    start();
    directory_ =
        std::filesystem::temp_directory_path() / ("nes-run-test-" + std::to_string(::getpid()) + "-" +
                                                  ::testing::UnitTest::GetInstance()->current_test_info()->name());
    std::filesystem::remove_all(directory_);
    nes::error_code ec;
    journal_ = nes::Journal::open(directory_ / "journal.db", ec);
    ASSERT_TRUE(journal_) << ec.message();
  }
  void TearDown() override { std::filesystem::remove_all(directory_); }

  // Sources that give the applicant's password, acknowledge every notice,
  // read the code from the SMS inbox, and record the stages reported.
  nes::ApplicationRunOptions options_for(const nes::test::Applicant& who) {
    nes::ApplicationRunOptions o;
    o.password = [this, password = who.password](const nes::PasswordRequest& request,
                                                 std::function<void(nes::error_code, nes::SecretString)> give) {
      ++password_asked_;
      asked_for_.push_back(std::string(request.tckn.reveal()));
      give({}, nes::SecretString(password));
    };
    o.acknowledge = [](const nes::Institution&, const nes::Notice&, std::function<void(nes::error_code, bool)> give) {
      give({}, true);
    };
    o.otp_code = [this](const nes::OtpStatus&, std::function<void(nes::error_code, nes::SecretString)> give) {
      give({}, nes::SecretString(inbox_.code_for(application_id_)));
    };
    o.wet_directory = directory_;
    o.progress = [this](const nes::RunProgress& p) {
      application_id_ = p.entry.application_id;
      stages_.push_back(std::string(nes::to_string(p.stage)));
      steps_.push_back(std::string(nes::to_string(p.entry.step)));
      if (p.stage == nes::RunStage::otp_refused && p.problem != nullptr) refusals_.push_back(*p.problem);
    };
    return o;
  }

  std::optional<nes::ApplicationRun> begin(const nes::test::Applicant& who, nes::ApprovalRoute route,
                                           nes::ApplicationRunOptions options) {
    nes::error_code ec;
    std::string detail;
    auto run = nes::ApplicationRun::begin(client(), journal_, who.form(), route, std::move(options), ec, &detail);
    EXPECT_TRUE(run) << detail;
    return run;
  }

  std::filesystem::path directory_;
  std::shared_ptr<nes::Journal> journal_;
  std::string application_id_;
  std::vector<std::string> stages_;
  std::vector<std::string> steps_;  ///< the entry's recorded step at each stage
  std::vector<nes::Problem> refusals_;
  std::atomic<int> password_asked_{0};
  std::vector<std::string> asked_for_;
};

TEST_F(ApplicationRunTest, CarriesAFormToItsWetApprovalRecordingEachStepBeforeAndAfterThePortal) {
  const auto& who = applicants_[0];
  auto run = begin(who, nes::ApprovalRoute::wet_signature, options_for(who));
  ASSERT_TRUE(run);
  EXPECT_FALSE(run->continued());
  auto [ec, outcome] = run->async_run(as_future).get();
  ASSERT_FALSE(ec) << ec.message() << " " << run->entry().note;

  EXPECT_EQ(outcome->application.status, nes::ApplicationStatus::awaiting_wet_form);
  ASSERT_TRUE(outcome->approval);
  EXPECT_TRUE(std::filesystem::exists(outcome->approval->pdf));
  EXPECT_EQ(outcome->entry.step, nes::JournalStep::finished);
  EXPECT_EQ(outcome->entry.application_id, outcome->application.id);
  EXPECT_THAT(stages_, ElementsAre("logged-in", "institution", "notice-acknowledged", "submitting", "submit-answered",
                                   "submitted", "otp-sent", "verify-answered", "verified", "approving",
                                   "approve-answered", "approved", "finished"));
  // The journal says "submitting" before the submission may reach the
  // portal, and still says it when the answer comes: a kill in between
  // submits again under the same key.
  EXPECT_EQ(steps_[3], "submitting");
  EXPECT_EQ(steps_[4], "submitting");
  EXPECT_EQ(steps_[5], "submitted");
  EXPECT_EQ(steps_[9], "approving");
  EXPECT_EQ(steps_[10], "approving");
  EXPECT_EQ(steps_.back(), "finished");
  EXPECT_EQ(password_asked_, 1);
  EXPECT_THAT(asked_for_, ElementsAre(who.tckn));
}

TEST_F(ApplicationRunTest, RunningTheSameFormAgainNeverMakesASecondApplication) {
  const auto& who = applicants_[0];
  auto first = begin(who, nes::ApprovalRoute::wet_signature, options_for(who));
  ASSERT_TRUE(first);
  auto [ec, outcome] = first->async_run(as_future).get();
  ASSERT_FALSE(ec) << first->entry().note;

  // A new journal entry (the first is finished), but the portal holds the
  // person's open application at the institution: it is continued.
  stages_.clear();
  auto again = begin(who, nes::ApprovalRoute::wet_signature, options_for(who));
  ASSERT_TRUE(again);
  auto [ec2, outcome2] = again->async_run(as_future).get();
  ASSERT_FALSE(ec2) << again->entry().note;
  EXPECT_EQ(outcome2->application.id, outcome->application.id);
  EXPECT_THAT(stages_, ::testing::Contains("already-submitted"));
  const auto held = admin_applications();
  ASSERT_EQ(held.size(), 1U);
  EXPECT_EQ(held[0].status, "awaiting_wet_form");
}

TEST_F(ApplicationRunTest, ARefusedPasswordIsAskedOnceAndNotTriedAgain) {
  const auto& who = applicants_[0];
  auto options = options_for(who);
  options.password = [this](const nes::PasswordRequest&, std::function<void(nes::error_code, nes::SecretString)> give) {
    ++password_asked_;
    give({}, nes::SecretString("Yanlis-Parola-1"));
  };
  auto run = begin(who, nes::ApprovalRoute::wet_signature, std::move(options));
  ASSERT_TRUE(run);
  auto [ec, outcome] = run->async_run(as_future).get();
  EXPECT_EQ(ec, nes::errc::portal_refused);
  ASSERT_NE(outcome.problem(), nullptr);
  EXPECT_EQ(outcome.problem()->code, "invalid_credentials");
  EXPECT_EQ(password_asked_, 1);
  EXPECT_EQ(run->entry().step, nes::JournalStep::started);
  EXPECT_THAT(run->entry().note, HasSubstr("invalid_credentials"));
  EXPECT_TRUE(admin_applications().empty());
}

TEST_F(ApplicationRunTest, AWrongCodeGoesBackToTheSourceWithTheTriesLeft) {
  const auto& who = applicants_[0];
  auto options = options_for(who);
  int asked = 0;
  options.otp_code = [&](const nes::OtpStatus&, std::function<void(nes::error_code, nes::SecretString)> give) {
    ++asked;
    give({}, nes::SecretString(asked == 1 ? "000000" : inbox_.code_for(application_id_)));
  };
  auto run = begin(who, nes::ApprovalRoute::wet_signature, std::move(options));
  ASSERT_TRUE(run);
  auto [ec, outcome] = run->async_run(as_future).get();
  ASSERT_FALSE(ec) << run->entry().note;
  EXPECT_EQ(asked, 2);
  ASSERT_EQ(refusals_.size(), 1U);
  EXPECT_EQ(refusals_[0].code, "otp_invalid");
  EXPECT_TRUE(refusals_[0].tries_left.has_value());
  EXPECT_EQ(inbox_.count(outcome->application.id), 1);  // no code was resent on the run's own
}

TEST_F(ApplicationRunTest, ASourceThatGivesUpAfterAWrongCodeEndsWithTheRefusal) {
  const auto& who = applicants_[0];
  auto options = options_for(who);
  int asked = 0;
  options.otp_code = [&](const nes::OtpStatus&, std::function<void(nes::error_code, nes::SecretString)> give) {
    if (++asked == 1) {
      give({}, nes::SecretString("000000"));
    } else {
      give(asio::error::operation_aborted, {});
    }
  };
  auto run = begin(who, nes::ApprovalRoute::wet_signature, std::move(options));
  ASSERT_TRUE(run);
  auto [ec, outcome] = run->async_run(as_future).get();
  EXPECT_EQ(ec, nes::errc::portal_refused);
  ASSERT_NE(outcome.problem(), nullptr);
  EXPECT_EQ(outcome.problem()->code, "otp_invalid");
  EXPECT_EQ(run->entry().step, nes::JournalStep::submitted);
}

TEST_F(ApplicationRunTest, ARouteNotChosenIsAskedWithTheFeeAndStoppingThereKeepsTheEntry) {
  const auto& who = applicants_[0];
  auto options = options_for(who);
  nes::Money fee_shown{};
  options.approval_route = [&](const nes::ApplicationInfo& info,
                               std::function<void(nes::error_code, nes::ApprovalRoute)> give) {
    fee_shown = info.fee.total;
    give({}, nes::ApprovalRoute::none);  // not now
  };
  auto run = begin(who, nes::ApprovalRoute::none, std::move(options));
  ASSERT_TRUE(run);
  auto [ec, outcome] = run->async_run(as_future).get();
  EXPECT_EQ(ec, asio::error::operation_aborted);
  EXPECT_GT(fee_shown.kurus(), 0);
  EXPECT_EQ(run->entry().step, nes::JournalStep::verified);

  // Later: the same entry, the route chosen now.
  nes::error_code jec;
  auto unfinished = journal_->entries(true, jec);
  ASSERT_EQ(unfinished.size(), 1U);
  auto later = options_for(who);
  later.approval_route = [](const nes::ApplicationInfo&,
                            std::function<void(nes::error_code, nes::ApprovalRoute)> give) {
    give({}, nes::ApprovalRoute::wet_signature);
  };
  nes::error_code rec;
  std::string detail;
  auto resumed = nes::ApplicationRun::resume(client(), journal_, unfinished[0], std::move(later), rec, &detail);
  ASSERT_TRUE(resumed) << detail;
  auto [ec2, done] = resumed->async_run(as_future).get();
  ASSERT_FALSE(ec2) << resumed->entry().note;
  EXPECT_EQ(done->application.status, nes::ApplicationStatus::awaiting_wet_form);
  EXPECT_EQ(done->entry.approval, "wet");
  EXPECT_EQ(admin_applications().size(), 1U);
}

// The portal's sessions last a second here; the run waits past it once,
// after the submission (the expiry is the portal's clock: there is no event
// to wait on).
class ApplicationRunWithShortSessions : public ApplicationRunTest {
 protected:
  void SetUp() override {
    nes::portal::PortalOptions short_sessions;
    short_sessions.session_ttl_seconds = 1;
    start(std::move(short_sessions));
    directory_ = std::filesystem::temp_directory_path() / ("nes-run-test-short-" + std::to_string(::getpid()));
    std::filesystem::remove_all(directory_);
    nes::error_code ec;
    journal_ = nes::Journal::open(directory_ / "journal.db", ec);
    ASSERT_TRUE(journal_) << ec.message();
  }
};

TEST_F(ApplicationRunWithShortSessions, AnExpiredSessionLogsInAgainAsTheSamePersonOnly) {
  const auto& who = applicants_[0];
  auto options = options_for(who);
  std::vector<bool> again;
  options.password = [&](const nes::PasswordRequest& request,
                         std::function<void(nes::error_code, nes::SecretString)> give) {
    asked_for_.push_back(std::string(request.tckn.reveal()));
    again.push_back(request.again);
    give({}, nes::SecretString(who.password));
  };
  auto report = options.progress;
  options.progress = [&, report](const nes::RunProgress& p) {
    report(p);
    if (p.stage == nes::RunStage::submitted) std::this_thread::sleep_for(std::chrono::milliseconds(1200));
  };
  auto run = begin(who, nes::ApprovalRoute::wet_signature, std::move(options));
  ASSERT_TRUE(run);
  auto [ec, outcome] = run->async_run(as_future).get();
  ASSERT_FALSE(ec) << run->entry().note;
  EXPECT_EQ(outcome->application.status, nes::ApplicationStatus::awaiting_wet_form);
  EXPECT_THAT(again, ElementsAre(false, true));              // the login, then one new login
  EXPECT_THAT(asked_for_, ElementsAre(who.tckn, who.tckn));  // both for the entry's own person
  EXPECT_EQ(admin_applications().size(), 1U);
}

TEST_F(ApplicationRunTest, AnEntryOfAnotherPortalOrPersonIsRefusedBeforeAnythingIsSent) {
  const auto& who = applicants_[0];
  nes::error_code ec;
  auto entry = journal_->begin(
      [&] {
        nes::JournalEntry e;
        e.portal = "https://portal.example:443";
        e.tckn = who.tckn;
        e.institution_id = who.institution;
        e.approval = "wet";
        e.form_json = nes::encode_form_json(who.form());
        return e;
      }(),
      ec);
  ASSERT_TRUE(entry);
  std::string detail;
  EXPECT_FALSE(nes::ApplicationRun::resume(client(), journal_, *entry, options_for(who), ec, &detail));
  EXPECT_EQ(ec, nes::errc::invalid_argument);
  EXPECT_THAT(detail, HasSubstr("portal.example"));

  // The entry's person is not the form's: refused, so no password of one
  // is ever sent with the other's T.C. Kimlik No.
  entry->portal = client().portal_url();
  entry->tckn = applicants_[1].tckn;
  EXPECT_FALSE(nes::ApplicationRun::resume(client(), journal_, *entry, options_for(who), ec, &detail));
  EXPECT_EQ(ec, nes::errc::invalid_argument);
  EXPECT_EQ(password_asked_, 0);
}

}  // namespace
