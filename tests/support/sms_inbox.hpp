#pragma once
// The SMS codes the in-process reference portal sends, caught by its sink.

#include <nes/portal/reference_portal.hpp>

#include <condition_variable>
#include <map>
#include <mutex>
#include <string>
#include <vector>

namespace nes::test {

/// Collects SMS codes from PortalOptions::sms_sink, by application.
class SmsInbox {
 public:
  portal::SmsSink sink();
  /// The newest code for `application` (waits up to 5 s); throws when none came.
  std::string code_for(const std::string& application);
  int count(const std::string& application);

 private:
  std::mutex mutex_;
  std::condition_variable arrived_;
  std::map<std::string, std::vector<std::string>> codes_;
};

}  // namespace nes::test
