// Renewal (ADR 0016): an application that names the certificate it renews,
// accepted from three months before that certificate expires for unchanged
// contents only, and approved by e-imza with that certificate itself.

#include "applicant_fixture.hpp"

#include <gtest/gtest.h>

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

#include <filesystem>
#include <fstream>

namespace {

using nes::test::code_of;
using nes::test::json_body;
using nes::test::key;
using nes::test::LoggedIn;
using nes::test::Response;
namespace http = boost::beast::http;
namespace pki = nes::portal::pki;

// The card as it arrived: its certificate's serial and its key.
struct Card {
  std::string serial;
  pki::Credential credential;
};

class RenewalTest : public nes::test::ApplicantFixture {
 protected:
  // `tckn`'s certificate, valid `days` days, its card collected and the application completed.
  Card card_of(const LoggedIn& who, const char* tckn, int days) {
    const std::string id = in_production(who, tckn, demo_fee_kurus());
    const auto shipped = transition(id, R"({"event": "shipped", "validity_days": )" + std::to_string(days) + "}");
    EXPECT_EQ(shipped.result(), http::status::ok) << shipped.body();
    EXPECT_EQ(transition(id, R"({"event": "completed"})").result(), http::status::ok);
    const auto card = json_body(admin(http::verb::get, "/admin/v1/applications/" + id + "/card")).as_object();
    const auto listed = json_body(flow_->call(who, http::verb::get, "/api/v1/certificates")).at("certificates");
    return {std::string(listed.at(0).at("serial").as_string()),
            {std::string(card.at("certificate_pem").as_string()),
             nes::SecretString(std::string(card.at("private_key_pem").as_string()))}};
  }
  Response renew(const LoggedIn& who, const std::string& form_json, const std::string& serial) {
    return flow_->call(who, http::verb::post, "/api/v1/applications",
                       R"({"form": )" + form_json +
                           R"(, "acknowledged_notices": ["institution_paid", "no_refund"], "renews": ")" + serial +
                           R"("})",
                       "application/json", {{"Idempotency-Key", key()}});
  }
  std::string document(const LoggedIn& who, const std::string& id) {
    return flow_->call(who, http::verb::get, "/api/v1/applications/" + id + "/approval/document").body();
  }
};

TEST_F(RenewalTest, InsideTheWindowARenewalIsApprovedWithTheRenewedCertificateOnly) {
  const auto who = login(ayse);
  const Card card = card_of(who, ayse, 60);
  const auto created = renew(who, nes::test::demo_form(ayse), card.serial);
  ASSERT_EQ(created.result(), http::status::created) << created.body();
  EXPECT_EQ(json_body(created).at("renews").as_string(), card.serial);
  const std::string id(json_body(created).at("id").as_string());
  ASSERT_EQ(verify(who, id, inbox_.code_for(id)).result(), http::status::ok);
  const std::string doc = document(who, id);

  // Another valid NES of hers, or paper, does not renew this one.
  const auto other = approve_by_e_signature(who, id, nes::test::sign_detached(applicant_certificate(ayse), doc));
  EXPECT_EQ(other.result(), http::status::unprocessable_entity);
  EXPECT_EQ(code_of(other), "signer_not_renewed_certificate");
  const auto wet = flow_->call(who, http::verb::post, "/api/v1/applications/" + id + "/approval/wet-signature");
  EXPECT_EQ(wet.result(), http::status::unprocessable_entity);
  EXPECT_EQ(code_of(wet), "e_signature_required");

  const auto approved = approve_by_e_signature(who, id, nes::test::sign_detached(card.credential, doc));
  ASSERT_EQ(approved.result(), http::status::ok) << approved.body();
  EXPECT_EQ(json_body(approved).at("status").as_string(), "submitted");
  EXPECT_EQ(json_body(approved).at("renews").as_string(), card.serial);
}

TEST_F(RenewalTest, BeforeTheWindowOpensTheRenewalIsNotDue) {
  const auto who = login(ayse);
  const Card card = card_of(who, ayse, 365);
  const auto refused = renew(who, nes::test::demo_form(ayse), card.serial);
  EXPECT_EQ(refused.result(), http::status::unprocessable_entity);
  EXPECT_EQ(code_of(refused), "renewal_not_due");
  const auto certificates = json_body(flow_->call(who, http::verb::get, "/api/v1/certificates")).at("certificates");
  EXPECT_EQ(json_body(refused).at("renewal_from"), certificates.at(0).at("renewal_from"));
  // The refusal left nothing open: a new application is made as before.
  EXPECT_EQ(flow_->submit(who, nes::test::demo_form(ayse), key()).result(), http::status::created);
}

TEST_F(RenewalTest, OnlyTheApplicantsOwnActiveCertificateIsRenewed) {
  const auto who = login(ayse);
  const Card card = card_of(who, ayse, 60);
  const auto theirs = login(ismail);
  EXPECT_EQ(code_of(renew(theirs, nes::test::demo_form(ismail), card.serial)), "renewed_certificate_not_found");
  EXPECT_EQ(code_of(renew(who, nes::test::demo_form(ayse), "not-a-serial")), "invalid_request");
  const auto held = admin(http::verb::post, "/admin/v1/revocations",
                          R"({"authority": "esign", "serial": ")" + card.serial + R"(", "reason": "certificateHold"})");
  ASSERT_EQ(held.result(), http::status::created) << held.body();
  const auto suspended = renew(who, nes::test::demo_form(ayse), card.serial);
  EXPECT_EQ(suspended.result(), http::status::conflict);
  EXPECT_EQ(code_of(suspended), "certificate_suspended");
}

// The identity record changed since issuance (a new surname): the contents
// cannot be renewed unchanged, so the update route is named instead.
TEST_F(RenewalTest, ChangedContentsNeedTheUpdateRoute) {
  const auto dir = std::filesystem::temp_directory_path() / ("nes-portal-renewal-" + key());
  portal_.reset();
  start({.data_directory = dir});
  Card card = card_of(login(ayse), ayse, 60);

  std::ifstream demo_registry(NES_EXAMPLES_DIR "/portal/registry.json");
  auto registry = boost::json::parse(demo_registry);
  for (auto& person : registry.at("people").as_array()) {
    if (person.at("tckn") == ayse) person.as_object()["last_name"] = "Yılmaz";
  }
  const auto registry_file = dir / "registry-after-marriage.json";
  std::ofstream(registry_file) << boost::json::serialize(registry);
  portal_.reset();
  start({.data_directory = dir, .registry = registry_file});

  std::string form = nes::test::demo_form(ayse);
  form.replace(form.find("Şahin"), std::string("Şahin").size(), "Yılmaz");
  const auto refused = renew(login(ayse), form, card.serial);
  EXPECT_EQ(refused.result(), http::status::unprocessable_entity) << refused.body();
  EXPECT_EQ(code_of(refused), "update_required");
  portal_.reset();
  std::filesystem::remove_all(dir);
}

}  // namespace
