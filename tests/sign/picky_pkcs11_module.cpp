// A PKCS#11 module that behaves as some AKİS builds do: C_Initialize with
// arguments is refused (CKR_ARGUMENTS_BAD), with NULL it works. Everything
// else is SoftHSM2's (NES_TEST_REAL_PKCS11 names its module).

#include <p11-kit/pkcs11.h>

#include <dlfcn.h>

#include <cstdlib>

namespace {

CK_FUNCTION_LIST picky{};
CK_FUNCTION_LIST_PTR real = nullptr;
bool initialised = false;

CK_RV picky_initialize(CK_VOID_PTR args) {
  if (initialised) return CKR_CRYPTOKI_ALREADY_INITIALIZED;
  if (args != nullptr) return CKR_ARGUMENTS_BAD;
  const CK_RV rv = real->C_Initialize(nullptr);
  initialised = rv == CKR_OK;
  return rv;
}

CK_RV picky_finalize(CK_VOID_PTR reserved) {
  initialised = false;
  return real->C_Finalize(reserved);
}

}  // namespace

extern "C" __attribute__((visibility("default"))) CK_RV C_GetFunctionList(CK_FUNCTION_LIST_PTR_PTR list) {
  if (real == nullptr) {
    const char* path = std::getenv("NES_TEST_REAL_PKCS11");
    void* handle = path != nullptr ? dlopen(path, RTLD_NOW | RTLD_LOCAL) : nullptr;
    auto* get =
        handle != nullptr ? reinterpret_cast<CK_C_GetFunctionList>(dlsym(handle, "C_GetFunctionList")) : nullptr;
    if (get == nullptr || get(&real) != CKR_OK) return CKR_GENERAL_ERROR;
    picky = *real;
    picky.C_Initialize = picky_initialize;
    picky.C_Finalize = picky_finalize;
  }
  *list = &picky;
  return CKR_OK;
}
