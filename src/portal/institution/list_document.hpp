#pragma once
// The institution's NES application list (Yetkili İşlemleri, the seed's step
// 6) as exact UTF-8 text, in the approval document's form: headings and
// "Label: value" lines. Its version is the SHA-256 of the text, so any change
// to a waiting application changes it. The officer's decision adds what is
// approved and what is left out, and is the text the officer signs.

#include "portal/store/application_store.hpp"
#include "portal/store/institution_store.hpp"

#include <nes/institution.hpp>

#include <string>
#include <string_view>
#include <vector>

namespace nes::portal::institution {

/// The list of `waiting` (awaiting_institution applications of
/// `institution`), oldest first.
std::string make_list_document(const Institution& institution, std::vector<store::ApplicationRecord> waiting);

/// The list's version: lowercase hexadecimal SHA-256 of its text.
std::string list_version(std::string_view document);

/// The officer who decides, as the decision names them.
struct Officer {
  std::string_view tckn;
  std::string_view first_name;
  std::string_view last_name;
};

/// The text to sign: the list, then the decision (its number, the list's
/// version, the officer, the date, the approved rows and total, the rows
/// left out with their reasons).
std::string make_decision_document(std::string_view list_document, const store::ListDecision& decision,
                                   const Officer& officer, std::string_view date);

}  // namespace nes::portal::institution
