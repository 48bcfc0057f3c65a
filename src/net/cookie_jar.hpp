#pragma once
// The client's cookie jar, after RFC 6265 §5 for a non-browser client:
// host-only and domain cookies, path scoping, Secure only over https,
// expiry by Max-Age or Expires, replacement by (name, domain, path), and
// bounds on size and count. Values are secrets: they are wiped when a cookie
// is replaced, expires or the jar dies, and are never logged.

#include "net/url.hpp"

#include <nes/secret.hpp>

#include <chrono>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

namespace nes::net {

class CookieJar {
 public:
  using Clock = std::chrono::system_clock;

  static constexpr std::size_t max_cookie_bytes = 4096;
  static constexpr std::size_t max_cookies = 300;

  /// Takes the cookie of one Set-Cookie header received from `from`. A
  /// cookie the rules refuse (a Domain that does not cover the host, an
  /// oversized one) is ignored, as a browser would; the return says whether
  /// it was taken.
  bool store(const Url& from, std::string_view set_cookie, Clock::time_point now = Clock::now());

  /// The Cookie header for a request to `to` (empty when none applies):
  /// longer paths first, then older cookies first.
  [[nodiscard]] SecretString header_for(const Url& to, Clock::time_point now = Clock::now()) const;

  /// Forgets every cookie.
  void clear();
  [[nodiscard]] std::size_t size() const;

 private:
  struct Cookie {
    std::string name;
    SecretString value;
    std::string domain;  ///< lower case, no leading dot
    std::string path;
    bool host_only = true;
    bool secure = false;
    std::optional<Clock::time_point> expires;  ///< none: a session cookie
    Clock::time_point created;
  };

  void forget_expired(Clock::time_point now);  // with mutex_ held

  mutable std::mutex mutex_;
  std::vector<Cookie> cookies_;
};

}  // namespace nes::net
