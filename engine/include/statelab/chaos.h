// Chaos runs: a random, seeded fault schedule over a random valid configuration, with the
// invariant checker (invariants.h) after every step. Everything in a run derives from its one
// seed, so `statelab-sim --chaos 1 --seed S` replays run S exactly, natively and in wasm.
//
// About a third of the plans are drawn to meet the durability preconditions (Multi-AZ cache and
// RDS in two or three AZs, sessions that survive an instance, one failure at a time: an AZ, or
// the cache's or the database's primary), so the Durability invariant is exercised, not only
// stated; the rest draw from every fault, setting and action the model has.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "statelab/commands.h"
#include "statelab/config.h"
#include "statelab/invariants.h"
#include "statelab/types.h"

namespace sim {

struct ChaosLimits {
  uint32_t max_shoppers = 300;
  TimeUs duration_us = Sec(120);
};

using ChaosAction = TimedCommand;

struct ChaosPlan {
  uint64_t seed = 0;
  Config config;
  TimeUs duration_us = 0;
  std::vector<ChaosAction> actions;  // sorted by time; scripted requests never share a tick with another command
  bool durable = false;              // drawn to meet the durability preconditions
};

ChaosPlan MakeChaosPlan(uint64_t seed, const ChaosLimits& limits = {});

// One line per command with its arguments, e.g. "fail_az b", "set_sg_rule sg-db tcp 3306 from sg-web".
std::string DescribeCommand(const Command& command);
// The configuration's main choices, then one line per action: what a failing run prints.
std::string DescribePlan(const ChaosPlan& plan);

struct ChaosResult {
  uint64_t seed = 0;
  uint64_t steps = 0;
  uint64_t requests = 0;
  uint64_t commands = 0;
  uint64_t rejected = 0;      // commands the model refused (a terminated instance, no replica...)
  bool durable_plan = false;
  bool durable_held = false;  // the durability regime held to the end of the run
  std::string durable_note;   // why it did not, when it did not
  InvariantStats stats;
  std::vector<Violation> violations;  // from the first step that broke an invariant; empty: passed
  uint64_t failed_step = 0;           // 1-based step number of that step
  bool passed() const { return violations.empty(); }
};

ChaosResult RunChaos(const ChaosPlan& plan);

}  // namespace sim
