// Prints the library's wire names as JSON, so that a test can compare them
// with docs/protocol/openapi.yaml.

#include <nes/lifecycle.hpp>

#include <iostream>
#include <span>

namespace {

template <class T>
void print_list(const char* key, std::span<const T> values, bool last) {
  std::cout << '"' << key << "\": [";
  for (std::size_t i = 0; i < values.size(); ++i)
    std::cout << (i ? ", " : "") << '"' << nes::to_string(values[i]) << '"';
  std::cout << ']' << (last ? "" : ", ");
}

}  // namespace

int main() {
  std::cout << '{';
  print_list("statuses", nes::all_application_statuses(), false);
  print_list("events", nes::all_lifecycle_events(), true);
  std::cout << "}\n";
  return 0;
}
