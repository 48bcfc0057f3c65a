#include <nes/field_paths.hpp>
#include <nes/messages.hpp>

#include <gtest/gtest.h>

#include <fstream>
#include <regex>
#include <set>
#include <sstream>

namespace {

// The problem codes openapi.yaml documents (the Problem schema's list).
std::set<std::string> documented_problem_codes() {
  std::ifstream file(NES_PROTOCOL_FILE);
  std::stringstream text;
  text << file.rdbuf();
  const std::string yaml = text.str();
  const auto start = yaml.find("Stable machine code:");
  const auto end = yaml.find("example:", start);
  EXPECT_NE(start, std::string::npos);
  const std::string list = yaml.substr(start, end - start);
  std::set<std::string> codes;
  const std::regex word("[a-z][a-z_]+[a-z]");
  for (auto it = std::sregex_iterator(list.begin() + 20, list.end(), word); it != std::sregex_iterator(); ++it) {
    codes.insert(it->str());
  }
  return codes;
}

TEST(Messages, EveryErrcHasATurkishAndAnEnglishMessage) {
  std::set<std::string_view> turkish;
  for (int value = 1; value <= static_cast<int>(nes::errc::journal_failed); ++value) {
    const auto m = nes::message_of(static_cast<nes::errc>(value));
    EXPECT_FALSE(m.tr.empty()) << value;
    EXPECT_FALSE(m.en.empty()) << value;
    EXPECT_NE(m.tr, m.en) << value;
    EXPECT_NE(m.tr, "Bilinmeyen bir hata.") << value;
    EXPECT_NE(nes::to_string(static_cast<nes::errc>(value)), "unknown") << value;
    turkish.insert(m.tr);
  }
  // Distinct but for the two codes that say the same to a person.
  EXPECT_GE(turkish.size(), static_cast<std::size_t>(nes::errc::journal_failed) - 1);
  EXPECT_EQ(nes::message_of(nes::errc::pin_incorrect).tr, "PIN hatalı.");
  EXPECT_EQ(nes::to_string(nes::errc::connection_failed), "connection_failed");
  EXPECT_EQ(nes::to_string(nes::errc::journal_failed), "journal_failed");
  EXPECT_EQ(nes::to_string(static_cast<nes::errc>(999)), "unknown");
}

TEST(Messages, EveryDocumentedProblemCodeHasBothMessages) {
  const auto codes = documented_problem_codes();
  ASSERT_GT(codes.size(), 30U);
  for (const auto& code : codes) {
    const auto m = nes::problem_message(code);
    ASSERT_TRUE(m.has_value()) << code;
    EXPECT_FALSE(m->tr.empty()) << code;
    EXPECT_FALSE(m->en.empty()) << code;
    EXPECT_EQ(m->tr.find('_'), std::string_view::npos) << code;  // no raw code in the sentence
  }
  EXPECT_FALSE(nes::problem_message("no_such_code").has_value());
  EXPECT_FALSE(nes::problem_message("").has_value());
}

TEST(Messages, EveryFieldHasALabel) {
  for (const auto path : nes::fields::all) {
    const auto label = nes::field_label(path);
    ASSERT_TRUE(label.has_value()) << path;
    EXPECT_EQ(label->tr.find('_'), std::string_view::npos) << path;
    EXPECT_NE(label->tr, path) << path;
  }
  EXPECT_EQ(nes::field_label("identity.mobile_phone")->tr, "Cep telefonu");
  EXPECT_FALSE(nes::field_label("identity").has_value());
}

TEST(Messages, EveryStatusHasALabelInBothLanguages) {
  std::set<std::string_view> labels;
  for (int i = 0; i <= static_cast<int>(nes::ApplicationStatus::rejected); ++i) {
    const auto label = nes::status_label(static_cast<nes::ApplicationStatus>(i));
    EXPECT_NE(label.tr, "Bilinmeyen durum") << i;
    EXPECT_EQ(label.tr.find('_'), std::string_view::npos) << i;
    labels.insert(label.tr);
  }
  EXPECT_EQ(labels.size(), static_cast<std::size_t>(nes::ApplicationStatus::rejected) + 1);
  EXPECT_EQ(nes::status_label(nes::ApplicationStatus::awaiting_payment).en, "Waiting for payment");
}

TEST(Messages, DescribeGivesTriesLeftWaitAndFieldsInTheChosenLanguage) {
  nes::Problem wrong_code;
  wrong_code.http_status = 422;
  wrong_code.code = "otp_invalid";
  wrong_code.detail = "The code is wrong";
  wrong_code.tries_left = 2;
  EXPECT_EQ(nes::describe(nes::errc::portal_refused, &wrong_code, nes::Language::tr),
            "SMS kodu hatalı. Kalan deneme hakkı: 2.");
  EXPECT_EQ(nes::describe(nes::errc::portal_refused, &wrong_code, nes::Language::en),
            "The SMS code is wrong. Tries left: 2.");

  nes::Problem limited;
  limited.http_status = 429;
  limited.code = "rate_limited";
  limited.retry_after = std::chrono::seconds(125);
  EXPECT_EQ(nes::describe(nes::errc::portal_refused, &limited, nes::Language::tr),
            "Çok fazla deneme yapıldı. 2 dakika 5 saniye sonra yeniden deneyin.");
  EXPECT_EQ(nes::describe(nes::errc::portal_refused, &limited, nes::Language::en),
            "Too many attempts. Try again in 2 minutes 5 seconds.");

  nes::Problem form;
  form.http_status = 422;
  form.code = "invalid_form";
  form.errors.push_back(nes::make_field_error("identity.mobile_phone", nes::ValidationCode::not_mobile));
  const auto tr = nes::describe(nes::errc::portal_refused, &form, nes::Language::tr);
  EXPECT_NE(tr.find("\n  - Cep telefonu: Cep telefonu numarası değil"), std::string::npos) << tr;
  EXPECT_EQ(tr.find("identity."), std::string::npos) << tr;
  EXPECT_EQ(tr.find("not_mobile"), std::string::npos) << tr;

  // A code this SDK does not know: the generic message and the status, never the English detail.
  nes::Problem unknown;
  unknown.http_status = 418;
  unknown.code = "teapot";
  unknown.detail = "I am a teapot";
  EXPECT_EQ(nes::describe(nes::errc::portal_refused, &unknown, nes::Language::tr),
            "Portal isteği reddetti. (HTTP 418)");
  EXPECT_EQ(nes::describe(nes::errc::connection_failed, nullptr, nes::Language::en), "Cannot connect to the server.");
}

TEST(Messages, RecoveryTellsAFixAWaitAFailureAndAFinalNo) {
  nes::Problem p;
  p.http_status = 422;
  p.code = "phone_not_registered";
  EXPECT_EQ(nes::recovery_of(nes::errc::portal_refused, &p), nes::Recovery::correct);
  p.code = "rate_limited";
  EXPECT_EQ(nes::recovery_of(nes::errc::portal_refused, &p), nes::Recovery::wait);
  p.code = "not_staff";
  EXPECT_EQ(nes::recovery_of(nes::errc::portal_refused, &p), nes::Recovery::permanent);
  p.code = "unavailable";
  p.http_status = 503;
  EXPECT_EQ(nes::recovery_of(nes::errc::portal_refused, &p), nes::Recovery::transient);
  EXPECT_EQ(nes::recovery_of(nes::errc::connection_failed, nullptr), nes::Recovery::transient);
  // A signature without its time stamp: give the time-stamp service (nes apply --tsa) and sign again.
  p.http_status = 422;
  p.code = "signature_time_stamp_missing";
  EXPECT_EQ(nes::recovery_of(nes::errc::portal_refused, &p), nes::Recovery::correct);
  // Validation data the run was not given (nes apply --signer-ca, --ocsp): corrected; a status server
  // that does not answer: transient.
  p.code = "validation_data_missing";
  EXPECT_EQ(nes::recovery_of(nes::errc::portal_refused, &p), nes::Recovery::correct);
  p.http_status = 0;
  p.code = "revocation_source_missing";
  EXPECT_EQ(nes::recovery_of(nes::errc::revocation_unavailable, &p), nes::Recovery::correct);
  p.code = "revocation_source_unreachable";
  EXPECT_EQ(nes::recovery_of(nes::errc::revocation_unavailable, &p), nes::Recovery::transient);
  // The TSA's own refusals: wrong credentials are corrected; no credit left is for a person to buy.
  p.http_status = 0;
  p.code = "tsa_identity_invalid";
  EXPECT_EQ(nes::recovery_of(nes::errc::timestamp_refused, &p), nes::Recovery::correct);
  p.code = "tsa_not_enough_credit";
  EXPECT_EQ(nes::recovery_of(nes::errc::timestamp_refused, &p), nes::Recovery::permanent);
  EXPECT_EQ(nes::recovery_of(nes::errc::pin_locked, nullptr), nes::Recovery::permanent);
  EXPECT_EQ(nes::recovery_of(nes::errc::invalid_argument, nullptr), nes::Recovery::correct);
  // A source that gave nothing (no password, no code): something to give, not a failure to wait out.
  const nes::error_code aborted = boost::system::errc::make_error_code(boost::system::errc::operation_canceled);
  EXPECT_EQ(nes::recovery_of(aborted, nullptr), nes::Recovery::correct);
  EXPECT_EQ(nes::describe(aborted, nullptr, nes::Language::tr).rfind("Durduruldu", 0), 0U);
}

}  // namespace
