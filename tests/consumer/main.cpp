// Reads a form file, validates it, prints the normalised mobile number.

#include <nes/nes.hpp>

#include <fstream>
#include <iostream>
#include <sstream>

int main(int argc, char** argv) {
  if (argc != 2) {
    std::cerr << "usage: nes_consumer FORM.json\n";
    return 2;
  }
  std::ifstream in(argv[1], std::ios::binary);
  std::stringstream text;
  text << in.rdbuf();
  const nes::FormValidation result = nes::check_form_json(text.str());
  if (!result.valid()) {
    for (const auto& e : result.errors) std::cout << e.field << " " << nes::to_string(e.code) << "\n";
    return 1;
  }
  std::cout << "nes " << nes::version_string << " valid: " << result.normalized->identity.mobile_phone << "\n";
  return 0;
}
