// The portal's state directory and database, checked through SQLite's own C
// API rather than the portal's code.

#include "portal/store/application_store.hpp"
#include "portal/store/data_directory.hpp"
#include "portal/store/database.hpp"
#include "test_client.hpp"

#include <nes/portal/reference_portal.hpp>

#include <sqlite3.h>
#include <sys/wait.h>
#include <unistd.h>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <csignal>
#include <filesystem>

namespace {

using ::testing::HasSubstr;
namespace store = nes::portal::store;

std::filesystem::path fresh_path(const std::string& name) {
  auto path = std::filesystem::temp_directory_path() / (name + "-" + std::to_string(::getpid()));
  std::filesystem::remove_all(path);
  return path;
}

TEST(DataDirectory, IsHeldByOnePortalAtATime) {
  const auto path = fresh_path("nes-store-lock");
  nes::portal::ReferencePortal first(nes::portal::PortalOptions{.data_directory = path});
  std::string detail;
  ASSERT_FALSE(first.start(&detail)) << detail;
  EXPECT_EQ(first.data_directory(), path);
  nes::portal::ReferencePortal second(nes::portal::PortalOptions{.data_directory = path});
  EXPECT_EQ(second.start(&detail), nes::errc::resource_in_use);
  EXPECT_THAT(detail, HasSubstr("in use by another nes-portal"));
  first.stop();
  std::filesystem::remove_all(path);
}

TEST(DataDirectory, AKilledHolderLeavesNoStaleLock) {
  const auto path = fresh_path("nes-store-killed");
  const pid_t child = ::fork();
  ASSERT_GE(child, 0);
  if (child == 0) {
    std::string detail;
    auto held = store::DataDirectory::open(path, detail);
    ::raise(held ? SIGKILL : SIGTERM);  // no destructor, no unlock: the kernel's job
  }
  int status = 0;
  ::waitpid(child, &status, 0);
  ASSERT_TRUE(WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL) << "the child could not lock";
  std::string detail;
  EXPECT_NE(store::DataDirectory::open(path, detail), nullptr) << detail;
  std::filesystem::remove_all(path);
}

TEST(DataDirectory, TemporaryDirectoriesAreRemoved) {
  std::string detail;
  std::filesystem::path path;
  {
    auto dir = store::DataDirectory::temporary(detail);
    ASSERT_NE(dir, nullptr) << detail;
    path = dir->path();
    EXPECT_TRUE(std::filesystem::exists(path / "portal.lock"));
  }
  EXPECT_FALSE(std::filesystem::exists(path));
}

TEST(Database, UsesWalAndRefusesANewerSchema) {
  const auto path = fresh_path("nes-store-db");
  std::filesystem::create_directories(path);
  const auto file = (path / "portal.db").string();
  std::string detail;
  {
    auto db = store::Database::open(file, detail);
    ASSERT_NE(db, nullptr) << detail;
    db->audit("started", "-", "a détail with ç");
    ASSERT_EQ(db->recent_audit(10).size(), 1U);
    EXPECT_EQ(db->recent_audit(10)[0].detail, "a détail with ç");
  }
  sqlite3* raw = nullptr;
  ASSERT_EQ(sqlite3_open(file.c_str(), &raw), SQLITE_OK);
  sqlite3_stmt* mode = nullptr;
  sqlite3_prepare_v2(raw, "PRAGMA journal_mode", -1, &mode, nullptr);
  ASSERT_EQ(sqlite3_step(mode), SQLITE_ROW);
  EXPECT_STREQ(reinterpret_cast<const char*>(sqlite3_column_text(mode, 0)), "wal");
  sqlite3_finalize(mode);
  sqlite3_exec(raw, "PRAGMA user_version = 99", nullptr, nullptr, nullptr);
  sqlite3_close(raw);
  EXPECT_EQ(store::Database::open(file, detail), nullptr);
  EXPECT_THAT(detail, HasSubstr("newer"));
  std::filesystem::remove_all(path);
}

}  // namespace

namespace {

// A start that fails after taking the data directory gives it back, and a
// portal can be started again after stop().
TEST(DataDirectory, AFailedStartReleasesItAndAStoppedPortalStartsAgain) {
  const auto path = fresh_path("nes-store-retry");
  nes::portal::ReferencePortal holder;  // only to occupy a port
  ASSERT_FALSE(holder.start());
  nes::portal::ReferencePortal clash(
      nes::portal::PortalOptions{.listen = "127.0.0.1:" + std::to_string(holder.port()), .data_directory = path});
  std::string detail;
  ASSERT_TRUE(clash.start(&detail));
  EXPECT_THAT(detail, HasSubstr("cannot listen"));

  nes::portal::ReferencePortal portal(nes::portal::PortalOptions{.data_directory = path});
  ASSERT_FALSE(portal.start(&detail)) << detail;  // the failed start left no lock behind
  EXPECT_EQ(portal.start(&detail), nes::errc::invalid_argument);
  EXPECT_THAT(detail, HasSubstr("already started"));
  portal.stop();
  ASSERT_FALSE(portal.start(&detail)) << detail;
  nes::test::TestClient c(portal.port(), nes::test::ClientOptions{.ca_pem = portal.ca_certificate_pem()});
  EXPECT_EQ(c.request(boost::beast::http::verb::get, "/api/v1/fees").result(), boost::beast::http::status::ok);
  portal.stop();
  std::filesystem::remove_all(path);
}

// The store's one-open-application rule (its query and the partial unique
// index behind it) is the lifecycle's is_open(), for every status.
TEST(ApplicationStore, OneOpenApplicationPerInstitutionFollowsTheLifecycle) {
  const auto path = fresh_path("nes-store-open");
  std::filesystem::create_directories(path);
  std::string detail;
  auto db = store::Database::open((path / "portal.db").string(), detail);
  ASSERT_TRUE(db) << detail;
  store::ApplicationStore applications(*db);
  int n = 0;
  for (const auto status : nes::all_application_statuses()) {
    SCOPED_TRACE(std::string(nes::to_string(status)));
    const std::string tckn = "person-" + std::to_string(n++);
    store::ApplicationRecord record;
    record.tckn = tckn;
    record.institution_id = "meb";
    record.idempotency_key = "first";
    const auto first = applications.insert(record);
    ASSERT_EQ(first.outcome, store::InsertOutcome::created);
    applications.modify(first.record.id, [&](store::ApplicationRecord& a) {
      a.status = status;
      return true;
    });
    record.idempotency_key = "second";
    const auto second = applications.insert(record);
    EXPECT_EQ(second.outcome,
              nes::is_open(status) ? store::InsertOutcome::duplicate_open : store::InsertOutcome::created);
    // The index alone, without the store's query: a raw insert of an open row.
    sqlite3* raw = nullptr;
    ASSERT_EQ(sqlite3_open((path / "portal.db").string().c_str(), &raw), SQLITE_OK);
    const std::string sql =
        "INSERT INTO applications (id, tckn, institution_id, status, form_json, phone, fee_net, fee_kdv, fee_total, "
        "idempotency_key, request_digest, otp_code_hash, otp_expires_at_ms, otp_resend_after_ms, otp_tries_left, "
        "created_at_ms, updated_at_ms) VALUES ('raw-" +
        tckn + "', '" + tckn + "-raw', 'meb', '" + std::string(nes::to_string(status)) +
        "', '', '', 0, 0, 0, 'k', '', '', 0, 0, 0, 0, 0)";
    ASSERT_EQ(sqlite3_exec(raw, sql.c_str(), nullptr, nullptr, nullptr), SQLITE_OK);
    const std::string again =
        "INSERT INTO applications (id, tckn, institution_id, status, form_json, phone, "
        "fee_net, fee_kdv, fee_total, idempotency_key, request_digest, otp_code_hash, "
        "otp_expires_at_ms, otp_resend_after_ms, otp_tries_left, created_at_ms, updated_at_ms) "
        "VALUES ('raw2-" +
        tckn + "', '" + tckn +
        "-raw', 'meb', 'otp_pending', '', '', 0, 0, 0, "
        "'k2', '', '', 0, 0, 0, 0, 0)";
    EXPECT_EQ(sqlite3_exec(raw, again.c_str(), nullptr, nullptr, nullptr),
              nes::is_open(status) ? SQLITE_CONSTRAINT : SQLITE_OK);
    sqlite3_close(raw);
  }
  db.reset();
  std::filesystem::remove_all(path);
}

}  // namespace
