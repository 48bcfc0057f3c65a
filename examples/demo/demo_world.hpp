#pragma once
// The demo's world: the reference portal in this process (demo registry and
// catalogue, SMS codes and e-mails delivered here, BTK's profile P4 with its
// OCSP responder), SoftHSM2 tokens made on the spot with e-imza certificates
// from a demo CA the portal trusts (the demo applicant's, and for the
// institution-paid application its officer's and a staff member's), an SDK
// client for the portal, and a journal.

#include "softhsm_token.hpp"

#include <nes/client.hpp>
#include <nes/journal.hpp>
#include <nes/portal/reference_portal.hpp>
#include <nes/timestamp_client.hpp>
#include <nes/validation_data_signer.hpp>

#include <boost/asio/io_context.hpp>

#include <condition_variable>
#include <filesystem>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>

namespace nes::demo {

/// The SMS codes the portal sends, by application, for the demo's code source.
class SmsBox {
 public:
  portal::SmsSink sink();
  /// The code for `application`; waits up to 10 s.
  std::optional<SecretString> code_for(const std::string& application);

 private:
  std::mutex mutex_;
  std::condition_variable arrived_;
  std::map<std::string, SecretString> codes_;
};

struct World {
  test::SoftHsmToken token;
  /// Örnek Üniversitesi's officer's card and a staff member's, beside it
  /// (the institution-paid application), from the same demo CA.
  test::SoftHsmToken officer_token;
  test::SoftHsmToken staff_token;
  /// The access codes the portal e-mails, by request.
  std::map<std::string, SecretString> mails;
  std::mutex mails_mutex;
  SmsBox sms;
  std::unique_ptr<portal::ReferencePortal> portal;
  std::optional<Client> client;
  std::shared_ptr<Journal> journal;  ///< every step recorded, as nes apply does
  /// The portal's time-stamping authority, as the demo's subscriber (a
  /// Kamu SM customer number and its time-stamp password).
  std::optional<TimestampClient> timestamps;
  /// P4's validation data (CAdES-X-L): the portal's OCSP responder, over TLS.
  std::shared_ptr<Transport> validation_transport;
  ValidationSources validation_sources;
};

/// Sets it all up under `directory`; throws with the reason when it cannot.
std::unique_ptr<World> make_world(boost::asio::io_context& io, const std::filesystem::path& directory,
                                  const std::string& holder_tckn, const std::string& holder_name);

}  // namespace nes::demo
