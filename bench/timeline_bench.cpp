// Rewind cost: the sandbox lesson with a given crowd runs one simulated hour while a
// sim::RunTimeline keeps its copies, as the tutorial does (a note after every tick); then the run is
// rewound to seconds spread over the hour (the same seeded picks every time) and each rewind is
// timed: the nearest copy, copied again, plus a replay of the log up to that second. Prints one JSON
// object with each rewind's milliseconds and what the timeline holds. Built natively and as wasm
// for node; scripts/bench reports the wasm figures (the page is wasm).
// Usage: statelab-bench-timeline LESSON_FILE SHOPPERS [REWINDS]
//        statelab-bench-timeline LESSON_FILE SHOPPERS --link   prints the page address's hash
//        (lesson=ID&run=...) that opens the lesson with that crowd: how bench/frames.mjs sets it up.
#include <algorithm>
#include <chrono>
#include <ctime>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

#include "statelab/lesson.h"
#include "statelab/run_link.h"
#include "statelab/run_log.h"
#include "statelab/sim.h"

#ifdef __EMSCRIPTEN__
#include <emscripten.h>
// The process's CPU time under node (std::clock there is the wall clock). Read after the live hour,
// when V8's background compiling is long done, so it is the rewinding thread's.
static double CpuMs() {
  return EM_ASM_DOUBLE({ const u = process.cpuUsage(); return (u.user + u.system) / 1000; });
}
#else
static double CpuMs() { return 1000.0 * static_cast<double>(std::clock()) / CLOCKS_PER_SEC; }
#endif

int main(int argc, char** argv) {
  if (argc < 3) {
    std::fprintf(stderr, "usage: %s LESSON_FILE SHOPPERS [REWINDS]\n", argv[0]);
    return 2;
  }
  const unsigned long shoppers = std::strtoul(argv[2], nullptr, 10);
  const bool link_only = argc > 3 && std::string(argv[3]) == "--link";
  const int rewinds = argc > 3 && !link_only ? std::atoi(argv[3]) : 20;
  if (shoppers == 0 || shoppers > sim::kMaxShoppers || rewinds <= 0) {
    std::fprintf(stderr, "usage: %s LESSON_FILE SHOPPERS(1..%u) [REWINDS]\n", argv[0], sim::kMaxShoppers);
    return 2;
  }
  const sim::Parsed<sim::Lesson> parsed = sim::LoadLessonFile(argv[1]);
  if (!parsed.ok()) {
    std::fprintf(stderr, "%s\n", parsed.error.Message().c_str());
    return 2;
  }
  const sim::Lesson& lesson = *parsed.value;
  constexpr int64_t kTicksPerS = sim::kUsPerS / sim::kTickUs;
  constexpr int64_t kHourTicks = 3600 * kTicksPerS;

  // The live run: the learner sets the crowd at the first tick, then lets it play for an hour.
  sim::RunLog log;
  log.lesson = lesson.id;
  log.seed = 42;
  sim::LessonRun live(lesson, log.seed);
  live.StartAt(0);
  live.RecordInto(&log);
  sim::RunTimeline timeline;
  timeline.Reset(live);
  live.Apply(sim::SetShopperCount{static_cast<uint32_t>(shoppers)});
  if (link_only) {  // shared one tick in, so the crowd is applied when it opens
    std::printf("lesson=%s&run=%s\n", lesson.id.c_str(), sim::EncodeRunLink(log, 1).c_str());
    return 0;
  }
  const auto t0 = std::chrono::steady_clock::now();
  while (live.sim().now_us() / sim::kTickUs < kHourTicks) {
    live.Tick();
    timeline.Note(live);
  }
  const double live_s = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();

  // Seconds to rewind to, from our own generator (the same on every platform).
  uint64_t state = 0x9E3779B97F4A7C15ull ^ shoppers;
  // Wall clock, and CPU time: on a shared machine the wall clock also counts other processes'
  // turns; a rewind is one thread, so on a quiet machine the two agree.
  std::vector<double> ms, cpu_ms;
  std::vector<long> seconds;
  uint64_t check_hash = 0;
  int64_t check_tick = 0;
  for (int i = 0; i < rewinds; ++i) {
    state = state * 6364136223846793005ull + 1442695040888963407ull;
    const long second = static_cast<long>((state >> 33) % 3600);
    const int64_t tick = second * kTicksPerS;
    const double c0 = CpuMs();
    const auto r0 = std::chrono::steady_clock::now();
    auto at = timeline.At(log, tick);
    ms.push_back(std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - r0).count());
    cpu_ms.push_back(CpuMs() - c0);
    seconds.push_back(second);
    if (i == 0) {
      check_hash = at->sim().trace_hash();
      check_tick = tick;
    }
  }
  // The first rewind is the run a fresh replay gives at that moment (else the figure is meaningless).
  const auto fresh = sim::ReplayRunLog(lesson, log, check_tick);
  if (fresh->sim().trace_hash() != check_hash) {
    std::fprintf(stderr, "timeline bench: the rewound run differs from a fresh replay at tick %lld\n",
                 static_cast<long long>(check_tick));
    return 1;
  }

  std::printf("{\"shoppers\": %lu, \"live_hour_s\": %.3f, \"snapshots\": %zu, \"every_s\": %lld, "
              "\"timeline_bytes\": %zu, \"copy_bytes\": %zu, \"requests\": %llu, \"rewind_ms\": [",
              shoppers, live_s, timeline.snapshots(), static_cast<long long>(timeline.every_ticks() / kTicksPerS),
              timeline.bytes(), live.sim().MemoryBytes(),
              static_cast<unsigned long long>(live.sim().totals().requests));
  for (size_t i = 0; i < ms.size(); ++i) std::printf("%s%.2f", i ? ", " : "", ms[i]);
  std::printf("], \"rewind_cpu_ms\": [");
  for (size_t i = 0; i < cpu_ms.size(); ++i) std::printf("%s%.2f", i ? ", " : "", cpu_ms[i]);
  std::printf("], \"rewind_to_s\": [");
  for (size_t i = 0; i < seconds.size(); ++i) std::printf("%s%ld", i ? ", " : "", seconds[i]);
  std::printf("]}\n");
  return 0;
}
