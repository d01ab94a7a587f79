// The configuration of the whole stack, with defaults. A Config is plain data: the scenario loader
// builds one from JSON, the Sim starts from one, and the config-changing commands edit one through
// ApplyToConfig (see commands.h), so a lesson's "change this setting" and the UI's toggle are the
// same operation.
//
// Defaults describe the lecture's starting point (three web instances, sessions in instance
// memory, no stickiness, single-AZ cache and database) with lesson-friendly timings: health checks
// every 10 s with thresholds of 2 (AWS defaults: 30 s, healthy 5, unhealthy 2).
#pragma once

#include <array>
#include <cstdint>

#include "statelab/security_groups.h"
#include "statelab/types.h"

namespace sim {

// [SECTION] Limits the loader enforces (documented in docs/scenario-format.md)
inline constexpr uint32_t kMaxShoppers = 100'000;
inline constexpr uint32_t kMaxUsers = 1'000'000;
inline constexpr uint32_t kMaxInstances = 60;
inline constexpr uint32_t kMaxReadReplicas = 15;  // RDS MySQL, MariaDB, PostgreSQL
inline constexpr int64_t kMinStickinessS = 1;
inline constexpr int64_t kMaxStickinessS = 604'800;  // 7 days
inline constexpr int kMaxDbNodes = 2 + kMaxReadReplicas;  // primary, standby, replicas
// The ranges of the runtime settings and faults (scenario files, lessons and run links read them).
struct Range {
  int64_t lo;
  int64_t hi;
};
inline constexpr Range kHealthCheckIntervalS = {5, 300};
inline constexpr Range kHealthThreshold = {2, 10};
inline constexpr Range kIdleTimeoutS = {60, 7 * 86'400};
inline constexpr Range kCacheTtlS = {1, 7 * 86'400};
inline constexpr Range kReplicaLagMs = {0, 3'600'000};
inline constexpr Range kLaunchDelayS = {0, 3600};
inline constexpr Range kTargetCpuPct = {1, 100};
inline constexpr Range kThinkTimeUs = {Ms(100), Sec(3600)};
inline constexpr Range kMixWeight = {0, 1000};
inline constexpr uint32_t kMaxSgRules = 50;
inline constexpr Range kExtraReplicaLagMs = {1, 3'600'000};  // add_replica_lag's lag
inline constexpr Range kFaultForS = {1, 86'400};             // add_replica_lag's and traffic_spike's "for"
inline constexpr Range kSpikePct = {100, 2000};              // traffic_spike's multiplier, in parts of 100

struct BehaviourMix {  // relative weights of what a crowd shopper does next
  uint32_t browse = 60;
  uint32_t add_to_cart = 20;
  uint32_t view_cart = 10;
  uint32_t update_address = 5;
  uint32_t checkout = 5;
  uint32_t Weight(RequestKind k) const;
  uint32_t Total() const;
  friend bool operator==(const BehaviourMix&, const BehaviourMix&) = default;
};

struct ShopperConfig {
  uint32_t count = 1000;                 // concurrent crowd shoppers
  TimeUs think_time_us = Sec(5);         // mean pause between requests (uniform 0.5x..1.5x)
  BehaviourMix mix;
  uint32_t give_up_pct = 50;             // chance a shopper leaves after losing the cart
  uint32_t users = 20'000;               // registered users a visit logs in as
  uint32_t max_requests_per_visit = 40;  // then the shopper leaves without buying
  friend bool operator==(const ShopperConfig&, const ShopperConfig&) = default;
};

struct StickinessConfig {
  bool enabled = false;
  int64_t duration_s = 86'400;  // AWSALB lifetime; ALB allows 1 s to 7 days, default 1 day
  friend bool operator==(const StickinessConfig&, const StickinessConfig&) = default;
};

struct HealthCheckConfig {
  int64_t interval_s = 10;
  uint32_t healthy_threshold = 2;
  uint32_t unhealthy_threshold = 2;
  friend bool operator==(const HealthCheckConfig&, const HealthCheckConfig&) = default;
};

struct LoadBalancerConfig {
  RoutingAlgorithm routing = RoutingAlgorithm::RoundRobin;
  StickinessConfig stickiness;
  HealthCheckConfig health_check;
  friend bool operator==(const LoadBalancerConfig&, const LoadBalancerConfig&) = default;
};

struct Route53Config {  // health checks on the load balancer nodes behind the alias record
  int64_t health_check_interval_s = 10;
  uint32_t failure_threshold = 3;
  friend bool operator==(const Route53Config&, const Route53Config&) = default;
};

struct AutoScalingConfig {
  uint32_t min = 2;
  uint32_t desired = 3;
  uint32_t max = 6;
  int64_t launch_delay_s = 60;  // boot time before the first health check
  bool target_tracking = false;
  uint32_t target_cpu_pct = 50;
  int64_t scale_in_cooldown_s = 300;
  friend bool operator==(const AutoScalingConfig&, const AutoScalingConfig&) = default;
};

struct InstanceConfig {
  uint32_t vcpus = 2;
  // CPU cost of one request, by RequestKind.
  std::array<uint32_t, kRequestKindCount> cpu_us = {5000, 6000, 4000, 5000, 10000};
  int64_t max_queue_ms = 2000;  // beyond this wait the instance answers 503
  friend bool operator==(const InstanceConfig&, const InstanceConfig&) = default;
};

struct SessionConfig {
  SessionStrategy strategy = SessionStrategy::InstanceMemory;
  SessionStore store = SessionStore::ElastiCache;  // for ServerSession
  bool cookie_signing = true;                       // for ClientCookie
  int64_t idle_timeout_s = 1800;                    // session TTL, refreshed on each request
  friend bool operator==(const SessionConfig&, const SessionConfig&) = default;
};

struct CacheConfig {  // ElastiCache for Redis OSS / Valkey: session store and read cache
  bool multi_az = false;  // primary in the first AZ, replica in the next, automatic failover
  CacheMode read_mode = CacheMode::None;
  Invalidation invalidation = Invalidation::OnWrite;
  int64_t ttl_s = 300;
  int64_t failover_s = 15;  // replica promotion time
  // Replication to the replica is asynchronous: a failover loses the writes of the last
  // replication_lag_ms before the primary failed (ElastiCache's ReplicationLag is usually well
  // under a second).
  int64_t replication_lag_ms = 20;
  friend bool operator==(const CacheConfig&, const CacheConfig&) = default;
};

struct RdsConfig {
  bool multi_az = false;  // synchronous standby in another AZ
  uint32_t read_replicas = 0;
  int64_t replica_lag_ms = 50;  // asynchronous replication delay
  ReadRouting read_routing = ReadRouting::Spread;
  uint32_t vcpus = 2;
  uint32_t read_cpu_us = 1500;
  uint32_t write_cpu_us = 3000;
  int64_t max_queue_ms = 5000;  // beyond this wait a query times out
  int64_t failover_min_s = 60;  // Multi-AZ failover: writes fail for 60-120 s
  int64_t failover_max_s = 120;
  uint16_t port = 3306;         // 3306 MySQL, 5432 PostgreSQL
  friend bool operator==(const RdsConfig&, const RdsConfig&) = default;
};

struct TraceConfig {
  uint32_t ring_capacity = 2048;    // full request traces kept
  uint32_t sample_every = 1;        // trace every Nth request (0: only followed and scripted)
  uint32_t event_capacity = 4096;   // events kept
  uint32_t series_capacity_s = 3600;  // seconds of metric time series kept
  friend bool operator==(const TraceConfig&, const TraceConfig&) = default;
};

// The secret the cart-cookie signing key is derived from, mixed with the seed. It is never in
// a link, a scenario file or the UI, so a shared link (which shows the seed) does not give the
// key away; the default keeps every replay (links, the CLI, golden traces) byte-identical, and a
// front end may give a run its own secret and keep it beside the replay.
inline constexpr uint64_t kDefaultCookieSecret = 0x9e6c'1f2b'53d7'a4c1ull;

struct Config {
  uint64_t seed = 1;
  uint64_t cookie_secret = kDefaultCookieSecret;  // not in links or scenario files (see above)
  std::array<bool, kAzCount> azs = {true, true, true};  // AZs the stack is deployed in
  ShopperConfig shoppers;
  LoadBalancerConfig load_balancer;
  Route53Config route53;
  AutoScalingConfig auto_scaling;
  InstanceConfig instances;
  SessionConfig session;
  CacheConfig cache;
  RdsConfig rds;
  SecurityGroups security_groups = DefaultSecurityGroups(3306);
  TraceConfig trace;
  friend bool operator==(const Config&, const Config&) = default;
};

}  // namespace sim
