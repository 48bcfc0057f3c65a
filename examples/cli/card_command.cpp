#include "card_command.hpp"

#include "command_line.hpp"
#include "command_status.hpp"
#include "language.hpp"
#include "problem_text.hpp"

#include <nes/card_readers.hpp>

#include <boost/asio/io_context.hpp>
#include <boost/json/serialize.hpp>
#include <boost/json/value.hpp>

#include <iostream>

namespace nes::cli {

namespace {

std::string usage() {
  return std::string(
      say("Kullanım: nes card list [--json]\n"
          "Kart okuyucuları (PC/SC), her birinde kart olup olmadığını, kartın ATR'sini ve türünü "
          "listeler.\n"
          "Çıkış durumu: 0 listelendi, 1 PC/SC hizmeti (pcscd) yok, 2 kullanım hatası.\n",
          "Usage: nes card list [--json]\n"
          "Lists the card readers (PC/SC), whether a card is in each, its ATR and its type.\n"
          "Exit status: 0 listed, 1 no PC/SC service (pcscd), 2 usage error.\n"));
}

void print_text(const std::vector<CardReaderState>& readers) {
  if (readers.empty()) {
    std::cout << say("Kart okuyucu bulunamadı (takılı mı, sürücüsü kurulu mu? Kart Okuyucu Sürücüleri)\n",
                     "No card reader found (is it plugged in, and is its driver installed? Kart Okuyucu "
                     "Sürücüleri)\n");
    return;
  }
  for (const auto& r : readers) {
    std::cout << r.reader << "\n";
    if (!r.card_present) {
      std::cout << say("  kart yok\n", "  no card\n");
      continue;
    }
    std::cout << say("  kart: ", "  card: ")
              << (r.card_type.empty() ? std::string(say("tanınmayan kart", "unknown card")) : r.card_type)
              << (r.in_use ? say(" (başka bir program kullanıyor)", " (in use by another program)") : "") << "\n"
              << "  ATR:  " << r.atr_hex() << "\n";
  }
}

void print_json(const std::vector<CardReaderState>& readers) {
  boost::json::array out;
  for (const auto& r : readers) {
    boost::json::object o{{"reader", r.reader}, {"card_present", r.card_present}};
    if (r.card_present) {
      o["atr"] = r.atr_hex();
      o["card_type"] = r.card_type.empty() ? boost::json::value(nullptr) : boost::json::value(r.card_type);
      o["in_use"] = r.in_use;
    }
    out.push_back(std::move(o));
  }
  std::cout << boost::json::serialize(boost::json::object{{"readers", std::move(out)}}) << "\n";
}

}  // namespace

int run_card(const std::vector<std::string>& args) {
  bool json = false;
  if (args.empty() || args.front() != "list") {
    if (!args.empty() && (args.front() == "--help" || args.front() == "-h")) {
      std::cout << usage();
      return exit_ok;
    }
    std::cerr << usage();
    return exit_usage;
  }
  for (std::size_t i = 1; i < args.size(); ++i) {
    if (args[i] == "--json") {
      json = true;
    } else if (args[i] == "--help" || args[i] == "-h") {
      std::cout << usage();
      return exit_ok;
    } else {
      return usage_error("card", "tanınmayan seçenek", "unknown option", json, args[i]);
    }
  }
  boost::asio::io_context io;
  error_code ec;
  std::string detail;
  const auto readers = CardReaders::open(io.get_executor(), ec, &detail);
  auto states = readers ? readers->list(ec, &detail) : std::vector<CardReaderState>{};
  if (ec) {
    std::cerr << "nes card: " << problem_text(ec, nullptr) << "\n";
    if (ec == errc::pcsc_unavailable) {
      std::cerr << say("  PC/SC hizmetini başlatın: systemctl start pcscd (Debian: apt-get install pcscd)\n",
                       "  Start the PC/SC service: systemctl start pcscd (Debian: apt-get install pcscd)\n");
    }
    return exit_failed;
  }
  if (json)
    print_json(states);
  else
    print_text(states);
  return exit_ok;
}

}  // namespace nes::cli
