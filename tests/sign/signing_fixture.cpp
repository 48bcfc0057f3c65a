#include "signing_fixture.hpp"

#include "applicants.hpp"

#include <fstream>
#include <memory>

namespace nes::test {

namespace {

std::filesystem::path scratch(const std::string& name) {
  static const auto directory = [] {
    auto d = std::filesystem::temp_directory_path() / ("nes-sign-" + std::to_string(getpid()));
    std::filesystem::remove_all(d);  // left by a crashed process that had this PID
    std::filesystem::create_directories(d);
    return d;
  }();
  return directory / name;
}

void write(const std::filesystem::path& path, const std::string& bytes) {
  std::ofstream out(path, std::ios::binary);
  out << bytes;
}

struct TokenHolder {
  std::unique_ptr<SoftHsmToken> token;
  TokenHolder() {
    if (!softhsm_module() || run_command("command -v pkcs11-tool softhsm2-util") != 0) return;
    // The first applicant of the client tests' fixture (ClientFixture) holds the token.
    const auto holder = make_applicants(1, 500000).front();
    token = std::make_unique<SoftHsmToken>(
        make_softhsm_token(scratch("token"), holder.tckn, holder.first_name + " " + holder.last_name));
  }
  ~TokenHolder() {
    std::error_code ignored;
    std::filesystem::remove_all(scratch(""), ignored);
  }
};

}  // namespace

const SoftHsmToken* shared_token() {
  static TokenHolder holder;
  return holder.token.get();
}

Pkcs11Options token_options(const SoftHsmToken& token, std::string certificate_id, PinSource pin) {
  Pkcs11Options options;
  options.module = token.module;
  options.token_label = token.label;
  options.certificate_id = std::move(certificate_id);
  options.pin = std::move(pin);
  return options;
}

bool openssl_verifies(const std::string& cms_der, const std::string& document, const std::filesystem::path& ca_file,
                      std::string* output) {
  write(scratch("signature.der"), cms_der);
  write(scratch("document.txt"), document);
  return run_command("openssl cms -verify -binary -inform DER -in '" + scratch("signature.der").string() +
                         "' -content '" + scratch("document.txt").string() + "' -CAfile '" + ca_file.string() +
                         "' -out /dev/null",
                     output) == 0;
}

std::string openssl_print(const std::string& cms_der) {
  write(scratch("print.der"), cms_der);
  std::string out;
  run_command("openssl cms -cmsout -print -inform DER -in '" + scratch("print.der").string() + "'", &out);
  return out;
}

std::size_t count_of(const std::string& text, const std::string& needle) {
  std::size_t n = 0;
  for (auto at = text.find(needle); at != std::string::npos; at = text.find(needle, at + needle.size())) ++n;
  return n;
}

}  // namespace nes::test
