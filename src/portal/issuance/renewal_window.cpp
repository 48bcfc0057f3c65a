#include "portal/issuance/renewal_window.hpp"

#include <chrono>

namespace nes::portal::issuance {

std::int64_t renewal_from_ms(std::int64_t not_after_ms) {
  using namespace std::chrono;
  const sys_time<milliseconds> end{milliseconds(not_after_ms)};
  const auto day = floor<days>(end);
  year_month_day date{day};
  date = date - months(3);
  if (!date.ok()) date = date.year() / date.month() / last;
  return duration_cast<milliseconds>((sys_days{date} + (end - day)).time_since_epoch()).count();
}

}  // namespace nes::portal::issuance
