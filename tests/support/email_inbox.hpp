#pragma once
// The e-mails the in-process reference portal sends (institution-paid
// applicants' access codes), caught by its sink.

#include <nes/portal/reference_portal.hpp>

#include <map>
#include <mutex>
#include <string>
#include <vector>

namespace nes::test {

/// Collects PortalOptions::email_sink's messages, by the request they belong to.
class EmailInbox {
 public:
  portal::EmailSink sink();
  /// The access code sent for `request`; throws when none came. The portal
  /// sends it before it answers the upload, so there is nothing to wait for.
  std::string access_code_for(const std::string& request);
  /// Every e-mail so far.
  std::vector<portal::EmailMessage> all();

 private:
  std::mutex mutex_;
  std::vector<portal::EmailMessage> messages_;
};

}  // namespace nes::test
