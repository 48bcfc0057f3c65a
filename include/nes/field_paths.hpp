#pragma once
// The form's field paths. Every layer (validators, JSON, CLI, protocol,
// portal) names a field with these strings; see docs/form-schema.md.

#include <array>
#include <string_view>

namespace nes::fields {

inline constexpr std::string_view certificate_validity_years = "certificate.validity_years";
inline constexpr std::string_view certificate_card_reader = "certificate.card_reader";
inline constexpr std::string_view certificate_publish_online = "certificate.publish_online";
inline constexpr std::string_view certificate_security_word = "certificate.security_word";

inline constexpr std::string_view identity_tckn = "identity.tckn";
inline constexpr std::string_view identity_first_name = "identity.first_name";
inline constexpr std::string_view identity_last_name = "identity.last_name";
inline constexpr std::string_view identity_mobile_phone = "identity.mobile_phone";
inline constexpr std::string_view identity_info_channel = "identity.info_channel";
inline constexpr std::string_view identity_email = "identity.email";

inline constexpr std::string_view institution_id = "institution.id";
inline constexpr std::string_view institution_unit = "institution.unit";
inline constexpr std::string_view institution_work_phone = "institution.work_phone";
inline constexpr std::string_view institution_extension = "institution.extension";

inline constexpr std::string_view delivery_address_type = "delivery.address_type";
inline constexpr std::string_view delivery_address_line = "delivery.address_line";
inline constexpr std::string_view delivery_district = "delivery.district";
inline constexpr std::string_view delivery_province = "delivery.province";
inline constexpr std::string_view delivery_postal_code = "delivery.postal_code";

/// Every field of the form, in form order.
inline constexpr std::array<std::string_view, 19> all = {
    certificate_validity_years,
    certificate_card_reader,
    certificate_publish_online,
    certificate_security_word,
    identity_tckn,
    identity_first_name,
    identity_last_name,
    identity_mobile_phone,
    identity_info_channel,
    identity_email,
    institution_id,
    institution_unit,
    institution_work_phone,
    institution_extension,
    delivery_address_type,
    delivery_address_line,
    delivery_district,
    delivery_province,
    delivery_postal_code,
};

/// Fields that are optional by default and that an institution's rules may
/// make required.
inline constexpr std::array<std::string_view, 5> institution_may_require = {
    identity_email, institution_unit, institution_work_phone, institution_extension, delivery_postal_code,
};

}  // namespace nes::fields
