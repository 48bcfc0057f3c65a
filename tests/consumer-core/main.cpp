// Validates a form file with nes::core alone (no network, no signing):
// the headers it needs, not <nes/nes.hpp>.

#include <nes/form_json.hpp>
#include <nes/tckn.hpp>
#include <nes/version.hpp>

#include <fstream>
#include <iostream>
#include <sstream>

int main(int argc, char** argv) {
  if (argc != 2) {
    std::cerr << "usage: nes_consumer_core FORM.json\n";
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
  const auto tckn = nes::Tckn::parse(result.normalized->identity.tckn.reveal());
  std::cout << "nes core " << nes::version_string << " valid: " << result.normalized->identity.mobile_phone
            << (tckn ? ", T.C. Kimlik No checks out" : "") << "\n";
  return 0;
}
