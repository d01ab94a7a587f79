// Two runs side by side: the same seed and the same traffic, differing only in the learner's
// change. Side B is the learner's run (a LessonRun's own Sim, which goes on after the comparison);
// side A is its twin, a copy of B forked at one moment, that takes every fault and scripted action
// B takes but none of the learner's settings. Both step tick for tick, so they stay comparable, and
// each is exactly the run a single Sim would give with the same config and commands.
// The difference summary is computed here from the model's own counters, counted from the fork,
// so every front end prints the same numbers (the UI words them per language), and so is the
// difference in cost per month (CostSummary).
//
// Index
//   [SECTION] Sides and routing   Side, OnBothSides
//   [SECTION] Counting from a moment   RunBaseline, SinceBaseline
//   [SECTION] The summary         DifferenceRow, Difference, kSummaryMetrics
//   [SECTION] Comparison          the twin, its baselines and its own script
#pragma once

#include <array>
#include <cstdint>
#include <memory>
#include <span>
#include <vector>

#include "statelab/commands.h"
#include "statelab/metrics.h"
#include "statelab/schedule.h"
#include "statelab/types.h"

namespace sim {

class Sim;
struct PriceTable;      // cost.h
struct CostDifference;  // cost.h

// [SECTION] Sides and routing
enum class Side : uint8_t { A, B };

// A learner's setting (a knob) changes only side B: it is the difference being compared. A fault
// or a scripted action reaches both sides, so both see the same outage and the same shoppers.
bool OnBothSides(const Command& command);

// [SECTION] Counting from a moment
// Every metric's value, and the latency histogram, at one moment of a run.
struct RunBaseline {
  std::array<double, kMetricCount> values{};
  LatencyHistogram latency;
  TimeUs at_us = 0;
};
RunBaseline BaselineOf(const Sim& sim);
// A metric counted from `base`: counts and money are the difference, the run's percentiles are
// over the requests since then (the histogram's difference), levels (a share, the last second)
// are read as they are now.
double SinceBaseline(const Sim& sim, const RunBaseline& base, Metric metric);

// [SECTION] The summary
struct DifferenceRow {
  Metric metric = Metric::CartsLost;
  double a = 0;
  double b = 0;
  friend bool operator==(const DifferenceRow&, const DifferenceRow&) = default;
};
struct Difference {
  std::vector<DifferenceRow> rows;  // kSummaryMetrics first, then the extras, each once
};
// What every comparison shows: carts lost, p99 latency, errors, revenue lost and the vCPU-hours
// each design ran (what it costs while its EC2 and RDS rates are unpriced) since the fork.
inline constexpr Metric kSummaryMetrics[] = {Metric::CartsLost, Metric::RunP99Ms, Metric::Errors, Metric::RevenueLostUsd,
                                             Metric::VcpuHours};
// What a comparison step may add to its line (CompareSpec::summary): counts since the fork, or a
// level read now. The UI words each of these and kSummaryMetrics (a test enumerates both).
inline constexpr Metric kSummaryExtras[] = {Metric::SessionsLost, Metric::DbReads,     Metric::DbPrimaryCpuPct,
                                            Metric::CacheHits,    Metric::StaleReads,  Metric::AddressesLost,
                                            Metric::Orders};
bool CanSummarise(Metric metric);  // in kSummaryMetrics or kSummaryExtras

// [SECTION] Comparison
class Comparison {
 public:
  // Forks `b` now: side A is a copy of it (queued commands included).
  explicit Comparison(const Sim& b);
  // Side A as `a_now`, a run that was one with B at `at_fork` (an older branch played on to B's
  // moment): the summary counts from `at_fork`.
  Comparison(const Sim& at_fork, const Sim& a_now);
  Comparison(const Comparison& other);
  Comparison& operator=(const Comparison&) = delete;
  ~Comparison();

  const Sim& a() const { return *a_; }
  Sim& a() { return *a_; }
  TimeUs fork_us() const { return base_b_.at_us; }  // where the counts start (the fork, or Rebase)
  // Counts from now on each side (a comparison step's goals wait out its settle time; so does its line).
  void Rebase(const Sim& b);
  // Commands only side A takes, at their times (an older branch's own changes).
  void ScriptA(TimeUs at_us, Command command) { script_a_.Add(at_us, std::move(command)); }
  // Queues A's own commands due now (a LessonRun does so where the older branch's learner did,
  // before the step's scripted actions, so A replays that branch exactly).
  void FeedScript();
  // One tick of side A, after its own commands due now; the caller steps B the same tick.
  void StepA();

  // `metric` on one side, counted from the fork (SinceBaseline); B is the caller's Sim.
  double Read(Side side, const Sim& b, Metric metric) const;
  // kSummaryMetrics, then `extra`, each read on both sides.
  Difference Summary(const Sim& b, std::span<const Metric> extra = {}) const;
  // What each side's design costs per month now, at `prices` (cost.h: priced lines only, and how
  // many each leaves out); the summary line shows it beside the counters.
  CostDifference CostSummary(const Sim& b, const PriceTable& prices) const;

 private:
  std::unique_ptr<Sim> a_;
  RunBaseline base_a_;  // where each side's counts start: the fork (where they were one run), or Rebase
  RunBaseline base_b_;
  CommandSchedule script_a_;
};

}  // namespace sim
