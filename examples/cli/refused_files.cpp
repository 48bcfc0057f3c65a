#include "refused_files.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <fstream>
#include <optional>
#include <sstream>
#include <vector>

namespace nes::cli {

namespace {

// "device inode size mtime-ns absolute-path"
std::optional<std::string> identity_of(const std::string& file) {
  struct stat st {};
  if (::stat(file.c_str(), &st) != 0) return std::nullopt;
  std::error_code ec;
  const auto absolute = std::filesystem::absolute(file, ec);
  std::ostringstream out;
  out << st.st_dev << ' ' << st.st_ino << ' ' << st.st_size << ' '
      << (static_cast<long long>(st.st_mtim.tv_sec) * 1000000000LL + st.st_mtim.tv_nsec) << ' '
      << (ec ? file : absolute.string());
  return out.str();
}

std::string path_of(const std::string& line) {
  std::size_t at = 0;
  for (int field = 0; field < 4 && at != std::string::npos; ++field) at = line.find(' ', at == 0 ? 0 : at + 1);
  return at == std::string::npos ? std::string() : line.substr(at + 1);
}

std::vector<std::string> lines_of(const std::filesystem::path& record) {
  std::vector<std::string> out;
  std::ifstream in(record);
  for (std::string line; std::getline(in, line);) {
    if (!line.empty()) out.push_back(line);
  }
  return out;
}

void write_lines(const std::filesystem::path& record, const std::vector<std::string>& lines) {
  const std::string temporary = record.string() + ".new";
  const int fd = ::open(temporary.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
  if (fd < 0) return;
  std::string text;
  for (const auto& l : lines) text += l + "\n";
  const bool written = ::write(fd, text.data(), text.size()) == static_cast<ssize_t>(text.size());
  ::fsync(fd);
  ::close(fd);
  if (written) std::filesystem::rename(temporary, record);
}

}  // namespace

RefusedFiles::RefusedFiles(const std::filesystem::path& journal) : record_(journal.string() + ".refused") {}

bool RefusedFiles::refused(const std::string& file) const {
  const auto identity = identity_of(file);
  if (!identity) return false;
  for (const auto& line : lines_of(record_)) {
    if (line == *identity) return true;
  }
  return false;
}

void RefusedFiles::remember(const std::string& file) {
  const auto identity = identity_of(file);
  if (!identity) return;
  auto lines = lines_of(record_);
  std::erase_if(lines, [&](const std::string& l) { return path_of(l) == path_of(*identity); });
  lines.push_back(*identity);
  write_lines(record_, lines);
}

void RefusedFiles::forget(const std::string& file) {
  const auto identity = identity_of(file);
  if (!identity) return;
  auto lines = lines_of(record_);
  const auto before = lines.size();
  std::erase_if(lines, [&](const std::string& l) { return path_of(l) == path_of(*identity); });
  if (lines.size() != before) write_lines(record_, lines);
}

}  // namespace nes::cli
