#include "pdf/wet_form_pdf.hpp"

#include "pdf/qr_code.hpp"
#include "pdf/to_unicode.hpp"

#include <hpdf.h>
#include <hpdf_doc.h>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <memory>
#include <sstream>
#include <string_view>
#include <vector>

namespace nes::pdf {

namespace {

// A4 in points, with 2 cm margins.
constexpr float page_width = 595.276F;
constexpr float page_height = 841.89F;
constexpr float margin = 56.7F;
constexpr float text_width = page_width - 2 * margin;
constexpr float label_width = 190.0F;
constexpr float qr_side = 62.0F;  // points: about 22 mm, for a phone's camera

// The form's identity, printed in its header: the form this layout renders
// (the SDK's wet form of the approval document) and its layout's version.
constexpr std::string_view issuer_line = "KAMU SERTİFİKASYON MERKEZİ";
constexpr std::string_view form_code = "NES-BF-01";
constexpr std::string_view form_version = "2";

struct HaruError {
  HPDF_STATUS code = HPDF_OK;
  HPDF_STATUS detail = 0;
};

void on_error(HPDF_STATUS code, HPDF_STATUS detail, void* user) {
  auto* error = static_cast<HaruError*>(user);
  if (error->code == HPDF_OK) *error = {code, detail};
}

struct DocFree {
  void operator()(HPDF_Doc doc) const noexcept { HPDF_Free(doc); }
};

// "2026-12-01" (the portal's document) is written the Turkish way:
// "01.12.2026". Anything else is left exactly as it is.
std::string turkish_date(const std::string& value) {
  const auto digits = [&](std::size_t from, std::size_t count) {
    for (std::size_t i = from; i < from + count; ++i) {
      if (value[i] < '0' || value[i] > '9') return false;
    }
    return true;
  };
  if (value.size() != 10 || value[4] != '-' || value[7] != '-' || !digits(0, 4) || !digits(5, 2) || !digits(8, 2)) {
    return value;
  }
  return value.substr(8, 2) + "." + value.substr(5, 2) + "." + value.substr(0, 4);
}

bool is_heading(std::string_view line) {
  if (line.empty() || line.find(':') != std::string_view::npos) return false;
  // Capitals (and the Turkish İ, Ş, Ğ, Ü, Ö, Ç, spaces): a heading.
  for (const char c : line) {
    if (c >= 'a' && c <= 'z') return false;
  }
  return true;
}

class Writer {
 public:
  Writer(HPDF_Doc doc, HPDF_Font regular, HPDF_Font bold) : doc_(doc), regular_(regular), bold_(bold) {
    page_ = HPDF_AddPage(doc_);
    HPDF_Page_SetSize(page_, HPDF_PAGE_SIZE_A4, HPDF_PAGE_PORTRAIT);
    y_ = page_height - margin;
  }

  // The issuer, the form's name, its code and version on the left; the
  // application number as a QR code on the right.
  void header(const std::string& name, const std::string& application_id) {
    const float top = y_;
    const float text_room = text_width - qr_side - 12;
    write_at(margin, std::string(issuer_line), bold_, 8.5F);
    y_ -= 4;
    write_at(margin, name, bold_, fitting_size(name, bold_, 14, text_room));
    y_ -= 2;
    write_at(margin,
             "Form No: " + std::string(form_code) + "   Sürüm: " + std::string(form_version) + "   Sayfa: 1 / 1",
             regular_, 8.5F);
    if (const auto qr = QrModules::encode(application_id)) {
      draw_qr(*qr, page_width - margin - qr_side, top - qr_side + 6);
      text_at(page_width - margin - qr_side, top - qr_side - 3, application_id, regular_, 6.5F);
    }
    y_ = std::min(y_, top - qr_side - 4);
    y_ -= 6;
    rule();
    y_ -= 6;
  }

  void heading(const std::string& text) {
    y_ -= 6;
    write_at(margin, text, bold_, 10.5F);
  }

  void field(const std::string& label, const std::string& value) {
    write_at(margin + 8, label, regular_, 9.5F, false);
    wrapped(margin + label_width, turkish_date(value), regular_, 9.5F, text_width - label_width);
  }

  void paragraph(const std::string& text, HPDF_Font font, float size) { wrapped(margin, text, font, size, text_width); }

  void space(float points) { y_ -= points; }

  // Two boxes side by side for the signature and the date.
  void signature_boxes() {
    y_ -= 10;
    const float box_height = 70;
    const float gap = 20;
    const float box_width = (text_width - gap) / 2;
    HPDF_Page_SetLineWidth(page_, 0.8F);
    for (int i = 0; i < 2; ++i) {
      const float x = margin + static_cast<float>(i) * (box_width + gap);
      HPDF_Page_Rectangle(page_, x, y_ - box_height, box_width, box_height);
      HPDF_Page_Stroke(page_);
      text_at(x + 6, y_ - 13, i == 0 ? "Başvuru Sahibinin İmzası" : "Tarih", regular_, 9);
    }
    text_at(margin + box_width + gap + 6, y_ - box_height + 10, "....... / ....... / ...............", regular_, 9);
    y_ -= box_height + 6;
  }

  [[nodiscard]] float y() const noexcept { return y_; }

 private:
  // The largest size up to `size` at which `text` fits in `width`.
  float fitting_size(const std::string& text, HPDF_Font font, float size, float width) {
    HPDF_Page_SetFontAndSize(page_, font, size);
    const float natural = HPDF_Page_TextWidth(page_, text.c_str());
    return natural <= width || natural <= 0 ? size : size * width / natural;
  }

  // Each dark module a filled square, with the quiet zone left white.
  void draw_qr(const QrModules& qr, float x, float y) {
    const float module = qr_side / static_cast<float>(qr.size() + 2);
    HPDF_Page_SetRGBFill(page_, 0, 0, 0);
    for (int row = 0; row < qr.size(); ++row) {
      for (int column = 0; column < qr.size(); ++column) {
        if (!qr.dark(column, row)) continue;
        HPDF_Page_Rectangle(page_, x + module * static_cast<float>(column + 1),
                            y + qr_side - module * static_cast<float>(row + 2), module, module);
      }
    }
    HPDF_Page_Fill(page_);
  }

  void rule() {
    HPDF_Page_SetLineWidth(page_, 0.8F);
    HPDF_Page_MoveTo(page_, margin, y_);
    HPDF_Page_LineTo(page_, page_width - margin, y_);
    HPDF_Page_Stroke(page_);
  }

  void text_at(float x, float y, const std::string& text, HPDF_Font font, float size) {
    HPDF_Page_BeginText(page_);
    HPDF_Page_SetFontAndSize(page_, font, size);
    HPDF_Page_TextOut(page_, x, y, text.c_str());
    HPDF_Page_EndText(page_);
  }

  void write_at(float x, const std::string& text, HPDF_Font font, float size, bool advance = true) {
    text_at(x, y_ - size, text, font, size);
    if (advance) y_ -= size * 1.45F;
  }

  // Lines broken at spaces to fit `width`.
  void wrapped(float x, const std::string& text, HPDF_Font font, float size, float width) {
    HPDF_Page_SetFontAndSize(page_, font, size);
    std::string_view rest = text;
    if (rest.empty()) rest = "-";
    while (!rest.empty()) {
      const std::string line_text(rest);
      HPDF_UINT fits = HPDF_Page_MeasureText(page_, line_text.c_str(), width, HPDF_TRUE, nullptr);
      if (fits == 0) fits = HPDF_Page_MeasureText(page_, line_text.c_str(), width, HPDF_FALSE, nullptr);
      if (fits == 0) fits = static_cast<HPDF_UINT>(rest.size());
      std::string line(rest.substr(0, fits));
      while (!line.empty() && line.back() == ' ') line.pop_back();
      write_at(x, line, font, size);
      rest.remove_prefix(fits);
      while (!rest.empty() && rest.front() == ' ') rest.remove_prefix(1);
    }
  }

  HPDF_Doc doc_;
  HPDF_Font regular_;
  HPDF_Font bold_;
  HPDF_Page page_;
  float y_;
};

}  // namespace

error_code write_wet_form(const WetForm& form, const std::filesystem::path& out, const std::filesystem::path& font,
                          std::string& why) {
  std::error_code io;
  if (!std::filesystem::is_regular_file(font, io)) {
    why = "no font at " + font.string() + " (Debian: apt-get install fonts-dejavu-core)";
    return errc::font_missing;
  }
  auto bold_path = font.parent_path() / (font.stem().string() + "-Bold" + font.extension().string());
  if (!std::filesystem::is_regular_file(bold_path, io)) bold_path = font;

  HaruError error;
  std::unique_ptr<std::remove_pointer_t<HPDF_Doc>, DocFree> doc(HPDF_New(on_error, &error));
  if (!doc) {
    why = "libharu could not start a document";
    return errc::pdf_failed;
  }
  HPDF_SetCompressionMode(doc.get(), HPDF_COMP_ALL);
  HPDF_UseUTFEncodings(doc.get());
  HPDF_SetCurrentEncoder(doc.get(), "UTF-8");
  const char* regular_name = HPDF_LoadTTFontFromFile(doc.get(), font.c_str(), HPDF_TRUE);
  const char* bold_name = HPDF_LoadTTFontFromFile(doc.get(), bold_path.c_str(), HPDF_TRUE);
  HPDF_Font regular = regular_name != nullptr ? HPDF_GetFont(doc.get(), regular_name, "UTF-8") : nullptr;
  HPDF_Font bold = bold_name != nullptr ? HPDF_GetFont(doc.get(), bold_name, "UTF-8") : nullptr;
  if (regular == nullptr || bold == nullptr) {
    char code[64];
    std::snprintf(code, sizeof code, "libharu error 0x%04X", static_cast<unsigned>(error.code));
    why = font.string() + " is not a TrueType font libharu can embed (" + code + ")";
    return errc::font_missing;
  }
  if (!use_identity_to_unicode(regular) || !use_identity_to_unicode(bold)) {
    why = "libharu gave the font no ToUnicode map to correct";
    return errc::pdf_failed;
  }
  const std::string title = "NES Başvuru Formu " + form.application_id;
  HPDF_SetInfoAttr(doc.get(), HPDF_INFO_TITLE, title.c_str());
  HPDF_SetInfoAttr(doc.get(), HPDF_INFO_SUBJECT, "Nitelikli Elektronik Sertifika başvurusu, ıslak imza ile onay");
  HPDF_SetInfoAttr(doc.get(), HPDF_INFO_CREATOR, "NES SDK");
  // The document's language, for screen readers and text extraction.
  HPDF_Dict_Add(doc->catalog, "Lang", HPDF_String_New(doc->mmgr, "tr-TR", nullptr));

  Writer page(doc.get(), regular, bold);
  std::istringstream lines(form.document);
  std::string line;
  bool first = true;
  std::string undertaking;
  bool in_undertaking = false;
  while (std::getline(lines, line)) {
    if (first) {
      page.header(line, form.application_id);
      first = false;
      continue;
    }
    if (in_undertaking) {
      undertaking += (undertaking.empty() ? "" : " ") + line;
      continue;
    }
    if (line.rfind("NES TAAHHÜTNAMESİ", 0) == 0) {
      page.heading(line);
      in_undertaking = true;
      continue;
    }
    if (line.empty()) continue;
    if (is_heading(line)) {
      page.heading(line);
      continue;
    }
    const auto colon = line.find(": ");
    if (colon == std::string::npos) {
      page.paragraph(line, regular, 9.5F);
    } else {
      page.field(line.substr(0, colon), line.substr(colon + 2));
    }
  }
  page.paragraph(undertaking, regular, 9);
  page.signature_boxes();
  page.heading("GÖNDERİM");
  page.paragraph("İmzalı formu şu adrese posta ile gönderin: " + form.postal_address +
                     ". Ödeme, form Kamu SM'ye ulaştıktan sonra yapılabilir.",
                 regular, 9.5F);
  if (page.y() < margin) {
    why = "the form does not fit on one A4 page";
    return errc::pdf_failed;
  }

  auto partial = out;
  partial += ".partial";
  // The form holds the person's data: made 0600 before libharu writes into
  // it (fopen keeps an existing file's mode).
  const int fd = ::open(partial.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
  const bool private_file = fd >= 0 && ::fchmod(fd, 0600) == 0;
  const int open_error = errno;
  if (fd >= 0) ::close(fd);
  if (!private_file) {
    why = "cannot write " + partial.string() + ": " + std::strerror(open_error);
    return errc::pdf_failed;
  }
  if (error.code != HPDF_OK || HPDF_SaveToFile(doc.get(), partial.c_str()) != HPDF_OK) {
    char code[64];
    std::snprintf(code, sizeof code, "libharu error 0x%04X (detail %u)", static_cast<unsigned>(error.code),
                  static_cast<unsigned>(error.detail));
    why = "cannot write " + out.string() + ": " + code;
    std::filesystem::remove(partial, io);
    return errc::pdf_failed;
  }
  std::filesystem::rename(partial, out, io);
  if (io) {
    why = "cannot write " + out.string() + ": " + io.message();
    std::filesystem::remove(partial, io);
    return errc::pdf_failed;
  }
  return {};
}

}  // namespace nes::pdf
