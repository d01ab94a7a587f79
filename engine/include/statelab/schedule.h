// The one command scheduler: timed commands handed to a Sim when their time comes, before the tick
// that applies them. Scenarios (RunScenario), chaos runs (RunChaos) and lessons (LessonRun) all
// feed the model through it, so "at 2:00" means the same tick everywhere.
#pragma once

#include <cstddef>
#include <vector>

#include "statelab/commands.h"

namespace sim {

class Sim;

class CommandSchedule {
 public:
  // Adds a command at `at_us`, after every pending command at the same time (the order given).
  void Add(TimeUs at_us, Command command);
  void Clear();
  // Enqueues on `sim` every pending command due at or before its current time, in order; returns
  // how many.
  size_t FeedDue(Sim& sim);
  // Hands every pending command due at or before `now_us` to `take(const Command&)`, in order.
  template <class Take>
  size_t TakeDue(TimeUs now_us, Take&& take) {
    size_t taken = 0;
    for (; next_ < queue_.size() && queue_[next_].at_us <= now_us; ++next_, ++taken) take(queue_[next_].command);
    return taken;
  }
  size_t pending() const { return queue_.size() - next_; }

 private:
  std::vector<TimedCommand> queue_;  // sorted by time from next_ on
  size_t next_ = 0;
};

}  // namespace sim
