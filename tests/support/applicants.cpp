#include "applicants.hpp"

#include "portal/crypto/encoding.hpp"
#include "portal/registry/password_hash.hpp"

#include <boost/json/serialize.hpp>
#include <boost/json/value.hpp>

#include <fstream>
#include <stdexcept>

namespace nes::test {

namespace {

// The nine first digits, then the two check digits of the T.C. Kimlik No.
std::string tckn_from(std::uint32_t serial) {
  std::string d = std::to_string(100000000 + serial % 800000000);
  int odd = 0;
  int even = 0;
  for (int i = 0; i < 9; ++i) (i % 2 == 0 ? odd : even) += d[static_cast<std::size_t>(i)] - '0';
  const int tenth = ((odd * 7 - even) % 10 + 10) % 10;
  d += static_cast<char>('0' + tenth);
  int sum = 0;
  for (char c : d) sum += c - '0';
  d += static_cast<char>('0' + sum % 10);
  return d;
}

// A name of letters only: the serial spelt in Turkish letters.
std::string letters_from(std::uint32_t serial) {
  static const char* const letters[] = {"a", "b", "c", "ç", "d", "e", "f", "g", "ğ", "h"};
  std::string name = "Aday";
  for (char c : std::to_string(serial)) name += letters[c - '0'];
  return name;
}

}  // namespace

ApplicationForm Applicant::form() const {
  ApplicationForm f;
  f.certificate = {3, false, false};
  f.identity.tckn.assign(tckn);
  f.identity.first_name = first_name;
  f.identity.last_name = last_name;
  f.identity.mobile_phone = mobile;
  f.identity.info_channel = InfoChannel::sms;
  f.institution = {institution, "Bilgi İşlem Daire Başkanlığı", "0312 298 20 00", ""};
  f.delivery = {AddressType::work, "Atatürk Blv. No: 98", "Çankaya", "Ankara", "06420"};
  return f;
}

std::vector<Applicant> make_applicants(std::size_t count, std::uint32_t first_serial, const std::string& institution) {
  std::vector<Applicant> list;
  list.reserve(count);
  for (std::size_t i = 0; i < count; ++i) {
    const auto serial = first_serial + static_cast<std::uint32_t>(i);
    std::string number = std::to_string(1000000 + serial % 9000000);
    list.push_back(
        {tckn_from(serial), "Yuk-Testi-Parola-1", "Deneme", letters_from(serial), "+90532" + number, institution});
  }
  return list;
}

void write_registry(const std::filesystem::path& path, const std::vector<Applicant>& applicants,
                    std::uint32_t iterations) {
  if (applicants.empty()) throw std::invalid_argument("no applicants");
  const auto hash = portal::registry::PasswordHash::make(applicants.front().password, iterations);
  const boost::json::object password{{"algorithm", "pbkdf2-sha256"},
                                     {"iterations", hash.iterations},
                                     {"salt", portal::crypto::base64_encode(hash.salt)},
                                     {"hash", portal::crypto::base64_encode(hash.hash)}};
  boost::json::array people;
  for (const auto& a : applicants) {
    people.push_back({{"tckn", a.tckn},
                      {"first_name", a.first_name},
                      {"last_name", a.last_name},
                      {"mobile_phones", {a.mobile}},
                      {"staff_of", {a.institution}},
                      {"password", password}});
  }
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out << boost::json::serialize(boost::json::object{{"people", std::move(people)}});
  if (!out.flush()) throw std::runtime_error("cannot write " + path.string());
}

}  // namespace nes::test
