#pragma once
// Follows a standalone portal's SMS outbox (--sms-outbox, JSON lines) and
// hands each application's code to whoever waits for it.

#include <chrono>
#include <fstream>
#include <map>
#include <mutex>
#include <string>

namespace nes::test {

class OutboxReader {
 public:
  explicit OutboxReader(std::string path) : path_(std::move(path)) {}
  /// The newest code for `application`, waiting up to 10 s; throws when none came.
  std::string code_for(const std::string& application);

 private:
  std::string path_;
  std::mutex mutex_;
  std::ifstream in_;
  std::streamoff offset_ = 0;
  std::map<std::string, std::string> codes_;
};

}  // namespace nes::test
