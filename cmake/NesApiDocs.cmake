# The API reference (Doxygen, from the public headers), with
# -DNES_BUILD_API_DOCS=ON (the package preset): built with the rest and
# installed with the -dev package. A Doxygen warning (an undocumented public
# symbol among them) fails the build; with NES_API_DOCS_STRICT=OFF the
# warnings are only counted.
option(NES_BUILD_API_DOCS "Build the API reference with Doxygen" OFF)
option(NES_API_DOCS_STRICT "Fail the API reference's build on any Doxygen warning" ON)
if(NOT NES_BUILD_API_DOCS)
  return()
endif()
find_package(Doxygen 1.9 REQUIRED)
set(NES_DOXYGEN_OUTPUT "${PROJECT_BINARY_DIR}/api")
configure_file("${PROJECT_SOURCE_DIR}/docs/Doxyfile.in" "${NES_DOXYGEN_OUTPUT}/Doxyfile" @ONLY)
file(GLOB_RECURSE nes_public_headers CONFIGURE_DEPENDS "${PROJECT_SOURCE_DIR}/include/nes/*.hpp")
add_custom_command(OUTPUT "${NES_DOXYGEN_OUTPUT}/html/index.html"
  COMMAND "${CMAKE_COMMAND}" -E rm -rf "${NES_DOXYGEN_OUTPUT}/html"
  COMMAND Doxygen::doxygen "${NES_DOXYGEN_OUTPUT}/Doxyfile"
  COMMAND "${CMAKE_COMMAND}" -DLOG=${NES_DOXYGEN_OUTPUT}/warnings.txt -DSTRICT=${NES_API_DOCS_STRICT}
          -P "${PROJECT_SOURCE_DIR}/cmake/NesDoxygenCheck.cmake"
  DEPENDS ${nes_public_headers} "${PROJECT_SOURCE_DIR}/docs/Doxyfile.in" "${PROJECT_SOURCE_DIR}/docs/api-mainpage.md"
  COMMENT "API reference (Doxygen)" VERBATIM)
add_custom_target(nes_api_docs ALL DEPENDS "${NES_DOXYGEN_OUTPUT}/html/index.html")
install(DIRECTORY "${NES_DOXYGEN_OUTPUT}/html/" DESTINATION "${CMAKE_INSTALL_DATADIR}/doc/libnes-dev/html" COMPONENT dev)
