#include <nes/signature_profile.hpp>

#include <array>
#include <utility>

namespace nes {

std::optional<std::string_view> turkish_policy_oid(std::string_view profile) noexcept {
  // BTK, Elektronik İmza Kullanım Profilleri Rehberi.
  static constexpr std::array<std::pair<std::string_view, std::string_view>, 3> oids = {{
      {"P2", "2.16.792.1.61.0.1.5070.3.1.1"},
      {"P3", "2.16.792.1.61.0.1.5070.3.2.1"},
      {"P4", "2.16.792.1.61.0.1.5070.3.3.1"},
  }};
  for (const auto& [name, oid] : oids) {
    if (name == profile) return oid;
  }
  return std::nullopt;
}

}  // namespace nes
