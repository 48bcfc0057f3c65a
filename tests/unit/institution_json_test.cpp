#include <nes/institution.hpp>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

namespace {

using nes::ValidationCode;

TEST(InstitutionCatalogue, DecodesRulesAndNotices) {
  const auto catalogue = nes::decode_institution_catalogue(R"({"institutions": [
    {"id": "saglik-bakanligi", "name": "T.C. Sağlık Bakanlığı", "payment": "person_paid",
     "rules": {"required_fields": ["institution.unit"], "validity_years": [1, 3], "card_reader_offered": false},
     "notices": [{"id": "no_refund", "text_tr": "İade yapılmaz.", "text_en": "No refund."}]},
    {"id": "ornek", "name": "Örnek Kurum", "payment": "institution_paid"}]})");
  ASSERT_TRUE(catalogue.ok()) << catalogue.errors().front().field;
  ASSERT_EQ(catalogue->size(), 2U);
  const auto& first = (*catalogue)[0];
  EXPECT_EQ(first.name, "T.C. Sağlık Bakanlığı");
  EXPECT_TRUE(first.rules.requires_field("institution.unit"));
  EXPECT_FALSE(first.rules.requires_field("institution.work_phone"));
  EXPECT_EQ(first.rules.validity_years, (std::vector<int>{1, 3}));
  EXPECT_FALSE(first.rules.card_reader_offered);
  ASSERT_EQ(first.notices.size(), 1U);
  EXPECT_EQ(first.notices[0].text_tr, "İade yapılmaz.");
  EXPECT_EQ((*catalogue)[1].payment, nes::PaymentKind::institution_paid);
  EXPECT_TRUE((*catalogue)[1].rules.card_reader_offered);
}

TEST(InstitutionCatalogue, ReportsEveryProblemWithItsPath) {
  const auto catalogue = nes::decode_institution_catalogue(R"({"institutions": [
    {"id": "A B", "name": "", "payment": "free",
     "rules": {"required_fields": ["identity.tckn", 3], "validity_years": [0, "2"], "colour": "red"},
     "notices": [{"text_en": "x"}]},
    {"id": "a", "name": "A"}, {"id": "a", "name": "A again"}]})");
  ASSERT_FALSE(catalogue.ok());
  std::vector<std::string> got;
  for (const auto& e : catalogue.errors()) got.push_back(e.field + ":" + std::string(nes::to_string(e.code)));
  EXPECT_THAT(
      got,
      ::testing::UnorderedElementsAre(
          "institutions[0].id:invalid_identifier", "institutions[0].name:required",
          "institutions[0].payment:unknown_value", "institutions[0].rules.required_fields[0]:unknown_value",
          "institutions[0].rules.required_fields[1]:wrong_type", "institutions[0].rules.validity_years[0]:out_of_range",
          "institutions[0].rules.validity_years[1]:wrong_type", "institutions[0].rules.colour:unknown_field",
          "institutions[0].notices[0].id:required", "institutions[0].notices[0].text_tr:required",
          "institutions[2].id:duplicate_field"));
}

TEST(InstitutionCatalogue, TheExampleCatalogueIsValid) {
  std::ifstream in(NES_EXAMPLES_DIR "/forms/catalogue.json");
  ASSERT_TRUE(in) << "cannot open the example catalogue";
  std::stringstream text;
  text << in.rdbuf();
  const auto catalogue = nes::decode_institution_catalogue(text.str());
  ASSERT_TRUE(catalogue.ok()) << catalogue.errors().front().field;
  EXPECT_EQ(catalogue->size(), 4U);
  for (const auto& inst : *catalogue) EXPECT_FALSE(inst.notices.empty()) << inst.id;
  EXPECT_EQ(catalogue->back().payment, nes::PaymentKind::institution_paid);
}

}  // namespace
