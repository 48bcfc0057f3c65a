// docs/signing.md's signing-session fragment: inside a coroutine, with the
// card's Pkcs11Signer, the documents to sign and the portal's profile.
#include <nes/nes.hpp>

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/use_awaitable.hpp>

#include <memory>
#include <string>
#include <vector>

#define NES_SNIPPET_SIGNATURE                                                       \
  boost::asio::awaitable<void> nes_snippet(std::shared_ptr<nes::Pkcs11Signer> card, \
                                           std::vector<std::string> documents, nes::SignatureProfile profile)
#define NES_SNIPPET_LOCALS constexpr auto use_tuple = boost::asio::as_tuple(boost::asio::use_awaitable);
