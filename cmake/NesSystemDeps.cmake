# The C libraries of step 12 that Debian ships with pkg-config files (libp11,
# p11-kit's pkcs11.h, pcsc-lite, libqrencode) or without (libharu), as imported targets
# nes_deps::*. Included by the build and by the installed nesConfig.cmake,
# since a static libnes passes them on to its consumers.
find_package(PkgConfig REQUIRED)
if(NOT TARGET nes_deps::libp11)
  pkg_check_modules(NES_LIBP11 REQUIRED IMPORTED_TARGET libp11)
  add_library(nes_deps::libp11 INTERFACE IMPORTED)
  target_link_libraries(nes_deps::libp11 INTERFACE PkgConfig::NES_LIBP11)
endif()
if(NOT TARGET nes_deps::p11kit)
  # Only its pkcs11.h: the PKCS#11 types for initialising a module.
  pkg_check_modules(NES_P11KIT REQUIRED p11-kit-1)
  add_library(nes_deps::p11kit INTERFACE IMPORTED)
  target_include_directories(nes_deps::p11kit INTERFACE ${NES_P11KIT_INCLUDE_DIRS})
endif()
if(NOT TARGET nes_deps::pcsclite)
  pkg_check_modules(NES_PCSCLITE REQUIRED IMPORTED_TARGET libpcsclite)
  add_library(nes_deps::pcsclite INTERFACE IMPORTED)
  target_link_libraries(nes_deps::pcsclite INTERFACE PkgConfig::NES_PCSCLITE)
endif()
if(NOT TARGET nes_deps::qrencode)
  # The wet form's QR code (docs/adr/0014-the-wet-form.md).
  pkg_check_modules(NES_QRENCODE REQUIRED IMPORTED_TARGET libqrencode)
  add_library(nes_deps::qrencode INTERFACE IMPORTED)
  target_link_libraries(nes_deps::qrencode INTERFACE PkgConfig::NES_QRENCODE)
endif()
if(NOT TARGET nes_deps::hpdf)
  find_path(NES_HPDF_INCLUDE_DIR hpdf.h REQUIRED)
  find_library(NES_HPDF_LIBRARY NAMES hpdf REQUIRED)
  add_library(nes_deps::hpdf UNKNOWN IMPORTED)
  set_target_properties(nes_deps::hpdf PROPERTIES IMPORTED_LOCATION "${NES_HPDF_LIBRARY}"
                                                 INTERFACE_INCLUDE_DIRECTORIES "${NES_HPDF_INCLUDE_DIR}")
endif()
