#pragma once
// The portal's --data directory, held exclusively: a second portal on the
// same directory is refused, so two processes never write one database.

#include <nes/error.hpp>

#include <filesystem>
#include <memory>
#include <string>

namespace nes::portal::store {

class DataDirectory {
 public:
  /// Creates the directory when missing (mode 0700) and locks it. On failure
  /// returns null, says why in `detail`, and sets `*in_use` when the cause is
  /// another process holding the directory.
  static std::unique_ptr<DataDirectory> open(const std::filesystem::path& path, std::string& detail,
                                             bool* in_use = nullptr);
  /// A fresh private directory under the system's temporary directory,
  /// removed again when the object is destroyed.
  static std::unique_ptr<DataDirectory> temporary(std::string& detail);

  ~DataDirectory();
  DataDirectory(const DataDirectory&) = delete;
  DataDirectory& operator=(const DataDirectory&) = delete;

  [[nodiscard]] const std::filesystem::path& path() const noexcept { return path_; }

 private:
  DataDirectory(std::filesystem::path path, int lock_fd, bool remove_on_close)
      : path_(std::move(path)), lock_fd_(lock_fd), remove_on_close_(remove_on_close) {}

  std::filesystem::path path_;
  int lock_fd_;
  bool remove_on_close_;
};

}  // namespace nes::portal::store
