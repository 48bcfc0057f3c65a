#include "input_file.hpp"

#include "language.hpp"

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <memory>
#include <vector>

namespace nes::cli {

std::optional<SecretString> read_input_file(const std::string& path, std::string& error) {
  const std::unique_ptr<std::FILE, int (*)(std::FILE*)> file(std::fopen(path.c_str(), "rb"), &std::fclose);
  if (!file) {
    error = std::string(say("açılamıyor: ", "cannot open ")) + path + ": " + os_error(errno);
    return std::nullopt;
  }
  std::vector<char> buffer(max_input_bytes + 1);
  const std::size_t n = std::fread(buffer.data(), 1, buffer.size(), file.get());
  const bool failed = std::ferror(file.get()) != 0;
  SecretString content(std::string_view(buffer.data(), std::min(n, max_input_bytes)));
  secure_wipe(buffer.data(), buffer.size());
  if (failed) {
    error = std::string(say("okunamıyor: ", "cannot read ")) + path;
    return std::nullopt;
  }
  if (n > max_input_bytes) {
    error = path + std::string(say(" çok büyük; sınır: ", " is too large; the limit: ")) +
            std::to_string(max_input_bytes) + std::string(say(" bayt", " bytes"));
    return std::nullopt;
  }
  return content;
}

}  // namespace nes::cli
