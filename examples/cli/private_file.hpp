#pragma once
// Files with personal data (drafts, reports, saved documents and
// signatures): written mode 0600, also over a file that was readable by
// others before.

#include <optional>
#include <string>
#include <string_view>

namespace nes::cli {

/// Writes `bytes` to `path`, mode 0600; false with `error` (in the
/// interface's language) when it cannot.
bool write_private_file(const std::string& path, std::string_view bytes, std::string& error);

/// A new 0600 file made before the secret it is for is fetched (a PUK the
/// portal gives once): a path that cannot be written, or a file already
/// there, is found before anything is asked, and the secret then goes to an
/// open file. Removed again unless written.
class ReservedPrivateFile {
 public:
  /// Creates `path` (never over an existing file); nullopt with `error`.
  static std::optional<ReservedPrivateFile> reserve(const std::string& path, std::string& error);
  ReservedPrivateFile(ReservedPrivateFile&& other) noexcept;
  ReservedPrivateFile& operator=(ReservedPrivateFile&&) = delete;
  ReservedPrivateFile(const ReservedPrivateFile&) = delete;
  ReservedPrivateFile& operator=(const ReservedPrivateFile&) = delete;
  ~ReservedPrivateFile();

  /// Writes `bytes`, syncs and closes: the file stays. False with `error`.
  bool write(std::string_view bytes, std::string& error);

 private:
  ReservedPrivateFile(std::string path, int fd) : path_(std::move(path)), fd_(fd) {}
  std::string path_;
  int fd_ = -1;
  bool kept_ = false;
};

}  // namespace nes::cli
