#include "client/certificate_wire.hpp"

#include "client/wire_reading.hpp"

namespace nes::client {

namespace {

using namespace reading;  // NOLINT(google-build-using-namespace): the wire's own vocabulary

IssuedCertificate issued_certificate(const json::value& v) {
  const auto& o = object(v);
  IssuedCertificate c;
  c.serial = text(o, "serial");
  c.application_id = text(o, "application_id");
  c.common_name = text(o, "common_name");
  c.not_before = time(o, "not_before");
  c.not_after = time(o, "not_after");
  c.renewal_from = time(o, "renewal_from");
  const auto state = certificate_state_from_string(text(o, "status"));
  if (!state) throw NotTheProtocol{};
  c.state = *state;
  if (c.state == CertificateState::revoked) {
    c.revoked_at = time(o, "revoked_at");
    c.revocation_reason = text(o, "revocation_reason");
  }
  c.certificate_pem = text(o, "certificate_pem");
  return c;
}

}  // namespace

std::optional<std::vector<IssuedCertificate>> decode_issued_certificates(std::string_view body) {
  return decoded(body, [](const json::value& v) {
    std::vector<IssuedCertificate> list;
    for (const auto& c : array(object(v), "certificates")) list.push_back(issued_certificate(c));
    return list;
  });
}

}  // namespace nes::client
