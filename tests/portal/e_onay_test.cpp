// E-Onay (ADR 0016): a standing consent, e-signed once over the portal's
// text, that the person's later applications are approved by their SMS code
// alone; refused for another text or another person's certificate; withdrawn
// at will, after which an application needs its signature or paper again.

#include "applicant_fixture.hpp"

#include <sqlite3.h>

#include <gtest/gtest.h>

#include <vector>

namespace {

using nes::test::code_of;
using nes::test::json_body;
using nes::test::LoggedIn;
using nes::test::Response;
namespace http = boost::beast::http;

class EOnayTest : public nes::test::ApplicantFixture {
 protected:
  Response give(const LoggedIn& who, const std::string& cms) {
    return flow_->call(who, http::verb::post, "/api/v1/e-onay", cms, "application/pkcs7-signature");
  }
  std::string text(const LoggedIn& who) { return flow_->call(who, http::verb::get, "/api/v1/e-onay/document").body(); }
  Response by_e_onay(const LoggedIn& who, const std::string& id) {
    return flow_->call(who, http::verb::post, "/api/v1/applications/" + id + "/approval/e-onay");
  }
  // The audit log's events about `subject` (an application id), read with SQLite's own API.
  std::vector<std::string> audited(const std::string& subject) {
    sqlite3* db = nullptr;
    std::vector<std::string> events;
    const auto file = portal_->data_directory() / "portal.db";
    if (sqlite3_open_v2(file.c_str(), &db, SQLITE_OPEN_READONLY, nullptr) != SQLITE_OK) {
      ADD_FAILURE() << "cannot open " << file;
      sqlite3_close(db);
      return events;
    }
    sqlite3_stmt* rows = nullptr;
    sqlite3_prepare_v2(db, "SELECT event FROM audit_log WHERE detail = ?1 ORDER BY id", -1, &rows, nullptr);
    sqlite3_bind_text(rows, 1, subject.c_str(), -1, SQLITE_TRANSIENT);
    while (sqlite3_step(rows) == SQLITE_ROW)
      events.emplace_back(reinterpret_cast<const char*>(sqlite3_column_text(rows, 0)));
    sqlite3_finalize(rows);
    sqlite3_close(db);
    return events;
  }
};

TEST_F(EOnayTest, AGivenConsentApprovesByTheSmsCodeUntilItIsWithdrawn) {
  const auto who = login(ayse);
  EXPECT_EQ(json_body(flow_->call(who, http::verb::get, "/api/v1/e-onay")).at("state").as_string(), "none");
  const std::string consent = text(who);
  EXPECT_NE(consent.find("Ayşe Gül Şahin"), std::string::npos);
  EXPECT_EQ(text(who), consent) << "the person's text is the same each time";

  const auto given = give(who, nes::test::sign_detached(applicant_certificate(ayse), consent));
  ASSERT_EQ(given.result(), http::status::created) << given.body();
  EXPECT_EQ(json_body(given).at("state").as_string(), "given");

  const std::string id = verified(who, ayse);
  const auto approved = by_e_onay(who, id);
  ASSERT_EQ(approved.result(), http::status::ok) << approved.body();
  EXPECT_EQ(json_body(approved).at("status").as_string(), "submitted");
  EXPECT_EQ(json_body(approved).at("approval").as_string(), "e_onay");
  // The audit log says which approval it was.
  const auto events = audited(id);
  ASSERT_FALSE(events.empty());
  EXPECT_EQ(events.back(), "e_onay_approved");

  const auto withdrawn = flow_->call(who, http::verb::delete_, "/api/v1/e-onay");
  ASSERT_EQ(withdrawn.result(), http::status::ok) << withdrawn.body();
  EXPECT_EQ(json_body(withdrawn).at("state").as_string(), "withdrawn");
  EXPECT_EQ(code_of(flow_->call(who, http::verb::delete_, "/api/v1/e-onay")), "e_onay_not_given");
}

TEST_F(EOnayTest, WithoutAStandingConsentTheApplicationWaitsForItsSignature) {
  const auto who = login(ayse);
  const std::string id = verified(who, ayse);
  const auto refused = by_e_onay(who, id);
  EXPECT_EQ(refused.result(), http::status::conflict);
  EXPECT_EQ(code_of(refused), "e_onay_not_given");
  EXPECT_EQ(json_body(flow_->call(who, http::verb::get, "/api/v1/applications/" + id)).at("status").as_string(),
            "awaiting_approval");
}

TEST_F(EOnayTest, OnlyThePersonsOwnSignatureOverTheirOwnTextIsAConsent) {
  const auto who = login(ayse);
  const std::string consent = text(who);
  const auto other_text = give(who, nes::test::sign_detached(applicant_certificate(ayse), consent + " "));
  EXPECT_EQ(code_of(other_text), "signature_invalid");
  const auto other_person = give(who, nes::test::sign_detached(applicant_certificate(ismail), consent));
  EXPECT_EQ(code_of(other_person), "signer_not_applicant");
  const auto as_json = flow_->call(who, http::verb::post, "/api/v1/e-onay", "{}", "application/json");
  EXPECT_EQ(as_json.result(), http::status::unsupported_media_type);
  EXPECT_EQ(code_of(as_json), "unsupported_media_type");
  EXPECT_EQ(json_body(flow_->call(who, http::verb::get, "/api/v1/e-onay")).at("state").as_string(), "none");
}

}  // namespace
