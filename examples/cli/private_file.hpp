#pragma once
// Files with personal data (drafts, reports, saved documents and
// signatures): written mode 0600, also over a file that was readable by
// others before.

#include <string>
#include <string_view>

namespace nes::cli {

/// Writes `bytes` to `path`, mode 0600; false with `error` (in the
/// interface's language) when it cannot.
bool write_private_file(const std::string& path, std::string_view bytes, std::string& error);

}  // namespace nes::cli
