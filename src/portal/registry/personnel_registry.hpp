#pragma once
// Who may apply for which institution: the personnel registry file (JSON,
// docs/portal.md). Each person has a T.C. Kimlik No, a name, registered
// mobile numbers, the institutions they are staff of, and an e-Devlet
// password hash; an institution's authorised officers also name the
// institutions and their work e-mail. Loaded with the SDK's own validators.

#include "portal/registry/password_hash.hpp"

#include <nes/parsed.hpp>
#include <nes/phone.hpp>
#include <nes/tckn.hpp>

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace nes::portal::registry {

struct Person {
  Tckn tckn;
  std::string first_name;
  std::string last_name;
  std::vector<MobilePhone> mobile_phones;
  std::vector<std::string> staff_of;    ///< institution ids
  std::vector<std::string> officer_of;  ///< institutions whose authorised officer (Yetkili) the person is
  std::string work_email;               ///< required of an officer
  PasswordHash password;

  [[nodiscard]] bool is_staff_of(std::string_view institution_id) const;
  /// The name a certificate's CN carries: "first last", as registered.
  [[nodiscard]] std::string full_name() const { return first_name + " " + last_name; }
  [[nodiscard]] bool is_officer_of(std::string_view institution_id) const;
};

/// Whether `written` is the `registered` name as the identity record
/// (MERNİS) compares names: NFC, Turkish upper case ("ayşe" is "AYŞE", "i"
/// is "İ"), a run of spaces as one, no space at either end.
bool same_name(std::string_view written, std::string_view registered);

class PersonnelRegistry {
 public:
  explicit PersonnelRegistry(std::vector<Person> people) : people_(std::move(people)) {}

  [[nodiscard]] const Person* find(std::string_view tckn) const;
  [[nodiscard]] std::size_t size() const noexcept { return people_.size(); }
  [[nodiscard]] const std::vector<Person>& people() const noexcept { return people_; }
  /// The largest PBKDF2 iteration count in the registry (at least the minimum).
  [[nodiscard]] std::uint32_t max_password_iterations() const noexcept;

 private:
  std::vector<Person> people_;
};

/// Every problem by path ("people[2].mobile_phones[0]").
Parsed<PersonnelRegistry> decode_personnel_registry(std::string_view json);

}  // namespace nes::portal::registry
