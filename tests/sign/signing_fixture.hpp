#pragma once
// One SoftHSM2 token for the whole test program (made once: the tools take
// a second), and helpers that run an operation to its end and check a
// signature with `openssl cms` as an independent verifier.

#include "softhsm_token.hpp"

#include <nes/pkcs11_signer.hpp>

#include <boost/asio/io_context.hpp>

#include <gtest/gtest.h>

#include <filesystem>
#include <string>
#include <utility>
#include <vector>

namespace nes::test {

/// The token, made on first use under a temporary directory; skips the
/// calling test (with the reason) when SoftHSM2 or OpenSC is missing.
const SoftHsmToken* shared_token();

#define NES_REQUIRE_TOKEN(token)                                                                        \
  const ::nes::test::SoftHsmToken* token = ::nes::test::shared_token();                                 \
  if (token == nullptr) GTEST_SKIP() << "SoftHSM2 and OpenSC are required (scripts/setup-deps tokens)"; \
  static_assert(true)

/// Runs `io` until the operation started by `start(handler)` completes.
template <class T, class Start>
std::pair<error_code, Result<T>> run_to_end(boost::asio::io_context& io, Start start) {
  std::pair<error_code, Result<T>> out;
  bool done = false;
  start([&](error_code ec, Result<T> r) {
    out = {ec, std::move(r)};
    done = true;
  });
  io.restart();
  while (!done && io.run_one() > 0) {
  }
  return out;
}

/// A PinSource that gives `pin` and records every request.
struct RecordingPin {
  std::string pin;
  std::vector<PinRequest> requests;
  PinSource source() {
    return [this](const PinRequest& request, std::function<void(error_code, SecretString)> give) {
      requests.push_back(request);
      give({}, SecretString(pin));
    };
  }
};

/// Pkcs11Options for the shared token.
Pkcs11Options token_options(const SoftHsmToken& token, std::string certificate_id, PinSource pin);

/// `openssl cms -verify` of a detached DER signature over `document`
/// against `ca_file`; true when it verifies. `output` gets what it printed.
bool openssl_verifies(const std::string& cms_der, const std::string& document, const std::filesystem::path& ca_file,
                      std::string* output = nullptr);

/// `openssl cms -cmsout -print` of a DER signature.
std::string openssl_print(const std::string& cms_der);

/// Occurrences of `needle` in `text`.
std::size_t count_of(const std::string& text, const std::string& needle);

}  // namespace nes::test
