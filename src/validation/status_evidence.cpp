#include "validation/status_evidence.hpp"

#include "op/launch.hpp"

#include <openssl/err.h>
#include <openssl/ocsp.h>

#include <ctime>

namespace nes::validation {

namespace {

constexpr long leeway_seconds = 300;

}  // namespace

StatusRefusal status_refusal(std::string code, std::string detail) {
  const auto ec = code == "certificate_revoked" ? errc::certificate_revoked : errc::revocation_unavailable;
  return {make_error_code(ec), op::local_problem(std::move(code), "The certificate's status", std::move(detail))};
}

StatusRefusal revoked_refusal(const char* source, long reason, const ASN1_TIME* revoked_at) {
  auto refusal =
      status_refusal("certificate_revoked", std::string(source) + ": revoked (" +
                                                (reason >= 0 ? OCSP_crl_reason_str(reason) : "no reason") + ")");
  refusal.crl_reason = static_cast<int>(reason);
  refusal.revoked_by = source;
  std::tm parts{};
  if (revoked_at != nullptr && ASN1_TIME_to_tm(revoked_at, &parts) == 1) refusal.revoked_at = timegm(&parts);
  return refusal;
}

StatusRefusal invalid_status(std::string code, std::string detail) {
  ERR_clear_error();
  return status_refusal(std::move(code), std::move(detail));
}

bool current_at(const ASN1_TIME* this_update, const ASN1_TIME* next_update, std::time_t now) {
  return this_update != nullptr && ASN1_TIME_cmp_time_t(this_update, now + leeway_seconds) <= 0 &&
         (next_update == nullptr || ASN1_TIME_cmp_time_t(next_update, now - leeway_seconds) >= 0);
}

}  // namespace nes::validation
