#include <nes/field_error.hpp>

#include <array>
#include <string>

namespace nes {

namespace {

struct CodeText {
  ValidationCode code;
  std::string_view name;
  std::string_view tr;  // "{}" is replaced by the detail
  std::string_view en;
};

constexpr std::array code_texts = {
    CodeText{ValidationCode::required, "required", "Bu alan zorunludur.", "This field is required."},
    CodeText{ValidationCode::wrong_type, "wrong_type", "Değer türü yanlış; beklenen: {}.",
             "Wrong type of value; expected {}."},
    CodeText{ValidationCode::unknown_field, "unknown_field", "Tanınmayan alan.", "Unknown field."},
    CodeText{ValidationCode::duplicate_field, "duplicate_field", "Alan birden fazla kez verilmiş.",
             "The field is given more than once."},
    CodeText{ValidationCode::malformed_json, "malformed_json", "JSON belgesi okunamadı: {}.",
             "The JSON document cannot be read: {}."},
    CodeText{ValidationCode::invalid_utf8, "invalid_utf8", "Geçersiz UTF-8 bayt dizisi içeriyor.",
             "Contains an invalid UTF-8 byte sequence."},
    CodeText{ValidationCode::control_character, "control_character", "Denetim karakteri içeremez.",
             "Must not contain control characters."},
    CodeText{ValidationCode::line_break, "line_break", "Satır sonu (CR/LF) içeremez.",
             "Must not contain line breaks (CR/LF)."},
    CodeText{ValidationCode::too_long, "too_long", "En fazla {} karakter olabilir.",
             "Must be at most {} characters long."},
    CodeText{ValidationCode::non_ascii_digit, "non_ascii_digit",
             "Yalnızca 0-9 rakamları kullanılabilir (Arap-Hint ya da tam genişlikte rakamlar olmaz).",
             "Only the digits 0-9 may be used (no Arabic-Indic or full-width digits)."},
    CodeText{ValidationCode::invalid_character, "invalid_character", "İzin verilmeyen karakter: {}.",
             "Character not allowed: {}."},
    CodeText{ValidationCode::wrong_length, "wrong_length", "Tam {} haneli olmalıdır.", "Must have exactly {} digits."},
    CodeText{ValidationCode::leading_zero, "leading_zero", "İlk hane 0 olamaz.", "The first digit cannot be 0."},
    CodeText{ValidationCode::checksum, "checksum", "Doğrulama haneleri tutmuyor.", "The check digits do not match."},
    CodeText{ValidationCode::invalid_phone, "invalid_phone",
             "Türkiye telefon numarası olarak okunamadı (örnek: 0532 123 45 67).",
             "Not readable as a Turkish phone number (for example 0532 123 45 67)."},
    CodeText{ValidationCode::not_mobile, "not_mobile",
             "Cep telefonu numarası değil; +90 5xx xxx xx xx biçiminde olmalıdır.",
             "Not a mobile number; expected +90 5xx xxx xx xx."},
    CodeText{ValidationCode::not_landline, "not_landline",
             "Sabit hat numarası değil; alan kodu 2xx, 3xx ya da 4xx olan bir numara olmalıdır.",
             "Not a landline number; expected an area code 2xx, 3xx or 4xx."},
    CodeText{ValidationCode::invalid_extension, "invalid_extension", "Dahili numara 1-6 rakamdan oluşmalıdır.",
             "The extension must be 1 to 6 digits."},
    CodeText{ValidationCode::invalid_email, "invalid_email",
             "Geçerli bir e-posta adresi değil (örnek: ad.soyad@kurum.gov.tr).",
             "Not a valid e-mail address (for example ad.soyad@kurum.gov.tr)."},
    CodeText{ValidationCode::unknown_value, "unknown_value", "Geçersiz seçim; geçerli değerler: {}.",
             "Not a valid choice; valid values: {}."},
    CodeText{ValidationCode::not_offered, "not_offered", "Bu seçenek sunulmuyor; seçilebilecek değerler: {}.",
             "This option is not offered; the values you may choose: {}."},
    CodeText{ValidationCode::out_of_range, "out_of_range", "Değer izin verilen aralıkta değil: {}.",
             "The value is outside the allowed range: {}."},
    CodeText{ValidationCode::unknown_province, "unknown_province", "Türkiye'nin 81 ilinden biri değil.",
             "Not one of Turkey's 81 provinces."},
    CodeText{ValidationCode::invalid_postal_code, "invalid_postal_code",
             "Posta kodu 5 rakam olmalı, ilk iki hanesi bir il kodu (01-81) olmalıdır.",
             "A postal code is 5 digits whose first two are a province code (01-81)."},
    CodeText{ValidationCode::province_mismatch, "province_mismatch", "Posta kodu {} iline ait; verilen il farklı.",
             "The postal code belongs to {}, not to the province given."},
    CodeText{ValidationCode::unknown_institution, "unknown_institution", "Kurum kataloğunda böyle bir kurum yok.",
             "No such institution in the catalogue."},
    CodeText{ValidationCode::invalid_identifier, "invalid_identifier",
             "Tanımlayıcı 1-64 karakter olmalı; yalnızca a-z, 0-9, alt çizgi ve tire içerebilir.",
             "An identifier is 1 to 64 characters of a-z, 0-9, underscore and hyphen."},
    CodeText{ValidationCode::malformed_csv, "malformed_csv", "CSV satırı okunamadı: {}.",
             "The CSV row cannot be read: {}."},
    CodeText{ValidationCode::duplicate_person, "duplicate_person",
             "Bu T.C. Kimlik No dosyada daha önce geçti (satır {}).",
             "This T.C. Kimlik No appeared earlier in the file (line {})."},
    CodeText{ValidationCode::not_as_registered, "not_as_registered",
             "Kimlik kaydınızdaki (MERNİS) adla aynı değil; e-Devlet'te görünen adı yazın.",
             "Not as in your identity record (MERNİS); write the name e-Devlet shows."},
    CodeText{ValidationCode::not_staff, "not_staff", "Bu kişi kurumun personeli olarak kayıtlı değil.",
             "This person is not registered as staff of the institution."},
    CodeText{ValidationCode::too_short, "too_short", "En az {} karakter olmalıdır.",
             "Must be at least {} characters long."},
};

constexpr bool codes_in_enum_order() {
  for (std::size_t i = 0; i < code_texts.size(); ++i) {
    if (static_cast<std::size_t>(code_texts[i].code) != i) return false;
  }
  return true;
}
static_assert(codes_in_enum_order() && code_texts.size() == static_cast<std::size_t>(ValidationCode::too_short) + 1,
              "code_texts must list every ValidationCode, in enum order");

std::string fill(std::string_view text, std::string_view detail) {
  std::string out(text);
  if (const auto at = out.find("{}"); at != std::string::npos) out.replace(at, 2, detail);
  return out;
}

}  // namespace

std::string_view to_string(ValidationCode code) noexcept {
  const auto i = static_cast<std::size_t>(code);
  return i < code_texts.size() ? code_texts[i].name : std::string_view{"unknown"};
}

FieldError make_field_error(std::string field, ValidationCode code, std::string_view detail) {
  const auto i = static_cast<std::size_t>(code);
  const CodeText& text = code_texts.at(i);
  return FieldError{std::move(field), code, fill(text.tr, detail), fill(text.en, detail)};
}

}  // namespace nes
