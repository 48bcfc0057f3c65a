#pragma once
// The portal's rate limits, per T.C. Kimlik No and per client address.

#include "portal/api/services.hpp"
#include "portal/http/message.hpp"

#include <cstdint>
#include <string>

namespace nes::portal::api {

/// Each returns 0 when the event is allowed, else the seconds to wait.
/// SMS: a code sent or tried.
std::int64_t limit_sms(Services& services, const http::RequestContext& ctx, const std::string& tckn);
std::int64_t limit_debt_inquiry(Services& services, const http::RequestContext& ctx, const std::string& tckn);

/// Both limits of one kind: the person's first, then the address's.
std::int64_t limit_both(limits::RateLimiter& limiter, std::string_view kind, const std::string& tckn, int per_person,
                        const http::RequestContext& ctx, int per_address);

}  // namespace nes::portal::api
