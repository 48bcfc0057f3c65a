#include "sign/pkcs11_module.hpp"

#include <nes/pkcs11_signer.hpp>

#include <p11-kit/pkcs11.h>

#include <dlfcn.h>

#include <cstdio>
#include <cstdlib>

namespace nes {

namespace sign {

NullArgsInitialisation::~NullArgsInitialisation() {
  if (handle_ != nullptr) dlclose(handle_);
}

bool NullArgsInitialisation::run(const std::filesystem::path& module, std::string& why) {
  handle_ = dlopen(module.c_str(), RTLD_NOW | RTLD_LOCAL);
  if (handle_ == nullptr) {
    const char* error = dlerror();
    why = error != nullptr ? error : "dlopen failed";
    return false;
  }
  auto* get_list = reinterpret_cast<CK_C_GetFunctionList>(dlsym(handle_, "C_GetFunctionList"));
  CK_FUNCTION_LIST_PTR functions = nullptr;
  if (get_list == nullptr || get_list(&functions) != CKR_OK || functions == nullptr) {
    why = "not a PKCS#11 module (no C_GetFunctionList)";
    return false;
  }
  const CK_RV rv = functions->C_Initialize(nullptr);
  if (rv != CKR_OK && rv != CKR_CRYPTOKI_ALREADY_INITIALIZED) {
    char text[64];
    std::snprintf(text, sizeof text, "C_Initialize(NULL) returned 0x%lx", rv);
    why = text;
    return false;
  }
  return true;
}

}  // namespace sign

std::vector<std::filesystem::path> pkcs11_module_candidates() {
#if defined(__APPLE__)
  return {"/usr/local/lib/libakisp11.dylib", "/usr/lib/libakisp11.dylib"};
#else
  return {"/usr/lib/libakisp11.so", "/usr/lib64/libakisp11.so", "/usr/local/lib/libakisp11.so",
          "/usr/lib/x86_64-linux-gnu/libakisp11.so"};
#endif
}

std::optional<std::filesystem::path> find_pkcs11_module(const std::filesystem::path& explicit_path, error_code& ec,
                                                        std::string* detail) {
  auto fail = [&](std::string why) -> std::optional<std::filesystem::path> {
    ec = errc::pkcs11_module_not_found;
    if (detail != nullptr) *detail = std::move(why);
    return std::nullopt;
  };
  std::error_code io;
  ec = {};
  if (!explicit_path.empty()) {
    if (std::filesystem::is_regular_file(explicit_path, io)) return explicit_path;
    return fail("no PKCS#11 module at " + explicit_path.string());
  }
  if (const char* from_env = std::getenv("NES_PKCS11_MODULE"); from_env != nullptr && *from_env != '\0') {
    if (std::filesystem::is_regular_file(from_env, io)) return std::filesystem::path(from_env);
    return fail(std::string("no PKCS#11 module at NES_PKCS11_MODULE=") + from_env);
  }
  std::string looked;
  for (const auto& candidate : pkcs11_module_candidates()) {
    if (std::filesystem::is_regular_file(candidate, io)) return candidate;
    looked += (looked.empty() ? "" : ", ") + candidate.string();
  }
  return fail("no AKİS PKCS#11 module in " + looked + "; give its path or set NES_PKCS11_MODULE");
}

}  // namespace nes
