#include <nes/nes.hpp>

#include <iostream>

int main() {
  const auto tckn = nes::Tckn::parse("10000000146");
  const auto phone = nes::MobilePhone::parse("0532 123 45 67");
  std::cout << "nes " << nes::version_string << ": " << (tckn.ok() ? "tckn ok" : "tckn refused") << ", "
            << (phone.ok() ? phone->e164() : std::string("phone refused")) << "\n";
  return tckn.ok() && phone.ok() ? 0 : 1;
}
