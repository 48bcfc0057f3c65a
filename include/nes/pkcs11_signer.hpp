#pragma once
// e-imza with a smart card or token through its PKCS#11 module (libp11 and
// OpenSSL inside; none of their types here). Every token call blocks, so it
// runs on the signer's own thread, and completes on the caller's executor.
//
// Choosing: the module comes from Pkcs11Options::module, else from the
// NES_PKCS11_MODULE environment variable, else from the AKİS module's usual
// places (pkcs11_module_candidates()). The token is chosen by label or
// serial, never by slot number (slot order is not stable). The certificate
// is chosen by its CKA_ID, or is the only one on the token that can sign,
// and is paired with its private key by CKA_ID.
//
// The PIN: asked from the caller's PinSource for every signature, kept in a
// SecretString, never logged, never retried. The PinRequest reports the
// token's PIN status (count low, final try, locked) before the login. For
// many signatures at once (an officer's list), async_open_session() asks it
// once: the SigningSession signs with the key logged in, and logs out when
// closed or destroyed.
//
// Thread safety: a Pkcs11Signer may be shared; its operations run one at a
// time on its thread.

#include <nes/error.hpp>
#include <nes/export.hpp>
#include <nes/secret.hpp>
#include <nes/signer.hpp>

#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace nes {

class SigningSession;

namespace detail {
class Pkcs11Worker;
}  // namespace detail

/// What the token's flags say of its PIN; PKCS#11 gives no count.
struct NES_EXPORT PinStatus {
  bool count_low = false;  ///< a wrong PIN was given since the last right one
  bool final_try = false;  ///< one more wrong PIN locks it
  bool locked = false;     ///< locked: only the PUK unblocks it
  /// The PIN must be changed before use.
  bool must_change = false;
};

/// A PKCS#11 token (an e-imza card in its reader).
struct NES_EXPORT TokenInfo {
  /// The token's label.
  std::string label;
  /// The token's serial number.
  std::string serial;
  /// The token's manufacturer.
  std::string manufacturer;
  /// The token's model.
  std::string model;
  std::string slot_description;  ///< the reader
  /// What its flags say of the PIN.
  PinStatus pin{};
  /// What its flags say of the PUK (the security officer's PIN); must_change is unused.
  PinStatus puk{};
};

/// What a signature asked for by PIN is for, so that the prompt can say it: a
/// person whose card is asked twice in one run (an e-imza login, then the
/// approval) should know which PIN entry opens what.
enum class PinPurpose {
  signature,  ///< a signature the signer was given no reason for
  login,      ///< the e-imza login at e-Devlet (step 4)
  approval,   ///< the application's approval (step 12)
};

/// What a PinSource is told before the PIN is asked for.
struct NES_EXPORT PinRequest {
  /// The token asking.
  TokenInfo token;
  /// The certificate that will sign.
  CertificateInfo certificate;
  /// What the signature is for (Pkcs11Options::purpose).
  PinPurpose purpose{PinPurpose::signature};
};

/// Asks the person for the PIN: call `give` once, with the PIN or with an
/// error (operation_aborted when the person gives up). A `give` dropped
/// unanswered ends the operation with operation_aborted.
using PinSource = std::function<void(const PinRequest& request, std::function<void(error_code, SecretString)> give)>;

/// Which module, token and certificate sign, and where the PIN comes from.
struct NES_EXPORT Pkcs11Options {
  std::filesystem::path module{};  ///< empty: NES_PKCS11_MODULE, then discovery
  std::string token_label{};       ///< choose the token by label …
  std::string token_serial{};      ///< … or by serial; neither: the only token
  std::string certificate_id{};    ///< CKA_ID in hex; empty: the only signing one
  /// Asked for the PIN, once a signature; never retried.
  PinSource pin{};
  /// Sign also with a certificate that is not a qualified NES (a test
  /// certificate); by default such a certificate is refused before any PIN
  /// is asked (errc::certificate_not_qualified). Kamu SM accepts only NES.
  bool accept_unqualified_certificate = false;
  /// What this signer's signatures are for, told to `pin` in each request.
  PinPurpose purpose = PinPurpose::signature;
};

/// Where the AKİS module is usually installed on this platform, in order.
NES_EXPORT std::vector<std::filesystem::path> pkcs11_module_candidates();

/// The module Pkcs11Options would use: `explicit_path`, NES_PKCS11_MODULE,
/// or the first candidate that exists. errc::pkcs11_module_not_found, with
/// the places looked at in `detail`, when none is there.
NES_EXPORT std::optional<std::filesystem::path> find_pkcs11_module(const std::filesystem::path& explicit_path,
                                                                   error_code& ec, std::string* detail = nullptr);

namespace detail {
/// Made by Pkcs11Signer::async_open_session() only.
std::shared_ptr<SigningSession> make_signing_session(Signer::executor_type executor,
                                                     std::shared_ptr<Pkcs11Worker> worker, std::uint64_t id,
                                                     TokenInfo token, CertificateInfo certificate);
}  // namespace detail

/// A Signer on a PKCS#11 token (libp11), on a thread of its own.
class NES_EXPORT Pkcs11Signer final : public Signer {
 public:
  /// Finds the module (no token is touched yet). Null, with ec and detail,
  /// when there is none.
  static std::shared_ptr<Pkcs11Signer> create(executor_type executor, Pkcs11Options options, error_code& ec,
                                              std::string* detail = nullptr);
  ~Pkcs11Signer() override;

  /// The executor given at create().
  [[nodiscard]] executor_type get_executor() const override { return executor_; }
  /// The module loaded.
  [[nodiscard]] const std::filesystem::path& module() const noexcept;

  /// The tokens present, each with its PIN status.
  template <class Token = boost::asio::default_completion_token_t<executor_type>>
  auto async_tokens(Token&& token = {}) const {
    return detail::initiate<std::vector<TokenInfo>>(
        std::forward<Token>(token),
        [w = worker_, e = executor_](ResultHandler<std::vector<TokenInfo>> h) { tokens_impl(w, e, std::move(h)); });
  }

  /// The chosen token's certificates that have a private key beside them,
  /// with expiry and days left, whether or not they can sign.
  template <class Token = boost::asio::default_completion_token_t<executor_type>>
  auto async_certificates(Token&& token = {}) const {
    return detail::initiate<std::vector<CertificateInfo>>(
        std::forward<Token>(token), [w = worker_, e = executor_](ResultHandler<std::vector<CertificateInfo>> h) {
          certificates_impl(w, e, std::move(h));
        });
  }

  /// Changes the chosen token's PIN (C_SetPIN), once: `current`, then
  /// `replacement`. A wrong PIN is errc::pin_incorrect (pin_locked) with the
  /// token's flags, never retried; a replacement the token does not take is
  /// errc::pin_rejected. Completes with the token as it stands after. Both
  /// PINs are wiped when the handle to them ends.
  template <class Token = boost::asio::default_completion_token_t<executor_type>>
  auto async_change_pin(SecretString current, SecretString replacement, Token&& token = {}) const {
    return detail::initiate<TokenInfo>(std::forward<Token>(token),
                                       [w = worker_, e = executor_, c = std::move(current),
                                        r = std::move(replacement)](ResultHandler<TokenInfo> h) mutable {
                                         set_pin_impl(w, e, std::move(c), std::move(r), false, std::move(h));
                                       });
  }

  /// Kilit Çözme, and PIN Oluşturma on a new card: logs in as the security
  /// officer with the PUK (C_Login(CKU_SO)) and sets `replacement` as the
  /// PIN (C_InitPIN), once. A wrong PUK is errc::puk_incorrect (puk_locked)
  /// with TokenInfo::puk's flags, never retried. Completes with the token as
  /// it stands after: its PIN unlocked.
  template <class Token = boost::asio::default_completion_token_t<executor_type>>
  auto async_unblock_pin(SecretString puk, SecretString replacement, Token&& token = {}) const {
    return detail::initiate<TokenInfo>(std::forward<Token>(token),
                                       [w = worker_, e = executor_, p = std::move(puk),
                                        r = std::move(replacement)](ResultHandler<TokenInfo> h) mutable {
                                         set_pin_impl(w, e, std::move(p), std::move(r), true, std::move(h));
                                       });
  }

  /// Checks the certificate (nonRepudiation, validity) before asking for
  /// the PIN, then logs in, signs and logs out.
  void start_sign(std::string document, SignatureProfile profile, ResultHandler<Signature> handler) override;

  /// Checks the certificate, asks for the PIN once and logs in, completing
  /// with (error_code, Result<std::shared_ptr<SigningSession>>). A wrong PIN
  /// is errc::pin_incorrect with the token's status, never retried. While
  /// the session is open this signer refuses everything else
  /// (`signing_session_open`): sign with the session.
  template <class Token = boost::asio::default_completion_token_t<executor_type>>
  auto async_open_session(Token&& token = {}) const {
    return detail::initiate<std::shared_ptr<SigningSession>>(
        std::forward<Token>(token), [w = worker_, e = executor_](ResultHandler<std::shared_ptr<SigningSession>> h) {
          open_session_impl(w, e, std::move(h));
        });
  }

 private:
  Pkcs11Signer(executor_type executor, std::shared_ptr<detail::Pkcs11Worker> worker);
  static void open_session_impl(std::shared_ptr<detail::Pkcs11Worker> worker, executor_type executor,
                                ResultHandler<std::shared_ptr<SigningSession>> handler);
  static void tokens_impl(std::shared_ptr<detail::Pkcs11Worker> worker, executor_type executor,
                          ResultHandler<std::vector<TokenInfo>> handler);
  static void certificates_impl(std::shared_ptr<detail::Pkcs11Worker> worker, executor_type executor,
                                ResultHandler<std::vector<CertificateInfo>> handler);
  static void set_pin_impl(std::shared_ptr<detail::Pkcs11Worker> worker, executor_type executor, SecretString secret,
                           SecretString replacement, bool security_officer, ResultHandler<TokenInfo> handler);

  executor_type executor_;
  std::shared_ptr<detail::Pkcs11Worker> worker_;
};

/// One login for many signatures: a Signer whose signatures need no PIN,
/// until close() (or its destruction) logs the token out. A signature after
/// close() is refused (`signing_session_closed`). Its signatures run one at
/// a time on the token's thread; a cancelled one still finishes there.
class NES_EXPORT SigningSession final : public Signer {
 public:
  /// Logs out (close()).
  ~SigningSession() override;

  /// The executor given to the Pkcs11Signer.
  [[nodiscard]] executor_type get_executor() const override { return executor_; }
  /// The token logged in to.
  [[nodiscard]] const TokenInfo& token() const noexcept { return token_; }
  /// The certificate that signs.
  [[nodiscard]] const CertificateInfo& certificate() const noexcept { return certificate_; }

  /// Signs with the key logged in to: no PIN, no login.
  void start_sign(std::string document, SignatureProfile profile, ResultHandler<Signature> handler) override;

  /// Signs a list (an officer's) in one trip to the token's thread,
  /// completing with (error_code, Result<std::vector<Signature>>), in the
  /// list's order: every signature, or the first failure (its Problem names
  /// the document) and none.
  template <class Token = boost::asio::default_completion_token_t<executor_type>>
  auto async_sign_all(std::vector<std::string> documents, SignatureProfile profile, Token&& token = {}) {
    return detail::initiate<std::vector<Signature>>(
        std::forward<Token>(token),
        [this, d = std::move(documents), p = std::move(profile)](ResultHandler<std::vector<Signature>> h) mutable {
          start_sign_all(std::move(d), std::move(p), std::move(h));
        });
  }

  /// Logs the token out, after the signatures already asked for. Safe to call again.
  void close();

 private:
  friend std::shared_ptr<SigningSession> detail::make_signing_session(executor_type executor,
                                                                      std::shared_ptr<detail::Pkcs11Worker> worker,
                                                                      std::uint64_t id, TokenInfo token,
                                                                      CertificateInfo certificate);
  SigningSession(executor_type executor, std::shared_ptr<detail::Pkcs11Worker> worker, std::uint64_t id,
                 TokenInfo token, CertificateInfo certificate);
  void start_sign_all(std::vector<std::string> documents, SignatureProfile profile,
                      ResultHandler<std::vector<Signature>> handler);

  executor_type executor_;
  std::shared_ptr<detail::Pkcs11Worker> worker_;
  std::uint64_t id_;
  TokenInfo token_;
  CertificateInfo certificate_;
};

}  // namespace nes
