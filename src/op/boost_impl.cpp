// The one translation unit that compiles Asio, Asio's SSL layer and Beast:
// nes::client sets BOOST_ASIO_SEPARATE_COMPILATION and
// BOOST_BEAST_SEPARATE_COMPILATION, so every other file, the SDK's and its
// consumers', sees declarations only. See docs/adr/0003-dependency-set.md.
// Their symbols keep default visibility: the consumers' io_context and the
// other components' timers and strands are these.

#pragma GCC visibility push(default)
#include <boost/asio/impl/src.hpp>
#include <boost/asio/ssl/impl/src.hpp>
#include <boost/beast/src.hpp>
#pragma GCC visibility pop
