#include "private_file.hpp"

#include "language.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

namespace nes::cli {

bool write_private_file(const std::string& path, std::string_view bytes, std::string& error) {
  const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
  bool done = fd >= 0 && ::fchmod(fd, 0600) == 0;
  std::size_t written = 0;
  while (done && written < bytes.size()) {
    const auto n = ::write(fd, bytes.data() + written, bytes.size() - written);
    if (n <= 0) done = false;
    if (n > 0) written += static_cast<std::size_t>(n);
  }
  const int saved = errno;
  if (fd >= 0 && ::close(fd) != 0) done = false;
  if (!done) error = path + std::string(say(" yazılamadı: ", " cannot be written: ")) + os_error(saved);
  return done;
}

}  // namespace nes::cli
