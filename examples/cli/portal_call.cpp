#include "portal_call.hpp"

#include "command_status.hpp"
#include "problem_text.hpp"

#include <boost/json/serialize.hpp>

#include <iostream>

namespace nes::cli {

// A failure of one operation at `options.portal`: the refusal as JSON, or its sentence.
int failed(const std::string& command, const error_code& ec, const Problem* problem, const ApplyOptions& options) {
  if (options.json) {
    std::cout << boost::json::serialize(boost::json::object{{"refusal", refusal_json(ec, problem, options.portal)}})
              << "\n";
  } else {
    std::cerr << "nes " << command << ": " << problem_text_at(ec, problem, options.portal) << "\n";
  }
  return exit_status_for(ec, problem);
}

std::optional<Client> client_for(boost::asio::io_context& io, const ApplyOptions& options, const std::string& command) {
  error_code ec;
  std::string detail;
  auto client = Client::create(io.get_executor(), client_options_for(options.portal, options.ca_file), ec, &detail);
  if (!client) failed(command, ec, nullptr, options);
  return client;
}

}  // namespace nes::cli
