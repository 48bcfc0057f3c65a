#include "person_login.hpp"

#include "command_line.hpp"
#include "command_status.hpp"
#include "language.hpp"
#include "masked_tckn.hpp"
#include "portal_call.hpp"
#include "refused_files.hpp"
#include "secret_input.hpp"

#include <nes/tckn.hpp>

#include <boost/program_options/value_semantic.hpp>

#include <cstdlib>

namespace nes::cli {

void add_login_options(boost::program_options::options_description& d, ApplyOptions& options, PersonLogin& login) {
  namespace po = boost::program_options;
  auto text = [](std::string_view tr, std::string_view en) { return std::string(say(tr, en)); };
  const bool officer = login.officer;
  d.add_options()("portal", po::value(&options.portal),
                  text("portal, https://sunucu:port", "the portal, https://host:port").c_str())(
      "ca-file", po::value(&options.ca_file),
      text("portalın sertifikası için güvenilecek CA (PEM)", "a CA (PEM) to trust for the portal's certificate")
          .c_str())("tckn", po::value(&login.tckn_option),
                    officer ? text("yetkilinin T.C. Kimlik No'su (ps ile görülebilir; $NES_TCKN yeğlenir)",
                                   "the officer's T.C. Kimlik No (visible to ps; prefer $NES_TCKN)")
                                  .c_str()
                            : text("T.C. Kimlik No'nuz (ps ile görülebilir; $NES_TCKN yeğlenir)",
                                   "your T.C. Kimlik No (visible to ps; prefer $NES_TCKN)")
                                  .c_str())(
      "password-file", po::value(&options.password_file),
      officer ? text("yetkilinin e-Devlet şifresi, ilk satır", "the officer's e-Devlet password, first line").c_str()
              : text("e-Devlet şifreniz, ilk satır", "your e-Devlet password, first line").c_str())(
      "journal", po::value(&options.journal),
      text("günlük (varsayılan: $NES_JOURNAL, yoksa ~/.local/share/nes/journal.db)",
           "the journal (default: $NES_JOURNAL, else ~/.local/share/nes/journal.db)")
          .c_str())("json", po::bool_switch(&options.json), text("JSON olarak yaz", "print JSON").c_str())(
      "help,h", text("bu yardımı göster", "show this help").c_str());
}

PersonSession person_session(boost::asio::io_context& io, const ApplyOptions& options, PersonLogin& login,
                             const std::string& command) {
  SecretString tckn(login.tckn_option);
  secure_wipe(login.tckn_option.data(), login.tckn_option.size());
  if (tckn.empty()) {
    if (const char* env = std::getenv("NES_TCKN"); env != nullptr && *env != '\0') {
      tckn = SecretString(env);
    } else if (auto typed = read_terminal_line(
                   login.officer ? std::string(say("Yetkilinin T.C. Kimlik No'su: ", "The officer's T.C. Kimlik No: "))
                                 : std::string(say("T.C. Kimlik No: ", "T.C. Kimlik No: ")))) {
      tckn = SecretString(*typed);
      secure_wipe(typed->data(), typed->size());
    }
  }
  if (!Tckn::is_valid(tckn.reveal())) {
    return {std::nullopt,
            login.officer
                ? usage_error(
                      command, "yetkilinin geçerli bir T.C. Kimlik No'su gerekli (--tckn, $NES_TCKN ya da terminal)",
                      "the officer's valid T.C. Kimlik No is needed (--tckn, $NES_TCKN or the terminal)", options.json)
                : usage_error(command, "geçerli bir T.C. Kimlik No gerekli (--tckn, $NES_TCKN ya da terminal)",
                              "a valid T.C. Kimlik No is needed (--tckn, $NES_TCKN or the terminal)", options.json)};
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
