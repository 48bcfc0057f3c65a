#include "portal/tsa/time_stamp_authority.hpp"

#include "portal/clock.hpp"
#include "portal/crypto/openssl_ptr.hpp"
#include "portal/tsa/identity.hpp"

#include <openssl/err.h>
#include <openssl/pem.h>
#include <openssl/rand.h>
#include <openssl/sha.h>
#include <openssl/ts.h>

#include <algorithm>
#include <atomic>
#include <charconv>
#include <map>

namespace nes::portal::tsa {

namespace {

using crypto::BioPtr;
using crypto::CertPtr;
using crypto::KeyPtr;

constexpr std::string_view reply_type = "application/timestamp-reply";
// A credit query's time may be this far from the service's clock.
constexpr std::int64_t credit_query_skew_ms = 10 * 60 * 1000;

Answer refused(std::string text) { return {"text/plain; charset=utf-8", std::move(text)}; }

BioPtr memory_bio(std::string_view bytes) {
  return BioPtr(BIO_new_mem_buf(bytes.data(), static_cast<int>(bytes.size())));
}

std::optional<std::uint64_t> decimal(std::string_view text) {
  std::uint64_t value = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (text.empty() || ec != std::errc() || end != text.data() + text.size()) return std::nullopt;
  return value;
}

struct TsReqFree {
  void operator()(TS_REQ* p) const noexcept { TS_REQ_free(p); }
};
struct TsRespFree {
  void operator()(TS_RESP* p) const noexcept { TS_RESP_free(p); }
};
struct TsCtxFree {
  void operator()(TS_RESP_CTX* p) const noexcept { TS_RESP_CTX_free(p); }
};
struct CertsFree {
  void operator()(STACK_OF(X509) * p) const noexcept { sk_X509_pop_free(p, X509_free); }
};

}  // namespace

struct TimeStampAuthority::Impl {
  CertPtr certificate;
  KeyPtr key;
  std::unique_ptr<STACK_OF(X509), CertsFree> chain{sk_X509_new_null()};
  std::string policy_oid;
  std::atomic<std::uint64_t> next_serial{0};
  std::map<std::uint64_t, Subscriber> subscribers;  // never changed after make(): read without a lock
  std::shared_ptr<CreditLedger> ledger = in_memory_ledger();

  static ASN1_INTEGER* serial(TS_RESP_CTX* /*ctx*/, void* data) {
    auto* self = static_cast<Impl*>(data);
    ASN1_INTEGER* serial = ASN1_INTEGER_new();
    if (serial != nullptr) ASN1_INTEGER_set_uint64(serial, self->next_serial.fetch_add(1) & 0x7FFF'FFFF'FFFF'FFFF);
    return serial;
  }

  // Nothing when `identity` proves a subscriber's password for `message`; else the refusal.
  std::optional<Answer> refusal_of(const std::optional<Identity>& identity, std::string_view message) const {
    if (!identity) return refused("Identity is not valid");
    const auto found = subscribers.find(identity->user_id);
    if (found == subscribers.end()) return refused("User " + std::to_string(identity->user_id) + " is not known");
    if (!proves(*identity, found->second.password, message)) return refused("Identity is not valid");
    return std::nullopt;
  }

  // One time stamp's credit taken; false when none is left.
  bool take_credit(std::uint64_t customer_id) { return ledger->take(customer_id, allowance(customer_id)); }
  void give_back(std::uint64_t customer_id) { ledger->give_back(customer_id); }
  [[nodiscard]] std::int64_t allowance(std::uint64_t customer_id) const { return subscribers.at(customer_id).credit; }

  // RFC 3161's reply to `query`, signed; the DER, or nullopt.
  std::optional<std::pair<std::string, bool>> reply(std::string_view query) {
    std::unique_ptr<TS_RESP_CTX, TsCtxFree> ctx(TS_RESP_CTX_new());
    ASN1_OBJECT* policy = OBJ_txt2obj(policy_oid.c_str(), 1);
    const bool ready =
        ctx && policy != nullptr && TS_RESP_CTX_set_signer_cert(ctx.get(), certificate.get()) == 1 &&
        TS_RESP_CTX_set_signer_key(ctx.get(), key.get()) == 1 && TS_RESP_CTX_set_certs(ctx.get(), chain.get()) == 1 &&
        TS_RESP_CTX_set_def_policy(ctx.get(), policy) == 1 && TS_RESP_CTX_add_md(ctx.get(), EVP_sha256()) == 1 &&
        TS_RESP_CTX_add_md(ctx.get(), EVP_sha384()) == 1 && TS_RESP_CTX_add_md(ctx.get(), EVP_sha512()) == 1 &&
        TS_RESP_CTX_set_signer_digest(ctx.get(), EVP_sha256()) == 1 &&
        TS_RESP_CTX_set_ess_cert_id_digest(ctx.get(), EVP_sha256()) == 1 &&
        TS_RESP_CTX_set_accuracy(ctx.get(), 1, 0, 0) == 1;
    ASN1_OBJECT_free(policy);
    if (!ready) {
      ERR_clear_error();
      return std::nullopt;
    }
    TS_RESP_CTX_set_serial_cb(ctx.get(), &Impl::serial, this);
    auto in = memory_bio(query);
    std::unique_ptr<TS_RESP, TsRespFree> response(TS_RESP_create_response(ctx.get(), in.get()));
    ERR_clear_error();
    if (!response) return std::nullopt;
    unsigned char* der = nullptr;
    const int size = i2d_TS_RESP(response.get(), &der);
    if (size <= 0) return std::nullopt;
    std::string bytes(reinterpret_cast<char*>(der), static_cast<std::size_t>(size));
    OPENSSL_free(der);
    const long status = ASN1_INTEGER_get(TS_STATUS_INFO_get0_status(TS_RESP_get_status_info(response.get())));
    return std::pair{std::move(bytes), status == TS_STATUS_GRANTED || status == TS_STATUS_GRANTED_WITH_MODS};
  }
};

TimeStampAuthority::TimeStampAuthority(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
TimeStampAuthority::~TimeStampAuthority() = default;

std::unique_ptr<TimeStampAuthority> TimeStampAuthority::make(const std::string& certificate_pem,
                                                             const SecretString& key_pem, std::string policy_oid,
                                                             std::vector<Subscriber> subscribers, std::string& detail) {
  auto impl = std::make_unique<Impl>();
  auto certs = memory_bio(certificate_pem);
  impl->certificate.reset(PEM_read_bio_X509(certs.get(), nullptr, nullptr, nullptr));
  while (X509* more = PEM_read_bio_X509(certs.get(), nullptr, nullptr, nullptr)) sk_X509_push(impl->chain.get(), more);
  auto key = memory_bio(key_pem.reveal());
  impl->key.reset(PEM_read_bio_PrivateKey(key.get(), nullptr, nullptr, nullptr));
  ERR_clear_error();
  if (!impl->certificate || !impl->key || X509_check_private_key(impl->certificate.get(), impl->key.get()) != 1) {
    ERR_clear_error();
    detail = "the time-stamping certificate and key are not a pair of PEM files";
    return nullptr;
  }
  if (X509_check_purpose(impl->certificate.get(), X509_PURPOSE_TIMESTAMP_SIGN, 0) != 1) {
    detail = "the time-stamping certificate lacks a critical extendedKeyUsage of timeStamping alone";
    return nullptr;
  }
  ASN1_OBJECT* policy = OBJ_txt2obj(policy_oid.c_str(), 1);
  if (policy == nullptr) {
    detail = "the time-stamping policy '" + policy_oid + "' is not a dotted OID";
    return nullptr;
  }
  ASN1_OBJECT_free(policy);
  impl->policy_oid = std::move(policy_oid);
  std::uint32_t start = 0;
  RAND_bytes(reinterpret_cast<unsigned char*>(&start), sizeof start);
  impl->next_serial = (static_cast<std::uint64_t>(start) << 24) + 1;
  for (auto& subscriber : subscribers) {
    const auto id = subscriber.customer_id;
    if (!impl->subscribers.emplace(id, std::move(subscriber)).second) {
      detail = "the time-stamp subscriber " + std::to_string(id) + " is listed twice";
      return nullptr;
    }
  }
  return std::unique_ptr<TimeStampAuthority>(new TimeStampAuthority(std::move(impl)));
}

Answer TimeStampAuthority::answer(std::string_view body, std::string_view identity, std::string_view credit_req,
                                  std::string_view credit_req_time) {
  const auto who = parse_identity(identity);
  if (body.empty() && !credit_req.empty()) {
    // A credit query: the identity is made over SHA-1(customer number + time).
    const auto customer = decimal(credit_req);
    const auto at = decimal(credit_req_time);
    if (!customer || !at || !who || who->user_id != *customer) return refused("Identity is not valid");
    const auto now = static_cast<std::uint64_t>(now_ms());
    if (*at + credit_query_skew_ms < now || *at > now + credit_query_skew_ms)
      return refused("Request time is not valid");
    const std::string signed_text = std::string(credit_req) + std::string(credit_req_time);
    unsigned char digest[SHA_DIGEST_LENGTH];
    SHA1(reinterpret_cast<const unsigned char*>(signed_text.data()), signed_text.size(), digest);
    if (auto refusal = impl_->refusal_of(who, std::string_view(reinterpret_cast<const char*>(digest), sizeof digest))) {
      return std::move(*refusal);
    }
    return {std::string(reply_type), std::to_string(credit(*customer).value_or(0))};
  }

  auto in = memory_bio(body);
  std::unique_ptr<TS_REQ, TsReqFree> query(d2i_TS_REQ_bio(in.get(), nullptr));
  ERR_clear_error();
  if (!query) return refused("Request is not valid");
  const ASN1_OCTET_STRING* message = TS_MSG_IMPRINT_get_msg(TS_REQ_get_msg_imprint(query.get()));
  if (auto refusal =
          impl_->refusal_of(who, std::string_view(reinterpret_cast<const char*>(ASN1_STRING_get0_data(message)),
                                                  static_cast<std::size_t>(ASN1_STRING_length(message))))) {
    return std::move(*refusal);
  }
  if (!impl_->take_credit(who->user_id)) return refused("Not enough credit");
  auto reply = impl_->reply(body);
  // A refusal in RFC 3161's own terms (an unaccepted hash) is answered as
  // such, and costs no credit.
  if (!reply || !reply->second) impl_->give_back(who->user_id);
  if (!reply) return refused("Time stamp could not be made");
  return {std::string(reply_type), std::move(reply->first)};
}

std::optional<std::int64_t> TimeStampAuthority::credit(std::uint64_t customer_id) const {
  const auto found = impl_->subscribers.find(customer_id);
  if (found == impl_->subscribers.end()) return std::nullopt;
  return std::max<std::int64_t>(0, found->second.credit - impl_->ledger->used(customer_id));
}

void TimeStampAuthority::count_in(std::shared_ptr<CreditLedger> ledger) {
  if (ledger) impl_->ledger = std::move(ledger);
}

}  // namespace nes::portal::tsa
