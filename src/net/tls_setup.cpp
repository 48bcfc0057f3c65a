#include "net/tls_setup.hpp"

#include "crypto/base64.hpp"
#include "net/ascii.hpp"

#include <boost/asio/ip/address.hpp>
#include <boost/asio/ssl/error.hpp>

#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/ssl.h>
#include <openssl/x509v3.h>

#include <fstream>
#include <sstream>

namespace nes::net {

namespace {

// The ex_data slots that carry, on an SSL object, its session key and the
// TlsSetup that caches sessions.
void free_key(void* /*parent*/, void* key, CRYPTO_EX_DATA* /*data*/, int /*index*/, long /*argl*/, void* /*argp*/) {
  delete static_cast<std::string*>(key);
}
int key_index() {
  static const int index = SSL_get_ex_new_index(0, nullptr, nullptr, nullptr, &free_key);
  return index;
}
int owner_index() {
  static const int index = SSL_get_ex_new_index(0, nullptr, nullptr, nullptr, nullptr);
  return index;
}

bool is_ip(const std::string& host) {
  boost::system::error_code ec;
  (void)boost::asio::ip::make_address(host, ec);
  return !ec;
}

}  // namespace

TlsSetup::TlsSetup(TlsOptions options)
    : options_(std::move(options)), context_(boost::asio::ssl::context::tls_client) {}

TlsSetup::~TlsSetup() {
  for (auto& [key, session] : sessions_) SSL_SESSION_free(session);
}

std::shared_ptr<TlsSetup> TlsSetup::make(const TlsOptions& options, std::string& detail) {
  std::shared_ptr<TlsSetup> setup(new TlsSetup(options));
  SSL_CTX* ctx = setup->context_.native_handle();
  SSL_CTX_set_min_proto_version(ctx, TLS1_2_VERSION);
  setup->context_.set_options(boost::asio::ssl::context::default_workarounds |
                              boost::asio::ssl::context::no_compression);
  boost::system::error_code ec;
  if (options.verify_peer) {
    setup->context_.set_verify_mode(boost::asio::ssl::verify_peer);
    if (options.use_system_store) setup->context_.set_default_verify_paths(ec);
    for (const auto& pem : options.extra_ca_pem) {
      setup->context_.add_certificate_authority(boost::asio::buffer(pem), ec);
      if (ec) {
        detail = "an extra CA is not a PEM certificate: " + ec.message();
        return nullptr;
      }
    }
    if (!options.extra_ca_file.empty()) {
      std::ifstream in(options.extra_ca_file, std::ios::binary);
      std::stringstream pem;
      pem << in.rdbuf();
      if (!in) {
        detail = "cannot read the CA file " + options.extra_ca_file.string();
        return nullptr;
      }
      setup->context_.add_certificate_authority(boost::asio::buffer(pem.str()), ec);
      if (ec) {
        detail = "the CA file " + options.extra_ca_file.string() + " is not PEM: " + ec.message();
        return nullptr;
      }
    }
  } else {
    setup->context_.set_verify_mode(boost::asio::ssl::verify_none);
  }
  if (!options.spki_sha256_pin.empty()) {
    unsigned char raw[64];
    const int n = EVP_DecodeBlock(raw, reinterpret_cast<const unsigned char*>(options.spki_sha256_pin.data()),
                                  static_cast<int>(options.spki_sha256_pin.size()));
    if (options.spki_sha256_pin.size() != 44 || n != 33) {  // 32 bytes and the padding's zero
      detail = "the SPKI pin must be the base64 of a SHA-256 digest (44 characters)";
      return nullptr;
    }
  }
  // Client-side session cache: OpenSSL hands each new session (TLS 1.3
  // tickets arrive after the handshake) to on_new_session.
  SSL_CTX_set_session_cache_mode(ctx, SSL_SESS_CACHE_CLIENT | SSL_SESS_CACHE_NO_INTERNAL_STORE);
  SSL_CTX_sess_set_new_cb(ctx, &TlsSetup::on_new_session);
  return setup;
}

void TlsSetup::prepare(ssl_st* ssl, const std::string& host, const std::string& session_key) {
  if (!is_ip(host)) {
    // SNI; SSL_set_tlsext_host_name is this call behind a C-style cast.
    SSL_ctrl(ssl, SSL_CTRL_SET_TLSEXT_HOSTNAME, TLSEXT_NAMETYPE_host_name, const_cast<char*>(host.c_str()));
  }
  if (options_.verify_peer) {
    X509_VERIFY_PARAM* param = SSL_get0_param(ssl);
    X509_VERIFY_PARAM_set_hostflags(param, X509_CHECK_FLAG_NO_PARTIAL_WILDCARDS);
    if (is_ip(host)) {
      X509_VERIFY_PARAM_set1_ip_asc(param, host.c_str());
    } else {
      X509_VERIFY_PARAM_set1_host(param, host.c_str(), host.size());
    }
  }
  // Freed with the SSL object (free_key).
  auto* key = new std::string(session_key);
  SSL_set_ex_data(ssl, key_index(), key);
  SSL_set_ex_data(ssl, owner_index(), this);
  const std::lock_guard lock(mutex_);
  if (const auto found = sessions_.find(session_key); found != sessions_.end()) SSL_set_session(ssl, found->second);
}

int TlsSetup::on_new_session(ssl_st* ssl, ssl_session_st* session) {
  auto* owner = static_cast<TlsSetup*>(SSL_get_ex_data(ssl, owner_index()));
  const auto* key = static_cast<std::string*>(SSL_get_ex_data(ssl, key_index()));
  if (owner == nullptr || key == nullptr) return 0;
  const std::lock_guard lock(owner->mutex_);
  auto& slot = owner->sessions_[*key];
  if (slot != nullptr) SSL_SESSION_free(slot);
  slot = session;
  return 1;  // the cache keeps the reference
}

bool TlsSetup::resumed(ssl_st* ssl) { return SSL_session_reused(ssl) == 1; }

bool TlsSetup::has_session(const std::string& session_key) {
  const std::lock_guard lock(mutex_);
  return sessions_.contains(session_key);
}

error_code TlsSetup::classify_failure(ssl_st* ssl, const error_code& handshake_error) {
  switch (SSL_get_verify_result(ssl)) {
    case X509_V_OK:
      break;
    case X509_V_ERR_CERT_HAS_EXPIRED:
    case X509_V_ERR_CERT_NOT_YET_VALID:
      return errc::certificate_expired;
    case X509_V_ERR_HOSTNAME_MISMATCH:
    case X509_V_ERR_IP_ADDRESS_MISMATCH:
      return errc::host_name_mismatch;
    default:
      return errc::certificate_untrusted;
  }
  if (handshake_error.category() == boost::asio::error::get_ssl_category()) {
    switch (ERR_GET_REASON(static_cast<unsigned long>(handshake_error.value()))) {
      case SSL_R_TLSV1_ALERT_PROTOCOL_VERSION:
      case SSL_R_UNSUPPORTED_PROTOCOL:
      case SSL_R_NO_PROTOCOLS_AVAILABLE:
      case SSL_R_WRONG_VERSION_NUMBER:
        return errc::tls_version_refused;
      default:
        break;
    }
  }
  return errc::tls_failed;
}

error_code TlsSetup::check_pin(ssl_st* ssl) const {
  if (options_.spki_sha256_pin.empty()) return {};
  X509* peer = SSL_get0_peer_certificate(ssl);
  if (peer == nullptr) return errc::pin_mismatch;
  unsigned char* der = nullptr;
  const int size = i2d_X509_PUBKEY(X509_get_X509_PUBKEY(peer), &der);
  if (size <= 0) return errc::pin_mismatch;
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int digest_size = 0;
  EVP_Digest(der, static_cast<std::size_t>(size), digest, &digest_size, EVP_sha256(), nullptr);
  OPENSSL_free(der);
  return crypto::base64(digest, digest_size) == options_.spki_sha256_pin ? error_code{}
                                                                         : error_code(errc::pin_mismatch);
}

}  // namespace nes::net
