#pragma once
// CAdES-T (ETSI EN 319 122-1, 5.3): the signature-time-stamp unsigned
// attribute (1.2.840.113549.1.9.16.2.14), a time stamp over the SignerInfo's
// signature value, added to a CMS SignedData with one signer.

#include <optional>
#include <string>
#include <string_view>

namespace nes::timestamp {

/// SHA-256 of the one signer's signature value: what the time stamp
/// stamps. nullopt with `why` when `cms_der` is not SignedData with one signer.
std::optional<std::string> signature_value_digest(std::string_view cms_der, std::string& why);

/// `cms_der` with `token_der` as its signer's signature-time-stamp; nullopt
/// with `why` when either cannot be read or the signer already has one.
std::optional<std::string> with_signature_time_stamp(std::string_view cms_der, std::string_view token_der,
                                                     std::string& why);

}  // namespace nes::timestamp
