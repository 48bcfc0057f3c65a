#include "private_file.hpp"

#include "language.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <utility>

namespace nes::cli {

namespace {

// All of `bytes` to `fd`, the file made 0600 whatever it was before.
bool write_all(int fd, std::string_view bytes) {
  bool done = fd >= 0 && ::fchmod(fd, 0600) == 0;
  std::size_t written = 0;
  while (done && written < bytes.size()) {
    const auto n = ::write(fd, bytes.data() + written, bytes.size() - written);
    if (n <= 0) done = false;
    if (n > 0) written += static_cast<std::size_t>(n);
  }
  return done;
}

}  // namespace

bool write_private_file(const std::string& path, std::string_view bytes, std::string& error) {
  const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
  bool done = write_all(fd, bytes);
  const int saved = errno;
  if (fd >= 0 && ::close(fd) != 0) done = false;
  if (!done) error = path + std::string(say(" yazılamadı: ", " cannot be written: ")) + os_error(saved);
  return done;
}

std::optional<ReservedPrivateFile> ReservedPrivateFile::reserve(const std::string& path, std::string& error) {
  const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
  if (fd < 0) {
    const int saved = errno;
    error = path + (saved == EEXIST ? std::string(say(" zaten var; üzerine yazılmaz, başka bir dosya adı verin",
                                                      " already exists; it is not written over, give another name"))
                                    : std::string(say(" yazılamaz: ", " cannot be written: ")) + os_error(saved));
    return std::nullopt;
  }
  return ReservedPrivateFile(path, fd);
}

ReservedPrivateFile::ReservedPrivateFile(ReservedPrivateFile&& other) noexcept
    : path_(std::move(other.path_)), fd_(std::exchange(other.fd_, -1)), kept_(std::exchange(other.kept_, true)) {}

ReservedPrivateFile::~ReservedPrivateFile() {
  if (fd_ >= 0) ::close(fd_);
  if (!kept_) ::unlink(path_.c_str());
}

bool ReservedPrivateFile::write(std::string_view bytes, std::string& error) {
  bool done = write_all(fd_, bytes) && ::fsync(fd_) == 0;
  const int saved = errno;
  if (fd_ >= 0 && ::close(fd_) != 0) done = false;
  fd_ = -1;
  kept_ = done;
  if (!done) error = path_ + std::string(say(" yazılamadı: ", " cannot be written: ")) + os_error(saved);
  return done;
}

}  // namespace nes::cli
