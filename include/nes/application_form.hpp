#pragma once
// The application form of step 10 (Sertifika Bilgisi, Kimlik Bilgileri,
// Kurum Bilgisi, Teslimat Bilgisi), as the applicant fills it in: free text
// stays text until validate_form() checks and normalises it. Closed choices
// are typed; an unset std::optional means "not given".

#include <nes/export.hpp>
#include <nes/postal_address.hpp>
#include <nes/secret.hpp>

#include <optional>
#include <string>
#include <string_view>

namespace nes {

/// Bilgi Kanalı: how the applicant is kept informed.
enum class InfoChannel { sms, email };

NES_EXPORT std::string_view to_string(InfoChannel channel) noexcept;
NES_EXPORT std::optional<InfoChannel> info_channel_from_string(std::string_view text) noexcept;

/// Sertifika Bilgisi.
struct NES_EXPORT CertificateOptions {
  /// Whatever the portal offers, a period outside this range is a mistake.
  static constexpr int min_validity_years = 1;
  /// The longest validity period a form may ask for, in years.
  static constexpr int max_validity_years = 10;

  std::optional<int> validity_years;   ///< Sertifika Süresi, one of the offered periods
  std::optional<bool> card_reader;     ///< Kart Okuyucu wanted
  std::optional<bool> publish_online;  ///< Sertifikanız İnternetten Yayınlansın mı
  /// Güvenlik Sözcüğü (optional, 4 to 32 characters): asked before the
  /// portal releases the card's PUK (PIN Oluşturma/Kilit Çözme). The portal
  /// keeps only a salted hash of it; it is never printed or logged.
  std::optional<SecretString> security_word{};
  friend bool operator==(const CertificateOptions&, const CertificateOptions&) = default;
};

/// Kimlik Bilgileri.
struct NES_EXPORT IdentityDetails {
  SecretString tckn;  ///< T.C. Kimlik No (a secret)
  /// Ad.
  std::string first_name;
  /// Soyad.
  std::string last_name;
  std::string mobile_phone;                 ///< one of the person's registered numbers
  std::optional<InfoChannel> info_channel;  ///< Bilgi Kanalı
  std::string email;                        ///< required when info_channel is email
  friend bool operator==(const IdentityDetails&, const IdentityDetails&) = default;
};

/// Kurum Bilgisi.
struct NES_EXPORT InstitutionDetails {
  std::string id;          ///< Kurum Adı, by catalogue id
  std::string unit;        ///< Talep Eden Birim Unvanı
  std::string work_phone;  ///< İş Telefonu
  std::string extension;   ///< Dahili
  friend bool operator==(const InstitutionDetails&, const InstitutionDetails&) = default;
};

/// Teslimat Bilgisi.
struct NES_EXPORT DeliveryDetails {
  std::optional<AddressType> address_type;  ///< Adres Tipi
  /// Adres: street, number, flat.
  std::string address_line;
  std::string district;  ///< ilçe
  std::string province;  ///< il
  /// Posta kodu: five digits; optional unless the institution requires it.
  std::string postal_code;
  friend bool operator==(const DeliveryDetails&, const DeliveryDetails&) = default;
};

/// The whole application form of step 10, in its four sections.
struct NES_EXPORT ApplicationForm {
  /// Sertifika Bilgisi.
  CertificateOptions certificate;
  /// Kimlik Bilgileri.
  IdentityDetails identity;
  /// Kurum Bilgisi.
  InstitutionDetails institution;
  /// Teslimat Bilgisi.
  DeliveryDetails delivery;
  friend bool operator==(const ApplicationForm&, const ApplicationForm&) = default;
};

}  // namespace nes
