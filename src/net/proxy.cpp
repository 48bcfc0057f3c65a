#include "net/proxy.hpp"

#include "crypto/base64.hpp"
#include "net/ascii.hpp"

#include <boost/asio/ip/address.hpp>
#include <boost/url/parse.hpp>

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cstdlib>

namespace nes::net {

namespace {

std::string env(const char* upper, const char* lower) {
  if (const char* v = std::getenv(upper); v != nullptr && *v != '\0') return v;
  if (const char* v = std::getenv(lower); v != nullptr && *v != '\0') return v;
  return {};
}

// Whether `address` lies in network/prefix; IPv4 compared as v4-mapped IPv6.
bool in_network(const boost::asio::ip::address& address, const boost::asio::ip::address& network, int prefix) {
  namespace ip = boost::asio::ip;
  if (address.is_v4() != network.is_v4()) return false;
  const auto as_v6 = [](const ip::address& a) {
    return a.is_v4() ? ip::make_address_v6(ip::v4_mapped, a.to_v4()).to_bytes() : a.to_v6().to_bytes();
  };
  const auto a = as_v6(address);
  const auto n = as_v6(network);
  const int bits = network.is_v4() ? prefix + 96 : prefix;
  for (std::size_t i = 0; i < a.size(); ++i) {
    const int here = std::clamp(bits - static_cast<int>(i) * 8, 0, 8);
    const auto mask = static_cast<unsigned char>(here == 0 ? 0 : 0xFF << (8 - here));
    if ((a[i] & mask) != (n[i] & mask)) return false;
  }
  return true;
}

}  // namespace

std::optional<ProxySettings> ProxySettings::from(const ProxyOptions& options, std::string& detail) {
  ProxySettings settings;
  std::string proxy = options.https_proxy;
  std::string no_proxy = options.no_proxy;
  if (options.from_environment) {
    if (proxy.empty()) proxy = env("HTTPS_PROXY", "https_proxy");
    if (no_proxy.empty()) no_proxy = env("NO_PROXY", "no_proxy");
  }
  if (!proxy.empty()) {
    // curl takes a bare host:port as http://host:port.
    const std::string text = proxy.find("://") == std::string::npos ? "http://" + proxy : proxy;
    const auto parsed = boost::urls::parse_absolute_uri(text);
    if (!parsed || ascii_lower(parsed->scheme()) != "http" || parsed->encoded_host().empty()) {
      detail = "the HTTPS proxy must be http://host[:port] (the tunnel is HTTP CONNECT)";
      return std::nullopt;
    }
    ProxyEndpoint endpoint;
    endpoint.host = parsed->host_type() == boost::urls::host_type::ipv6 ? std::string(parsed->encoded_host_address())
                                                                        : ascii_lower(parsed->encoded_host());
    endpoint.port = parsed->has_port() ? parsed->port_number() : 80;
    if (endpoint.port == 0) {
      detail = "the HTTPS proxy's port is not valid";
      return std::nullopt;
    }
    if (parsed->has_userinfo()) {
      std::string credentials = std::string(parsed->user()) + ":" + std::string(parsed->password());
      endpoint.authorization.assign("Basic " + crypto::base64(credentials.data(), credentials.size()));
      secure_wipe(credentials.data(), credentials.size());
    }
    settings.proxy_ = std::move(endpoint);
  }
  std::string_view rest = no_proxy;
  while (!rest.empty()) {
    const auto cut = rest.find_first_of(", ");
    std::string entry = ascii_lower(rest.substr(0, cut));
    rest = cut == std::string_view::npos ? std::string_view{} : rest.substr(cut + 1);
    if (entry.empty()) continue;
    if (entry == "*") {
      settings.bypass_all_ = true;
      continue;
    }
    Exception e;
    if (const auto slash = entry.find('/'); slash != std::string::npos) {
      int prefix = -1;
      const auto digits = std::string_view(entry).substr(slash + 1);
      const auto [end, error] = std::from_chars(digits.data(), digits.data() + digits.size(), prefix);
      boost::system::error_code ec;
      const auto network = boost::asio::ip::make_address(entry.substr(0, slash), ec);
      if (error != std::errc{} || end != digits.data() + digits.size() || ec || prefix < 0 ||
          prefix > (network.is_v4() ? 32 : 128)) {
        detail = "NO_PROXY has an entry that is not a network: " + entry;
        return std::nullopt;
      }
      e.network = network.to_string();
      e.prefix = prefix;
    } else {
      // "[::1]:8443", "host:8443", "host", ".domain"
      std::string host = entry;
      if (host.front() == '[') {
        const auto close = host.find(']');
        if (close == std::string::npos) {
          detail = "NO_PROXY has a malformed entry: " + entry;
          return std::nullopt;
        }
        if (close + 2 < host.size() && host[close + 1] == ':') {
          e.port = static_cast<unsigned short>(std::atoi(host.c_str() + close + 2));
        }
        host = host.substr(1, close - 1);
      } else if (const auto colon = host.rfind(':');
                 colon != std::string::npos && host.find(':') == colon) {  // not a bare IPv6
        e.port = static_cast<unsigned short>(std::atoi(host.c_str() + colon + 1));
        host = host.substr(0, colon);
      }
      if (host.starts_with('.')) host = host.substr(1);
      e.host = std::move(host);
    }
    settings.no_proxy_.push_back(std::move(e));
  }
  return settings;
}

bool ProxySettings::bypassed(const Url& target) const {
  if (bypass_all_) return true;
  boost::system::error_code ec;
  const auto address = boost::asio::ip::make_address(target.host, ec);
  for (const auto& e : no_proxy_) {
    if (e.prefix >= 0) {
      if (!ec && in_network(address, boost::asio::ip::make_address(e.network), e.prefix)) return true;
      continue;
    }
    if (e.port && *e.port != target.port) continue;
    if (target.host == e.host) return true;
    // A name covers its subdomains; an address only itself.
    if (ec && target.host.size() > e.host.size() && target.host.ends_with(e.host) &&
        target.host[target.host.size() - e.host.size() - 1] == '.') {
      return true;
    }
  }
  return false;
}

std::optional<ProxyEndpoint> ProxySettings::for_target(const Url& target) const {
  if (!proxy_ || bypassed(target)) return std::nullopt;
  return proxy_;
}

}  // namespace nes::net
