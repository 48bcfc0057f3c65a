#include "timestamp/reply.hpp"

#include "timestamp/hex.hpp"

#include <openssl/err.h>
#include <openssl/ts.h>
#include <openssl/x509v3.h>

#include <cctype>
#include <ctime>
#include <memory>

namespace nes::timestamp {

namespace {

template <class T, void (*Free)(T*)>
struct Deleter {
  void operator()(T* p) const noexcept { Free(p); }
};
using RespPtr = std::unique_ptr<TS_RESP, Deleter<TS_RESP, TS_RESP_free>>;
using ReqPtr = std::unique_ptr<TS_REQ, Deleter<TS_REQ, TS_REQ_free>>;
using VerifyPtr = std::unique_ptr<TS_VERIFY_CTX, Deleter<TS_VERIFY_CTX, TS_VERIFY_CTX_free>>;

void free_stack_only(STACK_OF(X509) * certs) { sk_X509_free(certs); }
using SignersPtr = std::unique_ptr<STACK_OF(X509), Deleter<STACK_OF(X509), free_stack_only>>;

constexpr std::size_t max_text = 200;

Refusal invalid(std::string code, std::string detail) {
  Problem p;
  p.code = std::move(code);
  p.title = "The time-stamp service's answer is not a valid time stamp";
  p.detail = std::move(detail);
  return {errc::timestamp_invalid, std::move(p)};
}

std::string openssl_reason() {
  const unsigned long code = ERR_peek_last_error();
  char text[256] = "unknown error";
  if (code != 0) ERR_error_string_n(code, text, sizeof text);
  return text;
}

// The service's text, safe to show and log: printable ASCII, bounded.
std::string printable(std::string_view text) {
  std::string out;
  for (const char c : text) {
    if (out.size() >= max_text) {
      out += "...";
      break;
    }
    const auto u = static_cast<unsigned char>(c);
    out += u >= 0x20 && u < 0x7F ? c : ' ';
  }
  while (!out.empty() && out.back() == ' ') out.pop_back();
  return out;
}

bool is_text(std::string_view body) {
  for (const char c : body) {
    const auto u = static_cast<unsigned char>(c);
    if (u < 0x20 && c != '\n' && c != '\r' && c != '\t') return false;
  }
  return !body.empty();
}

bool starts_with_type(std::string_view content_type, std::string_view type) {
  if (content_type.size() < type.size()) return false;
  for (std::size_t i = 0; i < type.size(); ++i) {
    const auto c = static_cast<unsigned char>(content_type[i]);
    if (std::tolower(c) != type[i]) return false;
  }
  return content_type.size() == type.size() || content_type[type.size()] == ';' || content_type[type.size()] == ' ';
}

// A refusal in RFC 3161's own terms: the status, its text and failure info.
Refusal status_refusal(TS_STATUS_INFO* info, long status) {
  std::string detail = "PKIStatus " + std::to_string(status);
  const STACK_OF(ASN1_UTF8STRING)* texts = TS_STATUS_INFO_get0_text(info);
  for (int i = 0; texts != nullptr && i < sk_ASN1_UTF8STRING_num(texts); ++i) {
    const ASN1_UTF8STRING* text = sk_ASN1_UTF8STRING_value(texts, i);
    detail += ": " + printable(std::string_view(reinterpret_cast<const char*>(ASN1_STRING_get0_data(text)),
                                                static_cast<std::size_t>(ASN1_STRING_length(text))));
  }
  if (const ASN1_BIT_STRING* failure = TS_STATUS_INFO_get0_failure_info(info)) {
    static constexpr std::pair<int, const char*> bits[] = {{TS_INFO_BAD_ALG, "badAlg"},
                                                           {TS_INFO_BAD_REQUEST, "badRequest"},
                                                           {TS_INFO_BAD_DATA_FORMAT, "badDataFormat"},
                                                           {TS_INFO_TIME_NOT_AVAILABLE, "timeNotAvailable"},
                                                           {TS_INFO_UNACCEPTED_POLICY, "unacceptedPolicy"},
                                                           {TS_INFO_UNACCEPTED_EXTENSION, "unacceptedExtension"},
                                                           {TS_INFO_ADD_INFO_NOT_AVAILABLE, "addInfoNotAvailable"},
                                                           {TS_INFO_SYSTEM_FAILURE, "systemFailure"}};
    for (const auto& [bit, name] : bits) {
      if (ASN1_BIT_STRING_get_bit(failure, bit) == 1) detail += std::string(" (") + name + ")";
    }
  }
  Problem p;
  p.code = "tsa_refused";
  p.title = "The time-stamp service refused";
  p.detail = std::move(detail);
  return {errc::timestamp_refused, std::move(p)};
}

// The checks' failure, by OpenSSL's reason, as the client's own code.
Refusal verification_failure() {
  const unsigned long code = ERR_peek_last_error();
  const std::string reason = openssl_reason();
  ERR_clear_error();
  if (ERR_GET_LIB(code) == ERR_LIB_TS) {
    switch (ERR_GET_REASON(code)) {
      case TS_R_NONCE_MISMATCH:
      case TS_R_NONCE_NOT_RETURNED:
        return invalid("tsa_nonce_mismatch", "the token's nonce is not the query's: " + reason);
      case TS_R_MESSAGE_IMPRINT_MISMATCH:
      case TS_R_UNSUPPORTED_MD_ALGORITHM:
        return invalid("tsa_imprint_mismatch", "the token does not stamp the digest asked for: " + reason);
      case TS_R_CERTIFICATE_VERIFY_ERROR:
      case TS_R_TSA_UNTRUSTED:
        return invalid("tsa_untrusted", "the TSA's certificate is not trusted for time stamping: " + reason);
      case TS_R_POLICY_MISMATCH:
        return invalid("tsa_policy_mismatch", "the token's policy is not the one asked for: " + reason);
      default:
        break;
    }
  }
  return invalid("tsa_signature_invalid", "the token does not verify: " + reason);
}

std::string oid_text(const ASN1_OBJECT* oid) {
  char text[128];
  const int size = OBJ_obj2txt(text, sizeof text, oid, 1);
  return size > 0 && static_cast<std::size_t>(size) < sizeof text ? std::string(text, static_cast<std::size_t>(size))
                                                                  : std::string{};
}

// What the verified token says.
std::optional<TimeStamp> facts(TS_RESP* response) {
  PKCS7* token = TS_RESP_get_token(response);
  TS_TST_INFO* info = TS_RESP_get_tst_info(response);
  std::tm tm{};
  if (token == nullptr || info == nullptr || ASN1_TIME_to_tm(TS_TST_INFO_get_time(info), &tm) != 1) {
    return std::nullopt;
  }
  TimeStamp out;
  out.time = std::chrono::system_clock::from_time_t(timegm(&tm));
  const ASN1_INTEGER* serial = TS_TST_INFO_get_serial(info);
  out.serial = hex(ASN1_STRING_get0_data(serial), static_cast<std::size_t>(ASN1_STRING_length(serial)));
  out.policy_oid = oid_text(TS_TST_INFO_get_policy_id(info));
  SignersPtr signers(PKCS7_get0_signers(token, nullptr, 0));
  if (signers && sk_X509_num(signers.get()) == 1) {
    char name[512];
    BIO* bio = BIO_new(BIO_s_mem());
    if (bio != nullptr &&
        X509_NAME_print_ex(bio, X509_get_subject_name(sk_X509_value(signers.get(), 0)), 0, XN_FLAG_RFC2253) >= 0) {
      const int size = BIO_read(bio, name, sizeof name - 1);
      if (size > 0) out.authority.assign(name, static_cast<std::size_t>(size));
    }
    BIO_free(bio);
  }
  unsigned char* der = nullptr;
  const int size = i2d_PKCS7(token, &der);
  if (size <= 0) return std::nullopt;
  out.token_der.assign(reinterpret_cast<char*>(der), static_cast<std::size_t>(size));
  OPENSSL_free(der);
  ERR_clear_error();
  return out;
}

}  // namespace

Refusal refusal_from_text(int status, std::string_view text) {
  std::string words = printable(text);
  Problem p;
  p.title = "The time-stamp service refused";
  p.code = words.find("Not enough credit") != std::string::npos       ? "tsa_not_enough_credit"
           : words.find("is not known") != std::string::npos          ? "tsa_unknown_user"
           : words.find("Identity is not valid") != std::string::npos ? "tsa_identity_invalid"
                                                                      : "tsa_refused";
  p.detail = status == 200 ? words : "HTTP " + std::to_string(status) + (words.empty() ? "" : ": " + words);
  return {errc::timestamp_refused, std::move(p)};
}

std::variant<TimeStamp, Refusal> read_reply(const Answer& answer, const Query& query, X509_STORE* anchors) {
  const bool reply_type = starts_with_type(answer.content_type, "application/timestamp-reply");
  if (answer.status != 200 || !reply_type) {
    return refusal_from_text(answer.status, answer.body);
  }
  const auto* in = reinterpret_cast<const unsigned char*>(answer.body.data());
  RespPtr response(d2i_TS_RESP(nullptr, &in, static_cast<long>(answer.body.size())));
  if (!response || in != reinterpret_cast<const unsigned char*>(answer.body.data()) + answer.body.size()) {
    ERR_clear_error();
    // Kamu SM labels some refusals as replies; text is never a token.
    if (is_text(answer.body)) return refusal_from_text(answer.status, answer.body);
    return invalid("tsa_answer_malformed", "the answer is not an RFC 3161 TimeStampResp in DER");
  }
  TS_STATUS_INFO* status_info = TS_RESP_get_status_info(response.get());
  const long status = ASN1_INTEGER_get(TS_STATUS_INFO_get0_status(status_info));
  if (status != TS_STATUS_GRANTED && status != TS_STATUS_GRANTED_WITH_MODS) return status_refusal(status_info, status);
  if (TS_RESP_get_token(response.get()) == nullptr) {
    return invalid("tsa_answer_malformed", "the service granted the query but sent no token");
  }

  // The query's own terms (imprint and its algorithm, nonce, policy), and
  // the signature with its chain to the anchors.
  const auto* query_in = reinterpret_cast<const unsigned char*>(query.der.data());
  ReqPtr request(d2i_TS_REQ(nullptr, &query_in, static_cast<long>(query.der.size())));
  VerifyPtr verify(request ? TS_REQ_to_TS_VERIFY_CTX(request.get(), nullptr) : nullptr);
  if (!verify || anchors == nullptr || X509_STORE_up_ref(anchors) != 1) {
    ERR_clear_error();
    return invalid("tsa_answer_malformed", "the token's checks could not be set up");
  }
  TS_VERIFY_CTX_set_store(verify.get(), anchors);  // the context owns the reference taken above
  TS_VERIFY_CTX_add_flags(verify.get(), TS_VFY_SIGNATURE);
  if (TS_RESP_verify_response(verify.get(), response.get()) != 1) return verification_failure();
  auto stamp = facts(response.get());
  if (!stamp) return invalid("tsa_answer_malformed", "the token's time or encoding cannot be read");
  return std::move(*stamp);
}

}  // namespace nes::timestamp
