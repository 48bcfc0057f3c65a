#include "sign/pkcs11_worker.hpp"

#include "cades/qualified_certificate.hpp"
#include "sign/cades.hpp"
#include "sign/certificate_info.hpp"
#include "sign/openssl_handles.hpp"

#include <boost/asio/post.hpp>

#include <libp11.h>
#include <openssl/err.h>
#include <p11-kit/pkcs11.h>

#include <algorithm>
#include <cstdio>
#include <future>
#include <utility>

namespace nes::detail {

namespace {

using op::failed;
using op::local_problem;
using op::Outcome;
using op::refused;
using op::succeeded;

template <class T>
Outcome<T> refuse(errc code, std::string problem_code, std::string title, std::string detail = {}) {
  return refused<T>(code, local_problem(std::move(problem_code), std::move(title), std::move(detail)));
}

std::string hex(const unsigned char* bytes, std::size_t size) {
  static constexpr char digits[] = "0123456789abcdef";
  std::string out;
  for (std::size_t i = 0; i < size; ++i) {
    out += digits[bytes[i] >> 4];
    out += digits[bytes[i] & 0xf];
  }
  return out;
}

std::string text(const char* s) { return s != nullptr ? s : ""; }

TokenInfo describe_token(const PKCS11_SLOT& slot) {
  TokenInfo info;
  info.slot_description = text(slot.description);
  if (slot.token == nullptr) return info;
  const PKCS11_TOKEN& t = *slot.token;
  info.label = text(t.label);
  info.serial = text(t.serialnr);
  info.manufacturer = text(t.manufacturer);
  info.model = text(t.model);
  info.pin = {t.userPinCountLow != 0, t.userPinFinalTry != 0, t.userPinLocked != 0, t.userPinToBeChanged != 0};
  info.puk = {t.soPinCountLow != 0, t.soPinFinalTry != 0, t.soPinLocked != 0, false};
  return info;
}

CertificateInfo describe(const PKCS11_CERT& certificate) {
  auto info = sign::describe_certificate(certificate.x509);
  info.token_object_id = hex(certificate.id, certificate.id_len);
  info.token_object_label = text(certificate.label);
  return info;
}

// The CKR_ value libp11 left in OpenSSL's error queue, if any; empties it.
unsigned long last_ckr() {
  unsigned long ckr = 0;
  while (const unsigned long e = ERR_get_error()) {
    if (ERR_GET_LIB(e) == ERR_get_CKR_code()) ckr = static_cast<unsigned long>(ERR_GET_REASON(e));
  }
  return ckr;
}

std::string puk_advice(const PinStatus& puk) {
  if (puk.locked) return "the PUK is locked too: only a new card from Kamu SM helps";
  if (puk.final_try) return "one more wrong PUK locks it for good";
  if (puk.count_low) return "a wrong PUK was given before; few tries are left";
  return {};
}

std::string pin_advice(const PinStatus& pin) {
  if (pin.locked) return "the PIN is locked; unblock it with the PUK (Kilit Çözme)";
  if (pin.final_try) return "one more wrong PIN locks the card";
  if (pin.count_low) return "a wrong PIN was given before; few tries are left";
  return {};
}

}  // namespace

Pkcs11Worker::Pkcs11Worker(std::filesystem::path module, Pkcs11Options options)
    : module_(std::move(module)), options_(std::move(options)) {}

Pkcs11Worker::~Pkcs11Worker() {
  std::promise<void> done;
  boost::asio::post(thread_, [this, &done] {
    unload();
    done.set_value();
  });
  done.get_future().wait();
  thread_.join();
}

void Pkcs11Worker::unload() {
  if (session_) close_session(session_->id);
  chosen_.reset();
  if (context_ == nullptr) return;
  if (slots_ != nullptr) PKCS11_release_all_slots(context_, slots_, slot_count_);
  module_lease_.reset();  // the last lease on the module unloads it
  context_ = nullptr;
  slots_ = nullptr;
}

Outcome<bool> Pkcs11Worker::refresh() {
  if (session_) {
    return refuse<bool>(errc::invalid_argument, "signing_session_open",
                        "A signing session is open on this token; sign with it, or close it first");
  }
  if (context_ == nullptr) {
    std::string why;
    module_lease_ = sign::ModuleLease::take(module_, why);
    if (!module_lease_) {
      return refuse<bool>(errc::pkcs11_module_failed, "pkcs11_module_failed", "The PKCS#11 module would not load",
                          module_.string() + ": " + why);
    }
    context_ = module_lease_->context();
  }
  chosen_.reset();  // it points into the slots released here
  if (slots_ != nullptr) PKCS11_release_all_slots(context_, slots_, slot_count_);
  slots_ = nullptr;
  slot_count_ = 0;
  if (PKCS11_enumerate_slots(context_, &slots_, &slot_count_) != 0) {
    return refuse<bool>(errc::token_failed, "token_failed", "The PKCS#11 module cannot list its slots",
                        sign::openssl_errors());
  }
  return succeeded(true);
}

Outcome<std::vector<TokenInfo>> Pkcs11Worker::tokens() {
  if (auto ready = refresh(); ready.ec) return op::relay<std::vector<TokenInfo>>(ready);
  std::vector<TokenInfo> out;
  for (unsigned int i = 0; i < slot_count_; ++i) {
    if (slots_[i].token != nullptr && slots_[i].token->initialized != 0) out.push_back(describe_token(slots_[i]));
  }
  return succeeded(std::move(out));
}

Outcome<PKCS11_SLOT*> Pkcs11Worker::find_token() {
  if (auto ready = refresh(); ready.ec) return op::relay<PKCS11_SLOT*>(ready);
  std::vector<PKCS11_SLOT*> present;
  std::string names;
  for (unsigned int i = 0; i < slot_count_; ++i) {
    PKCS11_SLOT* slot = &slots_[i];
    if (slot->token == nullptr || slot->token->initialized == 0) continue;
    names += (names.empty() ? "" : ", ") +
             ("\"" + text(slot->token->label) + "\" (serial " + text(slot->token->serialnr) + ")");
    const bool wanted = (options_.token_label.empty() || options_.token_label == text(slot->token->label)) &&
                        (options_.token_serial.empty() || options_.token_serial == text(slot->token->serialnr));
    if (wanted) present.push_back(slot);
  }
  if (present.size() == 1) return succeeded(present.front());
  const std::string which = !options_.token_label.empty()    ? "label \"" + options_.token_label + "\""
                            : !options_.token_serial.empty() ? "serial \"" + options_.token_serial + "\""
                                                             : std::string("any label");
  if (present.empty()) {
    return refuse<PKCS11_SLOT*>(errc::token_not_found, "token_not_found", "No token with " + which,
                                names.empty() ? "no token is present: insert the card" : "tokens present: " + names);
  }
  return refuse<PKCS11_SLOT*>(errc::token_not_found, "token_not_found", "More than one token; name one",
                              "tokens present: " + names);
}

Outcome<std::vector<CertificateInfo>> Pkcs11Worker::certificates() {
  auto slot = find_token();
  if (slot.ec) return op::relay<std::vector<CertificateInfo>>(slot);
  PKCS11_CERT* certs = nullptr;
  unsigned int count = 0;
  if (PKCS11_enumerate_certs((*slot.result)->token, &certs, &count) != 0) {
    return refuse<std::vector<CertificateInfo>>(errc::token_failed, "token_failed", "Cannot list the certificates",
                                                sign::openssl_errors());
  }
  std::vector<CertificateInfo> out;
  for (unsigned int i = 0; i < count; ++i) {
    if (certs[i].x509 != nullptr) out.push_back(describe(certs[i]));
  }
  return succeeded(std::move(out));
}

Outcome<Pkcs11Worker::Found> Pkcs11Worker::find() {
  auto slot = find_token();
  if (slot.ec) return op::relay<Found>(slot);
  PKCS11_CERT* certs = nullptr;
  unsigned int count = 0;
  if (PKCS11_enumerate_certs((*slot.result)->token, &certs, &count) != 0) {
    return refuse<Found>(errc::token_failed, "token_failed", "Cannot list the certificates", sign::openssl_errors());
  }
  Found found{*slot.result, nullptr, {describe_token(**slot.result), {}}};
  std::vector<std::pair<PKCS11_CERT*, CertificateInfo>> candidates;
  for (unsigned int i = 0; i < count; ++i) {
    if (certs[i].x509 == nullptr) continue;
    // The id first: describing a certificate parses it, which is not free.
    if (!options_.certificate_id.empty() && hex(certs[i].id, certs[i].id_len) != options_.certificate_id) continue;
    candidates.emplace_back(&certs[i], describe(certs[i]));
  }
  if (!options_.certificate_id.empty()) {
    if (candidates.empty()) {
      return refuse<Found>(errc::certificate_not_found, "certificate_not_found",
                           "No certificate with id " + options_.certificate_id + " on the token");
    }
  } else {
    // Without an id: the one certificate on the token that can sign now.
    std::vector<std::pair<PKCS11_CERT*, CertificateInfo>> usable;
    for (const auto& c : candidates) {
      if (c.second.non_repudiation && c.second.valid_at() &&
          (c.second.qualified || options_.accept_unqualified_certificate)) {
        usable.push_back(c);
      }
    }
    if (usable.size() > 1) {
      std::string ids;
      for (const auto& c : usable) ids += (ids.empty() ? "" : ", ") + c.second.token_object_id;
      return refuse<Found>(errc::certificate_ambiguous, "certificate_ambiguous",
                           "More than one certificate on the token can sign; name one by id", "ids: " + ids);
    }
    if (usable.size() == 1) candidates = usable;
    if (candidates.empty()) {
      return refuse<Found>(errc::certificate_not_found, "certificate_not_found", "The token holds no certificate");
    }
    if (candidates.size() > 1) {
      // None usable: report the reason of the first, which the checks below give.
      candidates.resize(1);
    }
  }
  auto& [certificate, info] = candidates.front();
  if (!info.non_repudiation) {
    return refuse<Found>(errc::certificate_not_for_signing, "certificate_not_for_signing",
                         "The certificate is not an e-imza certificate (no nonRepudiation)", info.subject);
  }
  if (!info.qualified && !options_.accept_unqualified_certificate) {
    return refuse<Found>(errc::certificate_not_qualified, "certificate_not_qualified",
                         "The certificate is not a qualified NES certificate",
                         info.subject + ": " + cades::qualified_facts(certificate->x509).missing());
  }
  if (!info.valid_at()) {
    return refuse<Found>(errc::signer_certificate_expired, "signer_certificate_expired",
                         "The certificate has expired or is not yet valid",
                         info.subject + ": valid for " + std::to_string(info.days_left().count()) + " more days");
  }
  found.certificate = certificate;
  found.choice.certificate = std::move(info);
  return succeeded(std::move(found));
}

Outcome<Pkcs11Worker::Choice> Pkcs11Worker::choose() {
  chosen_.reset();
  auto found = find();
  if (found.ec) return op::relay<Choice>(found);
  chosen_ = *found.result;
  return succeeded(std::move(found.result->choice));
}

std::optional<Outcome<Signature>> Pkcs11Worker::login(PKCS11_SLOT* slot, const SecretString& pin) {
  auto logged_in = log_in(slot, pin, false);
  if (!logged_in.ec) return std::nullopt;
  return op::relay<Signature>(logged_in);
}

Outcome<bool> Pkcs11Worker::log_in(PKCS11_SLOT* slot, const SecretString& secret, bool security_officer) {
  ERR_clear_error();
  // reveal() views the SecretString's own buffer, which ends in a NUL: no
  // unwiped copy of the PIN is made.
  if (PKCS11_login(slot, security_officer ? 1 : 0, secret.reveal().data()) == 0) return succeeded(true);
  const unsigned long ckr = last_ckr();
  // The flags after the refusal say how many tries are left (the slots are
  // enumerated again: `slot` is not used after this).
  TokenInfo after = describe_token(*slot);
  if (auto again = find_token(); !again.ec) after = describe_token(**again.result);
  const PinStatus& status = security_officer ? after.puk : after.pin;
  const bool wrong = ckr == CKR_PIN_INCORRECT || ckr == CKR_PIN_INVALID || ckr == CKR_PIN_LEN_RANGE;
  if (security_officer) {
    if (ckr == CKR_PIN_LOCKED || status.locked) {
      return refuse<bool>(errc::puk_locked, "puk_locked", "The PUK is locked", puk_advice({false, false, true}));
    }
    if (wrong) {
      auto refusal = local_problem("puk_incorrect", "The PUK is incorrect", puk_advice(status));
      if (status.final_try) refusal.tries_left = 1;
      return refused<bool>(errc::puk_incorrect, std::move(refusal));
    }
  } else {
    if (ckr == CKR_PIN_LOCKED || status.locked) {
      return refuse<bool>(errc::pin_locked, "pin_locked", "The PIN is locked", pin_advice({false, false, true}));
    }
    if (wrong) {
      auto refusal = local_problem("pin_incorrect", "The PIN is incorrect", pin_advice(status));
      // PKCS#11 tells only "one try left" exactly; a low count has no number.
      if (status.final_try) refusal.tries_left = 1;
      return refused<bool>(errc::pin_incorrect, std::move(refusal));
    }
  }
  char code[32];
  std::snprintf(code, sizeof code, "CKR 0x%lx", ckr);
  return refuse<bool>(errc::token_failed, "token_failed", "The token refused the login", code);
}

Outcome<TokenInfo> Pkcs11Worker::set_pin(const SecretString& secret, const SecretString& replacement,
                                         bool security_officer) {
  auto found = find_token();
  if (found.ec) return op::relay<TokenInfo>(found);
  PKCS11_SLOT* slot = *found.result;
  // A read-write session: C_SetPIN in a read-only one is CKR_SESSION_READ_ONLY.
  ERR_clear_error();
  if (PKCS11_open_session(slot, 1) != 0) {
    char code[32];
    std::snprintf(code, sizeof code, "CKR 0x%lx", last_ckr());
    return refuse<TokenInfo>(errc::token_failed, "token_failed", "The token opened no read-write session", code);
  }
  if (auto logged_in = log_in(slot, secret, security_officer); logged_in.ec) return op::relay<TokenInfo>(logged_in);
  ERR_clear_error();
  // C_SetPIN as the user, or C_InitPIN as the security officer: in the
  // session the login opened.
  const int rc = security_officer ? PKCS11_init_pin(slot->token, replacement.reveal().data())
                                  : PKCS11_change_pin(slot, secret.reveal().data(), replacement.reveal().data());
  const unsigned long ckr = rc == 0 ? 0 : last_ckr();
  PKCS11_logout(slot);
  if (rc != 0) {
    if (ckr == CKR_PIN_LEN_RANGE || ckr == CKR_PIN_INVALID) {
      return refuse<TokenInfo>(errc::pin_rejected, "pin_rejected", "The token does not take the new PIN",
                               "its length or characters are not the token's");
    }
    char code[32];
    std::snprintf(code, sizeof code, "CKR 0x%lx", ckr);
    return refuse<TokenInfo>(errc::token_failed, "token_failed", "The token did not set the PIN", code);
  }
  // The flags as they are now: a count low before is cleared by a right PIN.
  auto now = find_token();
  if (now.ec) return op::relay<TokenInfo>(now);
  return succeeded(describe_token(**now.result));
}

Outcome<Signature> Pkcs11Worker::sign(const SecretString& pin, std::string_view document,
                                      const SignatureProfile& profile) {
  // What choose() found just before, if nothing enumerated the slots since
  // (which would have freed it); else the token is found again. A card
  // pulled out meanwhile makes the login fail with the token's error.
  auto found = chosen_ ? succeeded(*std::exchange(chosen_, std::nullopt)) : find();
  if (found.ec) return op::relay<Signature>(found);
  PKCS11_SLOT* slot = found.result->slot;
  if (auto refused_login = login(slot, pin)) return std::move(*refused_login);
  struct Logout {
    PKCS11_SLOT* slot;
    ~Logout() { PKCS11_logout(slot); }
  } logout{slot};
  PKCS11_KEY* key = PKCS11_find_key(found.result->certificate);
  if (key == nullptr) {
    return refuse<Signature>(errc::certificate_not_found, "certificate_not_found",
                             "No private key beside the certificate (same CKA_ID)",
                             found.result->choice.certificate.token_object_id);
  }
  sign::PkeyPtr private_key(PKCS11_get_private_key(key));
  std::string why;
  auto cms = private_key ? sign::make_cades(document, profile, found.result->certificate->x509, private_key.get(), why)
                         : std::nullopt;
  if (!cms) {
    if (!private_key) why = sign::openssl_errors();
    return refuse<Signature>(errc::token_failed, "token_failed", "The token did not sign", why);
  }
  return succeeded(Signature{std::move(*cms), std::move(found.result->choice.certificate)});
}

}  // namespace nes::detail

namespace nes::detail {

Outcome<Pkcs11Worker::Opened> Pkcs11Worker::open_session(const SecretString& pin) {
  if (session_) {
    return refuse<Opened>(errc::invalid_argument, "signing_session_open",
                          "A signing session is open on this token; sign with it, or close it first");
  }
  auto found = chosen_ ? succeeded(*std::exchange(chosen_, std::nullopt)) : find();
  if (found.ec) return op::relay<Opened>(found);
  PKCS11_SLOT* slot = found.result->slot;
  if (auto refused_login = login(slot, pin)) return op::relay<Opened>(*refused_login);
  PKCS11_KEY* key = PKCS11_find_key(found.result->certificate);
  std::shared_ptr<EVP_PKEY> private_key(key != nullptr ? PKCS11_get_private_key(key) : nullptr, EVP_PKEY_free);
  if (!private_key) {
    PKCS11_logout(slot);
    return refuse<Opened>(errc::certificate_not_found, "certificate_not_found",
                          "No private key beside the certificate (same CKA_ID)",
                          found.result->choice.certificate.token_object_id);
  }
  const std::uint64_t id = ++last_session_id_;
  Opened opened{id, found.result->choice};
  session_ = Session{id, std::move(*found.result), std::move(private_key)};
  return succeeded(std::move(opened));
}

Outcome<Signature> Pkcs11Worker::sign_in_session(std::uint64_t id, std::string_view document,
                                                 const SignatureProfile& profile) {
  if (!session_ || session_->id != id) {
    return refuse<Signature>(errc::invalid_argument, "signing_session_closed", "The signing session is closed",
                             "open a new one; its PIN is asked again");
  }
  std::string why;
  auto cms = sign::make_cades(document, profile, session_->found.certificate->x509, session_->key.get(), why);
  if (!cms) return refuse<Signature>(errc::token_failed, "token_failed", "The token did not sign", why);
  return succeeded(Signature{std::move(*cms), session_->found.choice.certificate});
}

Outcome<std::vector<Signature>> Pkcs11Worker::sign_all_in_session(std::uint64_t id,
                                                                  const std::vector<std::string>& documents,
                                                                  const SignatureProfile& profile) {
  std::vector<Signature> out;
  out.reserve(documents.size());
  for (std::size_t i = 0; i < documents.size(); ++i) {
    auto one = sign_in_session(id, documents[i], profile);
    if (one.ec) {
      auto failed = op::relay<std::vector<Signature>>(one);
      if (auto* problem = const_cast<Problem*>(failed.result.problem())) {
        problem->detail += (problem->detail.empty() ? "" : "; ") + std::string("document ") + std::to_string(i + 1) +
                           " of " + std::to_string(documents.size()) + "; none of the list is returned";
      }
      return failed;
    }
    out.push_back(std::move(one.result).value());
  }
  return succeeded(std::move(out));
}

void Pkcs11Worker::close_session(std::uint64_t id) {
  if (!session_ || session_->id != id) return;
  session_->key.reset();
  PKCS11_logout(session_->found.slot);
  session_.reset();
  ERR_clear_error();
}

}  // namespace nes::detail
