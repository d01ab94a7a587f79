#include "statelab/schedule.h"

#include <algorithm>

#include "statelab/sim.h"

namespace sim {

void CommandSchedule::Add(TimeUs at_us, Command command) {
  const auto pos = std::upper_bound(queue_.begin() + static_cast<std::ptrdiff_t>(next_), queue_.end(), at_us,
                                    [](TimeUs t, const TimedCommand& c) { return t < c.at_us; });
  queue_.insert(pos, TimedCommand{at_us, std::move(command)});
}

void CommandSchedule::Clear() {
  queue_.clear();
  next_ = 0;
}

size_t CommandSchedule::FeedDue(Sim& sim) {
  return TakeDue(sim.now_us(), [&sim](const Command& c) { sim.Enqueue(c); });
}

}  // namespace sim
