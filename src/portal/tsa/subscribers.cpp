#include "portal/tsa/subscribers.hpp"

#include "json/json_read.hpp"
#include "json/json_scan.hpp"

namespace nes::portal::tsa {

namespace {

namespace json = boost::json;
using detail::json::element_path;
using detail::json::Reader;

void read_subscriber(Reader& r, const json::object& o, const std::string& path, std::vector<Subscriber>& out) {
  std::optional<int> id;
  std::optional<int> credit;
  std::string password;
  r.members(o, path, [&](std::string_view key, const json::value& v, const std::string& at) {
    if (key == "customer_id") return r.read(v, at, id), true;
    if (key == "credit") return r.read(v, at, credit), true;
    if (key == "password") return r.read(v, at, password), true;
    return false;
  });
  for (const auto& [name, given] : {std::pair{"customer_id", id.has_value()}, std::pair{"credit", credit.has_value()},
                                    std::pair{"password", !password.empty()}}) {
    if (!given) r.report(path + "." + name, ValidationCode::required);
  }
  if (id && *id <= 0) r.report(path + ".customer_id", ValidationCode::out_of_range, ">= 1");
  if (credit && *credit < 0) r.report(path + ".credit", ValidationCode::out_of_range, ">= 0");
  for (const auto& earlier : out) {
    if (id && earlier.customer_id == static_cast<std::uint64_t>(*id)) {
      r.report(path + ".customer_id", ValidationCode::duplicate_field);
    }
  }
  out.push_back({static_cast<std::uint64_t>(id.value_or(0)), SecretString(password), credit.value_or(0)});
  secure_wipe(password.data(), password.size());
}

}  // namespace

Parsed<std::vector<Subscriber>> decode_subscribers(std::string_view document) {
  FieldErrors errors;
  std::vector<Subscriber> subscribers;
  detail::json::read_object_document(document, errors, {}, [&](Reader& r, const json::object& top) {
    bool given = false;
    r.members(top, "", [&](std::string_view key, const json::value& v, const std::string& at) {
      if (key != "subscribers") return false;
      given = true;
      if (const json::array* items = r.array(v, at)) {
        for (std::size_t i = 0; i < items->size(); ++i) {
          const std::string item_at = element_path(at, i);
          if (const json::object* o = r.object((*items)[i], item_at)) read_subscriber(r, *o, item_at, subscribers);
        }
      }
      return true;
    });
    if (!given) r.report("subscribers", ValidationCode::required);
  });
  if (!errors.empty()) return errors;
  return subscribers;
}

}  // namespace nes::portal::tsa
