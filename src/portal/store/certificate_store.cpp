#include "portal/store/certificate_store.hpp"

#include "portal/store/statement.hpp"

namespace nes::portal::store {

namespace {

constexpr std::string_view columns =
    "serial, application_id, tckn, common_name, not_before_ms, not_after_ms, certificate_pem, card_key_pem, puk, "
    "card_collected_at_ms, issued_at_ms, puk_released_at_ms, security_word_tries_left";

// A column's secret text, its plain copy wiped.
SecretString secret_text(const Statement& s, int index) {
  std::string text = s.text(index);
  SecretString secret(text);
  secure_wipe(text.data(), text.size());
  return secret;
}

CertificateRecord read(const Statement& s) {
  return CertificateRecord{.serial = s.text(0),
                           .application_id = s.text(1),
                           .tckn = s.text(2),
                           .common_name = s.text(3),
                           .not_before_ms = s.integer(4),
                           .not_after_ms = s.integer(5),
                           .certificate_pem = s.text(6),
                           .card_key_pem = s.is_null(7) ? std::nullopt : std::optional(secret_text(s, 7)),
                           .puk = secret_text(s, 8),
                           .card_collected_at_ms = s.optional_integer(9),
                           .issued_at_ms = s.integer(10),
                           .puk_released_at_ms = s.optional_integer(11),
                           .security_word_tries_left = static_cast<int>(s.integer(12))};
}

std::vector<CertificateRecord> select(sqlite3* db, std::string_view where, std::string_view value) {
  Statement s(db, "SELECT " + std::string(columns) + " FROM certificates WHERE " + std::string(where) +
                      " ORDER BY issued_at_ms DESC, rowid DESC");
  s.bind(1, value);
  std::vector<CertificateRecord> out;
  while (s.step()) out.push_back(read(s));
  return out;
}

std::optional<CertificateRecord> select_one(sqlite3* db, std::string_view where, std::string_view value) {
  auto found = select(db, where, value);
  if (found.empty()) return std::nullopt;
  return std::move(found.front());
}

}  // namespace

void CertificateStore::insert(sqlite3* db, const CertificateRecord& record) {
  Statement s(db,
              "INSERT INTO certificates (serial, application_id, tckn, common_name, not_before_ms, not_after_ms, "
              "certificate_pem, card_key_pem, puk, card_collected_at_ms, issued_at_ms) VALUES (?1, ?2, ?3, ?4, ?5, ?6, "
              "?7, ?8, ?9, NULL, ?10)");
  s.bind(1, record.serial);
  s.bind(2, record.application_id);
  s.bind(3, record.tckn);
  s.bind(4, record.common_name);
  s.bind(5, record.not_before_ms);
  s.bind(6, record.not_after_ms);
  s.bind(7, record.certificate_pem);
  if (record.card_key_pem) {
    s.bind(8, record.card_key_pem->reveal());
  } else {
    s.bind_null(8);
  }
  s.bind(9, record.puk.reveal());
  s.bind(10, record.issued_at_ms);
  s.run();
}

std::optional<CertificateRecord> CertificateStore::find(std::string_view serial) const {
  return database_.with_connection([&](sqlite3* db) { return select_one(db, "serial = ?1", serial); });
}

std::optional<CertificateRecord> CertificateStore::for_application(std::string_view application_id) const {
  return database_.with_connection([&](sqlite3* db) { return select_one(db, "application_id = ?1", application_id); });
}

std::vector<CertificateRecord> CertificateStore::of_person(std::string_view tckn) const {
  return database_.with_connection([&](sqlite3* db) { return select(db, "tckn = ?1", tckn); });
}

int CertificateStore::miss_security_word(std::string_view serial) {
  return database_.with_connection([&](sqlite3* db) {
    Transaction transaction(db);
    Statement s(db,
                "UPDATE certificates SET security_word_tries_left = MAX(security_word_tries_left - 1, 0) "
                "WHERE serial = ?1");
    s.bind(1, serial);
    s.run();
    const auto after = select_one(db, "serial = ?1", serial);
    transaction.commit();
    return after ? after->security_word_tries_left : 0;
  });
}

std::optional<SecretString> CertificateStore::release_puk(std::string_view serial, std::int64_t now_ms) {
  return database_.with_connection([&](sqlite3* db) -> std::optional<SecretString> {
    Transaction transaction(db);
    auto found = select_one(db, "serial = ?1", serial);
    if (!found || found->puk_released_at_ms) return std::nullopt;
    Statement s(db, "UPDATE certificates SET puk_released_at_ms = ?2 WHERE serial = ?1");
    s.bind(1, serial);
    s.bind(2, now_ms);
    s.run();
    transaction.commit();
    return std::move(found->puk);
  });
}

CertificateStore::CollectOutcome CertificateStore::collect_card(std::string_view application_id, std::int64_t now_ms,
                                                                CertificateRecord& record) {
  return database_.with_connection([&](sqlite3* db) {
    Transaction transaction(db);
    auto found = select_one(db, "application_id = ?1", application_id);
    if (!found) return CollectOutcome::no_certificate;
    record = std::move(*found);
    if (!record.card_key_pem) return CollectOutcome::already_collected;
    Statement s(db, "UPDATE certificates SET card_key_pem = NULL, card_collected_at_ms = ?2 WHERE serial = ?1");
    s.bind(1, record.serial);
    s.bind(2, now_ms);
    s.run();
    transaction.commit();
    record.card_collected_at_ms = now_ms;
    return CollectOutcome::collected;
  });
}

}  // namespace nes::portal::store
