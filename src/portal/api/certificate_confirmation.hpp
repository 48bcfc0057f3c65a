#pragma once
// What the SMS-confirmed operations on a person's certificate share (the
// changes of certificate_changes.cpp, the PUK's release of puk_release.cpp):
// the caller's own certificate named in the path, and a pending confirmation
// matched by the SMS code in the body.

#include "portal/api/services.hpp"
#include "portal/api/session_guard.hpp"
#include "portal/http/message.hpp"
#include "portal/store/certificate_store.hpp"
#include "portal/store/confirmation_store.hpp"

#include <boost/json/object.hpp>

#include <optional>
#include <string>
#include <string_view>

namespace nes::portal::api {

struct OwnCertificate {
  std::optional<Caller> caller;
  std::optional<store::CertificateRecord> certificate;
  http::Response refusal;  ///< when `certificate` is unset
};

/// The caller's certificate named by the path's first parameter; 404 for
/// another's, as for a missing one.
OwnCertificate own_certificate(Services& services, const http::RequestContext& ctx);

/// Sends an SMS code to the phone of `own`'s application and records a
/// pending confirmation of `purpose` (with `detail`): 202 with its id, the
/// serial, `extra` and the code's state ("otp"); 429 past the SMS limit.
http::Response ask_for_code(Services& services, const http::RequestContext& ctx, const OwnCertificate& own,
                            const std::string& purpose, const std::string& detail, boost::json::object extra);

struct ConfirmedByCode {
  std::optional<store::ConfirmationRecord> record;  ///< confirmed now
  http::Response refusal;                           ///< when `record` is unset
};

/// The confirmation named by the path's second parameter, of `own`'s
/// certificate and of one of `purposes`, marked confirmed once the SMS code
/// in the body ({"code"}) matches it: 404 for another, 409 change_confirmed
/// when confirmed before, the code's refusals (otp_invalid with the tries
/// left, otp_expired, otp_locked) and the SMS rate limit.
ConfirmedByCode confirm_by_code(Services& services, http::RequestContext& ctx, const OwnCertificate& own,
                                std::initializer_list<std::string_view> purposes);

}  // namespace nes::portal::api
