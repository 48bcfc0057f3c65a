#include "portal/http/form.hpp"

#include <gtest/gtest.h>

namespace {

using nes::portal::http::parse_form;

TEST(Form, DecodesPercentAndPlus) {
  const auto form = parse_form("tckn=10000000146&password=%C5%9Fifre+123%26x&empty=");
  ASSERT_TRUE(form);
  EXPECT_EQ(form->at("tckn"), "10000000146");
  EXPECT_EQ(form->at("password"), "şifre 123&x");
  EXPECT_EQ(form->at("empty"), "");
}

// Regression: a query inside a larger buffer (as in a request line) must end
// where its view ends.
TEST(Form, StopsAtTheEndOfTheView) {
  const std::string request_line = "/oauth2/authorize?a=1&method=S256 HTTP/1.1 method=u";
  const auto form = parse_form(std::string_view(request_line).substr(18, 15));
  ASSERT_TRUE(form);
  EXPECT_EQ(form->at("method"), "S256");
  EXPECT_EQ(form->size(), 2U);
}

TEST(Form, RefusesMalformedAndAmbiguousInput) {
  EXPECT_FALSE(parse_form("a=%ZZ"));
  EXPECT_FALSE(parse_form("a=1&a=2"));
  EXPECT_TRUE(parse_form("")->empty());
}

}  // namespace
