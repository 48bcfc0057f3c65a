#include "pcsc/pcsc_context.hpp"

#include <PCSC/pcsclite.h>

#include <boost/asio/error.hpp>

#include <algorithm>

namespace nes::detail {

error_code pcsc_error(LONG rv) {
  switch (rv) {
    case SCARD_S_SUCCESS:
      return {};
    case SCARD_E_NO_SERVICE:
    case SCARD_E_SERVICE_STOPPED:
    case SCARD_E_INVALID_HANDLE:  // the service restarted under this context
      return errc::pcsc_unavailable;
    case SCARD_E_UNKNOWN_READER:
    case SCARD_E_READER_UNAVAILABLE:
      return errc::reader_not_found;
    case SCARD_E_CANCELLED:
      return boost::asio::error::operation_aborted;
    default:
      return errc::pcsc_failed;
  }
}

std::string pcsc_message(LONG rv) { return pcsc_stringify_error(rv); }

std::shared_ptr<PcscContext> PcscContext::establish(error_code& ec, std::string* detail) {
  SCARDCONTEXT handle = 0;
  const LONG rv = SCardEstablishContext(SCARD_SCOPE_SYSTEM, nullptr, nullptr, &handle);
  if (rv != SCARD_S_SUCCESS) {
    ec = pcsc_error(rv);
    if (detail != nullptr) *detail = pcsc_message(rv);
    return nullptr;
  }
  ec = {};
  return std::make_shared<PcscContext>(handle);
}

PcscContext::~PcscContext() { SCardReleaseContext(handle_); }

LONG PcscContext::readers(std::vector<std::string>& names) {
  const std::lock_guard lock(mutex_);
  names.clear();
  // The list can grow between the two calls (a reader plugged in): ask again.
  for (int attempt = 0; attempt < 3; ++attempt) {
    DWORD size = 0;
    LONG rv = SCardListReaders(handle_, nullptr, nullptr, &size);
    if (rv == SCARD_E_NO_READERS_AVAILABLE) return SCARD_S_SUCCESS;
    if (rv != SCARD_S_SUCCESS) return rv;
    std::string buffer(size, '\0');
    rv = SCardListReaders(handle_, nullptr, buffer.data(), &size);
    if (rv == SCARD_E_INSUFFICIENT_BUFFER) continue;
    if (rv == SCARD_E_NO_READERS_AVAILABLE) return SCARD_S_SUCCESS;
    if (rv != SCARD_S_SUCCESS) return rv;
    // A multi-string: names ended by NUL, the list by one more NUL.
    for (std::size_t at = 0; at < buffer.size() && buffer[at] != '\0';) {
      const std::string name(buffer.c_str() + at);
      at += name.size() + 1;
      names.push_back(name);
    }
    return SCARD_S_SUCCESS;
  }
  return SCARD_E_INSUFFICIENT_BUFFER;
}

LONG PcscContext::states(std::vector<SCARD_READERSTATE>& states) {
  if (states.empty()) return SCARD_S_SUCCESS;
  const std::lock_guard lock(mutex_);
  for (auto& s : states) s.dwCurrentState = SCARD_STATE_UNAWARE;
  return SCardGetStatusChange(handle_, 0, states.data(), static_cast<DWORD>(states.size()));
}

LONG PcscContext::wait(SCARD_READERSTATE& state, DWORD timeout_ms) {
  const std::lock_guard lock(mutex_);
  return SCardGetStatusChange(handle_, timeout_ms, &state, 1);
}

void PcscContext::cancel() { SCardCancel(handle_); }

CardReaderState reader_state(const SCARD_READERSTATE& state) {
  CardReaderState out;
  out.reader = state.szReader;
  out.card_present = (state.dwEventState & SCARD_STATE_PRESENT) != 0;
  out.in_use = (state.dwEventState & SCARD_STATE_EXCLUSIVE) != 0;
  if (out.card_present) {
    const auto length = std::min<DWORD>(state.cbAtr, sizeof state.rgbAtr);
    out.atr.assign(state.rgbAtr, state.rgbAtr + length);
    out.card_type = recognise_card(out.atr);
  }
  return out;
}

}  // namespace nes::detail
