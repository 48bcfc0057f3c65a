#pragma once
// What a person reads when an operation fails, in Turkish and in English:
// a message for every nes::errc and for every problem code the portal or
// the SDK reports, the sentence that puts them together with the tries left
// and the wait, and what can be done next. Field problems carry their own
// messages (FieldError::message_tr, message_en).
//
//   auto [ec, session] = co_await client.async_login(credentials, asio::as_tuple(asio::use_awaitable));
//   if (ec) show(nes::describe(ec, session.problem(), nes::Language::tr));
//
// error_code::message() stays the English text of the category, for logs.

#include <nes/error.hpp>
#include <nes/export.hpp>
#include <nes/issued_certificate.hpp>
#include <nes/lifecycle.hpp>
#include <nes/problem.hpp>

#include <optional>
#include <string>
#include <string_view>

namespace nes {

/// The languages of the SDK's messages.
enum class Language { tr, en };

/// One message in both languages. Messages never quote a value a person
/// typed, so that secrets do not reach logs through them.
struct NES_EXPORT Message {
  /// In Turkish.
  std::string_view tr;
  /// In English.
  std::string_view en;

  /// The message in `language`.
  [[nodiscard]] std::string_view in(Language language) const noexcept { return language == Language::tr ? tr : en; }
};

/// The stable snake_case name of an SDK error code ("connection_failed"),
/// for JSON and logs; "unknown" for a value this SDK does not define.
NES_EXPORT std::string_view to_string(errc code) noexcept;

/// The message of an SDK error code; every errc has one.
NES_EXPORT Message message_of(errc code) noexcept;

/// The message of a problem code: the portal's (docs/protocol/openapi.yaml
/// lists them) and the SDK's own local ones (pin_incorrect, invalid_code…);
/// nullopt for a code this SDK does not know.
NES_EXPORT std::optional<Message> problem_message(std::string_view code) noexcept;

/// The name a person reads for a form's field path ("identity.mobile_phone":
/// "Cep telefonu" / "Mobile phone"); nullopt for a path that is not a field.
NES_EXPORT std::optional<Message> field_label(std::string_view path) noexcept;

/// An application's status as a person reads it ("SMS doğrulaması
/// bekleniyor" / "Waiting for the SMS code").
NES_EXPORT Message status_label(ApplicationStatus status) noexcept;

/// An issued certificate's state as a person reads it ("askıda" / "suspended").
NES_EXPORT Message state_label(CertificateState state) noexcept;

/// An RFC 5280 revocation reason ("keyCompromise") as a person reads it
/// ("anahtar ele geçirildi" / "key compromised"); nullopt for another name.
NES_EXPORT std::optional<Message> revocation_reason_label(std::string_view reason) noexcept;

/// What can be done after a failure.
enum class Recovery {
  correct,    ///< change what was given (a field, the password, the SMS code, the PIN) and try again
  wait,       ///< try again later: after Problem::retry_after when it is given
  transient,  ///< the portal or the network failed; the same request may succeed later
  permanent,  ///< trying again changes nothing (not on the staff register, a locked PIN…)
};

/// The recovery of `ec` with its problem (null when there is none).
NES_EXPORT Recovery recovery_of(const error_code& ec, const Problem* problem) noexcept;

/// One sentence for a person: the problem's message (else the error code's)
/// with the tries left, when to try again, and the fields to correct, each
/// on a line of its own ("  - Cep telefonu: …", the field by its label). Never the portal's English
/// `detail` in Turkish, and never a raw code.
NES_EXPORT std::string describe(const error_code& ec, const Problem* problem, Language language);

}  // namespace nes
