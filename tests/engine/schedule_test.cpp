// The one command scheduler behind scenarios, chaos runs and lessons.
#include <doctest/doctest.h>

#include "statelab/schedule.h"
#include "statelab/sim.h"

TEST_CASE("the scheduler feeds commands at their time, in time order, equal times in the order added") {
  sim::Config config;
  config.shoppers.count = 0;
  sim::Sim s(config);
  sim::CommandSchedule schedule;
  schedule.Add(sim::Sec(2), sim::SetReplicaCount{2});
  schedule.Add(sim::Sec(1), sim::SetReplicaCount{1});
  schedule.Add(sim::Sec(2), sim::SetReplicaCount{3});  // same time as the first: applied after it
  CHECK(schedule.pending() == 3);
  CHECK(schedule.FeedDue(s) == 0);  // nothing is due at 0
  while (s.now_us() < sim::Sec(1)) s.Step();
  CHECK(schedule.FeedDue(s) == 1);
  s.Step();
  CHECK(s.config().rds.read_replicas == 1);
  while (s.now_us() < sim::Sec(2)) s.Step();
  CHECK(schedule.FeedDue(s) == 2);
  s.Step();
  CHECK(s.config().rds.read_replicas == 3);  // 2 then 3, in the order added
  CHECK(schedule.pending() == 0);
  // A command added for a time already past is fed at once.
  schedule.Add(sim::Sec(1), sim::SetReplicaCount{0});
  CHECK(schedule.FeedDue(s) == 1);
  schedule.Clear();
  CHECK(schedule.pending() == 0);
}
