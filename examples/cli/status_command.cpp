#include "apply_command.hpp"

#include "apply_flow.hpp"
#include "apply_options.hpp"
#include "command_line.hpp"
#include "command_status.hpp"
#include "labels.hpp"
#include "language.hpp"
#include "live_status.hpp"
#include "masked_tckn.hpp"

#include <nes/tckn.hpp>

#include <boost/json/serialize.hpp>
#include <boost/program_options.hpp>

#include <ctime>
#include <iostream>
#include <set>

namespace nes::cli {

namespace po = boost::program_options;

int run_status(const std::vector<std::string>& args) {
  const std::string usage(say(
      "Kullanım: nes status [--journal DOSYA] [--live [--ca-file DOSYA] [--password-dir KLASÖR]] [--json]\n"
      "Günlükteki başvuruları listeler: kimin (T.C. Kimlik No maskeli), kurum, portalın başvuru numarası, ulaşılan\n"
      "adım ve portalın son bildirdiği durum. --live ile portalın şimdiki sözü (Başvurularım), kişi başına bir\n"
      "girişle: her kişinin şifresi --password-dir'den ya da terminalden (--password-file yalnız tek kişide).\n"
      "Çıkış durumu: 0 listelendi, 1 bir kişinin durumu alınamadı, 2 kullanım hatası.\n",
      "Usage: nes status [--journal FILE] [--live [--ca-file FILE] [--password-dir DIR]] [--json]\n"
      "Lists the journal's applications: whose (the T.C. Kimlik No masked), the institution, the portal's\n"
      "number, the step reached and the last status the portal reported. With --live, the portal's word now\n"
      "(Başvurularım), after a login per person: each password from --password-dir or the terminal\n"
      "(--password-file only for one person).\n"
      "Exit status: 0 listed, 1 a person's status could not be had, 2 usage error.\n"));
  ApplyOptions options;
  bool live = false;
  po::options_description d(std::string(say("Seçenekler", "Options")));
  d.add_options()("live", po::bool_switch(&live),
                  std::string(say("her başvurunun şimdiki durumunu portala sor",
                                  "ask the portal for each application's status now"))
                      .c_str());
  add_apply_options(d, options);
  bool help = false;
  if (!parse_command_line(args, d, usage, "status", help)) return exit_usage;
  if (help) return exit_ok;
  if (!check_apply_options(options, "status", false)) return exit_usage;
  auto journal = open_journal(options, "status");
  if (!journal) return exit_failed;
  error_code ec;
  const auto all = journal->entries(false, ec);
  if (ec) {
    std::cerr << "nes status: " << say(message_of(errc::journal_failed)) << "\n";
    return exit_failed;
  }
  if (live) {
    std::set<std::string> people;
    for (const auto& e : all) {
      if (!e.application_id.empty()) people.insert(e.tckn);
    }
    if (const auto misuse = password_misuse(options, people.size())) {
      return usage_error("status", misuse->tr, misuse->en, options.json);
    }
  }
  std::vector<std::string> problems;
  const auto now = live ? live_statuses(all, options, problems) : std::map<std::string, ApplicationStatus>{};
  for (const auto& p : problems) std::cerr << "nes status: " << p << "\n";
  boost::json::array list;
  for (const auto& e : all) {
    const auto live_status = now.find(e.application_id);
    if (options.json) {
      ApplyResult r;
      r.entry = e;
      r.finished = e.step == JournalStep::finished;
      auto o = result_json(r);
      o["note"] = e.note;
      if (live_status != now.end()) o["live_status"] = to_string(live_status->second);
      list.push_back(std::move(o));
      continue;
    }
    const std::time_t t = std::chrono::system_clock::to_time_t(e.updated_at);
    char when[32];
    std::strftime(when, sizeof when, "%d.%m.%Y %H:%M", std::localtime(&t));
    std::cout << e.id << "  " << masked_tckn(e.tckn) << "  "
              << (e.application_id.empty() ? std::string(say("(numara yok)", "(no number yet)")) : e.application_id)
              << "  " << e.institution_id << "  " << say(step_label(e.step));
    if (const auto last = application_status_from_string(e.portal_status))
      std::cout << " / " << say(status_label(*last));
    std::cout << "  " << when;
    if (live_status != now.end()) {
      std::cout << "  " << say("portalda şimdi: ", "portal now: ") << say(status_label(live_status->second));
    }
    std::cout << "\n";
  }
  if (options.json) std::cout << boost::json::serialize(boost::json::object{{"applications", std::move(list)}}) << "\n";
  return problems.empty() ? exit_ok : exit_failed;
}

}  // namespace nes::cli
