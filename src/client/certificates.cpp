// Certificates: the person's certificates at the portal (docs/protocol.md,
// "After the application"), one request each.

#include "client/certificate_wire.hpp"
#include "client/impl.hpp"

#include <nes/certificates.hpp>

#include <algorithm>
#include <cctype>

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

  boost::asio::awaitable<op::Outcome<PendingChange>> request_change(std::string serial, CertificateChange change,
                                                                    std::string reason) {
    if (!is_path_safe(serial)) co_return op::failed<PendingChange>(errc::invalid_argument);
    Exchange exchange{.method = "POST",
                      .url = path(serial, "/changes"),
                      .body = SecretString(client::encode_change_request(change, reason)),
                      .content_type = "application/json"};
    auto answer = co_await session_->call(std::move(exchange));
    co_return read_answer<PendingChange>(answer, client::decode_pending_change);
  }

  boost::asio::awaitable<op::Outcome<IssuedCertificate>> confirm_change(std::string serial, std::string id,
                                                                        SecretString code) {
    if (!is_path_safe(serial) || !is_path_safe(id.substr(std::min<std::size_t>(id.size(), 4)))) {
      co_return op::failed<IssuedCertificate>(errc::invalid_argument);
    }
    Exchange exchange{.method = "POST",
                      .url = path(serial, "/changes/" + id + "/confirm"),
                      .body = client::encode_secret_object({{"code", code.reveal()}}),
                      .content_type = "application/json"};
    code.clear();
    auto answer = co_await session_->call(std::move(exchange));
    co_return read_answer<IssuedCertificate>(answer, client::decode_issued_certificate);
  }

  boost::asio::awaitable<op::Outcome<PendingPukRelease>> request_puk(std::string serial, SecretString word) {
    if (!is_path_safe(serial)) co_return op::failed<PendingPukRelease>(errc::invalid_argument);
    Exchange exchange{.method = "POST",
                      .url = path(serial, "/puk"),
                      .body = client::encode_secret_object({{"security_word", word.reveal()}}),
                      .content_type = "application/json"};
    word.clear();
    auto answer = co_await session_->call(std::move(exchange));
    co_return read_answer<PendingPukRelease>(answer, client::decode_pending_puk);
  }

  boost::asio::awaitable<op::Outcome<SecretString>> confirm_puk(std::string serial, std::string id, SecretString code) {
    if (!is_path_safe(serial) || !is_path_safe(id.substr(std::min<std::size_t>(id.size(), 4)))) {
      co_return op::failed<SecretString>(errc::invalid_argument);
    }
    // Sent again when its answer is lost: the portal gives the PUK again
    // for the same confirmation and code while the code lives.
    Exchange exchange{.method = "POST",
                      .url = path(serial, "/puk/" + id + "/confirm"),
                      .body = client::encode_secret_object({{"code", code.reveal()}}),
                      .content_type = "application/json",
                      .idempotent = true};
    code.clear();
    auto answer = co_await session_->call(std::move(exchange));
    co_return read_answer<SecretString>(answer, client::decode_released_puk);
  }

 private:
  // A serial (hexadecimal) and a confirmation's id ("cnf_" and letters or
  // digits), checked to be letters and digits, are safe in a path as they are.
  static bool is_path_safe(std::string_view text) {
    return !text.empty() && text.size() <= 64 &&
           std::all_of(text.begin(), text.end(), [](char c) { return std::isalnum(static_cast<unsigned char>(c)); });
  }

  [[nodiscard]] std::string path(const std::string& serial, std::string_view tail) const {
    return session_->client().url("/api/v1/certificates/" + serial + std::string(tail));
  }

  std::shared_ptr<SessionImpl> session_;
};

}  // namespace detail

std::optional<CertificateChange> certificate_change_from_string(std::string_view name) noexcept {
  for (const auto change : {CertificateChange::suspend, CertificateChange::unsuspend, CertificateChange::revoke}) {
    if (to_string(change) == name) return change;
  }
  return std::nullopt;
}

std::string_view to_string(CertificateChange change) noexcept {
  switch (change) {
    case CertificateChange::suspend:
      return "suspend";
    case CertificateChange::unsuspend:
      return "unsuspend";
    case CertificateChange::revoke:
      return "revoke";
  }
  return "unknown";
}

Certificates::Certificates(Session session)
    : impl_(std::make_shared<detail::CertificatesImpl>(session.impl())), session_(std::move(session)) {}

Certificates::executor_type Certificates::get_executor() const { return session_.get_executor(); }

void Certificates::list_impl(Impl impl, ResultHandler<std::vector<IssuedCertificate>> handler) {
  auto executor = impl->session().client().executor();
  op::launch_member(executor, std::move(impl), &detail::CertificatesImpl::list, std::move(handler));
}

void Certificates::request_change_impl(Impl impl, std::string serial, CertificateChange change, std::string reason,
                                       ResultHandler<PendingChange> handler) {
  auto executor = impl->session().client().executor();
  op::launch_member(executor, std::move(impl), &detail::CertificatesImpl::request_change, std::move(handler),
                    std::move(serial), change, std::move(reason));
}

void Certificates::confirm_change_impl(Impl impl, std::string serial, std::string id, SecretString code,
                                       ResultHandler<IssuedCertificate> handler) {
  auto executor = impl->session().client().executor();
  op::launch_member(executor, std::move(impl), &detail::CertificatesImpl::confirm_change, std::move(handler),
                    std::move(serial), std::move(id), std::move(code));
}

void Certificates::request_puk_impl(Impl impl, std::string serial, SecretString security_word,
                                    ResultHandler<PendingPukRelease> handler) {
  auto executor = impl->session().client().executor();
  op::launch_member(executor, std::move(impl), &detail::CertificatesImpl::request_puk, std::move(handler),
                    std::move(serial), std::move(security_word));
}

void Certificates::confirm_puk_impl(Impl impl, std::string serial, std::string id, SecretString code,
                                    ResultHandler<SecretString> handler) {
  auto executor = impl->session().client().executor();
  op::launch_member(executor, std::move(impl), &detail::CertificatesImpl::confirm_puk, std::move(handler),
                    std::move(serial), std::move(id), std::move(code));
}

}  // namespace nes
