#include "expiry.hpp"

#include "language.hpp"

#include <nes/issued_certificate.hpp>

#include <ctime>

namespace nes::cli {

std::string utc_date(std::chrono::system_clock::time_point t) {
  const std::time_t seconds = std::chrono::system_clock::to_time_t(t);
  std::tm tm{};
  gmtime_r(&seconds, &tm);
  char text[32];
  std::strftime(text, sizeof text, "%d.%m.%Y %H:%M UTC", &tm);
  return text;
}

std::string days_left_text(std::chrono::days days) {
  const auto n = days.count();
  return n >= 0 ? std::to_string(n) + std::string(say(" gün kaldı", " days left"))
                : std::string(say("süresi doldu, ", "expired ")) + std::to_string(-n) +
                      std::string(say(" gün önce", " days ago"));
}

std::string expiry_warning(std::chrono::days days) {
  if (days.count() < 0 || days > expiry_warning_period) return {};
  return std::string(say("UYARI: sertifika ", "WARNING: the certificate ends in ")) + std::to_string(days.count()) +
         std::string(say(" gün içinde sona eriyor; yenileme başvurusu yapılabilir (Sertifika Yenileme)",
                         " days; it can be renewed now (Sertifika Yenileme)"));
}

}  // namespace nes::cli
