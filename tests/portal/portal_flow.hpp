#pragma once
// The applicant's side of the protocol as steps, for the portal's tests: log
// in through the gateway, then call the portal with the session cookie and
// the CSRF token. Works against the in-process portal and a standalone one.

#include "sms_inbox.hpp"
#include "test_client.hpp"

#include <nes/portal/reference_portal.hpp>

#include <map>
#include <optional>
#include <string>
#include <vector>

namespace nes::test {

struct PortalAddress {
  unsigned short port = 0;
  unsigned short gateway_port = 0;
  std::string ca_pem;  ///< empty: plain HTTP
  std::string redirect_uri;

  static PortalAddress of(const portal::ReferencePortal& portal);
};

struct LoggedIn {
  std::string cookie;  ///< "nes_session=…", for the Cookie header
  std::string csrf;
  Response response;  ///< the answer to POST /api/v1/auth/session
};

class PortalFlow {
 public:
  explicit PortalFlow(PortalAddress address);

  /// The authorization code from the gateway (after checking `state`), or
  /// the gateway's refusal in `refusal`.
  /// The gateway's login transaction for the PKCE `verifier`: its answer,
  /// id, cookie ("edk_gateway=…") and state.
  struct GatewayLogin {
    Response started;
    std::string id;
    std::string cookie;
    std::string state;
  };
  GatewayLogin begin_gateway_login(const std::string& verifier);
  /// The code in the gateway's redirect `answer` to `login`; throws when it changed the state.
  static std::string code_in(const Response& answer, const GatewayLogin& login);
  /// The session the gateway's `code` opens (POST /api/v1/auth/session).
  LoggedIn open_session(const std::string& code, const std::string& verifier);

  std::optional<std::string> gateway_code(const std::string& tckn, const std::string& password,
                                          const std::string& verifier, Response* refusal = nullptr);
  /// The whole login; throws when any step fails.
  LoggedIn login(const std::string& tckn, const std::string& password);

  /// A request on the portal as `who`; state-changing verbs carry the CSRF token.
  Response call(const LoggedIn& who, http::verb method, const std::string& target, const std::string& body = {},
                const std::string& content_type = "application/json", TestClient::Headers headers = {});

  Response submit(const LoggedIn& who, const std::string& form_json, const std::string& idempotency_key,
                  const std::string& acknowledged = R"(["institution_paid", "no_refund"])");

  TestClient& portal() { return portal_; }
  TestClient& gateway() { return gateway_; }
  const PortalAddress& address() const { return address_; }

 private:
  PortalAddress address_;
  TestClient portal_;
  TestClient gateway_;
};

/// A valid form for one of the demo registry's people and their institution.
std::string demo_form(const std::string& tckn);
/// The demo password of a demo registry person.
std::string demo_password(const std::string& tckn);

}  // namespace nes::test
