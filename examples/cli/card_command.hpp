#pragma once
// nes card list [--json]: the card readers, whether a card is in each, its
// ATR, and whether it is an AKİS (NES) card.

#include <string>
#include <vector>

namespace nes::cli {

int run_card(const std::vector<std::string>& args);

}  // namespace nes::cli
