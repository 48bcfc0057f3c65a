// nes-hr-desk: the HR office's desk in the browser, on the SDK (docs/officer.md).
// It serves plain HTML forms on loopback only, behind a random token in the
// address it prints, so that other local users and other sites' pages cannot
// drive it: the officer's login, the staff list upload with its report by
// row, the institution's applications, and the list signed with the token
// attached to this machine (the PIN typed in the page, used once, never kept).
//
//   nes-hr-desk --portal URL --institution ID --module MODULE [--token-label L] [--certificate-id ID]
//               [--ca-file FILE] [--journal FILE] [--listen 127.0.0.1:PORT]
//               [--tsa URL --tsa-customer N --tsa-ca FILE]  (the password from $NES_TSA_PASSWORD)

#include "desk.hpp"
#include "language.hpp"

#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/http.hpp>
#include <boost/program_options.hpp>

#include <openssl/rand.h>

#include <cstdlib>
#include <iostream>

namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
namespace po = boost::program_options;
using tcp = asio::ip::tcp;

// The largest HR export the desk takes in one upload.
constexpr std::size_t max_body = 16U << 20U;

std::string random_token() {
  unsigned char bytes[24];
  if (RAND_bytes(bytes, sizeof bytes) != 1) throw std::runtime_error("no randomness");
  static constexpr char digits[] = "0123456789abcdef";
  std::string token;
  for (const unsigned char b : bytes) {
    token.push_back(digits[b >> 4]);
    token.push_back(digits[b & 0x0f]);
  }
  return token;
}

bool same(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  unsigned char diff = 0;
  for (std::size_t i = 0; i < a.size(); ++i) diff |= static_cast<unsigned char>(a[i] ^ b[i]);
  return diff == 0;
}

http::response<http::string_body> answer(unsigned status, std::string body, const std::string& location = {}) {
  http::response<http::string_body> res{static_cast<http::status>(status), 11};
  res.set(http::field::content_type, "text/html; charset=utf-8");
  res.set(http::field::cache_control, "no-store");
  // No script, no external resource, no framing; the token never leaves in a Referer.
  res.set("Content-Security-Policy",
          "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'");
  res.set("X-Frame-Options", "DENY");
  res.set("Referrer-Policy", "no-referrer");
  res.set("X-Content-Type-Options", "nosniff");
  if (!location.empty()) res.set(http::field::location, location);
  res.body() = std::move(body);
  res.keep_alive(false);
  res.prepare_payload();
  return res;
}

void serve(tcp::acceptor& acceptor, nes::hr_desk::Desk& desk, const std::string& token, unsigned short port) {
  const std::string hosts[] = {"127.0.0.1:" + std::to_string(port), "localhost:" + std::to_string(port)};
  for (;;) {
    tcp::socket socket(acceptor.get_executor());
    boost::system::error_code ec;
    acceptor.accept(socket, ec);
    if (ec) continue;
    beast::flat_buffer buffer;
    http::request_parser<http::string_body> parser;
    parser.body_limit(max_body);
    http::read(socket, buffer, parser, ec);
    if (ec) continue;
    auto& request = parser.get();
    const std::string_view target = request.target();
    const auto question = target.find('?');
    const std::string_view path = target.substr(0, question);
    auto fields = nes::hr_desk::read_urlencoded(question == std::string_view::npos ? "" : target.substr(question + 1));
    const std::string_view type = request[http::field::content_type];
    if (fields && request.method() == http::verb::post) {
      auto body = type.starts_with("multipart/form-data") ? nes::hr_desk::read_multipart(type, request.body())
                                                          : nes::hr_desk::read_urlencoded(request.body());
      if (body) {
        for (auto& [name, value] : *body) fields->insert_or_assign(name, std::move(value));
      } else {
        fields.reset();
      }
      nes::secure_wipe(request.body().data(), request.body().size());
    }
    const std::string_view host = request[http::field::host];
    const bool local_host = host == hosts[0] || host == hosts[1];
    const auto given = fields ? fields->find("t") : nes::hr_desk::FormFields::iterator{};
    http::response<http::string_body> res;
    if (!local_host || !fields || given == fields->end() || !same(given->second, token)) {
      // Not this desk's page: nothing is done and nothing is said.
      res = answer(403, "<!DOCTYPE html><html><body><p>403</p></body></html>\n");
    } else {
      const auto reply = desk.handle(request.method_string(), path, *fields);
      res = reply.location.empty() ? answer(static_cast<unsigned>(reply.status), reply.body)
                                   : answer(303, {}, reply.location);
      nes::hr_desk::wipe(*fields);
    }
    http::write(socket, res, ec);
    socket.shutdown(tcp::socket::shutdown_both, ec);
  }
}

}  // namespace

int main(int argc, char** argv) {
  nes::hr_desk::DeskOptions options;
  std::string listen = "127.0.0.1:0";
  std::string lang = "tr";
  po::options_description d("nes-hr-desk");
  d.add_options()("portal", po::value(&options.portal))("ca-file", po::value(&options.ca_file))(
      "institution", po::value(&options.institution))("journal", po::value(&options.journal))(
      "module", po::value(&options.module))("token-label", po::value(&options.token_label))(
      "certificate-id", po::value(&options.certificate_id))("tsa", po::value(&options.tsa))(
      "tsa-customer", po::value(&options.tsa_customer))("tsa-ca", po::value(&options.tsa_ca))(
      "listen", po::value(&listen))("lang", po::value(&lang))("help,h", "");
  po::variables_map vm;
  try {
    po::store(po::parse_command_line(argc, argv, d), vm);
    po::notify(vm);
  } catch (const po::error& e) {
    std::cerr << "nes-hr-desk: " << e.what() << "\n";
    return 2;
  }
  nes::cli::set_ui_language(lang == "en" ? nes::Language::en : nes::Language::tr);
  if (vm.count("help") != 0 || options.portal.empty() || options.institution.empty() || options.module.empty()) {
    std::cerr << nes::cli::say(
        "Kullanım: nes-hr-desk --portal URL --institution KURUM --module MODÜL [--token-label ETİKET]\n"
        "          [--certificate-id KİMLİK] [--ca-file DOSYA] [--journal DOSYA] [--listen 127.0.0.1:PORT]\n"
        "          [--tsa URL --tsa-customer NO --tsa-ca DOSYA] (zaman damgası parolası $NES_TSA_PASSWORD'den)\n"
        "İK masası: yalnızca bu makineden (127.0.0.1), yazdığı adresteki rastgele anahtarla açılır.\n",
        "Usage: nes-hr-desk --portal URL --institution ID --module MODULE [--token-label LABEL]\n"
        "       [--certificate-id ID] [--ca-file FILE] [--journal FILE] [--listen 127.0.0.1:PORT]\n"
        "       [--tsa URL --tsa-customer N --tsa-ca FILE] (the time-stamp password from $NES_TSA_PASSWORD)\n"
        "The HR desk: opened from this machine only (127.0.0.1), with the random token in the address it prints.\n");
    return vm.count("help") != 0 ? 0 : 2;
  }
  const auto colon = listen.rfind(':');
  boost::system::error_code ec;
  const auto address = asio::ip::make_address(listen.substr(0, colon), ec);
  if (colon == std::string::npos || ec || !address.is_loopback()) {
    std::cerr << "nes-hr-desk: "
              << nes::cli::say("--listen bir loopback adresi olmalı (127.0.0.1:PORT)",
                               "--listen must be a loopback address (127.0.0.1:PORT)")
              << "\n";
    return 2;
  }
  if (const char* password = std::getenv("NES_TSA_PASSWORD"); password != nullptr) {
    options.tsa_password = nes::SecretString(password);
  }
  const std::string token = random_token();
  std::string detail;
  auto desk = nes::hr_desk::Desk::create(std::move(options), token, detail);
  if (!desk) {
    std::cerr << "nes-hr-desk: " << detail << "\n";
    return 1;
  }
  asio::io_context io;
  tcp::acceptor acceptor(io);
  const tcp::endpoint endpoint(address, static_cast<unsigned short>(std::stoul(listen.substr(colon + 1))));
  acceptor.open(endpoint.protocol(), ec);
  if (!ec) acceptor.set_option(tcp::acceptor::reuse_address(true), ec);
  if (!ec) acceptor.bind(endpoint, ec);
  if (!ec) acceptor.listen(asio::socket_base::max_listen_connections, ec);
  if (ec) {
    std::cerr << "nes-hr-desk: " << listen << ": " << ec.message() << "\n";
    return 1;
  }
  const auto port = acceptor.local_endpoint().port();
  std::cout << "nes-hr-desk: http://127.0.0.1:" << port << "/?t=" << token << "&lang=" << lang << std::endl;
  serve(acceptor, *desk, token, port);
}
