#include "form_body.hpp"

#include <nes/secret.hpp>

#include <boost/url/params_encoded_view.hpp>
#include <boost/url/parse_query.hpp>

#include <boost/url/params_encoded_view.hpp>
#include <boost/url/parse_query.hpp>
#include <boost/url/url_view.hpp>

namespace nes::hr_desk {

namespace {

constexpr std::size_t max_fields = 200;

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

// `name="value"` out of a header's parameters; nullopt when absent.
std::optional<std::string> parameter(std::string_view header, std::string_view name) {
  std::size_t at = 0;
  while ((at = header.find(name, at)) != std::string_view::npos) {
    const bool starts = at == 0 || header[at - 1] == ';' || header[at - 1] == ' ';
    const std::size_t after = at + name.size();
    if (starts && after < header.size() && header[after] == '=') {
      std::string_view rest = header.substr(after + 1);
      if (!rest.empty() && rest.front() == '"') {
        const auto end = rest.find('"', 1);
        if (end == std::string_view::npos) return std::nullopt;
        return std::string(rest.substr(1, end - 1));
      }
      return std::string(trim(rest.substr(0, rest.find(';'))));
    }
    at = after;
  }
  return std::nullopt;
}

}  // namespace

std::optional<FormFields> read_urlencoded(std::string_view text) {
  FormFields fields;
  if (text.empty()) return fields;
  // Boost.URL 1.81's parse_query reads past the end of a view until a byte
  // that is not valid in a query (src/portal/http/form.cpp): an owning copy
  // ends in the terminating NUL.
  const std::string owned(text);
  const auto params = boost::urls::parse_query(owned);
  if (!params) return std::nullopt;
  boost::urls::encoding_opts form;  // a form's "+" is a space
  form.space_as_plus = true;
  for (const auto& p : *params) {
    if (fields.size() >= max_fields) return std::nullopt;
    std::string value = p.has_value ? p.value.decode(form) : std::string();
    fields.emplace(p.key.decode(form), std::move(value));
  }
  return fields;
}

std::optional<FormFields> read_multipart(std::string_view content_type, std::string_view body) {
  if (content_type.substr(0, content_type.find(';')) != "multipart/form-data") return std::nullopt;
  const auto boundary = parameter(content_type, "boundary");
  if (!boundary || boundary->empty() || boundary->size() > 70) return std::nullopt;
  const std::string delimiter = "--" + *boundary;
  FormFields fields;
  if (body.substr(0, delimiter.size()) != delimiter) return std::nullopt;
  std::size_t at = delimiter.size();
  for (;;) {
    if (body.substr(at, 2) == "--") return fields;  // the closing delimiter
    if (body.substr(at, 2) != "\r\n" || fields.size() >= max_fields) return std::nullopt;
    at += 2;
    const auto headers_end = body.find("\r\n\r\n", at);
    if (headers_end == std::string_view::npos) return std::nullopt;
    std::optional<std::string> name;
    for (std::string_view headers = body.substr(at, headers_end - at); !headers.empty();) {
      const auto line_end = headers.find("\r\n");
      const std::string_view line = headers.substr(0, line_end);
      headers = line_end == std::string_view::npos ? std::string_view() : headers.substr(line_end + 2);
      const auto colon = line.find(':');
      if (colon == std::string_view::npos) return std::nullopt;
      std::string header_name(line.substr(0, colon));
      for (auto& c : header_name) c = static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
      if (header_name == "content-disposition") name = parameter(line.substr(colon + 1), "name");
    }
    const std::size_t content = headers_end + 4;
    const auto next = body.find("\r\n" + delimiter, content);
    if (!name || next == std::string_view::npos) return std::nullopt;
    fields.emplace(std::move(*name), std::string(body.substr(content, next - content)));
    at = next + 2 + delimiter.size();
  }
}

void wipe(FormFields& fields) {
  for (auto& [name, value] : fields) secure_wipe(value.data(), value.size());
}

}  // namespace nes::hr_desk
