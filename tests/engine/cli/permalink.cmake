# Runs a lesson with --json, then replays its "permalink" with --replay --json: the replay must
# print the run's trace_hash and simulated time. Natively and (node preset) as wasm under node.
#
# A scenario's permalink is "#run=..." (the run names the scenario); its replay is given
# REPLAY_ARGS (e.g. --scenarios DIR).
#
#   cmake -DEXE=<statelab-sim> [-DEMULATOR=<node>] -DARGS="--lesson|id|--solution|..." [-DREPLAY_ARGS="..."] -P permalink.cmake
string(REPLACE "|" ";" args "${ARGS}")
string(REPLACE "|" ";" replay_args "${REPLAY_ARGS}")
set(prefix ${EXE})
if(EMULATOR)
  set(prefix ${EMULATOR} ${EXE})
endif()

# Runs statelab-sim with the given arguments; sets <var> to its JSON output, fails on a bad exit.
function(run_json var)
  execute_process(COMMAND ${prefix} ${ARGN} RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
  if(NOT rc MATCHES "^[01]$")
    message(FATAL_ERROR "${ARGN}: exit code ${rc}\n--- stderr\n${err}")
  endif()
  set(${var} "${out}" PARENT_SCOPE)
endfunction()

run_json(run ${args} --json)
string(JSON permalink GET "${run}" permalink)
string(JSON hash GET "${run}" trace_hash)
string(JSON simulated ERROR_VARIABLE no_simulated GET "${run}" simulated_s)
if(no_simulated)  # a scenario's run says how long it ran as duration_s
  string(JSON simulated GET "${run}" duration_s)
endif()
if(NOT permalink MATCHES "^#lesson=[a-z0-9-]+&seed=[0-9]+&run=[A-Za-z0-9_-]+$" AND
   NOT (ARGS MATCHES "^--scenario" AND permalink MATCHES "^#run=[A-Za-z0-9_-]+$"))
  message(FATAL_ERROR "permalink is not a lesson or scenario link with a run: ${permalink}")
endif()
string(LENGTH "${permalink}" length)
message(STATUS "permalink: ${length} characters")

run_json(replay --replay "https://example.org/statelab/${permalink}" ${replay_args} --json)
string(JSON replay_hash GET "${replay}" trace_hash)
string(JSON replay_simulated GET "${replay}" simulated_s)
if(NOT replay_hash STREQUAL hash OR NOT replay_simulated STREQUAL simulated)
  message(FATAL_ERROR "the replay gave trace_hash ${replay_hash} at ${replay_simulated}s; the run gave ${hash} at ${simulated}s")
endif()
