#include "timestamp/query.hpp"

#include <openssl/err.h>
#include <openssl/rand.h>
#include <openssl/ts.h>

#include <array>
#include <memory>

namespace nes::timestamp {

namespace {

template <class T, void (*Free)(T*)>
struct Deleter {
  void operator()(T* p) const noexcept { Free(p); }
};
using ReqPtr = std::unique_ptr<TS_REQ, Deleter<TS_REQ, TS_REQ_free>>;
using ImprintPtr = std::unique_ptr<TS_MSG_IMPRINT, Deleter<TS_MSG_IMPRINT, TS_MSG_IMPRINT_free>>;
using AlgorithmPtr = std::unique_ptr<X509_ALGOR, Deleter<X509_ALGOR, X509_ALGOR_free>>;
using IntegerPtr = std::unique_ptr<ASN1_INTEGER, Deleter<ASN1_INTEGER, ASN1_INTEGER_free>>;
using ObjectPtr = std::unique_ptr<ASN1_OBJECT, Deleter<ASN1_OBJECT, ASN1_OBJECT_free>>;

constexpr std::size_t sha256_size = 32;

}  // namespace

std::optional<Query> make_query(std::string_view sha256_digest, std::string_view policy_oid, std::string& why) {
  if (sha256_digest.size() != sha256_size) {
    why = "a SHA-256 digest is 32 bytes, not " + std::to_string(sha256_digest.size());
    return std::nullopt;
  }
  ObjectPtr policy;
  if (!policy_oid.empty()) {
    policy.reset(OBJ_txt2obj(std::string(policy_oid).c_str(), 1));
    if (!policy) {
      ERR_clear_error();
      why = "the time-stamp policy '" + std::string(policy_oid) + "' is not a dotted OID";
      return std::nullopt;
    }
  }
  // 63 bits: a positive INTEGER of at most eight bytes, as every TSA takes.
  std::array<unsigned char, 8> nonce_bytes{};
  if (RAND_bytes(nonce_bytes.data(), static_cast<int>(nonce_bytes.size())) != 1) {
    why = "no random bytes for the nonce";
    return std::nullopt;
  }
  nonce_bytes[0] = static_cast<unsigned char>((nonce_bytes[0] & 0x7F) | 0x40);
  ReqPtr request(TS_REQ_new());
  ImprintPtr imprint(TS_MSG_IMPRINT_new());
  AlgorithmPtr algorithm(X509_ALGOR_new());
  IntegerPtr nonce(ASN1_INTEGER_new());
  const bool built =
      request && imprint && algorithm && nonce && TS_REQ_set_version(request.get(), 1) == 1 &&
      X509_ALGOR_set0(algorithm.get(), OBJ_nid2obj(NID_sha256), V_ASN1_NULL, nullptr) == 1 &&
      TS_MSG_IMPRINT_set_algo(imprint.get(), algorithm.get()) == 1 &&
      TS_MSG_IMPRINT_set_msg(imprint.get(), reinterpret_cast<unsigned char*>(const_cast<char*>(sha256_digest.data())),
                             static_cast<int>(sha256_digest.size())) == 1 &&
      TS_REQ_set_msg_imprint(request.get(), imprint.get()) == 1 &&
      ASN1_STRING_set(nonce.get(), nonce_bytes.data(), static_cast<int>(nonce_bytes.size())) == 1 &&
      TS_REQ_set_nonce(request.get(), nonce.get()) == 1 && TS_REQ_set_cert_req(request.get(), 1) == 1 &&
      (!policy || TS_REQ_set_policy_id(request.get(), policy.get()) == 1);
  unsigned char* der = nullptr;
  const int size = built ? i2d_TS_REQ(request.get(), &der) : 0;
  if (size <= 0) {
    ERR_clear_error();
    why = "the time-stamp query could not be encoded";
    return std::nullopt;
  }
  Query query{std::string(reinterpret_cast<char*>(der), static_cast<std::size_t>(size)), std::string(sha256_digest),
              std::string(reinterpret_cast<const char*>(nonce_bytes.data()), nonce_bytes.size()),
              std::string(policy_oid)};
  OPENSSL_free(der);
  return query;
}

}  // namespace nes::timestamp
