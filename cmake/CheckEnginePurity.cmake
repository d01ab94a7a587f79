# Fails the build when a file under engine/ includes a UI or platform header.
# The engine must stay pure C++ and the standard library (plus nlohmann_json).
# Usage: cmake -DENGINE_DIR=<dir> -P CheckEnginePurity.cmake
file(GLOB_RECURSE _files "${ENGINE_DIR}/*.h" "${ENGINE_DIR}/*.hpp" "${ENGINE_DIR}/*.cpp" "${ENGINE_DIR}/*.cc")
set(_bad "")
foreach(_f IN LISTS _files)
  file(STRINGS "${_f}" _lines REGEX "^[ \t]*#[ \t]*include[ \t]*[<\"]")
  foreach(_l IN LISTS _lines)
    string(TOLOWER "${_l}" _low)
    if(_low MATCHES "[<\"/](imgui|sdl|gl/|gles|glad|emscripten|webgl)")
      list(APPEND _bad "${_f}: ${_l}")
    endif()
  endforeach()
endforeach()
if(_bad)
  list(JOIN _bad "\n  " _msg)
  message(FATAL_ERROR "engine/ must not include UI or platform headers:\n  ${_msg}")
endif()
