#include "outbox_reader.hpp"

#include <boost/json/parse.hpp>

#include <stdexcept>
#include <thread>

namespace nes::test {

namespace {

using Clock = std::chrono::steady_clock;

}  // namespace

std::string OutboxReader::code_for(const std::string& application) {
  const auto deadline = Clock::now() + std::chrono::seconds(10);
  for (;;) {
    {
      const std::lock_guard lock(mutex_);
      if (!in_.is_open()) in_.open(path_);
      in_.clear();
      in_.seekg(offset_);
      std::string line;
      while (std::getline(in_, line)) {
        if (in_.eof()) break;  // a line still being written
        offset_ = in_.tellg();
        const auto message = boost::json::parse(line);
        codes_[std::string(message.at("application").as_string())] = message.at("code").as_string().c_str();
      }
      if (const auto found = codes_.find(application); found != codes_.end()) {
        std::string code = found->second;
        codes_.erase(found);
        return code;
      }
    }
    if (Clock::now() > deadline) throw std::runtime_error("no SMS code for " + application);
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }
}

}  // namespace nes::test
