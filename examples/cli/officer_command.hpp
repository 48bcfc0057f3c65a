#pragma once
// nes officer: the institution's authorised officer's work on the
// institution-paid route (Yetkili İşlemleri): upload the staff list, follow
// the institution's applications, show the list and sign it.

#include <string>
#include <vector>

namespace nes::cli {

int run_officer(const std::vector<std::string>& args);

}  // namespace nes::cli
