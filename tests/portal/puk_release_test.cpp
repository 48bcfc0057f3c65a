// PIN Oluşturma/Kilit Çözme, the portal's side (ADR 0016): the card's PUK
// is released to its holder once, after the application's security word and
// an SMS code. The word is kept as a salted hash only; three wrong words lock
// the release, and the holder goes to Kamu SM's office.

#include "applicant_fixture.hpp"

#include <gtest/gtest.h>

namespace {

using nes::test::code_of;
using nes::test::json_body;
using nes::test::LoggedIn;
using nes::test::Response;
namespace http = boost::beast::http;

constexpr const char* word = "Kır çiçeği 7";

class PukReleaseTest : public nes::test::ApplicantFixture {
 protected:
  // Ayşe's demo form, with a security word when given.
  static std::string form_with(const char* security_word) {
    std::string form = nes::test::demo_form(ayse);
    if (security_word != nullptr) {
      const std::string at = R"("certificate": {)";
      form.insert(form.find(at) + at.size(), std::string(R"("security_word": ")") + security_word + R"(", )");
    }
    return form;
  }
  // Ayşe's certificate, from an application with `security_word` (or none); its serial.
  std::string issued(const LoggedIn& who, const char* security_word) {
    application_ = in_production(who, ayse, demo_fee_kurus(), form_with(security_word));
    EXPECT_EQ(transition(application_, R"({"event": "shipped"})").result(), http::status::ok);
    const auto listed = json_body(flow_->call(who, http::verb::get, "/api/v1/certificates")).at("certificates");
    return std::string(listed.at(0).at("serial").as_string());
  }
  Response ask(const LoggedIn& who, const std::string& serial, const std::string& security_word) {
    return flow_->call(who, http::verb::post, "/api/v1/certificates/" + serial + "/puk",
                       R"({"security_word": ")" + security_word + R"("})");
  }
  Response confirm(const LoggedIn& who, const std::string& serial, const std::string& id, const std::string& code) {
    return flow_->call(who, http::verb::post, "/api/v1/certificates/" + serial + "/puk/" + id + "/confirm",
                       R"({"code": ")" + code + R"("})");
  }

  std::string application_;
};

TEST_F(PukReleaseTest, ThePukIsReleasedOnceAfterTheSecurityWordAndTheSmsCode) {
  const auto who = login(ayse);
  const std::string serial = issued(who, word);
  // The portal keeps the word apart from the form, which never shows it.
  const auto application = flow_->call(who, http::verb::get, "/api/v1/applications/" + application_);
  EXPECT_FALSE(json_body(application).at("form").at("certificate").as_object().contains("security_word"));
  EXPECT_EQ(application.body().find("çiçeği"), std::string::npos);

  const auto wrong = ask(who, serial, "Kır çiçeği 8");
  EXPECT_EQ(wrong.result(), http::status::unprocessable_entity);
  EXPECT_EQ(code_of(wrong), "security_word_incorrect");
  EXPECT_EQ(json_body(wrong).at("tries_left").as_int64(), 2);

  const auto asked = ask(who, serial, word);
  ASSERT_EQ(asked.result(), http::status::accepted) << asked.body();
  const std::string id(json_body(asked).at("id").as_string());
  EXPECT_EQ(json_body(asked).at("serial").as_string(), serial);
  const std::string code = inbox_.code_for(id);
  const auto mistyped = confirm(who, serial, id, code == "000000" ? "111111" : "000000");
  EXPECT_EQ(code_of(mistyped), "otp_invalid");

  const auto card = json_body(admin(http::verb::get, "/admin/v1/applications/" + application_ + "/card"));
  const auto released = confirm(who, serial, id, code);
  ASSERT_EQ(released.result(), http::status::ok) << released.body();
  EXPECT_EQ(released[http::field::cache_control], "no-store");
  EXPECT_EQ(json_body(released).at("puk"), card.at("puk")) << "the PUK the card factory set as its SO PIN";

  // Once: a new request does not give it again, nor another code. The same
  // confirmation with its code, while the code lives, does: its answer may
  // have been lost on the way.
  EXPECT_EQ(code_of(ask(who, serial, word)), "puk_released");
  EXPECT_EQ(code_of(confirm(who, serial, id, code == "000000" ? "111111" : "000000")), "puk_released");
  const auto again = confirm(who, serial, id, code);
  ASSERT_EQ(again.result(), http::status::ok) << again.body();
  EXPECT_EQ(json_body(again).at("puk"), card.at("puk"));
}

TEST_F(PukReleaseTest, ThreeWrongWordsLockTheReleaseEvenForTheRightWord) {
  const auto who = login(ayse);
  const std::string serial = issued(who, word);
  EXPECT_EQ(code_of(ask(who, serial, "yanlış bir")), "security_word_incorrect");
  EXPECT_EQ(code_of(ask(who, serial, "yanlış iki")), "security_word_incorrect");
  const auto third = ask(who, serial, "yanlış üç");
  EXPECT_EQ(third.result(), http::status::conflict);
  EXPECT_EQ(code_of(third), "security_word_locked");
  EXPECT_EQ(code_of(ask(who, serial, word)), "security_word_locked");
}

TEST_F(PukReleaseTest, WithoutAWordItIsKamuSmsOfficeAndOthersSeeNothing) {
  const auto who = login(ayse);
  const std::string serial = issued(who, nullptr);
  const auto none = ask(who, serial, word);
  EXPECT_EQ(none.result(), http::status::conflict);
  EXPECT_EQ(code_of(none), "no_security_word");
  const auto other = ask(login(ismail), serial, word);
  EXPECT_EQ(other.result(), http::status::not_found);
}

}  // namespace
