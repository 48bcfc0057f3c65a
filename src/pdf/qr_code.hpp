#pragma once
// A QR code's modules, from libqrencode (ISO/IEC 18004), for the wet form's
// application number: the office that receives the paper scans it instead
// of typing the number.

#include <optional>
#include <string_view>
#include <vector>

namespace nes::pdf {

class QrModules {
 public:
  /// The symbol for `text` as 8-bit data, error correction level M (15 %);
  /// nothing when libqrencode cannot encode it.
  static std::optional<QrModules> encode(std::string_view text);

  /// Modules per side.
  [[nodiscard]] int size() const noexcept { return size_; }
  /// Whether the module in `column`, `row` (from the top left) is dark.
  [[nodiscard]] bool dark(int column, int row) const { return dark_[static_cast<std::size_t>(row * size_ + column)]; }

 private:
  QrModules(int size, std::vector<bool> dark) : size_(size), dark_(std::move(dark)) {}
  int size_;
  std::vector<bool> dark_;
};

}  // namespace nes::pdf
