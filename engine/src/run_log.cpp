#include "statelab/run_log.h"

#include "statelab/overloaded.h"
#include "statelab/sim.h"

namespace sim {

std::unique_ptr<LessonRun> ReplayRunLog(const Lesson& lesson, const RunLog& log, int64_t until_tick) {
  auto run = std::make_unique<LessonRun>(lesson, log.seed);
  run->StartAt(log.start_step);
  size_t next = 0;
  for (;;) {
    const int64_t tick = run->sim().now_us() / kTickUs;
    for (; next < log.entries.size() && log.entries[next].tick <= tick; ++next) {
      std::visit(Overloaded{[&](const Command& c) { run->Apply(c); },
                            [&](const StepStarted& s) { run->StartStep(s.step); }},
                 log.entries[next].what);
    }
    if (tick >= until_tick) break;
    run->Tick();
  }
  return run;
}

}  // namespace sim
