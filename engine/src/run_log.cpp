#include "statelab/run_log.h"

#include <algorithm>

#include "statelab/overloaded.h"
#include "statelab/sim.h"

namespace sim {

namespace {
int64_t TickOf(const LessonRun& run) { return run.sim().now_us() / kTickUs; }
}  // namespace

void ReplayFrom(LessonRun& run, const RunLog& log, int64_t until_tick) {
  // Entries before the run's moment are already in it; those at a tick apply just before it runs,
  // so the run "at tick t" has every entry before t and none at t.
  const int64_t from = TickOf(run);
  auto next = std::lower_bound(log.entries.begin(), log.entries.end(), from,
                               [](const RunLogEntry& e, int64_t t) { return e.tick < t; });
  for (int64_t tick = from; tick < until_tick; tick = TickOf(run)) {
    for (; next != log.entries.end() && next->tick <= tick; ++next) {
      std::visit(Overloaded{[&](const Command& c) { run.Apply(c); }, [&](const StepStarted& s) { run.StartStep(s.step); }},
                 next->what);
    }
    run.Tick();
  }
}

std::unique_ptr<LessonRun> ReplayRunLog(const Lesson& lesson, const RunLog& log, int64_t until_tick) {
  auto run = std::make_unique<LessonRun>(lesson, log.seed);
  run->StartAt(log.start_step);
  ReplayFrom(*run, log, until_tick);
  return run;
}

RunTimeline::RunTimeline(size_t max_snapshots, int64_t every_ticks, size_t budget_bytes)
    : max_(std::max<size_t>(2, max_snapshots)), every_ticks_(std::max<int64_t>(1, every_ticks)), budget_(budget_bytes) {}

size_t RunTimeline::bytes() const {
  size_t sum = 0;
  for (const auto& s : snapshots_) sum += s->MemoryBytes();
  return sum;
}

// Keeps the opening snapshot and every other one after it; the spacing doubles.
void RunTimeline::Thin() {
  std::vector<std::unique_ptr<LessonRun>> kept;
  for (size_t i = 0; i < snapshots_.size(); i += 2) kept.push_back(std::move(snapshots_[i]));
  snapshots_ = std::move(kept);
  every_ticks_ *= 2;
}

void RunTimeline::Reset(const LessonRun& run) {
  snapshots_.clear();
  snapshots_.push_back(std::make_unique<LessonRun>(run));
}

void RunTimeline::Note(const LessonRun& run) {
  if (snapshots_.empty()) return;
  if (TickOf(run) - TickOf(*snapshots_.back()) < every_ticks_) return;
  // Full, by count or by memory (a copy costs about what the run holds now).
  while (snapshots_.size() > 1 &&
         (snapshots_.size() >= max_ || bytes() + run.MemoryBytes() > budget_)) {
    Thin();
    if (TickOf(run) - TickOf(*snapshots_.back()) < every_ticks_) return;
  }
  snapshots_.push_back(std::make_unique<LessonRun>(run));
}

void RunTimeline::TruncateAfter(int64_t tick) {
  while (snapshots_.size() > 1 && TickOf(*snapshots_.back()) > tick) snapshots_.pop_back();
}

std::unique_ptr<LessonRun> RunTimeline::At(const RunLog& log, int64_t tick) const {
  if (snapshots_.empty()) return nullptr;
  const LessonRun* from = snapshots_.front().get();
  for (const auto& s : snapshots_) {
    if (TickOf(*s) <= tick) from = s.get();
  }
  auto run = std::make_unique<LessonRun>(*from);
  ReplayFrom(*run, log, std::max(tick, TickOf(*from)));
  return run;
}

int64_t RunTimeline::first_tick() const { return snapshots_.empty() ? 0 : TickOf(*snapshots_.front()); }

}  // namespace sim
