#pragma once
// nes e-onay [status] | give | withdraw: the person's standing E-Onay
// (docs/adr/0016). give signs the portal's consent text on the card, to the
// portal's signature profile; afterwards nes apply --approve e-onay
// completes an application by its SMS code alone.

#include <string>
#include <vector>

namespace nes::cli {

int run_e_onay(const std::vector<std::string>& args);

}  // namespace nes::cli
