// The SDK's institution-paid route against the in-process portal over TLS:
// nes::Officer's upload, overview, list, decision and signature upload, and
// the staff member's Session::async_institution_access and
// Application::for_institution.

#include "cms_sign.hpp"
#include "flow_fixture.hpp"

#include <nes/application_run.hpp>
#include <nes/list_signer.hpp>
#include <nes/officer.hpp>

#include <boost/asio/post.hpp>

#include <gmock/gmock.h>

#include <filesystem>

namespace {

using nes::test::as_future;
using ::testing::HasSubstr;
namespace pki = nes::portal::pki;

constexpr const char* institution = "ornek-universitesi";

struct Person {
  const char* tckn;
  const char* password;
  const char* first;
  const char* last;
  const char* mobile;
};
// The demo registry's (docs/portal.md).
constexpr Person hakan{"67746370606", "Demo-Parola-6", "Hakan", "Aydın", "+905351239876"};
constexpr Person elif{"53304452938", "Demo-Parola-7", "Elif", "Kaya", "+905361112244"};
constexpr Person murat{"50394029002", "Demo-Parola-8", "Murat", "Çelik", "+905372223355"};
constexpr Person ayse{"10000000146", "Demo-Parola-1", "Ayşe Gül", "Şahin", "+905321234567"};

nes::StaffRequest request_of(const Person& p, std::string email = "personel@ornek.edu.tr") {
  return {nes::SecretString(p.tckn),      p.first,          p.last,
          "Bilgi İşlem Daire Başkanlığı", std::move(email), "0312 298 20 00"};
}

// Signs with a key in memory (the portal tests' CAdES), or fails as a token
// with a wrong PIN would: what ListSigner does around a Signer, not PKCS#11.
class MemorySigner final : public nes::Signer {
 public:
  MemorySigner(executor_type executor, pki::Credential credential)
      : credential_(std::move(credential)), executor_(std::move(executor)) {}
  [[nodiscard]] executor_type get_executor() const override { return executor_; }
  void start_sign(std::string document, nes::SignatureProfile, nes::ResultHandler<nes::Signature> handler) override {
    ++calls;
    boost::asio::post(executor_, [this, document = std::move(document), h = std::move(handler)]() mutable {
      if (fail) {
        nes::Problem problem;
        problem.code = "pin_incorrect";
        std::move(h)(nes::errc::pin_incorrect, nes::Result<nes::Signature>(problem));
        return;
      }
      nes::Signature signature;
      signature.cms_der = nes::test::sign_detached(credential_, document);
      std::move(h)(nes::error_code{}, nes::Result<nes::Signature>(std::move(signature)));
    });
  }
  bool fail = false;
  int calls = 0;
  pki::Credential credential_;

 private:
  executor_type executor_;
};

class OfficerTest : public nes::test::ClientFixture {
 protected:
  void SetUp() override {
    use_demo_registry();
    nes::portal::PortalOptions options;
    options.trust_ca_pem = {esign_ca_.certificate_pem};
    options.signature.time_stamp_ca_pem.push_back(nes::test::test_tsa_ca_pem());
    start(std::move(options));
  }

  nes::Session login_as(const Person& p) {
    nes::test::Applicant who;
    who.tckn = p.tckn;
    who.password = p.password;
    return login(who);
  }

  nes::Officer officer() { return nes::Officer(login_as(hakan), institution); }

  pki::Credential certificate_of(const std::string& tckn) {
    return pki::issue(
        esign_ca_,
        {.common_name = "TEST SIGNER", .subject_serial_number = tckn, .non_repudiation = true, .qualified_nes = true});
  }

  // The staff member's whole route with the SDK, to awaiting_institution.
  std::string applied(const Person& p, const std::string& code) {
    auto session = login_as(p);
    auto [aec, access] = session.async_institution_access(nes::SecretString(code), as_future).get();
    EXPECT_FALSE(aec) << aec.message();
    nes::ApplicationForm form = access->form;
    form.certificate.validity_years = 3;
    form.certificate.card_reader = false;
    form.certificate.publish_online = false;
    form.identity.mobile_phone = p.mobile;
    form.delivery.address_type = nes::AddressType::work;
    form.delivery.address_line = "Üniversiteler Mah. Dumlupınar Blv. No: 1";
    form.delivery.district = "Çankaya";
    form.delivery.province = "Ankara";
    form.delivery.postal_code = "06800";
    auto application = nes::Application::for_institution(session, form, nes::SecretString(code));
    auto [sec, submitted] = application.async_submit({"no_refund"}, as_future).get();
    EXPECT_FALSE(sec) << sec.message() << (submitted.problem() ? " " + submitted.problem()->code : "");
    nes::OtpVerifier otp(application);
    auto [vec, verified] = otp.async_verify(nes::SecretString(inbox_.code_for(submitted->id)), as_future).get();
    EXPECT_FALSE(vec) << vec.message();
    auto [dec, document] = application.async_approval_document(as_future).get();
    auto [uec, approved] =
        application.async_upload_signature(nes::test::sign_detached(certificate_of(p.tckn), *document), as_future)
            .get();
    EXPECT_FALSE(uec) << uec.message();
    EXPECT_EQ(approved->status, nes::ApplicationStatus::awaiting_institution);
    return submitted->id;
  }

  // The access codes the upload e-mailed, by row.
  std::vector<std::string> codes_of(const nes::StaffRequestReport& report) {
    std::vector<std::string> codes;
    for (const auto& row : report.rows) {
      if (row.accepted) codes.push_back(email_.access_code_for(row.request_id));
    }
    return codes;
  }

  // Two staff members applied; the list's version.
  std::pair<std::vector<std::string>, std::string> two_waiting(nes::Officer& work) {
    std::vector<nes::StaffRequest> rows;
    rows.push_back(request_of(elif));
    rows.push_back(request_of(murat));
    auto [uec, report] = work.async_upload(rows, as_future).get();
    const auto codes = codes_of(*report);
    std::vector<std::string> ids{applied(elif, codes.at(0)), applied(murat, codes.at(1))};
    auto [lec, list] = work.async_list(as_future).get();
    return {ids, list->version};
  }

  std::shared_ptr<nes::Journal> journal() {
    const auto path = std::filesystem::temp_directory_path() /
                      ("nes-officer-journal-" + std::to_string(::getpid()) + "-" +
                       ::testing::UnitTest::GetInstance()->current_test_info()->name() + ".db");
    std::filesystem::remove(path);
    nes::error_code ec;
    std::shared_ptr<nes::Journal> opened = nes::Journal::open(path, ec);
    EXPECT_TRUE(opened) << ec.message();
    journal_paths_.push_back(path);
    return opened;
  }

  void TearDown() override {
    for (const auto& p : journal_paths_) {
      std::error_code ignored;
      for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(p.string() + suffix, ignored);
    }
  }

  pki::Credential esign_ca_ = pki::make_ca({.common_name = "NES TEST E-IMZA CA", .certificate_authority = true});
  std::vector<std::filesystem::path> journal_paths_;
};

TEST_F(OfficerTest, TheUploadReportsEveryRowAndTheSameRowsAgainCreateNothing) {
  auto work = officer();
  std::vector<nes::StaffRequest> rows;
  rows.push_back(request_of(elif, "elif.kaya@ornek.edu.tr"));
  rows.push_back(request_of(ayse));  // staff of another institution
  auto [ec, report] = work.async_upload(rows, as_future).get();
  ASSERT_FALSE(ec) << ec.message();
  EXPECT_EQ(report->accepted, 1);
  EXPECT_EQ(report->created, 1);
  ASSERT_EQ(report->rows.size(), 2U);
  EXPECT_TRUE(report->rows[0].created);
  EXPECT_FALSE(report->rows[1].accepted);
  ASSERT_EQ(report->rows[1].errors.size(), 1U);
  EXPECT_EQ(report->rows[1].errors[0].field, "requests[1].tckn");
  EXPECT_EQ(report->rows[1].errors[0].code, nes::ValidationCode::not_staff);
  EXPECT_FALSE(report->rows[1].errors[0].message_tr.empty());

  auto [again_ec, again] = work.async_upload(rows, as_future).get();
  ASSERT_FALSE(again_ec);
  EXPECT_EQ(again->created, 0);
  EXPECT_EQ(again->rows[0].request_id, report->rows[0].request_id);
  EXPECT_EQ(email_.all().size(), 1U);
  EXPECT_EQ(email_.all()[0].to, "elif.kaya@ornek.edu.tr");

  // Not the officer: refused as data, with the portal's code.
  nes::Officer impostor(login_as(elif), institution);
  auto [iec, refused] = impostor.async_upload(rows, as_future).get();
  EXPECT_EQ(iec, nes::errc::portal_refused);
  ASSERT_NE(refused.problem(), nullptr);
  EXPECT_EQ(refused.problem()->code, "not_officer");
}

TEST_F(OfficerTest, TheStaffApplyWithTheCodeAndTheOfficerSignsTheListOnce) {
  auto work = officer();
  std::vector<nes::StaffRequest> rows;
  rows.push_back(request_of(elif));
  rows.push_back(request_of(murat));
  auto [uec, report] = work.async_upload(rows, as_future).get();
  ASSERT_FALSE(uec);
  const auto codes = codes_of(*report);
  ASSERT_EQ(codes.size(), 2U);

  // The person-paid route still refuses the institution, before sending.
  auto elif_session = login_as(elif);
  auto [xec, access] = elif_session.async_institution_access(nes::SecretString(codes[0]), as_future).get();
  ASSERT_FALSE(xec);
  EXPECT_EQ(access->institution.payment, nes::PaymentKind::institution_paid);
  EXPECT_EQ(access->form.identity.first_name, "Elif");
  nes::Application person_paid(elif_session, access->form);
  auto [pec, refused] = person_paid.async_submit({"no_refund"}, as_future).get();
  EXPECT_EQ(pec, nes::errc::validation_failed);

  const std::string first = applied(elif, codes[0]);
  const std::string second = applied(murat, codes[1]);

  auto [oec, overview] = work.async_overview(as_future).get();
  ASSERT_FALSE(oec) << oec.message();
  EXPECT_EQ(overview->requests.size(), 2U);
  ASSERT_EQ(overview->applications.size(), 2U);
  for (const auto& a : overview->applications) EXPECT_EQ(a.status, nes::ApplicationStatus::awaiting_institution);

  auto [lec, list] = work.async_list(as_future).get();
  ASSERT_FALSE(lec) << lec.message();
  EXPECT_THAT(list->document, HasSubstr("Başvuru No: " + first));
  EXPECT_EQ(list->version.size(), 64U);

  auto [stale_ec, stale] = work.async_decide(std::string(64, '0'), {}, as_future).get();
  EXPECT_EQ(stale_ec, nes::errc::portal_refused);
  ASSERT_NE(stale.problem(), nullptr);
  EXPECT_EQ(stale.problem()->code, "list_changed");
  EXPECT_EQ(stale.problem()->current_version, list->version);

  auto [dec, decision] =
      work.async_decide(list->version, {nes::HeldBack(second, "Birim onayı bekleniyor")}, as_future).get();
  ASSERT_FALSE(dec) << dec.message();
  EXPECT_EQ(decision->status, nes::ListDecisionStatus::awaiting_signature);
  EXPECT_EQ(decision->included, std::vector<std::string>{first});
  EXPECT_EQ(decision->excluded, std::vector<nes::HeldBack>{nes::HeldBack(second, "Birim onayı bekleniyor")});
  EXPECT_GT(decision->total.kurus(), 0);

  const std::string cms = nes::test::sign_detached(certificate_of(hakan.tckn), decision->document);
  auto [sec, signed_now] = work.async_submit_signature(decision->id, cms, as_future).get();
  ASSERT_FALSE(sec) << sec.message();
  EXPECT_EQ(signed_now->status, nes::ListDecisionStatus::signed_by_officer);
  ASSERT_TRUE(signed_now->signed_at.has_value());
  auto [again_ec, again] = work.async_submit_signature(decision->id, cms, as_future).get();
  ASSERT_FALSE(again_ec);
  EXPECT_EQ(again->signed_at, signed_now->signed_at);

  auto [fec, fetched] = work.async_decision(decision->id, as_future).get();
  ASSERT_FALSE(fec);
  EXPECT_EQ(fetched->status, nes::ListDecisionStatus::signed_by_officer);
  auto [nec, now] = work.async_overview(as_future).get();
  for (const auto& a : now->applications) {
    if (a.id == first) {
      EXPECT_EQ(a.status, nes::ApplicationStatus::awaiting_institution_payment);
    } else {
      EXPECT_EQ(a.held_back_reason, "Birim onayı bekleniyor");
    }
  }
}

TEST_F(OfficerTest, AWrongAccessCodeIsRefusedAsData) {
  auto session = login_as(elif);
  auto [ec, access] = session.async_institution_access(nes::SecretString("22222-22222"), as_future).get();
  EXPECT_EQ(ec, nes::errc::portal_refused);
  ASSERT_NE(access.problem(), nullptr);
  EXPECT_EQ(access.problem()->code, "access_code_invalid");
  EXPECT_THAT(logs_.text(), ::testing::Not(HasSubstr("22222-22222")));
}

// nes apply's way for a staff member: the library's run asks for the access
// code only because the institution pays, and submits to its route.
TEST_F(OfficerTest, TheRunAsksForTheAccessCodeOfAnInstitutionThatPays) {
  auto work = officer();
  std::vector<nes::StaffRequest> rows;
  rows.push_back(request_of(elif));
  auto [uec, report] = work.async_upload(rows, as_future).get();
  const std::string code = email_.access_code_for(report->rows[0].request_id);
  nes::ApplicationForm form;
  form.certificate = {.validity_years = 3, .card_reader = false, .publish_online = false};
  form.identity.tckn.assign(elif.tckn);
  form.identity.first_name = elif.first;
  form.identity.last_name = elif.last;
  form.identity.mobile_phone = elif.mobile;
  form.identity.info_channel = nes::InfoChannel::sms;
  form.institution = {.id = institution, .unit = "Bilgi İşlem", .work_phone = "0312 298 20 00", .extension = {}};
  form.delivery = {.address_type = nes::AddressType::work,
                   .address_line = "Üniversiteler Mah. No: 1",
                   .district = "Çankaya",
                   .province = "Ankara",
                   .postal_code = "06800"};
  const auto directory = std::filesystem::temp_directory_path() / ("nes-officer-run-" + std::to_string(::getpid()));
  std::filesystem::create_directories(directory);
  auto store = journal();

  std::string application_id;
  int codes_asked = 0;
  nes::ApplicationRunOptions options;
  options.password = [](const nes::PasswordRequest&, std::function<void(nes::error_code, nes::SecretString)> give) {
    give({}, nes::SecretString(elif.password));
  };
  options.acknowledge = [](const nes::Institution&, const nes::Notice&,
                           std::function<void(nes::error_code, bool)> give) { give({}, true); };
  options.otp_code = [&](const nes::OtpStatus&, std::function<void(nes::error_code, nes::SecretString)> give) {
    give({}, nes::SecretString(inbox_.code_for(application_id)));
  };
  options.wet_directory = directory;
  options.progress = [&](const nes::RunProgress& p) { application_id = p.entry.application_id; };
  // Without a source of the code: refused before anything is sent.
  nes::error_code ec;
  auto refused = nes::ApplicationRun::begin(client(), store, form, nes::ApprovalRoute::wet_signature, options, ec);
  auto [rec, nothing] = refused->async_run(as_future).get();
  EXPECT_EQ(rec, nes::errc::invalid_argument);
  EXPECT_EQ(refused->entry().step, nes::JournalStep::started);

  options.access_code = [&](const nes::Institution& which,
                            std::function<void(nes::error_code, nes::SecretString)> give) {
    ++codes_asked;
    EXPECT_EQ(which.id, institution);
    give({}, nes::SecretString(code));
  };
  auto run = nes::ApplicationRun::begin(client(), store, form, nes::ApprovalRoute::wet_signature, options, ec);
  auto [oec, outcome] = run->async_run(as_future).get();
  ASSERT_FALSE(oec) << oec.message() << " " << run->entry().note;
  EXPECT_EQ(outcome->application.status, nes::ApplicationStatus::awaiting_wet_form);
  EXPECT_EQ(codes_asked, 1);
  auto [vec, overview] = work.async_overview(as_future).get();
  ASSERT_EQ(overview->requests.size(), 1U);
  EXPECT_EQ(overview->requests[0].application_id, outcome->application.id);
  std::filesystem::remove_all(directory);
}

TEST_F(OfficerTest, ListSignerSignsTheCheckedVersionOnceAndRecordsEachStep) {
  auto work = officer();
  const auto [ids, version] = two_waiting(work);
  auto store = journal();
  auto signer = std::make_shared<MemorySigner>(io_.get_executor(), certificate_of(hakan.tckn));
  std::vector<std::string> stages;
  nes::ListSigningOptions options{
      signer, [&](const nes::ListSigningProgress& p) { stages.emplace_back(nes::to_string(p.stage)); }};
  nes::error_code ec;
  auto run = nes::ListSigner::begin(work, store, version, {nes::HeldBack(ids[1], "Eksik belge")}, options, ec);
  ASSERT_TRUE(run) << ec.message();
  EXPECT_FALSE(run->continued());
  auto [rec, decision] = run->async_run(as_future).get();
  ASSERT_FALSE(rec) << rec.message() << " " << run->entry().note;
  EXPECT_EQ(decision->status, nes::ListDecisionStatus::signed_by_officer);
  EXPECT_EQ(decision->included, std::vector<std::string>{ids[0]});
  EXPECT_EQ(stages,
            (std::vector<std::string>{"deciding", "decided", "signed", "signing", "sign-answered", "finished"}));
  EXPECT_EQ(run->entry().step, nes::ListSigningStep::finished);
  EXPECT_EQ(signer->calls, 1);
  nes::error_code jec;
  EXPECT_TRUE(store->list_signings(true, jec).empty());
}

TEST_F(OfficerTest, ListSignerContinuesARecordedDecisionWithoutASecondOne) {
  auto work = officer();
  const auto [ids, version] = two_waiting(work);
  auto store = journal();
  auto signer = std::make_shared<MemorySigner>(io_.get_executor(), certificate_of(hakan.tckn));
  signer->fail = true;  // the PIN was wrong: nothing was signed, nothing sent
  nes::error_code ec;
  auto first = nes::ListSigner::begin(work, store, version, {}, {signer, {}}, ec);
  auto [fec, failed] = first->async_run(as_future).get();
  EXPECT_EQ(fec, nes::errc::pin_incorrect);
  EXPECT_EQ(first->entry().step, nes::ListSigningStep::decided);
  EXPECT_THAT(first->entry().note, HasSubstr("pin_incorrect"));

  signer->fail = false;
  auto again = nes::ListSigner::begin(work, store, version, {}, {signer, {}}, ec);
  ASSERT_TRUE(again);
  EXPECT_TRUE(again->continued());
  EXPECT_EQ(again->entry().decision_id, first->entry().decision_id);
  auto [aec, decision] = again->async_run(as_future).get();
  ASSERT_FALSE(aec) << aec.message();
  EXPECT_EQ(decision->id, first->entry().decision_id);
  EXPECT_EQ(decision->included.size(), 2U);
}

TEST_F(OfficerTest, ListSignerSendsTheRecordedSignatureAgainAfterACrash) {
  auto work = officer();
  const auto [ids, version] = two_waiting(work);
  auto store = journal();
  // Where a process killed after recording its signature, and perhaps after
  // sending it, left the journal.
  auto [dec, decision] = work.async_decide(version, {}, as_future).get();
  const std::string cms = nes::test::sign_detached(certificate_of(hakan.tckn), decision->document);
  auto [sec, sent] = work.async_submit_signature(decision->id, cms, as_future).get();
  ASSERT_FALSE(sec);
  nes::ListSigningEntry crashed;
  crashed.portal = work.session().portal_url();
  const auto who = work.session().info();
  crashed.officer = who.tckn_masked + " " + who.first_name + " " + who.last_name;
  crashed.institution_id = institution;
  crashed.version = version;
  crashed.excluded_json = "[]";
  nes::error_code ec;
  auto entry = store->begin(crashed, ec);
  entry->decision_id = decision->id;
  entry->signature = cms;
  entry->step = nes::ListSigningStep::signing;
  ASSERT_TRUE(store->record(*entry, ec));

  auto signer = std::make_shared<MemorySigner>(io_.get_executor(), certificate_of(hakan.tckn));
  auto run = nes::ListSigner::begin(work, store, version, {}, {signer, {}}, ec);
  ASSERT_TRUE(run->continued());
  auto [rec, accepted] = run->async_run(as_future).get();
  ASSERT_FALSE(rec) << rec.message() << " " << run->entry().note;
  EXPECT_EQ(accepted->signed_at, sent->signed_at);  // the first answer: one accepted list
  EXPECT_EQ(signer->calls, 0);                      // nothing signed twice
  EXPECT_EQ(run->entry().step, nes::ListSigningStep::finished);
}

TEST_F(OfficerTest, ListSignerSignsAgainWhenThePortalRefusedTheRecordedSignature) {
  auto work = officer();
  const auto [ids, version] = two_waiting(work);
  auto store = journal();
  // A certificate that is not the officer's: the portal reads the signature and refuses it.
  auto signer = std::make_shared<MemorySigner>(io_.get_executor(), certificate_of(elif.tckn));
  nes::error_code ec;
  auto first = nes::ListSigner::begin(work, store, version, {}, {signer, {}}, ec);
  auto [fec, refused] = first->async_run(as_future).get();
  ASSERT_NE(refused.problem(), nullptr);
  EXPECT_EQ(refused.problem()->code, "signer_not_officer");
  EXPECT_EQ(first->entry().step, nes::ListSigningStep::decided);
  EXPECT_TRUE(first->entry().signature.empty());

  signer->credential_ = certificate_of(hakan.tckn);
  auto again = nes::ListSigner::begin(work, store, version, {}, {signer, {}}, ec);
  auto [aec, decision] = again->async_run(as_future).get();
  ASSERT_FALSE(aec) << aec.message() << " " << again->entry().note;
  EXPECT_EQ(decision->id, first->entry().decision_id);
  EXPECT_EQ(signer->calls, 2);
}

TEST_F(OfficerTest, ListSignerFinishesAnEntryWhoseListChanged) {
  auto work = officer();
  const auto [ids, version] = two_waiting(work);
  auto store = journal();
  auto signer = std::make_shared<MemorySigner>(io_.get_executor(), certificate_of(hakan.tckn));
  nes::error_code ec;
  auto run = nes::ListSigner::begin(work, store, std::string(64, 'a'), {}, {signer, {}}, ec);
  auto [rec, refused] = run->async_run(as_future).get();
  EXPECT_EQ(rec, nes::errc::portal_refused);
  ASSERT_NE(refused.problem(), nullptr);
  EXPECT_EQ(refused.problem()->code, "list_changed");
  EXPECT_EQ(run->entry().step, nes::ListSigningStep::finished);
  EXPECT_EQ(signer->calls, 0);
}

}  // namespace
