// The HR desk's form reader on what a browser sends and on what it must
// refuse: urlencoded fields, multipart parts with a file, and malformed bodies.

#include "form_body.hpp"

#include <gtest/gtest.h>

namespace {

using nes::hr_desk::read_multipart;
using nes::hr_desk::read_urlencoded;

TEST(DeskForm, UrlencodedFieldsAreDecoded) {
  const auto fields = read_urlencoded("t=abc&lang=en&reason=Birim+onay%C4%B1&empty=");
  ASSERT_TRUE(fields);
  EXPECT_EQ(fields->at("lang"), "en");  // not read past the end (Boost.URL 1.81)
  EXPECT_EQ(fields->at("reason"), "Birim onayı");
  EXPECT_EQ(fields->at("empty"), "");
  EXPECT_FALSE(read_urlencoded("a=%zz"));
}

TEST(DeskForm, MultipartPartsAndTheUploadedFile) {
  const std::string body =
      "--XyZ\r\nContent-Disposition: form-data; name=\"t\"\r\n\r\nabc\r\n"
      "--XyZ\r\nContent-Disposition: form-data; name=\"csv\"; filename=\"personel.csv\"\r\n"
      "Content-Type: text/csv\r\n\r\ntckn,first_name\r\n53304452938,Elif\r\n\r\n--XyZ--\r\n";
  const auto fields = read_multipart("multipart/form-data; boundary=XyZ", body);
  ASSERT_TRUE(fields);
  EXPECT_EQ(fields->at("t"), "abc");
  EXPECT_EQ(fields->at("csv"), "tckn,first_name\r\n53304452938,Elif\r\n");
  const auto quoted = read_multipart("multipart/form-data; boundary=\"XyZ\"", body);
  ASSERT_TRUE(quoted);
  EXPECT_EQ(quoted->size(), 2U);
}

TEST(DeskForm, MalformedMultipartIsNoForm) {
  const std::string type = "multipart/form-data; boundary=XyZ";
  EXPECT_FALSE(read_multipart("text/plain", "--XyZ--"));
  EXPECT_FALSE(read_multipart("multipart/form-data", "--XyZ--"));  // no boundary
  EXPECT_FALSE(read_multipart(type, "garbage"));                   // no first delimiter
  EXPECT_FALSE(read_multipart(type, "--XyZ\r\nContent-Disposition: form-data\r\n\r\nx\r\n--XyZ--"));  // no name
  EXPECT_FALSE(read_multipart(type, "--XyZ\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\nunclosed"));
  EXPECT_FALSE(read_multipart(type, "--XyZ\r\nno colon here\r\n\r\nx\r\n--XyZ--"));
  const auto empty = read_multipart(type, "--XyZ--\r\n");
  ASSERT_TRUE(empty);
  EXPECT_TRUE(empty->empty());
}

}  // namespace
