// docs/client.md's Sertifika Listeleme fragment: inside a coroutine, with the
// person's logged-in Session and a way to warn them.
#include <nes/nes.hpp>

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/use_awaitable.hpp>

#include <string>

#define NES_SNIPPET_SIGNATURE boost::asio::awaitable<void> nes_snippet(nes::Session session)
#define NES_SNIPPET_LOCALS                                                      \
  constexpr auto use_tuple = boost::asio::as_tuple(boost::asio::use_awaitable); \
  auto warn = [](const std::string&, long) {};
