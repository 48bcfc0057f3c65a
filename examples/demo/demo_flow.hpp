#pragma once
// One application through Kamu SM's twelve steps (flow.md), printed as it
// happens: login, institution, form, SMS code, and approval by e-imza (the
// demo's SoftHSM2 token) or by wet signature (the PDF).

#include "demo_world.hpp"

#include <nes/application_info.hpp>

#include <boost/asio/awaitable.hpp>

#include <filesystem>
#include <string>

namespace nes::demo {

struct Plan {
  std::string title;
  std::filesystem::path form_file;  ///< the documented form JSON
  bool e_imza = false;              ///< else the wet signature
  std::string password;             ///< the demo person's e-Devlet password
  std::filesystem::path out;        ///< where the PDF, document and signature go
};

struct Result {
  bool ok = false;
  std::string application_id;
  ApplicationStatus status = ApplicationStatus::otp_pending;
  Fee fee{};
  std::filesystem::path pdf;             ///< wet signature
  std::string signature_check;           ///< e-imza: what openssl cms -verify said
  std::filesystem::path signature_file;  ///< e-imza: the CMS (DER)
};

boost::asio::awaitable<Result> run_plan(World& world, Plan plan);

}  // namespace nes::demo
