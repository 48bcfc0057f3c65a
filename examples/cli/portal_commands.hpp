#pragma once
// The portal's other pages: nes fees (Fiyatlar) and nes debt (Borç
// Sorgulama), which need no login, and nes cancel, which cancels a
// journal's application on the portal after its person's login.

#include <string>
#include <vector>

namespace nes::cli {

int run_fees(const std::vector<std::string>& args);
int run_debt(const std::vector<std::string>& args);
int run_cancel(const std::vector<std::string>& args);

}  // namespace nes::cli
