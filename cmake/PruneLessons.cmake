# Removes lesson files from the build's data dir that no longer exist in lessons/, so a deleted
# or renamed lesson does not linger in the app. Run as: cmake -DDIR=... -DKEEP="a.json|b.json" -P
cmake_minimum_required(VERSION 3.16)
string(REPLACE "|" ";" KEEP "${KEEP}")
file(GLOB _present "${DIR}/*.json")
foreach(_f IN LISTS _present)
  get_filename_component(_n "${_f}" NAME)
  if(NOT _n IN_LIST KEEP)
    message(STATUS "Removing ${_n} from the data dir: it is no longer in lessons/")
    file(REMOVE "${_f}")
  endif()
endforeach()
