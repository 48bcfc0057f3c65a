// Card readers against a real pcscd with the vsmartcard vpcd reader, and a
// virtual card (virtual_card.py) that is "inserted" while it runs. The
// pcscd comes from the pcscd_fixture.sh CTest fixture.

#include <nes/card_readers.hpp>

#include <boost/asio/bind_cancellation_slot.hpp>
#include <boost/asio/cancellation_signal.hpp>
#include <boost/asio/error.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/post.hpp>

#include <gtest/gtest.h>

#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>

#include <algorithm>
#include <chrono>
#include <optional>
#include <string>
#include <thread>
#include <vector>

extern char** environ;

namespace nes {
namespace {

namespace asio = boost::asio;
using namespace std::chrono_literals;

const std::string reader = "Virtual PCD 00 00";  // vpcd's first slot, TCP port 35963

// The card is in the reader while this process runs.
class VirtualCard {
 public:
  explicit VirtualCard(std::string atr_hex = {}) {
    std::vector<std::string> args{NES_DEBIAN_PYTHON3, NES_VIRTUAL_CARD};
    if (!atr_hex.empty()) args.insert(args.end(), {"--atr", atr_hex});
    std::vector<char*> argv;
    for (auto& a : args) argv.push_back(a.data());
    argv.push_back(nullptr);
    if (posix_spawn(&pid_, argv[0], nullptr, nullptr, argv.data(), environ) != 0) pid_ = -1;
  }
  VirtualCard(const VirtualCard&) = delete;
  VirtualCard& operator=(const VirtualCard&) = delete;
  ~VirtualCard() { remove(); }

  [[nodiscard]] bool started() const { return pid_ > 0; }
  void remove() {
    if (pid_ <= 0) return;
    kill(pid_, SIGTERM);
    int status = 0;
    waitpid(pid_, &status, 0);
    pid_ = -1;
  }

 private:
  pid_t pid_ = -1;
};

struct Waited {
  error_code ec;
  Result<CardReaderState> result;
};

class CardReadersTest : public ::testing::Test {
 protected:
  void SetUp() override {
    error_code ec;
    std::string detail;
    readers_ = CardReaders::open(io_.get_executor(), ec, &detail);
    ASSERT_TRUE(readers_) << "pcscd (the pcscd_fixture.sh fixture) is not answering: " << detail;
    ASSERT_TRUE(state_of(reader)) << "pcscd has no '" << reader << "' (vsmartcard-vpcd)";
    // pcscd polls the reader: a card removed by the test before may still
    // show for a moment. Every test starts with an empty reader.
    const auto deadline = std::chrono::steady_clock::now() + 5s;
    while (state_of(reader)->card_present && std::chrono::steady_clock::now() < deadline) {
      std::this_thread::sleep_for(50ms);
    }
    ASSERT_FALSE(state_of(reader)->card_present) << "a card is in '" << reader << "' (another program's?)";
  }

  std::optional<CardReaderState> state_of(const std::string& name) {
    error_code ec;
    const auto all = readers_->list(ec);
    EXPECT_FALSE(ec) << ec.message();
    const auto found = std::find_if(all.begin(), all.end(), [&](const auto& s) { return s.reader == name; });
    if (found == all.end()) return std::nullopt;
    return *found;
  }

  // Starts a wait; `then` runs once it is pending, then io_ runs until the
  // wait completes (at most `limit`).
  template <class Then>
  std::optional<Waited> wait_for_change(const std::string& name, Then then, std::chrono::seconds limit = 10s,
                                        asio::cancellation_slot slot = {}) {
    std::optional<Waited> out;
    readers_->async_wait_for_change(name,
                                    asio::bind_cancellation_slot(slot, [&](error_code ec, Result<CardReaderState> r) {
                                      out = Waited{ec, std::move(r)};
                                    }));
    then();
    io_.restart();
    io_.run_for(limit);
    return out;
  }

  asio::io_context io_;
  std::shared_ptr<CardReaders> readers_;
};

TEST_F(CardReadersTest, AnEmptyReaderHasNoCardAndNoAtr) {
  const auto state = state_of(reader);
  ASSERT_TRUE(state);
  EXPECT_FALSE(state->card_present);
  EXPECT_TRUE(state->atr.empty());
  EXPECT_TRUE(state->card_type.empty());
}

TEST_F(CardReadersTest, InsertionAndRemovalAreObservedAndTheAkisCardIsRecognised) {
  std::optional<VirtualCard> card;
  const auto inserted = wait_for_change(reader, [&] { card.emplace(); });
  ASSERT_TRUE(card->started());
  ASSERT_TRUE(inserted) << "no insertion seen in 10 s";
  ASSERT_FALSE(inserted->ec) << inserted->ec.message();
  EXPECT_EQ(inserted->result->reader, reader);
  EXPECT_TRUE(inserted->result->card_present);
  EXPECT_EQ(inserted->result->card_type, "AKİS v1.2+");
  EXPECT_EQ(inserted->result->atr_hex().substr(0, 44), "3B 9F 96 81 31 FE 45 80 67 55 45 4B 41 45 12");

  const auto listed = state_of(reader);
  ASSERT_TRUE(listed);
  EXPECT_TRUE(listed->card_present);
  EXPECT_EQ(listed->atr, inserted->result->atr);

  const auto removed = wait_for_change(reader, [&] { card->remove(); });
  ASSERT_TRUE(removed) << "no removal seen in 10 s";
  ASSERT_FALSE(removed->ec) << removed->ec.message();
  EXPECT_FALSE(removed->result->card_present);
  EXPECT_TRUE(removed->result->atr.empty());
  EXPECT_FALSE(state_of(reader)->card_present);
}

TEST_F(CardReadersTest, TheFirstAkisGenerationIsRecognisedByItsWholeAtr) {
  std::optional<VirtualCard> card;
  const auto inserted = wait_for_change(reader, [&] { card.emplace("3BBA11008131FE4D55454B41452056312E30AE"); });
  ASSERT_TRUE(inserted);
  ASSERT_FALSE(inserted->ec) << inserted->ec.message();
  EXPECT_EQ(inserted->result->card_type, "AKİS v1.0");
}

TEST_F(CardReadersTest, ACardThatIsNotAkisHasNoCardType) {
  std::optional<VirtualCard> card;
  // A contactless storage card's ATR (PC/SC part 3), not an e-imza card.
  const auto inserted = wait_for_change(reader, [&] { card.emplace("3B8F8001804F0CA000000306030001000000006A"); });
  ASSERT_TRUE(inserted);
  ASSERT_FALSE(inserted->ec) << inserted->ec.message();
  EXPECT_TRUE(inserted->result->card_present);
  EXPECT_EQ(inserted->result->atr_hex(), "3B 8F 80 01 80 4F 0C A0 00 00 03 06 03 00 01 00 00 00 00 6A");
  EXPECT_TRUE(inserted->result->card_type.empty());
}

TEST_F(CardReadersTest, ACancelledWaitEndsAtOnceAndTheReadersStayUsable) {
  asio::cancellation_signal cancel;
  const auto started = std::chrono::steady_clock::now();
  const auto waited = wait_for_change(
      reader, [&] { asio::post(io_, [&] { cancel.emit(asio::cancellation_type::terminal); }); }, 10s, cancel.slot());
  ASSERT_TRUE(waited) << "the cancelled wait did not end";
  EXPECT_EQ(waited->ec, asio::error::operation_aborted);
  EXPECT_LT(std::chrono::steady_clock::now() - started, 2s);
  EXPECT_TRUE(state_of(reader));
}

TEST_F(CardReadersTest, AnUnknownReaderIsReaderNotFound) {
  const auto waited = wait_for_change("No Such Reader 00 00", [] {});
  ASSERT_TRUE(waited);
  EXPECT_EQ(waited->ec, errc::reader_not_found);
  ASSERT_NE(waited->result.problem(), nullptr);
  EXPECT_EQ(waited->result.problem()->code, "reader_not_found");
}

}  // namespace
}  // namespace nes
