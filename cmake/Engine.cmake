# The pure engine (model, lesson runtime, loaders) and the headless CLI on top of it.

# engine/ may not include ImGui, SDL, GL or Emscripten headers: checked on every build.
add_custom_target(statelab_engine_purity
  COMMAND ${CMAKE_COMMAND} -DENGINE_DIR=${CMAKE_SOURCE_DIR}/engine -P ${CMAKE_SOURCE_DIR}/cmake/CheckEnginePurity.cmake
  COMMENT "Checking that engine/ includes no UI or platform headers"
  VERBATIM)

file(GLOB STATELAB_ENGINE_SOURCES CONFIGURE_DEPENDS ${CMAKE_SOURCE_DIR}/engine/src/*.cpp)
add_library(statelab_engine STATIC ${STATELAB_ENGINE_SOURCES})
target_include_directories(statelab_engine PUBLIC ${CMAKE_SOURCE_DIR}/engine/include)
target_link_libraries(statelab_engine PUBLIC nlohmann_json::nlohmann_json)
add_dependencies(statelab_engine statelab_engine_purity)
statelab_warnings(statelab_engine)

# The learner's words without ImGui: the string table, model values and "what happened" stories in
# Korean and English. The app's tutorial library and the CLI both link it.
set(STATELAB_TEXT_SOURCES
  ${CMAKE_SOURCE_DIR}/app/ui/strings.cpp ${CMAKE_SOURCE_DIR}/app/ui/model_text.cpp ${CMAKE_SOURCE_DIR}/app/ui/story_text.cpp)
add_library(statelab_text STATIC ${STATELAB_TEXT_SOURCES})
target_include_directories(statelab_text PUBLIC ${CMAKE_SOURCE_DIR}/app)
target_link_libraries(statelab_text PUBLIC statelab_engine)
statelab_warnings(statelab_text)

if(STATELAB_BUILD_CLI)
  file(GLOB STATELAB_CLI_SOURCES CONFIGURE_DEPENDS ${CMAKE_SOURCE_DIR}/cli/*.cpp)
  if(STATELAB_CLI_SOURCES)
    add_executable(statelab-sim ${STATELAB_CLI_SOURCES})
    target_link_libraries(statelab-sim PRIVATE statelab_engine statelab_text)
    target_compile_definitions(statelab-sim PRIVATE STATELAB_SOURCE_DIR="${CMAKE_SOURCE_DIR}")
    statelab_warnings(statelab-sim)
    statelab_node_executable(statelab-sim)
  endif()
endif()
