// A learner's run as data: the lesson, the step it opened at, the seed, and every command and
// step change with the tick it came at. The model is deterministic, so this log replays the run
// exactly (the same trace hash), natively and in WebAssembly. The tutorial controller records it;
// rewinding, forking and shared links build on it.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <variant>
#include <vector>

#include "statelab/commands.h"
#include "statelab/lesson.h"

namespace sim {

// The learner moved on to step `step` of the same run (the stack keeps running).
struct StepStarted {
  int step = 0;
  friend bool operator==(const StepStarted&, const StepStarted&) = default;
};

struct RunLogEntry {
  int64_t tick = 0;  // Sim::now_us() / kTickUs when it was applied, before that tick ran
  std::variant<Command, StepStarted> what;
  friend bool operator==(const RunLogEntry&, const RunLogEntry&) = default;
};

struct RunLog {
  std::string lesson;  // Lesson::id
  int start_step = 0;  // the step the run opened at (earlier steps play their reference solutions)
  uint64_t seed = 0;
  std::vector<RunLogEntry> entries;  // in the order applied; ticks never decrease
  friend bool operator==(const RunLog&, const RunLog&) = default;
};

// Plays `log` on a fresh run of `lesson` up to simulated tick `until_tick` (absolute, as the log's
// ticks): the run a learner who did exactly this would see at that moment.
std::unique_ptr<LessonRun> ReplayRunLog(const Lesson& lesson, const RunLog& log, int64_t until_tick);

}  // namespace sim
