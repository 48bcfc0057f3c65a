#pragma once
// The wet-signature form (Islak İmza ile Onaylama → Formu İndir): the
// approval document the portal holds for the application, laid out on one
// A4 page with libharu, in an embedded TrueType font so that every Turkish
// letter renders and extracts as it is (with a correct ToUnicode map); a
// header with the form's name, code and version and the application number
// as a QR code; dates the Turkish way; then signature and date boxes, and
// where to post the signed form. Title and language (tr-TR) in its metadata.

#include <nes/error.hpp>

#include <filesystem>
#include <string>

namespace nes::pdf {

struct WetForm {
  /// The portal's approval document: section headings in capitals, then
  /// "Label: value" lines, then the NES Taahhütnamesi paragraph.
  std::string document;
  std::string postal_address;
  /// Printed in the header as a QR code too.
  std::string application_id;
};

/// Writes the PDF to `out` (through a temporary file, so a failure leaves
/// no half-written form). `font` is a TrueType file; its -Bold sibling is
/// used for headings when it is there. errc::font_missing or
/// errc::pdf_failed, with `why`.
error_code write_wet_form(const WetForm& form, const std::filesystem::path& out, const std::filesystem::path& font,
                          std::string& why);

}  // namespace nes::pdf
