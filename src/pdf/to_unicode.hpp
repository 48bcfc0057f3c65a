#pragma once
// libharu 2.3 gives a UTF-8 (Identity-H) font its encoder's CMap as the
// ToUnicode map: a `begincidrange` that no reader accepts there (poppler:
// "Invalid 'begincidrange' operator in ToUnicode CMap"). With Identity-H a
// code is the character's UTF-16 value, so the right map is the identity:
// written here in bfrange blocks, as PDF 32000-1 §9.10.3 has it.

#include <hpdf.h>

#include <string>

namespace nes::pdf {

/// The identity ToUnicode CMap (Adobe-Identity-UCS) for two-byte codes,
/// without the surrogate block.
[[nodiscard]] std::string identity_to_unicode_cmap();

/// Replaces `font`'s ToUnicode stream with the identity map; false when the
/// font has none to replace.
[[nodiscard]] bool use_identity_to_unicode(HPDF_Font font);

}  // namespace nes::pdf
