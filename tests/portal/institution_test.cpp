// The institution-paid route (ADR 0015) against the in-process portal over
// TLS: the officer's request list, the access code by e-mail, the staff
// member's application through it, the list, the officer's decision and its
// signature (accepted once), and the institution's invoice.

#include "cms_sign.hpp"
#include "email_inbox.hpp"
#include "portal_flow.hpp"

#include "portal/crypto/encoding.hpp"
#include "portal/fee_table.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <boost/json/serialize.hpp>

namespace {

using nes::test::json_body;
using nes::test::LoggedIn;
using nes::test::PortalAddress;
using nes::test::PortalFlow;
using nes::test::Response;
using ::testing::HasSubstr;
namespace http = boost::beast::http;
namespace pki = nes::portal::pki;
namespace json = boost::json;

constexpr const char* institution = "ornek-universitesi";
constexpr const char* hakan = "67746370606";   // the officer
constexpr const char* elif = "53304452938";    // staff
constexpr const char* murat = "50394029002";   // staff
constexpr const char* zeynep = "87943454688";  // staff
constexpr const char* ayse = "10000000146";    // staff of yok-akademik only
constexpr const char* admin_token = "test-admin-token-0123456789";
const std::string officer_base = std::string("/api/v1/officer/institutions/") + institution;

std::string key() { return nes::portal::crypto::random_token(16); }
std::string code_of(const Response& res) { return std::string(json_body(res).at("code").as_string()); }

std::string row(const std::string& tckn, const std::string& first, const std::string& last,
                const std::string& email = "personel@ornek.edu.tr", const std::string& phone = "0312 298 20 00") {
  return R"({"tckn": ")" + tckn + R"(", "first_name": ")" + first + R"(", "last_name": ")" + last +
         R"(", "unit": "Bilgi İşlem Daire Başkanlığı", "work_email": ")" + email + R"(", "work_phone": ")" + phone +
         R"("})";
}

std::string rows(std::initializer_list<std::string> items) {
  std::string out = R"({"requests": [)";
  bool first = true;
  for (const auto& item : items) {
    out += (first ? "" : ", ") + item;
    first = false;
  }
  return out + "]}";
}

class InstitutionTest : public ::testing::Test {
 protected:
  void SetUp() override {
    nes::portal::PortalOptions options;
    options.sms_sink = sms_.sink();
    options.email_sink = email_.sink();
    options.trust_ca_pem = {esign_ca_.certificate_pem};
    options.signature.time_stamp_ca_pem.push_back(nes::test::test_tsa_ca_pem());
    options.admin_token.assign(admin_token);
    portal_ = std::make_unique<nes::portal::ReferencePortal>(std::move(options));
    std::string detail;
    ASSERT_FALSE(portal_->start(&detail)) << detail;
    flow_ = std::make_unique<PortalFlow>(PortalAddress::of(*portal_));
    officer_ = flow_->login(hakan, nes::test::demo_password(hakan));
  }

  LoggedIn login(const char* tckn) { return flow_->login(tckn, nes::test::demo_password(tckn)); }

  Response upload(const std::string& body) {
    return flow_->call(officer_, http::verb::post, officer_base + "/requests", body);
  }

  // Uploads a good row for each person; their access codes, by T.C. Kimlik No.
  std::map<std::string, std::string> requested(std::initializer_list<std::pair<const char*, const char*>> people) {
    std::string body = R"({"requests": [)";
    std::vector<std::string> order;
    for (const auto& [tckn, names] : people) {
      const std::string full(names);
      const auto space = full.find(' ');
      body += (order.empty() ? "" : ", ") + row(tckn, full.substr(0, space), full.substr(space + 1));
      order.emplace_back(tckn);
    }
    const auto res = upload(body + "]}");
    EXPECT_EQ(res.result(), http::status::ok) << res.body();
    std::map<std::string, std::string> codes;
    const auto answer = json_body(res);
    const auto& report = answer.at("rows").as_array();
    for (std::size_t i = 0; i < order.size(); ++i) {
      EXPECT_EQ(report[i].at("status").as_string(), "accepted") << json::serialize(report[i]);
      codes[order[i]] = email_.access_code_for(std::string(report[i].at("request_id").as_string()));
    }
    return codes;
  }

  // The staff member's whole route to an approval by e-imza; the application id.
  std::string applied_and_approved(const char* tckn, const std::string& access_code) {
    const auto who = login(tckn);
    const auto res = submit(who, tckn, access_code, key());
    EXPECT_EQ(res.result(), http::status::created) << res.body();
    const std::string id(json_body(res).at("id").as_string());
    const auto verified = flow_->call(who, http::verb::post, "/api/v1/applications/" + id + "/otp/verify",
                                      R"({"code": ")" + sms_.code_for(id) + R"("})");
    EXPECT_EQ(verified.result(), http::status::ok) << verified.body();
    const auto doc = flow_->call(who, http::verb::get, "/api/v1/applications/" + id + "/approval/document");
    const auto approved =
        flow_->call(who, http::verb::post, "/api/v1/applications/" + id + "/approval/e-signature",
                    nes::test::sign_detached(certificate_of(tckn), doc.body()), "application/pkcs7-signature");
    EXPECT_EQ(approved.result(), http::status::ok) << approved.body();
    EXPECT_EQ(json_body(approved).at("status").as_string(), "awaiting_institution");
    return id;
  }

  Response submit(const LoggedIn& who, const char* tckn, const std::string& access_code, const std::string& k) {
    const std::string body = R"({"access_code": ")" + access_code + R"(", "form": )" + nes::test::demo_form(tckn) +
                             R"(, "acknowledged_notices": ["no_refund"]})";
    return flow_->call(who, http::verb::post, "/api/v1/institution-applications", body, "application/json",
                       {{"Idempotency-Key", k}});
  }

  pki::Credential certificate_of(const std::string& tckn) {
    return pki::issue(
        esign_ca_,
        {.common_name = "TEST SIGNER", .subject_serial_number = tckn, .non_repudiation = true, .qualified_nes = true});
  }

  Response list() { return flow_->call(officer_, http::verb::get, officer_base + "/list"); }

  std::string version_of(const Response& list_response) {
    std::string etag(list_response[http::field::etag]);
    return etag.substr(1, etag.size() - 2);
  }

  Response decide(const std::string& version, const std::string& excluded = "[]") {
    return flow_->call(officer_, http::verb::post, officer_base + "/list/decisions",
                       R"({"version": ")" + version + R"(", "excluded": )" + excluded + "}");
  }

  Response sign(const std::string& decision, const std::string& cms) {
    return flow_->call(officer_, http::verb::post, officer_base + "/list/decisions/" + decision + "/signature", cms,
                       "application/pkcs7-signature");
  }

  Response admin(const std::string& target, const std::string& body) {
    return flow_->portal().request(http::verb::post, target, body, "application/json",
                                   {{http::field::authorization, std::string("Bearer ") + admin_token}});
  }

  std::string status_of(const std::string& id) {
    const auto res = flow_->portal().request(http::verb::get, "/admin/v1/applications", {}, "application/json",
                                             {{http::field::authorization, std::string("Bearer ") + admin_token}});
    const auto all = json_body(res);
    for (const auto& a : all.at("applications").as_array()) {
      if (a.at("id").as_string() == id) return std::string(a.at("status").as_string());
    }
    return "absent";
  }

  pki::Credential esign_ca_ = pki::make_ca({.common_name = "NES TEST E-IMZA CA", .certificate_authority = true});
  nes::test::SmsInbox sms_;
  nes::test::EmailInbox email_;
  std::unique_ptr<nes::portal::ReferencePortal> portal_;
  std::unique_ptr<PortalFlow> flow_;
  LoggedIn officer_;
};

TEST_F(InstitutionTest, TheUploadAcceptsTheGoodRowsAndReportsEveryProblemByRowAndField) {
  const auto res = upload(rows({
      row(elif, "Elif", "Kaya", "elif.kaya@ornek.edu.tr"), row("53304452939", "Elif", "Kaya"),  // checksum
      row(ayse, "Ayşe Gül", "Şahin"),                                                           // not staff here
      row(murat, "Murat", "Celik"),                           // not the registered name
      row(zeynep, "Zeynep", "Doğan", "zeynep@", "0532 111"),  // e-mail and phone
      row(elif, "Elif", "Kaya"),                              // the same person twice
  }));
  ASSERT_EQ(res.result(), http::status::ok) << res.body();
  const auto body = json_body(res);
  EXPECT_EQ(body.at("accepted").as_int64(), 1);
  EXPECT_EQ(body.at("created").as_int64(), 1);
  EXPECT_EQ(body.at("refused").as_int64(), 5);
  const auto& report = body.at("rows").as_array();
  const auto problems = [&](std::size_t i) {
    std::vector<std::string> out;
    for (const auto& e : report[i].at("errors").as_array()) {
      out.push_back(std::string(e.at("field").as_string()) + " " + std::string(e.at("code").as_string()));
      EXPECT_FALSE(e.at("message_tr").as_string().empty());
    }
    return out;
  };
  EXPECT_EQ(report[0].at("status").as_string(), "accepted");
  EXPECT_THAT(problems(1), ::testing::ElementsAre("requests[1].tckn checksum"));
  EXPECT_THAT(problems(2), ::testing::ElementsAre("requests[2].tckn not_staff"));
  EXPECT_THAT(problems(3), ::testing::ElementsAre("requests[3].last_name not_as_registered"));
  EXPECT_THAT(problems(4), ::testing::Contains(HasSubstr("requests[4].work_email ")));
  EXPECT_THAT(problems(4), ::testing::Contains(HasSubstr("requests[4].work_phone ")));
  EXPECT_THAT(problems(5), ::testing::ElementsAre("requests[5].tckn duplicate_person"));

  // One e-mail, to the work address, with a code in the documented form.
  const auto mails = email_.all();
  ASSERT_EQ(mails.size(), 1U);
  EXPECT_EQ(mails[0].to, "elif.kaya@ornek.edu.tr");
  EXPECT_EQ(mails[0].institution, institution);
  EXPECT_THAT(std::string(mails[0].access_code.reveal()),
              ::testing::MatchesRegex("[2-9A-HJKMNP-Z]{5}-[2-9A-HJKMNP-Z]{5}"));
}

TEST_F(InstitutionTest, TheSameListAgainCreatesNothing) {
  const std::string body = rows({row(elif, "Elif", "Kaya"), row(murat, "Murat", "Çelik")});
  const auto first = upload(body);
  const auto again = upload(body);
  ASSERT_EQ(again.result(), http::status::ok) << again.body();
  EXPECT_EQ(json_body(again).at("created").as_int64(), 0);
  EXPECT_EQ(json_body(again).at("accepted").as_int64(), 2);
  for (std::size_t i = 0; i < 2; ++i) {
    EXPECT_EQ(json_body(again).at("rows").at(i).at("request_id"), json_body(first).at("rows").at(i).at("request_id"));
    EXPECT_FALSE(json_body(again).at("rows").at(i).at("created").as_bool());
  }
  EXPECT_EQ(email_.all().size(), 2U);
}

TEST_F(InstitutionTest, OnlyTheInstitutionsOfficerMayUseItsOfficerRoutes) {
  const auto staff = login(elif);
  EXPECT_EQ(code_of(flow_->call(staff, http::verb::post, officer_base + "/requests", rows({}))), "not_officer");
  EXPECT_EQ(code_of(flow_->call(staff, http::verb::get, officer_base + "/list")), "not_officer");
  const auto unknown = flow_->call(officer_, http::verb::get, "/api/v1/officer/institutions/meb/list");
  EXPECT_EQ(code_of(unknown), "not_officer");
  EXPECT_EQ(flow_->call(officer_, http::verb::get, "/api/v1/officer/institutions/nowhere/list").result(),
            http::status::not_found);
  const auto mine = flow_->call(officer_, http::verb::get, "/api/v1/officer/institutions");
  ASSERT_EQ(json_body(mine).at("institutions").as_array().size(), 1U);
  EXPECT_EQ(json_body(mine).at("institutions").at(0).at("id").as_string(), institution);
  EXPECT_TRUE(json_body(flow_->call(staff, http::verb::get, "/api/v1/officer/institutions"))
                  .at("institutions")
                  .as_array()
                  .empty());
}

TEST_F(InstitutionTest, TheAccessCodeOpensThePrefilledFormOnceAndOnlyForItsPerson) {
  const auto codes = requested({{elif, "Elif Kaya"}});
  const auto someone_else = login(murat);
  const std::string body = R"({"access_code": ")" + codes.at(elif) + R"("})";
  EXPECT_EQ(code_of(flow_->call(someone_else, http::verb::post, "/api/v1/institution-access", body)),
            "access_code_invalid");
  const auto staff = login(elif);
  // Typed in lower case and without the hyphen, it still opens.
  std::string typed = codes.at(elif);
  typed.erase(5, 1);
  for (auto& c : typed) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  const auto opened =
      flow_->call(staff, http::verb::post, "/api/v1/institution-access", R"({"access_code": ")" + typed + R"("})");
  ASSERT_EQ(opened.result(), http::status::ok) << opened.body();
  const auto form = json_body(opened).at("form");
  EXPECT_EQ(form.at("identity").at("tckn").as_string(), elif);
  EXPECT_EQ(form.at("identity").at("email").as_string(), "personel@ornek.edu.tr");
  EXPECT_EQ(form.at("institution").at("id").as_string(), institution);
  EXPECT_EQ(form.at("institution").at("work_phone").as_string(), "+903122982000");

  // The person-paid menu still refuses the institution (step 9's notice).
  EXPECT_EQ(code_of(flow_->submit(staff, nes::test::demo_form(elif), key(), R"(["no_refund"])")), "institution_paid");
  const std::string k = key();
  const auto created = submit(staff, elif, codes.at(elif), k);
  ASSERT_EQ(created.result(), http::status::created) << created.body();
  EXPECT_EQ(json_body(created).at("status").as_string(), "otp_pending");
  // The same submission again is the same application; the code opens no other.
  const auto replay = submit(staff, elif, codes.at(elif), k);
  EXPECT_EQ(replay.result(), http::status::ok);
  EXPECT_EQ(json_body(replay).at("id"), json_body(created).at("id"));
  EXPECT_EQ(code_of(submit(staff, elif, codes.at(elif), key())), "access_code_invalid");
}

TEST_F(InstitutionTest, TheOfficerSignsTheListOnceAndTheInstitutionPaysTheInvoice) {
  const auto codes = requested({{elif, "Elif Kaya"}, {murat, "Murat Çelik"}, {zeynep, "Zeynep Doğan"}});
  const std::string first = applied_and_approved(elif, codes.at(elif));
  const std::string second = applied_and_approved(murat, codes.at(murat));

  const auto served = list();
  ASSERT_EQ(served.result(), http::status::ok) << served.body();
  EXPECT_THAT(served.body(), HasSubstr("Başvuru No: " + first));
  EXPECT_THAT(served.body(), HasSubstr("Başvuru No: " + second));
  const std::string version = version_of(served);
  EXPECT_EQ(version, nes::portal::crypto::hex_encode(std::string(
                         reinterpret_cast<const char*>(nes::portal::crypto::sha256(served.body()).data()), 32)));

  // Zeynep applies meanwhile: the list changes, and the old version is refused.
  const std::string third = applied_and_approved(zeynep, codes.at(zeynep));
  const auto stale = decide(version);
  ASSERT_EQ(stale.result(), http::status::conflict) << stale.body();
  EXPECT_EQ(code_of(stale), "list_changed");
  const std::string current(json_body(stale).at("current_version").as_string());
  EXPECT_EQ(current, version_of(list()));

  const auto decided =
      decide(current, R"([{"application_id": ")" + third + R"(", "reason": "Birim onayı bekleniyor"}])");
  ASSERT_EQ(decided.result(), http::status::created) << decided.body();
  const auto decision = json_body(decided);
  const std::string id(decision.at("id").as_string());
  const std::string document(decision.at("document").as_string());
  EXPECT_THAT(document, HasSubstr("- " + third + ": Birim onayı bekleniyor"));
  EXPECT_THAT(document, HasSubstr("Yetkili T.C. Kimlik No: " + std::string(hakan)));
  const std::int64_t total = decision.at("total_kurus").as_int64();
  EXPECT_EQ(total, 2 * nes::portal::FeeTable::demo().fee_for(3, false)->total.kurus());

  // Signed by a staff member's certificate: not an officer.
  EXPECT_EQ(code_of(sign(id, nes::test::sign_detached(certificate_of(elif), document))), "signer_not_officer");
  const std::string cms = nes::test::sign_detached(certificate_of(hakan), document);
  const auto signed_now = sign(id, cms);
  ASSERT_EQ(signed_now.result(), http::status::ok) << signed_now.body();
  EXPECT_EQ(json_body(signed_now).at("status").as_string(), "signed");
  EXPECT_EQ(status_of(first), "awaiting_institution_payment");
  EXPECT_EQ(status_of(second), "awaiting_institution_payment");
  EXPECT_EQ(status_of(third), "awaiting_institution");

  // The same signature again: the first answer. Another one: refused.
  const auto again = sign(id, cms);
  EXPECT_EQ(again.result(), http::status::ok);
  EXPECT_EQ(json_body(again).at("signed_at"), json_body(signed_now).at("signed_at"));
  EXPECT_EQ(code_of(sign(id, nes::test::sign_detached(certificate_of(hakan), document))), "decision_already_signed");
  // The left-out row waits on the next list, with its reason.
  EXPECT_THAT(list().body(), HasSubstr("Önceki Listeden Çıkarılma Nedeni: Birim onayı bekleniyor"));

  // The institution pays the invoice, not each application.
  EXPECT_EQ(code_of(admin("/admin/v1/applications/" + first + "/transitions",
                          R"({"event": "payment_recorded", "amount_kurus": 1})")),
            "paid_by_invoice");
  EXPECT_EQ(code_of(admin("/admin/v1/invoices/" + id + "/payment", R"({"amount_kurus": 1})")),
            "payment_amount_mismatch");
  const auto paid =
      admin("/admin/v1/invoices/" + id + "/payment", R"({"amount_kurus": )" + std::to_string(total) + "}");
  ASSERT_EQ(paid.result(), http::status::ok) << paid.body();
  EXPECT_EQ(status_of(first), "paid");
  EXPECT_EQ(status_of(second), "paid");
  EXPECT_EQ(status_of(third), "awaiting_institution");
}

TEST_F(InstitutionTest, ADecisionThatApprovesNothingOrNamesAnotherRowIsRefused) {
  const auto codes = requested({{elif, "Elif Kaya"}});
  const std::string only = applied_and_approved(elif, codes.at(elif));
  const std::string version = version_of(list());
  EXPECT_EQ(code_of(decide(version, R"([{"application_id": ")" + only + R"(", "reason": "Eksik belge"}])")),
            "nothing_to_sign");
  const auto unknown = decide(version, R"([{"application_id": "app_NOTONIT", "reason": "x"}])");
  EXPECT_EQ(code_of(unknown), "invalid_request");
  EXPECT_EQ(json_body(unknown).at("errors").at(0).at("field").as_string(), "excluded[0].application_id");
  const auto blank = decide(version, R"([{"application_id": ")" + only + R"(", "reason": " "}])");
  EXPECT_EQ(json_body(blank).at("errors").at(0).at("field").as_string(), "excluded[0].reason");
}

TEST_F(InstitutionTest, AWetSignedFormJoinsTheListWhenItArrives) {
  const auto codes = requested({{elif, "Elif Kaya"}});
  const auto staff = login(elif);
  const auto created = submit(staff, elif, codes.at(elif), key());
  const std::string id(json_body(created).at("id").as_string());
  flow_->call(staff, http::verb::post, "/api/v1/applications/" + id + "/otp/verify",
              R"({"code": ")" + sms_.code_for(id) + R"("})");
  const auto wet = flow_->call(staff, http::verb::post, "/api/v1/applications/" + id + "/approval/wet-signature");
  EXPECT_EQ(json_body(wet).at("status").as_string(), "awaiting_wet_form");
  EXPECT_THAT(list().body(), ::testing::Not(HasSubstr(id)));
  const auto received = admin("/admin/v1/applications/" + id + "/transitions", R"({"event": "wet_form_received"})");
  EXPECT_EQ(json_body(received).at("status").as_string(), "awaiting_institution");
  EXPECT_THAT(list().body(), HasSubstr("Onay: ıslak imza (form alındı)"));
}

}  // namespace
