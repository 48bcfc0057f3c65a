// EOnay: the person's standing consent at the portal (docs/protocol.md,
// "After the application"), one request each.

#include "client/impl.hpp"
#include "client/wire_reading.hpp"

#include <nes/e_onay.hpp>

namespace nes {

namespace detail {

namespace {

using namespace client::reading;  // NOLINT(google-build-using-namespace): the wire's own vocabulary

std::optional<EOnayStatus> decode_status(std::string_view body) {
  return decoded(body, [](const json::value& v) {
    const auto& o = object(v);
    EOnayStatus s;
    const std::string state = text(o, "state");
    if (state == "given") {
      s.state = EOnayState::given;
    } else if (state == "withdrawn") {
      s.state = EOnayState::withdrawn;
    } else if (state != "none") {
      throw NotTheProtocol{};
    }
    if (o.contains("given_at")) s.given_at = time(o, "given_at");
    if (o.contains("withdrawn_at")) s.withdrawn_at = time(o, "withdrawn_at");
    return s;
  });
}

}  // namespace

class EOnayImpl {
 public:
  explicit EOnayImpl(std::shared_ptr<SessionImpl> session) : session_(std::move(session)) {}

  [[nodiscard]] SessionImpl& session() const noexcept { return *session_; }

  boost::asio::awaitable<op::Outcome<EOnayStatus>> status() {
    Exchange exchange{.url = url(""), .idempotent = true};
    auto answer = co_await session_->call(std::move(exchange));
    co_return read_answer<EOnayStatus>(answer, decode_status);
  }

  boost::asio::awaitable<op::Outcome<std::string>> document() {
    Exchange exchange{.url = url("/document"), .idempotent = true};
    auto answer = co_await session_->call(std::move(exchange));
    co_return read_answer<std::string>(answer, [](std::string_view body) { return std::optional<std::string>(body); });
  }

  boost::asio::awaitable<op::Outcome<EOnayStatus>> give(std::string cms_der) {
    // Giving it twice gives the same consent: safe to send again.
    Exchange exchange{.method = "POST",
                      .url = url(""),
                      .body = SecretString(cms_der),
                      .content_type = "application/pkcs7-signature",
                      .idempotent = true};
    auto answer = co_await session_->call(std::move(exchange));
    co_return read_answer<EOnayStatus>(answer, decode_status);
  }

  boost::asio::awaitable<op::Outcome<EOnayStatus>> withdraw() {
    Exchange exchange{.method = "DELETE", .url = url("")};
    auto answer = co_await session_->call(std::move(exchange));
    co_return read_answer<EOnayStatus>(answer, decode_status);
  }

 private:
  [[nodiscard]] std::string url(std::string_view tail) const {
    return session_->client().url("/api/v1/e-onay" + std::string(tail));
  }

  std::shared_ptr<SessionImpl> session_;
};

}  // namespace detail

std::string_view to_string(EOnayState state) noexcept {
  switch (state) {
    case EOnayState::none:
      return "none";
    case EOnayState::given:
      return "given";
    case EOnayState::withdrawn:
      return "withdrawn";
  }
  return "unknown";
}

EOnay::EOnay(Session session)
    : impl_(std::make_shared<detail::EOnayImpl>(session.impl())), session_(std::move(session)) {}

EOnay::executor_type EOnay::get_executor() const { return session_.get_executor(); }

void EOnay::status_impl(Impl impl, ResultHandler<EOnayStatus> handler) {
  auto executor = impl->session().client().executor();
  op::launch_member(executor, std::move(impl), &detail::EOnayImpl::status, std::move(handler));
}

void EOnay::document_impl(Impl impl, ResultHandler<std::string> handler) {
  auto executor = impl->session().client().executor();
  op::launch_member(executor, std::move(impl), &detail::EOnayImpl::document, std::move(handler));
}

void EOnay::give_impl(Impl impl, std::string cms_der, ResultHandler<EOnayStatus> handler) {
  auto executor = impl->session().client().executor();
  op::launch_member(executor, std::move(impl), &detail::EOnayImpl::give, std::move(handler), std::move(cms_der));
}

void EOnay::withdraw_impl(Impl impl, ResultHandler<EOnayStatus> handler) {
  auto executor = impl->session().client().executor();
  op::launch_member(executor, std::move(impl), &detail::EOnayImpl::withdraw, std::move(handler));
}

}  // namespace nes
