#pragma once
// The test SMS sink: appends one JSON line per message to a file,
// {"phone", "code", "application", "at"}. The file holds live codes, so it is
// created mode 0600; it exists only when --sms-outbox names it.

#include <nes/portal/reference_portal.hpp>

#include <filesystem>
#include <memory>
#include <mutex>
#include <string>

namespace nes::portal::sms {

class OutboxSink {
 public:
  /// Opens (creates or appends to) `path`; null with `detail` on failure.
  static std::shared_ptr<OutboxSink> open(const std::filesystem::path& path, std::string& detail);
  ~OutboxSink();
  OutboxSink(const OutboxSink&) = delete;
  OutboxSink& operator=(const OutboxSink&) = delete;

  /// One line, written with a single write(2) so readers never see half of it.
  void send(const SmsMessage& message);

 private:
  explicit OutboxSink(int fd) : fd_(fd) {}
  int fd_;
  std::mutex mutex_;
};

}  // namespace nes::portal::sms
