// The state of each component of the stack, as the Sim keeps it and as the UI reads it (through
// const accessors on Sim). Plain structs, no behaviour: the behaviour lives in the Sim's
// component files (engine/src/*.cpp).
#pragma once

#include <array>
#include <cstdint>
#include <string>

#include "statelab/cart.h"
#include "statelab/config.h"
#include "statelab/events.h"
#include "statelab/security_groups.h"
#include "statelab/types.h"

namespace sim {

// [SECTION] EC2 web instances
// Pending: booting, then registered and waiting for healthy_threshold passing health checks.
// Unhealthy: failing the ALB health check; the Auto Scaling group will replace it.
enum class InstanceState : uint8_t { Pending, InService, Unhealthy, Terminated };
std::string_view Name(InstanceState s);

inline constexpr int kOrphanBuckets = 128;  // one per minute: orphaned sessions age out by minute

struct Instance {
  InstanceId id;
  Az az = Az::A;
  InstanceState state = InstanceState::Pending;
  uint32_t ip = 0;
  bool reachable = true;   // false while its AZ is down: it cannot answer anything
  bool registered = false;  // booted and in the target group
  bool lb_healthy = false;  // the load balancer's view, from health checks
  uint8_t hc_passes = 0;
  uint8_t hc_failures = 0;
  TimeUs launched_us = 0;
  TimeUs in_service_us = -1;
  TimeUs terminated_us = -1;
  TimeUs next_health_check_us = 0;
  // Load: CPU work queued, in core-microseconds, drained by vcpus cores.
  int64_t backlog_us = 0;
  TimeUs backlog_at_us = 0;
  uint64_t busy_us_this_second = 0;
  uint32_t cpu_bp = 0;  // CPU utilisation over the last second, basis points (10000 = 100%)
  uint64_t requests = 0;
  // Sessions held in memory (instance-memory strategy): sessions some shopper's cookie still
  // names, and orphans nobody can reach any more that wait for the idle timeout.
  uint32_t sessions = 0;
  uint32_t orphaned_sessions = 0;
  std::array<uint32_t, kOrphanBuckets> orphans_by_minute{};
  SgVerdict to_cache;  // cached verdicts for this instance's outbound hops
  SgVerdict to_db;
};

// [SECTION] Load balancer (one node per AZ) and Route 53
struct LbNode {
  Az az = Az::A;
  bool enabled = false;  // the stack is deployed in this AZ
  bool up = true;        // false while the AZ is down
  bool in_dns = true;    // Route 53 still answers with this node
  uint8_t dns_failures = 0;
  TimeUs next_dns_check_us = 0;
  uint32_t rr_cursor = 0;
  uint64_t requests = 0;
  SgVerdict to_web;  // cached verdict for LB node -> web instances
};

// [SECTION] Auto Scaling group
struct AutoScalingState {
  uint32_t min = 0;
  uint32_t desired = 0;
  uint32_t max = 0;
  TimeUs last_scale_us = 0;
  TimeUs next_tracking_eval_us = 0;
  uint64_t cpu_bp_sum = 0;  // per-second average instance CPU, summed since the last evaluation
  uint32_t cpu_samples = 0;
  uint32_t launches = 0;
  uint32_t terminations = 0;
};

// [SECTION] ElastiCache for Redis
enum class CacheState : uint8_t { Available, FailingOver, Down };
std::string_view Name(CacheState s);
struct CacheNode {
  Az az = Az::A;
  bool exists = false;
  bool up = false;
  bool primary = false;
};
struct CacheCluster {
  std::array<CacheNode, 2> nodes{};  // [0] starts as primary; [1] is the Multi-AZ replica
  CacheState state = CacheState::Available;
  TimeUs failover_done_us = 0;
  int failover_target = -1;  // the replica being promoted while FailingOver
  uint32_t data_epoch = 1;  // bumped when every key is lost; a key from an older epoch is gone
  uint64_t gets = 0;
  uint64_t sets = 0;
  int primary_index() const;  // -1 when no node is primary
};

// [SECTION] DynamoDB (regional, replicated across multiple AZs)
struct DynamoTable {
  uint64_t reads = 0;
  uint64_t writes = 0;
};

// [SECTION] RDS
enum class RdsRole : uint8_t { None, Primary, Standby, Replica, Failed };
std::string_view Name(RdsRole r);
inline constexpr int kRdsFirstReplica = 2;  // nodes[0], nodes[1]: primary/standby pair

struct RdsNode {
  RdsRole role = RdsRole::None;
  Az az = Az::A;
  bool up = false;
  uint32_t ip = 0;
  int64_t backlog_us = 0;
  TimeUs backlog_at_us = 0;
  uint64_t busy_us_this_second = 0;
  uint32_t cpu_bp = 0;  // last second, basis points
  int64_t extra_lag_ms = 0;  // injected by AddReplicaLag
  TimeUs extra_lag_until_us = -1;  // -1: until replaced
  uint64_t reads = 0;
  uint64_t writes = 0;
};

struct RdsCluster {
  std::array<RdsNode, kMaxDbNodes> nodes{};
  int primary = 0;   // node index, -1 when none
  int standby = -1;  // node index, -1 when none
  bool failing_over = false;
  TimeUs failover_done_us = 0;
  TimeUs failed_at_us = 0;
  uint64_t committed_writes = 0;
  uint64_t writes_lost = 0;  // committed writes rolled back by promoting a lagging replica
  // Replica lag as seen right now, in ms (base + injected); -1 for nodes that are not replicas.
  int64_t LagMs(int node, int64_t base_lag_ms, TimeUs now_us) const;
};

// [SECTION] Shoppers
// Ordered widest first so the jar packs into 32 bytes: it is read on every request.
struct CookieJar {
  TimeUs awsalb_expires_us = 0;
  uint64_t session_id = 0;  // 0: no session cookie
  InstanceId awsalb_target;
  uint32_t cart_cookie_bytes = 0;
  bool has_awsalb = false;
  bool has_cart_cookie = false;  // the cart itself is Shopper::stored
  bool cart_signed = false;
  bool cart_signature_valid = true;  // checked with the real HMAC when the cookie was edited
  bool cart_tampered = false;
  bool last_set_cookie_dropped = false;  // the browser ignored a Set-Cookie over 4096 bytes
  bool session_forged = false;  // the session-ID cookie was edited to a guessed ID (TamperCookie)
};
inline constexpr uint32_t kAwsalbCookieBytes = 147;   // "AWSALB=" + 140 base64 characters
inline constexpr uint32_t kSessionCookieBytes = 42;   // "SESSIONID=" + 32 hex characters
inline constexpr uint32_t kBaseRequestBytes = 420;    // request line and ordinary headers
inline constexpr uint32_t kFormBodyBytes = 96;        // body of add-to-cart, address, checkout

enum class SessionHome : uint8_t { None, Instance, Cache, DynamoDb };
std::string_view Name(SessionHome h);
// Where the server keeps this shopper's session. The cart it holds is Shopper::stored_cart.
struct ServerSession {
  uint64_t id = 0;
  SessionHome home = SessionHome::None;
  InstanceId instance;
  uint32_t cache_epoch = 0;  // 0: dropped by a cache failover before the replica had it
  uint32_t cache_saved_ms = 0;  // when the session was last written to the cache (ms of sim time)
  TimeUs expires_us = 0;
};

struct ShopperStats {
  uint32_t requests = 0;
  uint32_t errors = 0;
  uint32_t carts_lost = 0;
  uint32_t stale_reads = 0;
  uint32_t visits = 0;
  uint32_t orders = 0;
  uint32_t gave_up = 0;
  Outcome last_outcome = Outcome::Ok;
  uint64_t last_request_id = 0;
};

// A crowd of 100,000 does not fit in any cache, so a shopper is split by what a request
// touches. ShopperState is what every request reads and writes: 128 bytes, two cache lines, and
// the Sim keeps the crowd's in one dense array so that they also share few memory pages. The
// carts are opened only by a request that changes one; three flags answer the questions every
// request asks of them.
struct alignas(64) ShopperState {
  ShopperId id;
  uint32_t user = 0;  // the registered user this visit is logged in as
  bool active = false;
  bool followed = false;
  bool scheduled = false;  // has an entry in the arrival queue
  int8_t lb_az = -1;  // the load balancer node DNS gave this browser
  uint16_t requests_this_visit = 0;
  bool lost_cart_this_visit = false;
  // Why the server last lost this visit's session. A request that finds the session gone can fail
  // further on (a database down); the loss is then noticed by a later request, which names it.
  LossCause session_loss = LossCause::SessionNotFound;
  uint32_t address_version = 0;  // the address version this shopper last saved
  // Derived from the carts and kept in step by the engine after every change to them:
  // expected.empty(), stored.empty(), SameContents(expected, stored).
  bool cart_expected_empty = true;
  bool cart_stored_empty = true;
  bool carts_same = true;
  CookieJar jar;
  ServerSession session;
  ShopperStats stats;
};

// A whole shopper, as the UI and tests read it. Crowd shoppers are kept split inside the Sim
// (ShopperState in one array, the carts in another) and assembled into a Shopper when read.
struct Shopper : ShopperState {
  Cart expected;  // what the shopper put in the cart
  Cart stored;    // the cart as the site stores it: in the cart cookie or in the session
  std::string name;  // scripted shoppers only
  std::string edited_cart_cookie;  // the literal value after TamperCookie, until the server replaces it
};

// Summary of a shopper's cookie jar, as the browser would send it.
struct CookieJarView {
  uint32_t awsalb_bytes = 0;
  uint32_t session_bytes = 0;
  uint32_t cart_bytes = 0;
  uint32_t total_bytes = 0;  // the Cookie header value, with "; " separators
};

// One key in the cache, for the UI's cache panel.
struct CacheKeyView {
  std::string key;  // "session:9f2c...", "user:1234"
  int64_t ttl_s = 0;
  bool stale = false;  // a user key older than the committed row
};

}  // namespace sim
