#pragma once
// nes token change-pin and nes token unblock (PIN Oluşturma/Kilit Çözme) on
// the card itself: the PIN changed with the PIN (C_SetPIN), or set anew with
// the PUK (C_Login as security officer, C_InitPIN), once and never retried.
// The secrets come from files, the environment or the terminal without echo;
// the new PIN is typed twice at the terminal.

#include <string>
#include <vector>

namespace nes::cli {

/// `args` begins with "change-pin" or "unblock".
int run_token_pin(const std::vector<std::string>& args);

}  // namespace nes::cli
