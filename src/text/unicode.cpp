#include "text/unicode.hpp"

#include <nes/text.hpp>

#include <unicode/bytestream.h>
#include <unicode/casemap.h>
#include <unicode/normalizer2.h>
#include <unicode/stringpiece.h>
#include <unicode/uchar.h>

#include <algorithm>
#include <cstdint>
#include <stdexcept>

namespace nes::detail::unicode {

namespace {

const icu::Normalizer2& nfc_instance() {
  // ICU caches the instance; a failure here means ICU's data is missing,
  // which no caller can recover from.
  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2* nfc = icu::Normalizer2::getNFCInstance(status);
  if (U_FAILURE(status) || nfc == nullptr) throw std::runtime_error("ICU NFC data unavailable");
  return *nfc;
}

bool is_ascii(std::string_view s) noexcept {
  return std::all_of(s.begin(), s.end(), [](char c) { return static_cast<unsigned char>(c) < 0x80U; });
}

template <class Map>
std::string map_case(std::string_view s, Map map) {
  std::string out;
  out.reserve(s.size() + 4);
  icu::StringByteSink<std::string> sink(&out);
  UErrorCode status = U_ZERO_ERROR;
  map("tr", std::uint32_t{0}, icu::StringPiece(s.data(), static_cast<int32_t>(s.size())), sink, nullptr, status);
  if (U_FAILURE(status)) throw std::runtime_error("ICU case mapping failed");
  return out;
}

}  // namespace

Category category(char32_t cp) noexcept {
  switch (u_charType(static_cast<UChar32>(cp))) {
    case U_UPPERCASE_LETTER:
    case U_LOWERCASE_LETTER:
    case U_TITLECASE_LETTER:
    case U_MODIFIER_LETTER:
    case U_OTHER_LETTER:
      return Category::letter;
    case U_NON_SPACING_MARK:
    case U_ENCLOSING_MARK:
    case U_COMBINING_SPACING_MARK:
      return Category::mark;
    case U_DECIMAL_DIGIT_NUMBER:
      return Category::decimal_digit;
    case U_LETTER_NUMBER:
    case U_OTHER_NUMBER:
      return Category::other_number;
    case U_SPACE_SEPARATOR:
      return Category::space_separator;
    case U_LINE_SEPARATOR:
    case U_PARAGRAPH_SEPARATOR:
      return Category::line_or_paragraph_separator;
    case U_CONTROL_CHAR:
      return Category::control;
    case U_FORMAT_CHAR:
      return Category::format;
    case U_SURROGATE:
      return Category::surrogate;
    case U_PRIVATE_USE_CHAR:
      return Category::private_use;
    case U_DASH_PUNCTUATION:
    case U_START_PUNCTUATION:
    case U_END_PUNCTUATION:
    case U_CONNECTOR_PUNCTUATION:
    case U_OTHER_PUNCTUATION:
    case U_INITIAL_PUNCTUATION:
    case U_FINAL_PUNCTUATION:
      return Category::punctuation;
    case U_MATH_SYMBOL:
    case U_CURRENCY_SYMBOL:
    case U_MODIFIER_SYMBOL:
    case U_OTHER_SYMBOL:
      return Category::symbol;
    default:
      return Category::unassigned;
  }
}

bool is_nfc(std::string_view s) noexcept {
  if (is_ascii(s)) return true;
  UErrorCode status = U_ZERO_ERROR;
  const UBool yes = nfc_instance().isNormalizedUTF8(icu::StringPiece(s.data(), static_cast<int32_t>(s.size())), status);
  return U_SUCCESS(status) && yes != 0;
}

std::string to_nfc(std::string_view s) {
  if (is_nfc(s)) return std::string(s);
  std::string out;
  icu::StringByteSink<std::string> sink(&out);
  UErrorCode status = U_ZERO_ERROR;
  nfc_instance().normalizeUTF8(0, icu::StringPiece(s.data(), static_cast<int32_t>(s.size())), sink, nullptr, status);
  if (U_FAILURE(status)) throw std::runtime_error("ICU normalisation failed");
  return out;
}

std::string to_upper_tr(std::string_view s) {
  return map_case(s, [](auto&&... args) { icu::CaseMap::utf8ToUpper(args...); });
}

std::string to_lower_tr(std::string_view s) {
  return map_case(s, [](auto&&... args) { icu::CaseMap::utf8ToLower(args...); });
}

}  // namespace nes::detail::unicode

namespace nes::text {

std::optional<std::string> to_upper_tr(std::string_view s) {
  if (!is_valid_utf8(s)) return std::nullopt;
  return detail::unicode::to_upper_tr(s);
}

std::optional<std::string> to_lower_tr(std::string_view s) {
  if (!is_valid_utf8(s)) return std::nullopt;
  return detail::unicode::to_lower_tr(s);
}

std::optional<std::string> to_nfc(std::string_view s) {
  if (!is_valid_utf8(s)) return std::nullopt;
  return detail::unicode::to_nfc(s);
}

}  // namespace nes::text
