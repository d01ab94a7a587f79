// Small helpers shared by the engine behaviour tests.
#pragma once

#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "statelab/scenario.h"
#include "statelab/sim.h"

namespace test {

// A crowd that keeps every lost cart visible: nobody gives up, so each loss is counted once per
// shopper and a later request never hides it.
inline sim::Config Crowd(uint32_t shoppers, uint64_t seed) {
  sim::Config c;
  c.seed = seed;
  c.shoppers.count = shoppers;
  c.shoppers.give_up_pct = 0;
  c.trace.event_capacity = 200'000;
  return c;
}

// Applies one command now and lets one tick pass.
inline void Act(sim::Sim& s, sim::Command command) {
  s.Enqueue(std::move(command));
  s.Step();
}

inline sim::ShopperAction Do(const std::string& shopper, sim::RequestKind kind, uint16_t sku = 0) {
  return sim::ShopperAction{shopper, kind, sku};
}

inline const sim::Shopper& Named(const sim::Sim& s, const std::string& name) {
  const sim::Shopper* shopper = s.FindShopper(name);
  REQUIRE(shopper != nullptr);
  return *shopper;
}

// Every kept event of type E, oldest first.
template <class E>
std::vector<E> EventsOf(const sim::Sim& s) {
  std::vector<E> out;
  for (size_t i = 0; i < s.events().size(); ++i) {
    if (const E* e = std::get_if<E>(&s.events()[i].event)) out.push_back(*e);
  }
  return out;
}

template <class E>
uint64_t CountOf(const sim::Sim& s) {
  return s.event_counts()[sim::Event(E{}).index()];
}

inline std::string SourcePath(const std::string& relative) { return std::string(STATELAB_SOURCE_DIR) + "/" + relative; }

// Mean of a per-second series field over the last `seconds` samples.
template <class F>
double MeanOfLast(const sim::Sim& s, size_t seconds, F field) {
  const auto& series = s.series();
  const size_t n = std::min(seconds, series.size());
  double sum = 0;
  for (size_t i = series.size() - n; i < series.size(); ++i) sum += static_cast<double>(field(series[i]));
  return n == 0 ? 0.0 : sum / static_cast<double>(n);
}

}  // namespace test
