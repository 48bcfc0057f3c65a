#pragma once
// Loading a PKCS#11 module. Some AKİS builds refuse the C_Initialize
// arguments libp11 passes (CKF_OS_LOCKING_OK), so the module is first
// initialised here with NULL arguments; libp11 then finds it initialised
// (CKR_CRYPTOKI_ALREADY_INITIALIZED), which it accepts. NULL arguments are
// safe for the SDK: every token call runs on one thread.

#include <filesystem>
#include <string>

namespace nes::sign {

class NullArgsInitialisation {
 public:
  NullArgsInitialisation() = default;
  NullArgsInitialisation(const NullArgsInitialisation&) = delete;
  NullArgsInitialisation& operator=(const NullArgsInitialisation&) = delete;
  /// Keeps the module loaded until libp11 has finalised and unloaded it.
  ~NullArgsInitialisation();

  /// dlopen()s `module` and calls C_Initialize(NULL). False with `why` when
  /// the module cannot be loaded or refuses even that.
  bool run(const std::filesystem::path& module, std::string& why);

 private:
  void* handle_ = nullptr;
};

}  // namespace nes::sign
