#include "portal/store/institution_store.hpp"

#include "portal/clock.hpp"
#include "portal/crypto/encoding.hpp"
#include "portal/store/statement.hpp"

#include <nes/lifecycle.hpp>

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

#include <algorithm>
#include <stdexcept>

namespace nes::portal::store {

namespace {

namespace json = boost::json;

constexpr std::string_view request_columns =
    "r.id, r.institution_id, r.tckn, r.first_name, r.last_name, r.unit, r.work_email, r.work_phone, "
    "r.officer_tckn, r.access_code_hash, r.application_id, r.created_at_ms";

constexpr std::string_view decision_columns =
    "id, institution_id, officer_tckn, version, document, included, excluded, total_kurus, created_at_ms, "
    "signature, signed_at_ms, paid_at_ms";

constexpr std::string_view id_alphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ";

InstitutionRequest read_request(const Statement& s) {
  return InstitutionRequest{.id = s.text(0),
                            .institution_id = s.text(1),
                            .tckn = s.text(2),
                            .first_name = s.text(3),
                            .last_name = s.text(4),
                            .unit = s.text(5),
                            .work_email = s.text(6),
                            .work_phone = s.text(7),
                            .officer_tckn = s.text(8),
                            .access_code_hash = s.text(9),
                            .application_id = s.optional_text(10),
                            .created_at_ms = s.integer(11)};
}

std::string encode_included(const std::vector<std::string>& ids) {
  json::array out;
  for (const auto& id : ids) out.emplace_back(id);
  return json::serialize(out);
}

std::string encode_excluded(const std::vector<HeldBack>& rows) {
  json::array out;
  for (const auto& row : rows)
    out.push_back(json::object{{"application_id", row.application_id}, {"reason", row.reason}});
  return json::serialize(out);
}

ListDecision read_decision(const Statement& s) {
  ListDecision d{.id = s.text(0),
                 .institution_id = s.text(1),
                 .officer_tckn = s.text(2),
                 .version = s.text(3),
                 .document = s.text(4),
                 .included = {},
                 .excluded = {},
                 .total_kurus = s.integer(7),
                 .created_at_ms = s.integer(8),
                 .signature = s.optional_text(9),
                 .signed_at_ms = s.optional_integer(10),
                 .paid_at_ms = s.optional_integer(11)};
  // Written by this store only; a row that does not parse is a broken database.
  const json::value included = json::parse(s.text(5));
  const json::value excluded = json::parse(s.text(6));
  for (const auto& id : included.as_array()) d.included.emplace_back(id.as_string());
  for (const auto& row : excluded.as_array()) {
    const auto& o = row.as_object();
    d.excluded.push_back({std::string(o.at("application_id").as_string()), std::string(o.at("reason").as_string())});
  }
  return d;
}

std::optional<ListDecision> select_decision(sqlite3* db, std::string_view id) {
  Statement s(db, "SELECT " + std::string(decision_columns) + " FROM list_decisions WHERE id = ?1");
  s.bind(1, id);
  if (!s.step()) return std::nullopt;
  return read_decision(s);
}

template <class Taken>
std::string fresh_id(std::string_view prefix, Taken taken) {
  std::string id;
  do {
    id = std::string(prefix) + crypto::random_string(8, id_alphabet);
  } while (taken(id));
  return id;
}

bool row_exists(sqlite3* db, std::string_view table, const std::string& id) {
  Statement s(db, "SELECT 1 FROM " + std::string(table) + " WHERE id = ?1");
  s.bind(1, id);
  return s.step();
}

}  // namespace

std::pair<InstitutionRequest, bool> InstitutionStore::add_request(
    InstitutionRequest request, const std::function<std::string(std::string_view id)>& code_hash) {
  return database_.with_connection([&](sqlite3* db) {
    Transaction transaction(db);
    Statement open(db, "SELECT " + std::string(request_columns) +
                           " FROM institution_requests r LEFT JOIN applications a ON a.id = r.application_id "
                           "WHERE r.institution_id = ?1 AND r.tckn = ?2 AND (r.application_id IS NULL OR "
                           "a.status NOT IN ('completed', 'cancelled', 'expired', 'rejected'))");
    open.bind(1, request.institution_id);
    open.bind(2, request.tckn);
    if (open.step()) return std::pair{read_request(open), false};
    request.id = fresh_id("req_", [&](const std::string& id) { return row_exists(db, "institution_requests", id); });
    request.access_code_hash = code_hash(request.id);
    Statement insert(db,
                     "INSERT INTO institution_requests (id, institution_id, tckn, first_name, last_name, unit, "
                     "work_email, work_phone, officer_tckn, access_code_hash, application_id, created_at_ms) "
                     "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, NULL, ?11)");
    insert.bind(1, request.id);
    insert.bind(2, request.institution_id);
    insert.bind(3, request.tckn);
    insert.bind(4, request.first_name);
    insert.bind(5, request.last_name);
    insert.bind(6, request.unit);
    insert.bind(7, request.work_email);
    insert.bind(8, request.work_phone);
    insert.bind(9, request.officer_tckn);
    insert.bind(10, request.access_code_hash);
    insert.bind(11, request.created_at_ms);
    insert.run();
    transaction.commit();
    return std::pair{std::move(request), true};
  });
}

std::vector<InstitutionRequest> InstitutionStore::requests_of_institution(std::string_view institution_id) const {
  return database_.with_connection([&](sqlite3* db) {
    Statement s(db, "SELECT " + std::string(request_columns) +
                        " FROM institution_requests r WHERE r.institution_id = ?1 ORDER BY r.created_at_ms DESC, r.id");
    s.bind(1, institution_id);
    std::vector<InstitutionRequest> out;
    while (s.step()) out.push_back(read_request(s));
    return out;
  });
}

std::vector<InstitutionRequest> InstitutionStore::unused_requests_of(std::string_view tckn) const {
  return database_.with_connection([&](sqlite3* db) {
    Statement s(db, "SELECT " + std::string(request_columns) +
                        " FROM institution_requests r WHERE r.tckn = ?1 AND r.application_id IS NULL "
                        "ORDER BY r.created_at_ms DESC, r.id");
    s.bind(1, tckn);
    std::vector<InstitutionRequest> out;
    while (s.step()) out.push_back(read_request(s));
    return out;
  });
}

bool InstitutionStore::claim(sqlite3* db, std::string_view request_id, std::string_view application_id) {
  Statement s(db, "UPDATE institution_requests SET application_id = ?2 WHERE id = ?1 AND application_id IS NULL");
  s.bind(1, request_id);
  s.bind(2, application_id);
  s.run();
  return sqlite3_changes(db) == 1;
}

ListDecision InstitutionStore::add_decision(ListDecision decision,
                                            const std::function<std::string(const ListDecision&)>& document) {
  return database_.with_connection([&](sqlite3* db) {
    Transaction transaction(db);
    decision.id = fresh_id("dec_", [&](const std::string& id) { return row_exists(db, "list_decisions", id); });
    decision.document = document(decision);
    Statement s(db,
                "INSERT INTO list_decisions (id, institution_id, officer_tckn, version, document, included, "
                "excluded, total_kurus, created_at_ms) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)");
    s.bind(1, decision.id);
    s.bind(2, decision.institution_id);
    s.bind(3, decision.officer_tckn);
    s.bind(4, decision.version);
    s.bind(5, decision.document);
    s.bind(6, encode_included(decision.included));
    s.bind(7, encode_excluded(decision.excluded));
    s.bind(8, decision.total_kurus);
    s.bind(9, decision.created_at_ms);
    s.run();
    transaction.commit();
    return decision;
  });
}

std::optional<ListDecision> InstitutionStore::find_decision(std::string_view id) const {
  return database_.with_connection([&](sqlite3* db) { return select_decision(db, id); });
}

InstitutionStore::SignOutcome InstitutionStore::sign(const ListDecision& decision, const std::string& signature,
                                                     const ListVersion& version_now, ListDecision& after) {
  return database_.with_connection([&](sqlite3* db) {
    Transaction transaction(db);
    auto stored = select_decision(db, decision.id);
    if (!stored) throw std::logic_error("sign(): the decision is not stored");
    if (stored->signature) {
      after = std::move(*stored);
      return SignOutcome::already_signed;
    }
    if (version_now(db, decision.institution_id) != decision.version) return SignOutcome::list_changed;
    const std::int64_t now = now_ms();
    auto waiting = ApplicationStore::list(
        db, {.tckn = {}, .status = ApplicationStatus::awaiting_institution, .institution_id = decision.institution_id});
    for (auto& application : waiting) {
      const bool included =
          std::find(decision.included.begin(), decision.included.end(), application.id) != decision.included.end();
      const auto held = std::find_if(decision.excluded.begin(), decision.excluded.end(),
                                     [&](const HeldBack& h) { return h.application_id == application.id; });
      if (included) {
        // The version check above makes every included row awaiting_institution.
        application.status = *next_status(application.status, LifecycleEvent::institution_approved, application.payer);
        application.invoice_id = decision.id;
        application.held_back_reason.reset();
      } else if (held != decision.excluded.end()) {
        application.held_back_reason = held->reason;
      } else {
        continue;
      }
      ApplicationStore::update(db, application);
    }
    Statement s(db, "UPDATE list_decisions SET signature = ?2, signed_at_ms = ?3 WHERE id = ?1");
    s.bind(1, decision.id);
    sqlite3_bind_blob(s.get(), 2, signature.data(), static_cast<int>(signature.size()), SQLITE_TRANSIENT);
    s.bind(3, now);
    s.run();
    after = *select_decision(db, decision.id);
    transaction.commit();
    return SignOutcome::signed_now;
  });
}

InstitutionStore::PayOutcome InstitutionStore::pay(std::string_view decision_id, std::int64_t amount_kurus,
                                                   ListDecision& after) {
  return database_.with_connection([&](sqlite3* db) {
    Transaction transaction(db);
    auto stored = select_decision(db, decision_id);
    if (!stored || !stored->signature) return PayOutcome::not_signed;
    if (stored->paid_at_ms) {
      after = std::move(*stored);
      return PayOutcome::already_paid;
    }
    if (amount_kurus != stored->total_kurus) {
      after = std::move(*stored);
      return PayOutcome::wrong_amount;
    }
    // An application Kamu SM rejected meanwhile is no longer on the invoice's way.
    auto on_invoice = ApplicationStore::list(db, {.tckn = {},
                                                  .status = ApplicationStatus::awaiting_institution_payment,
                                                  .institution_id = stored->institution_id});
    for (auto& application : on_invoice) {
      if (application.invoice_id != stored->id) continue;
      application.status = *next_status(application.status, LifecycleEvent::payment_recorded, application.payer);
      ApplicationStore::update(db, application);
    }
    Statement s(db, "UPDATE list_decisions SET paid_at_ms = ?2 WHERE id = ?1");
    s.bind(1, stored->id);
    s.bind(2, now_ms());
    s.run();
    after = *select_decision(db, decision_id);
    transaction.commit();
    return PayOutcome::paid_now;
  });
}

}  // namespace nes::portal::store
