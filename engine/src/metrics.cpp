// The latency histogram and the table of metric names used by lesson goals.
#include "statelab/metrics.h"

#include <algorithm>
#include <bit>
#include <iterator>

#include "statelab/sim.h"

namespace sim {

// [SECTION] Histogram
int64_t LatencyHistogram::BucketMid(int bucket) {
  if (bucket < 32) return bucket;
  const int exponent = (bucket - 32) / 16 + 5;
  const int64_t sub = (bucket - 32) % 16;
  const int64_t low = (16 + sub) << (exponent - 4);
  return low + (int64_t{1} << (exponent - 4)) / 2;
}

void LatencyHistogram::Clear() {
  counts_.fill(0);
  count_ = 0;
}

int64_t LatencyHistogram::Percentile(uint32_t per_mille) const {
  if (count_ == 0) return 0;
  uint64_t rank = (count_ * per_mille + 999) / 1000;
  if (rank == 0) rank = 1;
  uint64_t seen = 0;
  for (int b = 0; b < kBuckets; ++b) {
    seen += counts_[static_cast<size_t>(b)];
    if (seen >= rank) return BucketMid(b);
  }
  return BucketMid(kBuckets - 1);
}

LatencyHistogram LatencyHistogram::Since(const LatencyHistogram& earlier) const {
  LatencyHistogram out;
  for (size_t b = 0; b < counts_.size(); ++b) {
    out.counts_[b] = counts_[b] >= earlier.counts_[b] ? counts_[b] - earlier.counts_[b] : 0;
    out.count_ += out.counts_[b];
  }
  return out;
}

// [SECTION] Metric table
namespace {

using W = MetricWindow;
using M = Metric;
constexpr MetricInfo kMetrics[] = {
    {M::TimeS, "time_s", "s", W::Total, "simulated time since the start"},
    {M::Requests, "requests", "requests", W::Total, "requests made"},
    {M::RequestsOk, "requests_ok", "requests", W::Total, "requests that ended ok"},
    {M::Errors, "errors", "requests", W::Total, "requests that failed (any error outcome)"},
    {M::ErrorPct, "error_pct", "%", W::Total, "errors as a share of requests"},
    {M::CartsLost, "carts_lost", "carts", W::Total, "times the server showed a cart that differs from the shopper's"},
    {M::AngryShoppers, "angry_shoppers", "shoppers", W::Total, "shoppers who gave up after losing their cart"},
    {M::RevenueUsd, "revenue_usd", "USD", W::Total, "money taken at checkout"},
    {M::RevenueLostUsd, "revenue_lost_usd", "USD", W::Total, "carts abandoned after a loss, plus tampered discounts"},
    {M::TamperLossUsd, "tamper_loss_usd", "USD", W::Total, "discounts attackers gave themselves"},
    {M::Orders, "orders", "orders", W::Total, "checkouts completed"},
    {M::StaleReads, "stale_reads", "reads", W::Total, "user-data reads older than the committed row"},
    {M::CacheHits, "cache_hits", "reads", W::Total, "user-data reads served by ElastiCache"},
    {M::CacheMisses, "cache_misses", "reads", W::Total, "user-data cache misses (read from RDS)"},
    {M::CacheHitRatio, "cache_hit_ratio", "ratio", W::Total, "hits / (hits + misses)"},
    {M::DbReadsSaved, "db_reads_saved", "reads", W::Total, "RDS reads the cache avoided"},
    {M::DbReads, "db_reads", "reads", W::Total, "reads served by RDS"},
    {M::DbReadsPrimary, "db_reads_primary", "reads", W::Total, "reads served by the RDS primary"},
    {M::DbReadsReplica, "db_reads_replica", "reads", W::Total, "reads served by read replicas"},
    {M::DbWrites, "db_writes", "writes", W::Total, "writes committed on the RDS primary"},
    {M::SessionsLost, "sessions_lost", "sessions", W::Total, "sessions destroyed by instance, AZ or cache failures"},
    {M::CookiesDropped, "cookies_dropped", "cookies", W::Total, "Set-Cookie headers over 4096 bytes the browser ignored"},
    {M::CookiesRejected, "cookies_rejected", "cookies", W::Total, "cart cookies rejected for a bad signature"},
    {M::TamperAccepted, "tamper_accepted", "cookies", W::Total, "edited cart cookies the server trusted"},
    {M::SgDenied, "sg_denied", "requests", W::Total, "requests denied by a security group"},
    {M::DbUnavailable, "db_unavailable", "requests", W::Total, "requests that failed because RDS took no queries (down, or failing over)"},
    {M::SessionStoreUnavailable, "session_store_unavailable", "requests", W::Total, "requests that failed because the session store was down or failing over"},
    {M::AttacksAllowed, "attacks_allowed", "attempts", W::Total, "attacker connections a security group let through"},
    {M::AttacksDenied, "attacks_denied", "attempts", W::Total, "attacker connections security groups denied"},
    {M::AddressesLost, "addresses_lost", "writes", W::Total, "committed address writes later rolled back"},
    {M::MeanRequestBytes, "mean_request_bytes", "bytes", W::Total, "mean request size, headers and cookies included"},
    {M::MeanCookieBytes, "mean_cookie_bytes", "bytes", W::Total, "mean Cookie header size"},
    {M::MaxCookieBytes, "max_cookie_bytes", "bytes", W::Total, "largest Cookie header sent"},
    {M::CartCookieBytesMax, "cart_cookie_bytes_max", "bytes", W::Total, "largest cart cookie sent (the cookie itself; browsers keep at most 4096 bytes per cookie)"},
    {M::ForgedSessions, "forged_sessions", "requests", W::Total, "requests with a guessed session ID (the store held no such session: an empty cart)"},
    {M::SessionsLostToLag, "sessions_lost_to_lag", "sessions", W::Total, "session writes a cache failover lost because the replica had not received them"},
    {M::MeanLatencyMs, "mean_latency_ms", "ms", W::Total, "mean request latency"},
    {M::RunP50Ms, "run_p50_ms", "ms", W::Total, "median latency over the run"},
    {M::RunP95Ms, "run_p95_ms", "ms", W::Total, "95th percentile latency over the run"},
    {M::RunP99Ms, "run_p99_ms", "ms", W::Total, "99th percentile latency over the run"},
    {M::VcpuHours, "vcpu_hours", "vCPU-hours", W::Total, "vCPUs of the EC2 and RDS instances running (standby and replicas too), times the hours they ran"},
    {M::Rps, "rps", "requests/s", W::LastSecond, "requests in the last second"},
    {M::ErrorsPerS, "errors_per_s", "requests/s", W::LastSecond, "errors in the last second"},
    {M::ServedPerS, "served_per_s", "requests/s", W::LastSecond, "requests served (not failed) in the last second"},
    {M::CartsLostPerS, "carts_lost_per_s", "carts/s", W::LastSecond, "carts lost in the last second"},
    {M::StaleReadsPerS, "stale_reads_per_s", "reads/s", W::LastSecond, "stale reads in the last second"},
    {M::P50Ms, "p50_ms", "ms", W::LastSecond, "median latency in the last second"},
    {M::P95Ms, "p95_ms", "ms", W::LastSecond, "95th percentile latency in the last second"},
    {M::P99Ms, "p99_ms", "ms", W::LastSecond, "99th percentile latency in the last second"},
    {M::DbPrimaryCpuPct, "db_primary_cpu_pct", "%", W::LastSecond, "CPU of the RDS primary"},
    {M::DbReplicaCpuPctMax, "db_replica_cpu_pct_max", "%", W::LastSecond, "CPU of the busiest read replica"},
    {M::InstanceCpuPct, "instance_cpu_pct", "%", W::LastSecond, "mean CPU of web instances in service"},
    {M::InstanceCpuPctMax, "instance_cpu_pct_max", "%", W::LastSecond, "CPU of the busiest web instance"},
    {M::InstanceCpuPctMin, "instance_cpu_pct_min", "%", W::LastSecond, "CPU of the least busy web instance in service"},
    {M::CartCookieBytes1s, "cart_cookie_bytes_1s", "bytes", W::LastSecond, "largest cart cookie sent in the last second (0: no cart in a cookie now)"},
    {M::SessionStoreMs, "session_store_ms", "ms", W::LastSecond, "mean time of a session-store read or write (ElastiCache or DynamoDB)"},
    {M::SgCidrSources, "sg_cidr_sources", "rules", W::LastSecond, "rules in sg-web, sg-cache and sg-db whose source is an address range, not a security group"},
    {M::SgLooseRules, "sg_loose_rules", "rules", W::LastSecond, "rules in sg-web, sg-cache and sg-db that allow more than the tier in front needs: another source than sg-elb (web) or sg-web (cache, db), or more ports than the service's"},
    {M::InstancesInService, "instances_in_service", "instances", W::LastSecond, "web instances in service"},
    {M::InstancesAzA, "instances_az_a", "instances", W::LastSecond, "web instances pending or in service in AZ a"},
    {M::InstancesAzB, "instances_az_b", "instances", W::LastSecond, "web instances pending or in service in AZ b"},
    {M::InstancesAzC, "instances_az_c", "instances", W::LastSecond, "web instances pending or in service in AZ c"},
    {M::ReplicaLagMsMax, "replica_lag_ms_max", "ms", W::LastSecond, "largest read replica lag"},
    {M::CacheHitRatio1s, "cache_hit_ratio_1s", "ratio", W::LastSecond, "cache hit ratio in the last second"},
    {M::ShoppersActive, "shoppers_active", "shoppers", W::LastSecond, "crowd shoppers taking part"},
};

double Ratio(uint64_t part, uint64_t whole) {
  return whole == 0 ? 0.0 : static_cast<double>(part) / static_cast<double>(whole);
}
double Usd(uint64_t cents) { return static_cast<double>(cents) / 100.0; }
double MsOf(int64_t us) { return static_cast<double>(us) / 1000.0; }
double PctOf(uint32_t bp) { return static_cast<double>(bp) / 100.0; }

uint64_t ErrorCount(const Totals& t) {
  uint64_t errors = 0;
  for (int o = static_cast<int>(kFirstErrorOutcome); o < kOutcomeCount; ++o) errors += t.by_outcome[o];
  return errors;
}

uint16_t ReplicaCpuMax(const Sim& sim, const SecondSample& s) {
  uint16_t replica_max = 0;
  for (int i = kRdsFirstReplica; i < kMaxDbNodes; ++i) {
    if (sim.rds().nodes[static_cast<size_t>(i)].role == RdsRole::Replica) {
      replica_max = std::max(replica_max, s.db_cpu_bp[static_cast<size_t>(i)]);
    }
  }
  return replica_max;
}

// The table in Metric order, so a metric's row is kMetrics[its value].
constexpr bool InMetricOrder() {
  for (size_t i = 0; i < std::size(kMetrics); ++i) {
    if (static_cast<size_t>(kMetrics[i].id) != i) return false;
  }
  return std::size(kMetrics) == kMetricCount;
}
static_assert(InMetricOrder(), "kMetrics must list every Metric once, in the enum's order");

}  // namespace

// Totals read over the run so far; the others from the last completed second (or the live
// settings). The switch covers every Metric: a metric without a reader does not compile.
double ReadMetric(const Sim& sim, Metric metric) {
  static const SecondSample kNoSecond{};
  const Totals& t = sim.totals();
  const SecondSample& s = sim.series().empty() ? kNoSecond : sim.series().back();
  switch (metric) {
    case M::TimeS: return static_cast<double>(sim.now_us()) / 1e6;
    case M::Requests: return static_cast<double>(t.requests);
    case M::RequestsOk: return static_cast<double>(t.by_outcome[0]);
    case M::Errors: return static_cast<double>(ErrorCount(t));
    case M::ErrorPct: return 100.0 * Ratio(ErrorCount(t), t.requests);
    case M::CartsLost: return static_cast<double>(t.carts_lost);
    case M::AngryShoppers: return static_cast<double>(t.angry_shoppers);
    case M::RevenueUsd: return Usd(t.revenue_cents);
    case M::RevenueLostUsd: return Usd(t.revenue_lost_cents);
    case M::TamperLossUsd: return Usd(t.tamper_loss_cents);
    case M::Orders: return static_cast<double>(t.orders);
    case M::StaleReads: return static_cast<double>(t.stale_reads);
    case M::CacheHits:
    case M::DbReadsSaved: return static_cast<double>(t.cache_hits);
    case M::CacheMisses: return static_cast<double>(t.cache_misses);
    case M::CacheHitRatio: return Ratio(t.cache_hits, t.cache_hits + t.cache_misses);
    case M::DbReads: return static_cast<double>(t.db_reads_primary + t.db_reads_replica);
    case M::DbReadsPrimary: return static_cast<double>(t.db_reads_primary);
    case M::DbReadsReplica: return static_cast<double>(t.db_reads_replica);
    case M::DbWrites: return static_cast<double>(t.db_writes);
    case M::SessionsLost: return static_cast<double>(t.sessions_lost);
    case M::CookiesDropped: return static_cast<double>(t.cookies_dropped);
    case M::CookiesRejected: return static_cast<double>(t.cookies_rejected);
    case M::TamperAccepted: return static_cast<double>(t.tamper_accepted);
    case M::SgDenied: return static_cast<double>(t.by_outcome[static_cast<int>(Outcome::DeniedBySg)]);
    case M::DbUnavailable: return static_cast<double>(t.by_outcome[static_cast<int>(Outcome::DbUnavailable)]);
    case M::SessionStoreUnavailable: {
      return static_cast<double>(t.by_outcome[static_cast<int>(Outcome::SessionStoreUnavailable)]);
    }
    case M::AttacksAllowed: return static_cast<double>(t.attacks_allowed);
    case M::AttacksDenied: return static_cast<double>(t.attacks_denied);
    case M::AddressesLost: return static_cast<double>(t.addresses_lost);
    case M::MeanRequestBytes: return t.requests ? static_cast<double>(t.request_bytes_sum) / t.requests : 0.0;
    case M::MeanCookieBytes: return t.requests ? static_cast<double>(t.cookie_bytes_sum) / t.requests : 0.0;
    case M::MaxCookieBytes: return static_cast<double>(t.max_cookie_bytes);
    case M::CartCookieBytesMax: return static_cast<double>(t.max_cart_cookie_bytes);
    case M::ForgedSessions: return static_cast<double>(t.forged_sessions);
    case M::SessionsLostToLag: return static_cast<double>(t.sessions_lost_to_lag);
    case M::MeanLatencyMs: return t.requests ? MsOf(static_cast<int64_t>(t.latency_us_sum / t.requests)) : 0.0;
    case M::RunP50Ms: return MsOf(sim.run_latency().Percentile(500));
    case M::RunP95Ms: return MsOf(sim.run_latency().Percentile(950));
    case M::RunP99Ms: return MsOf(sim.run_latency().Percentile(990));
    case M::VcpuHours: return static_cast<double>(t.vcpu_seconds) / 3600.0;
    case M::Rps: return static_cast<double>(s.requests);
    case M::ErrorsPerS: return static_cast<double>(s.errors);
    case M::ServedPerS: return static_cast<double>(s.requests - s.errors);
    case M::CartsLostPerS: return static_cast<double>(s.carts_lost);
    case M::StaleReadsPerS: return static_cast<double>(s.stale_reads);
    case M::P50Ms: return MsOf(s.p50_us);
    case M::P95Ms: return MsOf(s.p95_us);
    case M::P99Ms: return MsOf(s.p99_us);
    case M::DbPrimaryCpuPct: return PctOf(s.db_primary_cpu_bp);
    case M::DbReplicaCpuPctMax: return PctOf(ReplicaCpuMax(sim, s));
    case M::InstanceCpuPct: return PctOf(s.instance_cpu_bp_avg);
    case M::InstanceCpuPctMax: return PctOf(s.instance_cpu_bp_max);
    case M::InstanceCpuPctMin: return PctOf(s.instance_cpu_bp_min);
    case M::CartCookieBytes1s: return static_cast<double>(s.max_cart_cookie_bytes);
    case M::SessionStoreMs: return MsOf(s.session_store_us_mean);
    case M::SgCidrSources: {
      // Read from the live settings: a rule counts from the moment it is in force.
      const SecurityGroups& sgs = sim.config().security_groups;
      double count = 0;
      for (SgId g : {SgId::Web, SgId::Cache, SgId::Db}) {
        for (const SgRule& r : sgs.rules[static_cast<size_t>(g)]) count += r.source.kind == SgSource::Kind::Cidr;
      }
      return count;
    }
    case M::SgLooseRules: {
      // Least privilege between tiers: each group admits only the group in front, on its own port.
      const Config& c = sim.config();
      struct Need { SgId group; SgId source; uint16_t lo; uint16_t hi; };
      const Need needs[] = {{SgId::Web, SgId::Elb, kHttpPort, kHttpPort}, {SgId::Cache, SgId::Web, kRedisPort, kRedisPort},
                            {SgId::Db, SgId::Web, c.rds.port, c.rds.port}};
      double count = 0;
      for (const Need& need : needs) {
        for (const SgRule& r : c.security_groups.rules[static_cast<size_t>(need.group)]) {
          const bool tight = r.source.kind == SgSource::Kind::Group && r.source.group == need.source &&
                             r.from_port >= need.lo && r.to_port <= need.hi;
          count += !tight;
        }
      }
      return count;
    }
    case M::InstancesInService: return static_cast<double>(s.instances_in_service);
    case M::InstancesAzA: return static_cast<double>(s.instances_per_az[0]);
    case M::InstancesAzB: return static_cast<double>(s.instances_per_az[1]);
    case M::InstancesAzC: return static_cast<double>(s.instances_per_az[2]);
    case M::ReplicaLagMsMax: return static_cast<double>(s.replica_lag_ms_max);
    case M::CacheHitRatio1s: return Ratio(s.cache_hits, s.cache_hits + s.cache_misses);
    case M::ShoppersActive: return static_cast<double>(s.shoppers_active);
  }
  return 0.0;
}
std::span<const MetricInfo> MetricTable() { return kMetrics; }

namespace {
constexpr MetricFormat FormatOfUnit(std::string_view unit) {
  if (unit == "%") return MetricFormat::Percent;
  if (unit == "ratio") return MetricFormat::Ratio;
  if (unit == "ms") return MetricFormat::Ms;
  if (unit == "s") return MetricFormat::Seconds;
  if (unit == "USD") return MetricFormat::Usd;
  if (unit == "bytes") return MetricFormat::Bytes;
  return MetricFormat::Count;
}
// Worked out once, at compile time: charts and goals ask every frame.
constexpr std::array<MetricFormat, kMetricCount> kFormats = [] {
  std::array<MetricFormat, kMetricCount> f{};
  for (const MetricInfo& m : kMetrics) f[static_cast<size_t>(m.id)] = FormatOfUnit(m.unit);
  return f;
}();
}  // namespace

MetricFormat FormatOf(const MetricInfo& m) { return kFormats[static_cast<size_t>(m.id)]; }

const MetricInfo& InfoOf(Metric metric) { return kMetrics[static_cast<size_t>(metric)]; }

bool IsRunningCount(const MetricInfo& m) {
  const MetricFormat f = FormatOf(m);
  return m.window == MetricWindow::Total && (f == MetricFormat::Count || f == MetricFormat::Usd);
}

const MetricInfo* FindMetric(std::string_view name) {
  for (const MetricInfo& m : kMetrics) {
    if (m.name == name) return &m;
  }
  return nullptr;
}

std::optional<double> MetricValue(const Sim& sim, std::string_view name) {
  const MetricInfo* info = FindMetric(name);
  if (info == nullptr) return std::nullopt;
  return ReadMetric(sim, info->id);
}

}  // namespace sim
