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
// token's PIN status (count low, final try, locked) before the login.
//
// Thread safety: a Pkcs11Signer may be shared; its operations run one at a
// time on its thread.

#include <nes/error.hpp>
#include <nes/export.hpp>
#include <nes/secret.hpp>
#include <nes/signer.hpp>

#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace nes {

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
};

/// What a PinSource is told before the PIN is asked for.
struct NES_EXPORT PinRequest {
  /// The token asking.
  TokenInfo token;
  /// The certificate that will sign.
  CertificateInfo certificate;
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
};

/// Where the AKİS module is usually installed on this platform, in order.
NES_EXPORT std::vector<std::filesystem::path> pkcs11_module_candidates();

/// The module Pkcs11Options would use: `explicit_path`, NES_PKCS11_MODULE,
/// or the first candidate that exists. errc::pkcs11_module_not_found, with
/// the places looked at in `detail`, when none is there.
NES_EXPORT std::optional<std::filesystem::path> find_pkcs11_module(const std::filesystem::path& explicit_path,
                                                                   error_code& ec, std::string* detail = nullptr);

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

  /// Checks the certificate (nonRepudiation, validity) before asking for
  /// the PIN, then logs in, signs and logs out.
  void start_sign(std::string document, SignatureProfile profile, ResultHandler<Signature> handler) override;

 private:
  Pkcs11Signer(executor_type executor, std::shared_ptr<detail::Pkcs11Worker> worker);
  static void tokens_impl(std::shared_ptr<detail::Pkcs11Worker> worker, executor_type executor,
                          ResultHandler<std::vector<TokenInfo>> handler);
  static void certificates_impl(std::shared_ptr<detail::Pkcs11Worker> worker, executor_type executor,
                                ResultHandler<std::vector<CertificateInfo>> handler);

  executor_type executor_;
  std::shared_ptr<detail::Pkcs11Worker> worker_;
};

}  // namespace nes
