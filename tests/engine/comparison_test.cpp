// Comparisons (statelab/comparison.h): both sides are the runs a single Sim gives with the same
// config and commands; the difference summary equals the metrics read from each side; a lesson's
// comparison step forks at its start, grades goals on either side or on the difference, and ends
// the twin when the next step starts; the loader refuses sides outside a comparison.
#include <doctest/doctest.h>

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cinttypes>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <map>
#include <functional>
#include <string>
#include <vector>

#include "statelab/comparison.h"
#include "statelab/lesson.h"
#include "statelab/run_log.h"
#include "statelab/sim.h"

namespace {

sim::Config SmallStack() {
  sim::Config c;
  c.seed = 11;
  c.shoppers.count = 300;
  return c;
}

const sim::Command kKnob = sim::SetSessionStrategy{sim::SessionStrategy::ServerSession};
const sim::Command kFault = sim::TerminateInstance{sim::InstanceId{1}};

// A fresh single run: `warm` seconds, then the commands, then `span` seconds.
sim::Sim SingleRun(const std::vector<sim::Command>& commands, sim::TimeUs warm, sim::TimeUs span) {
  sim::Sim s(SmallStack());
  s.RunFor(warm);
  for (const sim::Command& c : commands) s.Enqueue(c);
  s.RunFor(span);
  return s;
}

std::string LessonsDir() { return std::string(STATELAB_SOURCE_DIR) + "/lessons"; }

}  // namespace

TEST_CASE("each side of a comparison is the run a single Sim gives with its config and commands") {
  sim::Sim b(SmallStack());
  b.RunFor(sim::Sec(5));
  sim::Comparison c(b);
  // The learner's knob reaches B only, the fault both: the routing rule, stated once.
  CHECK_FALSE(sim::OnBothSides(kKnob));
  CHECK(sim::OnBothSides(kFault));
  b.Enqueue(kKnob);
  b.Enqueue(kFault);
  c.a().Enqueue(kFault);
  for (int i = 0; i < 30 * 100; ++i) {
    c.StepA();
    b.Step();
  }
  REQUIRE(c.a().now_us() == b.now_us());
  const sim::Sim fresh_a = SingleRun({kFault}, sim::Sec(5), sim::Sec(30));
  const sim::Sim fresh_b = SingleRun({kKnob, kFault}, sim::Sec(5), sim::Sec(30));
  CHECK(c.a().now_us() == fresh_a.now_us());
  CHECK(c.a().trace_hash() == fresh_a.trace_hash());
  CHECK(b.trace_hash() == fresh_b.trace_hash());
  CHECK(c.a().trace_hash() != b.trace_hash());  // the knob made a difference
  CHECK(c.fork_us() == sim::Sec(5));
}

TEST_CASE("the summary equals each side's metrics counted from the fork") {
  SUBCASE("forked at the start: the summary is each side's own metrics") {
    sim::Sim b(SmallStack());
    sim::Comparison c(b);
    b.Enqueue(kKnob);
    for (const sim::Command& f : {kFault}) {
      b.Enqueue(f);
      c.a().Enqueue(f);
    }
    for (int i = 0; i < 40 * 100; ++i) {
      c.StepA();
      b.Step();
    }
    const sim::Difference d = c.Summary(b, std::vector<sim::Metric>{sim::Metric::SessionsLost, sim::Metric::CartsLost});
    REQUIRE(d.rows.size() == std::size(sim::kSummaryMetrics) + 1);  // carts_lost once
    for (size_t i = 0; i < std::size(sim::kSummaryMetrics); ++i) CHECK(d.rows[i].metric == sim::kSummaryMetrics[i]);
    CHECK(d.rows.back().metric == sim::Metric::SessionsLost);
    for (const sim::DifferenceRow& row : d.rows) {
      CAPTURE(sim::InfoOf(row.metric).name);
      CHECK(row.a == sim::ReadMetric(c.a(), row.metric));
      CHECK(row.b == sim::ReadMetric(b, row.metric));
    }
    // Memory sessions lose the carts of the terminated instance; a session store loses none.
    CHECK(d.rows[0].a > 0);
    CHECK(d.rows[0].b == 0);
  }
  SUBCASE("forked later: counts are differences, p99 is over the requests since the fork") {
    sim::Sim b(SmallStack());
    b.Enqueue(kFault);  // carts lost before the fork must not count
    b.RunFor(sim::Sec(20));
    const sim::Sim at_fork = b;
    REQUIRE(sim::ReadMetric(at_fork, sim::Metric::CartsLost) > 0);
    sim::Comparison c(b);
    b.Enqueue(kKnob);
    for (int i = 0; i < 20 * 100; ++i) {
      c.StepA();
      b.Step();
    }
    const sim::Difference d = c.Summary(b);
    for (const sim::DifferenceRow& row : d.rows) {
      CAPTURE(sim::InfoOf(row.metric).name);
      for (auto [side, value] : {std::pair<const sim::Sim*, double>{&c.a(), row.a}, std::pair<const sim::Sim*, double>{&b, row.b}}) {
        if (row.metric == sim::Metric::RunP99Ms) {
          const sim::LatencyHistogram since = side->run_latency().Since(at_fork.run_latency());
          CHECK(since.count() == side->run_latency().count() - at_fork.run_latency().count());
          CHECK(value == static_cast<double>(since.Percentile(990)) / 1000.0);
        } else {
          CHECK(value == sim::ReadMetric(*side, row.metric) - sim::ReadMetric(at_fork, row.metric));
        }
      }
    }
  }
}

TEST_CASE("a lesson's comparison step: both sides deterministic, goals read both, the twin ends with the step") {
  const sim::LessonSet set = sim::LoadLessons(LessonsDir());
  REQUIRE(set.errors.empty());
  int compare_steps = 0;
  for (const sim::Lesson& lesson : set.lessons) {
    for (size_t k = 0; k < lesson.steps.size(); ++k) {
      const sim::LessonStep& step = lesson.steps[k];
      if (!step.compare) continue;
      ++compare_steps;
      CAPTURE(lesson.id);
      CAPTURE(step.id);
      // The reference run of this step, side by side.
      sim::LessonRun run(lesson, 1);
      run.StartAt(static_cast<int>(k));
      REQUIRE(run.comparison() != nullptr);
      run.QueueSolution();
      // Goals count from the end of the settle time: the run as it was then.
      run.Advance(step.settle_us);
      const sim::LessonRun settled(run);
      REQUIRE(settled.comparison() != nullptr);
      const bool passed = run.PlayStep();
      CHECK(passed);
      REQUIRE(run.comparison() != nullptr);
      CHECK(run.comparison()->a().now_us() == run.sim().now_us());
      // The timeline's budget counts the twin: a snapshot of a comparison holds two Sims.
      CHECK(run.MemoryBytes() == run.sim().MemoryBytes() + run.comparison()->a().MemoryBytes());
      // The same step with side A's (or B's) settings as its own, no comparison: the same runs.
      for (const bool side_a : {true, false}) {
        sim::Lesson single = lesson;
        sim::LessonStep& s = single.steps[k];
        for (const sim::Command& c : (side_a ? s.compare->a : s.compare->b).settings) s.settings.push_back(c);
        s.compare.reset();
        for (sim::Goal& g : s.goals) g.side = sim::GoalSide::Run;
        sim::LessonRun fresh(single, 1);
        fresh.StartAt(static_cast<int>(k));
        // Side A takes no learner setting; B takes the reference solution.
        if (!side_a) fresh.QueueSolution();
        fresh.Advance(run.sim().now_us() - fresh.sim().now_us());
        CHECK(fresh.sim().trace_hash() == (side_a ? run.comparison()->a().trace_hash() : run.sim().trace_hash()));
      }
      // The summary's rows are the sides' metrics since the fork, and a goal on a side reads the same.
      const sim::Difference d = run.ComparisonSummary();
      CHECK(d.rows.size() >= std::size(sim::kSummaryMetrics) + step.compare->summary.size());
      for (const sim::DifferenceRow& row : d.rows) {
        CHECK(row.a == run.comparison()->Read(sim::Side::A, run.sim(), row.metric));
        CHECK(row.b == run.comparison()->Read(sim::Side::B, run.sim(), row.metric));
      }
      // The line counts as the goals do, from the end of the settle time: the switch into the step's
      // settings (which loses carts on both sides) is not the difference being compared.
      if (lesson.id == "session-store") CHECK((d.rows[0].a > 0 && d.rows[0].b == 0));
      // What each design runs on: Multi-AZ adds a standby DB instance to side B, so B's vCPU-hours
      // since the fork are above A's; elsewhere the two sides run the same instances.
      const auto vcpu = std::find_if(d.rows.begin(), d.rows.end(), [](const sim::DifferenceRow& r) { return r.metric == sim::Metric::VcpuHours; });
      REQUIRE(vcpu != d.rows.end());
      CHECK(vcpu->a > 0);
      if (lesson.id == "multi-az") CHECK(vcpu->b > vcpu->a);
      int goals_on_counts = 0;
      for (size_t i = 0; i < step.goals.size(); ++i) {
        const sim::Goal& g = step.goals[i];
        if (!g.shopper.empty() || !sim::IsRunningCount(sim::InfoOf(g.metric_id))) continue;
        auto since_settled = [&](sim::Side side) {
          return run.comparison()->Read(side, run.sim(), g.metric_id) -
                 settled.comparison()->Read(side, settled.sim(), g.metric_id);
        };
        const double a = since_settled(sim::Side::A);
        const double b = since_settled(sim::Side::B);
        const double expected = g.side == sim::GoalSide::A ? a : g.side == sim::GoalSide::B ? b : a - b;
        CHECK(run.LiveGoalValue(i) == expected);
        ++goals_on_counts;
      }
      CHECK(goals_on_counts >= 1);
      // Every goal a do-nothing run is taught by fails; the reference passes (above).
      sim::LessonRun idle(lesson, 1);
      idle.StartAt(static_cast<int>(k));
      CHECK_FALSE(idle.PlayStep());
      // Moving on ends the twin; the learner's side goes on.
      if (k + 1 < lesson.steps.size() && !lesson.steps[k + 1].compare) {
        const uint64_t b_hash = run.sim().trace_hash();
        run.StartStep(static_cast<int>(k + 1));
        CHECK(run.comparison() == nullptr);
        CHECK(run.sim().trace_hash() == b_hash);
      }
    }
  }
  CHECK(compare_steps >= 3);
}

TEST_CASE("the loader refuses a comparison written wrong, naming the file, the place and what was expected") {
  std::ifstream in(LessonsDir() + "/04-session-store.json");
  const nlohmann::json good = nlohmann::json::parse(in);
  size_t k = 0;
  while (k < good["steps"].size() && !good["steps"][k].contains("compare")) ++k;
  REQUIRE(k < good["steps"].size());
  const std::string step = "$.steps[" + std::to_string(k) + "]";
  REQUIRE(sim::ParseLesson(good.dump(), "04.json").ok());
  struct Case {
    const char* what;
    std::function<void(nlohmann::json&)> edit;
    std::string path;
    const char* expected;
  };
  const std::vector<Case> cases = {
      {"a side outside a comparison", [](nlohmann::json& l) { l["steps"][0]["goals"][0]["side"] = "a"; }, "$.steps[0].goals[0].side",
       "no \"side\" outside a step with \"compare\""},
      {"a comparison goal with no side", [k](nlohmann::json& l) { l["steps"][k]["goals"][1].erase("side"); },
       step + ".goals[1].side", "a side in a comparison step"},
      {"an unknown side", [k](nlohmann::json& l) { l["steps"][k]["goals"][1]["side"] = "c"; }, step + ".goals[1].side",
       "one of \"a\", \"b\", \"a_minus_b\", got 'c'"},
      {"goals reading one run only",
       [k](nlohmann::json& l) {
         for (auto& g : l["steps"][k]["goals"]) g["side"] = "b";
       },
       step + ".goals", "goals that read both runs"},
      {"a summary metric no difference line shows", [k](nlohmann::json& l) { l["steps"][k]["compare"]["summary"] = {"p50_ms"}; },
       step + ".compare.summary[0]", "a metric a difference line shows"},
      {"a side with no label", [k](nlohmann::json& l) { l["steps"][k]["compare"]["a"].erase("label"); }, step + ".compare.a",
       "label"},
      {"a side's settings with an unknown key",
       [k](nlohmann::json& l) { l["steps"][k]["compare"]["b"]["settings"] = {{"sessions", {{"strategy", "server_session"}}}}; },
       step + ".compare.b.settings", "sessions"},
      {"an unknown key in compare", [k](nlohmann::json& l) { l["steps"][k]["compare"]["c"] = nlohmann::json::object(); },
       step + ".compare", "c"},
  };
  for (const Case& c : cases) {
    CAPTURE(c.what);
    nlohmann::json bad = good;
    c.edit(bad);
    const sim::Parsed<sim::Lesson> parsed = sim::ParseLesson(bad.dump(), "04.json");
    REQUIRE_FALSE(parsed.ok());
    const std::string message = parsed.error.Message();
    CAPTURE(message);
    CHECK(message.rfind("04.json: " + c.path, 0) == 0);
    CHECK(message.find(c.expected) != std::string::npos);
  }
}

// Side A of each comparison step on the reference path, seed 1: pinned like the lessons' own hashes
// (lesson_golden_test.cpp pins side B, the run that goes on), so a model change that moves A shows.
TEST_CASE("each comparison step's side A reproduces its pinned trace hash") {
  const std::map<std::string, uint64_t> pinned = {
      // clang-format off
      {"session-store/compare-instance-dies", 0xc839b8e1342f54b9ull},
      {"caching/compare-lazy", 0x5df239557e8ca79dull},
      {"multi-az/compare-outage", 0x8da51748e21e3f75ull},
      // clang-format on
  };
  const sim::LessonSet set = sim::LoadLessons(LessonsDir());
  REQUIRE(set.errors.empty());
  size_t seen = 0;
  for (const sim::Lesson& lesson : set.lessons) {
    const sim::LessonResult r = sim::RunLessonHeadless(lesson, 1, true);
    for (const sim::StepComparison& c : r.comparisons) {
      const std::string key = lesson.id + "/" + lesson.steps[static_cast<size_t>(c.step)].id;
      CAPTURE(key);
      if (std::getenv("STATELAB_PRINT_GOLDEN") != nullptr) std::printf("      {\"%s\", 0x%016" PRIx64 "ull},\n", key.c_str(), c.a_trace_hash);
      const auto it = pinned.find(key);
      CHECK_MESSAGE(it != pinned.end(), "no pinned hash for this comparison; add it (STATELAB_PRINT_GOLDEN=1)");
      if (it != pinned.end()) CHECK(c.a_trace_hash == it->second);
      CHECK(c.a_trace_hash != c.b_trace_hash);
      CHECK(c.summary.rows.size() >= std::size(sim::kSummaryMetrics));
      ++seen;
    }
  }
  CHECK(seen == pinned.size());
}
