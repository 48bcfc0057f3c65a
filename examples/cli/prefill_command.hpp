#pragma once
// nes prefill --registry staff.csv --institution ID --out DIR [--catalogue FILE]:
// an HR export turned into one validated draft form per person, and a report
// (CSV and JSON) of every row with its problems by field.

#include <string>
#include <vector>

namespace nes::cli {

int run_prefill(const std::vector<std::string>& args);

}  // namespace nes::cli
