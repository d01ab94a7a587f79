// The Sim: one deterministic model of the whole MyClothes.com stack. Build it from a Config, send
// it Commands, advance it in fixed ticks, and read it through const accessors. Nothing in it reads
// a clock or an unordered container during a step; one seed reproduces a run exactly, natively and
// in wasm, and trace_hash() proves it.
//
// Index
//   [SECTION] Driving         Enqueue, Step, RunFor
//   [SECTION] Reading          time, hash, totals, traces, events, series
//   [SECTION] Components       instances, LB nodes, ASG, cache, DynamoDB, RDS, security groups
//   [SECTION] Shoppers         crowd, scripted shoppers, cookie jars
//   [SECTION] Panels           slower read-outs that walk every shopper
#pragma once

#include <array>
#include <cstdint>
#include <map>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "statelab/cart.h"
#include "statelab/commands.h"
#include "statelab/config.h"
#include "statelab/events.h"
#include "statelab/metrics.h"
#include "statelab/model.h"
#include "statelab/random.h"
#include "statelab/trace.h"
#include "statelab/types.h"

namespace sim {

class InvariantChecker;
struct SimAccess;  // defined only by tests, for white-box corruption

class Sim {
 public:
  explicit Sim(const Config& config);

  // [SECTION] Driving
  // Queued commands are applied at the start of the next Step, in the order they were enqueued.
  void Enqueue(Command command);
  void Step();                      // one tick of kTickUs
  void RunFor(TimeUs duration_us);  // whole ticks, rounded up
  void RunUntil(TimeUs time_us);

  // [SECTION] Reading
  TimeUs now_us() const { return now_us_; }
  uint64_t trace_hash() const { return hash_; }
  // About how much memory this Sim holds (its big tables and rings): what a copy costs.
  size_t MemoryBytes() const;
  const Config& config() const { return config_; }
  // Commands queued for the next Step, and the config as it will be once their settings apply:
  // what a view shows while the run is paused, so a click shows at once (three clicks on "+"
  // make three replicas) while the model still changes only at a tick.
  std::span<const Command> pending() const { return pending_; }
  Config PendingConfig() const;
  bool TerminationPending(InstanceId id) const;  // a TerminateInstance for it is queued
  const Totals& totals() const { return totals_; }
  const LatencyHistogram& run_latency() const { return run_latency_; }
  std::span<const uint64_t> event_counts() const { return event_counts_; }  // by Event index
  const Ring<RequestTrace>& traces() const { return traces_; }
  const Ring<EventRecord>& events() const { return events_; }
  const Ring<SecondSample>& series() const { return series_; }
  uint64_t requests_started() const { return next_request_id_ - 1; }

  // [SECTION] Components
  std::span<const Instance> instances() const { return instances_; }  // all launched, by id
  const Instance* FindInstance(InstanceId id) const;
  std::span<const LbNode> lb_nodes() const { return lb_nodes_; }  // indexed by AZ
  const AutoScalingState& auto_scaling() const { return asg_; }
  const CacheCluster& cache() const { return cache_; }
  const DynamoTable& dynamodb() const { return dynamo_; }
  const RdsCluster& rds() const { return rds_; }
  const SecurityGroups& security_groups() const { return config_.security_groups; }
  bool az_up(Az az) const { return az_up_[AzIndex(az)]; }
  uint32_t user_version(uint32_t user) const;  // committed version of a user row, on the primary
  int64_t replica_lag_ms(int node) const;       // -1 for nodes that are not replicas
  const CookieKey& cookie_key() const { return cookie_key_; }

  // [SECTION] Shoppers
  // Includes inactive slots. A snapshot assembled from the Sim's split storage on each call: it
  // walks every shopper, and stays as it was until the next call.
  std::span<const Shopper> crowd() const;
  std::span<const Shopper> scripted_shoppers() const { return scripted_; }
  // For a crowd shopper, a copy refreshed on each call; the pointer stays valid for the Sim's life.
  const Shopper* FindShopper(ShopperId id) const;
  const Shopper* FindShopper(std::string_view name) const;
  uint32_t active_crowd() const { return active_crowd_; }
  CookieJarView CookieJarOf(const Shopper& shopper) const;
  // The Cookie header the browser would send, with the cart cookie really encoded and signed.
  std::string CookieHeader(const Shopper& shopper) const;

  // [SECTION] Panels
  uint32_t SessionKeysInCache() const;
  uint32_t UserKeysInCache() const;
  std::vector<CacheKeyView> CacheKeys(size_t limit) const;
  uint32_t SessionsInDynamoDb() const;
  uint32_t CartsOnInstance(InstanceId id) const;  // live sessions with a non-empty cart

 private:
  // The invariant checker reads what the UI may not (user rows, the write log, cached verdicts);
  // tests corrupt state through SimAccess to prove each check can fail.
  friend class InvariantChecker;
  friend struct SimAccess;

  // An arrival is (time << kSlotBits) | slot: one integer compare orders by time, then slot.
  using Arrival = uint64_t;
  static constexpr int kSlotBits = 20;  // up to 1M crowd slots; times up to 2^44 us (203 days)
  // A user's row in RDS and its copy in the read cache, side by side: one cache line per read.
  struct UserRow {
    uint32_t version = 0;
    uint32_t cached_version = 0;
    uint32_t cache_epoch = 0;  // CacheCluster::data_epoch when cached; 0: never
    uint32_t unused = 0;
    TimeUs committed_us = -1;
    TimeUs cache_expires_us = 0;
  };
  struct WriteLogEntry {
    TimeUs committed_us = 0;
    TimeUs previous_committed_us = 0;
    uint32_t user = 0;
    uint32_t previous_version = 0;
  };
  struct RequestResult {
    int64_t latency_us = 0;
    bool end_visit = false;
  };
  struct RequestContext;
  // Crowd shoppers are stored split: ShopperState in crowd_, the carts in crowd_carts_.
  struct CartPair {
    Cart expected;
    Cart stored;
  };
  // One shopper's parts, wherever they live. Crowd shoppers never hold an edited cookie (only
  // scripted ones are tampered with), so theirs is null.
  struct ShopperRef {
    ShopperState& state;
    Cart& expected;
    Cart& stored;
    std::string* edited_cart_cookie;
  };
  ShopperRef CrowdRef(uint32_t slot) { return {crowd_[slot], crowd_carts_[slot].expected, crowd_carts_[slot].stored, nullptr}; }
  static ShopperRef Ref(Shopper& s) { return {s, s.expected, s.stored, &s.edited_cart_cookie}; }
  void AssembleCrowdShopper(uint32_t slot, Shopper& out) const;

  // sim.cpp: driving, commands, read-outs
  void ApplyCommand(const Command& command);
  void ApplySetting(const Command& command, const Config& before);
  void RunPeriodic();
  void CloseSecond();
  void AgeOrphans();
  void Emit(const Event& event);
  void Reject(const Command& command, RejectReason reason);
  void FoldHash(uint64_t word) { hash_ = (hash_ ^ word) * 0x100000001b3ull; }

  // shoppers.cpp
  void ResizeCrowd();
  void Schedule(uint32_t slot, TimeUs at_us);
  void PushOverflow(Arrival key);
  Arrival PopOverflow();
  void CollectDue(TimeUs end_us);
  void StartVisit(ShopperRef shopper);
  void EndVisit(ShopperState& shopper);
  void OnArrival(uint32_t slot);
  RequestKind ChooseKind(const ShopperState& shopper);
  static void CartsChanged(ShopperRef shopper);
  static void ClearStoredCart(ShopperRef shopper);
  Shopper& ScriptedShopper(const std::string& name);
  ShopperState* MutableShopperState(ShopperId id);
  TimeUs ThinkTime();
  void Tamper(const TamperCookie& tamper);
  void RunSpike();

  // request.cpp: the hot path
  RequestResult ServeRequest(ShopperRef shopper, RequestKind kind, uint16_t sku);
  void StartTrace(RequestContext& ctx);
  void MeasureRequest(RequestContext& ctx);
  bool RouteToLb(RequestContext& ctx);
  bool RouteToTarget(RequestContext& ctx);
  bool RunOnInstance(RequestContext& ctx);
  bool LoadSession(RequestContext& ctx);
  bool LoadSessionFromCookie(RequestContext& ctx);
  bool LoadSessionFromStore(RequestContext& ctx);
  bool ReadUser(RequestContext& ctx);
  bool ReadUserFromDb(RequestContext& ctx, uint32_t& version);
  bool WriteUser(RequestContext& ctx);
  bool WriteOrder(RequestContext& ctx);
  bool QueryDb(RequestContext& ctx, int node, bool write);
  void UpdateCacheAfterWrite(RequestContext& ctx, uint32_t user);
  void CompareCart(RequestContext& ctx);
  void AddToCarts(RequestContext& ctx);
  bool ApplyAction(RequestContext& ctx);
  void SaveSession(RequestContext& ctx);
  void Finish(RequestContext& ctx);
  bool Fail(RequestContext& ctx, Outcome outcome, Component c, Az az, HopResult r,
            int64_t latency_us, int node = 0);  // node: as in Hop::node
  bool Deny(RequestContext& ctx, const SgVerdict& verdict, Component c, Az az);
  void AddHop(RequestContext& ctx, Component c, Az az, HopResult r, int64_t latency_us,
              int node = 0, uint32_t instance = 0);
  Instance* PickTarget(LbNode& node);
  int ResolveLbNode();

  // lb_asg.cpp: load balancer, health checks, Route 53, Auto Scaling
  void RunHealthChecks();
  void RunDnsChecks();
  void RunAutoScaling();
  void RunTargetTracking();
  InstanceId Launch(Az az);
  void Terminate(Instance& instance, TerminationCause cause);
  void RebuildTargets();
  Instance* MutableInstance(InstanceId id);
  int ChooseLaunchAz() const;
  int MostLoadedAz() const;
  std::array<uint32_t, kAzCount> LiveInstancesPerAz() const;

  // data.cpp: ElastiCache, DynamoDB, RDS, security groups, zones
  void SetupCache();
  void SetupRds();
  void RunCacheFailover();
  void RunRdsFailover();
  void RunReplicaLagExpiry();
  void FailCacheNode(int index);
  void LoseCacheData(Az where);
  uint32_t DropUnreplicatedSessions();
  void CountUnseenCartLoss(ShopperRef who);
  void RestartEmptyCache();
  void RestoreCacheNodes(int only_az);  // -1: every AZ
  void SetCacheReplica(bool enabled);
  void FailRdsNode(int index);
  void RestoreRdsNodes(int only_az);
  void SetRdsStandby(bool enabled);
  void ResizeReplicas();
  void RebuildReadNodes();
  bool PrimaryWritable() const;
  bool CacheAvailable() const;
  int CacheIoNode() const { return cache_io_node_; }
  int FindCacheIoNode() const;
  void RefreshVerdicts();
  void RefreshVerdicts(Instance& instance);
  void Attack(const AttackerConnect& attack);
  void PromoteReplica(uint32_t replica);
  void AddLag(const AddReplicaLag& lag);
  void FailZone(Az az);
  void RestoreZone(Az az);
  void MigrateSessions(const Config& before);
  int NextEnabledAz(int after) const;

  Config config_;
  Rng rng_;
  CookieKey cookie_key_{};
  TimeUs now_us_ = 0;
  uint64_t hash_ = 0xcbf29ce484222325ull;
  uint64_t next_request_id_ = 1;
  uint64_t next_session_id_ = 1;
  std::vector<Command> pending_;
  std::vector<Command> applying_;
  uint8_t prefetch_sink_ = 0;  // keeps the early loads that stand in for prefetch in wasm

  std::array<bool, kAzCount> az_up_{};
  std::vector<Instance> instances_;  // instance id N at index N - 1
  std::vector<uint32_t> live_;       // indexes of instances not terminated, in id order
  std::vector<uint32_t> targets_;    // indexes of routable instances, in id order
  std::array<LbNode, kAzCount> lb_nodes_{};
  AutoScalingState asg_;
  bool rebalancing_ = false;
  CacheCluster cache_;
  int cache_io_node_ = -1;  // the node requests talk to; -1 when the cache is unavailable
  DynamoTable dynamo_;
  RdsCluster rds_;
  std::vector<int8_t> read_nodes_;  // RDS nodes that take reads, rotated by read_cursor_
  uint32_t read_cursor_ = 0;
  SgVerdict client_to_elb_;
  std::vector<UserRow> users_;
  std::vector<WriteLogEntry> write_log_;  // ring; entry n at n % size
  uint64_t write_log_next_ = 0;

  std::vector<ShopperState> crowd_;  // by slot
  std::vector<CartPair> crowd_carts_;
  std::vector<Shopper> scripted_;
  mutable std::vector<Shopper> crowd_view_;          // what crowd() last returned
  mutable std::map<uint32_t, Shopper> crowd_found_;  // what FindShopper returned, by slot
  // Arrivals wait in a timing wheel with one bucket per tick for the next kWheelTicks ticks;
  // later ones wait in a 4-ary min-heap. A tick's bucket is sorted when the tick starts.
  static constexpr int64_t kWheelTicks = 4096;
  std::vector<std::vector<Arrival>> wheel_;
  std::vector<Arrival> overflow_;
  std::vector<Arrival> due_;   // this tick's arrivals, sorted
  int64_t drained_tick_ = -1;  // the tick whose bucket is in due_
  uint32_t active_crowd_ = 0;
  uint32_t spike_extra_ = 0;
  TimeUs spike_until_us_ = -1;

  Totals totals_;
  LatencyHistogram run_latency_;
  LatencyHistogram second_latency_;
  Totals second_start_;
  std::array<uint64_t, kEventKindCount> event_counts_{};
  Ring<RequestTrace> traces_;
  Ring<EventRecord> events_;
  Ring<SecondSample> series_;
};

}  // namespace sim
