#pragma once
// NES_EXPORT marks the public API. The SDK's libraries are built with hidden
// symbols (-fvisibility=hidden, inlines hidden), so a shared build exports
// what the public headers mark and nothing of src/ (nes::net, nes::client,
// nes::detail stay inside). A static build is unaffected.

#if defined(__GNUC__) || defined(__clang__)
#define NES_EXPORT __attribute__((visibility("default")))
#else
#define NES_EXPORT
#endif
