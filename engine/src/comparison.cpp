// Two runs side by side (comparison.h): routing, counting from the fork, the difference summary.
#include "statelab/comparison.h"

#include <algorithm>
#include <iterator>

#include "statelab/cost.h"
#include "statelab/sim.h"

namespace sim {

bool OnBothSides(const Command& command) { return !IsSetting(command); }

bool CanSummarise(Metric metric) {
  return std::find(std::begin(kSummaryMetrics), std::end(kSummaryMetrics), metric) != std::end(kSummaryMetrics) ||
         std::find(std::begin(kSummaryExtras), std::end(kSummaryExtras), metric) != std::end(kSummaryExtras);
}

RunBaseline BaselineOf(const Sim& sim) {
  RunBaseline base;
  for (const MetricInfo& m : MetricTable()) base.values[static_cast<size_t>(m.id)] = ReadMetric(sim, m.id);
  base.latency = sim.run_latency();
  base.at_us = sim.now_us();
  return base;
}

double SinceBaseline(const Sim& sim, const RunBaseline& base, Metric metric) {
  switch (metric) {
    case Metric::RunP50Ms: return static_cast<double>(sim.run_latency().Since(base.latency).Percentile(500)) / 1000.0;
    case Metric::RunP95Ms: return static_cast<double>(sim.run_latency().Since(base.latency).Percentile(950)) / 1000.0;
    case Metric::RunP99Ms: return static_cast<double>(sim.run_latency().Since(base.latency).Percentile(990)) / 1000.0;
    default: break;
  }
  const double now = ReadMetric(sim, metric);
  return IsRunningCount(InfoOf(metric)) ? now - base.values[static_cast<size_t>(metric)] : now;
}

Comparison::Comparison(const Sim& b) : a_(std::make_unique<Sim>(b)), base_a_(BaselineOf(b)), base_b_(base_a_) {}

Comparison::Comparison(const Sim& at_fork, const Sim& a_now)
    : a_(std::make_unique<Sim>(a_now)), base_a_(BaselineOf(at_fork)), base_b_(base_a_) {}

Comparison::Comparison(const Comparison& o)
    : a_(std::make_unique<Sim>(*o.a_)), base_a_(o.base_a_), base_b_(o.base_b_), script_a_(o.script_a_) {}

void Comparison::Rebase(const Sim& b) {
  base_a_ = BaselineOf(*a_);
  base_b_ = BaselineOf(b);
}

Comparison::~Comparison() = default;

void Comparison::FeedScript() { script_a_.FeedDue(*a_); }

void Comparison::StepA() {
  FeedScript();
  a_->Step();
}

double Comparison::Read(Side side, const Sim& b, Metric metric) const {
  return side == Side::A ? SinceBaseline(*a_, base_a_, metric) : SinceBaseline(b, base_b_, metric);
}

Difference Comparison::Summary(const Sim& b, std::span<const Metric> extra) const {
  Difference d;
  auto add = [&](Metric m) {
    if (std::any_of(d.rows.begin(), d.rows.end(), [m](const DifferenceRow& r) { return r.metric == m; })) return;
    d.rows.push_back({m, Read(Side::A, b, m), Read(Side::B, b, m)});
  };
  for (Metric m : kSummaryMetrics) add(m);
  for (Metric m : extra) add(m);
  return d;
}

CostDifference Comparison::CostSummary(const Sim& b, const PriceTable& prices) const { return CompareCost(prices, *a_, b); }

}  // namespace sim
