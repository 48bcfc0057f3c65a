#pragma once
// nes certificates: Sertifika Listeleme — the person's certificates at the
// portal with their state, validity and renewal window, warning within 90
// days of expiry.

#include <string>
#include <vector>

namespace nes::cli {

int run_certificates(const std::vector<std::string>& args);

}  // namespace nes::cli
