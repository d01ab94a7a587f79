// Fuzz target: the run link decoder. The input is read both as the link's bytes (so the fuzzer
// explores the varint stream, not base64) and as link text. The decoder must return a typed
// problem or a run that keeps its promises: ticks never decrease nor pass the tick it was shared
// at, and the run encodes back to the very same link (one encoding per run). A run that decodes
// is also replayed for two simulated seconds on a small two-step lesson: whatever a link says, the
// model takes it without tripping anything.
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <span>
#include <string_view>

#include "statelab/crypto.h"
#include "statelab/lesson.h"
#include "statelab/run_link.h"

namespace {

constexpr std::string_view kLesson = R"({
  "id": "fuzz", "order": 1, "title": {"ko": "퍼즈", "en": "Fuzz"}, "summary": {"ko": "퍼즈", "en": "Fuzz"},
  "config": {"shoppers": {"count": 50}},
  "steps": [
    {"id": "one", "title": {"ko": "하나", "en": "One"}, "narration": {"ko": "하나", "en": "One"},
     "task": {"ko": "하나", "en": "One"}, "duration": "1s"},
    {"id": "two", "title": {"ko": "둘", "en": "Two"}, "narration": {"ko": "둘", "en": "Two"},
     "task": {"ko": "둘", "en": "Two"}, "duration": "1s"}
  ]
})";

const sim::Lesson& FuzzLesson() {
  static const sim::Parsed<sim::Lesson> parsed = sim::ParseLesson(kLesson, "fuzz.json");
  if (!parsed.ok()) __builtin_trap();  // the embedded lesson must load
  return *parsed.value;
}

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
  sim::ReplayRunLog(FuzzLesson(), r.run->log, std::min<int64_t>(r.run->until_tick, sim::Sec(2) / sim::kTickUs));
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  Check(sim::Base64UrlEncode(std::span<const uint8_t>(data, size)));
  Check(std::string_view(reinterpret_cast<const char*>(data), size));
  return 0;
}
