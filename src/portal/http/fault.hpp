#pragma once
// What a fault-injecting server does to one request instead of, or besides,
// answering it (see faults/fault_injector.hpp).

#include "portal/http/message.hpp"

#include <chrono>
#include <functional>

namespace nes::portal::http {

struct Fault {
  enum class Kind {
    none,
    reset_before,  ///< close the connection without handling the request
    reset_after,   ///< handle it, then close without answering
    unavailable,   ///< answer 503 with Retry-After without handling it
  };
  Kind kind = Kind::none;
  std::chrono::milliseconds latency{0};  ///< waited before answering
  int retry_after_seconds = 1;
};

using FaultHook = std::function<Fault(const Request&)>;

}  // namespace nes::portal::http
