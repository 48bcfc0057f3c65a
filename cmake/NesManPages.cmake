# The man pages (help2man, from the programs' own --help) and the bash
# completion of the nes program, installed with the tools (component
# "tools"). Without help2man (scripts/setup-deps docs) they are left out, and
# CMake says so.
if(NOT (TARGET nes_cli AND TARGET nes_portal_server))
  return()
endif()
find_program(NES_HELP2MAN help2man)
install(FILES "${PROJECT_SOURCE_DIR}/examples/cli/completion/nes.bash"
  DESTINATION "${CMAKE_INSTALL_DATADIR}/bash-completion/completions" RENAME nes COMPONENT tools)
install(FILES "${PROJECT_SOURCE_DIR}/docs/cli.md" DESTINATION "${CMAKE_INSTALL_DATADIR}/doc/nes-tools" COMPONENT tools)
install(FILES "${PROJECT_SOURCE_DIR}/docs/tr/nes.md" DESTINATION "${CMAKE_INSTALL_DATADIR}/doc/nes-tools/tr"
  COMPONENT tools)
if(NOT NES_HELP2MAN)
  message(STATUS "help2man not found: no man pages (scripts/setup-deps docs)")
  return()
endif()
set(nes_man_dir "${PROJECT_BINARY_DIR}/man")
set(nes_man_pages nes nes-apply nes-resume nes-status nes-journal nes-cancel nes-fees nes-debt nes-prefill
                  nes-validate nes-card nes-token nes-portal nes-test-pki)
list(TRANSFORM nes_man_pages PREPEND "${nes_man_dir}/" OUTPUT_VARIABLE nes_man_files)
list(TRANSFORM nes_man_files APPEND ".1.gz")
add_custom_command(OUTPUT ${nes_man_files}
  COMMAND "${PROJECT_SOURCE_DIR}/docs/man/make-manpages" "$<TARGET_FILE:nes_cli>" "$<TARGET_FILE:nes_portal_server>"
          "$<TARGET_FILE:nes_test_pki>" "${nes_man_dir}" "${PROJECT_VERSION}"
  DEPENDS nes_cli nes_portal_server nes_test_pki "${PROJECT_SOURCE_DIR}/docs/man/make-manpages"
          "${PROJECT_SOURCE_DIR}/docs/man/common.h2m"
  COMMENT "Man pages (help2man)" VERBATIM)
add_custom_target(nes_man_pages ALL DEPENDS ${nes_man_files})
install(FILES ${nes_man_files} DESTINATION "${CMAKE_INSTALL_MANDIR}/man1" COMPONENT tools)
