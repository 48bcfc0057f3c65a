#pragma once
// nes apply without --form: the interactive wizard. It follows Kamu SM's
// twelve steps in Turkish (English with --lang en): the portal, the login
// (the password typed without echo), the institution and its notices, the
// form field by field (each checked by the SDK's validators as it is typed,
// and asked again until it is right), the phone from the masked list, the
// SMS code under a live countdown (r asks for a new one), the approval
// route with the fee, and the result. Everything is recorded in the journal
// as nes apply --form does.

#include "apply_flow.hpp"

namespace nes::cli {

int run_wizard(const ApplyOptions& options);

}  // namespace nes::cli
