#include "net/cookie_jar.hpp"

#include "net/ascii.hpp"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cstdint>
#include <ctime>

namespace nes::net {

namespace {

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

// RFC 6265 §5.1.3.
bool domain_matches(std::string_view host, std::string_view domain, bool host_is_ip) {
  if (host == domain) return true;
  return !host_is_ip && host.size() > domain.size() && host.ends_with(domain) &&
         host[host.size() - domain.size() - 1] == '.';
}

// RFC 6265 §5.1.4.
bool path_matches(std::string_view request_path, std::string_view cookie_path) {
  if (request_path == cookie_path) return true;
  if (!request_path.starts_with(cookie_path)) return false;
  return cookie_path.ends_with('/') || request_path[cookie_path.size()] == '/';
}

// RFC 6265 §5.1.4: the directory of the request path.
std::string default_path(std::string_view request_path) {
  if (request_path.empty() || request_path.front() != '/') return "/";
  const auto last = request_path.rfind('/');
  return last == 0 ? "/" : std::string(request_path.substr(0, last));
}

// RFC 6265bis caps a cookie's lifetime at 400 days; it also keeps far dates
// inside the clock's range.
constexpr auto max_lifetime = std::chrono::hours(24 * 400);

// IMF-fixdate, the form servers send ("Wed, 25 Nov 2026 08:00:00 GMT"), as
// seconds since the epoch.
std::optional<std::int64_t> parse_http_date(std::string_view text) {
  std::tm tm{};
  const std::string copy(text);
  const char* end = strptime(copy.c_str(), "%a, %d %b %Y %H:%M:%S GMT", &tm);
  if (end == nullptr || *end != '\0') return std::nullopt;
  return static_cast<std::int64_t>(timegm(&tm));
}

// The expiry `seconds` after `now`, or at the epoch second `at`, capped.
CookieJar::Clock::time_point capped(CookieJar::Clock::time_point now, std::int64_t seconds) {
  const auto cap = std::chrono::duration_cast<std::chrono::seconds>(max_lifetime).count();
  return now + std::chrono::seconds(std::min(seconds, cap));
}

}  // namespace

bool CookieJar::store(const Url& from, std::string_view set_cookie, Clock::time_point now) {
  if (set_cookie.size() > max_cookie_bytes) return false;
  std::string_view rest = set_cookie;
  const auto semicolon = rest.find(';');
  const std::string_view pair = trim(rest.substr(0, semicolon));
  rest = semicolon == std::string_view::npos ? std::string_view{} : rest.substr(semicolon + 1);
  const auto equals = pair.find('=');
  if (equals == std::string_view::npos) return false;
  Cookie cookie;
  cookie.name = std::string(trim(pair.substr(0, equals)));
  if (cookie.name.empty()) return false;
  cookie.value.assign(trim(pair.substr(equals + 1)));
  cookie.domain = from.host;
  cookie.path = default_path(from.path());
  cookie.created = now;
  std::optional<Clock::time_point> max_age_expiry;
  std::optional<Clock::time_point> expires;
  while (!rest.empty()) {
    const auto next = rest.find(';');
    const std::string_view attribute = trim(rest.substr(0, next));
    rest = next == std::string_view::npos ? std::string_view{} : rest.substr(next + 1);
    const auto eq = attribute.find('=');
    const std::string_view key = trim(attribute.substr(0, eq));
    const std::string_view value = eq == std::string_view::npos ? std::string_view{} : trim(attribute.substr(eq + 1));
    if (iequals(key, "Max-Age")) {
      long long seconds = 0;
      const auto* first = value.data();
      const bool negative = !value.empty() && value.front() == '-';
      const auto [end, error] = std::from_chars(first + (negative ? 1 : 0), first + value.size(), seconds);
      if (error != std::errc{} || end != first + value.size() || value.size() == (negative ? 1U : 0U)) continue;
      max_age_expiry = negative || seconds == 0 ? Clock::time_point::min() : capped(now, seconds);
    } else if (iequals(key, "Expires")) {
      if (const auto at = parse_http_date(value)) {
        const auto now_seconds = std::chrono::duration_cast<std::chrono::seconds>(now.time_since_epoch()).count();
        expires = *at <= now_seconds ? Clock::time_point::min() : capped(now, *at - now_seconds);
      }
    } else if (iequals(key, "Domain")) {
      std::string domain = ascii_lower(value.starts_with('.') ? value.substr(1) : value);
      if (domain.empty()) continue;
      if (!domain_matches(from.host, domain, from.is_ip_address())) return false;  // not for this host
      cookie.domain = std::move(domain);
      cookie.host_only = false;
    } else if (iequals(key, "Path")) {
      if (value.starts_with('/')) cookie.path = std::string(value);
    } else if (iequals(key, "Secure")) {
      cookie.secure = true;
    }
  }
  // Max-Age wins over Expires (§5.3 step 3).
  cookie.expires = max_age_expiry ? max_age_expiry : expires;
  if (cookie.secure && !from.secure()) return false;  // a Secure cookie only comes over https

  const std::lock_guard lock(mutex_);
  forget_expired(now);
  const auto same = std::find_if(cookies_.begin(), cookies_.end(), [&](const Cookie& c) {
    return c.name == cookie.name && c.domain == cookie.domain && c.path == cookie.path;
  });
  const bool deletion = cookie.expires && *cookie.expires <= now;
  if (same != cookies_.end()) {
    if (deletion) {
      cookies_.erase(same);
    } else {
      cookie.created = same->created;  // §5.3 step 11: a replacement keeps its place
      *same = std::move(cookie);
    }
    return true;
  }
  if (deletion) return true;
  if (cookies_.size() >= max_cookies) {
    // Drop the oldest; a client that talks to one portal never gets here.
    cookies_.erase(std::min_element(cookies_.begin(), cookies_.end(),
                                    [](const Cookie& a, const Cookie& b) { return a.created < b.created; }));
  }
  cookies_.push_back(std::move(cookie));
  return true;
}

SecretString CookieJar::header_for(const Url& to, Clock::time_point now) const {
  const std::lock_guard lock(mutex_);
  std::vector<const Cookie*> matching;
  const bool ip = to.is_ip_address();
  for (const auto& c : cookies_) {
    if (c.expires && *c.expires <= now) continue;
    if (c.host_only ? to.host != c.domain : !domain_matches(to.host, c.domain, ip)) continue;
    if (!path_matches(to.path(), c.path)) continue;
    if (c.secure && !to.secure()) continue;
    matching.push_back(&c);
  }
  std::stable_sort(matching.begin(), matching.end(), [](const Cookie* a, const Cookie* b) {
    if (a->path.size() != b->path.size()) return a->path.size() > b->path.size();
    return a->created < b->created;
  });
  std::size_t bytes = 0;
  for (const Cookie* c : matching) bytes += c->name.size() + c->value.size() + 3;
  std::string header;
  header.reserve(bytes);  // one buffer, wiped below: no stray copies of the values
  for (const Cookie* c : matching) {
    if (!header.empty()) header += "; ";
    header += c->name;
    header += '=';
    header += c->value.reveal();
  }
  SecretString out(header);
  secure_wipe(header.data(), header.size());
  return out;
}

void CookieJar::forget_expired(Clock::time_point now) {
  std::erase_if(cookies_, [&](const Cookie& c) { return c.expires && *c.expires <= now; });
}

void CookieJar::clear() {
  const std::lock_guard lock(mutex_);
  cookies_.clear();
}

std::size_t CookieJar::size() const {
  const std::lock_guard lock(mutex_);
  return cookies_.size();
}

}  // namespace nes::net
