#include "live_status.hpp"

#include "secret_input.hpp"

#include <nes/client.hpp>

#include <boost/asio/io_context.hpp>

#include <set>
#include <utility>

namespace nes::cli {

std::map<std::string, std::string> live_statuses(const std::vector<JournalEntry>& entries, const ApplyOptions& options,
                                                 std::vector<std::string>& problems) {
  std::map<std::string, std::string> out;
  std::set<std::pair<std::string, std::string>> people;  // (portal, T.C. Kimlik No)
  for (const auto& e : entries) {
    if (!e.application_id.empty()) people.emplace(e.portal, e.tckn);
  }
  for (const auto& [portal, tckn] : people) {
    const std::string who = tckn.substr(0, 3) + "******" + tckn.substr(tckn.size() >= 2 ? tckn.size() - 2 : 0);
    boost::asio::io_context io;
    error_code ec;
    std::string detail;
    auto client = Client::create(io.get_executor(), client_options_for(portal, options.ca_file), ec, &detail);
    std::string error;
    auto password = client
                        ? read_secret(options.password_file, "NES_PASSWORD", "e-Devlet şifresi (" + who + "): ", error)
                        : std::nullopt;
    if (!client || !password) {
      problems.push_back(who + ": " + (client ? error : detail));
      continue;
    }
    client->async_login(
        Credentials{SecretString(tckn), std::move(*password)}, [&](error_code login_error, Result<Session> session) {
          if (login_error) {
            problems.push_back(who + ": " + login_error.message());
            return;
          }
          session->async_applications(
              [&, session = *session](error_code list_error, Result<std::vector<ApplicationInfo>> list) {
                if (list_error) {
                  problems.push_back(who + ": " + list_error.message());
                  return;
                }
                for (const auto& a : *list) out[a.id] = std::string(to_string(a.status));
              });
        });
    io.run();
  }
  return out;
}

}  // namespace nes::cli
