#include "portal/fee_table.hpp"

#include "json/json_read.hpp"
#include "json/json_scan.hpp"

#include <nes/application_form.hpp>

#include <algorithm>

namespace nes::portal {

namespace json = boost::json;
using detail::json::element_path;
using detail::json::Reader;

std::optional<Fee> FeeTable::fee_for(int validity_years, bool card_reader) const {
  const auto found = std::find_if(entries.begin(), entries.end(), [&](const Entry& e) {
    return e.validity_years == validity_years && e.card_reader == card_reader;
  });
  if (found == entries.end()) return std::nullopt;
  return Fee::from_net(found->net, kdv);
}

FeeTable FeeTable::demo() {
  // Sample prices of the reference portal (kuruş, before KDV).
  return FeeTable{KdvRate{2000},
                  {{1, false, Money::from_kurus(75000)},
                   {1, true, Money::from_kurus(110000)},
                   {2, false, Money::from_kurus(110000)},
                   {2, true, Money::from_kurus(145000)},
                   {3, false, Money::from_kurus(140000)},
                   {3, true, Money::from_kurus(175000)}}};
}

namespace {

void read_entry(Reader& r, const json::object& o, const std::string& path, FeeTable::Entry& entry) {
  std::optional<int> years;
  std::optional<bool> card_reader;
  std::optional<int> net;
  r.members(o, path, [&](std::string_view key, const json::value& v, const std::string& at) {
    if (key == "validity_years") return r.read(v, at, years), true;
    if (key == "card_reader") return r.read(v, at, card_reader), true;
    if (key == "net_kurus") return r.read(v, at, net), true;
    return false;
  });
  if (!years) r.report(path + ".validity_years", ValidationCode::required);
  if (!card_reader) r.report(path + ".card_reader", ValidationCode::required);
  if (!net) r.report(path + ".net_kurus", ValidationCode::required);
  constexpr int min_years = CertificateOptions::min_validity_years;
  constexpr int max_years = CertificateOptions::max_validity_years;
  if (years && (*years < min_years || *years > max_years)) {
    r.report(path + ".validity_years", ValidationCode::out_of_range,
             std::to_string(min_years) + "-" + std::to_string(max_years));
  }
  if (net && *net < 0) r.report(path + ".net_kurus", ValidationCode::out_of_range, ">= 0");
  entry = {years.value_or(0), card_reader.value_or(false), Money::from_kurus(net.value_or(0))};
}

}  // namespace

Parsed<FeeTable> decode_fee_table(std::string_view document) {
  FieldErrors errors;
  FeeTable table;
  std::optional<int> rate;
  detail::json::read_object_document(document, errors, {}, [&](Reader& r, const json::object& top) {
    bool fees_given = false;
    r.members(top, "", [&](std::string_view key, const json::value& v, const std::string& at) {
      if (key == "kdv_rate_basis_points") return r.read(v, at, rate), true;
      if (key != "fees") return false;
      fees_given = true;
      if (const json::array* items = r.array(v, at)) {
        for (std::size_t i = 0; i < items->size(); ++i) {
          const std::string item_at = element_path(at, i);
          if (const json::object* o = r.object((*items)[i], item_at)) {
            read_entry(r, *o, item_at, table.entries.emplace_back());
          }
        }
      }
      return true;
    });
    if (!rate) {
      r.report("kdv_rate_basis_points", ValidationCode::required);
    } else if (*rate < 0 || *rate > 10000) {
      r.report("kdv_rate_basis_points", ValidationCode::out_of_range, "0-10000");
    }
    if (!fees_given) r.report("fees", ValidationCode::required);
    for (std::size_t i = 0; i < table.entries.size(); ++i) {
      for (std::size_t j = 0; j < i; ++j) {
        if (table.entries[i].validity_years == table.entries[j].validity_years &&
            table.entries[i].card_reader == table.entries[j].card_reader) {
          r.report(element_path("fees", i), ValidationCode::duplicate_field);
        }
      }
    }
  });
  if (!errors.empty()) return errors;
  table.kdv = KdvRate{*rate};
  return table;
}

}  // namespace nes::portal
