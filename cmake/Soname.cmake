# rz_soname(OUT NAME HINTS): the soname of shared library NAME (found in HINTS), for libraries
# loaded by dlopen on first use instead of linked (analysis/cbc_library.hpp,
# geo/spatialite_library.hpp say why). CMake 3.25's file(READ_ELF) finds no SONAME in some of
# Debian's libraries (libCbcSolver); objdump does.
function(rz_soname out name)
  find_library(rz_soname_library_${name} ${name} HINTS ${ARGN} REQUIRED)
  execute_process(COMMAND "${CMAKE_OBJDUMP}" -p "${rz_soname_library_${name}}"
                  OUTPUT_VARIABLE dynamic_section)
  string(REGEX MATCH "SONAME +([^\n ]+)" soname_line "${dynamic_section}")
  if(NOT CMAKE_MATCH_1)
    message(FATAL_ERROR "no soname in ${rz_soname_library_${name}}")
  endif()
  set(${out} "${CMAKE_MATCH_1}" PARENT_SCOPE)
endfunction()
