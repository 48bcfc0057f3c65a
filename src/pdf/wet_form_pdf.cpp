#include "pdf/wet_form_pdf.hpp"

#include <hpdf.h>

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

  void title(const std::string& text) {
    write_at(margin, text, bold_, 14);
    y_ -= 8;
    rule();
    y_ -= 6;
  }

  void heading(const std::string& text) {
    y_ -= 6;
    write_at(margin, text, bold_, 10.5F);
  }

  void field(const std::string& label, const std::string& value) {
    write_at(margin + 8, label, regular_, 9.5F, false);
    wrapped(margin + label_width, value, regular_, 9.5F, text_width - label_width);
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
    y_ -= box_height + 6;
  }

  [[nodiscard]] float y() const noexcept { return y_; }

 private:
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
  HPDF_SetInfoAttr(doc.get(), HPDF_INFO_TITLE, "NES Başvuru Formu");
  HPDF_SetInfoAttr(doc.get(), HPDF_INFO_CREATOR, "NES SDK");

  Writer page(doc.get(), regular, bold);
  std::istringstream lines(form.document);
  std::string line;
  bool first = true;
  std::string undertaking;
  bool in_undertaking = false;
  while (std::getline(lines, line)) {
    if (first) {
      page.title(line);
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
