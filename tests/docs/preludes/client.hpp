// docs/client.md's step-by-step fragment: the person's input and the
// caller's own report() and show().
#include <nes/nes.hpp>

#include <string>
#include <vector>

#define NES_SNIPPET_SIGNATURE                                                                              \
  void nes_snippet(const std::string& tckn, const std::string& password, const nes::ApplicationForm& form, \
                   const std::vector<std::string>& acknowledged_ids, const std::string& code_typed)
#define NES_SNIPPET_LOCALS                                   \
  auto report = [](nes::error_code, const nes::Problem*) {}; \
  auto show = [](const nes::FieldErrors&) {};
