// Metrics: run totals whose counters add up (requests = the sum over outcomes), a per-second time
// series for charts, a latency histogram with fixed log-linear buckets (integer, so percentiles
// are identical natively and in wasm), and the table of metric names that lesson goals refer to.
#pragma once

#include <array>
#include <bit>
#include <cstdint>
#include <optional>
#include <span>
#include <string_view>

#include "statelab/config.h"
#include "statelab/types.h"

namespace sim {

class Sim;

// Values below 32 us have exact buckets; above, 16 buckets per power of two (error < 1/32).
class LatencyHistogram {
 public:
  static constexpr int kBuckets = 32 + 27 * 16;
  void Add(int64_t value_us) {
    ++counts_[static_cast<size_t>(BucketOf(value_us))];
    ++count_;
  }
  void Clear();
  uint64_t count() const { return count_; }
  // The value at quantile per_mille/1000 (e.g. 990 for p99); 0 when empty.
  int64_t Percentile(uint32_t per_mille) const;
  // The requests added since `earlier`, a copy of this histogram taken before (a comparison counts
  // from its fork).
  LatencyHistogram Since(const LatencyHistogram& earlier) const;
  static int BucketOf(int64_t value_us) {
    if (value_us < 0) return 0;
    if (value_us < 32) return static_cast<int>(value_us);
    const uint64_t v = static_cast<uint64_t>(value_us < 0x7FFF'FFFF ? value_us : 0x7FFF'FFFF);
    const int exponent = std::bit_width(v) - 1;
    const int sub = static_cast<int>((v >> (exponent - 4)) & 15);
    return 32 + (exponent - 5) * 16 + sub;
  }
  static int64_t BucketMid(int bucket);

 private:
  std::array<uint32_t, kBuckets> counts_{};
  uint64_t count_ = 0;
};

struct Totals {
  uint64_t requests = 0;
  std::array<uint64_t, kOutcomeCount> by_outcome{};
  std::array<uint64_t, kRequestKindCount> by_kind{};
  uint64_t carts_lost = 0;
  uint64_t angry_shoppers = 0;
  uint64_t visits = 0;
  uint64_t orders = 0;
  uint64_t revenue_cents = 0;
  uint64_t revenue_lost_cents = 0;  // carts abandoned after a loss, plus tampered discounts
  uint64_t tamper_loss_cents = 0;
  uint64_t stale_reads = 0;
  uint64_t cache_hits = 0;  // user-data reads served by the cache (each is a DB read saved)
  uint64_t cache_misses = 0;
  uint64_t db_reads_primary = 0;
  uint64_t db_reads_replica = 0;
  uint64_t db_writes = 0;
  uint64_t sessions_created = 0;
  uint64_t sessions_lost = 0;  // sessions destroyed by instance, AZ or cache failures
  uint64_t cookies_dropped = 0;  // Set-Cookie over 4096 bytes
  uint64_t cookies_rejected = 0;
  uint64_t tamper_accepted = 0;
  uint64_t attacks_allowed = 0;
  uint64_t attacks_denied = 0;
  uint64_t addresses_lost = 0;  // committed address writes later rolled back
  uint64_t carts_lost_unseen = 0;  // in carts_lost: the site lost the cart, and the visit ended in errors before the shopper saw it
  uint64_t sessions_lost_to_lag = 0;  // cache session writes a failover lost (not yet replicated)
  uint64_t forged_sessions = 0;  // requests with a guessed session ID, answered with an empty cart
  uint32_t max_cart_cookie_bytes = 0;  // the largest cart cookie sent (the cookie, not the header)
  uint32_t second_max_cart_cookie_bytes = 0;  // the same, this second only (reset when it closes)
  uint64_t session_store_us_sum = 0;  // time spent in session-store hops (ElastiCache or DynamoDB)
  uint64_t session_store_ops = 0;
  uint64_t request_bytes_sum = 0;
  uint64_t cookie_bytes_sum = 0;
  uint32_t max_cookie_bytes = 0;
  uint64_t latency_us_sum = 0;
  uint64_t vcpu_seconds = 0;  // vCPUs of the EC2 and RDS instances running, summed over closed seconds
};

struct SecondSample {
  TimeUs end_us = 0;  // the second [end_us - 1 s, end_us)
  uint32_t requests = 0;
  uint32_t errors = 0;
  uint32_t carts_lost = 0;
  uint32_t angry_shoppers = 0;
  uint32_t stale_reads = 0;
  uint32_t cache_hits = 0;
  uint32_t cache_misses = 0;
  uint32_t p50_us = 0;
  uint32_t p95_us = 0;
  uint32_t p99_us = 0;
  uint32_t mean_request_bytes = 0;
  uint32_t mean_cookie_bytes = 0;
  uint64_t revenue_lost_cents = 0;  // cumulative, for a rising line
  std::array<uint16_t, kMaxDbNodes> db_cpu_bp{};  // by RDS node index
  uint16_t db_primary_cpu_bp = 0;
  uint16_t instance_cpu_bp_avg = 0;  // over instances in service
  uint16_t instance_cpu_bp_max = 0;
  uint16_t instance_cpu_bp_min = 0;  // the least busy instance in service
  uint32_t session_store_us_mean = 0;  // mean session-store hop
  std::array<uint8_t, kAzCount> instances_per_az{};  // pending or in service
  uint8_t instances_in_service = 0;
  int32_t replica_lag_ms_max = 0;
  uint32_t shoppers_active = 0;
  uint32_t max_cart_cookie_bytes = 0;  // the largest cart cookie sent this second
};

// [SECTION] Metric names for lesson goals
// Every metric a goal, a chart or the CLI can read, in the order of the table (metrics.cpp).
enum class Metric : uint8_t {
  TimeS, Requests, RequestsOk, Errors, ErrorPct, CartsLost, AngryShoppers, RevenueUsd,
  RevenueLostUsd, TamperLossUsd, Orders, StaleReads, CacheHits, CacheMisses, CacheHitRatio,
  DbReadsSaved, DbReads, DbReadsPrimary, DbReadsReplica, DbWrites, SessionsLost, CookiesDropped,
  CookiesRejected, TamperAccepted, SgDenied, DbUnavailable, SessionStoreUnavailable,
  AttacksAllowed, AttacksDenied, AddressesLost, MeanRequestBytes, MeanCookieBytes, MaxCookieBytes,
  CartCookieBytesMax, ForgedSessions, SessionsLostToLag, MeanLatencyMs, RunP50Ms, RunP95Ms,
  RunP99Ms, VcpuHours, Rps, ErrorsPerS, ServedPerS, CartsLostPerS, StaleReadsPerS, P50Ms, P95Ms, P99Ms,
  DbPrimaryCpuPct, DbReplicaCpuPctMax, InstanceCpuPct, InstanceCpuPctMax, InstanceCpuPctMin,
  CartCookieBytes1s, SessionStoreMs, SgCidrSources, SgLooseRules, InstancesInService,
  InstancesAzA, InstancesAzB, InstancesAzC, ReplicaLagMsMax, CacheHitRatio1s, ShoppersActive,
};
inline constexpr size_t kMetricCount = static_cast<size_t>(Metric::ShoppersActive) + 1;

// Total: over the whole run so far. LastSecond: the last completed second.
enum class MetricWindow : uint8_t { Total, LastSecond };
struct MetricInfo {
  Metric id;
  std::string_view name;  // in lesson goals and the CLI
  std::string_view unit;
  MetricWindow window;
  std::string_view description;
};
// How a metric's value reads, from its unit: one place for goals, charts and the inspector.
//   Count: a number of things (requests, carts); Percent: 0-100; Ratio: 0-1, shown as a percent;
//   Ms, Seconds: durations; Usd: dollars; Bytes: sizes.
enum class MetricFormat : uint8_t { Count, Percent, Ratio, Ms, Seconds, Usd, Bytes };
MetricFormat FormatOf(const MetricInfo& metric);
// A Total metric that counts things or money grows over the run (a step's goal counts from its
// start); the other Totals are levels (a share, a size, a latency).
bool IsRunningCount(const MetricInfo& metric);
std::span<const MetricInfo> MetricTable();
const MetricInfo& InfoOf(Metric metric);
// By name: for loaders and tests; the running model reads by Metric.
const MetricInfo* FindMetric(std::string_view name);
double ReadMetric(const Sim& sim, Metric metric);
std::optional<double> MetricValue(const Sim& sim, std::string_view name);

}  // namespace sim
