#pragma once
// nes token list [--module PATH] [--token-label L | --token-serial S] [--json]:
// the PKCS#11 tokens, their PIN status, and each token's certificates with
// their T.C. Kimlik No, issuer, expiry and days left.

#include <string>
#include <vector>

namespace nes::cli {

int run_token(const std::vector<std::string>& args);

}  // namespace nes::cli
