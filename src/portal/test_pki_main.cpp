// nes-test-pki DIR: writes a throw-away test PKI for the standalone portal's
// tests and for integrators' own: a TLS CA with a localhost/127.0.0.1 server
// certificate, and an e-imza CA with one applicant certificate per demo
// registry person (subject serialNumber = T.C. Kimlik No, nonRepudiation),
// and a TSA CA with a time-stamping certificate.
// Everything is made fresh on each run; nothing here is ever committed.

#include "portal/demo_data.hpp"
#include "portal/pki/test_pki.hpp"
#include "portal/registry/personnel_registry.hpp"

#include <nes/version.hpp>

#include <filesystem>
#include <fstream>
#include <iostream>
#include <string_view>

namespace {

namespace fs = std::filesystem;
namespace pki = nes::portal::pki;

bool write(const fs::path& path, std::string_view text, bool secret) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out << text;
  out.close();
  if (secret) fs::permissions(path, fs::perms::owner_read | fs::perms::owner_write);
  if (!out) std::cerr << "nes-test-pki: cannot write " << path << "\n";
  return static_cast<bool>(out);
}

bool write_credential(const fs::path& dir, const std::string& name, const pki::Credential& credential) {
  return write(dir / (name + ".pem"), credential.certificate_pem, false) &&
         write(dir / (name + ".key"), credential.private_key_pem.reveal(), true);
}

}  // namespace

int main(int argc, char** argv) {
  if (argc == 2 && std::string_view(argv[1]) == "--version") {
    std::cout << "nes-test-pki " << nes::version_string << "\n";
    return 0;
  }
  if (argc != 2 || std::string_view(argv[1]) == "--help" || std::string_view(argv[1]) == "-h") {
    (argc == 2 ? std::cout : std::cerr)
        << "Usage: nes-test-pki DIR\n"
           "Writes a fresh test PKI into DIR: tls-ca.pem, tls-server.{pem,key} (localhost, 127.0.0.1),\n"
           "esign-ca.{pem,key} and applicants/TCKN.{pem,key} for each demo registry person,\n"
           "tsa-ca.pem and tsa.{pem,key} (a time-stamping authority, for nes-portal --tsa-cert/--tsa-key).\n"
           "TEST ONLY: every name says so, and the keys are not protected.\n";
    return argc == 2 ? 0 : 2;
  }
  const fs::path dir = argv[1];
  std::error_code ec;
  fs::create_directories(dir / "applicants", ec);
  if (ec) {
    std::cerr << "nes-test-pki: cannot create " << dir << ": " << ec.message() << "\n";
    return 1;
  }
  const auto tls = pki::make_localhost_server_pki();
  const auto esign_ca = pki::make_ca({.common_name = "NES SDK TEST E-IMZA CA", .certificate_authority = true});
  const auto tsa_ca = pki::make_ca({.common_name = "NES SDK TEST TSA CA", .certificate_authority = true});
  const auto tsa = pki::issue(tsa_ca, {.common_name = "NES SDK TEST ZAMAN DAMGASI", .time_stamping = true});
  bool ok = write(dir / "tls-ca.pem", tls.ca.certificate_pem, false) &&
            write_credential(dir, "tls-server", tls.server) && write_credential(dir, "esign-ca", esign_ca) &&
            write(dir / "tsa-ca.pem", tsa_ca.certificate_pem, false) && write_credential(dir, "tsa", tsa);
  const auto people = nes::portal::registry::decode_personnel_registry(nes::portal::demo_registry_json());
  for (const auto& person : people.value().people()) {
    const std::string tckn(person.tckn.digits());
    const auto certificate = pki::issue(esign_ca, {.common_name = person.full_name() + " (TEST)",
                                                   .subject_serial_number = tckn,
                                                   .non_repudiation = true,
                                                   .qualified_nes = true});
    ok = ok && write_credential(dir / "applicants", tckn, certificate);
  }
  if (!ok) return 1;
  std::cout << "nes-test-pki: wrote the test PKI to " << dir.string() << "\n";
  return 0;
}
