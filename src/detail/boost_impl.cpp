// The one translation unit that compiles Asio, Asio's SSL layer and Beast:
// the nes target sets BOOST_ASIO_SEPARATE_COMPILATION and
// BOOST_BEAST_SEPARATE_COMPILATION, so every other file sees declarations
// only. See docs/adr/0003-dependency-set.md.

#include <boost/asio/impl/src.hpp>
#include <boost/asio/ssl/impl/src.hpp>
#include <boost/beast/src.hpp>

#ifdef NES_BOOST_JSON_FROM_SOURCE
// Fuzz builds compile Boost.JSON here so that the fuzzer instruments the
// parser too.
#include <boost/json/src.hpp>
#endif
