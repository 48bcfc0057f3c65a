#pragma once
// The whole public API of NES SDK.

#include <nes/application_form.hpp>
#include <nes/email.hpp>
#include <nes/error.hpp>
#include <nes/field_error.hpp>
#include <nes/field_paths.hpp>
#include <nes/form_json.hpp>
#include <nes/form_validation.hpp>
#include <nes/institution.hpp>
#include <nes/lifecycle.hpp>
#include <nes/money.hpp>
#include <nes/parsed.hpp>
#include <nes/person_name.hpp>
#include <nes/phone.hpp>
#include <nes/postal_address.hpp>
#include <nes/province.hpp>
#include <nes/secret.hpp>
#include <nes/tckn.hpp>
#include <nes/text.hpp>
#include <nes/version.hpp>
