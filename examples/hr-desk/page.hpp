#pragma once
// The HR desk's HTML: plain forms, no script and no external resource, every
// value escaped; Turkish first, with a link to the other language on every
// page. Each link and form carries the desk's per-run token and the language.

#include <string>
#include <string_view>

namespace nes::hr_desk {

/// Text for an HTML text node or a quoted attribute.
std::string escape(std::string_view text);

/// What every page's links and forms carry.
struct PageContext {
  std::string token;  ///< the desk's per-run token
  std::string lang;   ///< "tr" or "en"
  bool logged_in = false;
  std::string officer;  ///< "Hakan Aydın (*********06)" once logged in
};

/// "PATH?t=TOKEN&lang=LANG", for a link.
std::string link(const PageContext& c, std::string_view path, std::string_view lang = {});
/// The hidden inputs a form needs: the token and the language.
std::string hidden_inputs(const PageContext& c);

/// A whole page: the header (title, the officer, the navigation, the
/// language link) and `body` (HTML).
std::string page(const PageContext& c, std::string_view path, std::string_view title, const std::string& body);

}  // namespace nes::hr_desk
