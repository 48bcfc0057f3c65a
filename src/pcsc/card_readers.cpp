// CardReaders: the readers and their cards now (list), and a wait for a
// card to come or go. Each wait has its own PC/SC context and thread, so a
// blocked wait never holds up a list() or another wait, and SCardCancel
// ends exactly that wait.

#include "op/launch.hpp"
#include "pcsc/pcsc_context.hpp"

#include <nes/card_readers.hpp>

#include <boost/asio/associated_cancellation_slot.hpp>
#include <boost/asio/bind_executor.hpp>
#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/post.hpp>

#include <atomic>
#include <optional>
#include <string>
#include <thread>
#include <vector>

namespace nes {

namespace {

namespace asio = boost::asio;
using detail::PcscContext;
using op::Outcome;

// Short slices, so that a cancel that came just before a slice began is
// seen at the next one.
constexpr DWORD wait_slice_ms = 250;

// A refusal with the code's name as the problem code ("pcsc_unavailable").
Outcome<CardReaderState> refusal(error_code ec, std::string detail) {
  const char* code = ec == errc::pcsc_unavailable   ? "pcsc_unavailable"
                     : ec == errc::reader_not_found ? "reader_not_found"
                                                    : "pcsc_failed";
  return op::refused<CardReaderState>(ec, op::local_problem(code, ec.message(), std::move(detail)));
}

Outcome<CardReaderState> refusal(LONG rv) { return refusal(detail::pcsc_error(rv), detail::pcsc_message(rv)); }

Outcome<CardReaderState> reader_gone(const std::string& reader) { return refusal(errc::reader_not_found, reader); }

struct Wait {
  std::shared_ptr<PcscContext> context;
  std::atomic<bool> cancelled{false};
  std::string reader;
  SCARD_READERSTATE state{};
  bool present = false;

  void cancel() {
    cancelled = true;
    context->cancel();
  }

  // The state of `name` now, which the wait compares with: read when the
  // wait is initiated, so that a card inserted or removed right after the
  // call is a change. An outcome when the wait cannot begin.
  std::optional<Outcome<CardReaderState>> begin(std::string name) {
    reader = std::move(name);
    std::vector<SCARD_READERSTATE> states(1);
    states[0].szReader = reader.c_str();  // this Wait is shared, never moved
    if (const LONG rv = context->states(states); rv != SCARD_S_SUCCESS) {
      return rv == SCARD_E_UNKNOWN_READER ? reader_gone(reader) : refusal(rv);
    }
    state = states[0];
    if ((state.dwEventState & SCARD_STATE_UNKNOWN) != 0) return reader_gone(reader);
    present = (state.dwEventState & SCARD_STATE_PRESENT) != 0;
    return std::nullopt;
  }

  // Until the card is inserted or removed, compared with begin()'s state.
  Outcome<CardReaderState> run() {
    for (;;) {
      if (cancelled) return op::failed<CardReaderState>(asio::error::operation_aborted);
      state.dwCurrentState = state.dwEventState & ~static_cast<DWORD>(SCARD_STATE_CHANGED);
      const LONG rv = context->wait(state, wait_slice_ms);
      if (rv == SCARD_E_TIMEOUT) continue;
      if (rv == SCARD_E_CANCELLED || cancelled) return op::failed<CardReaderState>(asio::error::operation_aborted);
      if (rv != SCARD_S_SUCCESS) return refusal(rv);
      if ((state.dwEventState & SCARD_STATE_UNKNOWN) != 0) return reader_gone(reader);
      if (((state.dwEventState & SCARD_STATE_PRESENT) != 0) != present) {
        return op::succeeded(detail::reader_state(state));
      }
    }
  }
};

}  // namespace

std::shared_ptr<CardReaders> CardReaders::open(executor_type executor, error_code& ec, std::string* detail) {
  auto context = PcscContext::establish(ec, detail);
  if (!context) return nullptr;
  return std::shared_ptr<CardReaders>(new CardReaders(std::move(executor), std::move(context)));
}

CardReaders::CardReaders(executor_type executor, std::shared_ptr<detail::PcscContext> context)
    : executor_(std::move(executor)), context_(std::move(context)) {}

CardReaders::~CardReaders() = default;

std::vector<CardReaderState> CardReaders::list(error_code& ec, std::string* detail) const {
  std::vector<std::string> names;
  LONG rv = context_->readers(names);
  std::vector<SCARD_READERSTATE> states(names.size());
  for (std::size_t i = 0; i < names.size(); ++i) states[i].szReader = names[i].c_str();
  if (rv == SCARD_S_SUCCESS) rv = context_->states(states);
  if (rv != SCARD_S_SUCCESS) {
    ec = detail::pcsc_error(rv);
    if (detail != nullptr) *detail = detail::pcsc_message(rv);
    return {};
  }
  ec = {};
  std::vector<CardReaderState> out;
  out.reserve(states.size());
  for (const auto& s : states) out.push_back(detail::reader_state(s));
  return out;
}

void CardReaders::wait_impl(executor_type executor, std::string reader, ResultHandler<CardReaderState> handler) {
  // Completes on the handler's executor, where a cancellation is emitted,
  // so the slot is cleared there before the handler runs. The work guard
  // keeps the io_context running while the wait is pending.
  auto complete = [executor, work = asio::make_work_guard(executor)](ResultHandler<CardReaderState> h,
                                                                     Outcome<CardReaderState> outcome) mutable {
    auto handler_executor = asio::get_associated_executor(h, executor);
    asio::post(executor, asio::bind_executor(handler_executor, [h = std::move(h), o = std::move(outcome)]() mutable {
                 asio::get_associated_cancellation_slot(h).clear();
                 std::move(h)(o.ec, std::move(o.result));
               }));
    work.reset();
  };
  auto wait = std::make_shared<Wait>();
  error_code ec;
  std::string why;
  wait->context = PcscContext::establish(ec, &why);
  if (!wait->context) {
    complete(std::move(handler), refusal(ec, why));
    return;
  }
  if (auto refused = wait->begin(std::move(reader))) {
    complete(std::move(handler), std::move(*refused));
    return;
  }
  if (auto slot = asio::get_associated_cancellation_slot(handler); slot.is_connected()) {
    slot.assign([wait](asio::cancellation_type) { wait->cancel(); });
  }
  std::thread([wait, handler = std::move(handler), complete = std::move(complete)]() mutable {
    complete(std::move(handler), wait->run());
  }).detach();
}

}  // namespace nes
