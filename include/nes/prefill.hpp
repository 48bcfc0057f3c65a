#pragma once
// HR prefill: an HR export (CSV) turned into one validated draft form per
// person, and every row's problems by field. A row that cannot be read, or
// that has problems, never stops the others.
//
// The CSV (RFC 4180; UTF-8 with or without a BOM; CRLF or LF) has a header
// row naming its columns, in any order; prefill_columns() lists them and the
// form field each fills (docs/cli.md). Empty cells are left out of the form,
// so a required field left empty is reported as `required`; only these get
// a default when empty or absent: info_channel (sms), card_reader and
// publish_online (no).

#include <nes/application_form.hpp>
#include <nes/export.hpp>
#include <nes/field_error.hpp>
#include <nes/institution.hpp>
#include <nes/secret.hpp>

#include <cstddef>
#include <functional>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace nes {

/// One column HR prefill reads.
struct NES_EXPORT PrefillColumn {
  std::string_view name;        ///< the CSV header ("mobile_phone")
  std::string_view field_path;  ///< the form field it fills ("identity.mobile_phone")
};

/// The columns prefill reads.
NES_EXPORT std::span<const PrefillColumn> prefill_columns() noexcept;

/// One row of the HR export, checked as a form.
struct NES_EXPORT PrefillRow {
  std::size_t line = 0;     ///< the file line the row starts on (the header is line 1)
  std::string tckn_masked;  ///< "123******90", to tell rows apart in reports
  /// The row's first name, as written.
  std::string first_name;
  /// The row's last name, as written.
  std::string last_name;
  std::optional<ApplicationForm> form;  ///< the normalised draft, when the row is valid
  FieldErrors problems;                 ///< by form field path; "" for the row itself
};

/// Every row of the export, and the problems of the file itself.
struct NES_EXPORT PrefillResult {
  /// Each row, in file order.
  std::vector<PrefillRow> rows;
  /// Problems of the file itself: an unknown or repeated column (by its
  /// name), a file that is not CSV.
  FieldErrors file_problems;

  /// Rows that became a valid draft.
  [[nodiscard]] std::size_t valid() const noexcept;
  /// Rows with problems.
  [[nodiscard]] std::size_t invalid() const noexcept { return rows.size() - valid(); }
};

/// One row of the HR export read as a request of the institution's officer
/// (nes::Officer::async_upload): only what a request carries is checked, on
/// the form's field paths: identity.tckn, identity.first_name,
/// identity.last_name, identity.email (the work address the access code goes
/// to), institution.unit and institution.work_phone, each required.
struct NES_EXPORT PrefillRequestRow {
  std::size_t line = 0;     ///< the file line the row starts on (the header is line 1)
  std::string tckn_masked;  ///< "123******90", to tell rows apart in reports
  // Each value normalised when the row is valid, else as written (for the
  // person who corrects it).
  /// The T.C. Kimlik No.
  SecretString tckn;
  /// First name, normalised.
  std::string first_name;
  /// Last name, normalised.
  std::string last_name;
  /// The unit, normalised.
  std::string unit;
  /// The work e-mail address (the `email` column).
  std::string work_email;
  /// The work phone in E.164.
  std::string work_phone;
  FieldErrors problems;  ///< by form field path; "" for the row itself
  /// True when the row has no problem.
  [[nodiscard]] bool valid() const noexcept { return problems.empty(); }
};

/// Every row of the export as requests, and the problems of the file itself.
struct NES_EXPORT PrefillRequests {
  /// Each row, in file order.
  std::vector<PrefillRequestRow> rows;
  /// An unknown or repeated column, a file that is not CSV.
  FieldErrors file_problems;
};

/// Called after each row: rows done, rows in all.
using PrefillProgress = std::function<void(std::size_t done, std::size_t total)>;

/// Reads `csv` and checks each row as a form for `institution_id` with the
/// rules of `catalogue` (base rules only when it is empty).
NES_EXPORT PrefillResult prefill_forms(std::string_view csv, std::string_view institution_id,
                                       std::span<const Institution> catalogue = {},
                                       const PrefillProgress& progress = {});

/// Reads `csv` (the same columns as prefill_forms; the ones a request does
/// not carry are read and left alone) as the officer's request rows.
NES_EXPORT PrefillRequests prefill_requests(std::string_view csv, const PrefillProgress& progress = {});

}  // namespace nes
