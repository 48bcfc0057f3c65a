#include "progress_bar.hpp"

#include <unistd.h>

#include <cstdio>

namespace nes::cli {

ProgressBar::ProgressBar(std::string label) : label_(std::move(label)), shown_(isatty(STDERR_FILENO) != 0) {}

ProgressBar::~ProgressBar() {
  if (drawn_) std::fputc('\n', stderr);
}

void ProgressBar::update(std::size_t done, std::size_t total) {
  if (!shown_ || total == 0) return;
  const auto now = std::chrono::steady_clock::now();
  if (done != total && now - last_ < std::chrono::milliseconds(100)) return;
  last_ = now;
  constexpr std::size_t width = 40;
  const std::size_t filled = done * width / total;
  std::fprintf(stderr, "\r%s [%s%s] %zu/%zu %3zu%%", label_.c_str(), std::string(filled, '#').c_str(),
               std::string(width - filled, '.').c_str(), done, total, done * 100 / total);
  std::fflush(stderr);
  drawn_ = true;
}

}  // namespace nes::cli
