#include <nes/secret.hpp>

#include <cstring>

namespace nes {

void secure_wipe(void* data, std::size_t size) noexcept {
  if (data == nullptr || size == 0) return;
  // Calling memset through a volatile pointer keeps the store from being
  // removed as dead.
  static void* (*const volatile wipe)(void*, int, std::size_t) = std::memset;
  wipe(data, 0, size);
}

bool operator==(const SecretString& a, const SecretString& b) noexcept {
  // Length is not secret here; the contents are compared without an early
  // exit so that timing does not reveal where they differ.
  if (a.value_.size() != b.value_.size()) return false;
  unsigned char diff = 0;
  for (std::size_t i = 0; i < a.value_.size(); ++i) {
    diff = static_cast<unsigned char>(
        diff | (static_cast<unsigned char>(a.value_[i]) ^ static_cast<unsigned char>(b.value_[i])));
  }
  return diff == 0;
}

}  // namespace nes
