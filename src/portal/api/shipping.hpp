#pragma once
// Production done: the admin event `shipped` makes the card and issues its
// certificate in the transaction that ships the application, and the card
// factory collects the card's key, certificate and PUK once.

#include "portal/api/services.hpp"
#include "portal/http/message.hpp"

#include <string>

namespace nes::portal::api {

/// POST /admin/v1/applications/{id}/transitions with the event `shipped`:
/// 409 no_issuing_ca when the portal has no e-imza CA to issue from.
/// `validity_days` > 0 issues for that many days instead of the form's years
/// (tests and demos of renewal).
http::Response ship(Services& services, http::RequestContext& ctx, const std::string& reason, int validity_days);

/// GET /admin/v1/applications/{id}/card: the card's key, certificate and PUK;
/// the key is forgotten once given (409 card_collected afterwards).
http::Response collect_card(Services& services, http::RequestContext& ctx);

}  // namespace nes::portal::api
