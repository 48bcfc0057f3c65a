#pragma once
// The person's certificates at the portal (Online İşlemler, the seed's step
// 7): Sertifika Listeleme now; suspension, revocation, the PUK and E-Onay
// build on it (docs/adr/0016). Each operation is one exchange.
//
// Thread safety: Certificates is a cheap handle; its operations may run at
// once (each is one request on the session).

#include <nes/client.hpp>
#include <nes/detail/async.hpp>
#include <nes/export.hpp>
#include <nes/issued_certificate.hpp>

#include <memory>
#include <utility>
#include <vector>

namespace nes {

namespace detail {
class CertificatesImpl;
}  // namespace detail

/// The logged-in person's certificates.
class NES_EXPORT Certificates {
 public:
  /// The executor the handle's operations run on.
  using executor_type = boost::asio::any_io_executor;

  /// The certificates of the person logged in to `session`.
  explicit Certificates(Session session);

  /// The session's executor.
  [[nodiscard]] executor_type get_executor() const;

  /// Sertifika Listeleme: every certificate issued to the person, newest
  /// first, with its state as the portal sees it now.
  template <class Token = boost::asio::default_completion_token_t<executor_type>>
  auto async_list(Token&& token = {}) const {
    return detail::initiate<std::vector<IssuedCertificate>>(
        std::forward<Token>(token),
        [impl = impl_](ResultHandler<std::vector<IssuedCertificate>> h) { list_impl(impl, std::move(h)); });
  }

 private:
  using Impl = std::shared_ptr<detail::CertificatesImpl>;
  static void list_impl(Impl impl, ResultHandler<std::vector<IssuedCertificate>> handler);

  Impl impl_;
  Session session_;
};

}  // namespace nes
