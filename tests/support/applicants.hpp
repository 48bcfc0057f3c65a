#pragma once
// Made-up applicants for tests and the load program: valid T.C. Kimlik Nos,
// distinct mobile numbers, one password, staff of one institution; and the
// personnel registry file that makes the reference portal know them.

#include <nes/application_form.hpp>

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

namespace nes::test {

struct Applicant {
  std::string tckn;
  std::string password;
  std::string first_name;
  std::string last_name;
  std::string mobile;  ///< E.164
  std::string institution;
  /// A valid form for this person and institution.
  [[nodiscard]] ApplicationForm form() const;
};

/// `count` distinct applicants, the same for the same `first_serial`.
std::vector<Applicant> make_applicants(std::size_t count, std::uint32_t first_serial = 100000,
                                       const std::string& institution = "meb");

/// Writes them as a registry (docs/portal.md), all with `applicants[0]`'s
/// password hashed once with `iterations` PBKDF2 rounds.
void write_registry(const std::filesystem::path& path, const std::vector<Applicant>& applicants,
                    std::uint32_t iterations = 10'000);

}  // namespace nes::test
