#pragma once
// The token side of Pkcs11Signer: one thread that owns the libp11 context
// and makes every (blocking) PKCS#11 call. Its member functions run on that
// thread only (post them to executor()).

#include "op/launch.hpp"
#include "sign/pkcs11_module.hpp"

#include <nes/pkcs11_signer.hpp>

#include <boost/asio/thread_pool.hpp>

#include <memory>
#include <optional>

struct PKCS11_ctx_st;
struct PKCS11_slot_st;
struct PKCS11_cert_st;

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
  void unload();

  std::filesystem::path module_;
  Pkcs11Options options_;
  sign::NullArgsInitialisation null_args_;
  PKCS11_ctx_st* context_ = nullptr;
  PKCS11_slot_st* slots_ = nullptr;
  unsigned int slot_count_ = 0;
  std::optional<Found> chosen_;  // by choose(), for the next sign()
  boost::asio::thread_pool thread_{1};
};

}  // namespace nes::detail
