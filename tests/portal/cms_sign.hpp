#pragma once
// A detached CMS signature made with OpenSSL directly, for the portal's
// approval tests (the SDK's own signers come with issue 5).

#include "portal/pki/test_pki.hpp"

#include <string>
#include <string_view>

namespace nes::test {

/// DER of a detached SignedData over `content`, with the signer's certificate.
std::string sign_detached(const portal::pki::Credential& signer, std::string_view content);

}  // namespace nes::test
