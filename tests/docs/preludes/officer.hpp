// docs/officer.md's list-signing fragment: inside a coroutine, with the
// officer's Officer, the journal, the officer's signer and the version the
// officer checked.
#include <nes/nes.hpp>

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/use_awaitable.hpp>

#include <iostream>
#include <memory>
#include <string>

#define NES_SNIPPET_SIGNATURE                                                                           \
  boost::asio::awaitable<void> nes_snippet(nes::Officer officer, std::shared_ptr<nes::Journal> journal, \
                                           std::shared_ptr<nes::Signer> signer, std::string version)
#define NES_SNIPPET_LOCALS constexpr auto use_tuple = boost::asio::as_tuple(boost::asio::use_awaitable);
