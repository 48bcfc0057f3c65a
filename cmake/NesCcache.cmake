# Use ccache when it is installed and the caller has not chosen a launcher already.
find_program(NES_CCACHE_PROGRAM ccache)
if(NES_CCACHE_PROGRAM AND NOT CMAKE_CXX_COMPILER_LAUNCHER)
  set(CMAKE_CXX_COMPILER_LAUNCHER "${NES_CCACHE_PROGRAM}")
endif()
