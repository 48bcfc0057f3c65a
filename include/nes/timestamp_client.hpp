#pragma once
// RFC 3161 time stamps with Kamu SM's conventions (zd.kamusm.gov.tr, test
// tzd.kamusm.gov.tr; the reference portal's /tsa): the subscriber proved by
// the `identity` header made from the customer number and password, a
// credit per subscriber, and refusals answered as HTTP 200 with plain text.
// Every token is checked before it is returned: status, message imprint,
// nonce, the TSA's signature, its certificate's chain to the trust anchors
// given and its extendedKeyUsage of timeStamping.
//
// A time stamp costs credit, so nothing here is retried: a request that
// failed after it was sent is the caller's to repeat or not.

#include <nes/detail/async.hpp>
#include <nes/export.hpp>
#include <nes/secret.hpp>
#include <nes/time_stamp.hpp>
#include <nes/transport.hpp>

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

namespace nes {

/// A time-stamp service and the subscriber who uses it. Not an aggregate on
/// purpose (ADR 0002): build it, then pass it by name.
class NES_EXPORT TimestampService {
 public:
  TimestampService() = default;
  /// The service at `url_` ("http://zd.kamusm.gov.tr"), for customer
  /// `customer_number_` with `password_`.
  TimestampService(std::string url_, std::uint64_t customer_number_, SecretString password_)
      : url(std::move(url_)), customer_number(customer_number_), password(std::move(password_)) {}

  /// Where queries are POSTed (http:// or https://).
  std::string url;
  /// Kamu SM's customer number (müşteri numarası).
  std::uint64_t customer_number = 0;
  /// The time-stamp password; wiped with the service.
  SecretString password;
  /// The CA certificates (PEM; several per text allowed) a TSA certificate
  /// must chain to. None: no token is trusted.
  std::vector<std::string> trust_anchors_pem;
  /// The TSA policy asked for (reqPolicy); empty: the service's default.
  std::string policy_oid;
};

/// Time stamps from one service for one subscriber.
///
/// Refusals come back as errc::timestamp_refused with a Problem whose code
/// is `tsa_not_enough_credit`, `tsa_unknown_user`, `tsa_identity_invalid` or
/// `tsa_refused`, and whose detail is the service's own text; an answer that
/// is not a valid token for the request is errc::timestamp_invalid
/// (`tsa_answer_malformed`, `tsa_imprint_mismatch`, `tsa_nonce_mismatch`,
/// `tsa_untrusted`, `tsa_signature_invalid`). Thread safety: distinct
/// operations may run at once.
class NES_EXPORT TimestampClient {
 public:
  /// The executor the client's operations run on.
  using executor_type = boost::asio::any_io_executor;

  /// A client of `service` over `transport` (make_https_transport, or a
  /// mock), which must not be null.
  TimestampClient(std::shared_ptr<Transport> transport, TimestampService service);

  /// The transport's executor.
  [[nodiscard]] executor_type get_executor() const;

  /// Time-stamps a SHA-256 digest (32 bytes), completing with
  /// (error_code, Result<TimeStamp>). Costs one credit.
  template <class Token = boost::asio::default_completion_token_t<executor_type>>
  auto async_stamp_digest(std::string sha256_digest, Token&& token = {}) const {
    return detail::initiate<TimeStamp>(std::forward<Token>(token),
                                       [s = state_, d = std::move(sha256_digest)](ResultHandler<TimeStamp> h) mutable {
                                         stamp_impl(std::move(s), std::move(d), std::move(h));
                                       });
  }

  /// The subscriber's credit left (time stamps), completing with
  /// (error_code, Result<std::int64_t>). Costs nothing.
  template <class Token = boost::asio::default_completion_token_t<executor_type>>
  auto async_credit(Token&& token = {}) const {
    return detail::initiate<std::int64_t>(
        std::forward<Token>(token), [s = state_](ResultHandler<std::int64_t> h) { credit_impl(s, std::move(h)); });
  }

  struct State;  ///< the service, its trust anchors and the transport

 private:
  static void stamp_impl(std::shared_ptr<const State> state, std::string digest, ResultHandler<TimeStamp> handler);
  static void credit_impl(std::shared_ptr<const State> state, ResultHandler<std::int64_t> handler);
  std::shared_ptr<const State> state_;
};

}  // namespace nes
