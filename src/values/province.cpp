#include <nes/province.hpp>

#include "text/utf8.hpp"

#include <array>
#include <utility>

namespace nes {

namespace {

constexpr std::array<Province, 81> provinces = {{
    {1, "Adana"},          {2, "Adıyaman"},   {3, "Afyonkarahisar"}, {4, "Ağrı"},        {5, "Amasya"},
    {6, "Ankara"},         {7, "Antalya"},    {8, "Artvin"},         {9, "Aydın"},       {10, "Balıkesir"},
    {11, "Bilecik"},       {12, "Bingöl"},    {13, "Bitlis"},        {14, "Bolu"},       {15, "Burdur"},
    {16, "Bursa"},         {17, "Çanakkale"}, {18, "Çankırı"},       {19, "Çorum"},      {20, "Denizli"},
    {21, "Diyarbakır"},    {22, "Edirne"},    {23, "Elazığ"},        {24, "Erzincan"},   {25, "Erzurum"},
    {26, "Eskişehir"},     {27, "Gaziantep"}, {28, "Giresun"},       {29, "Gümüşhane"},  {30, "Hakkari"},
    {31, "Hatay"},         {32, "Isparta"},   {33, "Mersin"},        {34, "İstanbul"},   {35, "İzmir"},
    {36, "Kars"},          {37, "Kastamonu"}, {38, "Kayseri"},       {39, "Kırklareli"}, {40, "Kırşehir"},
    {41, "Kocaeli"},       {42, "Konya"},     {43, "Kütahya"},       {44, "Malatya"},    {45, "Manisa"},
    {46, "Kahramanmaraş"}, {47, "Mardin"},    {48, "Muğla"},         {49, "Muş"},        {50, "Nevşehir"},
    {51, "Niğde"},         {52, "Ordu"},      {53, "Rize"},          {54, "Sakarya"},    {55, "Samsun"},
    {56, "Siirt"},         {57, "Sinop"},     {58, "Sivas"},         {59, "Tekirdağ"},   {60, "Tokat"},
    {61, "Trabzon"},       {62, "Tunceli"},   {63, "Şanlıurfa"},     {64, "Uşak"},       {65, "Van"},
    {66, "Yozgat"},        {67, "Zonguldak"}, {68, "Aksaray"},       {69, "Bayburt"},    {70, "Karaman"},
    {71, "Kırıkkale"},     {72, "Batman"},    {73, "Şırnak"},        {74, "Bartın"},     {75, "Ardahan"},
    {76, "Iğdır"},         {77, "Yalova"},    {78, "Karabük"},       {79, "Kilis"},      {80, "Osmaniye"},
    {81, "Düzce"},
}};

// Folds a name to a matching key: ASCII lower case, with every Turkish letter
// (and the circumflexed â î û of older spellings) mapped to its base letter,
// so that the dotted/dotless i question never decides a match. Empty for
// any character no province name has, or a name longer than any province's.
class FoldedKey {
 public:
  explicit FoldedKey(std::string_view name) noexcept;
  [[nodiscard]] std::string_view view() const noexcept { return {chars_.data(), size_}; }

 private:
  std::array<char, 32> chars_{};
  std::size_t size_ = 0;
};

FoldedKey::FoldedKey(std::string_view name) noexcept {
  std::size_t pos = 0;
  while (pos < name.size()) {
    const char32_t cp = detail::utf8::decode(name, pos);
    char folded = 0;
    if (cp >= 'a' && cp <= 'z') {
      folded = static_cast<char>(cp);
    } else if (cp >= 'A' && cp <= 'Z') {
      folded = static_cast<char>(cp - 'A' + 'a');
    } else {
      switch (cp) {
        case U'ç':
        case U'Ç':
          folded = 'c';
          break;
        case U'ğ':
        case U'Ğ':
          folded = 'g';
          break;
        case U'ı':
        case U'İ':
        case U'î':
        case U'Î':
          folded = 'i';
          break;
        case U'ö':
        case U'Ö':
          folded = 'o';
          break;
        case U'ş':
        case U'Ş':
          folded = 's';
          break;
        case U'ü':
        case U'Ü':
        case U'û':
        case U'Û':
          folded = 'u';
          break;
        case U'â':
        case U'Â':
          folded = 'a';
          break;
        default:
          size_ = 0;
          return;
      }
    }
    if (size_ == chars_.size()) {
      size_ = 0;
      return;
    }
    chars_[size_++] = folded;
  }
}

struct KeyTable {
  std::array<FoldedKey, provinces.size()> keys;
};

KeyTable make_key_table() noexcept {
  return [&]<std::size_t... I>(std::index_sequence<I...>) { return KeyTable{{FoldedKey(provinces[I].name)...}}; }
  (std::make_index_sequence<provinces.size()>{});
}

}  // namespace

std::span<const Province> all_provinces() noexcept { return provinces; }

std::optional<Province> province_by_code(int code) noexcept {
  if (code < 1 || code > static_cast<int>(provinces.size())) return std::nullopt;
  return provinces[static_cast<std::size_t>(code - 1)];
}

std::optional<Province> find_province(std::string_view name) noexcept {
  static const KeyTable table = make_key_table();
  const FoldedKey key(name);
  if (key.view().empty()) return std::nullopt;
  for (std::size_t i = 0; i < provinces.size(); ++i) {
    if (table.keys[i].view() == key.view()) return provinces[i];
  }
  return std::nullopt;
}

}  // namespace nes
