// Without a PC/SC service: run with PCSCLITE_CSOCK_NAME naming a socket no
// pcscd serves (see CMakeLists.txt). Opening says so at once, never hangs.

#include <nes/card_readers.hpp>

#include <boost/asio/io_context.hpp>

#include <gtest/gtest.h>

#include <chrono>
#include <string>

namespace nes {
namespace {

TEST(CardReadersWithoutPcscd, OpeningIsPcscUnavailableAtOnceWithAReason) {
  boost::asio::io_context io;
  error_code ec;
  std::string detail;
  const auto started = std::chrono::steady_clock::now();
  const auto readers = CardReaders::open(io.get_executor(), ec, &detail);
  EXPECT_LT(std::chrono::steady_clock::now() - started, std::chrono::seconds(2));
  EXPECT_EQ(readers, nullptr);
  EXPECT_EQ(ec, errc::pcsc_unavailable);
  EXPECT_EQ(ec.message(), "no PC/SC service (is pcscd running?)");
  EXPECT_FALSE(detail.empty());
}

}  // namespace
}  // namespace nes
