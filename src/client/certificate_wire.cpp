#include "client/certificate_wire.hpp"

#include "client/wire.hpp"
#include "client/wire_reading.hpp"

#include <boost/json/serialize.hpp>

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

std::optional<IssuedCertificate> decode_issued_certificate(std::string_view body) {
  return decoded(body, [](const json::value& v) { return issued_certificate(v); });
}

std::string encode_change_request(CertificateChange change, std::string_view reason) {
  json::object o{{"action", to_string(change)}};
  if (!reason.empty()) o["reason"] = reason;
  return json::serialize(o);
}

std::optional<PendingChange> decode_pending_change(std::string_view body, OtpStatus::SteadyClock::time_point received) {
  return decoded(body, [received](const json::value& v) {
    const auto& o = object(v);
    PendingChange p;
    p.id = text(o, "id");
    p.serial = text(o, "serial");
    const auto change = certificate_change_from_string(text(o, "action"));
    if (!change) throw NotTheProtocol{};
    p.change = *change;
    p.reason = optional_text(o, "reason");
    auto otp = decode_otp(json::serialize(member(o, "otp")), received);
    if (!otp) throw NotTheProtocol{};
    p.otp = std::move(*otp);
    return p;
  });
}

std::optional<PendingPukRelease> decode_pending_puk(std::string_view body,
                                                    OtpStatus::SteadyClock::time_point received) {
  return decoded(body, [received](const json::value& v) {
    const auto& o = object(v);
    PendingPukRelease p;
    p.id = text(o, "id");
    p.serial = text(o, "serial");
    auto otp = decode_otp(json::serialize(member(o, "otp")), received);
    if (!otp) throw NotTheProtocol{};
    p.otp = std::move(*otp);
    return p;
  });
}

std::optional<SecretString> decode_released_puk(std::string_view body) {
  return decoded(body, [](const json::value& v) {
    std::string puk = text(object(v), "puk");
    SecretString secret(puk);
    secure_wipe(puk.data(), puk.size());
    if (secret.empty()) throw NotTheProtocol{};
    return secret;
  });
}

std::optional<std::vector<IssuedCertificate>> decode_issued_certificates(std::string_view body) {
  return decoded(body, [](const json::value& v) {
    std::vector<IssuedCertificate> list;
    for (const auto& c : array(object(v), "certificates")) list.push_back(issued_certificate(c));
    return list;
  });
}

}  // namespace nes::client
