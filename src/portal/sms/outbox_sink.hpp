#pragma once
// The test SMS and e-mail sinks: append one JSON line per message to a file,
// {"phone", "code", "application", "at"} for an SMS, {"to", "access_code",
// "institution", "request", "at"} for an e-mail. The file holds live codes, so
// it is created mode 0600; it exists only when --sms-outbox or --email-outbox
// names it.

#include <nes/portal/reference_portal.hpp>

#include <boost/json/object.hpp>

#include <filesystem>
#include <memory>
#include <mutex>
#include <string>

namespace nes::portal::sms {

class OutboxSink {
 public:
  /// Opens (creates or appends to) `path`, the `what` ("SMS outbox"); null
  /// with `detail` on failure.
  static std::shared_ptr<OutboxSink> open(const std::filesystem::path& path, std::string_view what,
                                          std::string& detail);
  ~OutboxSink();
  OutboxSink(const OutboxSink&) = delete;
  OutboxSink& operator=(const OutboxSink&) = delete;

  /// One line, written with a single write(2) so readers never see half of it.
  void send(const SmsMessage& message);
  void send(const EmailMessage& message);

 private:
  OutboxSink(int fd, std::string_view what) : fd_(fd), what_(what) {}
  void append(const boost::json::object& line);
  int fd_;
  std::string what_;
  std::mutex mutex_;
};

}  // namespace nes::portal::sms
