# What keeps builds short; neither changes what is built.
# ccache when it is installed and the caller has not chosen a launcher already.
find_program(NES_CCACHE_PROGRAM ccache)
if(NES_CCACHE_PROGRAM AND NOT CMAKE_CXX_COMPILER_LAUNCHER)
  set(CMAKE_CXX_COMPILER_LAUNCHER "${NES_CCACHE_PROGRAM}")
endif()

# lld (Debian's lld-14) when it is there: it links a test program with full
# debug information in about a sixth of GNU ld's time, which is minutes over
# CI's four builds. Only when NES SDK is the top-level project, so that a
# consumer's add_subdirectory keeps its own linker.
option(NES_USE_LLD "Link with lld when it is installed" ${PROJECT_IS_TOP_LEVEL})
if(NES_USE_LLD AND NOT CMAKE_LINKER_TYPE)
  include(CheckLinkerFlag)
  check_linker_flag(CXX "-fuse-ld=lld" NES_HAVE_LLD)
  if(NES_HAVE_LLD)
    add_link_options(-fuse-ld=lld)
  endif()
endif()
