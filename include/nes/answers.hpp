#pragma once
// How people write yes and no and the form's closed choices, in Turkish and
// in English: with Turkish case folding ("HAYIR", "Hayır", "hayir"), the
// Turkish letters also accepted without their marks ("diger", "is"), and
// spaces around ignored. Used by the wizard and by HR prefill's columns.

#include <nes/application_form.hpp>
#include <nes/export.hpp>

#include <optional>
#include <string_view>

namespace nes {

/// evet, e, yes, y, true, 1 / hayır, h, no, n, false, 0; nullopt for anything else.
NES_EXPORT std::optional<bool> yes_no_from_text(std::string_view text) noexcept;

/// ev, home / iş, work / diğer, other.
NES_EXPORT std::optional<AddressType> address_type_from_text(std::string_view text) noexcept;

/// sms / e-posta, eposta, email, e-mail.
NES_EXPORT std::optional<InfoChannel> info_channel_from_text(std::string_view text) noexcept;

/// The accepted answers, to show beside a question: "evet/hayır, e/h".
inline constexpr std::string_view yes_no_answers_tr = "evet/hayır, e/h";
inline constexpr std::string_view yes_no_answers_en = "yes/no, y/n";
inline constexpr std::string_view address_type_answers_tr = "ev, iş, diğer";
inline constexpr std::string_view address_type_answers_en = "home, work, other";
inline constexpr std::string_view info_channel_answers_tr = "sms, e-posta";
inline constexpr std::string_view info_channel_answers_en = "sms, email";

}  // namespace nes
