#include "sign/module_lease.hpp"

#include "sign/cades.hpp"
#include "sign/pkcs11_module.hpp"

#include <libp11.h>

#include <map>
#include <memory>
#include <mutex>

namespace nes::sign {

struct ModuleLease::Loaded {
  std::string key;
  NullArgsInitialisation null_args;  // its handle closed after ~Loaded has unloaded libp11's
  PKCS11_CTX* context = nullptr;
  int leases = 0;

  ~Loaded() {
    if (context == nullptr) return;
    PKCS11_CTX_unload(context);
    PKCS11_CTX_free(context);
  }
};

namespace {

// Taking and ending leases under one lock: a module is never finalised while
// another lease is being taken on it. Never destroyed, so that a signer that
// outlives main (a static one) can still end its lease.
struct Registry {
  std::mutex mutex;
  std::map<std::string, std::unique_ptr<ModuleLease::Loaded>> loaded;
};
Registry& registry() {
  static auto* const leases = new Registry;
  return *leases;
}

std::string key_of(const std::filesystem::path& module) {
  std::error_code io;
  const auto canonical = std::filesystem::weakly_canonical(module, io);
  return io ? module.string() : canonical.string();
}

}  // namespace

std::optional<ModuleLease> ModuleLease::take(const std::filesystem::path& module, std::string& why) {
  const std::lock_guard lock(registry().mutex);
  auto& slot = registry().loaded[key_of(module)];
  if (!slot) {
    auto loaded = std::make_unique<Loaded>();
    loaded->key = key_of(module);
    if (!loaded->null_args.run(module, why)) {
      registry().loaded.erase(key_of(module));
      return std::nullopt;
    }
    loaded->context = PKCS11_CTX_new();
    if (loaded->context == nullptr || PKCS11_CTX_load(loaded->context, module.c_str()) != 0) {
      why = openssl_errors();
      if (loaded->context != nullptr) PKCS11_CTX_free(loaded->context);
      loaded->context = nullptr;
      registry().loaded.erase(key_of(module));
      return std::nullopt;
    }
    slot = std::move(loaded);
  }
  ++slot->leases;
  return ModuleLease(slot.get());
}

ModuleLease::ModuleLease(ModuleLease&& other) noexcept : loaded_(other.loaded_) { other.loaded_ = nullptr; }

ModuleLease& ModuleLease::operator=(ModuleLease&& other) noexcept {
  if (this != &other) {
    end();
    loaded_ = other.loaded_;
    other.loaded_ = nullptr;
  }
  return *this;
}

ModuleLease::~ModuleLease() { end(); }

void ModuleLease::end() noexcept {
  if (loaded_ == nullptr) return;
  const std::lock_guard lock(registry().mutex);
  if (--loaded_->leases == 0) registry().loaded.erase(loaded_->key);  // ~Loaded unloads the module
  loaded_ = nullptr;
}

PKCS11_ctx_st* ModuleLease::context() const noexcept { return loaded_ != nullptr ? loaded_->context : nullptr; }

}  // namespace nes::sign
