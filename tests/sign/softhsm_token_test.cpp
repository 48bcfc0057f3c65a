// The test token itself: a store left behind by an earlier process (a crash,
// or a CI machine whose /tmp outlives the run) must never become a second
// token of the same label, which would make every label lookup ambiguous.

#include "signing_fixture.hpp"

#include <gtest/gtest.h>

#include <unistd.h>
#include <filesystem>
#include <string>

namespace nes::test {
namespace {

TEST(SoftHsmToken, AStoreLeftBehindIsStartedAfresh) {
  if (!softhsm_module() || run_command("command -v pkcs11-tool softhsm2-util") != 0) {
    GTEST_SKIP() << "SoftHSM2 and OpenSC are required (scripts/setup-deps tokens)";
  }
  const auto directory = std::filesystem::temp_directory_path() / ("nes-stale-token-" + std::to_string(::getpid()));
  std::filesystem::remove_all(directory);
  const auto first = make_softhsm_token(directory, "10000000146", "AYŞE ÇELİK", "NES STALE");
  const auto second = make_softhsm_token(directory, "10000000146", "AYŞE ÇELİK", "NES STALE");
  std::string slots;
  ASSERT_EQ(run_command("softhsm2-util --show-slots", &slots), 0) << slots;
  EXPECT_EQ(count_of(slots, "Label:            NES STALE"), 1U) << slots;
  EXPECT_NE(first.serial, second.serial);
  std::filesystem::remove_all(directory);
}

}  // namespace
}  // namespace nes::test
