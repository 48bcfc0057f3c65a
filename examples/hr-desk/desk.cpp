#include "desk.hpp"

#include "language.hpp"

#include <nes/lifecycle.hpp>
#include <nes/list_signer.hpp>
#include <nes/messages.hpp>
#include <nes/pkcs11_signer.hpp>
#include <nes/prefill.hpp>
#include <nes/tckn.hpp>
#include <nes/timestamping_signer.hpp>

#include <boost/asio/error.hpp>

#include <fstream>
#include <sstream>

namespace nes::hr_desk {

namespace {

std::string say(std::string_view tr, std::string_view en) { return std::string(cli::say(tr, en)); }

Reply reply(int status, std::string body) {
  Reply r;
  r.status = status;
  r.body = std::move(body);
  return r;
}
std::string e(std::string_view text) { return escape(text); }

std::string field(const FormFields& fields, std::string_view name) {
  const auto found = fields.find(name);
  return found == fields.end() ? std::string() : found->second;
}

std::string masked(const SecretString& tckn) {
  const auto parsed = Tckn::parse(tckn.reveal());
  return parsed ? parsed->masked() : std::string("***");
}

// The portal's row field ("requests[3].work_email") as the form's path, for its label.
std::string form_path_of(const std::string& path) {
  const std::string name = path.substr(path.rfind('.') == std::string::npos ? 0 : path.rfind('.') + 1);
  if (name == "tckn" || name == "first_name" || name == "last_name") return "identity." + name;
  if (name == "work_email") return "identity.email";
  if (name == "unit" || name == "work_phone") return "institution." + name;
  return path;
}

std::string problems_html(const FieldErrors& problems) {
  std::string out = "<ul>";
  for (const auto& p : problems) {
    const auto label = field_label(form_path_of(p.field));
    out += "<li>" + e(label ? std::string(cli::say(*label)) : p.field) + ": " +
           e(cli::ui_language() == Language::tr ? p.message_tr : p.message_en) + "</li>";
  }
  return out + "</ul>";
}

// A row's inputs, filled in with its values, to correct and send again.
std::string row_form(const PageContext& c, const PrefillRequestRow& row) {
  auto input = [](std::string_view name, std::string_view label, const std::string& value) {
    return "<p><label for=\"" + std::string(name) + "\">" + e(label) + "</label><input type=\"text\" id=\"" +
           std::string(name) + "\" name=\"" + std::string(name) + "\" value=\"" + e(value) + "\"></p>";
  };
  return "<form method=\"post\" action=\"/request\" class=\"correction\">" + hidden_inputs(c) +
         input("tckn", "T.C. Kimlik No", std::string(row.tckn.reveal())) +
         input("first_name", say("Ad", "First name"), row.first_name) +
         input("last_name", say("Soyad", "Last name"), row.last_name) +
         input("work_email", say("İş e-postası", "Work e-mail"), row.work_email) +
         input("unit", say("Birim", "Unit"), row.unit) +
         input("work_phone", say("İş telefonu", "Work phone"), row.work_phone) + "<button type=\"submit\">" +
         e(say("Düzeltip gönder", "Correct and send")) + "</button></form>";
}

std::string outcome_cell(const StaffRequestOutcome& remote) {
  if (remote.accepted) {
    return "<td class=\"ok\">" + e(remote.request_id) + ": " +
           e(remote.created ? say("yeni istek; erişim parolası iş e-postasına gönderildi",
                                  "new request; the access code went to the work e-mail")
                            : say("açık bir istek zaten var; yeni bir şey oluşmadı",
                                  "an open request exists already; nothing new was made")) +
           "</td>";
  }
  return "<td class=\"refused\">" + e(say("Portal reddetti:", "Refused by the portal:")) +
         problems_html(remote.errors) + "</td>";
}

}  // namespace

std::unique_ptr<Desk> Desk::create(DeskOptions options, std::string token, std::string& detail) {
  std::unique_ptr<Desk> desk(new Desk(std::move(options), std::move(token)));
  ClientOptions client;
  client.portal_url = desk->options_.portal;
  client.tls.extra_ca_file = desk->options_.ca_file;
  error_code ec;
  desk->client_ = Client::create(desk->io_.get_executor(), client, ec, &detail);
  if (!desk->client_) return nullptr;
  const std::filesystem::path journal =
      desk->options_.journal.empty() ? Journal::default_path() : std::filesystem::path(desk->options_.journal);
  desk->journal_ = Journal::open(journal, ec, &detail);
  if (!desk->journal_) return nullptr;
  if (!desk->options_.tsa.empty()) {
    auto transport = make_https_transport(desk->io_.get_executor(), client, ec, &detail);
    std::ifstream ca(desk->options_.tsa_ca);
    std::stringstream ca_pem;
    ca_pem << ca.rdbuf();
    if (!transport || ca_pem.str().empty()) {
      if (detail.empty()) detail = "cannot read --tsa-ca " + desk->options_.tsa_ca;
      return nullptr;
    }
    TimestampService service(desk->options_.tsa, desk->options_.tsa_customer, desk->options_.tsa_password);
    service.trust_anchors_pem = {ca_pem.str()};
    desk->timestamps_.emplace(std::move(transport), std::move(service));
  }
  return desk;
}

template <class T, class Start>
std::pair<error_code, Result<T>> Desk::run(Start start) {
  std::pair<error_code, Result<T>> out{boost::asio::error::operation_aborted, {}};
  start([&out](error_code ec, Result<T> result) { out = {ec, std::move(result)}; });
  io_.restart();
  io_.run();
  return out;
}

PageContext Desk::context(const FormFields& fields) const {
  PageContext c;
  c.token = token_;
  c.lang = field(fields, "lang") == "en" ? "en" : "tr";
  c.logged_in = session_.has_value();
  if (session_) {
    const auto info = session_->info();
    c.officer = info.first_name + " " + info.last_name + " (" + info.tckn_masked + ")";
  }
  return c;
}

Reply Desk::handle(std::string_view method, std::string_view path, FormFields& fields) {
  const PageContext c = context(fields);
  cli::set_ui_language(c.lang == "en" ? Language::en : Language::tr);
  const bool post = method == "POST";
  if (path == "/login" && post) return log_in(c, fields);
  if (!session_) return login_page(c);
  if (path == "/" || path == "/applications") return applications(c);
  if (path == "/upload") return post ? upload(c, fields) : upload_page(c);
  if (path == "/request" && post) return send_one_row(c, fields);
  if (path == "/list") return list(c);
  if (path == "/sign" && post) return sign(c, fields);
  return reply(404, page(c, path, say("Sayfa yok", "No such page"), ""));
}

Reply Desk::refusal(const PageContext& c, std::string_view title, const error_code& ec, const Problem* problem) {
  // The portal session ended: the officer logs in again.
  if (problem != nullptr && problem->is("session_expired")) {
    session_.reset();
    PageContext out = c;
    out.logged_in = false;
    return login_page(out, describe(ec, problem, cli::ui_language()));
  }
  return reply(422,
               page(c, "/", title, "<p class=\"refused\">" + e(describe(ec, problem, cli::ui_language())) + "</p>"));
}

Reply Desk::login_page(const PageContext& c, const std::string& message) {
  const std::string body =
      (message.empty() ? "" : "<p class=\"refused\">" + e(message) + "</p>") + "<p>" +
      e(say("Kurum yetkilisi olarak e-Devlet ile giriş yapın. Şifre yalnızca portala, sizin T.C. Kimlik "
            "No'nuzla gönderilir; saklanmaz.",
            "Log in through e-Devlet as the institution's officer. The password goes only to the portal, with "
            "your T.C. Kimlik No; it is not kept.")) +
      "</p><form method=\"post\" action=\"/login\">" + hidden_inputs(c) +
      "<p><label for=\"tckn\">T.C. Kimlik No</label><input type=\"text\" id=\"tckn\" name=\"tckn\" "
      "autocomplete=\"off\" inputmode=\"numeric\"></p><p><label for=\"password\">" +
      e(say("e-Devlet şifresi", "e-Devlet password")) +
      "</label><input type=\"password\" id=\"password\" name=\"password\" autocomplete=\"off\"></p><button "
      "type=\"submit\">" +
      e(say("Giriş yap", "Log in")) + "</button></form>";
  return reply(200, page(c, "/", say("Giriş", "Login"), body));
}

Reply Desk::log_in(const PageContext& c, FormFields& fields) {
  Credentials credentials{SecretString(field(fields, "tckn")), SecretString(field(fields, "password"))};
  wipe(fields);
  auto [ec, session] = run<Session>([&](auto h) { client_->async_login(std::move(credentials), std::move(h)); });
  if (ec) return login_page(c, describe(ec, session.problem(), cli::ui_language()));
  session_ = std::move(session).value();
  Reply moved;
  moved.status = 303;
  moved.location = link(context(fields), "/applications");
  return moved;
}

Reply Desk::upload_page(const PageContext& c) {
  const std::string body =
      "<p>" +
      e(say("İK dışa aktarımı (CSV, UTF-8, başlık satırıyla; nes prefill sütunları). Her satır önce burada "
            "denetlenir: tckn, first_name, last_name, email (iş e-postası), unit, work_phone. Aynı liste yeniden "
            "gönderildiğinde yeni bir şey oluşmaz.",
            "The HR export (CSV, UTF-8, with a header row; nes prefill's columns). Each row is checked here "
            "first: tckn, first_name, last_name, email (the work address), unit, work_phone. The same list sent "
            "again creates nothing.")) +
      "</p><form method=\"post\" action=\"/upload\" enctype=\"multipart/form-data\">" + hidden_inputs(c) +
      "<p><label for=\"csv\">" + e(say("Personel listesi (CSV)", "Staff list (CSV)")) +
      "</label><input type=\"file\" id=\"csv\" name=\"csv\" accept=\".csv,text/csv\"></p><button type=\"submit\">" +
      e(say("Gönder", "Send")) + "</button></form>";
  return reply(200, page(c, "/upload", say("Personel listesi gönder", "Send the staff list"), body));
}

Reply Desk::upload(const PageContext& c, FormFields& fields) {
  auto local = prefill_requests(field(fields, "csv"));
  wipe(fields);
  if (!local.file_problems.empty()) {
    return reply(422, page(c, "/upload", say("Personel listesi", "Staff list"),
                           "<p class=\"refused\">" + e(say("CSV okunamadı:", "The CSV cannot be read:")) + "</p>" +
                               problems_html(local.file_problems)));
  }
  std::vector<StaffRequest> rows;
  std::vector<std::size_t> sent;  // index into local.rows of each row sent
  for (std::size_t i = 0; i < local.rows.size(); ++i) {
    const auto& row = local.rows[i];
    if (!row.valid()) continue;
    rows.push_back({row.tckn, row.first_name, row.last_name, row.unit, row.work_email, row.work_phone});
    sent.push_back(i);
  }
  StaffRequestReport report;
  if (!rows.empty()) {
    Officer officer(*session_, options_.institution);
    auto [ec, answered] = run<StaffRequestReport>([&](auto h) { officer.async_upload(std::move(rows), std::move(h)); });
    if (ec) return refusal(c, say("Personel listesi", "Staff list"), ec, answered.problem());
    report = std::move(answered).value();
  }
  std::vector<const StaffRequestOutcome*> remote(local.rows.size(), nullptr);
  for (const auto& r : report.rows) {
    if (r.row < sent.size()) remote[sent[r.row]] = &r;
  }
  int refused = 0;
  std::string table = "<table><tr><th>" + e(say("Satır", "Line")) + "</th><th>T.C. Kimlik No</th><th>" +
                      e(say("Ad Soyad", "Name")) + "</th><th>" + e(say("Sonuç", "Outcome")) + "</th></tr>";
  std::string corrections;
  for (std::size_t i = 0; i < local.rows.size(); ++i) {
    const auto& row = local.rows[i];
    table += "<tr><td>" + std::to_string(row.line) + "</td><td>" + e(row.tckn_masked) + "</td><td>" +
             e(row.first_name + " " + row.last_name) + "</td>";
    if (remote[i] != nullptr) {
      table += outcome_cell(*remote[i]);
    } else {
      table += "<td class=\"refused\">" + e(say("Gönderilmedi:", "Not sent:")) + problems_html(row.problems) + "</td>";
    }
    table += "</tr>";
    if (remote[i] == nullptr || !remote[i]->accepted) {
      ++refused;
      corrections += "<h3>" + e(say("Satır ", "Line ")) + std::to_string(row.line) + "</h3>" + row_form(c, row);
    }
  }
  table += "</table>";
  const std::string summary = "<p>" + std::to_string(report.accepted) + e(say(" kabul (", " accepted (")) +
                              std::to_string(report.created) + e(say(" yeni), ", " new), ")) + std::to_string(refused) +
                              e(say(" reddedildi.", " refused.")) + "</p>";
  const std::string fix =
      corrections.empty()
          ? std::string()
          : "<h2>" + e(say("Reddedilen satırları düzeltin", "Correct the refused rows")) + "</h2>" + corrections;
  return reply(200,
               page(c, "/upload", say("Personel listesi: sonuç", "Staff list: the report"), summary + table + fix));
}

Reply Desk::send_one_row(const PageContext& c, FormFields& fields) {
  std::vector<StaffRequest> rows;
  rows.push_back({SecretString(field(fields, "tckn")), field(fields, "first_name"), field(fields, "last_name"),
                  field(fields, "unit"), field(fields, "work_email"), field(fields, "work_phone")});
  PrefillRequestRow shown;
  shown.tckn = rows[0].tckn;
  shown.first_name = rows[0].first_name;
  shown.last_name = rows[0].last_name;
  shown.unit = rows[0].unit;
  shown.work_email = rows[0].work_email;
  shown.work_phone = rows[0].work_phone;
  wipe(fields);
  Officer officer(*session_, options_.institution);
  auto [ec, report] = run<StaffRequestReport>([&](auto h) { officer.async_upload(std::move(rows), std::move(h)); });
  if (ec) return refusal(c, say("Satır", "Row"), ec, report.problem());
  const auto& outcome = report->rows.at(0);
  std::string body = "<table><tr><th>T.C. Kimlik No</th><th>" + e(say("Ad Soyad", "Name")) + "</th><th>" +
                     e(say("Sonuç", "Outcome")) + "</th></tr><tr><td>" + e(masked(shown.tckn)) + "</td><td>" +
                     e(shown.first_name + " " + shown.last_name) + "</td>" + outcome_cell(outcome) + "</tr></table>";
  if (!outcome.accepted) body += row_form(c, shown);
  return reply(200, page(c, "/upload", say("Düzeltilen satır", "The corrected row"), body));
}

Reply Desk::applications(const PageContext& c) {
  Officer officer(*session_, options_.institution);
  auto [ec, overview] = run<InstitutionOverview>([&](auto h) { officer.async_overview(std::move(h)); });
  if (ec) return refusal(c, say("İstekler ve başvurular", "Requests and applications"), ec, overview.problem());
  std::string body = "<p>" + e(overview->institution.name) + "</p><h3>" + e(say("İstekler", "Requests")) +
                     "</h3><table><tr><th>" + e(say("İstek", "Request")) + "</th><th>T.C. Kimlik No</th><th>" +
                     e(say("Ad Soyad", "Name")) + "</th><th>" + e(say("Birim", "Unit")) + "</th><th>" +
                     e(say("Erişim parolası", "Access code")) + "</th></tr>";
  for (const auto& r : overview->requests) {
    body += "<tr><td>" + e(r.request_id) + "</td><td>" + e(masked(r.tckn)) + "</td><td>" +
            e(r.first_name + " " + r.last_name) + "</td><td>" + e(r.unit) + "</td><td>" +
            e(r.application_id.empty() ? say("henüz kullanılmadı", "not used yet")
                                       : say("kullanıldı: ", "used: ") + r.application_id) +
            "</td></tr>";
  }
  body += "</table><h3>" + e(say("Başvurular", "Applications")) + "</h3><table><tr><th>" +
          e(say("Başvuru No", "Application")) + "</th><th>T.C. Kimlik No</th><th>" + e(say("Ad Soyad", "Name")) +
          "</th><th>" + e(say("Durum", "Status")) + "</th><th>" + e(say("Ücret", "Fee")) + "</th></tr>";
  for (const auto& a : overview->applications) {
    std::string status = std::string(cli::say(status_label(a.status)));
    if (!a.held_back_reason.empty()) status += say(" (listeden çıkarıldı: ", " (left off: ") + a.held_back_reason + ")";
    body += "<tr><td>" + e(a.id) + "</td><td>" + e(masked(a.tckn)) + "</td><td>" + e(a.first_name + " " + a.last_name) +
            "</td><td class=\"status\">" + e(status) + "</td><td>" + e(a.fee.total.format_tr()) + "</td></tr>";
  }
  body += "</table>";
  return reply(200, page(c, "/applications", say("İstekler ve başvurular", "Requests and applications"), body));
}

Reply Desk::list(const PageContext& c, const std::string& message) {
  Officer officer(*session_, options_.institution);
  auto [ec, list] = run<InstitutionList>([&](auto h) { officer.async_list(std::move(h)); });
  if (ec) return refusal(c, say("NES başvuru listesi", "The NES application list"), ec, list.problem());
  auto [oec, overview] = run<InstitutionOverview>([&](auto h) { officer.async_overview(std::move(h)); });
  if (oec) return refusal(c, say("NES başvuru listesi", "The NES application list"), oec, overview.problem());
  std::string rows;
  for (const auto& a : overview->applications) {
    if (a.status != ApplicationStatus::awaiting_institution) continue;
    rows += "<tr><td>" + e(a.id) + "</td><td>" + e(a.first_name + " " + a.last_name) +
            "</td><td><input type=\"checkbox\" name=\"exclude_" + e(a.id) + "\" id=\"exclude_" + e(a.id) +
            "\"></td><td><input type=\"text\" name=\"reason_" + e(a.id) + "\" aria-label=\"" +
            e(say("Neden", "Reason")) + "\"></td></tr>";
  }
  std::string body = message.empty() ? std::string() : "<p class=\"refused\">" + e(message) + "</p>";
  if (rows.empty()) {
    body +=
        "<p>" + e(say("Kurumun onayını bekleyen başvuru yok.", "No application waits for the institution.")) + "</p>";
    return reply(200, page(c, "/list", say("NES başvuru listesi", "The NES application list"), body));
  }
  body += "<p>" + e(say("İmzalanacak metin, tam olarak:", "The text to be signed, exactly:")) + "</p><pre>" +
          e(list->document) + "</pre><p class=\"note\">" + e(say("Liste sürümü: ", "List version: ")) +
          e(list->version) + "</p><form method=\"post\" action=\"/sign\">" + hidden_inputs(c) +
          "<input type=\"hidden\" name=\"version\" value=\"" + e(list->version) + "\"><table><tr><th>" +
          e(say("Başvuru No", "Application")) + "</th><th>" + e(say("Ad Soyad", "Name")) + "</th><th>" +
          e(say("Listeden çıkar", "Leave off")) + "</th><th>" + e(say("Neden", "Reason")) + "</th></tr>" + rows +
          "</table><p><label for=\"pin\">" + e(say("Kartın PIN'i", "The card's PIN")) +
          "</label><input type=\"password\" id=\"pin\" name=\"pin\" autocomplete=\"off\"></p><p class=\"note\">" +
          e(say("PIN yalnızca bu makinedeki karta gider; saklanmaz ve kendiliğinden yeniden denenmez.",
                "The PIN goes only to the card on this machine; it is not kept and never retried on its own.")) +
          "</p><button type=\"submit\">" + e(say("Listeyi e-imza ile imzala", "Sign the list by e-imza")) +
          "</button></form>";
  return reply(200, page(c, "/list", say("NES başvuru listesi", "The NES application list"), body));
}

std::shared_ptr<Signer> Desk::signer(SecretString pin, std::string& detail) {
  Pkcs11Options token;
  token.module = options_.module;
  token.token_label = options_.token_label;
  token.certificate_id = options_.certificate_id;
  // The PIN typed in the page, given once: a wrong one is not tried again.
  auto given = std::make_shared<SecretString>(std::move(pin));
  token.pin = [given](const PinRequest&, std::function<void(error_code, SecretString)> give) {
    if (given->empty()) return give(boost::asio::error::operation_aborted, {});
    give({}, std::exchange(*given, SecretString()));
  };
  error_code ec;
  std::shared_ptr<Signer> signer = Pkcs11Signer::create(io_.get_executor(), token, ec, &detail);
  if (signer && timestamps_) signer = std::make_shared<TimestampingSigner>(std::move(signer), *timestamps_);
  return signer;
}

Reply Desk::sign(const PageContext& c, FormFields& fields) {
  const std::string version = field(fields, "version");
  std::vector<HeldBack> excluded;
  for (const auto& [name, value] : fields) {
    if (name.rfind("exclude_", 0) != 0 || value.empty()) continue;
    const std::string id = name.substr(8);
    const std::string reason = field(fields, "reason_" + id);
    if (reason.empty()) {
      wipe(fields);
      return list(c, say("Listeden çıkardığınız her başvuru için bir neden yazın.",
                         "Write a reason for each application you leave off."));
    }
    excluded.emplace_back(id, reason);
  }
  SecretString pin(field(fields, "pin"));
  wipe(fields);
  if (pin.empty()) return list(c, say("Kartın PIN'ini yazın.", "Type the card's PIN."));
  std::string detail;
  auto card = signer(std::move(pin), detail);
  if (!card) return list(c, say("Kart açılamadı: ", "The card cannot be opened: ") + detail);
  error_code ec;
  auto run_ = ListSigner::begin(Officer(*session_, options_.institution), journal_, version, std::move(excluded),
                                ListSigningOptions{card, {}}, ec, &detail);
  if (!run_) return list(c, detail);
  auto [sec, decision] = run<ListDecision>([&](auto h) { run_->async_run(std::move(h)); });
  if (sec) return list(c, describe(sec, decision.problem(), cli::ui_language()));
  const std::string body =
      "<p class=\"ok\">" +
      e(say("Liste kabul edildi: karar ", "The list is accepted: decision ") + decision->id + ", " +
        std::to_string(decision->included.size()) + say(" başvuru onaylandı, toplam ", " approved, total ") +
        decision->total.format_tr() + say("; kurumun faturası: ", "; the institution's invoice: ") + decision->id) +
      "</p><p><a href=\"" + link(c, "/applications") + "\">" +
      e(say("Başvuruların durumlarına bakın", "See the applications' statuses")) + "</a></p>";
  return reply(200, page(c, "/list", say("Liste imzalandı", "The list is signed"), body));
}

}  // namespace nes::hr_desk
