#include "email_inbox.hpp"

#include <stdexcept>

namespace nes::test {

portal::EmailSink EmailInbox::sink() {
  return [this](const portal::EmailMessage& message) {
    const std::lock_guard lock(mutex_);
    messages_.push_back(message);
  };
}

std::string EmailInbox::access_code_for(const std::string& request) {
  const std::lock_guard lock(mutex_);
  for (auto it = messages_.rbegin(); it != messages_.rend(); ++it) {
    if (it->request == request) return std::string(it->access_code.reveal());
  }
  throw std::runtime_error("no e-mail for " + request);
}

std::vector<portal::EmailMessage> EmailInbox::all() {
  const std::lock_guard lock(mutex_);
  return messages_;
}

}  // namespace nes::test
