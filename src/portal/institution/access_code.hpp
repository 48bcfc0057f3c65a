#pragma once
// The access code of an institution-paid application (*Başvuru Formu Erişim
// Parolası*): 10 characters of an alphabet without look-alikes (no 0/O, 1/I/L),
// shown as "XXXXX-XXXXX", typed in any case with or without the hyphen and
// spaces. The portal keeps only a hash salted with the request's id.

#include <nes/secret.hpp>

#include <optional>
#include <string>
#include <string_view>

namespace nes::portal::institution {

/// A new random code, "XXXXX-XXXXX".
SecretString new_access_code();

/// The code as typed, in its stored form (10 characters, upper case), or
/// nullopt when it cannot be a code.
std::optional<SecretString> normalized_access_code(std::string_view typed);

/// What the store keeps: base64url(SHA-256(request id ":" normalised code)).
std::string access_code_hash(std::string_view request_id, const SecretString& normalized);

}  // namespace nes::portal::institution
