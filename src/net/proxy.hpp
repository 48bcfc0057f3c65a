#pragma once
// Which proxy, if any, carries a connection: HTTPS_PROXY and NO_PROXY as
// curl reads them (or the values given in ClientOptions).

#include "net/url.hpp"

#include <nes/client_options.hpp>
#include <nes/secret.hpp>

#include <optional>
#include <string>
#include <vector>

namespace nes::net {

struct ProxyEndpoint {
  std::string host;
  unsigned short port = 0;
  /// "Basic …" for Proxy-Authorization when the proxy URL has user information.
  SecretString authorization;
};

class ProxySettings {
 public:
  /// Unusable settings (a proxy URL that is not http://host[:port]) are an
  /// error with `detail`, never silently ignored.
  static std::optional<ProxySettings> from(const ProxyOptions& options, std::string& detail);

  /// The proxy for a connection to `target`, or nullopt to connect directly.
  [[nodiscard]] std::optional<ProxyEndpoint> for_target(const Url& target) const;

 private:
  struct Exception {
    std::string host;  ///< lower case, no leading dot; empty with a CIDR
    std::optional<unsigned short> port;
    std::string network;  ///< CIDR base address, when one
    int prefix = -1;
  };
  [[nodiscard]] bool bypassed(const Url& target) const;

  std::optional<ProxyEndpoint> proxy_;
  std::vector<Exception> no_proxy_;
  bool bypass_all_ = false;
};

}  // namespace nes::net
