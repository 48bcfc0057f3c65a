// docs/signing.md's time-stamp fragment: inside a coroutine, with a verified
// application, the card's signer, the subscriber's password and Kamu SM's
// time-stamp root certificate (PEM).
#include <nes/nes.hpp>

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/use_awaitable.hpp>

#include <memory>
#include <string>

#define NES_SNIPPET_SIGNATURE                                                                               \
  boost::asio::awaitable<void> nes_snippet(nes::Application application, std::shared_ptr<nes::Signer> card, \
                                           std::string password, std::string kamusm_root_pem)
#define NES_SNIPPET_LOCALS constexpr auto use_tuple = boost::asio::as_tuple(boost::asio::use_awaitable);
