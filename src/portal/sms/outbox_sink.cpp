#include "portal/sms/outbox_sink.hpp"

#include <boost/json/serialize.hpp>
#include <boost/json/value.hpp>

#include <fcntl.h>
#include <unistd.h>
#include <cerrno>
#include <cstring>
#include <stdexcept>

namespace nes::portal::sms {

std::shared_ptr<OutboxSink> OutboxSink::open(const std::filesystem::path& path, std::string_view what,
                                             std::string& detail) {
  const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0600);
  if (fd < 0) {
    detail = "cannot open the " + std::string(what) + " " + path.string() + ": " + std::strerror(errno);
    return nullptr;
  }
  return std::shared_ptr<OutboxSink>(new OutboxSink(fd, what));
}

OutboxSink::~OutboxSink() { ::close(fd_); }

void OutboxSink::send(const SmsMessage& message) {
  boost::json::object line{{"phone", message.phone},
                           {"code", message.code.reveal()},
                           {"application", message.application},
                           {"at", message.at}};
  append(line);
  auto& code = line["code"].as_string();
  secure_wipe(code.data(), code.size());
}

void OutboxSink::send(const EmailMessage& message) {
  boost::json::object line{{"to", message.to},
                           {"access_code", message.access_code.reveal()},
                           {"institution", message.institution},
                           {"request", message.request},
                           {"at", message.at}};
  append(line);
  auto& code = line["access_code"].as_string();
  secure_wipe(code.data(), code.size());
}

void OutboxSink::append(const boost::json::object& line) {
  std::string text = boost::json::serialize(line);
  text.push_back('\n');
  struct Wipe {
    std::string& s;
    ~Wipe() { secure_wipe(s.data(), s.size()); }
  } wipe{text};
  const std::lock_guard lock(mutex_);
  const char* data = text.data();
  std::size_t left = text.size();
  while (left > 0) {
    const ssize_t n = ::write(fd_, data, left);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) throw std::runtime_error("cannot write the " + what_ + ": " + std::strerror(errno));
    data += n;
    left -= static_cast<std::size_t>(n);
  }
}

}  // namespace nes::portal::sms
