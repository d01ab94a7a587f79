// Scenario files: the top level (name, seed, duration, config, actions) and running one. The
// config schema is in scenario_config.cpp, the actions in scenario_actions.cpp, the reader shared
// by every loader in json_read.cpp (docs/scenario-format.md).
#include "statelab/scenario.h"

#include <algorithm>

#include "scenario_settings.h"
#include "statelab/schedule.h"
#include "statelab/sim.h"

namespace sim {

namespace {

Scenario ReadScenario(const JsonReader& r, const json& doc) {
  r.Keys(doc, "$", {"name", "description", "seed", "duration", "config", "actions"});
  Scenario s;
  if (doc.contains("name")) s.name = r.String(doc["name"], "$.name", 200);
  if (doc.contains("description")) s.description = r.String(doc["description"], "$.description", 4000);
  if (doc.contains("seed")) {
    const json& seed = doc["seed"];
    if (!seed.is_number_unsigned() && !(seed.is_number_integer() && seed.get<int64_t>() >= 0)) {
      r.FailGot("$.seed", "an integer from 0 to 18446744073709551615", seed);
    }
    s.config.seed = seed.get<uint64_t>();
  }
  if (doc.contains("duration")) s.duration_us = r.Duration(doc["duration"], "$.duration", Sec(1), Sec(7 * 86'400));
  if (doc.contains("config")) s.config = r.Take(ParseConfig(doc["config"], s.config, r.file(), "$.config"));
  if (doc.contains("actions")) {
    // The run's last tick starts one tick before its end: a later action would never run.
    s.actions = ReadActions(r, doc["actions"], "$.actions", s.config, s.duration_us - kTickUs,
                            "before the run ends (" + FormatDuration(s.duration_us) + ")");
  }
  return s;
}

}  // namespace

Parsed<Scenario> ParseScenario(std::string_view text, std::string_view file) {
  return ReadJson<Scenario>(text, file, &ReadScenario);
}

Parsed<Scenario> LoadScenarioFile(const std::string& path) { return LoadFile(path, path, &ParseScenario); }

void RunScenario(Sim& sim, const Scenario& scenario, TimeUs duration_us, const std::function<void(const Sim&)>& after_step) {
  CommandSchedule schedule;
  for (const TimedCommand& a : scenario.actions) schedule.Add(a.at_us, a.command);
  const TimeUs end_us = std::min(duration_us, kMaxSimTimeUs);
  while (sim.now_us() < end_us) {
    schedule.FeedDue(sim);
    sim.Step();
    if (after_step) after_step(sim);
  }
}

}  // namespace sim
