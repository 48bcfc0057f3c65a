#pragma once
// An absolute http(s) URL split the way the transport needs it. Parsing and
// relative resolution (redirects) are Boost.URL's.

#include <optional>
#include <string>
#include <string_view>

namespace nes::net {

struct Url {
  std::string scheme;  ///< "https" or "http"
  std::string host;    ///< lower case; IPv6 without brackets
  unsigned short port = 0;
  std::string target;  ///< path and query, at least "/"

  [[nodiscard]] bool secure() const noexcept { return scheme == "https"; }
  /// The path without the query.
  [[nodiscard]] std::string_view path() const noexcept;
  /// "host:port" as a Host header says it (brackets for IPv6, port always).
  [[nodiscard]] std::string authority() const;
  /// scheme://authority/target
  [[nodiscard]] std::string to_string() const;
  [[nodiscard]] bool is_ip_address() const;

  /// nullopt unless `text` is an absolute http or https URL with a host, no
  /// user information and no fragment.
  static std::optional<Url> parse(std::string_view text);
  /// `reference` (a Location header: absolute, or relative to this URL).
  [[nodiscard]] std::optional<Url> resolve(std::string_view reference) const;

  friend bool operator==(const Url&, const Url&) = default;
};

}  // namespace nes::net
