#include "portal/api/rate_limits.hpp"

namespace nes::portal::api {

std::int64_t limit_both(limits::RateLimiter& limiter, std::string_view kind, const std::string& tckn, int per_person,
                        const http::RequestContext& ctx, int per_address) {
  const std::string prefix(kind);
  if (const auto wait = limiter.acquire(prefix + ":person:" + tckn, per_person)) return wait;
  return limiter.acquire(prefix + ":address:" + ctx.client.to_string(), per_address);
}

std::int64_t limit_sms(Services& services, const http::RequestContext& ctx, const std::string& tckn) {
  return limit_both(services.limiter, "sms", tckn, services.rate_limits.sms_per_person, ctx,
                    services.rate_limits.sms_per_address);
}

std::int64_t limit_debt_inquiry(Services& services, const http::RequestContext& ctx, const std::string& tckn) {
  return limit_both(services.limiter, "debt", tckn, services.rate_limits.debt_inquiries_per_person, ctx,
                    services.rate_limits.debt_inquiries_per_address);
}

}  // namespace nes::portal::api
