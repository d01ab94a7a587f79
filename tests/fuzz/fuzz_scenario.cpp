// Fuzz target: the scenario loader. Any bytes must give a scenario or a clean rejection; a
// scenario that loads must also run a little without tripping anything.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "message_check.h"

#include "statelab/scenario.h"
#include "statelab/sim.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  const auto parsed = sim::ParseScenario(text, "fuzz.json");
  if (!parsed.ok()) {
    if (!IsSafeMessage(parsed.error.Message())) __builtin_trap();
    return 0;
  }
  sim::Config config = parsed.value->config;
  // Keep each input cheap: a small crowd for two simulated seconds.
  if (config.shoppers.count > 200) config.shoppers.count = 200;
  sim::Scenario scenario = *parsed.value;
  scenario.config = config;
  sim::Sim s(config);
  sim::RunScenario(s, scenario, sim::Sec(2));
  return 0;
}
