#pragma once
// A T.C. Kimlik No as the program prints it: never whole ("*********46"),
// and "***" for text that is not one.

#include <nes/tckn.hpp>

#include <string>

namespace nes::cli {

inline std::string masked_tckn(const std::string& tckn) {
  const auto parsed = Tckn::parse(tckn);
  return parsed ? parsed->masked() : std::string("***");
}

}  // namespace nes::cli
