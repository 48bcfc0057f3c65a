#include "test_forms.hpp"

#include <nes/field_paths.hpp>
#include <nes/form_validation.hpp>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace {

using nes::ValidationCode;
using nes::test::catalogue;
using nes::test::codes_at;
using nes::test::valid_form;
using ::testing::ElementsAre;

TEST(FormValidation, AcceptsAValidFormAndNormalisesIt) {
  const auto result = nes::validate_form(valid_form(), catalogue());
  ASSERT_TRUE(result.valid()) << result.errors.front().field;
  const auto& n = *result.normalized;
  EXPECT_EQ(n.identity.mobile_phone, "+905321234567");
  EXPECT_EQ(n.institution.work_phone, "+903122102000");
  EXPECT_EQ(n.identity.tckn.reveal(), "10000000146");
  EXPECT_EQ(n.delivery.province, "Ankara");
}

TEST(FormValidation, NormalisingANormalisedFormChangesNothing) {
  auto form = valid_form();
  form.identity.first_name = "  Ayşe   Gül ";
  form.identity.last_name =
      "S\xCC\xA7"
      "ahin";  // decomposed Ş
  form.delivery.province = "ANKARA";
  form.identity.mobile_phone = "+90 (532) 123-45-67";
  const auto once = nes::validate_form(form, catalogue());
  ASSERT_TRUE(once.valid());
  const auto twice = nes::validate_form(*once.normalized, catalogue());
  ASSERT_TRUE(twice.valid());
  EXPECT_EQ(*twice.normalized, *once.normalized);
  EXPECT_EQ(once.normalized->identity.first_name, "Ayşe Gül");
  EXPECT_EQ(once.normalized->identity.last_name, "Şahin");
}

TEST(FormValidation, ReportsEveryMissingFieldAtOnceInFormOrder) {
  const auto result = nes::validate_form(nes::ApplicationForm{});
  std::vector<std::string> fields;
  for (const auto& e : result.errors) {
    EXPECT_EQ(e.code, ValidationCode::required) << e.field;
    fields.push_back(e.field);
  }
  EXPECT_THAT(fields, ElementsAre("certificate.validity_years", "certificate.card_reader", "certificate.publish_online",
                                  "identity.tckn", "identity.first_name", "identity.last_name", "identity.mobile_phone",
                                  "identity.info_channel", "institution.id", "delivery.address_type",
                                  "delivery.address_line", "delivery.district", "delivery.province"));
  EXPECT_FALSE(result.normalized);
}

TEST(FormValidation, EveryMessageIsBilingualAndEveryCodeNamed) {
  const auto result = nes::validate_form(nes::ApplicationForm{});
  for (const auto& e : result.errors) {
    EXPECT_FALSE(e.message_tr.empty());
    EXPECT_FALSE(e.message_en.empty());
    EXPECT_NE(e.message_tr, e.message_en);
    EXPECT_EQ(nes::to_string(e.code), "required");
  }
}

TEST(FormValidation, InstitutionRulesComeFromTheInstitutionObject) {
  auto form = valid_form();
  form.institution = {.id = "meb", .unit = "", .work_phone = "", .extension = ""};
  form.delivery.postal_code.clear();
  form.certificate.card_reader = true;
  form.certificate.validity_years = 5;
  const auto result = nes::validate_form(form, catalogue());
  EXPECT_THAT(codes_at(result.errors, "institution.unit"), ElementsAre(ValidationCode::required));
  EXPECT_THAT(codes_at(result.errors, "delivery.postal_code"), ElementsAre(ValidationCode::required));
  EXPECT_THAT(codes_at(result.errors, "certificate.card_reader"), ElementsAre(ValidationCode::not_offered));
  EXPECT_THAT(codes_at(result.errors, "certificate.validity_years"), ElementsAre(ValidationCode::not_offered));
  EXPECT_TRUE(codes_at(result.errors, "institution.work_phone").empty());  // meb does not require it

  // The same rules on a made-up institution: nothing is keyed on ids.
  const auto custom = nes::test::institution("tubitak", {"institution.extension"}, {2});
  form.institution.id = "tubitak";
  form.certificate.validity_years = 2;
  form.certificate.card_reader = false;
  const auto r2 = nes::validate_form(form, &custom);
  EXPECT_THAT(codes_at(r2.errors, "institution.extension"), ElementsAre(ValidationCode::required));
  EXPECT_THAT(codes_at(r2.errors, "institution.work_phone"), ElementsAre(ValidationCode::required));
}

TEST(FormValidation, WithoutAnInstitutionOnlyTheBaseRulesApply) {
  auto form = valid_form();
  form.institution.unit.clear();
  form.certificate.validity_years = 7;
  EXPECT_TRUE(nes::validate_form(form).valid());
  form.certificate.validity_years = 0;
  EXPECT_THAT(codes_at(nes::validate_form(form).errors, "certificate.validity_years"),
              ElementsAre(ValidationCode::out_of_range));
}

TEST(FormValidation, TheSecurityWordIsOptionalAndOfFourToThirtyTwoCharacters) {
  auto form = valid_form();
  EXPECT_TRUE(nes::validate_form(form, catalogue()).valid());
  form.certificate.security_word = nes::SecretString("  çiçek   bahçesi ");
  const auto checked = nes::validate_form(form, catalogue());
  ASSERT_TRUE(checked.valid());
  EXPECT_EQ(checked.normalized->certificate.security_word->reveal(), "çiçek bahçesi");
  form.certificate.security_word = nes::SecretString("çiç");  // three characters, six bytes
  EXPECT_THAT(codes_at(nes::validate_form(form, catalogue()).errors, "certificate.security_word"),
              ElementsAre(ValidationCode::too_short));
  EXPECT_EQ(nes::validate_form(form, catalogue()).errors.at(0).message_tr, "En az 4 karakter olmalıdır.");
  form.certificate.security_word = nes::SecretString(std::string(33, 'a'));
  EXPECT_THAT(codes_at(nes::validate_form(form, catalogue()).errors, "certificate.security_word"),
              ElementsAre(ValidationCode::too_long));
  form.certificate.security_word = nes::SecretString("iki\nsatır");
  EXPECT_FALSE(nes::validate_form(form, catalogue()).valid());
}

TEST(FormValidation, EmailIsRequiredWhenItIsTheInfoChannel) {
  auto form = valid_form();
  form.identity.info_channel = nes::InfoChannel::email;
  EXPECT_THAT(codes_at(nes::validate_form(form, catalogue()).errors, "identity.email"),
              ElementsAre(ValidationCode::required));
  form.identity.email = "ayse.sahin@metu.edu.tr";
  EXPECT_TRUE(nes::validate_form(form, catalogue()).valid());
  form.identity.info_channel = nes::InfoChannel::sms;
  form.identity.email = "not-an-address";  // given, so checked even when not needed
  EXPECT_THAT(codes_at(nes::validate_form(form, catalogue()).errors, "identity.email"),
              ElementsAre(ValidationCode::invalid_email));
}

TEST(FormValidation, AnExtensionNeedsAWorkPhone) {
  auto form = valid_form();
  form.institution.work_phone.clear();
  const auto custom = nes::test::institution("yok-akademik", {}, {});
  EXPECT_THAT(codes_at(nes::validate_form(form, &custom).errors, "institution.work_phone"),
              ElementsAre(ValidationCode::required));
}

TEST(FormValidation, UnknownInstitutionIsReportedInFormOrder) {
  auto form = valid_form();
  form.institution.id = "tsk";
  form.delivery.province = "Narnia";
  const auto result = nes::validate_form(form, catalogue());
  ASSERT_EQ(result.errors.size(), 2U);
  EXPECT_EQ(result.errors[0].field, "institution.id");
  EXPECT_EQ(result.errors[0].code, ValidationCode::unknown_institution);
  EXPECT_EQ(result.errors[1].code, ValidationCode::unknown_province);
}

TEST(FormValidation, ReportsProblemsInManyFieldsAtOnce) {
  auto form = valid_form();
  form.identity.tckn.assign("10000000145");
  form.identity.mobile_phone = "0312 210 20 00";
  form.institution.work_phone = "0532 123 45 67";
  form.delivery.postal_code = "35220";
  const auto result = nes::validate_form(form, catalogue());
  EXPECT_THAT(codes_at(result.errors, "identity.tckn"), ElementsAre(ValidationCode::checksum));
  EXPECT_THAT(codes_at(result.errors, "identity.mobile_phone"), ElementsAre(ValidationCode::not_mobile));
  EXPECT_THAT(codes_at(result.errors, "institution.work_phone"), ElementsAre(ValidationCode::not_landline));
  EXPECT_THAT(codes_at(result.errors, "delivery.postal_code"), ElementsAre(ValidationCode::province_mismatch));
  EXPECT_EQ(result.errors.size(), 4U);
}

TEST(FormValidation, FieldPathsAreTheDocumentedOnes) {
  // Every path a validator reports is one of nes::fields::all.
  nes::ApplicationForm form;
  form.identity.info_channel = nes::InfoChannel::email;
  form.institution.extension = "x";
  form.delivery.postal_code = "x";
  form.institution.unit = "\x01";
  for (const auto& e : nes::validate_form(form, &catalogue()[0]).errors) {
    EXPECT_NE(std::find(nes::fields::all.begin(), nes::fields::all.end(), e.field), nes::fields::all.end()) << e.field;
  }
}

}  // namespace
