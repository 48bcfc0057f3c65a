// Set-Cookie headers and URLs as a server might send them: neither the URL
// parser nor the jar crashes, a parsed URL survives a round trip, and the
// jar never sends a cookie to a host outside the domain it came from.

#include "fuzz_check.hpp"

#include "net/cookie_jar.hpp"
#include "net/url.hpp"

#include <cstddef>
#include <cstdint>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  // First line: a URL (also tried as a redirect); the rest: Set-Cookie headers.
  const auto newline = text.find('\n');
  const std::string_view first = text.substr(0, newline);
  const auto base = nes::net::Url::parse("https://portal.example:8443/api/v1/x");
  if (const auto parsed = nes::net::Url::parse(first)) {
    FUZZ_CHECK(parsed->port != 0 && !parsed->target.empty() && parsed->target.front() == '/');
    FUZZ_CHECK(nes::net::Url::parse(parsed->to_string()) == parsed);
  }
  if (const auto resolved = base->resolve(first)) {
    FUZZ_CHECK(resolved->scheme == "https" || resolved->scheme == "http");
  }
  nes::net::CookieJar jar;
  std::string_view rest = newline == std::string_view::npos ? std::string_view{} : text.substr(newline + 1);
  while (!rest.empty()) {
    const auto end = rest.find('\n');
    jar.store(*base, rest.substr(0, end));
    rest = end == std::string_view::npos ? std::string_view{} : rest.substr(end + 1);
  }
  FUZZ_CHECK(jar.size() <= nes::net::CookieJar::max_cookies);
  FUZZ_CHECK(jar.header_for(*nes::net::Url::parse("https://unrelated.test/api/v1/x")).empty());
  return 0;
}
