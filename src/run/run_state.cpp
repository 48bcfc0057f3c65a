#include "run/run_state.hpp"

#include <nes/form_json.hpp>

#include <boost/url/parse.hpp>

namespace nes::detail {

namespace {

// Two spellings of one portal: the same scheme, host and port (written or not).
bool same_portal(std::string_view a, std::string_view b) {
  const auto x = boost::urls::parse_absolute_uri(a);
  const auto y = boost::urls::parse_absolute_uri(b);
  if (!x || !y) return false;
  auto port = [](const boost::urls::url_view& u) {
    return u.has_port() ? u.port_number() : (u.scheme() == "https" ? 443 : 80);
  };
  auto host = [](const boost::urls::url_view& u) {
    std::string h(u.encoded_host());
    for (char& c : h) c = (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
    return h;
  };
  return x->scheme() == y->scheme() && host(*x) == host(*y) && port(*x) == port(*y);
}

bool refuse(error_code& ec, std::string* detail, std::string why) {
  ec = errc::invalid_argument;
  if (detail != nullptr) *detail = std::move(why);
  return false;
}

}  // namespace

bool usable(const std::shared_ptr<Journal>& journal, const ApplicationRunOptions& options, error_code& ec,
            std::string* detail) {
  if (!journal) return refuse(ec, detail, "no journal");
  if (!options.password && !options.session && !options.login_with_signature) {
    return refuse(ec, detail, "no password source, no session and no e-imza login");
  }
  ec = {};
  return true;
}

std::shared_ptr<ApplicationRunImpl> ApplicationRunImpl::make(Client client, std::shared_ptr<Journal> journal,
                                                             JournalEntry entry, ApplicationRunOptions options,
                                                             error_code& ec, std::string* detail) {
  if (!same_portal(entry.portal, client.portal_url())) {
    refuse(ec, detail, "the journal entry is for " + entry.portal + ", the client for " + client.portal_url());
    return nullptr;
  }
  auto decoded = decode_form_json(entry.form_json.reveal());
  if (!decoded.form) {
    refuse(ec, detail, "the journal entry's form cannot be read");
    return nullptr;
  }
  if (decoded.form->identity.tckn.reveal() != entry.tckn) {
    refuse(ec, detail, "the journal entry's form is another person's");
    return nullptr;
  }
  ec = {};
  return std::make_shared<ApplicationRunImpl>(std::move(client), std::move(journal), std::move(entry),
                                              std::move(*decoded.form), std::move(options));
}

ApplicationRunImpl::ApplicationRunImpl(Client client, std::shared_ptr<Journal> journal, JournalEntry entry,
                                       ApplicationForm form, ApplicationRunOptions options)
    : client_(std::move(client)),
      journal_(std::move(journal)),
      form_(std::move(form)),
      tckn_(entry.tckn),
      options_(std::move(options)),
      entry_(std::move(entry)) {}

JournalEntry ApplicationRunImpl::entry() const {
  const std::lock_guard lock(mutex_);
  return entry_;
}

std::optional<error_code> ApplicationRunImpl::record(JournalStep step, const std::string& status,
                                                     const std::string& application_id) {
  error_code ec;
  {
    const std::lock_guard lock(mutex_);
    entry_.step = step;
    if (!status.empty()) entry_.portal_status = status;
    if (!application_id.empty()) entry_.application_id = application_id;
    if (journal_->record(entry_, ec)) return std::nullopt;
  }
  note_failure("the journal", ec, nullptr, {});
  return ec;
}

void ApplicationRunImpl::report(RunStage stage, const RunDetails& details) {
  if (!options_.progress) return;
  const JournalEntry now = entry();
  options_.progress(RunProgress{stage, now, details.session, details.institution, details.notice, details.application,
                                details.otp, details.problem, details.approval});
}

void ApplicationRunImpl::note_failure(const std::string& what, const error_code& ec, const Problem* problem,
                                      const std::string& detail) {
  std::string note = what + ": " + ec.message();
  if (problem != nullptr) note += " [" + problem->code + "]" + (problem->detail.empty() ? "" : ": " + problem->detail);
  if (!detail.empty()) note += ": " + detail;
  const std::lock_guard lock(mutex_);
  entry_.note = std::move(note);
  error_code ignored;  // the run ends either way; the step stays as recorded
  journal_->record(entry_, ignored);
}

PasswordRequest ApplicationRunImpl::password_request(bool again) const {
  const auto digits = tckn_.reveal();
  const std::size_t hidden = digits.size() > 2 ? digits.size() - 2 : 0;
  PasswordRequest request;
  request.tckn = tckn_;
  request.tckn_masked = std::string(hidden, '*') + std::string(digits.substr(hidden));  // as the portal masks it
  request.again = again;
  return request;
}

boost::asio::awaitable<std::pair<error_code, bool>> ApplicationRunImpl::acknowledge(const Institution& institution,
                                                                                    const Notice& notice) {
  if (!options_.acknowledge) co_return std::pair<error_code, bool>(errc::invalid_argument, false);
  auto ask = [this, &institution, &notice](op::Give<bool> give) {
    options_.acknowledge(institution, notice, std::move(give));
  };
  co_return co_await op::ask_caller<bool>(std::move(ask));
}

boost::asio::awaitable<std::pair<error_code, SecretString>> ApplicationRunImpl::ask_access_code(
    const Institution& institution) {
  if (!options_.access_code) co_return std::pair<error_code, SecretString>(errc::invalid_argument, SecretString{});
  auto ask = [this, &institution](op::Give<SecretString> give) { options_.access_code(institution, std::move(give)); };
  co_return co_await op::ask_caller<SecretString>(std::move(ask));
}

boost::asio::awaitable<std::pair<error_code, ApprovalRoute>> ApplicationRunImpl::choose_route(
    const ApplicationInfo& info) {
  if (!options_.approval_route) co_return std::pair<error_code, ApprovalRoute>(errc::invalid_argument, {});
  auto ask = [this, &info](op::Give<ApprovalRoute> give) { options_.approval_route(info, std::move(give)); };
  co_return co_await op::ask_caller<ApprovalRoute>(std::move(ask));
}

}  // namespace nes::detail
