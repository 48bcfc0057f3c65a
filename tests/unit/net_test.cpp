// The transport's pure parts: URLs, the cookie jar, the request as it goes
// on the wire and the answer as it is read, and the arena answers parse into.

#include "json/wiping_arena.hpp"
#include "net/cookie_jar.hpp"
#include "net/request_head.hpp"
#include "net/response_reader.hpp"
#include "net/url.hpp"

#include <boost/asio/buffer.hpp>
#include <boost/beast/http/error.hpp>
#include <boost/json/parse.hpp>

#include <gtest/gtest.h>

namespace {

using nes::net::CookieJar;
using nes::net::Url;
using namespace std::chrono_literals;

Url url(std::string_view text) { return Url::parse(text).value(); }
std::string cookies(const CookieJar& jar, std::string_view to, CookieJar::Clock::time_point now) {
  return std::string(jar.header_for(url(to), now).reveal());
}

TEST(Url, ParsesWhatTheTransportNeeds) {
  const auto u = url("HTTPS://Portal.Example:8443/api/v1/info?x=1");
  EXPECT_EQ(u.scheme, "https");
  EXPECT_EQ(u.host, "portal.example");
  EXPECT_EQ(u.port, 8443);
  EXPECT_EQ(u.target, "/api/v1/info?x=1");
  EXPECT_EQ(u.path(), "/api/v1/info");
  EXPECT_EQ(url("http://127.0.0.1").port, 80);
  EXPECT_EQ(url("https://[::1]/").host, "::1");
  EXPECT_EQ(url("https://[::1]/").authority(), "[::1]:443");
  EXPECT_EQ(url("https://localhost").target, "/");
  for (const auto* bad : {"ftp://x/", "https:///path", "https://user:pw@host/", "https://h/#frag", "/relative",
                          "https://h:0/", "https://h:70000/", "not a url", "https://127.0.0.1:1!f"}) {
    EXPECT_FALSE(Url::parse(bad)) << bad;
  }
}

TEST(Url, ResolvesRedirects) {
  const auto base = url("https://127.0.0.1:8443/api/v1/applications/app_1?x=1");
  EXPECT_EQ(base.resolve("/api/v1/applications/app_2")->to_string(),
            "https://127.0.0.1:8443/api/v1/applications/app_2");
  EXPECT_EQ(base.resolve("app_3")->target, "/api/v1/applications/app_3");
  EXPECT_EQ(base.resolve("https://localhost:8444/cb?code=a&state=b#top")->to_string(),
            "https://localhost:8444/cb?code=a&state=b");
  EXPECT_FALSE(base.resolve("mailto:someone@example.com"));
}

TEST(CookieJar, HostOnlyCookiesStayOnTheirHost) {
  CookieJar jar;
  const auto now = CookieJar::Clock::now();
  ASSERT_TRUE(jar.store(url("https://127.0.0.1:8443/api/v1/auth/session"),
                        "nes_session=abc; Path=/api; HttpOnly; SameSite=Strict; Secure; Max-Age=1800", now));
  EXPECT_EQ(cookies(jar, "https://127.0.0.1:8443/api/v1/institutions", now), "nes_session=abc");
  EXPECT_EQ(cookies(jar, "https://127.0.0.1:9999/api/x", now), "nes_session=abc");  // ports do not scope cookies
  EXPECT_EQ(cookies(jar, "https://localhost:8443/api/x", now), "");                 // another host
  EXPECT_EQ(cookies(jar, "https://127.0.0.1:8443/oauth2/authorize", now), "");      // another path
  EXPECT_EQ(cookies(jar, "https://127.0.0.1:8443/apix", now), "");                  // not a path prefix
  EXPECT_EQ(cookies(jar, "http://127.0.0.1:8443/api/x", now), "");                  // Secure: https only
}

TEST(CookieJar, ExpiresByMaxAgeOrExpiresAndIsReplacedOrDeleted) {
  CookieJar jar;
  const auto now = CookieJar::Clock::from_time_t(1'800'000'000);
  const auto from = url("https://portal.example/api/v1/auth/session");
  jar.store(from, "a=1; Path=/; Max-Age=60", now);
  jar.store(from, "b=2; Path=/; Expires=Fri, 15 Jan 2027 09:00:00 GMT", now);
  jar.store(from, "c=3; Path=/; Max-Age=60; Expires=Thu, 01 Jan 1970 00:00:00 GMT", now);  // Max-Age wins
  EXPECT_EQ(cookies(jar, "https://portal.example/", now), "a=1; b=2; c=3");
  EXPECT_EQ(cookies(jar, "https://portal.example/", now + 61s), "b=2");
  jar.store(from, "b=changed; Path=/", now);
  EXPECT_EQ(cookies(jar, "https://portal.example/", now), "a=1; b=changed; c=3");  // creation order kept
  jar.store(from, "a=; Path=/; Max-Age=0", now);
  EXPECT_EQ(cookies(jar, "https://portal.example/", now), "b=changed; c=3");
  EXPECT_EQ(jar.size(), 2U);
}

TEST(CookieJar, DomainCookiesCoverSubdomainsOnlyWhenTheHostIsInside) {
  CookieJar jar;
  const auto now = CookieJar::Clock::now();
  EXPECT_TRUE(jar.store(url("https://www.turkiye.gov.tr/x"), "d=1; Domain=.turkiye.gov.tr; Path=/", now));
  EXPECT_FALSE(jar.store(url("https://www.turkiye.gov.tr/x"), "e=1; Domain=example.com; Path=/", now));
  EXPECT_FALSE(jar.store(url("https://127.0.0.1/x"), "f=1; Domain=0.0.1; Path=/", now));
  EXPECT_EQ(cookies(jar, "https://giris.turkiye.gov.tr/", now), "d=1");
  EXPECT_EQ(cookies(jar, "https://turkiye.gov.tr/", now), "d=1");
  EXPECT_EQ(cookies(jar, "https://turkiye.gov.tr.example/", now), "");
  EXPECT_EQ(cookies(jar, "https://xturkiye.gov.tr/", now), "");
}

TEST(CookieJar, DefaultPathIsTheRequestsDirectoryAndLongerPathsComeFirst) {
  CookieJar jar;
  const auto now = CookieJar::Clock::now();
  jar.store(url("https://h/api/v1/auth/session"), "deep=1", now);  // default path /api/v1/auth
  jar.store(url("https://h/api/v1/auth/session"), "root=2; Path=/", now);
  EXPECT_EQ(cookies(jar, "https://h/api/v1/auth/session", now), "deep=1; root=2");
  EXPECT_EQ(cookies(jar, "https://h/api/v1/info", now), "root=2");
}

TEST(CookieJar, LifetimesAreCappedAt400Days) {
  CookieJar jar;
  const auto now = CookieJar::Clock::from_time_t(1'800'000'000);
  jar.store(url("https://h/"), "far=1; Expires=Fri, 15 Jan 2827 09:00:00 GMT", now);  // past the clock's range
  jar.store(url("https://h/"), "long=1; Max-Age=99999999999999", now);
  EXPECT_EQ(cookies(jar, "https://h/", now + std::chrono::hours(24 * 399)), "far=1; long=1");
  EXPECT_EQ(cookies(jar, "https://h/", now + std::chrono::hours(24 * 401)), "");
}

TEST(CookieJar, RefusesWhatARuleForbids) {
  CookieJar jar;
  const auto now = CookieJar::Clock::now();
  EXPECT_FALSE(jar.store(url("http://h/"), "s=1; Secure", now));  // Secure over http
  EXPECT_FALSE(jar.store(url("https://h/"), "novalue", now));
  EXPECT_FALSE(jar.store(url("https://h/"), "=nameless", now));
  EXPECT_FALSE(jar.store(url("https://h/"), "big=" + std::string(CookieJar::max_cookie_bytes, 'x'), now));
  EXPECT_EQ(jar.size(), 0U);
  // A malformed Max-Age is ignored, not read as 0.
  EXPECT_TRUE(jar.store(url("https://h/"), "m=1; Max-Age=soon", now));
  EXPECT_EQ(cookies(jar, "https://h/", now + 24h), "m=1");
}

}  // namespace

#include "net/proxy.hpp"
#include "net/redact.hpp"
#include "net/retry.hpp"

#include <gmock/gmock.h>

namespace {

using ::testing::HasSubstr;
using ::testing::Not;

std::optional<nes::net::ProxySettings> proxy(std::string https_proxy, std::string no_proxy) {
  std::string detail;
  return nes::net::ProxySettings::from(
      {.from_environment = false, .https_proxy = std::move(https_proxy), .no_proxy = std::move(no_proxy)}, detail);
}

TEST(Proxy, NoProxyEntriesAreHostsDomainsPortsAndNetworks) {
  const auto settings =
      proxy("http://user:p%40ss@proxy.corp:3128", "localhost, .kamusm.gov.tr,10.0.0.0/8,h:8443,[::1]");
  ASSERT_TRUE(settings);
  const auto via = settings->for_target(url("https://portal.example/"));
  ASSERT_TRUE(via);
  EXPECT_EQ(via->host, "proxy.corp");
  EXPECT_EQ(via->port, 3128);
  EXPECT_EQ(via->authorization.reveal(), "Basic dXNlcjpwQHNz");  // user:p@ss
  for (const auto* direct : {"https://localhost:8443/", "https://kamusm.gov.tr/", "https://online.kamusm.gov.tr/",
                             "https://10.1.2.3/", "https://h:8443/", "https://[::1]:8443/"}) {
    EXPECT_FALSE(settings->for_target(url(direct))) << direct;
  }
  for (const auto* proxied : {"https://notkamusm.gov.tr/", "https://11.0.0.1/", "https://h:9443/", "https://[::2]/"}) {
    EXPECT_TRUE(settings->for_target(url(proxied))) << proxied;
  }
  EXPECT_FALSE(proxy("proxy:3128", "*")->for_target(url("https://anything/")));
  EXPECT_EQ(proxy("proxy:3128", "")->for_target(url("https://a/"))->port, 3128);  // curl's bare host:port
  EXPECT_FALSE(proxy("", "")->for_target(url("https://a/")));
}

TEST(Proxy, UnusableSettingsAreErrorsNotSilence) {
  std::string detail;
  EXPECT_FALSE(nes::net::ProxySettings::from({.from_environment = false, .https_proxy = "socks5://p:1080"}, detail));
  EXPECT_THAT(detail, HasSubstr("http://host"));
  EXPECT_FALSE(nes::net::ProxySettings::from({.from_environment = false, .no_proxy = "10.0.0.0/33"}, detail));
  EXPECT_THAT(detail, HasSubstr("10.0.0.0/33"));
}

TEST(Retry, BackoffGrowsWithJitterHonoursRetryAfterAndStopsInTime) {
  using std::chrono::milliseconds;
  nes::net::Backoff backoff({.max_attempts = 4, .initial_backoff = milliseconds(100), .max_backoff = milliseconds(300)},
                            1);
  for (int i = 0; i < 50; ++i) {
    EXPECT_LE(*backoff.next(1, std::nullopt, milliseconds(10'000)), milliseconds(100));
    EXPECT_LE(*backoff.next(3, std::nullopt, milliseconds(10'000)), milliseconds(300));  // capped
  }
  EXPECT_EQ(*backoff.next(1, std::chrono::seconds(2), milliseconds(10'000)), milliseconds(2000));
  EXPECT_FALSE(backoff.next(4, std::nullopt, milliseconds(10'000)));              // attempts used up
  EXPECT_FALSE(backoff.next(1, std::chrono::seconds(20), milliseconds(10'000)));  // past the deadline
  EXPECT_EQ(nes::net::parse_retry_after(" 7 "), std::chrono::seconds(7));
  EXPECT_FALSE(nes::net::parse_retry_after("Wed, 21 Oct 2015 07:28:00 GMT"));
  EXPECT_FALSE(nes::net::parse_retry_after("-1"));
  EXPECT_TRUE(nes::net::is_retryable_status(503));
  EXPECT_FALSE(nes::net::is_retryable_status(500));
  EXPECT_FALSE(nes::net::is_retryable_status(422));
}

TEST(Redact, OnlyAllowListedHeadersShowTheirValues) {
  EXPECT_EQ(nes::net::redact_header("Content-Type", "application/json"), "Content-Type: application/json");
  EXPECT_EQ(nes::net::redact_header("X-Request-Id", "req_1"), "X-Request-Id: req_1");
  for (const auto* secret :
       {"Cookie", "Set-Cookie", "Authorization", "X-CSRF-Token", "Location", "Proxy-Authorization"}) {
    EXPECT_EQ(nes::net::redact_header(secret, "s3cr3t"), std::string(secret) + ": ***");
  }
}

TEST(Redact, JsonBodiesKeepOnlyAllowListedMembers) {
  const std::string form = R"({"form": {"identity": {"tckn": "10000000146", "first_name": "Ayşe",
      "mobile_phone": "+905321234567"}}, "status": "otp_pending", "id": "app_1", "otp": {"tries_left": 3},
      "csrf_token": "tok-4f9e", "code": "123456", "password": "pw-77x"})";
  const auto shown = nes::net::redact_body("application/json", form);
  for (const auto* secret : {"10000000146", "Ayşe", "+905321234567", "tok-4f9e", "123456", "pw-77x"}) {
    EXPECT_THAT(shown, Not(HasSubstr(secret)));
  }
  EXPECT_THAT(shown, HasSubstr(R"("status":"otp_pending")"));
  EXPECT_THAT(shown, HasSubstr(R"("tries_left":3)"));
  EXPECT_THAT(shown, HasSubstr(R"("code":"***")"));
  // In a problem, `code` is the problem's code.
  EXPECT_THAT(nes::net::redact_body("application/problem+json", R"({"code": "otp_invalid", "tries_left": 2})"),
              HasSubstr(R"("code":"otp_invalid")"));
  EXPECT_EQ(nes::net::redact_body("application/x-www-form-urlencoded", "tckn=1&password=2"),
            "<17 bytes of application/x-www-form-urlencoded>");
  EXPECT_EQ(nes::net::redact_body("application/json", "{not json"), "<9 bytes, not JSON>");
}

TEST(RequestHead, IsTheRequestLineTheHeadersTheLengthAndTheBody) {
  const nes::HttpRequest post{.method = "POST",
                              .url = "https://portal.example:8443/api/v1/applications?x=1",
                              .headers = {{"Accept", "application/json"}, {"X-CSRF-Token", "t1"}},
                              .body = nes::SecretString(R"({"a":1})")};
  EXPECT_EQ(nes::net::write_request(post, url(post.url), "nes-sdk/1").value(),
            "POST /api/v1/applications?x=1 HTTP/1.1\r\nHost: portal.example:8443\r\nUser-Agent: nes-sdk/1\r\n"
            "Accept: application/json\r\nX-CSRF-Token: t1\r\nContent-Length: 7\r\n\r\n{\"a\":1}");
  // A GET has no length; a POST without a body says 0.
  const nes::HttpRequest get{.url = "https://h/"};
  EXPECT_EQ(nes::net::write_request(get, url(get.url), "").value(), "GET / HTTP/1.1\r\nHost: h:443\r\n\r\n");
  const nes::HttpRequest empty_post{.method = "POST", .url = "https://h/"};
  EXPECT_NE(nes::net::write_request(empty_post, url(empty_post.url), "").value().find("Content-Length: 0\r\n"),
            std::string::npos);
}

TEST(RequestHead, ALaterHeaderOfTheSameNameReplacesTheEarlierAndTheTransportsOwn) {
  const nes::HttpRequest request{
      .url = "https://h/", .headers = {{"Accept", "a"}, {"user-agent", "mine"}, {"ACCEPT", "b"}, {"Host", "other"}}};
  EXPECT_EQ(nes::net::write_request(request, url(request.url), "nes-sdk/1").value(),
            "GET / HTTP/1.1\r\nuser-agent: mine\r\nACCEPT: b\r\nHost: other\r\n\r\n");
}

TEST(RequestHead, WhatWouldStartAHeaderOfItsOwnOrReframeTheBodyIsNotSent) {
  const std::vector<nes::HttpHeader> refused[] = {{{"X-CSRF-Token", "t\r\nX-Admin: 1"}},
                                                  {{"X-A", std::string("a\0b", 3)}},
                                                  {{"X A", "v"}},
                                                  {{"", "v"}},
                                                  {{"Content-Length", "5"}},
                                                  {{"transfer-encoding", "chunked"}},
                                                  {{"X:A", "v"}},
                                                  {{"X-A", "line\n"}}};
  for (const auto& headers : refused) {
    const nes::HttpRequest request{.url = "https://h/", .headers = headers};
    EXPECT_FALSE(nes::net::is_sendable(request, "ua")) << headers[0].name;
    EXPECT_FALSE(nes::net::write_request(request, url(request.url), "ua")) << headers[0].name;
  }
  const nes::HttpRequest bad_method{.method = "GE T", .url = "https://h/"};
  EXPECT_FALSE(nes::net::write_request(bad_method, url(bad_method.url), "ua"));
  const nes::HttpRequest fine{.url = "https://h/", .headers = {{"X-A", "tab\tand text \x80"}}};
  EXPECT_TRUE(nes::net::is_sendable(fine, "ua"));
  EXPECT_FALSE(nes::net::is_sendable(fine, "ua\r\nX-B: 1"));
}

// Feeds `wire` to a reader in pieces of `step` bytes, as a socket might.
nes::error_code read_all(nes::net::ResponseReader& reader, std::string_view wire, std::size_t step) {
  nes::error_code ec;
  std::string pending;
  for (std::size_t at = 0; at < wire.size() && !reader.is_done(); at += step) {
    pending.append(wire.substr(at, step));
    // The parser stops after the header, and after each chunk's: put again
    // while it takes something.
    for (std::size_t used = 1; used > 0 && !pending.empty() && !reader.is_done();) {
      used = reader.put(boost::asio::buffer(pending), ec);
      if (ec == boost::beast::http::error::need_more) ec = {};
      if (ec) return ec;
      pending.erase(0, used);
    }
  }
  return ec;
}

TEST(ResponseReader, KeepsTheStatusEveryHeaderInOrderAndTheBody) {
  constexpr std::string_view wire =
      "HTTP/1.1 201 Created\r\nContent-Type: application/json\r\nSet-Cookie: a=1\r\nSet-Cookie: b=2\r\n"
      "Content-Length: 11\r\n\r\n{\"id\":\"x\"}\n";
  for (const std::size_t step : {wire.size(), std::size_t{1}, std::size_t{7}}) {
    nes::net::ResponseReader reader(1024);
    ASSERT_FALSE(read_all(reader, wire, step)) << step;
    ASSERT_TRUE(reader.is_done());
    EXPECT_TRUE(reader.keep_alive());
    const auto response = reader.take();
    EXPECT_EQ(response.status, 201);
    ASSERT_EQ(response.headers.size(), 4U);
    EXPECT_EQ(response.headers[0].name, "Content-Type");
    EXPECT_EQ(response.all("Set-Cookie"), (std::vector<std::string_view>{"a=1", "b=2"}));
    EXPECT_EQ(response.body.reveal(), "{\"id\":\"x\"}\n");
  }
}

TEST(ResponseReader, ReadsAChunkedBodyAndRefusesOneOverTheLimit) {
  constexpr std::string_view chunked =
      "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n4\r\nabcd\r\n3\r\nefg\r\n0\r\n\r\n";
  nes::net::ResponseReader reader(1024);
  ASSERT_FALSE(read_all(reader, chunked, 5));
  EXPECT_FALSE(reader.keep_alive());
  EXPECT_EQ(reader.take().body.reveal(), "abcdefg");

  nes::net::ResponseReader small(4);
  EXPECT_EQ(read_all(small, "HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nabcde", 64),
            boost::beast::http::error::body_limit);
  nes::net::ResponseReader small_chunks(4);
  EXPECT_EQ(read_all(small_chunks, chunked, 64), boost::beast::http::error::body_limit);
}

TEST(WipingArena, HoldsADocumentLargerThanItsBufferAndParsesIntoItAlone) {
  std::string big = "[";
  for (int i = 0; i < 2000; ++i) big += (i ? ",\"" : "\"") + std::to_string(i) + " a string longer than SSO\"";
  big += "]";
  nes::detail::WipingArena arena;
  boost::system::error_code ec;
  const auto value = boost::json::parse(big, ec, &arena);
  ASSERT_FALSE(ec);
  ASSERT_EQ(value.as_array().size(), 2000U);
  EXPECT_EQ(value.as_array()[1999].as_string(), "1999 a string longer than SSO");
  EXPECT_TRUE(value.storage().is_deallocate_trivial());
}

}  // namespace
