// docs/signing.md's validation-data fragment: inside a coroutine, with a
// verified application, the time-stamping signer, and the CA certificates
// (PEM) of the signer's and the TSA's paths.
#include <nes/nes.hpp>

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/use_awaitable.hpp>

#include <memory>
#include <string>

#define NES_SNIPPET_SIGNATURE                                                                                  \
  boost::asio::awaitable<void> nes_snippet(nes::Application application, std::shared_ptr<nes::Signer> stamped, \
                                           std::string kamusm_roots_pem)
#define NES_SNIPPET_LOCALS constexpr auto use_tuple = boost::asio::as_tuple(boost::asio::use_awaitable);
