#pragma once
// A one-line progress bar on standard error, drawn only when it is a
// terminal (nothing in logs or pipes), redrawn at most ten times a second.

#include <chrono>
#include <cstddef>
#include <string>

namespace nes::cli {

class ProgressBar {
 public:
  explicit ProgressBar(std::string label);
  ProgressBar(const ProgressBar&) = delete;
  ProgressBar& operator=(const ProgressBar&) = delete;
  ~ProgressBar();  ///< ends the line

  void update(std::size_t done, std::size_t total);

 private:
  std::string label_;
  bool shown_;
  bool drawn_ = false;
  std::chrono::steady_clock::time_point last_{};
};

}  // namespace nes::cli
