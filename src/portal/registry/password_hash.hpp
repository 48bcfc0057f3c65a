#pragma once
// e-Devlet passwords in the personnel registry: PBKDF2-HMAC-SHA256 with a
// per-person salt (OpenSSL). Verification compares in constant time.

#include <nes/secret.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace nes::portal::registry {

struct PasswordHash {
  static constexpr std::uint32_t min_iterations = 10'000;
  static constexpr std::size_t salt_bytes = 16;
  static constexpr std::size_t hash_bytes = 32;

  std::uint32_t iterations = 0;
  std::vector<unsigned char> salt;
  std::vector<unsigned char> hash;

  /// A fresh random salt and the hash of `password`.
  static PasswordHash make(std::string_view password, std::uint32_t iterations);

  /// True when `password` hashes to `hash` (constant-time comparison).
  [[nodiscard]] bool verify(std::string_view password) const;

  /// "pbkdf2-sha256$ITERATIONS$SALT$HASH" (base64), as a database keeps it.
  [[nodiscard]] std::string to_text() const;
  /// The hash of to_text(); nullopt for any other text.
  static std::optional<PasswordHash> from_text(std::string_view text);

  friend bool operator==(const PasswordHash&, const PasswordHash&) = default;
};

}  // namespace nes::portal::registry
