#include "pdf/to_unicode.hpp"

#include <hpdf_objects.h>
#include <hpdf_streams.h>

#include <algorithm>
#include <cstdio>
#include <vector>

namespace nes::pdf {

namespace {

// A bfrange may only vary in its last byte, so a range per high byte; at
// most 100 lines per block (the CMap specification's limit).
constexpr int lines_per_block = 100;

std::vector<int> high_bytes() {
  std::vector<int> out;
  for (int high = 0; high < 256; ++high) {
    if (high >= 0xD8 && high <= 0xDF) continue;  // surrogates: no character
    out.push_back(high);
  }
  return out;
}

}  // namespace

std::string identity_to_unicode_cmap() {
  std::string out =
      "/CIDInit /ProcSet findresource begin\n"
      "12 dict begin\n"
      "begincmap\n"
      "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n"
      "/CMapName /Adobe-Identity-UCS def\n"
      "/CMapType 2 def\n"
      "1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n";
  const auto highs = high_bytes();
  for (std::size_t first = 0; first < highs.size(); first += lines_per_block) {
    const std::size_t count = std::min<std::size_t>(lines_per_block, highs.size() - first);
    out += std::to_string(count) + " beginbfrange\n";
    for (std::size_t i = first; i < first + count; ++i) {
      char line[32];
      std::snprintf(line, sizeof line, "<%02X00> <%02XFF> <%02X00>\n", highs[i], highs[i], highs[i]);
      out += line;
    }
    out += "endbfrange\n";
  }
  out +=
      "endcmap\n"
      "CMapName currentdict /CMap defineresource pop\n"
      "end\n"
      "end\n";
  return out;
}

bool use_identity_to_unicode(HPDF_Font font) {
  auto* map = static_cast<HPDF_Dict>(HPDF_Dict_GetItem(font, "ToUnicode", HPDF_OCLASS_DICT));
  if (map == nullptr || map->stream == nullptr) return false;
  // The encoder's CMap entries (Type, CMapName, CIDSystemInfo, WMode) do not
  // belong on a ToUnicode stream.
  for (const char* key : {"Type", "CMapName", "CIDSystemInfo", "WMode", "UseCMap"}) {
    (void)HPDF_Dict_RemoveElement(map, key);  // not found: nothing to remove
  }
  HPDF_MemStream_FreeData(map->stream);
  return HPDF_Stream_WriteStr(map->stream, identity_to_unicode_cmap().c_str()) == HPDF_OK;
}

}  // namespace nes::pdf
