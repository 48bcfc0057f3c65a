#pragma once
// The reference portal's time-stamping authority, with Kamu SM's conventions
// (shared/flow.md): RFC 3161 over HTTP POST (application/timestamp-query), the
// subscriber proved by the `identity` header instead of HTTP authentication,
// a credit per subscriber, a credit query (credit_req, credit_req_time), and
// every refusal as HTTP 200 with plain text ("User 7 is not known", "Not
// enough credit") rather than a token.

#include "portal/tsa/credit_ledger.hpp"

#include <nes/secret.hpp>

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace nes::portal::tsa {

/// A customer of the time-stamp service.
struct Subscriber {
  std::uint64_t customer_id = 0;
  SecretString password;
  std::int64_t credit = 0;  ///< time stamps allowed, those used counted in a CreditLedger
};

/// What the service answers: a token (application/timestamp-reply), the
/// credit left (text in the same type), or a refusal's text (text/plain).
struct Answer {
  std::string content_type;
  std::string body;
};

class TimeStampAuthority {
 public:
  /// The TSA's certificate chain and key (PEM; the certificate first, with
  /// extendedKeyUsage timeStamping), its policy OID and its subscribers. Null
  /// with `detail` when the certificate cannot sign time stamps.
  static std::unique_ptr<TimeStampAuthority> make(const std::string& certificate_pem, const SecretString& key_pem,
                                                  std::string policy_oid, std::vector<Subscriber> subscribers,
                                                  std::string& detail);
  ~TimeStampAuthority();
  TimeStampAuthority(const TimeStampAuthority&) = delete;
  TimeStampAuthority& operator=(const TimeStampAuthority&) = delete;

  /// A POST to the service: the query's DER in `body`, and the headers
  /// `identity`, `credit_req` and `credit_req_time` (empty when absent).
  /// Thread-safe.
  [[nodiscard]] Answer answer(std::string_view body, std::string_view identity, std::string_view credit_req,
                              std::string_view credit_req_time);

  /// The credit `customer_id` has left; nullopt for an unknown customer.
  [[nodiscard]] std::optional<std::int64_t> credit(std::uint64_t customer_id) const;

  /// Counts the time stamps used in `ledger` (the portal's database) rather
  /// than in memory. Before the first answer: not thread-safe.
  void count_in(std::shared_ptr<CreditLedger> ledger);

 private:
  struct Impl;
  explicit TimeStampAuthority(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace nes::portal::tsa
