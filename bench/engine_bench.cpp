// Engine throughput: the full stack (server sessions in a Multi-AZ ElastiCache, lazy-loading
// cache, read replicas, Multi-AZ RDS) over one simulated hour, for a given crowd. Prints one JSON
// object per run. Built natively and as wasm for node, and run side by side by scripts/bench.
// Beside the wall clock it reports the process's CPU time over the same run: on a shared machine
// the wall clock also holds other processes' turns, the CPU time does not.
// Usage: statelab-bench-engine SHOPPERS [SIM_SECONDS] [REPEATS]
#include <chrono>
#include <cstdio>
#include <cstdlib>

#include "statelab/sim.h"

#ifdef __EMSCRIPTEN__
#include <emscripten.h>

#include <cstddef>
static size_t PeakMemoryBytes() { return __builtin_wasm_memory_size(0) * 65536u; }  // only grows
// std::clock under node is the wall clock; node's own count is the process's (every thread's).
static double CpuSeconds() {
  return EM_ASM_DOUBLE({ const u = process.cpuUsage(); return (u.user + u.system) / 1e6; });
}
#else
#include <sys/resource.h>

#include <ctime>
static double CpuSeconds() { return static_cast<double>(std::clock()) / CLOCKS_PER_SEC; }
static size_t PeakMemoryBytes() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  return static_cast<size_t>(usage.ru_maxrss) * 1024u;
}
#endif

int main(int argc, char** argv) {
  const unsigned long shoppers = argc > 1 ? std::strtoul(argv[1], nullptr, 10) : 10000;
  const long sim_seconds = argc > 2 ? std::strtol(argv[2], nullptr, 10) : 3600;
  const int repeats = argc > 3 ? std::atoi(argv[3]) : 1;
  if (shoppers == 0 || shoppers > sim::kMaxShoppers || sim_seconds <= 0 || repeats <= 0) {
    std::fprintf(stderr, "usage: %s SHOPPERS(1..%u) [SIM_SECONDS] [REPEATS]\n", argv[0], sim::kMaxShoppers);
    return 2;
  }

  sim::Config config;
  config.seed = 42;
  config.shoppers.count = static_cast<uint32_t>(shoppers);
  config.session.strategy = sim::SessionStrategy::ServerSession;
  config.session.store = sim::SessionStore::ElastiCache;
  config.cache.multi_az = true;
  config.cache.read_mode = sim::CacheMode::LazyLoading;
  config.rds.multi_az = true;
  config.rds.read_replicas = 2;
  // Enough web capacity for the crowd, so the figure measures the model, not a meltdown.
  const uint32_t instances = static_cast<uint32_t>(shoppers / 1500 + 3);
  config.auto_scaling.desired = instances < sim::kMaxInstances ? instances : sim::kMaxInstances;
  config.auto_scaling.max = config.auto_scaling.desired;
  config.auto_scaling.min = 1;

  double best_s = 1e300;
  double best_cpu_s = 1e300;
  uint64_t requests = 0;
  uint64_t hash = 0;
  for (int r = 0; r < repeats; ++r) {
    sim::Sim s(config);
    const double cpu0 = CpuSeconds();
    const auto t0 = std::chrono::steady_clock::now();
    s.RunFor(sim::Sec(sim_seconds));
    const auto t1 = std::chrono::steady_clock::now();
    const double cpu_s = CpuSeconds() - cpu0;
    const double secs = std::chrono::duration<double>(t1 - t0).count();
    if (secs < best_s) best_s = secs;
    if (cpu_s < best_cpu_s) best_cpu_s = cpu_s;
    requests = s.totals().requests;
    hash = s.trace_hash();
  }
  std::printf(
      "{\"shoppers\": %lu, \"sim_seconds\": %ld, \"requests\": %llu, \"wall_s\": %.4f, \"cpu_s\": %.4f, \"requests_per_s\": %.0f, "
      "\"ns_per_request\": %.1f, \"peak_memory_bytes\": %zu, \"trace_hash\": \"%016llx\"}\n",
      shoppers, sim_seconds, static_cast<unsigned long long>(requests), best_s, best_cpu_s,
      static_cast<double>(requests) / best_s, best_s * 1e9 / static_cast<double>(requests), PeakMemoryBytes(),
      static_cast<unsigned long long>(hash));
  return 0;
}
