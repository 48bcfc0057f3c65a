#include "portal/http/form.hpp"

#include <boost/url/params_encoded_view.hpp>
#include <boost/url/parse_query.hpp>

namespace nes::portal::http {

std::optional<std::map<std::string, std::string>> parse_form(std::string_view encoded) {
  std::map<std::string, std::string> out;
  if (encoded.empty()) return out;
  // Boost.URL 1.81's parse_query reads past the end of a view until a byte
  // that is not valid in a query; an owning copy ends in the terminating NUL.
  const std::string owned(encoded);
  const auto params = boost::urls::parse_query(owned);
  if (!params) return std::nullopt;
  boost::urls::encoding_opts options;
  options.space_as_plus = true;
  for (const auto& param : *params) {
    std::string value = param.has_value ? param.value.decode(options) : std::string();
    if (!out.emplace(param.key.decode(options), std::move(value)).second) return std::nullopt;
  }
  return out;
}

}  // namespace nes::portal::http
