// AKİS cards by their ATR, compared under a mask as OpenSC's ATR tables do:
// the bytes that name the card are fixed, the rest (version details, the
// check byte) may vary.

#include <nes/card_readers.hpp>

#include <array>
#include <cstdio>

namespace nes {

namespace {

struct KnownAtr {
  const char* card_type;
  std::vector<std::uint8_t> value;
  std::vector<std::uint8_t> mask;  ///< same length as value; 0xFF: must match
};

// flow.md: historical bytes spelling "UEKAE" (55 45 4B 41 45).
const std::array<KnownAtr, 2>& known_atrs() {
  static const std::array<KnownAtr, 2> table{{
      {"AKİS v1.0",
       {0x3B, 0xBA, 0x11, 0x00, 0x81, 0x31, 0xFE, 0x4D, 0x55, 0x45, 0x4B, 0x41, 0x45, 0x20, 0x56, 0x31, 0x2E, 0x30,
        0xAE},
       std::vector<std::uint8_t>(19, 0xFF)},
      // v1.2 and v1.3: 15 historical bytes, the first eight fixed.
      {"AKİS v1.2+",
       {0x3B, 0x9F, 0x96, 0x81, 0x31, 0xFE, 0x45, 0x80, 0x67, 0x55, 0x45, 0x4B,
        0x41, 0x45, 0x12, 0,    0,    0,    0,    0,    0,    0,    0},
       {0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF,
        0xFF, 0xFF, 0xFF, 0,    0,    0,    0,    0,    0,    0,    0}},
  }};
  return table;
}

bool matches(std::span<const std::uint8_t> atr, const KnownAtr& known) {
  if (atr.size() != known.value.size()) return false;
  for (std::size_t i = 0; i < atr.size(); ++i) {
    if ((atr[i] & known.mask[i]) != (known.value[i] & known.mask[i])) return false;
  }
  return true;
}

}  // namespace

std::string recognise_card(std::span<const std::uint8_t> atr) {
  for (const auto& known : known_atrs()) {
    if (matches(atr, known)) return known.card_type;
  }
  return {};
}

std::string CardReaderState::atr_hex() const {
  std::string text;
  text.reserve(atr.size() * 3);
  for (const auto byte : atr) {
    std::array<char, 4> hex{};
    std::snprintf(hex.data(), hex.size(), text.empty() ? "%02X" : " %02X", byte);
    text += hex.data();
  }
  return text;
}

}  // namespace nes
