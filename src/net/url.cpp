#include "net/url.hpp"

#include "net/ascii.hpp"

#include <boost/asio/ip/address.hpp>
#include <boost/url/parse.hpp>
#include <boost/url/url.hpp>

#include <algorithm>
#include <cctype>

namespace nes::net {

namespace {

std::optional<Url> from(const boost::urls::url_view& u) {
  const std::string scheme = ascii_lower(u.scheme());
  if ((scheme != "https" && scheme != "http") || !u.has_authority() || u.encoded_host().empty() || u.has_userinfo() ||
      u.has_fragment()) {
    return std::nullopt;
  }
  Url out;
  out.scheme = scheme;
  if (u.host_type() == boost::urls::host_type::ipv6) {
    out.host = u.encoded_host_address();
  } else {
    out.host = u.encoded_host();
  }
  out.host = ascii_lower(out.host);
  if (u.has_port()) {
    const auto port = u.port_number();
    if (port == 0) return std::nullopt;
    out.port = port;
  } else {
    out.port = scheme == "https" ? 443 : 80;
  }
  out.target = std::string(u.encoded_path());
  if (out.target.empty()) out.target = "/";
  if (out.target.front() != '/') return std::nullopt;  // not a path a request line can carry
  if (u.has_query()) out.target += "?" + std::string(u.encoded_query());
  return out;
}

}  // namespace

std::string_view Url::path() const noexcept {
  const std::string_view t = target;
  return t.substr(0, t.find('?'));
}

bool Url::is_ip_address() const {
  boost::system::error_code ec;
  (void)boost::asio::ip::make_address(host, ec);
  return !ec;
}

std::string Url::authority() const {
  const bool v6 = host.find(':') != std::string::npos;
  return (v6 ? "[" + host + "]" : host) + ":" + std::to_string(port);
}

std::string Url::to_string() const { return scheme + "://" + authority() + target; }

std::optional<Url> Url::parse(std::string_view text) {
  // Parsed from an owning copy: Boost 1.81's parsers can read past the end of
  // a view into a larger buffer (see the portal's form parser).
  const std::string copy(text);
  const auto parsed = boost::urls::parse_absolute_uri(copy);
  if (!parsed) return std::nullopt;
  return from(*parsed);
}

std::optional<Url> Url::resolve(std::string_view reference) const {
  const std::string copy(reference);
  const auto ref = boost::urls::parse_uri_reference(copy);
  if (!ref) return std::nullopt;
  const std::string base_text = to_string();
  const auto base = boost::urls::parse_absolute_uri(base_text);
  if (!base) return std::nullopt;
  boost::urls::url resolved;
  if (!boost::urls::resolve(*base, *ref, resolved)) return std::nullopt;
  resolved.remove_fragment();  // a fragment names a part of a page, never a request
  return from(resolved);
}

}  // namespace nes::net
