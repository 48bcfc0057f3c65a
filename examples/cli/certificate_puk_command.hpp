#pragma once
// nes certificates puk: the card's PUK from the portal (PIN Oluşturma/Kilit
// Çözme), once, after the application's security word and the SMS code; to a
// 0600 file (--out), else shown once. nes token unblock then sets the PIN.

#include <string>
#include <vector>

namespace nes::cli {

int run_certificate_puk(const std::vector<std::string>& args);

}  // namespace nes::cli
