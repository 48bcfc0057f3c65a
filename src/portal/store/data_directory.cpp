#include "portal/store/data_directory.hpp"

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <system_error>

namespace nes::portal::store {

namespace {

// Locks path/portal.lock with flock: released by the kernel when the process
// dies, so a killed portal never leaves a stale lock behind.
int lock_directory(const std::filesystem::path& path, std::string& detail, bool* in_use = nullptr) {
  const auto lock_file = path / "portal.lock";
  const int fd = ::open(lock_file.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0600);
  if (fd < 0) {
    detail = "cannot open " + lock_file.string() + ": " + std::strerror(errno);
    return -1;
  }
  if (::flock(fd, LOCK_EX | LOCK_NB) != 0) {
    const int error = errno;
    ::close(fd);
    if (in_use != nullptr) *in_use = error == EWOULDBLOCK;
    detail = error == EWOULDBLOCK ? "the data directory " + path.string() + " is in use by another nes-portal"
                                  : "cannot lock " + lock_file.string() + ": " + std::strerror(error);
    return -1;
  }
  const std::string pid = std::to_string(::getpid()) + "\n";
  if (::ftruncate(fd, 0) == 0) (void)!::write(fd, pid.data(), pid.size());
  return fd;
}

}  // namespace

std::unique_ptr<DataDirectory> DataDirectory::open(const std::filesystem::path& path, std::string& detail,
                                                   bool* in_use) {
  std::error_code ec;
  std::filesystem::create_directories(path, ec);
  if (ec) {
    detail = "cannot create the data directory " + path.string() + ": " + ec.message();
    return nullptr;
  }
  std::filesystem::permissions(path, std::filesystem::perms::owner_all, ec);
  const int fd = lock_directory(path, detail, in_use);
  if (fd < 0) return nullptr;
  return std::unique_ptr<DataDirectory>(new DataDirectory(path, fd, false));
}

std::unique_ptr<DataDirectory> DataDirectory::temporary(std::string& detail) {
  std::string pattern = (std::filesystem::temp_directory_path() / "nes-portal-XXXXXX").string();
  if (::mkdtemp(pattern.data()) == nullptr) {
    detail = std::string("cannot make a temporary data directory: ") + std::strerror(errno);
    return nullptr;
  }
  const int fd = lock_directory(pattern, detail);
  if (fd < 0) return nullptr;
  return std::unique_ptr<DataDirectory>(new DataDirectory(pattern, fd, true));
}

DataDirectory::~DataDirectory() {
  ::close(lock_fd_);
  if (remove_on_close_) {
    std::error_code ignored;
    std::filesystem::remove_all(path_, ignored);
  }
}

}  // namespace nes::portal::store
