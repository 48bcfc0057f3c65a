#include "portal/api/services.hpp"

#include <algorithm>

namespace nes::portal::api {

const Institution* Services::institution(std::string_view id) const {
  const auto found = std::find_if(catalogue.begin(), catalogue.end(), [&](const Institution& i) { return i.id == id; });
  return found == catalogue.end() ? nullptr : &*found;
}

}  // namespace nes::portal::api
