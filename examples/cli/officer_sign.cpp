#include "officer_sign.hpp"

#include "profile_signer.hpp"

#include "apply_options.hpp"
#include "command_line.hpp"
#include "command_status.hpp"
#include "language.hpp"
#include "person_login.hpp"
#include "portal_call.hpp"
#include "problem_text.hpp"
#include "refused_files.hpp"
#include "timestamp_option.hpp"

#include <nes/list_signer.hpp>
#include <nes/pkcs11_signer.hpp>
#include <nes/timestamping_signer.hpp>
#include <nes/validation_data_signer.hpp>

#include <boost/json/serialize.hpp>
#include <boost/program_options.hpp>

#include <iostream>

namespace nes::cli {

namespace {

namespace po = boost::program_options;

std::string usage() {
  return std::string(say(
      "Kullanım: nes officer sign --portal URL --institution KURUM --version SÜRÜM [--exclude BAŞVURU=NEDEN]...\n"
      "                         --module MODÜL [--token-label ETİKET] [--certificate-id KİMLİK] [--pin-file DOSYA]\n"
      "                         [--tsa URL --tsa-customer NO --tsa-ca DOSYA] [--signer-ca DOSYA... --ocsp URL]\n"
      "                         [--journal DOSYA] [--json]\n"
      "Kurumun NES başvuru listesini, nes officer list ile kontrol ettiğiniz SÜRÜMüyle e-imza ile imzalar\n"
      "(NES başvuru listesi kontrol ve imzalama). --exclude ile bir başvuru nedeniyle listeden çıkarılır; o\n"
      "başvuru bir sonraki listede bekler. Liste o arada değiştiyse portal imzayı reddeder: listeyi yeniden\n"
      "kontrol edin. Her adım günlüğe yazılır; kesilen bir imza aynı komutla sürdürülür ve liste bir kez kabul\n"
      "edilir. PIN --pin-file'dan, $NES_PIN'den ya da terminalden alınır ve kendiliğinden yeniden denenmez.\n"
      "Çıkış durumu: 0 liste kabul edildi, 1 reddedildi, 2 kullanım hatası, 3 geçici sorun (aynı komutu yeniden\n"
      "çalıştırın).\n",
      "Usage: nes officer sign --portal URL --institution ID --version VERSION [--exclude APPLICATION=REASON]...\n"
      "                        --module MODULE [--token-label LABEL] [--certificate-id ID] [--pin-file FILE]\n"
      "                        [--tsa URL --tsa-customer N --tsa-ca FILE] [--signer-ca FILE... --ocsp URL]\n"
      "                        [--journal FILE] [--json]\n"
      "Signs the institution's NES application list by e-imza at the VERSION you checked with nes officer\n"
      "list. --exclude leaves an application off the list with a reason; it waits on the next list. If the\n"
      "list changed meanwhile, the portal refuses the signature: check the list again. Every step is recorded\n"
      "in the journal; an interrupted signature is continued by the same command and the list is accepted\n"
      "once. The PIN comes from --pin-file, $NES_PIN or the terminal and is never retried on its own.\n"
      "Exit status: 0 the list accepted, 1 refused, 2 usage error, 3 transient (run the same command again).\n"));
}

bool is_version(const std::string& text) {
  return text.size() == 64 && text.find_first_not_of("0123456789abcdef") == std::string::npos;
}

// "app_7Q2M4K9X=Birim onayı bekleniyor".
std::optional<HeldBack> held_back(const std::string& text) {
  const auto equals = text.find('=');
  if (equals == std::string::npos || equals == 0 || equals + 1 == text.size()) return std::nullopt;
  return HeldBack(text.substr(0, equals), text.substr(equals + 1));
}

void print_stage(const ListSigningProgress& p, std::ostream& out) {
  switch (p.stage) {
    case ListSigningStage::continuing:
      out << say("Günlükteki imza sürdürülüyor (kayıt ", "Continuing the journal's signature (entry ") << p.entry.id
          << ")\n";
      break;
    case ListSigningStage::deciding:
      out << say("Karar isteniyor…\n", "Asking for the decision…\n");
      break;
    case ListSigningStage::decided:
      out << say("Karar ", "Decision ") << p.decision->id << ": " << p.decision->included.size()
          << say(" başvuru onaylanacak, ", " applications to approve, ") << p.decision->excluded.size()
          << say(" başvuru çıkarıldı; toplam ", " left off; total ") << p.decision->total.format_tr() << "\n";
      break;
    case ListSigningStage::signed_here:
      out << say("Karar e-imza ile imzalandı.\n", "The decision is signed by e-imza.\n");
      break;
    case ListSigningStage::signing:
      out << say("İmza portala gönderiliyor…\n", "Sending the signature to the portal…\n");
      break;
    case ListSigningStage::sign_answered:
    case ListSigningStage::finished:
      break;
  }
}

boost::json::object decision_json(const ListDecision& d, const ListSigningEntry& entry) {
  boost::json::array excluded;
  for (const auto& h : d.excluded) excluded.push_back({{"application_id", h.application_id}, {"reason", h.reason}});
  return {{"decision", d.id},
          {"status", to_string(d.status)},
          {"included", boost::json::array(d.included.begin(), d.included.end())},
          {"excluded", std::move(excluded)},
          {"total_kurus", d.total.kurus()},
          {"total", d.total.format_tr()},
          {"journal_entry", entry.id}};
}

// What to do after a refusal: check the list again, add what the profile
// needs, or run again when the refused signature was an earlier run's.
void say_next_step(const Problem* problem, const ApplyOptions& options, bool resent, std::ostream& out) {
  if (problem == nullptr) return;
  const bool time_stamp = problem->is("signature_time_stamp_missing") && options.tsa.empty();
  const bool validation = problem->is("validation_data_missing") && options.signer_ca.empty();
  if (problem->is("list_changed") || problem->is("nothing_to_sign")) {
    out << say("Sonraki adım: nes officer list ile listeyi yeniden kontrol edip yeni sürümle imzalayın.\n",
               "Next: check the list again with nes officer list and sign its new version.\n");
  } else if (resent && !time_stamp && !validation && problem->http_status == 422) {
    out << say("Günlükteki önceki imza reddedildi; aynı komutu yeniden çalıştırın: karar yeniden imzalanır.\n",
               "The journal's earlier signature was refused; run the same command again: the decision is signed "
               "anew.\n");
  } else if (time_stamp) {
    out << say("Sonraki adım: --tsa URL --tsa-customer NO --tsa-ca DOSYA ekleyip aynı komutu çalıştırın.\n",
               "Next: add --tsa URL --tsa-customer N --tsa-ca FILE and run the same command.\n");
  } else if (validation) {
    out << say("Sonraki adım: --signer-ca DOSYA --ocsp URL ekleyip aynı komutu çalıştırın.\n",
               "Next: add --signer-ca FILE --ocsp URL and run the same command.\n");
  }
}

}  // namespace

int run_officer_sign(const std::vector<std::string>& args) {
  const std::string command = "officer sign";
  ApplyOptions options;
  PersonLogin login{.officer = true};
  std::string institution;
  std::string version;
  std::vector<std::string> exclude;
  po::options_description d(std::string(say("Seçenekler", "Options")));
  auto text = [](std::string_view tr, std::string_view en) { return std::string(say(tr, en)); };
  d.add_options()("institution", po::value(&institution), text("kurumun kodu", "the institution's id").c_str())(
      "version", po::value(&version),
      text("kontrol ettiğiniz liste sürümü (nes officer list)", "the list version you checked (nes officer list)")
          .c_str())("exclude", po::value(&exclude)->composing(),
                    text("BAŞVURU=NEDEN: listeden çıkarılacak başvuru (birden çok kez)",
                         "APPLICATION=REASON: an application to leave off (repeatable)")
                        .c_str());
  add_login_options(d, options, login);
  add_signing_options(d, options);
  bool help = false;
  if (!parse_command_line(args, d, usage(), command, help)) return exit_usage;
  if (help) return exit_ok;
  options.approve = "pkcs11";
  if (!check_apply_options(options, command, true)) return exit_usage;
  if (institution.empty())
    return usage_error(command, "--institution gerekli", "--institution is required", options.json);
  if (!is_version(version)) {
    return usage_error(command, "--version, nes officer list'in gösterdiği 64 haneli sürüm olmalı",
                       "--version must be the 64-digit version nes officer list shows", options.json);
  }
  std::vector<HeldBack> excluded;
  for (const auto& e : exclude) {
    auto held = held_back(e);
    if (!held) {
      return usage_error(command, "--exclude BAŞVURU=NEDEN biçiminde olmalı", "--exclude must be APPLICATION=REASON",
                         options.json, e);
    }
    excluded.push_back(std::move(*held));
  }
  if (options.module.empty()) return usage_error(command, "--module gerekli", "--module is required", options.json);
  auto journal = open_journal(options, command);
  if (!journal) return exit_failed;
  boost::asio::io_context io;
  auto session = person_session(io, options, login, command);
  if (!session) return session.status;
  auto signer = make_signer(options, io.get_executor(), command);
  if (!signer) return exit_usage;
  std::ostream& out = options.json ? std::cerr : std::cout;
  ListSigningOptions with{signer, [&out](const ListSigningProgress& p) { print_stage(p, out); }};
  error_code ec;
  std::string detail;
  auto run = ListSigner::begin(Officer(*session.session, institution), journal, version, std::move(excluded),
                               std::move(with), ec, &detail);
  if (!run) return usage_error(command, "günlük yazılamıyor", "the journal cannot be written", options.json, detail);
  // A signature the journal holds from an earlier run is sent as it is.
  const bool resent = run->entry().step == ListSigningStep::signing;
  auto [rec, decision] = run_on<ListDecision>(io, [&](auto h) { run->async_run(std::move(h)); });
  if (rec) {
    if ((rec == errc::pin_incorrect || rec == errc::pin_locked) && !options.pin_file.empty()) {
      RefusedFiles(journal_path(options)).remember(options.pin_file);
    }
    const int status = failed(command, rec, decision.problem(), options);
    if (!options.json) say_next_step(decision.problem(), options, resent, std::cerr);
    return status;
  }
  if (options.json) {
    std::cout << boost::json::serialize(decision_json(*decision, run->entry())) << "\n";
  } else {
    std::cout << say("Liste kabul edildi: karar ", "The list is accepted: decision ") << decision->id << ", "
              << decision->included.size() << say(" başvuru onaylandı, toplam ", " applications approved, total ")
              << decision->total.format_tr() << say("; kurumun faturası: ", "; the institution's invoice: ")
              << decision->id << "\n";
  }
  return exit_ok;
}

}  // namespace nes::cli
