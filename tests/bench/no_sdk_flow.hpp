#pragma once
// What the two clients of scripts/bench-client written without the SDK (the
// floor and the libcurl client) share: the applicants as nes-client-load
// writes them, and the few encodings the login flow needs (PKCE's base64url,
// form and query encoding).

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <boost/url/encode.hpp>
#include <boost/url/parse.hpp>
#include <boost/url/rfc/unreserved_chars.hpp>

#include <openssl/evp.h>
#include <openssl/rand.h>

#include <algorithm>
#include <array>
#include <fstream>
#include <string>
#include <string_view>
#include <vector>

namespace nes::test::no_sdk {

inline std::string b64url(const unsigned char* data, std::size_t size) {
  std::string out(4 * ((size + 2) / 3) + 1, '\0');
  const int n = EVP_EncodeBlock(reinterpret_cast<unsigned char*>(out.data()), data, static_cast<int>(size));
  out.resize(static_cast<std::size_t>(n));
  while (!out.empty() && out.back() == '=') out.pop_back();
  std::replace(out.begin(), out.end(), '+', '-');
  std::replace(out.begin(), out.end(), '/', '_');
  return out;
}

inline std::string random_b64url(std::size_t bytes) {
  std::array<unsigned char, 64> raw{};
  RAND_bytes(raw.data(), static_cast<int>(bytes));
  return b64url(raw.data(), bytes);
}

inline std::string encoded(std::string_view value) { return boost::urls::encode(value, boost::urls::unreserved_chars); }

inline std::string query_value(std::string_view url, std::string_view name) {
  auto parsed = boost::urls::parse_uri_reference(url);
  if (!parsed) return {};
  const auto params = parsed->params();
  const auto found = params.find(name);
  return found == params.end() ? std::string() : std::string((*found).value);
}

struct Person {
  std::string tckn;
  std::string password;
  std::string institution;
  std::string form;  // JSON
};

inline std::vector<Person> read_people(const std::string& file) {
  std::vector<Person> people;
  std::ifstream in(file);
  for (std::string line; std::getline(in, line);) {
    const auto v = boost::json::parse(line);
    people.push_back({std::string(v.at("tckn").as_string()), std::string(v.at("password").as_string()),
                      std::string(v.at("institution").as_string()), boost::json::serialize(v.at("form"))});
  }
  return people;
}

}  // namespace nes::test::no_sdk
