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
  const Config& config() const { return config_; }
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
  std::span<const Shopper> crowd() const { return crowd_; }  // includes inactive slots
  std::span<const Shopper> scripted_shoppers() const { return scripted_; }
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
  friend struct SimAccess;  // tests and invariant checks

  struct Arrival {
    TimeUs time_us;
    uint32_t slot;
  };
  struct UserRow {
    uint32_t version = 0;
    TimeUs committed_us = -1;
  };
  struct UserCacheEntry {
    uint32_t version = 0;
    uint32_t epoch = 0;  // CacheCluster::data_epoch when written; 0: never
    TimeUs expires_us = 0;
  };
  struct WriteLogEntry {
    TimeUs committed_us;
    TimeUs previous_committed_us;
    uint32_t user;
    uint32_t previous_version;
  };
  struct RequestContext;

  // sim.cpp: driving and commands
  void ApplyCommand(const Command& command);
  void ApplySetting(const Command& command, const Config& before);
  void RunPeriodic();
  void CloseSecond();
  void Emit(Event event);
  void Reject(const Command& command, std::string_view reason);

  // shoppers.cpp
  void ResizeCrowd();
  void Schedule(uint32_t slot, TimeUs at_us);
  void StartVisit(Shopper& shopper);
  void OnArrival(uint32_t slot);
  RequestKind ChooseKind(const Shopper& shopper);
  Shopper& ScriptedShopper(const std::string& name);
  TimeUs ThinkTime();

  // request.cpp: the hot path
  void ServeRequest(Shopper& shopper, RequestKind kind, uint16_t sku);
  bool RouteToLb(RequestContext& ctx);
  bool RouteToTarget(RequestContext& ctx);
  bool RunOnInstance(RequestContext& ctx);
  bool LoadSession(RequestContext& ctx);
  bool ReadUser(RequestContext& ctx);
  bool WriteUser(RequestContext& ctx);
  bool SaveSession(RequestContext& ctx);
  void CompareCart(RequestContext& ctx);
  void ApplyAction(RequestContext& ctx);
  void Finish(RequestContext& ctx);
  void AddHop(RequestContext& ctx, Component c, Az az, HopResult r, int32_t latency_us,
              uint8_t node = 0, uint32_t instance = 0);

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

  // data.cpp: ElastiCache, DynamoDB, RDS, security groups
  void SetupCache();
  void SetupRds();
  void RunCacheFailover();
  void RunRdsFailover();
  void FailCacheNode(int index);
  void RestoreCacheNodes(bool only_in_restored_azs);
  void FailRdsNode(int index);
  void RestoreRdsNodes();
  void ResizeReplicas();
  int ChooseReadNode();
  bool CacheAvailable() const;
  int CacheNodeIndexForIo() const;
  void RefreshVerdicts();
  void Attack(const AttackerConnect& attack);
  void PromoteReplica(uint32_t replica);

  // faults
  void FailZone(Az az);
  void RestoreZone(Az az);
  void ChangeSessionStrategy(SessionStrategy before);

  Config config_;
  Rng rng_;
  CookieKey cookie_key_{};
  TimeUs now_us_ = 0;
  uint64_t hash_ = 0xcbf29ce484222325ull;
  uint64_t next_request_id_ = 1;
  uint64_t next_session_id_ = 1;
  std::vector<Command> pending_;

  std::array<bool, kAzCount> az_up_{};
  std::vector<Instance> instances_;
  std::vector<uint32_t> targets_;  // indexes into instances_ of routable (healthy) targets
  std::array<LbNode, kAzCount> lb_nodes_{};
  AutoScalingState asg_;
  CacheCluster cache_;
  DynamoTable dynamo_;
  RdsCluster rds_;
  SgVerdict client_to_elb_;
  std::vector<UserRow> users_;
  std::vector<UserCacheEntry> user_cache_;
  std::vector<WriteLogEntry> write_log_;  // ring, newest at write_log_next_ - 1
  uint64_t write_log_next_ = 0;
  uint32_t read_cursor_ = 0;

  std::vector<Shopper> crowd_;
  std::vector<Shopper> scripted_;
  std::vector<Arrival> arrivals_;  // binary min-heap by (time_us, slot)
  uint32_t active_crowd_ = 0;
  uint32_t spike_extra_ = 0;
  TimeUs spike_until_us_ = -1;

  Totals totals_;
  LatencyHistogram run_latency_;
  LatencyHistogram second_latency_;
  SecondSample second_;
  Totals second_start_;
  std::array<uint64_t, kEventKindCount> event_counts_{};
  Ring<RequestTrace> traces_;
  Ring<EventRecord> events_;
  Ring<SecondSample> series_;
};

}  // namespace sim
