// docs/signing.md's PIN fragment: inside a coroutine, with the card's
// Pkcs11Signer, the PUK the portal released and the new PIN, and `tell`.
#include <nes/nes.hpp>

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/use_awaitable.hpp>

#include <memory>
#include <string>

#define NES_SNIPPET_SIGNATURE                                                                              \
  boost::asio::awaitable<void> nes_snippet(std::shared_ptr<nes::Pkcs11Signer> card, nes::SecretString puk, \
                                           nes::SecretString new_pin, void (*tell)(const std::string&))
#define NES_SNIPPET_LOCALS constexpr auto use_tuple = boost::asio::as_tuple(boost::asio::use_awaitable);
