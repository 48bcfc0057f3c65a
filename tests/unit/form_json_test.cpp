#include "test_forms.hpp"

#include <nes/form_json.hpp>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace {

using nes::ValidationCode;
using nes::test::codes_at;
using ::testing::ElementsAre;
using ::testing::HasSubstr;

TEST(FormJson, RoundTripsAFullForm) {
  const auto form = nes::test::valid_form();
  const auto encoded = nes::encode_form_json(form);
  const auto decoded = nes::decode_form_json(encoded.reveal());
  ASSERT_TRUE(decoded.form);
  EXPECT_TRUE(decoded.errors.empty());
  EXPECT_EQ(*decoded.form, form);
}

TEST(FormJson, RoundTripsTheSecurityWord) {
  auto form = nes::test::valid_form();
  form.certificate.security_word = nes::SecretString("Kır çiçeği 7");
  const auto decoded = nes::decode_form_json(nes::encode_form_json(form).reveal());
  ASSERT_TRUE(decoded.form);
  EXPECT_EQ(decoded.form->certificate.security_word, form.certificate.security_word);
}

TEST(FormJson, RoundTripsAnEmptyAndAPartialForm) {
  nes::ApplicationForm empty;
  EXPECT_EQ(*nes::decode_form_json(nes::encode_form_json(empty).reveal()).form, empty);
  nes::ApplicationForm partial;
  partial.identity.info_channel = nes::InfoChannel::email;
  partial.delivery.address_type = nes::AddressType::other;
  partial.certificate.publish_online = false;
  EXPECT_EQ(*nes::decode_form_json(nes::encode_form_json(partial).reveal()).form, partial);
}

TEST(FormJson, NullMeansNotGiven) {
  const auto decoded = nes::decode_form_json(R"({"identity": {"email": null}, "certificate": null})");
  ASSERT_TRUE(decoded.form);
  EXPECT_TRUE(decoded.errors.empty());
  EXPECT_TRUE(decoded.form->identity.email.empty());
}

TEST(FormJson, ReportsMalformedJsonWithItsPosition) {
  const auto decoded = nes::decode_form_json("{\n  \"identity\": {\"tckn\": \"1\",, }\n}");
  EXPECT_FALSE(decoded.form);
  ASSERT_EQ(decoded.errors.size(), 1U);
  EXPECT_EQ(decoded.errors[0].code, ValidationCode::malformed_json);
  EXPECT_EQ(decoded.errors[0].field, "");
  EXPECT_THAT(decoded.errors[0].message_en, HasSubstr("line 2, column"));
  EXPECT_THAT(decoded.errors[0].message_tr, HasSubstr("satır 2, sütun"));  // no English reason in Turkish
}

TEST(FormJson, RefusesTrailingDataTruncationAndBytesOutsideStrings) {
  for (const char* doc : {"{} {}", "{\"identity\": {", "", "   ", "{\"a\": 1}\xFF", "\xEF\xBB\xBF"}) {
    const auto decoded = nes::decode_form_json(doc);
    EXPECT_FALSE(decoded.form) << doc;
    ASSERT_FALSE(decoded.errors.empty()) << doc;
    EXPECT_EQ(decoded.errors[0].code, ValidationCode::malformed_json) << doc;
  }
}

TEST(FormJson, AcceptsALeadingByteOrderMark) {
  const auto decoded = nes::decode_form_json("\xEF\xBB\xBF{\"identity\": {\"first_name\": \"Ali\"}}");
  ASSERT_TRUE(decoded.form);
  EXPECT_EQ(decoded.form->identity.first_name, "Ali");
}

TEST(FormJson, InvalidUtf8InAStringIsReportedAtItsField) {
  const auto result = nes::check_form_json("{\"identity\": {\"first_name\": \"Ay\xFE\x65\"}}");
  EXPECT_THAT(codes_at(result.errors, "identity.first_name"), ElementsAre(ValidationCode::invalid_utf8));
}

TEST(FormJson, ReportsUnknownFieldsWrongTypesAndDuplicates) {
  const auto decoded = nes::decode_form_json(R"({
    "certificate": {"validity_years": 1.5, "card_reader": "yes", "publish_online": 1},
    "identity": {"tckn": 10000000146, "tckn": "10000000146", "nick": "x", "info_channel": "fax"},
    "institution": [],
    "delivery": {"address_type": "Ev", "postal_code": 6800},
    "extra": true})");
  ASSERT_TRUE(decoded.form);
  const auto& e = decoded.errors;
  EXPECT_THAT(codes_at(e, "certificate.validity_years"), ElementsAre(ValidationCode::wrong_type));
  EXPECT_THAT(codes_at(e, "certificate.card_reader"), ElementsAre(ValidationCode::wrong_type));
  EXPECT_THAT(codes_at(e, "certificate.publish_online"), ElementsAre(ValidationCode::wrong_type));
  EXPECT_THAT(codes_at(e, "identity.tckn"), ElementsAre(ValidationCode::duplicate_field));
  EXPECT_THAT(codes_at(e, "identity.nick"), ElementsAre(ValidationCode::unknown_field));
  EXPECT_THAT(codes_at(e, "identity.info_channel"), ElementsAre(ValidationCode::unknown_value));
  EXPECT_THAT(codes_at(e, "institution"), ElementsAre(ValidationCode::wrong_type));
  EXPECT_THAT(codes_at(e, "delivery.address_type"), ElementsAre(ValidationCode::unknown_value));
  EXPECT_THAT(codes_at(e, "delivery.postal_code"), ElementsAre(ValidationCode::wrong_type));
  EXPECT_THAT(codes_at(e, "extra"), ElementsAre(ValidationCode::unknown_field));
  // The duplicated value is not silently taken.
  EXPECT_TRUE(decoded.form->identity.tckn.empty());
}

TEST(FormJson, IntegersOutsideInt32AreOutOfRange) {
  const auto decoded = nes::decode_form_json(R"({"certificate": {"validity_years": 99999999999}})");
  EXPECT_THAT(codes_at(decoded.errors, "certificate.validity_years"), ElementsAre(ValidationCode::out_of_range));
  const auto big = nes::decode_form_json(R"({"certificate": {"validity_years": 18446744073709551615}})");
  EXPECT_THAT(codes_at(big.errors, "certificate.validity_years"), ElementsAre(ValidationCode::out_of_range));
}

TEST(FormJson, OddKeysAreQuotedInPaths) {
  const auto decoded = nes::decode_form_json("{\"identity\": {\"a.b\": 1, \"k\xFF\": 2}}");
  ASSERT_EQ(decoded.errors.size(), 2U);
  EXPECT_EQ(decoded.errors[0].field, "identity[\"a.b\"]");
  EXPECT_EQ(decoded.errors[1].field, "identity[\"k\\xFF\"]");
}

TEST(FormJson, TopLevelMustBeAnObjectAndDeepNestingIsRefused) {
  EXPECT_FALSE(nes::decode_form_json("[]").form);
  EXPECT_EQ(nes::decode_form_json("\"x\"").errors[0].code, ValidationCode::wrong_type);
  const std::string deep = std::string(10000, '[') + std::string(10000, ']');
  const auto decoded = nes::decode_form_json(deep);
  EXPECT_FALSE(decoded.form);
  EXPECT_EQ(decoded.errors[0].code, ValidationCode::malformed_json);
}

TEST(CheckFormJson, MergesDecodeAndValidationProblemsOncePerFieldInFormOrder) {
  const auto result = nes::check_form_json(R"({
    "delivery": 5,
    "identity": {"tckn": 1, "first_name": "Ali", "last_name": "Veli", "mobile_phone": "0312 000 00 00",
                 "info_channel": "sms"},
    "certificate": {"validity_years": 1, "card_reader": false, "publish_online": false},
    "institution": {"id": "x"}})");
  std::vector<std::string> fields;
  for (const auto& e : result.errors) fields.push_back(e.field + ":" + std::string(nes::to_string(e.code)));
  EXPECT_THAT(fields,
              ElementsAre("identity.tckn:wrong_type", "identity.mobile_phone:not_mobile", "delivery:wrong_type"));
  EXPECT_FALSE(result.normalized);
}

TEST(CheckFormJson, ValidDocumentGivesTheNormalisedForm) {
  const auto encoded = nes::encode_form_json(nes::test::valid_form());
  const auto catalogue = nes::test::catalogue();
  const auto result = nes::check_form_json(encoded.reveal(), catalogue);
  ASSERT_TRUE(result.valid());
  EXPECT_EQ(result.normalized->identity.mobile_phone, "+905321234567");
}

}  // namespace
