include(CMakePackageConfigHelpers)

set(nes_installed_targets nes_public_headers nes_core nes_client nes_signing nes_journal nes)
if(TARGET nes_mocks)
  list(APPEND nes_installed_targets nes_mocks)
endif()
if(NES_BUILD_PORTAL)
  list(APPEND nes_installed_targets nes_portal nes_portal_server)
endif()
# Components, one Debian package each (NesPackaging.cmake): runtime (the
# shared libraries), dev (headers, CMake and pkg-config files, the .so links
# and static archives) and tools (the programs, their man pages).
install(TARGETS ${nes_installed_targets} EXPORT nesTargets
  ARCHIVE DESTINATION ${CMAKE_INSTALL_LIBDIR} COMPONENT dev
  LIBRARY DESTINATION ${CMAKE_INSTALL_LIBDIR} COMPONENT runtime NAMELINK_COMPONENT dev
  RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR} COMPONENT tools)
install(DIRECTORY "${PROJECT_SOURCE_DIR}/include/nes" DESTINATION ${CMAKE_INSTALL_INCLUDEDIR} COMPONENT dev)
install(FILES "${PROJECT_BINARY_DIR}/include/nes/version.hpp" DESTINATION ${CMAKE_INSTALL_INCLUDEDIR}/nes
  COMPONENT dev)

set(nes_cmake_dir "${CMAKE_INSTALL_LIBDIR}/cmake/nes")
install(EXPORT nesTargets NAMESPACE nes:: DESTINATION "${nes_cmake_dir}" COMPONENT dev)
configure_package_config_file(cmake/nesConfig.cmake.in "${PROJECT_BINARY_DIR}/nesConfig.cmake"
  INSTALL_DESTINATION "${nes_cmake_dir}")
write_basic_package_version_file("${PROJECT_BINARY_DIR}/nesConfigVersion.cmake"
  COMPATIBILITY SameMinorVersion)
install(FILES "${PROJECT_BINARY_DIR}/nesConfig.cmake" "${PROJECT_BINARY_DIR}/nesConfigVersion.cmake"
              "${PROJECT_SOURCE_DIR}/cmake/NesSystemDeps.cmake"
  DESTINATION "${nes_cmake_dir}" COMPONENT dev)

# pkg-config: nes (the whole SDK) and nes-core (values, form, JSON, text).
# A static library needs its private dependencies on the link line
# (--static); a shared one does not.
set(nes_pc_boost_libs "-lboost_url")
set(nes_core_pc_boost_libs "")
if(NOT NES_BOOST_JSON_FROM_SOURCE)
  set(nes_pc_boost_libs "-lboost_json -lboost_url")
  set(nes_core_pc_boost_libs "-lboost_json")
endif()
# The .pc file finds its prefix relative to itself, so the tree can be
# installed anywhere (cmake --install --prefix).
string(REGEX MATCHALL "[^/]+" nes_pc_depth "${CMAKE_INSTALL_LIBDIR}/pkgconfig")
list(TRANSFORM nes_pc_depth REPLACE ".+" "..")
list(JOIN nes_pc_depth "/" nes_pc_prefix_from_pcfiledir)
configure_file(cmake/nes.pc.in "${PROJECT_BINARY_DIR}/nes.pc" @ONLY)
configure_file(cmake/nes-core.pc.in "${PROJECT_BINARY_DIR}/nes-core.pc" @ONLY)
install(FILES "${PROJECT_BINARY_DIR}/nes.pc" "${PROJECT_BINARY_DIR}/nes-core.pc"
  DESTINATION "${CMAKE_INSTALL_LIBDIR}/pkgconfig" COMPONENT dev)
