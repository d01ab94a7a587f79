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
#include "statelab/types.h"

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

// What a run is of: a lesson (lessons/ID.json), or a scenario file (scenarios/ID.json) played as a
// one-step lesson with no goals (LessonOfScenario in scenario.h).
enum class RunSource : uint8_t { Lesson, Scenario };

struct RunLog {
  std::string lesson;  // Lesson::id, or the scenario's id (its file name without .json)
  int start_step = 0;  // the step the run opened at (earlier steps play their reference solutions)
  uint64_t seed = 0;
  std::vector<RunLogEntry> entries;  // in the order applied; ticks never decrease
  RunSource source = RunSource::Lesson;
  friend bool operator==(const RunLog&, const RunLog&) = default;
};

// Plays `log` on a fresh run of `lesson` up to simulated tick `until_tick` (absolute, as the log's
// ticks): the run a learner who did exactly this would see at that moment. An entry at a tick is
// applied just before that tick runs, so the run at tick t holds every entry before t, none at t.
std::unique_ptr<LessonRun> ReplayRunLog(const Lesson& lesson, const RunLog& log, int64_t until_tick);
// Plays on from `run` (a moment of the same run, e.g. a snapshot): applies the log's entries from
// the run's current tick on, at their ticks, up to `until_tick`.
void ReplayFrom(LessonRun& run, const RunLog& log, int64_t until_tick);

// Copies of one run at moments spread over it, so any earlier moment is a copy plus a short replay
// of the log. At most `max_snapshots` are kept, within `budget_bytes` (Sim::MemoryBytes): when
// full, every other one is dropped and the spacing doubles, so memory stays bounded however long
// the run (docs/performance.md).
class RunTimeline {
 public:
  explicit RunTimeline(size_t max_snapshots = 12, int64_t every_ticks = 30 * (kUsPerS / kTickUs),
                       size_t budget_bytes = size_t{48} << 20);
  // The run as it opens (before any learner command): the first snapshot.
  void Reset(const LessonRun& run);
  // After each tick of the run: takes a copy when one is due.
  void Note(const LessonRun& run);
  // Forgets the snapshots after `tick` (a fork: that future is no longer this run's).
  void TruncateAfter(int64_t tick);
  // The run at `tick` (from the opening tick to the one noted last), replaying `log` from the
  // nearest snapshot at or before it.
  std::unique_ptr<LessonRun> At(const RunLog& log, int64_t tick) const;
  int64_t first_tick() const;
  size_t snapshots() const { return snapshots_.size(); }
  int64_t every_ticks() const { return every_ticks_; }
  size_t bytes() const;  // what the snapshots hold

 private:
  void Thin();
  size_t max_;
  int64_t every_ticks_;
  size_t budget_;
  std::vector<std::unique_ptr<LessonRun>> snapshots_;  // by tick, the opening one first
};

}  // namespace sim
