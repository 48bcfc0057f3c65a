# Installs BINARY_DIR into a fresh PREFIX and checks the pieces a user needs.
file(REMOVE_RECURSE "${PREFIX}")
execute_process(COMMAND ${CMAKE_COMMAND} --install "${BINARY_DIR}" --prefix "${PREFIX}"
  RESULT_VARIABLE status OUTPUT_QUIET)
if(NOT status EQUAL 0)
  message(FATAL_ERROR "cmake --install failed (${status})")
endif()
foreach(path IN ITEMS include/nes/nes.hpp include/nes/version.hpp lib/cmake/nes/nesConfig.cmake
                      lib/cmake/nes/nesConfigVersion.cmake lib/cmake/nes/nesTargets.cmake lib/pkgconfig/nes.pc)
  if(NOT EXISTS "${PREFIX}/${path}")
    message(FATAL_ERROR "not installed: ${path}")
  endif()
endforeach()
