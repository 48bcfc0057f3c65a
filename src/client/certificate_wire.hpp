#pragma once
// The person's certificates on the wire (docs/protocol/openapi.yaml,
// IssuedCertificateList). Nullopt when the body is not the documented shape.

#include <nes/issued_certificate.hpp>

#include <optional>
#include <string_view>
#include <vector>

namespace nes::client {

std::optional<std::vector<IssuedCertificate>> decode_issued_certificates(std::string_view body);

}  // namespace nes::client
