// Invariants the model must keep whatever faults it meets, checked from outside the model after
// every step. The checker reads the Sim (as a friend, so it can see what the UI cannot) and
// keeps a little state of its own between steps; it never changes the Sim. Chaos runs
// (statelab-sim --chaos, chaos.h) and the tests use it.
//
//   Placement       no request is handled by an instance that is terminated or in a failed AZ,
//                   through a load balancer node in a failed AZ, or by a cache or database node
//                   that is down; writes go to the primary.
//   Replication     replicas are never ahead of the primary (their lag is never negative, stale
//                   reads come only from replicas) and the RDS roles are consistent.
//   SecurityGroups  no connection passes that the rules deny, and none is denied that they allow:
//                   every hop of every request, every cached verdict, every attack and random
//                   probes of CheckConnection, each judged by an independent rule evaluator.
//   Durability      with a Multi-AZ cache, Multi-AZ RDS (nodes really in two AZs), a session store
//                   that survives an instance (server session or cart cookie) and failures that
//                   never touch more than one AZ at a time: no committed cart or address is lost.
//   Conservation    every request ends exactly once, with an outcome that its trace explains, and
//                   the counters add up (totals, events, per-second series, per-shopper stats).
//
// Request-level checks read the traces, so they need every request traced (trace.sample_every 1
// and a ring that holds a step's requests); steps where that does not hold are counted in
// InvariantStats::untraced_steps and only the state-level checks run.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "statelab/events.h"
#include "statelab/random.h"
#include "statelab/security_groups.h"
#include "statelab/types.h"

namespace sim {

class Sim;

enum class Invariant : uint8_t { Placement, Replication, SecurityGroups, Durability, Conservation };
inline constexpr int kInvariantCount = 5;
std::string_view Name(Invariant invariant);  // "placement", "replication", "security_groups", ...

struct Violation {
  Invariant invariant = Invariant::Conservation;
  TimeUs time_us = 0;  // simulated time at the end of the step that showed it
  std::string detail;  // what was wrong, with ids and numbers
};

// What the checks covered, so a run can show that they did something.
struct InvariantStats {
  uint64_t steps = 0;
  uint64_t requests_checked = 0;       // traces judged for placement, security groups, outcome
  uint64_t hops_checked = 0;           // connections re-judged by the independent SG evaluator
  uint64_t verdicts_checked = 0;       // cached SG verdicts and attack verdicts re-judged
  uint64_t sg_probes = 0;              // random CheckConnection calls compared with the evaluator
  uint64_t sweeps = 0;                 // full passes over shoppers and written users (each second)
  uint64_t durable_steps = 0;          // steps checked for durability
  uint64_t untraced_steps = 0;         // steps whose requests were not all traced
  uint64_t ambiguous_requests = 0;     // scripted requests in a step whose commands changed placement
  std::array<uint64_t, kInvariantCount> violations{};
};

// An independent security group evaluator: the same question as CheckConnection, answered from
// the rules with different arithmetic (address ranges, not masks), for the checker to compare.
bool RulesAllow(const SecurityGroups& sgs, const Endpoint& source, SgId dest, uint16_t port);

class InvariantChecker {
 public:
  // Takes the Sim's current state as the baseline (normally before its first step). probe_seed
  // seeds the random security group probes, so a check is as reproducible as the run.
  explicit InvariantChecker(const Sim& sim, uint64_t probe_seed = 1);

  // Checks what the last step did and the state it left. Call after every Sim::Step. Returns the
  // violations found (empty when every invariant holds), at most a few per invariant.
  std::vector<Violation> Check(const Sim& sim);
  // The expensive part on its own (every shopper, every written user); Check runs it on whole
  // simulated seconds, and a run should call it once more at the end.
  std::vector<Violation> Sweep(const Sim& sim);

  // True while the durability preconditions have held since the baseline.
  bool durability_regime() const { return durable_; }
  // Why the regime ended (empty while it holds, or "never started: ...").
  const std::string& durability_note() const { return durable_note_; }
  const InvariantStats& stats() const { return stats_; }

 private:
  struct Report;
  void CheckRequests(const Sim& sim, Report& report);
  void CheckEvents(const Sim& sim, Report& report);
  void CheckSecurityGroups(const Sim& sim, Report& report);
  void CheckReplication(const Sim& sim, Report& report);
  void CheckDurability(const Sim& sim, Report& report);
  void CheckConservation(const Sim& sim, Report& report);
  void SweepInto(const Sim& sim, Report& report);
  void UpdateRegime(const Sim& sim);
  void EndRegime(std::string why);

  static uint64_t ErrorCount(const Sim& sim);
  // AZs touched by a failure now: down AZs, and AZs of cache or database nodes that are down.
  static uint32_t FailureFootprint(const Sim& sim, uint32_t azs);

  Rng probe_rng_;
  InvariantStats stats_;
  TimeUs step_start_us_ = 0;
  uint64_t checked_requests_ = 0;    // requests up to this id have been judged
  uint64_t seen_events_ = 0;         // total_pushed() of each ring at the last check
  uint64_t seen_traces_ = 0;
  uint64_t seen_series_ = 0;
  bool series_synced_ = false;       // requests_at_second_ is known
  uint64_t requests_at_second_ = 0;  // totals when the last per-second sample closed
  uint64_t errors_at_second_ = 0;
  std::array<uint64_t, kOutcomeCount> outcomes_seen_{};  // as of the last check
  // What the step being checked did, from its events.
  bool step_changed_placement_ = false;
  bool step_changed_rules_ = false;
  bool step_promoted_ = false;
  uint32_t step_failed_azs_ = 0;  // bit per AZ
  std::vector<CartLost> step_cart_losses_;
  uint32_t step_lag_dropped_ = 0;  // sessions this step's cache failovers said the replica lacked
  // Cache session writes in each of the last few steps, newest last: a failover may drop only
  // sessions written within the replication lag.
  std::vector<uint64_t> recent_cache_sets_;
  uint64_t cache_sets_seen_ = 0;
  // Durability.
  bool durable_ = false;
  std::string durable_note_;
  SessionStrategy regime_strategy_ = SessionStrategy::ServerSession;
  SessionStore regime_store_ = SessionStore::ElastiCache;
  uint32_t regime_cache_epoch_ = 0;
  uint64_t regime_sessions_lost_ = 0;
  uint64_t regime_lag_lost_ = 0;   // Totals::sessions_lost_to_lag at the regime's start
  uint64_t lag_announced_ = 0;     // sessions the regime's failovers announced as not replicated
  uint64_t lag_cart_losses_ = 0;   // carts lost to them
  uint64_t regime_addresses_lost_ = 0;
  uint64_t regime_writes_lost_ = 0;
  uint64_t log_next_ = 0;                    // write log entries seen
  std::vector<uint32_t> written_users_;      // users with an address committed in the regime
  std::vector<uint32_t> committed_version_;  // by user: the highest version committed (0: none)
};

}  // namespace sim
