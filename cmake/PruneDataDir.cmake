# Removes files from a folder of the build's data dir that the build no longer makes (a deleted or
# renamed lesson, a font file under an older name), so they do not linger in the app or its data
# package. Run as: cmake -DDIR=... -DPATTERN=*.json -DKEEP="a.json|b.json" -P PruneDataDir.cmake
cmake_minimum_required(VERSION 3.16)
string(REPLACE "|" ";" KEEP "${KEEP}")
file(GLOB _present "${DIR}/${PATTERN}")
foreach(_f IN LISTS _present)
  get_filename_component(_n "${_f}" NAME)
  if(NOT _n IN_LIST KEEP)
    message(STATUS "Removing ${_n} from ${DIR}: the build no longer makes it")
    file(REMOVE "${_f}")
  endif()
endforeach()
