#pragma once
// A PC/SC-Lite context (SCARDCONTEXT) and the calls the SDK makes on it.
// pcsc-lite answers at once with SCARD_E_NO_SERVICE when pcscd is not
// running, so nothing here can hang on a missing service.

#include <nes/card_readers.hpp>

#include <PCSC/winscard.h>

#include <mutex>
#include <string>
#include <vector>

namespace nes::detail {

/// The SDK's code and the PC/SC message for a return value.
error_code pcsc_error(LONG rv);
std::string pcsc_message(LONG rv);

class PcscContext {
 public:
  /// SCardEstablishContext; null, with ec and detail, when it fails.
  static std::shared_ptr<PcscContext> establish(error_code& ec, std::string* detail);
  explicit PcscContext(SCARDCONTEXT handle) : handle_(handle) {}
  PcscContext(const PcscContext&) = delete;
  PcscContext& operator=(const PcscContext&) = delete;
  ~PcscContext();

  /// Reader names (empty when there are none).
  LONG readers(std::vector<std::string>& names);
  /// The current state of each named reader (SCARD_STATE_* and the ATR),
  /// without waiting.
  LONG states(std::vector<SCARD_READERSTATE>& states);
  /// Waits up to `timeout_ms` until the state of `state.szReader` differs
  /// from `state.dwCurrentState` (SCARD_E_TIMEOUT when it does not), or
  /// until cancel().
  LONG wait(SCARD_READERSTATE& state, DWORD timeout_ms);
  /// Ends a wait on this context from any thread (SCardCancel is meant for it).
  void cancel();

 private:
  SCARDCONTEXT handle_;
  std::mutex mutex_;  // one blocking call at a time, except cancel()
};

/// A reader's state as the SDK reports it.
CardReaderState reader_state(const SCARD_READERSTATE& state);

}  // namespace nes::detail
