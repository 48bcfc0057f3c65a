#pragma once
// The document an applicant approves at step 12: the application form and
// the NES Taahhütnamesi as one UTF-8 text. The portal fixes these bytes when
// the SMS code is verified and serves exactly them; an e-imza approval is a
// detached CMS over them.

#include <nes/application_form.hpp>
#include <nes/institution.hpp>
#include <nes/money.hpp>

#include <string>
#include <string_view>

namespace nes::portal::approval {

struct DocumentFacts {
  std::string_view application_id;
  std::string_view date;  ///< YYYY-MM-DD
  const Institution& institution;
  const Fee& fee;
};

/// The text, one "Label: value" per line, sections in the form's order.
std::string make_approval_document(const ApplicationForm& form, const DocumentFacts& facts);

/// Where a wet-signed form goes (flow.md).
constexpr std::string_view postal_address = "TÜBİTAK Gebze Yerleşkesi, P.K. 74, 41470 Gebze/Kocaeli";

}  // namespace nes::portal::approval
