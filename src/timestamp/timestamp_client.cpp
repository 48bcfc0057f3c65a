// TimestampClient: one query per time stamp, sent once (a time stamp costs
// credit, so nothing is retried), its answer read by read_reply; and Kamu
// SM's credit query.

#include "op/launch.hpp"
#include "timestamp/identity.hpp"
#include "timestamp/query.hpp"
#include "timestamp/reply.hpp"

#include <nes/timestamp_client.hpp>

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/use_awaitable.hpp>

#include <openssl/err.h>
#include <openssl/pem.h>
#include <openssl/sha.h>

#include <charconv>

namespace nes {

struct TimestampClient::State {
  std::shared_ptr<Transport> transport;
  TimestampService service;
  X509_STORE* anchors = X509_STORE_new();

  State() = default;
  State(const State&) = delete;
  State& operator=(const State&) = delete;
  ~State() { X509_STORE_free(anchors); }
};

namespace {

namespace asio = boost::asio;
using op::failed;
using op::local_problem;
using op::Outcome;
using op::refused;
using op::succeeded;
using State = TimestampClient::State;
constexpr auto use_tuple = asio::as_tuple(asio::use_awaitable);

void add_anchors(X509_STORE* store, const std::string& pem) {
  BIO* bio = BIO_new_mem_buf(pem.data(), static_cast<int>(pem.size()));
  while (X509* certificate = bio != nullptr ? PEM_read_bio_X509(bio, nullptr, nullptr, nullptr) : nullptr) {
    X509_STORE_add_cert(store, certificate);
    X509_free(certificate);
  }
  BIO_free(bio);
  ERR_clear_error();
}

template <class T>
Outcome<T> not_asked(std::string code, std::string detail) {
  return refused<T>(errc::invalid_argument,
                    local_problem(std::move(code), "The time stamp could not be asked for", std::move(detail)));
}

// A POST to the service, proved by the identity made over `hashed_message`.
std::optional<HttpRequest> service_request(const State& s, std::string_view hashed_message) {
  auto identity = timestamp::make_identity(s.service.customer_number, s.service.password, hashed_message);
  if (!identity) return std::nullopt;
  HttpRequest request;
  request.method = "POST";
  request.url = s.service.url;
  request.headers.push_back({"identity", std::move(*identity)});
  return request;
}

asio::awaitable<Outcome<TimeStamp>> stamp(std::shared_ptr<const State> s, std::string digest) {
  std::string why;
  const auto query = timestamp::make_query(digest, s->service.policy_oid, why);
  if (!query) co_return not_asked<TimeStamp>("tsa_query_invalid", why);
  auto request = service_request(*s, query->digest);
  if (!request) co_return not_asked<TimeStamp>("tsa_query_invalid", "the identity header could not be made");
  request->headers.push_back({"Content-Type", "application/timestamp-query"});
  request->body.assign(query->der);
  auto [ec, response] = co_await s->transport->async_send(std::move(*request), use_tuple);
  if (ec) co_return failed<TimeStamp>(ec);
  const auto body = response.body.reveal();
  auto read = timestamp::read_reply({response.status, response.header("Content-Type"), body}, *query, s->anchors);
  if (auto* refusal = std::get_if<timestamp::Refusal>(&read))
    co_return refused<TimeStamp>(refusal->ec, refusal->problem);
  co_return succeeded(std::get<TimeStamp>(std::move(read)));
}

asio::awaitable<Outcome<std::int64_t>> credit(std::shared_ptr<const State> s) {
  // The identity is made over SHA-1 of the customer number and the time.
  const std::string customer = std::to_string(s->service.customer_number);
  const std::string at = std::to_string(
      std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::system_clock::now().time_since_epoch())
          .count());
  const std::string signed_text = customer + at;
  unsigned char digest[SHA_DIGEST_LENGTH];
  SHA1(reinterpret_cast<const unsigned char*>(signed_text.data()), signed_text.size(), digest);
  auto request = service_request(*s, std::string_view(reinterpret_cast<const char*>(digest), sizeof digest));
  if (!request) co_return not_asked<std::int64_t>("tsa_query_invalid", "the identity header could not be made");
  request->headers.push_back({"credit_req", customer});
  request->headers.push_back({"credit_req_time", at});
  request->idempotent = true;  // a credit query costs nothing
  auto [ec, response] = co_await s->transport->async_send(std::move(*request), use_tuple);
  if (ec) co_return failed<std::int64_t>(ec);
  const auto body = response.body.reveal();
  std::int64_t left = -1;
  const auto [end, parse] = std::from_chars(body.data(), body.data() + body.size(), left);
  if (response.status != 200 || parse != std::errc{} || end != body.data() + body.size() || left < 0) {
    auto refusal = timestamp::refusal_from_text(response.status, body);
    co_return refused<std::int64_t>(refusal.ec, std::move(refusal.problem));
  }
  co_return succeeded(left);
}

}  // namespace

TimestampClient::TimestampClient(std::shared_ptr<Transport> transport, TimestampService service) {
  auto state = std::make_shared<State>();
  state->transport = std::move(transport);
  state->service = std::move(service);
  for (const auto& pem : state->service.trust_anchors_pem) add_anchors(state->anchors, pem);
  state_ = std::move(state);
}

TimestampClient::executor_type TimestampClient::get_executor() const { return state_->transport->get_executor(); }

void TimestampClient::stamp_impl(std::shared_ptr<const State> state, std::string digest,
                                 ResultHandler<TimeStamp> handler) {
  const auto executor = state->transport->get_executor();
  op::launch(executor, stamp(std::move(state), std::move(digest)), std::move(handler));
}

void TimestampClient::credit_impl(std::shared_ptr<const State> state, ResultHandler<std::int64_t> handler) {
  const auto executor = state->transport->get_executor();
  op::launch(executor, credit(std::move(state)), std::move(handler));
}

}  // namespace nes
