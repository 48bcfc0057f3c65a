#pragma once
// One libp11 context per PKCS#11 module and process, shared by every
// Pkcs11Signer on it. C_Finalize is process-wide: a signer that loaded and
// finalised the module for itself would end every other signer's sessions
// on it (CKR_CRYPTOKI_NOT_INITIALIZED). Here the module is loaded by the
// first lease and finalised (PKCS11_CTX_unload) when the last one ends.

#include <filesystem>
#include <optional>
#include <string>

struct PKCS11_ctx_st;

namespace nes::sign {

class ModuleLease {
 public:
  /// A lease on `module`'s context, loading it first (C_Initialize with
  /// NULL arguments, then libp11) when no one holds it; nothing, with `why`,
  /// when it cannot be loaded.
  static std::optional<ModuleLease> take(const std::filesystem::path& module, std::string& why);

  ModuleLease(ModuleLease&& other) noexcept;
  ModuleLease& operator=(ModuleLease&& other) noexcept;
  ModuleLease(const ModuleLease&) = delete;
  ModuleLease& operator=(const ModuleLease&) = delete;
  /// The last lease on a module unloads it.
  ~ModuleLease();

  [[nodiscard]] PKCS11_ctx_st* context() const noexcept;

  struct Loaded;  ///< the module's context and how many leases hold it

 private:
  explicit ModuleLease(Loaded* loaded) noexcept : loaded_(loaded) {}
  void end() noexcept;
  Loaded* loaded_ = nullptr;
};

}  // namespace nes::sign
