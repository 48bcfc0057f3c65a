// Steps 10–12 and after: submission with Idempotency-Key, the SMS code,
// approval by e-imza and by wet signature, Başvurularım, the admin API and
// debt inquiry, over TLS against the in-process portal.

#include "applicant_fixture.hpp"

#include "portal/approval/signature_time_stamp_check.hpp"
#include "portal/crypto/encoding.hpp"
#include "portal/crypto/openssl_ptr.hpp"
#include "portal/fee_table.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <boost/json/serialize.hpp>

#include <algorithm>
#include <ctime>
#include <mutex>
#include <thread>

namespace {

using nes::test::code_of;
using nes::test::json_body;
using nes::test::key;
using nes::test::LoggedIn;
using nes::test::PortalAddress;
using nes::test::PortalFlow;
using nes::test::Response;
using ::testing::HasSubstr;
namespace http = boost::beast::http;
namespace pki = nes::portal::pki;

constexpr const char* ayse = "10000000146";
constexpr const char* ismail = "62601815964";
constexpr const char* cagla = "18301661332";
constexpr const char* oguz = "70308246202";

// The demo forms ask for 3 years without a card reader.
const nes::Fee demo_fee = nes::portal::FeeTable::demo().fee_for(3, false).value();

class ApplicationTest : public nes::test::ApplicantFixture {};

TEST_F(ApplicationTest, ASubmissionCreatesTheApplicationAndSendsTheCode) {
  const auto who = login(ayse);
  const auto res = flow_->submit(who, nes::test::demo_form(ayse), key());
  ASSERT_EQ(res.result(), http::status::created) << res.body();
  const auto body = json_body(res);
  const std::string id(body.at("id").as_string());
  EXPECT_THAT(id, ::testing::MatchesRegex("app_[0-9A-Z]{8}"));
  EXPECT_EQ(res[http::field::location], "/api/v1/applications/" + id);
  EXPECT_EQ(body.at("status").as_string(), "otp_pending");
  EXPECT_EQ(body.at("fee").at("net").as_int64(), demo_fee.net.kurus());
  EXPECT_EQ(body.at("fee").at("total").as_int64(), demo_fee.total.kurus());
  const auto& otp = body.at("otp");
  EXPECT_EQ(otp.at("phone_masked").as_string(), "*** *** 45 67");
  EXPECT_EQ(otp.at("tries_left").as_int64(), 3);
  EXPECT_GE(otp.at("seconds_left").as_int64(), 178);
  EXPECT_FALSE(otp.at("locked").as_bool());
  // The stored form is the normalised one.
  EXPECT_EQ(body.at("form").at("identity").at("mobile_phone").as_string(), "+905321234567");
  const std::string code = inbox_.code_for(id);
  EXPECT_THAT(code, ::testing::MatchesRegex("[0-9]{6}"));
}

TEST_F(ApplicationTest, TheSameKeyAndBodyGiveTheSameApplicationOnce) {
  const auto who = login(ayse);
  const std::string k = key();
  const auto first = flow_->submit(who, nes::test::demo_form(ayse), k);
  ASSERT_EQ(first.result(), http::status::created);
  const auto replay = flow_->submit(who, nes::test::demo_form(ayse), k);
  ASSERT_EQ(replay.result(), http::status::ok);
  const std::string id(json_body(first).at("id").as_string());
  EXPECT_EQ(json_body(replay).at("id").as_string(), id);
  EXPECT_EQ(inbox_.count(id), 1);  // a replay sends no second code

  auto other_body = nes::test::demo_form(ayse);
  other_body.replace(other_body.find("\"validity_years\": 3"), 19, "\"validity_years\": 2");
  const auto reused = flow_->submit(who, other_body, k);
  EXPECT_EQ(reused.result(), http::status::unprocessable_entity);
  EXPECT_EQ(code_of(reused), "idempotency_key_reused");

  const auto duplicate = flow_->submit(who, nes::test::demo_form(ayse), key());
  EXPECT_EQ(duplicate.result(), http::status::conflict);
  EXPECT_EQ(code_of(duplicate), "duplicate_application");
  EXPECT_EQ(json_body(duplicate).at("application_id").as_string(), id);

  const auto mine = flow_->call(who, http::verb::get, "/api/v1/applications");
  EXPECT_EQ(json_body(mine).at("applications").as_array().size(), 1U);
}

TEST_F(ApplicationTest, EveryFormProblemComesBackWithTheValidatorsPathsAndCodes) {
  const auto who = login(ayse);
  auto form = nes::test::demo_form(ayse);
  form.replace(form.find("10000000146"), 11, "10000000147");
  form.replace(form.find("\"Ankara\""), 8, "\"Ankaraa\"");
  form.replace(form.find("0312 298 20 00"), 14, "");
  const auto res = flow_->submit(who, form, key());
  ASSERT_EQ(res.result(), http::status::unprocessable_entity) << res.body();
  const auto body = json_body(res);
  EXPECT_EQ(body.at("code").as_string(), "invalid_form");
  std::vector<std::string> problems;
  for (const auto& e : body.at("errors").as_array()) {
    problems.push_back(std::string(e.at("field").as_string()) + ":" + std::string(e.at("code").as_string()));
    EXPECT_FALSE(e.at("message_tr").as_string().empty());
  }
  EXPECT_THAT(problems, ::testing::UnorderedElementsAre("identity.tckn:checksum", "delivery.province:unknown_province",
                                                        "institution.work_phone:required"));
  EXPECT_THAT(res.body(), ::testing::Not(HasSubstr("10000000147")));  // values are never echoed
}

TEST_F(ApplicationTest, ARepeatedMemberAtAnyDepthIsRefusedNotResolvedToTheLast) {
  const auto who = login(ayse);
  const std::string form = nes::test::demo_form(ayse);
  auto with = [&](std::string_view after, std::string_view insert) {
    std::string body = form;
    body.insert(body.find(after) + after.size(), insert);
    return body;
  };
  struct Case {
    std::string body;
    std::string field;
  };
  const std::vector<Case> cases = {
      // Inside `form`: the name the portal would otherwise keep is the last one.
      {R"({"form": )" + with(R"("identity": {)", R"("first_name": "Mallory", )") + R"(, "acknowledged_notices": []})",
       "form.identity.first_name"},
      {R"({"form": )" + with(R"("delivery": {)", R"("postal_code": "06100", )") + R"(, "acknowledged_notices": []})",
       "form.delivery.postal_code"},
      {R"({"form": )" + with(R"({"certificate": {)", R"("validity_years": 1, )") + R"(, "acknowledged_notices": []})",
       "form.certificate.validity_years"},
      // At the top of the body.
      {R"({"form": )" + form + R"(, "acknowledged_notices": [], "acknowledged_notices": ["x"]})",
       "acknowledged_notices"},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.field);
    const auto res = flow_->call(who, http::verb::post, "/api/v1/applications", c.body, "application/json",
                                 {{"Idempotency-Key", key()}});
    ASSERT_EQ(res.result(), http::status::bad_request) << res.body();
    const auto body = json_body(res);
    EXPECT_EQ(body.at("code").as_string(), "invalid_request");
    const auto& errors = body.at("errors").as_array();
    ASSERT_EQ(errors.size(), 1U) << res.body();
    EXPECT_EQ(errors[0].at("field").as_string(), c.field);
    EXPECT_EQ(errors[0].at("code").as_string(), "duplicate_field");
  }
  const auto mine = flow_->call(who, http::verb::get, "/api/v1/applications");
  EXPECT_TRUE(json_body(mine).at("applications").as_array().empty());  // nothing was created
}

TEST_F(ApplicationTest, TheNameMustBeTheIdentityRecordsTurkishCaseAside) {
  const auto who = login(ayse);  // registered as Ayşe Gül Şahin
  auto with_name = [&](std::string_view first, std::string_view last) {
    auto form = nes::test::demo_form(ayse);
    form.replace(form.find("Ayşe Gül"), std::string_view("Ayşe Gül").size(), first);
    form.replace(form.find("Şahin"), std::string_view("Şahin").size(), last);
    return form;
  };
  const auto other = flow_->submit(who, with_name("Mallory", "Şahin"), key());
  ASSERT_EQ(other.result(), http::status::unprocessable_entity) << other.body();
  EXPECT_EQ(code_of(other), "name_not_as_registered");
  const auto problem = json_body(other);
  const auto& errors = problem.at("errors").as_array();
  ASSERT_EQ(errors.size(), 1U);
  EXPECT_EQ(errors[0].at("field").as_string(), "identity.first_name");
  EXPECT_EQ(errors[0].at("code").as_string(), "not_as_registered");
  EXPECT_THAT(other.body(), ::testing::Not(HasSubstr("Ayşe")));  // the record is never echoed
  // "Sahin" is another name than "Şahin": letters are not folded to ASCII.
  EXPECT_EQ(code_of(flow_->submit(who, with_name("Ayşe Gül", "Sahin"), key())), "name_not_as_registered");
  EXPECT_EQ(code_of(flow_->submit(who, with_name("Ayse Gul", "Şahin"), key())), "name_not_as_registered");
  // As MERNİS writes it, in capitals: the same name.
  const auto capitals = flow_->submit(who, with_name("AYŞE GÜL", "ŞAHİN"), key());
  EXPECT_EQ(capitals.result(), http::status::created) << capitals.body();
}

TEST_F(ApplicationTest, StaffPhoneNoticesAndIdentityAreEnforced) {
  const auto who = login(oguz);
  const auto not_staff = flow_->submit(who, nes::test::demo_form(oguz), key());
  EXPECT_EQ(not_staff.result(), http::status::forbidden);
  EXPECT_EQ(code_of(not_staff), "not_staff");

  const auto ayse_in = login(ayse);
  auto wrong_phone = nes::test::demo_form(ayse);
  wrong_phone.replace(wrong_phone.find("0532 123 45 67"), 14, "0532 123 45 68");
  const auto phone = flow_->submit(ayse_in, wrong_phone, key());
  EXPECT_EQ(phone.result(), http::status::unprocessable_entity);
  EXPECT_EQ(code_of(phone), "phone_not_registered");

  const auto notices = flow_->submit(ayse_in, nes::test::demo_form(ayse), key(), R"(["no_refund"])");
  EXPECT_EQ(notices.result(), http::status::unprocessable_entity);
  EXPECT_EQ(code_of(notices), "notices_not_acknowledged");
  EXPECT_THAT(std::string(json_body(notices).at("detail").as_string()), HasSubstr("institution_paid"));

  const auto someone_else = flow_->submit(ayse_in, nes::test::demo_form(cagla), key());
  EXPECT_EQ(someone_else.result(), http::status::forbidden);
  EXPECT_EQ(code_of(someone_else), "not_applicant");

  const auto no_key = flow_->call(ayse_in, http::verb::post, "/api/v1/applications",
                                  R"({"form": )" + nes::test::demo_form(ayse) + R"(, "acknowledged_notices": []})");
  EXPECT_EQ(no_key.result(), http::status::bad_request);
  EXPECT_THAT(std::string(json_body(no_key).at("title").as_string()), HasSubstr("Idempotency-Key"));

  const auto mine = flow_->call(ayse_in, http::verb::get, "/api/v1/applications");
  EXPECT_TRUE(json_body(mine).at("applications").as_array().empty());  // nothing was created
}

TEST_F(ApplicationTest, WrongCodesCostTriesAndTheLastOneLocks) {
  const auto who = login(ayse);
  const std::string id(submitted(who, ayse).at("id").as_string());
  const std::string right = inbox_.code_for(id);
  const std::string wrong = right == "000000" ? "111111" : "000000";
  const auto first = verify(who, id, wrong);
  EXPECT_EQ(first.result(), http::status::unprocessable_entity);
  EXPECT_EQ(code_of(first), "otp_invalid");
  EXPECT_EQ(json_body(first).at("tries_left").as_int64(), 2);
  EXPECT_EQ(json_body(verify(who, id, wrong)).at("tries_left").as_int64(), 1);
  const auto third = verify(who, id, wrong);
  EXPECT_EQ(third.result(), http::status::locked);
  EXPECT_EQ(code_of(third), "otp_locked");
  const auto then_right = verify(who, id, right);  // too late: locked
  EXPECT_EQ(then_right.result(), http::status::locked);
  const auto malformed = verify(who, id, "12ab56");
  EXPECT_EQ(malformed.result(), http::status::bad_request);

  const auto early = flow_->call(who, http::verb::post, "/api/v1/applications/" + id + "/otp/resend");
  EXPECT_EQ(early.result(), http::status::too_many_requests);
  EXPECT_EQ(code_of(early), "otp_resend_too_early");
  const auto wait = std::stoi(std::string(early[http::field::retry_after]));
  EXPECT_GE(wait, 59);
  EXPECT_LE(wait, 60);
}

// Concurrent wrong tries on one code spend exactly the tries it has: each
// verify is one transaction.
TEST_F(ApplicationTest, ConcurrentWrongTriesNeverSpendMoreThanTheCodeHas) {
  const auto who = login(ayse);
  const std::string id(submitted(who, ayse).at("id").as_string());
  const std::string wrong = inbox_.code_for(id) == "000000" ? "111111" : "000000";
  std::mutex mutex;
  std::vector<std::string> outcomes;
  std::vector<std::thread> threads;
  for (int i = 0; i < 8; ++i) {
    threads.emplace_back([&] {
      PortalFlow flow(PortalAddress::of(*portal_));
      const auto res = flow.call(who, http::verb::post, "/api/v1/applications/" + id + "/otp/verify",
                                 R"({"code": ")" + wrong + R"("})");
      const std::lock_guard lock(mutex);
      outcomes.push_back(code_of(res) + (code_of(res) == "otp_invalid"
                                             ? std::to_string(json_body(res).at("tries_left").as_int64())
                                             : std::string()));
    });
  }
  for (auto& t : threads) t.join();
  std::sort(outcomes.begin(), outcomes.end());
  EXPECT_THAT(outcomes, ::testing::ElementsAre("otp_invalid1", "otp_invalid2", "otp_locked", "otp_locked", "otp_locked",
                                               "otp_locked", "otp_locked", "otp_locked"));
}

TEST_F(ApplicationTest, AResentCodeReplacesTheOldOneAndAnExpiredCodeIsGone) {
  start({.otp = {.valid_seconds = 1, .resend_after_seconds = 0}});
  const auto who = login(ayse);
  const std::string id(submitted(who, ayse).at("id").as_string());
  const std::string old_code = inbox_.code_for(id);
  std::this_thread::sleep_for(std::chrono::milliseconds(1100));
  const auto expired = verify(who, id, old_code);
  EXPECT_EQ(expired.result(), http::status::gone);
  EXPECT_EQ(code_of(expired), "otp_expired");
  const auto resent = flow_->call(who, http::verb::post, "/api/v1/applications/" + id + "/otp/resend");
  ASSERT_EQ(resent.result(), http::status::accepted) << resent.body();
  EXPECT_EQ(json_body(resent).at("tries_left").as_int64(), 3);
  EXPECT_EQ(inbox_.count(id), 2);
  const auto res = verify(who, id, inbox_.code_for(id));
  ASSERT_EQ(res.result(), http::status::ok) << res.body();
  EXPECT_EQ(json_body(res).at("status").as_string(), "awaiting_approval");
}

TEST_F(ApplicationTest, TheDocumentToSignIsServedWithItsDigest) {
  const auto who = login(ayse);
  const std::string id = verified(who, ayse);
  const auto doc = flow_->call(who, http::verb::get, "/api/v1/applications/" + id + "/approval/document");
  ASSERT_EQ(doc.result(), http::status::ok);
  EXPECT_EQ(doc[http::field::content_type], "text/plain; charset=utf-8");
  const auto digest = nes::portal::crypto::base64_encode(nes::portal::crypto::sha256(doc.body()));
  EXPECT_EQ(doc["Repr-Digest"], "sha-256=:" + digest + ":");
  EXPECT_THAT(doc.body(), HasSubstr("Başvuru No: " + id));
  EXPECT_THAT(doc.body(), HasSubstr("T.C. Kimlik No: 10000000146"));
  EXPECT_THAT(doc.body(), HasSubstr("Ad: Ayşe Gül"));
  EXPECT_THAT(doc.body(), HasSubstr("Kurum Adı: T.C. Yükseköğretim Kurulu (Akademik Personel)"));
  EXPECT_THAT(doc.body(), HasSubstr("Ödenecek Tutar (KDV Dahil): " + demo_fee.total.format_tr()));
  EXPECT_THAT(doc.body(), HasSubstr("NES TAAHHÜTNAMESİ"));
  // The same bytes every time.
  EXPECT_EQ(flow_->call(who, http::verb::get, "/api/v1/applications/" + id + "/approval/document").body(), doc.body());
}

TEST_F(ApplicationTest, AnESignatureOverTheDocumentByTheApplicantSubmitsTheApplication) {
  const auto who = login(ayse);
  const std::string id = verified(who, ayse);
  const auto doc = flow_->call(who, http::verb::get, "/api/v1/applications/" + id + "/approval/document").body();
  for (const auto key_type : {pki::KeyType::ec_p256, pki::KeyType::rsa_2048}) {
    SCOPED_TRACE(key_type == pki::KeyType::ec_p256 ? "ECDSA P-256" : "RSA 2048");
    const auto signer = applicant_certificate(ayse, {.key_type = key_type});
    const auto tampered = approve_by_e_signature(who, id, nes::test::sign_detached(signer, doc + " "));
    EXPECT_EQ(tampered.result(), http::status::unprocessable_entity);
    EXPECT_EQ(code_of(tampered), "signature_invalid");
  }
  const auto res = approve_by_e_signature(who, id, nes::test::sign_detached(applicant_certificate(ayse), doc));
  ASSERT_EQ(res.result(), http::status::ok) << res.body();
  EXPECT_EQ(json_body(res).at("status").as_string(), "submitted");
  EXPECT_EQ(json_body(res).at("approval").as_string(), "e_signature");
  // Approved once: a second signature is out of place.
  const auto again = approve_by_e_signature(who, id, nes::test::sign_detached(applicant_certificate(ayse), doc));
  EXPECT_EQ(again.result(), http::status::conflict);
  EXPECT_EQ(code_of(again), "invalid_transition");
}

TEST_F(ApplicationTest, EachSignerProblemHasItsOwnCode) {
  const auto who = login(ayse);
  const std::string id = verified(who, ayse);
  const auto doc = flow_->call(who, http::verb::get, "/api/v1/applications/" + id + "/approval/document").body();
  const auto stranger_ca = pki::make_ca({.common_name = "SOMEONE ELSE CA", .certificate_authority = true});
  struct Case {
    const char* expected;
    pki::Credential signer;
  };
  const std::vector<Case> cases = {
      {"signer_untrusted",
       pki::issue(stranger_ca, {.common_name = "X", .subject_serial_number = ayse, .non_repudiation = true})},
      {"signer_not_applicant", applicant_certificate(ismail)},
      {"signer_not_non_repudiation", applicant_certificate(ayse, {.digital_signature = true})},
      {"signer_not_qualified",
       pki::issue(esign_ca_, {.common_name = "TEST", .subject_serial_number = ayse, .non_repudiation = true})},
      {"signer_certificate_expired",
       applicant_certificate(ayse, {.not_before = std::chrono::hours(-48), .not_after = std::chrono::hours(-24)})},
  };
  for (const auto& c : cases) {
    const auto res = approve_by_e_signature(who, id, nes::test::sign_detached(c.signer, doc));
    EXPECT_EQ(res.result(), http::status::unprocessable_entity) << c.expected;
    EXPECT_EQ(code_of(res), c.expected);
  }
  // A plain CMS (`openssl cms -sign`) is not CAdES.
  const auto plain = approve_by_e_signature(who, id, nes::test::sign_plain_cms(applicant_certificate(ayse), doc));
  EXPECT_EQ(code_of(plain), "signing_certificate_missing");
  const auto garbage = approve_by_e_signature(who, id, "not a CMS");
  EXPECT_EQ(code_of(garbage), "signature_invalid");
  const auto wrong_type = flow_->call(who, http::verb::post, "/api/v1/applications/" + id + "/approval/e-signature",
                                      "x", "application/octet-stream");
  EXPECT_EQ(wrong_type.result(), http::status::unsupported_media_type);
}

TEST_F(ApplicationTest, EachCadesAndProfileProblemHasItsOwnCode) {
  using Options = nes::test::CadesOptions;
  const auto who = login(ayse);
  const std::string id = verified(who, ayse);
  const auto doc = flow_->call(who, http::verb::get, "/api/v1/applications/" + id + "/approval/document").body();
  const auto signer = applicant_certificate(ayse);
  const auto other = applicant_certificate(ayse);  // the same person's other certificate
  const std::time_t now = std::time(nullptr);
  auto policy_with = [](auto change) {
    auto policy = nes::test::demo_policy();
    change(policy);
    return policy;
  };
  struct Case {
    const char* expected;
    const char* detail;
    Options options;
  };
  const std::vector<Case> cases = {
      {"signing_certificate_missing", "SHA-1", {.ess = Options::Ess::v1_only}},
      {"signing_certificate_missing", "no ESS", {.ess = Options::Ess::none}},
      {"signing_certificate_mismatch",
       "does not name",
       {.ess = Options::Ess::v2_of_another_certificate, .ess_certificate = &other}},
      {"signing_time_missing", "no signing-time", {.omit_signing_time = true}},
      {"signing_time_implausible", "future", {.signing_time = now + 3600}},
      {"signing_time_implausible", "before the application", {.signing_time = now - 3600}},
      {"signature_policy_missing", "P2", {.policy = std::nullopt}},
      {"signature_policy_mismatch", "implied", {.implied_policy = true}},
      {"signature_policy_mismatch", "5070.3.3.1", {.policy = policy_with([](auto& p) {
                                                     p.oid = "2.16.792.1.61.0.1.5070.3.3.1";
                                                   })}},
      {"signature_policy_mismatch",
       "SHA-256 of the policy document",
       {.policy = policy_with([](auto& p) { p.digest[0] = static_cast<char>(p.digest[0] ^ 1); })}},
      {"signature_policy_mismatch", "SHA-256 of the policy document", {.policy = policy_with([](auto& p) {
                                                                         p.digest_algorithm = "1.3.14.3.2.26";
                                                                       })}},
      {"commitment_type_missing", "no commitment", {.commitment = std::nullopt}},
      {"commitment_type_missing", "1.2.840.113549.1.9.16.6.1", {.commitment = "1.2.840.113549.1.9.16.6.1"}},
      {"signature_invalid", "more than once", {.commitment_copies = 2}},
      {"signature_time_stamp_missing", "CAdES-T", {.stamp = Options::Stamp::none}},
      {"signature_time_stamp_invalid", "over the signature value", {.stamp = Options::Stamp::over_other_bytes}},
      {"signature_time_stamp_invalid", "trusted TSA", {.stamp = Options::Stamp::untrusted}},
      {"signature_time_stamp_invalid", "in the future", {.stamped_at = now + 3600}},
      {"signing_time_implausible", "after the time stamp", {.stamped_at = now - 600}},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.detail);
    const auto res = approve_by_e_signature(who, id, nes::test::sign_detached(signer, doc, c.options));
    EXPECT_EQ(res.result(), http::status::unprocessable_entity) << res.body();
    EXPECT_EQ(code_of(res), c.expected) << res.body();
    EXPECT_THAT(std::string(json_body(res).at("detail").as_string()), HasSubstr(c.detail));
  }
  // Nothing was approved by any of them; the right signature still is.
  const auto res = approve_by_e_signature(who, id, nes::test::sign_detached(signer, doc));
  ASSERT_EQ(res.result(), http::status::ok) << res.body();
}

// The three hours of BTK's profiles between the signing time and the time
// stamp, on the check itself: the portal's window cannot hold such a gap.
TEST(SignatureTimeStamp, AStampMoreThanThreeHoursAfterTheSigningTimeIsLate) {
  namespace approval = nes::portal::approval;
  const auto ca = pki::make_ca({.common_name = "LATE TEST CA", .certificate_authority = true});
  const auto signer = pki::issue(ca, {.common_name = "LATE", .non_repudiation = true, .qualified_nes = true});
  const std::time_t now = std::time(nullptr);
  X509_STORE* anchors = X509_STORE_new();
  const auto ca_bio = nes::portal::crypto::BioPtr(BIO_new_mem_buf(nes::test::test_tsa_ca_pem().data(), -1));
  X509* tsa_ca = PEM_read_bio_X509(ca_bio.get(), nullptr, nullptr, nullptr);
  X509_STORE_add_cert(anchors, tsa_ca);
  X509_free(tsa_ca);
  for (const auto& [signed_at, expected] : {std::pair{now - 3 * 3600 - 60, approval::TimeStampCheck::late},
                                            std::pair{now - 3 * 3600 + 60, approval::TimeStampCheck::valid}}) {
    const auto der = nes::test::sign_detached(signer, "doc", {.signing_time = signed_at, .stamped_at = now});
    const auto* in = reinterpret_cast<const unsigned char*>(der.data());
    const nes::portal::crypto::CmsPtr cms(d2i_CMS_ContentInfo(nullptr, &in, static_cast<long>(der.size())));
    ASSERT_TRUE(cms);
    std::string why;
    const approval::TimeStampWindow window{signed_at, static_cast<std::int64_t>(now) * 1000};
    EXPECT_EQ(approval::check_signature_time_stamp(sk_CMS_SignerInfo_value(CMS_get0_SignerInfos(cms.get()), 0), anchors,
                                                   window, why),
              expected)
        << why;
  }
  X509_STORE_free(anchors);
}

TEST_F(ApplicationTest, ACertificateExpiredAtTheSigningTimeIsRefusedAsExpired) {
  const auto who = login(ayse);
  const std::string id = verified(who, ayse);
  const auto doc = flow_->call(who, http::verb::get, "/api/v1/applications/" + id + "/approval/document").body();
  // Valid until a minute ago, the signing time now: expired when signed,
  // though a chain check with time checks off would pass it.
  const auto lapsed =
      applicant_certificate(ayse, {.not_before = std::chrono::hours(-24), .not_after = std::chrono::minutes(-1)});
  const auto res = approve_by_e_signature(who, id, nes::test::sign_detached(lapsed, doc));
  EXPECT_EQ(code_of(res), "signer_certificate_expired") << res.body();
  EXPECT_THAT(std::string(json_body(res).at("detail").as_string()), HasSubstr("at the signing time"));
}

TEST_F(ApplicationTest, TheWetRouteWaitsForTheFormThenPaymentAndProductionFollow) {
  const auto who = login(ayse);
  const std::string id = verified(who, ayse);
  const auto wet = flow_->call(who, http::verb::post, "/api/v1/applications/" + id + "/approval/wet-signature");
  ASSERT_EQ(wet.result(), http::status::ok) << wet.body();
  EXPECT_EQ(json_body(wet).at("status").as_string(), "awaiting_wet_form");
  EXPECT_EQ(json_body(wet).at("postal_address").as_string(), "TÜBİTAK Gebze Yerleşkesi, P.K. 74, 41470 Gebze/Kocaeli");

  // Payment only once the form is in.
  const std::string total = std::to_string(demo_fee.total.kurus());
  const std::string pay = R"({"event": "payment_recorded", "amount_kurus": )" + total + "}";
  EXPECT_EQ(transition(id, pay).result(), http::status::conflict);
  ASSERT_EQ(transition(id, R"({"event": "wet_form_received"})").result(), http::status::ok);

  const auto debt = flow_->portal().request(http::verb::post, "/api/v1/debt-inquiries", R"({"tckn": "10000000146"})");
  ASSERT_EQ(debt.result(), http::status::ok) << debt.body();
  EXPECT_EQ(json_body(debt).at("total").as_int64(), demo_fee.total.kurus());
  EXPECT_EQ(json_body(debt).at("tckn_masked").as_string(), "*********46");
  EXPECT_EQ(json_body(debt).at("debts").at(0).at("description").as_string(), "NES 3 yıl");

  const auto short_paid = transition(
      id, R"({"event": "payment_recorded", "amount_kurus": )" + std::to_string(demo_fee.total.kurus() - 1) + "}");
  EXPECT_EQ(short_paid.result(), http::status::unprocessable_entity);
  EXPECT_EQ(code_of(short_paid), "payment_amount_mismatch");
  ASSERT_EQ(transition(id, pay).result(), http::status::ok);
  const auto cancel = flow_->call(who, http::verb::post, "/api/v1/applications/" + id + "/cancel");
  EXPECT_EQ(cancel.result(), http::status::conflict);  // no refund after payment
  for (const char* event : {"production_started", "shipped", "completed"}) {
    const auto res = transition(id, std::string(R"({"event": ")") + event + "\"}");
    ASSERT_EQ(res.result(), http::status::ok) << event << res.body();
  }
  const auto mine = flow_->call(who, http::verb::get, "/api/v1/applications/" + id);
  EXPECT_EQ(json_body(mine).at("status").as_string(), "completed");
  const auto no_debt =
      flow_->portal().request(http::verb::post, "/api/v1/debt-inquiries", R"({"tckn": "10000000146"})");
  EXPECT_EQ(json_body(no_debt).at("total").as_int64(), 0);
}

TEST_F(ApplicationTest, CancelledApplicationsMakeRoomForANewOne) {
  const auto who = login(cagla);
  const std::string id(submitted(who, cagla).at("id").as_string());
  const auto cancelled = flow_->call(who, http::verb::post, "/api/v1/applications/" + id + "/cancel");
  ASSERT_EQ(cancelled.result(), http::status::ok);
  EXPECT_EQ(json_body(cancelled).at("status").as_string(), "cancelled");
  const auto verify_after = verify(who, id, inbox_.code_for(id));
  EXPECT_EQ(verify_after.result(), http::status::conflict);
  const std::string second(submitted(who, cagla).at("id").as_string());
  const auto mine = json_body(flow_->call(who, http::verb::get, "/api/v1/applications")).at("applications");
  ASSERT_EQ(mine.as_array().size(), 2U);
  EXPECT_EQ(mine.at(0).at("id").as_string(), second);  // newest first
}

TEST_F(ApplicationTest, ApplicationsAreTheirOwnersOnly) {
  const auto ayse_in = login(ayse);
  const std::string id(submitted(ayse_in, ayse).at("id").as_string());
  const auto ismail_in = login(ismail);
  const auto res = flow_->call(ismail_in, http::verb::get, "/api/v1/applications/" + id);
  EXPECT_EQ(res.result(), http::status::not_found);
  const auto cancel = flow_->call(ismail_in, http::verb::post, "/api/v1/applications/" + id + "/cancel");
  EXPECT_EQ(cancel.result(), http::status::not_found);
}

TEST_F(ApplicationTest, TheAdminApiNeedsItsTokenAndKeepsToTheLifecycle) {
  const auto who = login(ayse);
  const std::string id(submitted(who, ayse).at("id").as_string());
  const auto no_token = flow_->portal().request(http::verb::get, "/admin/v1/applications");
  EXPECT_EQ(no_token.result(), http::status::unauthorized);
  const auto listed = admin(http::verb::get, "/admin/v1/applications?status=otp_pending&tckn=10000000146");
  ASSERT_EQ(listed.result(), http::status::ok) << listed.body();
  EXPECT_EQ(json_body(listed).at("applications").at(0).at("id").as_string(), id);
  const auto skip = transition(id, R"({"event": "shipped"})");
  EXPECT_EQ(skip.result(), http::status::conflict);
  EXPECT_EQ(code_of(skip), "invalid_transition");
  const auto applicants_event = transition(id, R"({"event": "otp_verified"})");
  EXPECT_EQ(applicants_event.result(), http::status::bad_request);
  EXPECT_EQ(transition("app_00000000", R"({"event": "expired"})").result(), http::status::not_found);
  const auto expired = transition(id, R"({"event": "expired", "reason": "six months"})");
  EXPECT_EQ(json_body(expired).at("status").as_string(), "expired");
}

TEST(AdminApi, IsOffWithoutAToken) {
  nes::portal::ReferencePortal portal;
  ASSERT_FALSE(portal.start());
  PortalFlow flow(PortalAddress::of(portal));
  const auto res = flow.portal().request(http::verb::get, "/admin/v1/applications", {}, {},
                                         {{http::field::authorization, "Bearer anything"}});
  EXPECT_EQ(res.result(), http::status::not_found);
}

TEST_F(ApplicationTest, DebtInquiryChecksTheNumber) {
  const auto res = flow_->portal().request(http::verb::post, "/api/v1/debt-inquiries", R"({"tckn": "10000000147"})");
  EXPECT_EQ(res.result(), http::status::unprocessable_entity);
  EXPECT_EQ(json_body(res).at("errors").at(0).at("field").as_string(), "tckn");
  EXPECT_EQ(json_body(res).at("errors").at(0).at("code").as_string(), "checksum");
}

}  // namespace

namespace {

// State lives in the data directory: a restart keeps applications, sessions
// and SMS code state.
TEST(Persistence, ARestartedPortalContinuesTheFlow) {
  const auto dir = std::filesystem::temp_directory_path() / ("nes-portal-restart-" + key());
  nes::test::SmsInbox inbox;
  nes::portal::PortalOptions options{.data_directory = dir, .sms_sink = inbox.sink()};
  auto first = std::make_unique<nes::portal::ReferencePortal>(options);
  ASSERT_FALSE(first->start());
  PortalFlow flow(PortalAddress::of(*first));
  const auto who = flow.login(ayse, nes::test::demo_password(ayse));
  const auto created = flow.submit(who, nes::test::demo_form(ayse), key());
  const std::string id(json_body(created).at("id").as_string());
  const std::string code = inbox.code_for(id);
  first.reset();

  nes::portal::ReferencePortal second(options);
  ASSERT_FALSE(second.start());
  PortalFlow again(PortalAddress::of(second));
  const auto res =
      again.call(who, http::verb::post, "/api/v1/applications/" + id + "/otp/verify", R"({"code": ")" + code + R"("})");
  EXPECT_EQ(res.result(), http::status::ok) << res.body();
  EXPECT_EQ(json_body(res).at("status").as_string(), "awaiting_approval");
  second.stop();
  std::filesystem::remove_all(dir);
}

}  // namespace
