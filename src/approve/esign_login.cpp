// e-imza login, composed of Client's two halves around a Signer.

#include "op/launch.hpp"

#include <nes/esign_login.hpp>

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/use_awaitable.hpp>

namespace nes {

namespace {

namespace asio = boost::asio;
constexpr auto use_tuple = asio::as_tuple(asio::use_awaitable);

// A failed step's outcome passed on as the login's.
template <class T>
op::Outcome<Session> stopped(error_code ec, const Result<T>& result) {
  if (const auto* problem = result.problem()) return op::refused<Session>(ec, *problem);
  return op::failed<Session>(ec);
}

asio::awaitable<op::Outcome<Session>> log_in(Client client, std::shared_ptr<Signer> signer) {
  if (!signer) {
    co_return op::refused<Session>(errc::invalid_argument, op::local_problem("no_signer", "ESignLogin needs a Signer"));
  }
  auto [bec, login] = co_await client.async_begin_signature_login(use_tuple);
  if (bec) co_return stopped(bec, login);
  // CAdES-BES: what the gateway asks of a login, whatever approvals need.
  const SignatureProfile profile;
  auto [sec, signature] = co_await signer->async_sign(login->document(), profile, use_tuple);
  if (sec) co_return stopped(sec, signature);
  auto [fec, session] =
      co_await client.async_finish_signature_login(std::move(login).value(), std::move(signature->cms_der), use_tuple);
  if (fec) co_return stopped(fec, session);
  co_return op::succeeded(std::move(session).value());
}

}  // namespace

void ESignLogin::login_impl(Client client, std::shared_ptr<Signer> signer, ResultHandler<Session> handler) {
  auto executor = client.get_executor();
  op::launch(executor, log_in(std::move(client), std::move(signer)), std::move(handler));
}

}  // namespace nes
