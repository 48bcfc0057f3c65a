#include <nes/issued_certificate.hpp>

#include <array>
#include <utility>

namespace nes {

namespace {

constexpr std::array<std::pair<CertificateState, std::string_view>, 4> state_names = {{
    {CertificateState::active, "active"},
    {CertificateState::suspended, "suspended"},
    {CertificateState::revoked, "revoked"},
    {CertificateState::expired, "expired"},
}};

}  // namespace

std::string_view to_string(CertificateState state) noexcept {
  for (const auto& [value, name] : state_names) {
    if (value == state) return name;
  }
  return "unknown";
}

std::optional<CertificateState> certificate_state_from_string(std::string_view name) noexcept {
  for (const auto& [value, text] : state_names) {
    if (text == name) return value;
  }
  return std::nullopt;
}

}  // namespace nes
