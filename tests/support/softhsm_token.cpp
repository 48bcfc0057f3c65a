#include "softhsm_token.hpp"

#include "portal/pki/test_pki.hpp"

#include <array>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <stdexcept>

namespace nes::test {

namespace {

namespace pki = nes::portal::pki;

void write(const std::filesystem::path& path, const std::string& text) {
  std::ofstream out(path, std::ios::binary);
  out << text;
  if (!out.flush()) throw std::runtime_error("cannot write " + path.string());
}

void must(const std::string& command) {
  std::string output;
  if (run_command(command, &output) != 0) throw std::runtime_error("failed: " + command + "\n" + output);
}

std::string quoted(const std::filesystem::path& p) { return "'" + p.string() + "'"; }

}  // namespace

int run_command(const std::string& command, std::string* output) {
  FILE* pipe = popen((command + " 2>&1").c_str(), "r");
  if (pipe == nullptr) return -1;
  std::array<char, 4096> buffer{};
  std::string text;
  while (const std::size_t n = fread(buffer.data(), 1, buffer.size(), pipe)) text.append(buffer.data(), n);
  const int status = pclose(pipe);
  if (output != nullptr) *output = std::move(text);
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

std::optional<std::filesystem::path> softhsm_module() {
  for (const char* candidate :
       {"/usr/lib/softhsm/libsofthsm2.so", "/usr/lib/x86_64-linux-gnu/softhsm/libsofthsm2.so"}) {
    if (std::filesystem::exists(candidate)) return std::filesystem::path(candidate);
  }
  return std::nullopt;
}

SoftHsmToken make_softhsm_token(const std::filesystem::path& directory, const std::string& holder_tckn,
                                const std::string& holder_name, const std::string& label, const TokenIssuer& issuer) {
  const auto module = softhsm_module();
  if (!module) throw std::runtime_error("SoftHSM2 is not installed (apt-get install softhsm2)");
  // Always an empty token store: one left behind by an earlier process that had
  // the same PID would hold a second token of the same label.
  if (!issuer.beside_existing) std::filesystem::remove_all(directory / "tokens");
  std::filesystem::create_directories(directory / "tokens");
  write(directory / "softhsm2.conf", "directories.tokendir = " + (directory / "tokens").string() +
                                         "\nobjectstore.backend = file\nlog.level = ERROR\n");
  setenv("SOFTHSM2_CONF", (directory / "softhsm2.conf").c_str(), 1);

  SoftHsmToken token{directory, *module, label, {}, "1234", "12345678", holder_tckn, holder_name, directory / "ca.pem",
                     {},        {}};
  pki::CertificateSpec ca_spec;
  ca_spec.common_name = "NES TEST e-imza CA";
  ca_spec.certificate_authority = true;
  const auto ca = issuer.ca_certificate_pem.empty()
                      ? pki::make_ca(ca_spec)
                      : pki::Credential{issuer.ca_certificate_pem, issuer.ca_private_key_pem};
  token.ca_pem = ca.certificate_pem;
  token.ca_key_pem = ca.private_key_pem;
  write(token.ca_file, ca.certificate_pem);

  must("softhsm2-util --init-token --free --label '" + label + "' --so-pin " + token.so_pin + " --pin " + token.pin);
  std::string shown;
  run_command("softhsm2-util --show-slots", &shown);
  // The serial of the token just made: the line before its label.
  if (const auto at = shown.find("Label:            " + label); at != std::string::npos) {
    const auto serial_at = shown.rfind("Serial number:", at);
    if (serial_at != std::string::npos) {
      const auto start = serial_at + 14;
      const auto end = shown.find('\n', start);
      token.serial = shown.substr(start, end - start);
      token.serial.erase(0, token.serial.find_first_not_of(' '));
      token.serial.erase(token.serial.find_last_not_of(' ') + 1);
    }
  }

  struct Entry {
    const char* id;
    pki::KeyType type;
    bool non_repudiation;
    bool expired;
    bool qualified;
  };
  for (const Entry& e :
       {Entry{"01", pki::KeyType::rsa_2048, true, false, true}, Entry{"02", pki::KeyType::ec_p256, true, false, true},
        Entry{"03", pki::KeyType::ec_p256, true, true, true}, Entry{"04", pki::KeyType::ec_p256, false, false, false},
        Entry{"05", pki::KeyType::ec_p256, true, false, false}}) {
    pki::CertificateSpec spec;
    spec.common_name = holder_name;
    spec.subject_serial_number = holder_tckn;
    spec.key_type = e.type;
    spec.non_repudiation = e.non_repudiation;
    spec.digital_signature = !e.non_repudiation;
    spec.qualified_nes = e.qualified;
    spec.ocsp_url = issuer.ocsp_url;
    spec.crl_url = issuer.crl_url;
    if (e.expired) {
      spec.not_before = std::chrono::hours(-24 * 400);
      spec.not_after = std::chrono::hours(-24);
    }
    const auto issued = pki::issue(ca, spec);
    const auto key_file = directory / (std::string("key") + e.id + ".pem");
    const auto cert_file = directory / (std::string("cert") + e.id + ".pem");
    write(key_file, std::string(issued.private_key_pem.reveal()));
    write(cert_file, issued.certificate_pem);
    must("softhsm2-util --import " + quoted(key_file) + " --token '" + label + "' --label key" + e.id + " --id " +
         e.id + " --pin " + token.pin);
    std::filesystem::remove(key_file);
    must("openssl x509 -in " + quoted(cert_file) + " -outform DER -out " + quoted(directory / "cert.der"));
    must("pkcs11-tool --module " + quoted(*module) + " --token-label '" + label + "' --login --pin " + token.pin +
         " --write-object " + quoted(directory / "cert.der") + " --type cert --id " + e.id + " --label cert" + e.id);
  }
  if (token.serial.empty()) throw std::runtime_error("no serial for the token in:\n" + shown);
  return token;
}

}  // namespace nes::test
