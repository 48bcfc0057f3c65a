// Step 12 end to end against the in-process portal over TLS: login → form →
// SMS code → approval by e-imza with the SoftHSM2 token, or by wet
// signature with the PDF; each result checked by the portal's admin API and
// by independent tools (openssl cms; the PDF with poppler, MuPDF, pypdf, qpdf and zbarimg).

#include "flow_fixture.hpp"
#include "signing_fixture.hpp"

#include <nes/application_run.hpp>
#include <nes/approver.hpp>
#include <nes/e_onay.hpp>
#include <nes/esign_login.hpp>
#include <nes/journal.hpp>
#include <nes/phone.hpp>
#include <nes/pkcs11_signer.hpp>
#include <nes/timestamping_signer.hpp>

#include <boost/asio/error.hpp>

#include <gtest/gtest.h>

#include <unistd.h>

#include <fstream>

namespace {

using nes::test::as_future;
using nes::test::RecordingPin;

class Approval : public nes::test::ClientFixture {
 protected:
  void start_with_trust(const nes::test::SoftHsmToken* token) {
    nes::portal::PortalOptions options;
    if (token != nullptr) options.trust_ca_pem = {token->ca_pem};
    start(std::move(options));
  }

  // The token's signer, its signatures time-stamped by the portal's TSA
  // (CAdES-T), as the portal's profile P2 requires.
  std::shared_ptr<nes::Signer> signer_for(const nes::test::SoftHsmToken& token, const std::string& id) {
    nes::error_code ec;
    std::string detail;
    std::shared_ptr<nes::Signer> signer =
        nes::Pkcs11Signer::create(io_.get_executor(), nes::test::token_options(token, id, pin_.source()), ec, &detail);
    EXPECT_TRUE(signer) << detail;
    return std::make_shared<nes::TimestampingSigner>(std::move(signer), timestamps());
  }

  std::string status_of(const std::string& id) {
    for (const auto& a : admin_applications()) {
      if (a.id == id) return a.status;
    }
    return "absent";
  }

  RecordingPin pin_{"", {}};
};

std::string text_of_pdf(const std::filesystem::path& pdf) {
  std::string text;
  nes::test::run_command("pdftotext -enc UTF-8 '" + pdf.string() + "' -", &text);
  return text;
}

// e-imza login (step 4): the card opens the session a password would. A
// wrong PIN stops it at the card, asked once; nothing reaches the gateway.
TEST_F(Approval, TheCardLogsInWithoutAPassword) {
  NES_REQUIRE_TOKEN(token);
  start_with_trust(token);
  nes::error_code ec;
  std::shared_ptr<nes::Signer> card =
      nes::Pkcs11Signer::create(io_.get_executor(), nes::test::token_options(*token, "01", pin_.source()), ec);
  ASSERT_TRUE(card) << ec.message();
  pin_.pin = "9999";
  auto [wec, refused] = nes::ESignLogin(client(), card).async_login(as_future).get();
  EXPECT_EQ(wec, nes::errc::pin_incorrect);
  EXPECT_EQ(pin_.requests.size(), 1U);

  pin_.pin = token->pin;
  auto [lec, session] = nes::ESignLogin(client(), card).async_login(as_future).get();
  ASSERT_FALSE(lec) << lec.message() << " " << (session.problem() ? session.problem()->code : "");
  EXPECT_EQ(session->info().last_name, applicants_[0].last_name);
  auto [iec, institutions] = session->async_institutions(as_future).get();
  EXPECT_FALSE(iec) << iec.message();
  EXPECT_FALSE(institutions->empty());
}

// E-Onay given with the card (to the portal's profile, time-stamped): the
// next application is approved by its SMS code alone, until it is withdrawn.
// A run that logs in with the card asks its PIN twice, once for the login and
// once for the approval, and says which each time; no password is asked.
TEST_F(Approval, ARunLoggedInByTheCardSaysWhatEachPinIsFor) {
  NES_REQUIRE_TOKEN(token);
  start_with_trust(token);
  pin_.pin = token->pin;
  const auto directory = std::filesystem::temp_directory_path() / ("nes-card-run-" + std::to_string(::getpid()));
  std::filesystem::remove_all(directory);
  nes::error_code ec;
  std::shared_ptr<nes::Journal> journal = nes::Journal::open(directory / "journal.db", ec);
  ASSERT_TRUE(journal) << ec.message();

  nes::ApplicationRunOptions options;
  options.login_with_signature = true;
  options.pkcs11 = nes::test::token_options(*token, "01", pin_.source());
  options.timestamps = timestamps();
  bool password_asked = false;
  options.password = [&password_asked](const nes::PasswordRequest&,
                                       std::function<void(nes::error_code, nes::SecretString)> give) {
    password_asked = true;
    give(boost::asio::error::operation_aborted, {});
  };
  options.acknowledge = [](const nes::Institution&, const nes::Notice&,
                           std::function<void(nes::error_code, bool)> give) { give({}, true); };
  std::string application_id;
  options.progress = [&application_id](const nes::RunProgress& p) { application_id = p.entry.application_id; };
  options.otp_code = [this, &application_id](const nes::OtpStatus&,
                                             std::function<void(nes::error_code, nes::SecretString)> give) {
    give({}, nes::SecretString(inbox_.code_for(application_id)));
  };
  std::string detail;
  auto run = nes::ApplicationRun::begin(client(), journal, applicants_[0].form(), nes::ApprovalRoute::e_signature,
                                        std::move(options), ec, &detail);
  ASSERT_TRUE(run) << detail;
  auto [rec, outcome] = run->async_run(as_future).get();
  ASSERT_FALSE(rec) << rec.message() << " " << run->entry().note;
  EXPECT_EQ(outcome->application.status, nes::ApplicationStatus::submitted);
  EXPECT_FALSE(password_asked);
  ASSERT_EQ(pin_.requests.size(), 2U);
  EXPECT_EQ(pin_.requests[0].purpose, nes::PinPurpose::login);
  EXPECT_EQ(pin_.requests[1].purpose, nes::PinPurpose::approval);
  std::filesystem::remove_all(directory);
}

TEST_F(Approval, EOnayGivenWithTheCardApprovesTheNextApplicationByItsCode) {
  NES_REQUIRE_TOKEN(token);
  start_with_trust(token);
  pin_.pin = token->pin;
  auto application = verified_application(applicants_[0]);
  const nes::EOnay consent(application.session());
  auto [dec, document] = consent.async_document(as_future).get();
  ASSERT_FALSE(dec) << dec.message();
  auto [pec, about] = client().async_info(as_future).get();
  ASSERT_FALSE(pec) << pec.message();
  auto [sec, signature] = signer_for(*token, "01")->async_sign(*document, about->signature_profile, as_future).get();
  ASSERT_FALSE(sec) << sec.message();
  auto [gec, given] = consent.async_give(signature->cms_der, as_future).get();
  ASSERT_FALSE(gec) << gec.message() << " " << (given.problem() ? given.problem()->code : "");
  EXPECT_EQ(given->state, nes::EOnayState::given);
  EXPECT_TRUE(given->given_at.has_value());

  auto [aec, approved] = application.async_approve_by_e_onay(as_future).get();
  ASSERT_FALSE(aec) << aec.message();
  EXPECT_EQ(approved->status, nes::ApplicationStatus::submitted);
  EXPECT_EQ(approved->approval, nes::ApprovalRoute::e_onay);
  EXPECT_EQ(status_of(approved->id), "submitted");

  auto [wec, withdrawn] = consent.async_withdraw(as_future).get();
  ASSERT_FALSE(wec) << wec.message();
  EXPECT_EQ(withdrawn->state, nes::EOnayState::withdrawn);
  auto [tec, now] = consent.async_status(as_future).get();
  ASSERT_FALSE(tec) << tec.message();
  EXPECT_EQ(now->state, nes::EOnayState::withdrawn);
  // Another person, who never gave one, is refused.
  auto next = verified_application(applicants_[1]);
  auto [rec, refused] = next.async_approve_by_e_onay(as_future).get();
  EXPECT_EQ(rec, nes::errc::portal_refused);
  ASSERT_NE(refused.problem(), nullptr);
  EXPECT_EQ(refused.problem()->code, "e_onay_not_given");
}

TEST_F(Approval, ByEImzaWithTheSoftHsmToken) {
  NES_REQUIRE_TOKEN(token);
  start_with_trust(token);
  pin_.pin = token->pin;
  auto application = verified_application(applicants_[0]);
  nes::Approver approver(application);
  for (const char* id : {"01"}) {
    auto [ec, approval] = approver.async_approve(signer_for(*token, id), as_future).get();
    ASSERT_FALSE(ec) << ec.message() << " " << (approval.problem() ? approval.problem()->code : "");
    EXPECT_EQ(approval->application.status, nes::ApplicationStatus::submitted);
    EXPECT_EQ(approval->application.approval, nes::ApprovalRoute::e_signature);
    // The fee, as the portal states it.
    EXPECT_GT(approval->application.fee.total.kurus(), 0);
    EXPECT_EQ(approval->application.fee.total.kurus(),
              approval->application.fee.net.kurus() + approval->application.fee.kdv.kurus());
    // What was signed is the portal's document, and the signature verifies over it.
    ASSERT_TRUE(approval->signature);
    EXPECT_NE(approval->document.find(approval->application.id), std::string::npos);
    EXPECT_NE(approval->document.find(applicants_[0].last_name), std::string::npos);
    std::string output;
    EXPECT_TRUE(nes::test::openssl_verifies(approval->signature->cms_der, approval->document, token->ca_file, &output))
        << output;
    EXPECT_EQ(status_of(approval->application.id), "submitted");
  }
  EXPECT_EQ(pin_.requests.size(), 1U);
}

TEST_F(Approval, AnEcdsaTokenSignsToo) {
  NES_REQUIRE_TOKEN(token);
  start_with_trust(token);
  pin_.pin = token->pin;
  auto application = verified_application(applicants_[0]);
  auto [ec, approval] = nes::Approver(application).async_approve(signer_for(*token, "02"), as_future).get();
  ASSERT_FALSE(ec) << ec.message();
  EXPECT_EQ(approval->application.status, nes::ApplicationStatus::submitted);
  EXPECT_EQ(approval->signature->signer.key_type, "ECDSA P-256");
}

TEST_F(Approval, SomeoneElsesCertificateGetsThePortalsRefusal) {
  NES_REQUIRE_TOKEN(token);
  start_with_trust(token);
  pin_.pin = token->pin;
  // The token is applicants_[0]'s; applicants_[1] applies with it.
  auto application = verified_application(applicants_[1]);
  auto [ec, approval] = nes::Approver(application).async_approve(signer_for(*token, "01"), as_future).get();
  EXPECT_EQ(ec, nes::errc::portal_refused);
  ASSERT_TRUE(approval.problem());
  EXPECT_EQ(approval.problem()->code, "signer_not_applicant");
  EXPECT_EQ(approval.problem()->http_status, 422);
  EXPECT_FALSE(approval.problem()->request_id.empty());
  EXPECT_EQ(status_of(application.id()), "awaiting_approval");
}

TEST_F(Approval, AnUntrustedIssuerGetsThePortalsRefusal) {
  NES_REQUIRE_TOKEN(token);
  start_with_trust(nullptr);  // the portal trusts no e-imza CA
  pin_.pin = token->pin;
  auto application = verified_application(applicants_[0]);
  auto [ec, approval] = nes::Approver(application).async_approve(signer_for(*token, "01"), as_future).get();
  EXPECT_EQ(ec, nes::errc::portal_refused);
  ASSERT_TRUE(approval.problem());
  EXPECT_EQ(approval.problem()->code, "signer_untrusted");
}

TEST_F(Approval, AWrongPinSendsNothingAndLeavesTheApplicationWaiting) {
  NES_REQUIRE_TOKEN(token);
  start_with_trust(token);
  pin_.pin = "0000";
  auto application = verified_application(applicants_[0]);
  auto [ec, approval] = nes::Approver(application).async_approve(signer_for(*token, "01"), as_future).get();
  EXPECT_EQ(ec, nes::errc::pin_incorrect);
  EXPECT_EQ(status_of(application.id()), "awaiting_approval");
  EXPECT_EQ(logs_.text().find("/approval/e-signature"), std::string::npos);
}

TEST_F(Approval, ByWetSignatureWithThePdf) {
  use_applicants(1, 538383);  // a surname spelt with ç and ğ
  start_with_trust(nullptr);
  const auto& who = applicants_[0];
  ASSERT_NE(who.last_name.find("ç"), std::string::npos);
  auto application = verified_application(who);
  const auto pdf = std::filesystem::temp_directory_path() / ("nes-wet-" + application.id() + ".pdf");
  nes::WetSignatureOptions options{pdf};
  auto [ec, approval] = nes::Approver(application).async_approve_wet(options, as_future).get();
  ASSERT_FALSE(ec) << ec.message() << " " << (approval.problem() ? approval.problem()->detail : "");
  EXPECT_EQ(approval->application.status, nes::ApplicationStatus::awaiting_wet_form);
  EXPECT_EQ(approval->application.approval, nes::ApprovalRoute::wet_signature);
  EXPECT_EQ(approval->postal_address, "TÜBİTAK Gebze Yerleşkesi, P.K. 74, 41470 Gebze/Kocaeli");
  EXPECT_EQ(status_of(application.id()), "awaiting_wet_form");
  ASSERT_TRUE(std::filesystem::exists(pdf));

  // pdftotext gives back every Turkish letter byte for byte.
  const auto text = text_of_pdf(pdf);
  const auto form = who.form();
  for (const std::string& expected :
       {form.identity.first_name, form.identity.last_name, std::string(form.identity.tckn.reveal()),
        form.delivery.address_line, form.delivery.district, form.delivery.province, form.institution.unit,
        std::string("T.C. Milli Eğitim Bakanlığı"), approval->application.id, approval->application.fee.net.format_tr(),
        approval->application.fee.kdv.format_tr(), approval->application.fee.total.format_tr(),
        std::string("NES TAAHHÜTNAMESİ"), std::string("Başvuru Sahibinin İmzası"),
        std::string("TÜBİTAK Gebze Yerleşkesi, P.K. 74, 41470"),
        nes::LandlinePhone::parse(form.institution.work_phone)->display()}) {
    EXPECT_NE(text.find(expected), std::string::npos) << "missing: " << expected << "\n" << text;
  }
  std::string check;
  EXPECT_EQ(nes::test::run_command("qpdf --check '" + pdf.string() + "'", &check), 0) << check;
  // poppler, MuPDF and pypdf without a warning; the header, the Turkish
  // dates, the metadata; zbarimg reads the application number's QR code.
  std::string readers;
  EXPECT_EQ(nes::test::run_command(std::string(NES_DEBIAN_PYTHON3) + " '" + NES_SIGN_TESTS_DIR +
                                       "/wet_form_readers.py' '" + pdf.string() + "' " + application.id(),
                                   &readers),
            0)
      << readers;

  // Again: the application is already waiting for its form; only the PDF is written.
  std::filesystem::remove(pdf);
  auto [ec2, again] = nes::Approver(application).async_approve_wet(options, as_future).get();
  ASSERT_FALSE(ec2) << ec2.message();
  EXPECT_EQ(again->application.status, nes::ApplicationStatus::awaiting_wet_form);
  EXPECT_TRUE(std::filesystem::exists(pdf));
  if (!std::getenv("NES_KEEP_PDF")) std::filesystem::remove(pdf);
}

TEST_F(Approval, AMissingFontIsFoundBeforeAnythingIsSent) {
  start_with_trust(nullptr);
  auto application = verified_application(applicants_[0]);
  nes::WetSignatureOptions options{std::filesystem::temp_directory_path() / "nes-never.pdf",
                                   "/nonexistent/DejaVuSans.ttf"};
  auto [ec, approval] = nes::Approver(application).async_approve_wet(options, as_future).get();
  EXPECT_EQ(ec, nes::errc::font_missing);
  ASSERT_TRUE(approval.problem());
  EXPECT_NE(approval.problem()->detail.find("/nonexistent/DejaVuSans.ttf"), std::string::npos);
  EXPECT_EQ(status_of(application.id()), "awaiting_approval");
  EXPECT_FALSE(std::filesystem::exists(options.pdf));
}

}  // namespace
