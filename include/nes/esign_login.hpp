#pragma once
// e-imza login (step 4's second method, docs/adr/0016): the e-Devlet
// gateway's challenge signed by the person's NES opens the same Session a
// password does, so that a renewal, say, needs no e-Devlet password.
//
//   auto [ec, session] = co_await nes::ESignLogin(client, card).async_login(use_tuple);
//
// The challenge is signed to CAdES-BES with the Signer (a Pkcs11Signer asks
// its PIN once and never again); the gateway checks it as an approval's
// signature is checked, and refuses a revoked or suspended certificate.
//
// Thread safety: as Client's.

#include <nes/client.hpp>
#include <nes/detail/async.hpp>
#include <nes/export.hpp>
#include <nes/signer.hpp>

#include <memory>
#include <utility>

namespace nes {

/// Logs in with a Signer: Client::async_begin_signature_login, the signature,
/// Client::async_finish_signature_login.
class NES_EXPORT ESignLogin {
 public:
  /// The executor the login runs on: the client's.
  using executor_type = boost::asio::any_io_executor;

  /// A login at `client`'s gateway, signed by `signer`.
  ESignLogin(Client client, std::shared_ptr<Signer> signer) : client_(std::move(client)), signer_(std::move(signer)) {}

  /// The Session, or the first refusal: the gateway's (no e-imza login
  /// offered, signature_invalid, signer_untrusted, signer_revoked,
  /// certificate_suspended, invalid_credentials) or the signer's
  /// (pin_incorrect, …). Nothing is retried.
  template <class Token = boost::asio::default_completion_token_t<executor_type>>
  auto async_login(Token&& token = {}) const {
    return detail::initiate<Session>(std::forward<Token>(token),
                                     [c = client_, s = signer_](ResultHandler<Session> h) mutable {
                                       login_impl(std::move(c), std::move(s), std::move(h));
                                     });
  }

 private:
  static void login_impl(Client client, std::shared_ptr<Signer> signer, ResultHandler<Session> handler);

  Client client_;
  std::shared_ptr<Signer> signer_;
};

}  // namespace nes
