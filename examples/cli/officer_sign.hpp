#pragma once
// nes officer sign: the institution's list signed by e-imza at the version
// the officer checked, crash-safe through the journal (nes::ListSigner).

#include <string>
#include <vector>

namespace nes::cli {

int run_officer_sign(const std::vector<std::string>& args);

}  // namespace nes::cli
