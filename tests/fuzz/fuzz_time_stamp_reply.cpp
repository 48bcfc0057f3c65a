// The SDK's reading of a time-stamp service's answer (timestamp/reply.cpp)
// fed hostile answers: raw bytes as a reply or as text, or a genuine reply
// from the portal's TSA with bytes spliced in at any offset, so that
// near-valid tokens reach every check. Nothing crashes; text is never a
// token; a refusal always has a code; a token returned attests a sane time.
//
// Input: byte 0, bit 0: labelled application/timestamp-reply (else
// text/plain); bit 1: splice the rest into the genuine reply at the offset
// in bytes 1-2 (else the rest is the answer as it is).

#include "fuzz_check.hpp"

#include "portal/tsa/tsa_setup.hpp"
#include "timestamp/identity.hpp"
#include "timestamp/query.hpp"
#include "timestamp/reply.hpp"

#include <openssl/pem.h>

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <string_view>

namespace {

namespace ts = nes::timestamp;

struct Genuine {
  ts::Query query;
  std::string reply;
  X509_STORE* anchors = X509_STORE_new();
};

// A query, the portal TSA's reply to it, and that TSA's CA as the anchor.
Genuine make_genuine() {
  Genuine g;
  nes::portal::pki::Credential generated;
  std::string detail;
  auto authority = nes::portal::tsa::make_authority(
      {.subscribers_json = R"({"subscribers": [{"customer_id": 7, "password": "p", "credit": 1}]})",
       .policy_oid = "0.4.0.2023.1.1"},
      generated, detail);
  const std::string& ca = generated.certificate_pem;
  std::string why;
  g.query = *ts::make_query(std::string(32, '\x5a'), "", why);
  const auto identity = ts::make_identity(7, nes::SecretString("p"), g.query.digest);
  g.reply = authority->answer(g.query.der, *identity, {}, {}).body;
  BIO* bio = BIO_new_mem_buf(ca.data(), static_cast<int>(ca.size()));
  X509* certificate = PEM_read_bio_X509(bio, nullptr, nullptr, nullptr);
  X509_STORE_add_cert(g.anchors, certificate);
  X509_free(certificate);
  BIO_free(bio);
  return g;
}

const Genuine& genuine() {
  static const Genuine g = make_genuine();
  return g;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  const auto& g = genuine();
  const bool reply_type = (data[0] & 1) != 0;
  std::string body;
  if ((data[0] & 2) != 0 && size >= 3) {
    body = g.reply;
    std::size_t at = ((static_cast<std::size_t>(data[1]) << 8) | data[2]) % body.size();
    for (std::size_t i = 3; i < size && at < body.size(); ++i, ++at) body[at] = static_cast<char>(data[i]);
  } else {
    body.assign(reinterpret_cast<const char*>(data + 1), size - 1);
  }
  const ts::Answer answer{200, reply_type ? "application/timestamp-reply" : "text/plain", body};
  const auto read = ts::read_reply(answer, g.query, g.anchors);
  if (const auto* refusal = std::get_if<ts::Refusal>(&read)) {
    FUZZ_CHECK(!refusal->problem.code.empty());
    FUZZ_CHECK(refusal->ec == nes::errc::timestamp_refused || refusal->ec == nes::errc::timestamp_invalid);
    // Text is the service's refusal, never a token's problem.
    if (!reply_type) FUZZ_CHECK(refusal->ec == nes::errc::timestamp_refused);
    for (const char c : refusal->problem.detail) FUZZ_CHECK(static_cast<unsigned char>(c) >= 0x20);
  } else {
    FUZZ_CHECK(reply_type);
    const auto& stamp = std::get<nes::TimeStamp>(read);
    FUZZ_CHECK(!stamp.token_der.empty());
    FUZZ_CHECK(std::chrono::abs(stamp.time - std::chrono::system_clock::now()) < std::chrono::hours(24 * 366));
  }
  return 0;
}
