#pragma once
// CAdES-T on the portal's side: the signature-time-stamp unsigned attribute
// (1.2.840.113549.1.9.16.2.14) holds one RFC 3161 token over the signer's
// signature value, signed by a TSA certificate (timeStamping) that chains
// to the configured TSA anchors; the time it attests is not in the future
// and at most three hours after the declared signing time (BTK's profiles,
// as TÜBİTAK's validator checks them).

#include <openssl/cms.h>
#include <openssl/x509.h>

#include <cstdint>
#include <ctime>
#include <string>

namespace nes::portal::approval {

enum class TimeStampCheck {
  valid,
  missing,         ///< no signature-time-stamp
  invalid,         ///< not one token over the signature value, a bad signature, an untrusted TSA
  late,            ///< more than the allowed gap after the signing time
  before_signing,  ///< the signing time declared is after the time stamp's
};

struct TimeStampWindow {
  std::time_t signed_at = 0;                     ///< the signing-time attribute
  std::int64_t now_ms = 0;                       ///< the portal's clock
  std::int64_t skew_ms = 5 * 60 * 1000;          ///< leeway for clocks
  std::int64_t max_gap_ms = 3 * 60 * 60 * 1000;  ///< signing time to time stamp
};

/// Checks the signer's signature-time-stamp against `anchors`; `why` says
/// what is wrong when it is not valid. A valid one's time goes to
/// `stamped_at` when given.
TimeStampCheck check_signature_time_stamp(CMS_SignerInfo* signer, X509_STORE* anchors, const TimeStampWindow& window,
                                          std::string& why, std::time_t* stamped_at = nullptr);

}  // namespace nes::portal::approval
