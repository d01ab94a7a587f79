# Flags shared by our own targets. Third-party sources never get -Werror.

# Floating point must not be contracted differently per compiler: it could feed the model.
add_compile_options(-ffp-contract=off)

if(EMSCRIPTEN)
  # The engine reports bad input through exceptions from nlohmann_json in a few places;
  # emcc disables them by default, so a throw would abort. Decide once: on everywhere, as
  # WebAssembly's own exception handling (every browser since 2021, node 17+). The JS-emulated
  # kind (-fexceptions) routes every call that may throw through a JS invoke_* wrapper: a
  # 19 % larger wasm and a wasm<->JS crossing per call on the first frame's path.
  add_compile_options(-fwasm-exceptions)
  add_link_options(-fwasm-exceptions)
endif()

if(STATELAB_SANITIZE)
  add_compile_options(-fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined)
  add_link_options(-fsanitize=address,undefined)
endif()

option(STATELAB_FUZZ "Build libFuzzer targets (needs clang)" OFF)
if(STATELAB_FUZZ)
  # Coverage for everything we compile; the fuzz targets add the libFuzzer main at link time.
  add_compile_options(-fsanitize=fuzzer-no-link,address,undefined -fno-omit-frame-pointer)
  add_link_options(-fsanitize=address,undefined)
endif()

function(statelab_warnings target)
  target_compile_options(${target} PRIVATE -Wall -Wextra -Werror)
  if(CMAKE_CXX_COMPILER_ID STREQUAL "GNU")
    # GCC 12 at -O2/-O3 reports -Wrestrict inside libstdc++'s own std::string code (GCC bug
    # 105329), a false positive that would break every Release build.
    target_compile_options(${target} PRIVATE -Wno-restrict)
  endif()
endfunction()

# Node-run wasm targets: synchronous compile (3.1.6 fetch()es a path otherwise) and the
# host file system, so tests and the CLI read lessons/ and scenarios/ directly.
function(statelab_node_executable target)
  if(EMSCRIPTEN)
    target_link_options(${target} PRIVATE -sWASM_ASYNC_COMPILATION=0 -sNODERAWFS=1
                        -sALLOW_MEMORY_GROWTH=1 -sEXIT_RUNTIME=1)
    set_target_properties(${target} PROPERTIES SUFFIX ".js")
  endif()
endfunction()
