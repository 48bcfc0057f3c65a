// ListSigner: the officer's signature of the institution's list over the
// public Officer, Signer and Journal. As in ApplicationRun, each state change
// on the portal is bracketed by journal records: the step is written before
// the request may reach the portal, and the answer before anything else is
// done with it. The CMS is recorded before it is sent: a run killed after
// that sends the same bytes, which the portal answers as the first time.

#include "op/launch.hpp"

#include <nes/list_signer.hpp>

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

#include <array>
#include <mutex>

namespace nes {

namespace detail {

namespace {

namespace asio = boost::asio;
namespace json = boost::json;
constexpr auto use_tuple = asio::as_tuple(asio::use_awaitable);

constexpr std::array<std::string_view, 7> stage_names{"continuing", "deciding",      "decided", "signed",
                                                      "signing",    "sign-answered", "finished"};

std::string excluded_json(const std::vector<HeldBack>& excluded) {
  json::array rows;
  for (const auto& held : excluded) rows.push_back({{"application_id", held.application_id}, {"reason", held.reason}});
  return json::serialize(rows);
}

// The journal wrote it: a text that does not read back is a broken journal.
std::optional<std::vector<HeldBack>> excluded_from(std::string_view text) {
  boost::system::error_code ec;
  const auto value = json::parse(text, ec);
  if (ec || !value.is_array()) return std::nullopt;
  std::vector<HeldBack> rows;
  for (const auto& row : value.get_array()) {
    const auto* o = row.if_object();
    const auto* id = o != nullptr ? o->if_contains("application_id") : nullptr;
    const auto* reason = o != nullptr ? o->if_contains("reason") : nullptr;
    if (id == nullptr || reason == nullptr || !id->is_string() || !reason->is_string()) return std::nullopt;
    rows.emplace_back(std::string(id->get_string()), std::string(reason->get_string()));
  }
  return rows;
}

// Refusals after which this entry has nothing more to do: a new decision is
// the officer's to make.
bool ends_the_entry(const Problem* problem) {
  return problem != nullptr && (problem->is("list_changed") || problem->is("nothing_to_sign"));
}

}  // namespace

class ListSignerImpl {
 public:
  ListSignerImpl(Officer officer, std::shared_ptr<Journal> journal, ListSigningOptions options, ListSigningEntry entry,
                 bool continued)
      : officer_(std::move(officer)),
        journal_(std::move(journal)),
        options_(std::move(options)),
        continued_(continued),
        entry_(std::move(entry)) {}

  [[nodiscard]] asio::any_io_executor executor() const { return officer_.get_executor(); }
  [[nodiscard]] bool continued() const noexcept { return continued_; }
  [[nodiscard]] ListSigningEntry entry() const {
    const std::lock_guard lock(mutex_);
    return entry_;
  }

  asio::awaitable<op::Outcome<ListDecision>> run() {
    if (continued_) report(ListSigningStage::continuing);
    auto decision = co_await decided();
    if (decision.ec) co_return decision;
    if (decision.result->status != ListDecisionStatus::awaiting_signature) co_return finish(*decision.result);
    if (entry().step == ListSigningStep::decided) {
      auto cms = co_await sign(*decision.result);
      if (cms.ec) co_return op::relay<ListDecision>(cms);
    }
    co_return co_await send(*decision.result);
  }

 private:
  // The decision: asked for (recorded first), or the recorded one read back.
  asio::awaitable<op::Outcome<ListDecision>> decided() {
    const ListSigningEntry now = entry();
    if (now.step != ListSigningStep::started) {
      auto [ec, decision] = co_await officer_.async_decision(now.decision_id, use_tuple);
      if (ec) co_return fail<ListDecision>("the decision " + now.decision_id, ec, decision.problem());
      co_return op::succeeded(std::move(decision).value());
    }
    auto excluded = excluded_from(now.excluded_json);
    if (!excluded) co_return fail<ListDecision>("the journal's rows left out", errc::journal_failed);
    std::string version = now.version;
    if (version.empty()) {
      auto [lec, list] = co_await officer_.async_list(use_tuple);
      if (lec) co_return fail<ListDecision>("the institution's list", lec, list.problem());
      version = list->version;
      update([&](ListSigningEntry& e) { e.version = version; });
    }
    if (auto ec = record(ListSigningStep::started)) co_return op::failed<ListDecision>(*ec);
    report(ListSigningStage::deciding);
    auto [dec, decision] = co_await officer_.async_decide(version, std::move(*excluded), use_tuple);
    if (dec) {
      if (ends_the_entry(decision.problem())) finish_refused(decision.problem()->code);
      co_return fail<ListDecision>("the decision", dec, decision.problem());
    }
    update([&id = decision->id](ListSigningEntry& e) { e.decision_id = id; });
    if (auto ec = record(ListSigningStep::decided)) co_return op::failed<ListDecision>(*ec);
    report(ListSigningStage::decided, &*decision);
    co_return op::succeeded(std::move(decision).value());
  }

  // The decision's document signed to the portal's profile, and recorded.
  asio::awaitable<op::Outcome<Done>> sign(const ListDecision& decision) {
    auto [pec, profile] = co_await officer_.async_signature_profile(use_tuple);
    if (pec) co_return fail<Done>("the signature profile", pec, profile.problem());
    auto [sec, signature] = co_await options_.signer->async_sign(decision.document, *profile, use_tuple);
    if (sec) co_return fail<Done>("the signature", sec, signature.problem());
    report(ListSigningStage::signed_here, &decision);
    update([&cms = signature->cms_der](ListSigningEntry& e) { e.signature = cms; });
    if (auto ec = record(ListSigningStep::signing)) co_return op::failed<Done>(*ec);
    co_return op::succeeded(Done{});
  }

  asio::awaitable<op::Outcome<ListDecision>> send(const ListDecision& decision) {
    report(ListSigningStage::signing, &decision);
    auto [ec, answered] = co_await officer_.async_submit_signature(decision.id, entry().signature, use_tuple);
    const Problem* problem = answered.problem();
    if (ec && problem != nullptr && problem->is("decision_already_signed")) {
      // Another run's signature was accepted: the decision as it stands.
      auto [dec, now] = co_await officer_.async_decision(decision.id, use_tuple);
      if (!dec) co_return finish(*now);
    }
    if (ec) {
      if (ends_the_entry(problem)) finish_refused(problem->code);
      // The portal read this signature and refused it (a missing time stamp,
      // a certificate it does not take): it was not accepted, so the next run
      // signs the decision again.
      if (problem != nullptr && problem->http_status == 422) {
        update([](ListSigningEntry& e) { e.signature.clear(); });
        record(ListSigningStep::decided);
      }
      co_return fail<ListDecision>("the list's signature", ec, problem);
    }
    report(ListSigningStage::sign_answered, &*answered);
    co_return finish(*answered);
  }

  op::Outcome<ListDecision> finish(const ListDecision& decision) {
    update([&](ListSigningEntry& e) { e.note = std::string(to_string(decision.status)); });
    if (auto ec = record(ListSigningStep::finished)) return op::failed<ListDecision>(*ec);
    report(ListSigningStage::finished, &decision);
    return op::succeeded(decision);
  }

  void finish_refused(const std::string& code) {
    update([&](ListSigningEntry& e) { e.note = code; });
    record(ListSigningStep::finished);
  }

  template <class Change>
  void update(Change change) {
    const std::lock_guard lock(mutex_);
    change(entry_);
  }

  std::optional<error_code> record(ListSigningStep step) {
    error_code ec;
    const std::lock_guard lock(mutex_);
    entry_.step = step;
    if (!journal_->record(entry_, ec)) return ec;
    return std::nullopt;
  }

  void report(ListSigningStage stage, const ListDecision* decision = nullptr) {
    if (!options_.progress) return;
    const ListSigningEntry now = entry();
    options_.progress(ListSigningProgress{stage, now, decision});
  }

  template <class T>
  op::Outcome<T> fail(const std::string& what, error_code ec, const Problem* problem = nullptr) {
    update([&](ListSigningEntry& e) {
      if (e.step != ListSigningStep::finished) {
        e.note = what + ": " + (problem != nullptr ? problem->code : ec.message());
      }
    });
    error_code ignored;
    {
      const std::lock_guard lock(mutex_);
      if (entry_.step != ListSigningStep::finished) journal_->record(entry_, ignored);
    }
    if (problem != nullptr) return op::refused<T>(ec, *problem);
    return op::failed<T>(ec);
  }

  Officer officer_;
  std::shared_ptr<Journal> journal_;
  ListSigningOptions options_;
  bool continued_ = false;
  mutable std::mutex mutex_;
  ListSigningEntry entry_;
};

}  // namespace detail

std::string_view to_string(ListSigningStage stage) noexcept {
  return detail::stage_names.at(static_cast<std::size_t>(stage));
}

std::optional<ListSigner> ListSigner::begin(Officer officer, std::shared_ptr<Journal> journal, std::string version,
                                            std::vector<HeldBack> excluded, ListSigningOptions options, error_code& ec,
                                            std::string* detail) {
  auto refuse = [&](std::string why) {
    ec = errc::invalid_argument;
    if (detail != nullptr) *detail = std::move(why);
    return std::nullopt;
  };
  if (!journal) return refuse("ListSigner needs a journal");
  if (!options.signer) return refuse("ListSigningOptions::signer is required");
  ListSigningEntry proposed;
  proposed.portal = officer.session().portal_url();
  // The masked T.C. Kimlik No shows two digits: with the name, two officers
  // of one institution are told apart.
  const auto who = officer.session().info();
  proposed.officer = who.tckn_masked + " " + who.first_name + " " + who.last_name;
  proposed.institution_id = officer.institution_id();
  proposed.version = std::move(version);
  proposed.excluded_json = detail::excluded_json(excluded);
  bool existed = false;
  auto entry = journal->begin(std::move(proposed), ec, &existed);
  if (!entry) {
    if (detail != nullptr) *detail = "the journal cannot record the list's signature";
    return std::nullopt;
  }
  return ListSigner(std::make_shared<detail::ListSignerImpl>(std::move(officer), std::move(journal), std::move(options),
                                                             std::move(*entry), existed));
}

ListSigner::executor_type ListSigner::get_executor() const { return impl_->executor(); }
ListSigningEntry ListSigner::entry() const { return impl_->entry(); }
bool ListSigner::continued() const noexcept { return impl_->continued(); }

void ListSigner::run_impl(Impl impl, ResultHandler<ListDecision> handler) {
  auto executor = impl->executor();
  op::launch_member(executor, std::move(impl), &detail::ListSignerImpl::run, std::move(handler));
}

}  // namespace nes
