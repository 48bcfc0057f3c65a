#include "officer_login.hpp"

#include "command_line.hpp"
#include "command_status.hpp"
#include "language.hpp"
#include "masked_tckn.hpp"
#include "portal_call.hpp"
#include "refused_files.hpp"
#include "secret_input.hpp"

#include <nes/tckn.hpp>

#include <cstdlib>

namespace nes::cli {

OfficerSession officer_session(boost::asio::io_context& io, const ApplyOptions& options, OfficerLogin& login,
                               const std::string& command) {
  SecretString tckn(login.tckn_option);
  secure_wipe(login.tckn_option.data(), login.tckn_option.size());
  if (tckn.empty()) {
    if (const char* env = std::getenv("NES_TCKN"); env != nullptr && *env != '\0') {
      tckn = SecretString(env);
    } else if (auto typed = read_terminal_line(
                   std::string(say("Yetkilinin T.C. Kimlik No'su: ", "The officer's T.C. Kimlik No: ")))) {
      tckn = SecretString(*typed);
      secure_wipe(typed->data(), typed->size());
    }
  }
  if (!Tckn::is_valid(tckn.reveal())) {
    return {std::nullopt, usage_error(command,
                                      "yetkilinin geçerli bir T.C. Kimlik No'su gerekli (--tckn, $NES_TCKN "
                                      "ya da terminal)",
                                      "the officer's valid T.C. Kimlik No is needed (--tckn, $NES_TCKN or the "
                                      "terminal)",
                                      options.json)};
  }
  const std::string& file = options.password_file;
  if (!file.empty() && RefusedFiles(journal_path(options)).refused(file)) {
    return {std::nullopt,
            usage_error(command, "bu şifre dosyası reddedildi; değiştirilmeden gönderilmez",
                        "this password file was refused; it is not sent until it is changed", options.json, file)};
  }
  std::string error;
  const std::string masked = masked_tckn(std::string(tckn.reveal()));
  auto password = read_secret(file, "NES_PASSWORD",
                              std::string(say("e-Devlet şifresi (", "e-Devlet password (")) + masked + "): ", error);
  if (!password) {
    return {std::nullopt,
            usage_error(command, "e-Devlet şifresi alınamadı", "no e-Devlet password", options.json, error)};
  }
  auto client = client_for(io, options, command);
  if (!client) return {std::nullopt, exit_usage};
  // The password goes with this person's T.C. Kimlik No and no other.
  auto [ec, session] = run_on<Session>(io, [&](auto handler) {
    client->async_login(Credentials{std::move(tckn), std::move(*password)}, std::move(handler));
  });
  if (ec) {
    if (session.problem() != nullptr && session.problem()->is("invalid_credentials") && !file.empty()) {
      RefusedFiles(journal_path(options)).remember(file);
    }
    return {std::nullopt, failed(command, ec, session.problem(), options)};
  }
  if (!file.empty()) RefusedFiles(journal_path(options)).forget(file);
  return {std::move(session).value(), exit_ok};
}

}  // namespace nes::cli
