#pragma once
// The service's answer to a query, read with Kamu SM's habits in mind: a
// token only in an application/timestamp-reply; any other answer (HTTP 200
// with "Not enough credit" as text, an error status) is a refusal carrying
// the service's own words, never parsed as a token. A token is checked
// against its query: status, imprint, nonce, policy, the TSA's signature
// and its certificate's chain (for time stamping) to the trust anchors.

#include "timestamp/query.hpp"

#include <nes/error.hpp>
#include <nes/problem.hpp>
#include <nes/time_stamp.hpp>

#include <openssl/x509.h>

#include <string_view>
#include <variant>

namespace nes::timestamp {

struct Refusal {
  error_code ec;  ///< errc::timestamp_refused or errc::timestamp_invalid
  Problem problem;
};

/// What an HTTP answer says.
struct Answer {
  int status = 0;
  std::string_view content_type;
  std::string_view body;
};

/// The checked time stamp in `answer` to `query`, or why there is none.
/// `anchors` may be empty (then no token is trusted).
std::variant<TimeStamp, Refusal> read_reply(const Answer& answer, const Query& query, X509_STORE* anchors);

/// A refusal's problem from the service's text: its code
/// (tsa_not_enough_credit, tsa_unknown_user, tsa_identity_invalid or
/// tsa_refused) and the text, made printable, as its detail.
Refusal refusal_from_text(int status, std::string_view text);

}  // namespace nes::timestamp
