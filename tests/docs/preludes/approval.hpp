// docs/signing.md's fragment: inside a coroutine, with a verified
// application and a signer.
#include <nes/nes.hpp>

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/use_awaitable.hpp>

#include <memory>

#define NES_SNIPPET_SIGNATURE \
  boost::asio::awaitable<void> nes_snippet(nes::Application application, std::shared_ptr<nes::Signer> signer)
#define NES_SNIPPET_LOCALS constexpr auto use_tuple = boost::asio::as_tuple(boost::asio::use_awaitable);
