// The journal on disk (SQLite in a temporary folder): one unfinished entry
// per person and institution, the same key when a run continues, steps that
// survive reopening, and a file only its owner can read.

#include "test_forms.hpp"

#include <nes/form_json.hpp>
#include <nes/journal.hpp>

#include <gtest/gtest.h>

#include <sqlite3.h>

#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <iterator>
#include <random>

namespace {

class JournalTest : public ::testing::Test {
 protected:
  JournalTest()
      : directory_(std::filesystem::temp_directory_path() /
                   ("nes-journal-test-" + std::to_string(getpid()) + "-" + std::to_string(std::random_device{}()))) {}
  ~JournalTest() override { std::filesystem::remove_all(directory_); }

  std::unique_ptr<nes::Journal> open() {
    nes::error_code ec;
    std::string detail;
    auto journal = nes::Journal::open(path(), ec, &detail);
    EXPECT_TRUE(journal) << detail;
    return journal;
  }
  [[nodiscard]] std::filesystem::path path() const { return directory_ / "sub" / "journal.db"; }

  static nes::JournalEntry proposal(const std::string& institution) {
    nes::JournalEntry e;
    e.portal = "https://127.0.0.1:8443";
    e.tckn = "10000000146";
    e.institution_id = institution;
    e.approval = "wet";
    e.form_json = nes::SecretString(R"({"identity":{"tckn":"10000000146"}})");
    return e;
  }

  std::filesystem::path directory_;
};

TEST_F(JournalTest, AContinuedRunGetsTheSameEntryAndKey) {
  auto journal = open();
  nes::error_code ec;
  auto first = journal->begin(proposal("meb"), ec);
  ASSERT_TRUE(first) << ec.message();
  EXPECT_EQ(first->step, nes::JournalStep::started);
  EXPECT_EQ(first->idempotency_key.size(), 32U);
  first->step = nes::JournalStep::submitting;
  ASSERT_TRUE(journal->record(*first, ec));

  auto again = journal->begin(proposal("meb"), ec);
  ASSERT_TRUE(again);
  EXPECT_EQ(again->id, first->id);
  EXPECT_EQ(again->idempotency_key, first->idempotency_key);
  EXPECT_EQ(again->step, nes::JournalStep::submitting);
  EXPECT_EQ(again->form_json.reveal(), R"({"identity":{"tckn":"10000000146"}})");

  auto other = journal->begin(proposal("yok-akademik"), ec);
  ASSERT_TRUE(other);
  EXPECT_NE(other->id, first->id);
  EXPECT_NE(other->idempotency_key, first->idempotency_key);
}

TEST_F(JournalTest, AFinishedEntryMakesRoomForANewApplication) {
  auto journal = open();
  nes::error_code ec;
  auto first = journal->begin(proposal("meb"), ec);
  ASSERT_TRUE(first);
  first->application_id = "app_ONE";
  first->step = nes::JournalStep::finished;
  first->portal_status = "submitted";
  ASSERT_TRUE(journal->record(*first, ec));
  auto second = journal->begin(proposal("meb"), ec);
  ASSERT_TRUE(second);
  EXPECT_NE(second->id, first->id);
  EXPECT_NE(second->idempotency_key, first->idempotency_key);
  EXPECT_EQ(journal->entries(true, ec).size(), 1U);
  EXPECT_EQ(journal->entries(false, ec).size(), 2U);
}

// A journal written before renewals: its entries stay, and new ones record what they renew.
TEST_F(JournalTest, AJournalFromBeforeRenewalsIsOpenedAndKeepsItsEntries) {
  std::filesystem::create_directories(path().parent_path());
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open(path().c_str(), &db), SQLITE_OK);
  ASSERT_EQ(
      sqlite3_exec(db,
                   "CREATE TABLE applications (id INTEGER PRIMARY KEY, portal TEXT NOT NULL, tckn TEXT NOT NULL, "
                   "institution_id TEXT NOT NULL, approval TEXT NOT NULL, form_json TEXT NOT NULL, "
                   "idempotency_key TEXT NOT NULL, application_id TEXT NOT NULL DEFAULT '', step TEXT NOT NULL, "
                   "portal_status TEXT NOT NULL DEFAULT '', note TEXT NOT NULL DEFAULT '', "
                   "created_at_ms INTEGER NOT NULL, updated_at_ms INTEGER NOT NULL);"
                   "INSERT INTO applications (portal, tckn, institution_id, approval, form_json, idempotency_key, "
                   "step, created_at_ms, updated_at_ms) VALUES ('https://127.0.0.1:8443', '10000000146', 'meb', "
                   "'wet', '{}', 'k', 'submitting', 1, 1);",
                   nullptr, nullptr, nullptr),
      SQLITE_OK);
  sqlite3_close(db);

  auto journal = open();
  ASSERT_TRUE(journal);
  nes::error_code ec;
  const auto old = journal->entries(true, ec);
  ASSERT_EQ(old.size(), 1U) << ec.message();
  EXPECT_EQ(old[0].step, nes::JournalStep::submitting);
  EXPECT_TRUE(old[0].renews.empty());
  auto renewal = proposal("yok-akademik");
  renewal.renews = "4A599C752D";
  const auto recorded = journal->begin(renewal, ec);
  ASSERT_TRUE(recorded) << ec.message();
  journal.reset();
  EXPECT_EQ(open()->find(recorded->id, ec)->renews, "4A599C752D");
}

TEST_F(JournalTest, StepsAreOnDiskAndOnlyTheOwnerCanReadTheFile) {
  nes::error_code ec;
  std::int64_t id = 0;
  {
    auto journal = open();
    auto entry = journal->begin(proposal("meb"), ec);
    ASSERT_TRUE(entry);
    id = entry->id;
    entry->application_id = "app_X";
    entry->step = nes::JournalStep::verified;
    entry->portal_status = "awaiting_approval";
    ASSERT_TRUE(journal->record(*entry, ec));
  }
  auto journal = open();
  const auto all = journal->entries(false, ec);
  ASSERT_EQ(all.size(), 1U);
  EXPECT_EQ(all[0].id, id);
  EXPECT_EQ(all[0].application_id, "app_X");
  EXPECT_EQ(all[0].step, nes::JournalStep::verified);
  EXPECT_EQ(all[0].portal_status, "awaiting_approval");
  struct stat info {};
  ASSERT_EQ(stat(path().c_str(), &info), 0);
  EXPECT_EQ(info.st_mode & 0777, 0600U);
}

TEST_F(JournalTest, AnUnusablePathIsJournalFailedWithTheReason) {
  std::filesystem::create_directories(directory_ / "a-folder");
  nes::error_code ec;
  std::string detail;
  EXPECT_FALSE(nes::Journal::open(directory_ / "a-folder", ec, &detail));
  EXPECT_EQ(ec, nes::errc::journal_failed);
  EXPECT_NE(detail.find("a-folder"), std::string::npos) << detail;
}

TEST(JournalPath, FollowsNesJournalThenXdgDataHome) {
  setenv("NES_JOURNAL", "/tmp/x/journal.db", 1);
  EXPECT_EQ(nes::Journal::default_path(), "/tmp/x/journal.db");
  unsetenv("NES_JOURNAL");
  setenv("XDG_DATA_HOME", "/tmp/data", 1);
  EXPECT_EQ(nes::Journal::default_path(), "/tmp/data/nes/journal.db");
  unsetenv("XDG_DATA_HOME");
}

TEST_F(JournalTest, AFormIsAmendedOnlyWhileNothingOfItStandsOnThePortal) {
  auto journal = open();
  nes::error_code ec;
  auto form = nes::test::valid_form();
  auto proposed = proposal("yok-akademik");
  proposed.form_json = nes::encode_form_json(form);
  auto entry = journal->begin(std::move(proposed), ec);
  ASSERT_TRUE(entry);
  entry->note = "the form: phone_not_registered";
  ASSERT_TRUE(journal->record(*entry, ec));

  form.identity.mobile_phone = "0533 765 43 21";
  ASSERT_TRUE(journal->amend_form(*entry, form, ec)) << ec.message();
  const auto read = journal->find(entry->id, ec);
  ASSERT_TRUE(read);
  EXPECT_EQ(read->idempotency_key, entry->idempotency_key);
  EXPECT_TRUE(read->note.empty());
  EXPECT_EQ(nes::decode_form_json(read->form_json.reveal()).form->identity.mobile_phone, "0533 765 43 21");

  // Another person's form, or another institution's, is not this entry's.
  auto other = form;
  other.identity.tckn.assign("10000000078");
  EXPECT_FALSE(journal->amend_form(*entry, other, ec));
  EXPECT_EQ(ec, nes::errc::invalid_argument);
  other = form;
  other.institution.id = "meb";
  EXPECT_FALSE(journal->amend_form(*entry, other, ec));

  // Once the submission may have reached the portal, the form is the portal's.
  entry->step = nes::JournalStep::submitting;
  ASSERT_TRUE(journal->record(*entry, ec));
  form.identity.mobile_phone = "0532 123 45 67";
  EXPECT_FALSE(journal->amend_form(*entry, form, ec));
  EXPECT_EQ(ec, nes::errc::invalid_argument);
  EXPECT_EQ(nes::decode_form_json(journal->find(entry->id, ec)->form_json.reveal()).form->identity.mobile_phone,
            "0533 765 43 21");
}

// The security word is kept while the form may still have to be sent, and
// no longer: once the portal holds the form, the journal drops it, on disk.
TEST_F(JournalTest, TheSecurityWordIsForgottenOnceThePortalHoldsTheForm) {
  nes::error_code ec;
  auto form = nes::test::valid_form();
  form.certificate.security_word = nes::SecretString("Kır çiçeği 7");
  auto proposed = proposal("yok-akademik");
  proposed.form_json = nes::encode_form_json(form);
  std::int64_t id = 0;
  {
    auto journal = open();
    auto entry = journal->begin(std::move(proposed), ec);
    ASSERT_TRUE(entry);
    id = entry->id;
    entry->step = nes::JournalStep::submitting;  // a kill now sends the same form again
    ASSERT_TRUE(journal->record(*entry, ec));
    const auto sending = nes::decode_form_json(journal->find(id, ec)->form_json.reveal());
    ASSERT_TRUE(sending.form && sending.form->certificate.security_word);
    EXPECT_EQ(sending.form->certificate.security_word->reveal(), "Kır çiçeği 7");

    entry->step = nes::JournalStep::submitted;
    entry->application_id = "app_X";
    ASSERT_TRUE(journal->record(*entry, ec));
    EXPECT_EQ(entry->form_json.reveal().find("security_word"), std::string_view::npos);
  }
  auto journal = open();
  const auto held = journal->find(id, ec);
  ASSERT_TRUE(held);
  const auto decoded = nes::decode_form_json(held->form_json.reveal());
  ASSERT_TRUE(decoded.form);
  EXPECT_FALSE(decoded.form->certificate.security_word);
  EXPECT_EQ(decoded.form->identity.mobile_phone, form.identity.mobile_phone) << "the rest of the form stays";
  // Not in the file's bytes either (SQLite may keep a freed page: secure_delete is on).
  std::ifstream file(path(), std::ios::binary);
  const std::string bytes((std::istreambuf_iterator<char>(file)), std::istreambuf_iterator<char>());
  EXPECT_EQ(bytes.find("Kır çiçeği 7"), std::string::npos);
}

TEST_F(JournalTest, OnlyAnEntryThePortalDoesNotHoldIsForgotten) {
  auto journal = open();
  nes::error_code ec;
  auto fresh = journal->begin(proposal("meb"), ec);
  auto sent = journal->begin(proposal("yok-akademik"), ec);
  ASSERT_TRUE(fresh && sent);
  sent->step = nes::JournalStep::submitted;
  sent->application_id = "app_SENT";
  ASSERT_TRUE(journal->record(*sent, ec));

  EXPECT_FALSE(journal->forget(sent->id, ec));
  EXPECT_EQ(ec, nes::errc::invalid_argument);
  EXPECT_TRUE(journal->find(sent->id, ec).has_value());
  EXPECT_TRUE(journal->forget(fresh->id, ec));
  EXPECT_FALSE(journal->find(fresh->id, ec).has_value());
  EXPECT_FALSE(ec);
  EXPECT_FALSE(journal->forget(fresh->id, ec));  // gone already

  sent->step = nes::JournalStep::finished;
  ASSERT_TRUE(journal->record(*sent, ec));
  EXPECT_TRUE(journal->forget(sent->id, ec));
  EXPECT_TRUE(journal->entries(false, ec).empty());
}

}  // namespace
