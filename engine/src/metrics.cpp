// The latency histogram and the table of metric names used by lesson goals.
#include "statelab/metrics.h"

#include <algorithm>
#include <bit>

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

// [SECTION] Metric table
namespace {

using W = MetricWindow;
constexpr MetricInfo kMetrics[] = {
    {"time_s", "s", W::Total, "simulated time since the start"},
    {"requests", "requests", W::Total, "requests made"},
    {"requests_ok", "requests", W::Total, "requests that ended ok"},
    {"errors", "requests", W::Total, "requests that failed (any error outcome)"},
    {"error_pct", "%", W::Total, "errors as a share of requests"},
    {"carts_lost", "carts", W::Total, "times the server showed a cart that differs from the shopper's"},
    {"angry_shoppers", "shoppers", W::Total, "shoppers who gave up after losing their cart"},
    {"revenue_usd", "USD", W::Total, "money taken at checkout"},
    {"revenue_lost_usd", "USD", W::Total, "carts abandoned after a loss, plus tampered discounts"},
    {"tamper_loss_usd", "USD", W::Total, "discounts attackers gave themselves"},
    {"orders", "orders", W::Total, "checkouts completed"},
    {"stale_reads", "reads", W::Total, "user-data reads older than the committed row"},
    {"cache_hits", "reads", W::Total, "user-data reads served by ElastiCache"},
    {"cache_misses", "reads", W::Total, "user-data cache misses (read from RDS)"},
    {"cache_hit_ratio", "ratio", W::Total, "hits / (hits + misses)"},
    {"db_reads_saved", "reads", W::Total, "RDS reads the cache avoided"},
    {"db_reads", "reads", W::Total, "reads served by RDS"},
    {"db_reads_primary", "reads", W::Total, "reads served by the RDS primary"},
    {"db_reads_replica", "reads", W::Total, "reads served by read replicas"},
    {"db_writes", "writes", W::Total, "writes committed on the RDS primary"},
    {"sessions_lost", "sessions", W::Total, "sessions destroyed by instance, AZ or cache failures"},
    {"cookies_dropped", "cookies", W::Total, "Set-Cookie headers over 4096 bytes the browser ignored"},
    {"cookies_rejected", "cookies", W::Total, "cart cookies rejected for a bad signature"},
    {"tamper_accepted", "cookies", W::Total, "edited cart cookies the server trusted"},
    {"sg_denied", "requests", W::Total, "requests denied by a security group"},
    {"db_unavailable", "requests", W::Total, "requests that failed because RDS took no queries (down, or failing over)"},
    {"session_store_unavailable", "requests", W::Total, "requests that failed because the session store was down or failing over"},
    {"attacks_allowed", "attempts", W::Total, "attacker connections a security group let through"},
    {"attacks_denied", "attempts", W::Total, "attacker connections security groups denied"},
    {"addresses_lost", "writes", W::Total, "committed address writes later rolled back"},
    {"mean_request_bytes", "bytes", W::Total, "mean request size, headers and cookies included"},
    {"mean_cookie_bytes", "bytes", W::Total, "mean Cookie header size"},
    {"max_cookie_bytes", "bytes", W::Total, "largest Cookie header sent"},
    {"cart_cookie_bytes_max", "bytes", W::Total, "largest cart cookie sent (the cookie itself; browsers keep at most 4096 bytes per cookie)"},
    {"forged_sessions", "requests", W::Total, "requests with a guessed session ID (the store held no such session: an empty cart)"},
    {"sessions_lost_to_lag", "sessions", W::Total, "session writes a cache failover lost because the replica had not received them"},
    {"mean_latency_ms", "ms", W::Total, "mean request latency"},
    {"run_p50_ms", "ms", W::Total, "median latency over the run"},
    {"run_p95_ms", "ms", W::Total, "95th percentile latency over the run"},
    {"run_p99_ms", "ms", W::Total, "99th percentile latency over the run"},
    {"rps", "requests/s", W::LastSecond, "requests in the last second"},
    {"errors_per_s", "requests/s", W::LastSecond, "errors in the last second"},
    {"served_per_s", "requests/s", W::LastSecond, "requests served (not failed) in the last second"},
    {"carts_lost_per_s", "carts/s", W::LastSecond, "carts lost in the last second"},
    {"stale_reads_per_s", "reads/s", W::LastSecond, "stale reads in the last second"},
    {"p50_ms", "ms", W::LastSecond, "median latency in the last second"},
    {"p95_ms", "ms", W::LastSecond, "95th percentile latency in the last second"},
    {"p99_ms", "ms", W::LastSecond, "99th percentile latency in the last second"},
    {"db_primary_cpu_pct", "%", W::LastSecond, "CPU of the RDS primary"},
    {"db_replica_cpu_pct_max", "%", W::LastSecond, "CPU of the busiest read replica"},
    {"instance_cpu_pct", "%", W::LastSecond, "mean CPU of web instances in service"},
    {"instance_cpu_pct_max", "%", W::LastSecond, "CPU of the busiest web instance"},
    {"instance_cpu_pct_min", "%", W::LastSecond, "CPU of the least busy web instance in service"},
    {"cart_cookie_bytes_1s", "bytes", W::LastSecond, "largest cart cookie sent in the last second (0: no cart in a cookie now)"},
    {"session_store_ms", "ms", W::LastSecond, "mean time of a session-store read or write (ElastiCache or DynamoDB)"},
    {"sg_cidr_sources", "rules", W::LastSecond, "rules in sg-web, sg-cache and sg-db whose source is an address range, not a security group"},
    {"sg_loose_rules", "rules", W::LastSecond, "rules in sg-web, sg-cache and sg-db that allow more than the tier in front needs: another source than sg-elb (web) or sg-web (cache, db), or more ports than the service's"},
    {"instances_in_service", "instances", W::LastSecond, "web instances in service"},
    {"instances_az_a", "instances", W::LastSecond, "web instances pending or in service in AZ a"},
    {"instances_az_b", "instances", W::LastSecond, "web instances pending or in service in AZ b"},
    {"instances_az_c", "instances", W::LastSecond, "web instances pending or in service in AZ c"},
    {"replica_lag_ms_max", "ms", W::LastSecond, "largest read replica lag"},
    {"cache_hit_ratio_1s", "ratio", W::LastSecond, "cache hit ratio in the last second"},
    {"shoppers_active", "shoppers", W::LastSecond, "crowd shoppers taking part"},
};

double Ratio(uint64_t part, uint64_t whole) {
  return whole == 0 ? 0.0 : static_cast<double>(part) / static_cast<double>(whole);
}
double Usd(uint64_t cents) { return static_cast<double>(cents) / 100.0; }
double MsOf(int64_t us) { return static_cast<double>(us) / 1000.0; }
double PctOf(uint32_t bp) { return static_cast<double>(bp) / 100.0; }

std::optional<double> TotalValue(const Sim& sim, std::string_view n) {
  const Totals& t = sim.totals();
  uint64_t errors = 0;
  for (int o = static_cast<int>(kFirstErrorOutcome); o < kOutcomeCount; ++o) errors += t.by_outcome[o];
  const uint64_t db_reads = t.db_reads_primary + t.db_reads_replica;
  if (n == "time_s") return static_cast<double>(sim.now_us()) / 1e6;
  if (n == "requests") return static_cast<double>(t.requests);
  if (n == "requests_ok") return static_cast<double>(t.by_outcome[0]);
  if (n == "errors") return static_cast<double>(errors);
  if (n == "error_pct") return 100.0 * Ratio(errors, t.requests);
  if (n == "carts_lost") return static_cast<double>(t.carts_lost);
  if (n == "angry_shoppers") return static_cast<double>(t.angry_shoppers);
  if (n == "revenue_usd") return Usd(t.revenue_cents);
  if (n == "revenue_lost_usd") return Usd(t.revenue_lost_cents);
  if (n == "tamper_loss_usd") return Usd(t.tamper_loss_cents);
  if (n == "orders") return static_cast<double>(t.orders);
  if (n == "stale_reads") return static_cast<double>(t.stale_reads);
  if (n == "cache_hits" || n == "db_reads_saved") return static_cast<double>(t.cache_hits);
  if (n == "cache_misses") return static_cast<double>(t.cache_misses);
  if (n == "cache_hit_ratio") return Ratio(t.cache_hits, t.cache_hits + t.cache_misses);
  if (n == "db_reads") return static_cast<double>(db_reads);
  if (n == "db_reads_primary") return static_cast<double>(t.db_reads_primary);
  if (n == "db_reads_replica") return static_cast<double>(t.db_reads_replica);
  if (n == "db_writes") return static_cast<double>(t.db_writes);
  if (n == "sessions_lost") return static_cast<double>(t.sessions_lost);
  if (n == "cookies_dropped") return static_cast<double>(t.cookies_dropped);
  if (n == "cookies_rejected") return static_cast<double>(t.cookies_rejected);
  if (n == "tamper_accepted") return static_cast<double>(t.tamper_accepted);
  if (n == "sg_denied") return static_cast<double>(t.by_outcome[static_cast<int>(Outcome::DeniedBySg)]);
  if (n == "db_unavailable") return static_cast<double>(t.by_outcome[static_cast<int>(Outcome::DbUnavailable)]);
  if (n == "session_store_unavailable") {
    return static_cast<double>(t.by_outcome[static_cast<int>(Outcome::SessionStoreUnavailable)]);
  }
  if (n == "attacks_allowed") return static_cast<double>(t.attacks_allowed);
  if (n == "attacks_denied") return static_cast<double>(t.attacks_denied);
  if (n == "addresses_lost") return static_cast<double>(t.addresses_lost);
  if (n == "mean_request_bytes") return t.requests ? static_cast<double>(t.request_bytes_sum) / t.requests : 0.0;
  if (n == "mean_cookie_bytes") return t.requests ? static_cast<double>(t.cookie_bytes_sum) / t.requests : 0.0;
  if (n == "max_cookie_bytes") return static_cast<double>(t.max_cookie_bytes);
  if (n == "cart_cookie_bytes_max") return static_cast<double>(t.max_cart_cookie_bytes);
  if (n == "forged_sessions") return static_cast<double>(t.forged_sessions);
  if (n == "sessions_lost_to_lag") return static_cast<double>(t.sessions_lost_to_lag);
  if (n == "mean_latency_ms") return t.requests ? MsOf(static_cast<int64_t>(t.latency_us_sum / t.requests)) : 0.0;
  if (n == "run_p50_ms") return MsOf(sim.run_latency().Percentile(500));
  if (n == "run_p95_ms") return MsOf(sim.run_latency().Percentile(950));
  if (n == "run_p99_ms") return MsOf(sim.run_latency().Percentile(990));
  return std::nullopt;
}

std::optional<double> LastSecondValue(const Sim& sim, std::string_view n) {
  const SecondSample s = sim.series().empty() ? SecondSample{} : sim.series().back();
  uint16_t replica_max = 0;
  for (int i = kRdsFirstReplica; i < kMaxDbNodes; ++i) {
    if (sim.rds().nodes[static_cast<size_t>(i)].role == RdsRole::Replica) {
      replica_max = std::max(replica_max, s.db_cpu_bp[static_cast<size_t>(i)]);
    }
  }
  if (n == "rps") return static_cast<double>(s.requests);
  if (n == "errors_per_s") return static_cast<double>(s.errors);
  if (n == "served_per_s") return static_cast<double>(s.requests - s.errors);
  if (n == "carts_lost_per_s") return static_cast<double>(s.carts_lost);
  if (n == "stale_reads_per_s") return static_cast<double>(s.stale_reads);
  if (n == "p50_ms") return MsOf(s.p50_us);
  if (n == "p95_ms") return MsOf(s.p95_us);
  if (n == "p99_ms") return MsOf(s.p99_us);
  if (n == "db_primary_cpu_pct") return PctOf(s.db_primary_cpu_bp);
  if (n == "db_replica_cpu_pct_max") return PctOf(replica_max);
  if (n == "instance_cpu_pct") return PctOf(s.instance_cpu_bp_avg);
  if (n == "instance_cpu_pct_max") return PctOf(s.instance_cpu_bp_max);
  if (n == "instance_cpu_pct_min") return PctOf(s.instance_cpu_bp_min);
  if (n == "cart_cookie_bytes_1s") return static_cast<double>(s.max_cart_cookie_bytes);
  if (n == "session_store_ms") return MsOf(s.session_store_us_mean);
  if (n == "sg_cidr_sources") {
    // Read from the live settings: a rule counts from the moment it is in force.
    const SecurityGroups& sgs = sim.config().security_groups;
    double count = 0;
    for (SgId g : {SgId::Web, SgId::Cache, SgId::Db}) {
      for (const SgRule& r : sgs.rules[static_cast<size_t>(g)]) count += r.source.kind == SgSource::Kind::Cidr;
    }
    return count;
  }
  if (n == "sg_loose_rules") {
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
  if (n == "instances_in_service") return static_cast<double>(s.instances_in_service);
  if (n == "instances_az_a") return static_cast<double>(s.instances_per_az[0]);
  if (n == "instances_az_b") return static_cast<double>(s.instances_per_az[1]);
  if (n == "instances_az_c") return static_cast<double>(s.instances_per_az[2]);
  if (n == "replica_lag_ms_max") return static_cast<double>(s.replica_lag_ms_max);
  if (n == "cache_hit_ratio_1s") return Ratio(s.cache_hits, s.cache_hits + s.cache_misses);
  if (n == "shoppers_active") return static_cast<double>(s.shoppers_active);
  return std::nullopt;
}

}  // namespace

std::span<const MetricInfo> MetricTable() { return kMetrics; }

MetricFormat FormatOf(const MetricInfo& m) {
  if (m.unit == "%") return MetricFormat::Percent;
  if (m.unit == "ratio") return MetricFormat::Ratio;
  if (m.unit == "ms") return MetricFormat::Ms;
  if (m.unit == "s") return MetricFormat::Seconds;
  if (m.unit == "USD") return MetricFormat::Usd;
  if (m.unit == "bytes") return MetricFormat::Bytes;
  return MetricFormat::Count;
}

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
  return info->window == MetricWindow::Total ? TotalValue(sim, name) : LastSecondValue(sim, name);
}

}  // namespace sim
