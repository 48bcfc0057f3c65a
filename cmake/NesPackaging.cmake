# Debian packages with CPack (scripts/package): one per install component.
#   libnes0     the shared libraries (runtime)
#   libnes-dev  headers, CMake config, pkg-config, the .so links, the API reference (dev)
#   nes-tools   nes, nes-portal, nes-test-pki, their man pages and bash completion (tools)
# Built from the `package` preset: shared libraries, Release, prefix /usr.
set(nes_soversion ${PROJECT_VERSION_MAJOR})

# Each package's /usr/share/doc/PACKAGE: copyright and changelog, as Debian
# policy wants them (the changelog gzipped, reproducibly).
set(nes_package_docs "${PROJECT_BINARY_DIR}/package-docs")
string(TIMESTAMP nes_package_date "%a, %d %b %Y %H:%M:%S +0000" UTC)
foreach(package libnes${nes_soversion} libnes-dev nes-tools)
  set(nes_package_name ${package})
  configure_file("${PROJECT_SOURCE_DIR}/cmake/debian/changelog.in" "${nes_package_docs}/${package}/changelog.Debian"
                 @ONLY)
  file(COPY "${PROJECT_SOURCE_DIR}/cmake/debian/copyright" DESTINATION "${nes_package_docs}/${package}")
endforeach()
foreach(component_package IN ITEMS "runtime;libnes${nes_soversion}" "dev;libnes-dev" "tools;nes-tools")
  list(GET component_package 0 component)
  list(GET component_package 1 package)
  set(changelog "${nes_package_docs}/${package}/changelog.Debian")
  add_custom_command(OUTPUT "${changelog}.gz" COMMAND gzip -9nkf "${changelog}" DEPENDS "${changelog}" VERBATIM)
  add_custom_target(nes_changelog_${component} ALL DEPENDS "${changelog}.gz")
  install(FILES "${nes_package_docs}/${package}/copyright" "${changelog}.gz"
    DESTINATION "${CMAKE_INSTALL_DATADIR}/doc/${package}" COMPONENT ${component})
endforeach()

set(CPACK_GENERATOR DEB)
set(CPACK_PACKAGE_NAME nes)
set(CPACK_PACKAGE_VENDOR "NES SDK")
set(CPACK_PACKAGE_CONTACT "NES SDK <nes-sdk@example.org>")
set(CPACK_PACKAGE_VERSION ${PROJECT_VERSION})
# Each package's description below has its own synopsis as first line: an
# empty summary keeps CPack from prepending the project's to all three.
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "")
set(CPACK_DEB_COMPONENT_INSTALL ON)
set(CPACK_COMPONENTS_ALL runtime dev tools)
set(CPACK_STRIP_FILES ON)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_RELEASE 1)
set(CPACK_DEBIAN_PACKAGE_SECTION libs)
set(CPACK_DEBIAN_PACKAGE_PRIORITY optional)
set(CPACK_DEBIAN_PACKAGE_HOMEPAGE "https://example.org/nes-sdk")
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
# The tools link the runtime package's libraries: dpkg-shlibdeps finds them
# in that component's staging tree (the dependency itself is the component's).
set(CPACK_PACKAGE_FILE_NAME nes-${PROJECT_VERSION})
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS_PRIVATE_DIRS
    "${PROJECT_BINARY_DIR}/_CPack_Packages/Linux/DEB/${CPACK_PACKAGE_FILE_NAME}/runtime/${CMAKE_INSTALL_FULL_LIBDIR}")
set(CPACK_DEBIAN_PACKAGE_GENERATE_SHLIBS ON)
set(CPACK_DEBIAN_PACKAGE_GENERATE_SHLIBS_POLICY "=")
set(CPACK_DEBIAN_ENABLE_COMPONENT_DEPENDS ON)

set(CPACK_DEBIAN_RUNTIME_PACKAGE_NAME libnes${nes_soversion})
set(CPACK_DEBIAN_RUNTIME_PACKAGE_SECTION libs)
# ldconfig by trigger, as Debian wants it, not from maintainer scripts.
set(CPACK_DEBIAN_RUNTIME_PACKAGE_CONTROL_EXTRA "${PROJECT_SOURCE_DIR}/cmake/debian/triggers")
set(CPACK_DEBIAN_RUNTIME_DESCRIPTION "NES SDK: the shared libraries
A C++20 library to carry out a person's application for a Nitelikli
Elektronik Sertifika (qualified e-signature certificate) at Kamu SM from
code: e-Devlet login, the form, the SMS code, approval by e-imza (PKCS#11)
or by a wet-signature PDF, and a crash-safe journal.")

set(CPACK_DEBIAN_DEV_PACKAGE_NAME libnes-dev)
set(CPACK_DEBIAN_DEV_PACKAGE_SECTION libdevel)
set(CPACK_COMPONENT_DEV_DEPENDS runtime)
# What nesConfig.cmake and nes.pc look for (find_dependency, pkg-config's
# Requires.private), so that a consumer configures on a machine without them.
set(CPACK_DEBIAN_DEV_PACKAGE_DEPENDS
    "libboost1.81-dev, libboost-json1.81-dev, libboost-url1.81-dev, libssl-dev, libicu-dev, libsqlite3-dev, \
libp11-dev, libp11-kit-dev, libpcsclite-dev, libhpdf-dev, libqrencode-dev, pkg-config")
set(CPACK_DEBIAN_DEV_DESCRIPTION "NES SDK: headers, CMake and pkg-config files, API reference
The development files of NES SDK: the public headers (include/nes), the
CMake package (find_package(nes)), pkg-config files (nes, nes-core) and
the API reference in HTML.")

set(CPACK_DEBIAN_TOOLS_PACKAGE_NAME nes-tools)
set(CPACK_DEBIAN_TOOLS_PACKAGE_SECTION utils)
set(CPACK_COMPONENT_TOOLS_DEPENDS runtime)
set(CPACK_DEBIAN_TOOLS_DESCRIPTION "NES SDK: the nes program and the reference portal
nes applies for a NES from the command line or in batch for an HR office
(Turkish and English, a crash-safe journal, JSON output); nes-portal is the
reference portal of the protocol; nes-test-pki writes a test PKI for it.")

include(CPack)
