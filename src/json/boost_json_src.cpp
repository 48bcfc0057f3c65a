// Fuzz builds (NES_BOOST_JSON_FROM_SOURCE) compile Boost.JSON here, so that
// the fuzzer instruments the parser too.
#include <boost/json/src.hpp>
