#include <nes/secret.hpp>

#include <gtest/gtest.h>

namespace {

TEST(SecretString, HoldsAndComparesItsValue) {
  const nes::SecretString a("10000000146");
  const nes::SecretString b("10000000146");
  const nes::SecretString c("10000000147");
  EXPECT_EQ(a.reveal(), "10000000146");
  EXPECT_EQ(a, b);
  EXPECT_FALSE(a == c);
  EXPECT_FALSE(a == nes::SecretString("1000000014"));
}

TEST(SecretString, MovingLeavesTheSourceEmpty) {
  nes::SecretString a("parola-123");
  nes::SecretString b(std::move(a));
  EXPECT_EQ(b.reveal(), "parola-123");
  EXPECT_TRUE(a.empty());  // NOLINT(bugprone-use-after-move): the point of the test
  nes::SecretString c;
  c = std::move(b);
  EXPECT_TRUE(b.empty());  // NOLINT(bugprone-use-after-move)
  EXPECT_EQ(c.reveal(), "parola-123");
}

TEST(SecretString, ClearWipesTheBuffer) {
  nes::SecretString s("123456");
  const char* data = s.reveal().data();  // small-string buffer inside the object
  s.clear();
  EXPECT_TRUE(s.empty());
  for (int i = 0; i < 6; ++i) EXPECT_EQ(data[i], '\0');
}

TEST(SecureWipe, ZeroesTheBytes) {
  char buf[8] = {'s', 'e', 'c', 'r', 'e', 't', '!', '!'};
  nes::secure_wipe(buf, sizeof buf);
  for (const char c : buf) EXPECT_EQ(c, '\0');
}

}  // namespace
