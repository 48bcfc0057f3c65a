#include <nes/answers.hpp>
#include <nes/text.hpp>

#include <algorithm>
#include <array>
#include <string>

namespace nes {

namespace {

// Lower case the Turkish way, then the Turkish letters without their marks:
// "HAYIR" → "hayir", "Diğer" → "diger", "İŞ" → "is".
std::optional<std::string> folded(std::string_view answer) {
  const auto first = answer.find_first_not_of(" \t");
  if (first == std::string_view::npos) return std::nullopt;
  const auto last = answer.find_last_not_of(" \t");
  auto lower = text::to_lower_tr(answer.substr(first, last - first + 1));
  if (!lower) return std::nullopt;
  static constexpr std::array<std::pair<std::string_view, char>, 6> marks = {
      {{"ı", 'i'}, {"ş", 's'}, {"ğ", 'g'}, {"ç", 'c'}, {"ö", 'o'}, {"ü", 'u'}}};
  std::string out;
  for (std::size_t i = 0; i < lower->size();) {
    const auto mark = std::find_if(marks.begin(), marks.end(), [&](const auto& m) {
      return std::string_view(*lower).substr(i, m.first.size()) == m.first;
    });
    if (mark != marks.end()) {
      out += mark->second;
      i += mark->first.size();
    } else {
      out += (*lower)[i++];
    }
  }
  return out;
}

template <class T, std::size_t N>
std::optional<T> look_up(std::string_view text, const std::array<std::pair<std::string_view, T>, N>& words) {
  const auto word = folded(text);
  if (!word) return std::nullopt;
  for (const auto& [name, value] : words) {
    if (name == *word) return value;
  }
  return std::nullopt;
}

}  // namespace

std::optional<bool> yes_no_from_text(std::string_view text) noexcept {
  static constexpr std::array<std::pair<std::string_view, bool>, 12> words = {{{"evet", true},
                                                                               {"e", true},
                                                                               {"yes", true},
                                                                               {"y", true},
                                                                               {"true", true},
                                                                               {"1", true},
                                                                               {"hayir", false},
                                                                               {"h", false},
                                                                               {"no", false},
                                                                               {"n", false},
                                                                               {"false", false},
                                                                               {"0", false}}};
  try {
    return look_up(text, words);
  } catch (...) {
    return std::nullopt;  // out of memory: not an answer
  }
}

std::optional<AddressType> address_type_from_text(std::string_view text) noexcept {
  static constexpr std::array<std::pair<std::string_view, AddressType>, 6> words = {{{"ev", AddressType::home},
                                                                                     {"home", AddressType::home},
                                                                                     {"is", AddressType::work},
                                                                                     {"work", AddressType::work},
                                                                                     {"diger", AddressType::other},
                                                                                     {"other", AddressType::other}}};
  try {
    return look_up(text, words);
  } catch (...) {
    return std::nullopt;
  }
}

std::optional<InfoChannel> info_channel_from_text(std::string_view text) noexcept {
  static constexpr std::array<std::pair<std::string_view, InfoChannel>, 5> words = {{{"sms", InfoChannel::sms},
                                                                                     {"e-posta", InfoChannel::email},
                                                                                     {"eposta", InfoChannel::email},
                                                                                     {"email", InfoChannel::email},
                                                                                     {"e-mail", InfoChannel::email}}};
  try {
    return look_up(text, words);
  } catch (...) {
    return std::nullopt;
  }
}

}  // namespace nes
