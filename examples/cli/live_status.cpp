#include "live_status.hpp"

#include "language.hpp"
#include "masked_tckn.hpp"
#include "problem_text.hpp"
#include "secret_input.hpp"

#include <nes/client.hpp>
#include <nes/tckn.hpp>

#include <boost/asio/io_context.hpp>

#include <set>
#include <utility>

namespace nes::cli {

std::map<std::string, ApplicationStatus> live_statuses(const std::vector<JournalEntry>& entries,
                                                       const ApplyOptions& options,
                                                       std::vector<std::string>& problems) {
  std::map<std::string, ApplicationStatus> out;
  std::set<std::pair<std::string, std::string>> people;  // (portal, T.C. Kimlik No)
  for (const auto& e : entries) {
    if (!e.application_id.empty()) people.emplace(e.portal, e.tckn);
  }
  bool rate_limited = false;
  for (const auto& [portal, tckn] : people) {
    const std::string who = masked_tckn(tckn);
    if (rate_limited) {
      problems.push_back(who + std::string(say(": denenmedi (çok fazla deneme)", ": not tried (too many attempts)")));
      continue;
    }
    boost::asio::io_context io;
    error_code ec;
    std::string detail;
    auto client = Client::create(io.get_executor(), client_options_for(portal, options.ca_file), ec, &detail);
    std::string error;
    const std::string file = password_file_for(options, tckn);
    if (!file.empty() && RefusedFiles(journal_path(options)).refused(file)) {
      problems.push_back(who + ": " + file +
                         std::string(say(": reddedilmiş şifre dosyası, değiştirilmeden gönderilmez",
                                         ": a refused password file, not sent until it is changed")));
      continue;
    }
    // This person's own password, and no one else's.
    auto password =
        client ? read_secret(file, "NES_PASSWORD",
                             std::string(say("e-Devlet şifresi (", "e-Devlet password (")) + who + "): ", error)
               : std::nullopt;
    if (!client || !password) {
      problems.push_back(who + ": " + (client ? error : problem_text(ec, nullptr) + " " + detail));
      continue;
    }
    client->async_login(
        Credentials{SecretString(tckn), std::move(*password)}, [&](error_code login_error, Result<Session> session) {
          if (login_error) {
            problems.push_back(who + ": " + problem_text(login_error, session));
            rate_limited = session.problem() != nullptr && session.problem()->is("rate_limited");
            return;
          }
          session->async_applications(
              [&, session = *session](error_code list_error, Result<std::vector<ApplicationInfo>> list) {
                if (list_error) {
                  problems.push_back(who + ": " + problem_text(list_error, list));
                  return;
                }
                for (const auto& a : *list) out[a.id] = a.status;
              });
        });
    io.run();
  }
  return out;
}

}  // namespace nes::cli
