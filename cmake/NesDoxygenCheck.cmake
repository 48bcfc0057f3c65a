# Counts Doxygen's warnings (LOG); with STRICT, any of them fails the build:
# every public symbol is documented.
file(READ "${LOG}" warnings)
string(STRIP "${warnings}" warnings)
if(NOT warnings STREQUAL "")
  string(REGEX MATCHALL "\n" lines "${warnings}")
  list(LENGTH lines count)
  math(EXPR count "${count} + 1")
  if(STRICT)
    message(FATAL_ERROR "Doxygen: ${count} warnings (${LOG}):\n${warnings}")
  endif()
  message(WARNING "Doxygen: ${count} warnings, listed in ${LOG}")
endif()
