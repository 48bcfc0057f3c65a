#pragma once
// The small text helpers HTTP needs: header names and host names compare
// without case (ASCII only).

#include <string>
#include <string_view>

namespace nes::net {

bool iequals(std::string_view a, std::string_view b) noexcept;
std::string ascii_lower(std::string_view s);

}  // namespace nes::net
