#include "pdf/qr_code.hpp"

#include <qrencode.h>

#include <memory>

namespace nes::pdf {

namespace {

struct QrFree {
  void operator()(QRcode* code) const noexcept { QRcode_free(code); }
};

}  // namespace

std::optional<QrModules> QrModules::encode(std::string_view text) {
  if (text.empty()) return std::nullopt;
  const std::unique_ptr<QRcode, QrFree> code(QRcode_encodeData(
      static_cast<int>(text.size()), reinterpret_cast<const unsigned char*>(text.data()), 0, QR_ECLEVEL_M));
  if (!code || code->width <= 0) return std::nullopt;
  const auto count = static_cast<std::size_t>(code->width) * static_cast<std::size_t>(code->width);
  std::vector<bool> dark(count);
  // Bit 0 of each byte is the module's colour; the others say what it is for.
  for (std::size_t i = 0; i < count; ++i) dark[i] = (code->data[i] & 1U) != 0;
  return QrModules(code->width, std::move(dark));
}

}  // namespace nes::pdf
