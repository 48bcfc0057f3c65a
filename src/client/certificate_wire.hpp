#pragma once
// The person's certificates on the wire (docs/protocol/openapi.yaml,
// IssuedCertificateList, CertificateChangeRequest, PendingCertificateChange).
// Nullopt when the body is not the documented shape.

#include <nes/certificates.hpp>
#include <nes/issued_certificate.hpp>

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace nes::client {

std::optional<std::vector<IssuedCertificate>> decode_issued_certificates(std::string_view body);
std::optional<IssuedCertificate> decode_issued_certificate(std::string_view body);
/// CertificateChangeRequest: {"action", "reason"?}.
std::string encode_change_request(CertificateChange change, std::string_view reason);
std::optional<PendingChange> decode_pending_change(std::string_view body, OtpStatus::SteadyClock::time_point received);
std::optional<PendingPukRelease> decode_pending_puk(std::string_view body, OtpStatus::SteadyClock::time_point received);
/// {"serial", "puk"}: the PUK, its plain copies wiped.
std::optional<SecretString> decode_released_puk(std::string_view body);

}  // namespace nes::client
