// A run as data: a copy of a run goes on identically, the log replays it exactly, and the
// timeline rewinds and forks it to the same trace hash as a fresh run.
#include <doctest/doctest.h>

#include <memory>

#include "statelab/lesson.h"
#include "statelab/run_log.h"
#include "statelab/sim.h"

namespace {

int64_t TickOf(const sim::LessonRun& run) { return run.sim().now_us() / sim::kTickUs; }
constexpr int64_t kTicksPerS = sim::kUsPerS / sim::kTickUs;

sim::Lesson LoadOne(const char* id) {
  const sim::LessonSet set = sim::LoadLessons(STATELAB_SOURCE_DIR "/lessons");
  const sim::Lesson* l = set.Find(id);
  REQUIRE_MESSAGE(l != nullptr, "no lesson " << id);
  return *l;
}

// A learner's run: commands at a few moments, applied and logged as the tutorial does.
struct Played {
  std::unique_ptr<sim::LessonRun> run;
  sim::RunLog log;
  sim::RunTimeline timeline;
};

void Apply(Played& p, sim::Command c) {
  p.log.entries.push_back({TickOf(*p.run), c});
  p.run->Apply(std::move(c));
}

void Ticks(Played& p, int64_t n) {
  for (int64_t i = 0; i < n; ++i) {
    p.run->Tick();
    p.timeline.Note(*p.run);
  }
}

Played Play(const sim::Lesson& lesson, size_t max_snapshots = 12) {
  Played p{std::make_unique<sim::LessonRun>(lesson, 7), {}, sim::RunTimeline(max_snapshots, 20 * kTicksPerS)};
  p.run->StartAt(0);
  p.log = sim::RunLog{lesson.id, 0, 7, {}};
  p.timeline.Reset(*p.run);
  Ticks(p, 15 * kTicksPerS);
  Apply(p, sim::SetStickiness{true, 60});
  Ticks(p, 40 * kTicksPerS);
  Apply(p, sim::SetShopperCount{600});
  Apply(p, sim::TerminateInstance{sim::InstanceId{1}});
  Ticks(p, 70 * kTicksPerS);
  Apply(p, sim::SetStickiness{false, 60});
  Ticks(p, 35 * kTicksPerS);
  return p;
}

}  // namespace

TEST_CASE("a copy of a run is the same run: both go on to the same trace hash") {
  const sim::Lesson lesson = LoadOne("no-stickiness");
  sim::LessonRun run(lesson, 3);
  run.StartAt(0);
  run.Advance(sim::Sec(20));
  sim::LessonRun copy(run);
  CHECK(copy.sim().trace_hash() == run.sim().trace_hash());
  run.Advance(sim::Sec(30));
  copy.Advance(sim::Sec(30));
  CHECK(copy.sim().now_us() == run.sim().now_us());
  CHECK(copy.sim().trace_hash() == run.sim().trace_hash());
  CHECK(copy.Grade().points_met == run.Grade().points_met);
}

TEST_CASE("rewinding to second t gives the run at t; playing on from it gives the run at T") {
  const sim::Lesson lesson = LoadOne("no-stickiness");
  Played p = Play(lesson);
  const int64_t end = TickOf(*p.run);
  REQUIRE(p.timeline.snapshots() > 3);
  for (int64_t t : {p.timeline.first_tick(), p.timeline.first_tick() + 1, p.log.entries[1].tick,
                    p.log.entries[1].tick + 1, end - 7 * kTicksPerS, end}) {
    CAPTURE(t);
    auto at = p.timeline.At(p.log, t);
    REQUIRE(at != nullptr);
    CHECK(TickOf(*at) == t);
    CHECK(at->sim().trace_hash() == sim::ReplayRunLog(lesson, p.log, t)->sim().trace_hash());
    sim::ReplayFrom(*at, p.log, end);  // play on: the rest of the log comes back at its ticks
    CHECK(at->sim().trace_hash() == p.run->sim().trace_hash());
  }
}

TEST_CASE("forking at t with one change is a fresh run with that change at t") {
  const sim::Lesson lesson = LoadOne("no-stickiness");
  Played p = Play(lesson);
  const int64_t end = TickOf(*p.run);
  const int64_t t = p.log.entries[1].tick - 5 * kTicksPerS;  // before the instance died
  auto fork = p.timeline.At(p.log, t);
  // The branch: the log up to t, then the change at t, then nothing of the old future.
  sim::RunLog branch = p.log;
  std::erase_if(branch.entries, [&](const sim::RunLogEntry& e) { return e.tick >= t; });
  branch.entries.push_back({t, sim::SetStickiness{true, 3600}});
  fork->Apply(sim::SetStickiness{true, 3600});
  while (TickOf(*fork) < end) fork->Tick();
  CHECK(fork->sim().trace_hash() == sim::ReplayRunLog(lesson, branch, end)->sim().trace_hash());
  CHECK(fork->sim().trace_hash() != p.run->sim().trace_hash());  // a real "what if"
}

TEST_CASE("the timeline keeps at most its snapshots, however long the run") {
  const sim::Lesson lesson = LoadOne("no-stickiness");
  Played p = Play(lesson, 4);
  CHECK(p.timeline.snapshots() <= 4);
  CHECK(p.timeline.every_ticks() > 20 * kTicksPerS);  // thinned: the spacing doubled
  const int64_t t = TickOf(*p.run) - 3 * kTicksPerS;
  CHECK(p.timeline.At(p.log, t)->sim().trace_hash() == sim::ReplayRunLog(lesson, p.log, t)->sim().trace_hash());
  p.timeline.TruncateAfter(p.timeline.first_tick());
  CHECK(p.timeline.snapshots() == 1);
}

TEST_CASE("the timeline stays within its memory budget: fewer snapshots of a bigger run") {
  const sim::Lesson lesson = LoadOne("no-stickiness");
  sim::LessonRun run(lesson, 5);
  run.StartAt(0);
  const size_t one = run.sim().MemoryBytes();
  REQUIRE(one > 0);
  sim::RunTimeline timeline(12, 10 * kTicksPerS, one * 4);  // room for about four copies
  timeline.Reset(run);
  for (int i = 0; i < 300 * kTicksPerS; ++i) {
    run.Tick();
    timeline.Note(run);
  }
  CHECK(timeline.snapshots() >= 2);
  CHECK(timeline.bytes() <= one * 4 + one);  // a run grows a little as it goes
  CHECK(timeline.snapshots() < 12);
}
