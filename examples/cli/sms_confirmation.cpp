#include "sms_confirmation.hpp"

#include "language.hpp"
#include "secret_input.hpp"

#include <iostream>

namespace nes::cli {

void add_certificate_request_options(boost::program_options::options_description& d, std::string& serial,
                                     std::string& otp_command) {
  namespace po = boost::program_options;
  auto text = [](std::string_view tr, std::string_view en) { return std::string(say(tr, en)); };
  d.add_options()(
      "serial", po::value(&serial),
      text("sertifikanın seri numarası (nes certificates)", "the certificate's serial (nes certificates)").c_str())(
      "otp-command", po::value(&otp_command),
      text("SMS kodunu yazan komut (bir kez çalışır)", "a command that prints the SMS code (run once)").c_str());
}

std::optional<SecretString> sms_code_for(const std::string& id, const std::string& phone_masked,
                                         const std::string& otp_command) {
  std::string error;
  if (!otp_command.empty()) {
    auto code = run_for_line(otp_command, {"NES_CONFIRMATION_ID=" + id, "NES_PHONE_MASKED=" + phone_masked}, error);
    if (!code) std::cerr << say("nes: --otp-command çalışmadı: ", "nes: --otp-command failed: ") << error << "\n";
    return code;
  }
  auto typed = read_terminal_line(std::string(say("SMS kodu (", "SMS code (")) + phone_masked + "): ");
  if (!typed) {
    std::cerr << say("nes: SMS kodu alınamadı (terminal yok; --otp-command verin)\n",
                     "nes: no SMS code (no terminal; give --otp-command)\n");
    return std::nullopt;
  }
  SecretString code(*typed);
  secure_wipe(typed->data(), typed->size());
  return code;
}

void say_code_wrong(int tries_left) {
  std::cerr << say("SMS kodu hatalı; kalan deneme hakkı: ", "The SMS code is wrong; tries left: ") << tries_left
            << "\n";
}

}  // namespace nes::cli
