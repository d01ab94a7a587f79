// Fuzz target: the run link decoder. The input is read both as the link's bytes (so the fuzzer
// explores the varint stream, not base64) and as link text. The decoder must return a typed
// problem or a run that keeps its promises: ticks never decrease nor pass the tick it was shared
// at, and the run encodes back to the very same link (one encoding per run).
#include <cstddef>
#include <cstdint>
#include <span>
#include <string_view>

#include "statelab/crypto.h"
#include "statelab/run_link.h"

namespace {

void Check(std::string_view link) {
  const sim::RunLinkResult r = sim::DecodeRunLink(link);
  if (!r.run) {
    if (sim::Describe(r.problem) == "?") __builtin_trap();
    return;
  }
  int64_t tick = 0;
  for (const sim::RunLogEntry& e : r.run->log.entries) {
    if (e.tick < tick || e.tick > r.run->until_tick) __builtin_trap();
    tick = e.tick;
  }
  if (sim::EncodeRunLink(r.run->log, r.run->until_tick) != link) __builtin_trap();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  Check(sim::Base64UrlEncode(std::span<const uint8_t>(data, size)));
  Check(std::string_view(reinterpret_cast<const char*>(data), size));
  return 0;
}
