// Certificates: the person's certificates at the portal (docs/protocol.md,
// "After the application"), one request each.

#include "client/certificate_wire.hpp"
#include "client/impl.hpp"

#include <nes/certificates.hpp>

namespace nes {

namespace detail {

class CertificatesImpl {
 public:
  explicit CertificatesImpl(std::shared_ptr<SessionImpl> session) : session_(std::move(session)) {}

  [[nodiscard]] SessionImpl& session() const noexcept { return *session_; }

  boost::asio::awaitable<op::Outcome<std::vector<IssuedCertificate>>> list() {
    Exchange exchange{.url = session_->client().url("/api/v1/certificates"), .idempotent = true};
    auto answer = co_await session_->call(std::move(exchange));
    co_return read_answer<std::vector<IssuedCertificate>>(answer, client::decode_issued_certificates);
  }

 private:
  std::shared_ptr<SessionImpl> session_;
};

}  // namespace detail

Certificates::Certificates(Session session)
    : impl_(std::make_shared<detail::CertificatesImpl>(session.impl())), session_(std::move(session)) {}

Certificates::executor_type Certificates::get_executor() const { return session_.get_executor(); }

void Certificates::list_impl(Impl impl, ResultHandler<std::vector<IssuedCertificate>> handler) {
  auto executor = impl->session().client().executor();
  op::launch_member(executor, std::move(impl), &detail::CertificatesImpl::list, std::move(handler));
}

}  // namespace nes
