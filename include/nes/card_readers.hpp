#pragma once
// Card readers through PC/SC (pcsc-lite on Linux): the readers, whether a
// card is in each, its ATR, and whether it is an AKİS card (the NES card),
// recognised by masked ATR. Waiting for a card to be inserted or removed is
// asynchronous and cancellable. Without a PC/SC service (pcscd not running)
// every call ends at once with errc::pcsc_unavailable, never a hang.
//
// Thread safety: a CardReaders may be shared. Each wait runs on a thread of
// its own and completes on the handler's executor; a pending wait keeps that
// executor's io_context running, as any Asio operation does, until it
// completes or is cancelled.

#include <nes/detail/async.hpp>
#include <nes/error.hpp>
#include <nes/export.hpp>

#include <boost/asio/any_io_executor.hpp>

#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <vector>

namespace nes {

namespace detail {
class PcscContext;
}  // namespace detail

/// One card reader and what is in it.
struct NES_EXPORT CardReaderState {
  /// The reader's PC/SC name.
  std::string reader;
  /// True when a card is in the reader.
  bool card_present = false;
  bool in_use = false;            ///< another program holds the card exclusively
  std::vector<std::uint8_t> atr;  ///< empty without a card
  /// "AKİS v1.0", "AKİS v1.2+", or empty for a card the SDK does not know.
  std::string card_type;

  /// The ATR as "3B BA 11 …".
  [[nodiscard]] std::string atr_hex() const;
};

/// The card type an ATR belongs to (AKİS by masked ATR; flow.md), or empty.
NES_EXPORT std::string recognise_card(std::span<const std::uint8_t> atr);

/// The machine's card readers through PC/SC (pcscd).
class NES_EXPORT CardReaders {
 public:
  /// The executor the readers' operations run on.
  using executor_type = boost::asio::any_io_executor;

  /// Connects to the PC/SC service. Null with errc::pcsc_unavailable (and a
  /// detail) when pcscd is not running.
  static std::shared_ptr<CardReaders> open(executor_type executor, error_code& ec, std::string* detail = nullptr);
  ~CardReaders();

  /// The executor given at open().
  [[nodiscard]] executor_type get_executor() const { return executor_; }

  /// Every reader and its card, now (quick: no card is powered).
  std::vector<CardReaderState> list(error_code& ec, std::string* detail = nullptr) const;

  /// Completes when a card is inserted into `reader` or removed from it,
  /// compared with the reader's state when this is called (read before it
  /// returns, so a card put in right after the call is seen), with the new
  /// state. A reader that is not there, or goes away, ends it with
  /// errc::reader_not_found; no PC/SC service with errc::pcsc_unavailable.
  /// Supports cancellation (any type): operation_aborted. The wait runs on a
  /// thread of its own that holds work on the executor: cancel pending waits
  /// and let them complete before the io_context is destroyed.
  template <class Token = boost::asio::default_completion_token_t<executor_type>>
  auto async_wait_for_change(std::string reader, Token&& token = {}) const {
    return detail::initiate<CardReaderState>(
        std::forward<Token>(token), [e = executor_, r = std::move(reader)](ResultHandler<CardReaderState> h) mutable {
          wait_impl(e, r, std::move(h));
        });
  }

 private:
  CardReaders(executor_type executor, std::shared_ptr<detail::PcscContext> context);
  static void wait_impl(executor_type executor, std::string reader, ResultHandler<CardReaderState> handler);
  executor_type executor_;
  std::shared_ptr<detail::PcscContext> context_;
};

}  // namespace nes
