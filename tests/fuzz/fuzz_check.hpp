#pragma once
// FUZZ_CHECK: an invariant the fuzzer must never break; a failure aborts so
// that libFuzzer saves the input.

#include <cstdio>
#include <cstdlib>

#define FUZZ_CHECK(condition)                                                                 \
  do {                                                                                        \
    if (!(condition)) {                                                                       \
      std::fprintf(stderr, "invariant broken: %s (%s:%d)\n", #condition, __FILE__, __LINE__); \
      std::abort();                                                                           \
    }                                                                                         \
  } while (false)

#include <nes/field_error.hpp>

namespace nes::fuzz {

/// A failed parse always says why, in both languages.
inline bool well_formed(const FieldErrors& errors) {
  if (errors.empty()) return false;
  for (const auto& e : errors) {
    if (e.message_tr.empty() || e.message_en.empty() || to_string(e.code) == "unknown") return false;
  }
  return true;
}

}  // namespace nes::fuzz
