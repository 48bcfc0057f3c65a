#pragma once
// nes certificates suspend | unsuspend | revoke: a change to the person's
// certificate, confirmed with the SMS code the portal sends (typed, or from
// --otp-command once); a revocation, which is final, only with --yes or
// "evet" typed at the terminal.

#include <string>
#include <vector>

namespace nes::cli {

int run_certificate_change(const std::string& action, const std::vector<std::string>& args);

}  // namespace nes::cli
