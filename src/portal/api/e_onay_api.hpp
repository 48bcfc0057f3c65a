#pragma once
// E-Onay: GET, POST and DELETE /api/v1/e-onay, GET /api/v1/e-onay/document;
// and whether a person's consent stands, for the approval by E-Onay.

#include "portal/api/services.hpp"
#include "portal/http/router.hpp"
#include "portal/registry/personnel_registry.hpp"

#include <string>
#include <string_view>

namespace nes::portal::api {

/// The consent text `person` signs: theirs alone, and the same each time.
std::string e_onay_document(const registry::Person& person);

/// True while `tckn`'s E-Onay stands (given and not withdrawn).
bool e_onay_stands(const Services& services, std::string_view tckn);

void add_e_onay_routes(http::Router& router, Services& services);

}  // namespace nes::portal::api
