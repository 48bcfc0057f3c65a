#include "portal/registry/personnel_registry.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

namespace {

using nes::portal::registry::decode_personnel_registry;
using nes::portal::registry::PasswordHash;
using ::testing::UnorderedElementsAre;

std::string demo_registry_text() {
  std::ifstream in(NES_EXAMPLES_DIR "/portal/registry.json", std::ios::binary);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

TEST(PasswordHash, VerifiesTheRightPasswordOnly) {
  const auto h = PasswordHash::make("e-Devlet şifresi", PasswordHash::min_iterations);
  EXPECT_TRUE(h.verify("e-Devlet şifresi"));
  EXPECT_FALSE(h.verify("e-Devlet sifresi"));
  EXPECT_FALSE(h.verify(""));
  const auto other = PasswordHash::make("e-Devlet şifresi", PasswordHash::min_iterations);
  EXPECT_NE(h.salt, other.salt);  // salted: same password, different hash
  EXPECT_NE(h.hash, other.hash);
}

TEST(PersonnelRegistry, TheDemoRegistryLoadsWithItsTurkishNames) {
  const auto registry = decode_personnel_registry(demo_registry_text());
  ASSERT_TRUE(registry.ok()) << registry.errors().front().field;
  EXPECT_EQ(registry->size(), 9U);
  const auto* ismail = registry->find("62601815964");
  ASSERT_NE(ismail, nullptr);
  EXPECT_EQ(ismail->first_name, "İsmail");
  EXPECT_EQ(ismail->last_name, "Işık");
  EXPECT_EQ(ismail->mobile_phones.size(), 2U);
  EXPECT_EQ(ismail->mobile_phones[1].masked(), "*** *** 92 90");
  EXPECT_TRUE(ismail->is_staff_of("saglik-bakanligi"));
  EXPECT_FALSE(ismail->is_staff_of("meb"));
  EXPECT_TRUE(ismail->password.verify("Demo-Parola-2"));
  EXPECT_FALSE(ismail->password.verify("Demo-Parola-1"));
  EXPECT_EQ(registry->find("10000000145"), nullptr);
  // The institution-paid demo institution's authorised officer.
  const auto* hakan = registry->find("67746370606");
  ASSERT_NE(hakan, nullptr);
  EXPECT_TRUE(hakan->is_officer_of("ornek-universitesi"));
  EXPECT_EQ(hakan->work_email, "hakan.aydin@ornek.edu.tr");
  EXPECT_FALSE(ismail->is_officer_of("saglik-bakanligi"));
}

TEST(PersonnelRegistry, AnOfficerNeedsAWorkEmail) {
  const auto registry = decode_personnel_registry(R"({"people": [{"tckn": "67746370606", "first_name": "Hakan",
    "last_name": "Aydın", "mobile_phones": ["+905351239876"], "officer_of": ["ornek-universitesi"],
    "password": {"algorithm": "pbkdf2-sha256", "iterations": 20000, "salt": "3R4vXhV1Sr/3xCl+HwhOww==",
                 "hash": "RtoM3w4sKLFl6WZK6PmigeegwPxY4tC1fRh2gBotQrg="}}]})");
  ASSERT_FALSE(registry.ok());
  EXPECT_EQ(registry.errors().front().field, "people[0].work_email");
  EXPECT_EQ(registry.errors().front().code, nes::ValidationCode::required);
}

TEST(PersonnelRegistry, ReportsEveryProblemByPath) {
  const auto registry = decode_personnel_registry(R"({"people": [
    {"tckn": "10000000145", "first_name": "Ali2", "last_name": "Veli", "mobile_phones": ["0312 210 20 00"],
     "staff_of": ["Bad Id"], "password": {"algorithm": "md5", "iterations": 10, "salt": "!!", "hash": ""}},
    {"tckn": "10000000146", "first_name": "Ayşe", "last_name": "Kaya", "mobile_phones": ["05321234567"],
     "password": {"algorithm": "pbkdf2-sha256", "iterations": 10000, "salt": "AAAAAAAAAAAAAAAAAAAAAA==",
                  "hash": "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA="}, "nick": "x"}]})");
  ASSERT_FALSE(registry.ok());
  std::vector<std::string> got;
  for (const auto& e : registry.errors()) got.push_back(e.field + ":" + std::string(nes::to_string(e.code)));
  EXPECT_THAT(got,
              UnorderedElementsAre("people[0].mobile_phones[0]:not_mobile", "people[0].staff_of[0]:invalid_identifier",
                                   "people[0].password.algorithm:unknown_value",
                                   "people[0].password.iterations:out_of_range", "people[0].password.salt:wrong_type",
                                   "people[0].password.hash:wrong_type", "people[0].tckn:checksum",
                                   "people[0].first_name:invalid_character", "people[1].nick:unknown_field"));
}

TEST(PersonnelRegistry, RefusesTheSamePersonTwice) {
  const auto hash = R"({"algorithm": "pbkdf2-sha256", "iterations": 10000, "salt": "AAAAAAAAAAAAAAAAAAAAAA==",
                        "hash": "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA="})";
  const std::string person = std::string(R"({"tckn": "10000000146", "first_name": "Ayşe", "last_name": "Kaya",
      "mobile_phones": ["05321234567"], "password": )") +
                             hash + "}";
  const auto registry = decode_personnel_registry(R"({"people": [)" + person + "," + person + "]}");
  ASSERT_FALSE(registry.ok());
  EXPECT_EQ(registry.errors().front().field, "people[1].tckn");
  EXPECT_EQ(registry.errors().front().code, nes::ValidationCode::duplicate_field);
}

}  // namespace
