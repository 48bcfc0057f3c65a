#pragma once
// The first TLS connection to a host, while no session for it is cached,
// goes alone: connections wanted meanwhile wait until its first answer has
// brought a session (TLS 1.3 tickets arrive after the handshake) and then
// resume it, instead of each verifying the server's certificate chain in a
// full handshake. A batch of logins on a new client opens up to the pool's
// bound at once; this makes one of those handshakes a full one.

#include "op/wakeup.hpp"

#include <nes/error.hpp>

#include <boost/asio/awaitable.hpp>

#include <chrono>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <set>
#include <string>
#include <vector>

namespace nes::net {

class SessionGate {
 public:
  /// Held by the first connection to a host; opens the gate when destroyed
  /// (after its first answer, or when it failed).
  class Pioneer {
   public:
    Pioneer(SessionGate& gate, std::string key) : gate_(gate), key_(std::move(key)) {}
    Pioneer(const Pioneer&) = delete;
    Pioneer& operator=(const Pioneer&) = delete;
    ~Pioneer() { gate_.open(key_); }

   private:
    SessionGate& gate_;
    std::string key_;
  };

  /// Returns at once, with `pioneer` set, when no connection to `key` is the
  /// first one; else waits until that one opens the gate or `wait` passes.
  /// operation_aborted when cancelled. At once, and without a pioneer, for a
  /// host that gives no sessions. `waited` says whether it waited.
  boost::asio::awaitable<error_code> pass(const std::string& key, std::chrono::milliseconds wait,
                                          std::optional<Pioneer>& pioneer, bool& waited);
  /// A pioneer was answered and `key` gave it no session to resume: later
  /// connections to it do not wait for one.
  void gives_no_sessions(const std::string& key);

 private:
  void open(const std::string& key);

  std::mutex mutex_;
  std::map<std::string, std::vector<std::shared_ptr<op::Wakeup>>> closed_;  ///< by key, while a pioneer is out
  std::set<std::string> sessionless_;
};

}  // namespace nes::net
