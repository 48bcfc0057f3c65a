#pragma once
// A string that holds a secret (T.C. Kimlik No, password, SMS code, PIN) and
// wipes its memory when it is destroyed, reassigned or moved from. It has no
// stream operator, so it cannot be logged by accident.

#include <cstddef>
#include <nes/export.hpp>
#include <string>
#include <string_view>

namespace nes {

/// Overwrites `size` bytes at `data` with zeros in a way the optimiser keeps.
NES_EXPORT void secure_wipe(void* data, std::size_t size) noexcept;

class NES_EXPORT SecretString {
 public:
  SecretString() = default;
  explicit SecretString(std::string_view value) : value_(value) {}
  SecretString(const SecretString& other) : value_(other.value_) {}
  SecretString(SecretString&& other) noexcept : value_(std::move(other.value_)) { other.wipe(); }
  SecretString& operator=(const SecretString& other) {
    if (this != &other) assign(other.reveal());
    return *this;
  }
  SecretString& operator=(SecretString&& other) noexcept {
    if (this != &other) {
      wipe();
      value_ = std::move(other.value_);
      other.wipe();
    }
    return *this;
  }
  ~SecretString() { wipe(); }

  /// Replaces the value; the old bytes are wiped first.
  void assign(std::string_view value) {
    wipe();
    value_.assign(value);
  }
  void clear() noexcept { wipe(); }

  /// The secret itself. Name kept explicit so that every use is easy to find.
  [[nodiscard]] std::string_view reveal() const noexcept { return value_; }
  [[nodiscard]] bool empty() const noexcept { return value_.empty(); }
  [[nodiscard]] std::size_t size() const noexcept { return value_.size(); }

  friend NES_EXPORT bool operator==(const SecretString& a, const SecretString& b) noexcept;

 private:
  void wipe() noexcept {
    secure_wipe(value_.data(), value_.capacity());
    value_.clear();
  }

  std::string value_;
};

}  // namespace nes
