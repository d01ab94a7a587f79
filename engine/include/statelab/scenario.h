// Scenario files: JSON that sets up the stack (config), the shopper load, and timed actions and
// faults. The parsing pieces are separate, reusable functions (config, config patch, one action)
// so the lesson runtime can read the same vocabulary. Every failure is a ValidationError naming
// the file, the JSON path and what was expected; no input makes these functions crash or throw.
// The format is documented in docs/scenario-format.md.
#pragma once

#include <nlohmann/json_fwd.hpp>

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "statelab/commands.h"
#include "statelab/config.h"
#include "statelab/types.h"

namespace sim {

struct ValidationError {
  std::string file;
  std::string path;      // "$.config.rds.read_replicas"
  std::string expected;  // "an integer from 0 to 15, got 16"
  std::string Message() const;  // "<file>: <path>: expected <expected>"; the path may be empty
};

// Either a value or the first validation error found.
template <class T>
struct Parsed {
  std::optional<T> value;
  ValidationError error;
  bool ok() const { return value.has_value(); }
};

// "600s", "10m", "1h", "1d", "250ms", "1500us"; a bare integer JSON number means seconds.
std::optional<TimeUs> ParseDuration(std::string_view text);
std::string FormatDuration(TimeUs us);  // "10m", "90s", "250ms"

// The whole "config" object, applied on top of base (usually Config{}).
Parsed<Config> ParseConfig(const nlohmann::json& json, const Config& base, std::string_view file,
                           std::string_view path = "$.config");
// A partial config for a running Sim, as setting commands (only runtime-changeable keys).
Parsed<std::vector<Command>> ParseConfigPatch(const nlohmann::json& json, std::string_view file,
                                              std::string_view path);

// One element of "actions". config: the configuration the scenario starts from, used to check
// names such as instance ids (ids of the initial fleet: i-1 .. i-<desired>).
Parsed<std::vector<TimedCommand>> ParseAction(const nlohmann::json& json, const Config& config,
                                              std::string_view file, std::string_view path);

struct Scenario {
  std::string name;
  std::string description;
  TimeUs duration_us = Sec(600);
  Config config;
  std::vector<TimedCommand> actions;  // sorted by time, stable
};
Parsed<Scenario> ParseScenario(std::string_view text, std::string_view file);
Parsed<Scenario> LoadScenarioFile(const std::string& path);

class Sim;
// Feeds the scenario's actions to the Sim at their times and runs until duration_us. after_step,
// when given, sees the Sim after every step (the CLI's progress line); it must not change it.
void RunScenario(Sim& sim, const Scenario& scenario, TimeUs duration_us,
                 const std::function<void(const Sim&)>& after_step = {});

}  // namespace sim
