// The test PKI, checked with the openssl command-line tool as an independent
// verifier.

#include "portal/pki/test_pki.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>

namespace {

using ::testing::HasSubstr;
namespace pki = nes::portal::pki;

class TempDir {
 public:
  TempDir() : path_(std::filesystem::temp_directory_path() / ("nes-pki-" + std::to_string(::getpid()))) {
    std::filesystem::create_directories(path_);
  }
  ~TempDir() { std::filesystem::remove_all(path_); }
  std::string write(const std::string& name, std::string_view text) const {
    const auto file = path_ / name;
    std::ofstream(file, std::ios::binary) << text;
    return file.string();
  }

 private:
  std::filesystem::path path_;
};

// Runs a command, returns its combined output and sets `status`.
std::string run(const std::string& command, int& status) {
  std::string out;
  FILE* pipe = popen((command + " 2>&1").c_str(), "r");
  if (pipe == nullptr) {
    status = -1;
    return out;
  }
  char buf[512];
  while (std::fgets(buf, sizeof buf, pipe) != nullptr) out += buf;
  status = pclose(pipe);
  return out;
}

TEST(TestPki, LocalhostServerCertificateVerifiesAgainstItsCa) {
  const auto server_pki = pki::make_localhost_server_pki();
  const TempDir dir;
  const auto ca = dir.write("ca.pem", server_pki.ca.certificate_pem);
  const auto server = dir.write("server.pem", server_pki.server.certificate_pem);
  int status = 0;
  EXPECT_THAT(run("openssl verify -CAfile " + ca + " -purpose sslserver -verify_hostname localhost " + server, status),
              HasSubstr(": OK"));
  EXPECT_EQ(status, 0);
  run("openssl verify -CAfile " + ca + " -verify_ip 127.0.0.1 " + server, status);
  EXPECT_EQ(status, 0);
  run("openssl verify -CAfile " + ca + " -verify_hostname example.com " + server, status);
  EXPECT_NE(status, 0);
  EXPECT_THAT(run("openssl x509 -noout -subject -in " + ca, status), HasSubstr("NOT FOR PRODUCTION"));
}

TEST(TestPki, ESignatureCertificatesCarryTheTcknAndNonRepudiation) {
  const auto ca = pki::make_ca({.common_name = "NES SDK TEST E-IMZA CA"});
  const auto user = pki::issue(ca, {.common_name = "AYŞE GÜL ŞAHİN",
                                    .subject_serial_number = "10000000146",
                                    .non_repudiation = true,
                                    .key_type = pki::KeyType::rsa_2048});
  const TempDir dir;
  const auto ca_file = dir.write("ca.pem", ca.certificate_pem);
  const auto user_file = dir.write("user.pem", user.certificate_pem);
  int status = 0;
  run("openssl verify -CAfile " + ca_file + " " + user_file, status);
  EXPECT_EQ(status, 0);
  const auto text = run("openssl x509 -noout -text -nameopt utf8,sep_comma_plus -in " + user_file, status);
  EXPECT_THAT(text, HasSubstr("serialNumber=10000000146"));
  EXPECT_THAT(text, HasSubstr("CN=AYŞE GÜL ŞAHİN"));
  EXPECT_THAT(text, HasSubstr("Non Repudiation"));
  EXPECT_THAT(text, HasSubstr("rsaEncryption"));
  EXPECT_THAT(user.private_key_pem.reveal(), HasSubstr("BEGIN PRIVATE KEY"));
}

TEST(TestPki, ExpiredCertificatesAreExpired) {
  const auto ca = pki::make_ca({.common_name = "NES SDK TEST E-IMZA CA"});
  const auto old = pki::issue(ca, {.common_name = "ESKİ",
                                   .non_repudiation = true,
                                   .not_before = std::chrono::hours(-48),
                                   .not_after = std::chrono::hours(-24)});
  const TempDir dir;
  int status = 0;
  const auto out = run("openssl verify -CAfile " + dir.write("ca.pem", ca.certificate_pem) + " " +
                           dir.write("old.pem", old.certificate_pem),
                       status);
  EXPECT_NE(status, 0);
  EXPECT_THAT(out, HasSubstr("expired"));
}

}  // namespace
