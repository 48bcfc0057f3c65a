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

/// A string that holds a secret: wiped when it changes or ends, never shown by accident.
class NES_EXPORT SecretString {
 public:
  SecretString() = default;
  /// A copy of `value` (wipe the original yourself).
  explicit SecretString(std::string_view value) : value_(value) {}
  /// A copy, wiped in its turn.
  SecretString(const SecretString& other) : value_(other.value_) {}
  /// Takes `other`'s bytes and wipes what is left of it.
  SecretString(SecretString&& other) noexcept : value_(std::move(other.value_)) { other.wipe(); }
  /// Wipes the old value, then copies.
  SecretString& operator=(const SecretString& other) {
    if (this != &other) assign(other.reveal());
    return *this;
  }
  /// Wipes the old value, then takes `other`'s.
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
  /// Wipes and empties it.
  void clear() noexcept { wipe(); }

  /// The secret itself. Name kept explicit so that every use is easy to find.
  [[nodiscard]] std::string_view reveal() const noexcept { return value_; }
  /// True when it holds nothing.
  [[nodiscard]] bool empty() const noexcept { return value_.empty(); }
  /// Its length in bytes.
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
