# Third-party dependencies, all from Debian packages (see scripts/setup):
#   nlohmann_json, doctest  - header-only packages
#   Dear ImGui 1.90.1       - Debian 13's source package, compiled here for native and wasm
#   SDL2                    - libsdl2-dev natively; built from Debian's source for wasm

if(EMSCRIPTEN)
  # find_package() would put /usr/include on emcc's path and leak host headers into
  # the wasm build; use a directory that holds only these two header trees instead.
  set(_wasm_inc "${STATELAB_DEPS_DIR}/wasm-include")
  if(NOT EXISTS "${_wasm_inc}/nlohmann/json.hpp")
    message(FATAL_ERROR "${_wasm_inc} is missing: run scripts/setup first")
  endif()
  add_library(nlohmann_json::nlohmann_json INTERFACE IMPORTED GLOBAL)
  target_include_directories(nlohmann_json::nlohmann_json SYSTEM INTERFACE "${_wasm_inc}")
  add_library(doctest::doctest INTERFACE IMPORTED GLOBAL)
  target_include_directories(doctest::doctest SYSTEM INTERFACE "${_wasm_inc}")
else()
  find_package(nlohmann_json 3.10 REQUIRED)
  find_package(doctest REQUIRED)
endif()

set(IMGUI_DIR "${STATELAB_DEPS_DIR}/imgui")
if((STATELAB_BUILD_APP OR STATELAB_BUILD_TESTS) AND NOT EXISTS "${IMGUI_DIR}/backends/imgui_impl_sdl2.cpp")
  # A build/deps made before the move to 1.90.1 holds 1.86 (its backend is imgui_impl_sdl.cpp).
  message(FATAL_ERROR "Dear ImGui 1.90.1 sources not found in ${IMGUI_DIR}: run scripts/setup first")
endif()

if(EXISTS "${IMGUI_DIR}/imgui.cpp")
  # Core only: enough for the null-backend UI tests and the benchmarks.
  add_library(imgui_core STATIC
    ${IMGUI_DIR}/imgui.cpp ${IMGUI_DIR}/imgui_draw.cpp
    ${IMGUI_DIR}/imgui_tables.cpp ${IMGUI_DIR}/imgui_widgets.cpp)
  target_include_directories(imgui_core SYSTEM PUBLIC ${IMGUI_DIR} ${IMGUI_DIR}/backends)
  target_compile_definitions(imgui_core PUBLIC IMGUI_DISABLE_OBSOLETE_FUNCTIONS)
  # Third-party code: built as shipped, without our warning flags.
  target_compile_options(imgui_core PRIVATE -w)
endif()

if(STATELAB_BUILD_APP)
  if(EMSCRIPTEN)
    set(_sdl "${STATELAB_DEPS_DIR}/sdl2-wasm")
    if(NOT EXISTS "${_sdl}/lib/libSDL2.a")
      message(FATAL_ERROR "SDL2 for wasm not found in ${_sdl}: run scripts/setup first")
    endif()
    add_library(statelab_sdl2 INTERFACE)
    target_include_directories(statelab_sdl2 SYSTEM INTERFACE "${_sdl}/include" "${_sdl}/include/SDL2")
    target_link_libraries(statelab_sdl2 INTERFACE "${_sdl}/lib/libSDL2.a")
  else()
    find_package(SDL2 REQUIRED)
    find_package(OpenGL REQUIRED)
    add_library(statelab_sdl2 INTERFACE)
    target_link_libraries(statelab_sdl2 INTERFACE SDL2::SDL2 OpenGL::GL ${CMAKE_DL_LIBS})
  endif()

  add_library(imgui_backends STATIC
    ${IMGUI_DIR}/backends/imgui_impl_sdl2.cpp ${IMGUI_DIR}/backends/imgui_impl_opengl3.cpp)
  target_link_libraries(imgui_backends PUBLIC imgui_core statelab_sdl2)
  target_compile_options(imgui_backends PRIVATE -w)
  if(EMSCRIPTEN)
    # The OpenGL3 backend (1.90.1 as 1.86) picks WebGL1 on Emscripten unless told otherwise.
    target_compile_definitions(imgui_backends PUBLIC IMGUI_IMPL_OPENGL_ES3)
  endif()
endif()
