#pragma once
// The token side of Pkcs11Signer: one thread that owns the libp11 context
// and makes every (blocking) PKCS#11 call. Its member functions run on that
// thread only (post them to executor()).

#include "op/launch.hpp"
#include "sign/module_lease.hpp"
#include "sign/pkcs11_module.hpp"

#include <nes/pkcs11_signer.hpp>

#include <boost/asio/thread_pool.hpp>

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

struct PKCS11_ctx_st;
struct PKCS11_slot_st;
struct PKCS11_cert_st;
struct evp_pkey_st;

namespace nes::detail {

class Pkcs11Worker {
 public:
  Pkcs11Worker(std::filesystem::path module, Pkcs11Options options);
  Pkcs11Worker(const Pkcs11Worker&) = delete;
  Pkcs11Worker& operator=(const Pkcs11Worker&) = delete;
  /// Unloads the module on its thread, then joins it.
  ~Pkcs11Worker();

  [[nodiscard]] boost::asio::any_io_executor executor() { return thread_.get_executor(); }
  [[nodiscard]] const std::filesystem::path& module() const noexcept { return module_; }
  [[nodiscard]] const PinSource& pin_source() const noexcept { return options_.pin; }
  [[nodiscard]] PinPurpose pin_purpose() const noexcept { return options_.purpose; }

  struct Choice {
    TokenInfo token;
    CertificateInfo certificate;
  };

  op::Outcome<std::vector<TokenInfo>> tokens();
  op::Outcome<std::vector<CertificateInfo>> certificates();
  /// The token and the certificate to sign with, checked before any PIN;
  /// kept for the sign() that follows.
  op::Outcome<Choice> choose();
  /// Logs in with `pin`, signs `document` with the chosen certificate's key
  /// (paired by CKA_ID) and logs out. Uses what choose() found, else finds
  /// the token and certificate again.
  op::Outcome<Signature> sign(const SecretString& pin, std::string_view document, const SignatureProfile& profile);

  /// A signing session: logged in once with `pin`, the key kept, until
  /// close_session(). While it is open the worker refuses everything else
  /// (the slots it points into must not be enumerated again).
  struct Opened {
    std::uint64_t id = 0;
    Choice choice;
  };
  op::Outcome<Opened> open_session(const SecretString& pin);
  /// Signs in session `id` with no login; refused when it is not the open one.
  op::Outcome<Signature> sign_in_session(std::uint64_t id, std::string_view document, const SignatureProfile& profile);
  /// Signs each of `documents` in session `id`, in order; all or the first failure.
  op::Outcome<std::vector<Signature>> sign_all_in_session(std::uint64_t id, const std::vector<std::string>& documents,
                                                          const SignatureProfile& profile);
  /// Logs session `id` out, when it is the open one.
  void close_session(std::uint64_t id);

  /// PIN Oluşturma/Kilit Çözme on the chosen token: logs in with `secret`
  /// (the PIN, or the PUK as the security officer), sets `replacement` as
  /// the user's PIN (C_SetPIN, or C_InitPIN) and logs out. The token as it
  /// stands after, or the refusal with its flags.
  op::Outcome<TokenInfo> set_pin(const SecretString& secret, const SecretString& replacement, bool security_officer);

 private:
  struct Found {
    PKCS11_slot_st* slot = nullptr;
    PKCS11_cert_st* certificate = nullptr;
    Choice choice;
  };
  // Loads the module once; then enumerates the slots afresh (cards come and go).
  op::Outcome<bool> refresh();
  op::Outcome<PKCS11_slot_st*> find_token();
  op::Outcome<Found> find();
  // The login, with each refusal as the PinStatus says it; nothing when it succeeded.
  std::optional<op::Outcome<Signature>> login(PKCS11_slot_st* slot, const SecretString& pin);
  // The same as the user or as the security officer (the PUK).
  op::Outcome<bool> log_in(PKCS11_slot_st* slot, const SecretString& secret, bool security_officer);
  void unload();

  struct Session {
    std::uint64_t id = 0;
    Found found;
    std::shared_ptr<evp_pkey_st> key;
  };

  std::filesystem::path module_;
  Pkcs11Options options_;
  std::optional<sign::ModuleLease> module_lease_;  // the module's context, shared in the process
  PKCS11_ctx_st* context_ = nullptr;               // module_lease_'s, while it is held
  PKCS11_slot_st* slots_ = nullptr;
  unsigned int slot_count_ = 0;
  std::optional<Found> chosen_;  // by choose(), for the next sign()
  std::optional<Session> session_;
  std::uint64_t last_session_id_ = 0;
  boost::asio::thread_pool thread_{1};
};

}  // namespace nes::detail
