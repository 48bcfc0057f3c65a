#include "sms_inbox.hpp"

#include <chrono>
#include <stdexcept>

namespace nes::test {

portal::SmsSink SmsInbox::sink() {
  return [this](const portal::SmsMessage& message) {
    const std::lock_guard lock(mutex_);
    codes_[message.application].emplace_back(message.code.reveal());
    arrived_.notify_all();
  };
}

std::string SmsInbox::code_for(const std::string& application) {
  std::unique_lock lock(mutex_);
  if (!arrived_.wait_for(lock, std::chrono::seconds(5), [&] { return !codes_[application].empty(); })) {
    throw std::runtime_error("no SMS code for " + application);
  }
  return codes_[application].back();
}

int SmsInbox::count(const std::string& application) {
  const std::lock_guard lock(mutex_);
  return static_cast<int>(codes_[application].size());
}

}  // namespace nes::test
