// The invariant checker (invariants.h). It judges each step from what the step left behind: the
// traces of the requests it served, the events it emitted and the state of every component.
// Crowd requests run after a step's commands and periodic work, so the state at the end of the
// step is the state they met; a scripted request runs inside a command, so when its step also
// changed placement or rules it is counted as ambiguous instead of judged.
//
// Index
//   [SECTION] Helpers
//   [SECTION] Independent security group evaluator
//   [SECTION] Driving
//   [SECTION] Events
//   [SECTION] Requests
//   [SECTION] Security groups
//   [SECTION] Replication
//   [SECTION] Durability
//   [SECTION] Conservation
//   [SECTION] Sweep
#include "statelab/invariants.h"

#include <algorithm>
#include <bit>
#include <numeric>
#include <variant>

#include "statelab/sim.h"

namespace sim {

// [SECTION] Helpers
namespace {

constexpr int kMaxReportsPerInvariant = 3;
constexpr int kProbesPerStep = 4;

template <class E>
uint64_t EventCount(const Sim& s) {
  return s.event_counts()[Event(E{}).index()];
}

std::string Id(InstanceId id) { return FormatInstanceId(id); }

std::string RequestName(const RequestTrace& t) {
  return "request #" + std::to_string(t.id) + " (" + std::string(Name(t.kind)) + " by " +
         (t.shopper.scripted() ? "scripted shopper " : "shopper ") + std::to_string(t.shopper.index()) + ", t=" +
         std::to_string(t.start_us / kUsPerMs) + " ms, " + std::string(Name(t.outcome)) + ")";
}

bool IsFailureHop(HopResult r) {
  switch (r) {
    case HopResult::Denied:
    case HopResult::Unreachable:
    case HopResult::Overloaded:
    case HopResult::Unavailable:
    case HopResult::Timeout:
    case HopResult::NoTarget: return true;
    default: return false;
  }
}

// The hop a request must end with for each error outcome: named failures, not silent ones.
bool ExplainsError(Outcome outcome, const Hop& hop) {
  const Component c = hop.component;
  const HopResult r = hop.result;
  switch (outcome) {
    case Outcome::DeniedBySg: return r == HopResult::Denied;
    case Outcome::LbNodeUnreachable:
      return (c == Component::Route53 && r == HopResult::NoTarget) || (c == Component::LoadBalancer && r == HopResult::Unreachable);
    case Outcome::NoHealthyTarget: return c == Component::LoadBalancer && r == HopResult::NoTarget;
    case Outcome::TargetUnreachable: return c == Component::WebInstance && r == HopResult::Unreachable;
    case Outcome::InstanceOverloaded: return c == Component::WebInstance && r == HopResult::Overloaded;
    case Outcome::SessionStoreUnavailable: return c == Component::ElastiCache && r == HopResult::Unavailable;
    case Outcome::DbUnavailable: return c == Component::RdsPrimary && r == HopResult::Unavailable;
    case Outcome::DbTimeout: return (c == Component::RdsPrimary || c == Component::RdsReplica) && r == HopResult::Timeout;
    default: return false;
  }
}

SgId GroupOf(Component c) {
  switch (c) {
    case Component::LoadBalancer: return SgId::Elb;
    case Component::WebInstance: return SgId::Web;
    case Component::ElastiCache: return SgId::Cache;
    default: return SgId::Db;
  }
}

std::string DescribeEndpoint(const Endpoint& e) {
  return e.has_group ? FormatIp(e.ip) + " (" + std::string(Name(e.group)) + ")" : FormatIp(e.ip);
}

}  // namespace

std::string_view Name(Invariant invariant) {
  static constexpr std::array<std::string_view, kInvariantCount> kNames = {"placement", "replication", "security_groups",
                                                                           "durability", "conservation"};
  return kNames[static_cast<size_t>(invariant)];
}

// [SECTION] Independent security group evaluator
// CheckConnection masks the address; this computes each CIDR's first and last address in 64-bit
// arithmetic and asks whether the source lies between them. Order does not matter here: a
// connection is allowed when any rule admits it.
bool RulesAllow(const SecurityGroups& sgs, const Endpoint& source, SgId dest, uint16_t port) {
  for (const SgRule& rule : sgs.rules[static_cast<size_t>(dest)]) {
    if (rule.from_port > port || port > rule.to_port) continue;
    if (rule.source.kind == SgSource::Kind::Group) {
      if (source.has_group && source.group == rule.source.group) return true;
      continue;
    }
    const uint64_t size = uint64_t{1} << (32 - std::min<int>(rule.source.cidr.prefix, 32));
    const uint64_t first = (uint64_t{rule.source.cidr.address} / size) * size;
    if (uint64_t{source.ip} >= first && uint64_t{source.ip} < first + size) return true;
  }
  return false;
}

struct InvariantChecker::Report {
  std::vector<Violation> violations;
  std::array<int, kInvariantCount> counts{};
  TimeUs time_us = 0;
  InvariantStats* stats = nullptr;
  void Add(Invariant invariant, std::string detail) {
    const size_t i = static_cast<size_t>(invariant);
    ++stats->violations[i];
    if (counts[i]++ >= kMaxReportsPerInvariant) return;
    violations.push_back(Violation{invariant, time_us, std::move(detail)});
  }
};

// [SECTION] Driving
InvariantChecker::InvariantChecker(const Sim& sim, uint64_t probe_seed) : probe_rng_(probe_seed ^ 0x5eed5eed5eedull) {
  step_start_us_ = sim.now_us();
  checked_requests_ = sim.requests_started();
  seen_events_ = sim.events().total_pushed();
  seen_traces_ = sim.traces().total_pushed();
  seen_series_ = sim.series().total_pushed();
  // Made mid-second, the checker does not know what the totals were when that second began.
  series_synced_ = sim.now_us() % kUsPerS == 0;
  requests_at_second_ = sim.totals().requests;
  errors_at_second_ = ErrorCount(sim);
  outcomes_seen_ = sim.totals().by_outcome;
  log_next_ = sim.write_log_next_;
  committed_version_.assign(sim.users_.size(), 0);

  // Durability is promised only for a stack that is really redundant from the start.
  const Config& c = sim.config();
  const CacheCluster& cache = sim.cache();
  const RdsCluster& rds = sim.rds();
  const bool durable_sessions = c.session.strategy == SessionStrategy::ServerSession ||
                                c.session.strategy == SessionStrategy::ClientCookie;
  const bool cache_two_azs = cache.nodes[0].exists && cache.nodes[1].exists && cache.nodes[0].az != cache.nodes[1].az;
  const bool rds_two_azs = rds.primary >= 0 && rds.standby >= 0 &&
                           rds.nodes[static_cast<size_t>(rds.primary)].az != rds.nodes[static_cast<size_t>(rds.standby)].az;
  if (!c.cache.multi_az || !c.rds.multi_az) {
    durable_note_ = "never started: the cache or RDS is not Multi-AZ";
  } else if (!durable_sessions) {
    durable_note_ = "never started: sessions live in instance memory";
  } else if (!cache_two_azs || !rds_two_azs) {
    durable_note_ = "never started: the stack is deployed in one AZ, so Multi-AZ nodes share it";
  } else if (FailureFootprint(sim, 0) != 0) {
    durable_note_ = "never started: something is already down";
  } else {
    durable_ = true;
    regime_strategy_ = c.session.strategy;
    regime_store_ = c.session.store;
    regime_cache_epoch_ = cache.data_epoch;
    regime_sessions_lost_ = sim.totals().sessions_lost;
    regime_lag_lost_ = sim.totals().sessions_lost_to_lag;
    lag_announced_ = 0;
    lag_cart_losses_ = 0;
    regime_addresses_lost_ = sim.totals().addresses_lost;
    regime_writes_lost_ = rds.writes_lost;
  }
}

std::vector<Violation> InvariantChecker::Check(const Sim& sim) {
  Report report;
  report.time_us = sim.now_us();
  report.stats = &stats_;
  ++stats_.steps;
  CheckEvents(sim, report);
  CheckRequests(sim, report);
  CheckSecurityGroups(sim, report);
  CheckReplication(sim, report);
  UpdateRegime(sim);
  if (durable_) CheckDurability(sim, report);
  CheckConservation(sim, report);
  if (sim.now_us() % kUsPerS == 0) SweepInto(sim, report);
  step_start_us_ = sim.now_us();
  return std::move(report.violations);
}

std::vector<Violation> InvariantChecker::Sweep(const Sim& sim) {
  Report report;
  report.time_us = sim.now_us();
  report.stats = &stats_;
  SweepInto(sim, report);
  return std::move(report.violations);
}

uint64_t InvariantChecker::ErrorCount(const Sim& sim) {
  uint64_t errors = 0;
  for (int o = static_cast<int>(kFirstErrorOutcome); o < kOutcomeCount; ++o) errors += sim.totals().by_outcome[static_cast<size_t>(o)];
  return errors;
}

// [SECTION] Events
void InvariantChecker::CheckEvents(const Sim& sim, Report& report) {
  step_changed_placement_ = false;
  step_changed_rules_ = false;
  step_failed_azs_ = 0;
  step_promoted_ = false;
  step_cart_losses_.clear();
  step_lag_dropped_ = 0;
  {
    // The window covers the replication lag plus the step being checked.
    const uint64_t sets = sim.cache().sets;
    const int64_t tick_ms = kTickUs / kUsPerMs;
    const size_t window = static_cast<size_t>((sim.config().cache.replication_lag_ms + tick_ms - 1) / tick_ms) + 1;
    recent_cache_sets_.push_back(sets - cache_sets_seen_);
    cache_sets_seen_ = sets;
    if (recent_cache_sets_.size() > window) {
      recent_cache_sets_.erase(recent_cache_sets_.begin(),
                               recent_cache_sets_.end() - static_cast<std::ptrdiff_t>(window));
    }
  }
  const auto& ring = sim.events();
  const uint64_t fresh = ring.total_pushed() - seen_events_;
  seen_events_ = ring.total_pushed();
  if (fresh == 0) return;
  if (fresh > ring.size()) {
    // Some of this step's events were overwritten: assume the worst about what changed.
    step_changed_placement_ = step_changed_rules_ = true;
    step_failed_azs_ = 0b111;
    ++stats_.untraced_steps;
    return;
  }
  const SecurityGroups& sgs = sim.security_groups();
  // Verdicts made before the step's last rule change cannot be judged against today's rules.
  size_t judge_from = ring.size() - static_cast<size_t>(fresh);
  for (size_t i = ring.size() - static_cast<size_t>(fresh); i < ring.size(); ++i) {
    if (const auto* s = std::get_if<SettingChanged>(&ring[i].event)) {
      static const uint32_t kSgCommands[] = {CommandIndex(Command(SetSgRule{})), CommandIndex(Command(RemoveSgRule{})),
                                             CommandIndex(Command(SetSgRules{}))};
      if (std::find(std::begin(kSgCommands), std::end(kSgCommands), s->command_index) != std::end(kSgCommands)) {
        judge_from = i + 1;
      }
    }
  }
  step_changed_rules_ = judge_from != ring.size() - static_cast<size_t>(fresh);
  for (size_t i = ring.size() - static_cast<size_t>(fresh); i < ring.size(); ++i) {
    const Event& e = ring[i].event;
    std::visit(
        [&](const auto& ev) {
          using E = std::decay_t<decltype(ev)>;
          if constexpr (std::is_same_v<E, AzFailed>) {
            step_failed_azs_ |= 1u << AzIndex(ev.az);
          } else if constexpr (std::is_same_v<E, CacheNodeFailed>) {
            step_failed_azs_ |= 1u << AzIndex(ev.az);
          } else if constexpr (std::is_same_v<E, RdsPrimaryFailed>) {
            step_failed_azs_ |= 1u << AzIndex(ev.az);
          } else if constexpr (std::is_same_v<E, ReplicaPromoted>) {
            step_promoted_ = true;
          } else if constexpr (std::is_same_v<E, CartLost>) {
            step_cart_losses_.push_back(ev);
          } else if constexpr (std::is_same_v<E, CacheFailoverStarted>) {
            step_lag_dropped_ += ev.sessions_lost;
          } else if constexpr (std::is_same_v<E, AttackAttempt>) {
            if (i < judge_from) {
              ++stats_.ambiguous_requests;
              return;
            }
            ++stats_.verdicts_checked;
            const bool allowed = RulesAllow(sgs, ev.verdict.source, ev.verdict.group, ev.verdict.port);
            if (ev.verdict.source.ip != kAttackerIp || ev.verdict.source.has_group) {
              report.Add(Invariant::SecurityGroups, "an attack came from " + DescribeEndpoint(ev.verdict.source) +
                                                        ", not from the attacker's address");
            }
            if (allowed != ev.verdict.allowed) {
              report.Add(Invariant::SecurityGroups,
                         "attack on " + std::string(Name(ev.verdict.group)) + " port " + std::to_string(ev.verdict.port) + " was " +
                             (ev.verdict.allowed ? "allowed" : "denied") + " but the rules " + (allowed ? "allow" : "deny") + " it");
            }
          } else if constexpr (std::is_same_v<E, ConnectionDenied>) {
            if (i < judge_from) {
              ++stats_.ambiguous_requests;
              return;
            }
            ++stats_.verdicts_checked;
            if (ev.verdict.allowed || RulesAllow(sgs, ev.verdict.source, ev.verdict.group, ev.verdict.port)) {
              report.Add(Invariant::SecurityGroups, "request #" + std::to_string(ev.request_id) + " was denied by " +
                                                        std::string(Name(ev.verdict.group)) + " on port " +
                                                        std::to_string(ev.verdict.port) + " from " +
                                                        DescribeEndpoint(ev.verdict.source) + ", which the rules allow");
            }
          }
          if constexpr (std::is_same_v<E, InstanceInService> || std::is_same_v<E, InstanceUnhealthy> ||
                        std::is_same_v<E, InstanceTerminated> || std::is_same_v<E, AzFailed> ||
                        std::is_same_v<E, AzRestored> || std::is_same_v<E, CacheNodeFailed> ||
                        std::is_same_v<E, CacheFailoverStarted> || std::is_same_v<E, CacheFailoverCompleted> ||
                        std::is_same_v<E, CacheNodeRestored> || std::is_same_v<E, RdsPrimaryFailed> ||
                        std::is_same_v<E, RdsFailoverCompleted> || std::is_same_v<E, RdsNodeRestored> ||
                        std::is_same_v<E, ReplicaPromoted> || std::is_same_v<E, SettingChanged>) {
            step_changed_placement_ = true;
          }
        },
        e);
  }
}

// [SECTION] Requests
void InvariantChecker::CheckRequests(const Sim& sim, Report& report) {
  const uint64_t started = sim.requests_started();
  const uint64_t fresh = started - checked_requests_;
  const auto& ring = sim.traces();
  const uint64_t fresh_traces = ring.total_pushed() - seen_traces_;
  seen_traces_ = ring.total_pushed();
  const uint64_t first_id = checked_requests_ + 1;
  checked_requests_ = started;
  if (fresh == 0) {
    if (fresh_traces != 0) report.Add(Invariant::Conservation, std::to_string(fresh_traces) + " traces appeared for no request");
    return;
  }
  if (sim.config().trace.sample_every != 1 || fresh_traces != fresh || fresh > ring.size()) {
    ++stats_.untraced_steps;
    return;
  }
  std::array<uint64_t, kOutcomeCount> outcomes{};
  const SecurityGroups& sgs = sim.security_groups();
  const Config& config = sim.config();
  const size_t base = ring.size() - static_cast<size_t>(fresh);
  for (size_t k = 0; k < fresh; ++k) {
    const RequestTrace& t = ring[base + k];
    ++stats_.requests_checked;
    // Conservation: each request once, in order, with one outcome its hops explain.
    if (t.id != first_id + k) {
      report.Add(Invariant::Conservation, "expected request #" + std::to_string(first_id + k) + " in this step, found #" +
                                              std::to_string(t.id) + ": a request was lost or counted twice");
      continue;
    }
    if (static_cast<int>(t.outcome) >= kOutcomeCount) {
      report.Add(Invariant::Conservation, "request #" + std::to_string(t.id) + " ended with no named outcome");
      continue;
    }
    ++outcomes[static_cast<size_t>(t.outcome)];
    const bool complete = t.hop_count < kMaxHops;
    int failures = 0;
    bool bad_signature = false, tampered = false, stale_hop = false;
    for (uint8_t h = 0; h < t.hop_count && h < kMaxHops; ++h) {
      failures += IsFailureHop(t.hops[h].result);
      bad_signature |= t.hops[h].result == HopResult::CookieBadSignature;
      tampered |= t.hops[h].result == HopResult::CookieTampered;
      stale_hop |= t.hops[h].result == HopResult::DbReadStale || t.hops[h].result == HopResult::CacheHit;
    }
    if (complete) {
      if (IsError(t.outcome)) {
        if (t.hop_count == 0 || failures != 1 || !ExplainsError(t.outcome, t.hops[t.hop_count - 1])) {
          report.Add(Invariant::Conservation, RequestName(t) + " failed, but its trace does not end with the failure that names it");
        }
      } else if (failures != 0) {
        report.Add(Invariant::Conservation, RequestName(t) + " was served although a hop failed");
      }
      if (t.outcome == Outcome::CookieRejected && !bad_signature) {
        report.Add(Invariant::Conservation, RequestName(t) + " reports a rejected cookie that no hop rejected");
      }
      if (t.outcome == Outcome::TamperAccepted && !tampered) {
        report.Add(Invariant::Conservation, RequestName(t) + " reports a tampered cart that no hop accepted");
      }
      if (t.outcome == Outcome::StaleRead && !stale_hop) {
        report.Add(Invariant::Conservation, RequestName(t) + " reports a stale read that came from neither a replica nor the cache");
      }
    }

    const bool ambiguous_placement = t.shopper.scripted() && step_changed_placement_;
    const bool ambiguous_rules = t.shopper.scripted() && step_changed_rules_;
    if (ambiguous_placement || ambiguous_rules) ++stats_.ambiguous_requests;
    const Instance* instance = t.instance.valid() ? sim.FindInstance(t.instance) : nullptr;
    for (uint8_t h = 0; h < t.hop_count && h < kMaxHops; ++h) {
      const Hop& hop = t.hops[h];
      switch (hop.component) {
        case Component::LoadBalancer: {
          const bool connected = hop.result == HopResult::Routed || hop.result == HopResult::StickyRouted ||
                                 hop.result == HopResult::StickyRerouted || hop.result == HopResult::NoTarget;
          if (!connected) break;
          if (!ambiguous_placement) {
            const int az = t.lb_az;
            if (az < 0 || az >= kAzCount || !sim.lb_nodes()[static_cast<size_t>(az)].up || !sim.az_up(AzAt(az))) {
              report.Add(Invariant::Placement, RequestName(t) + " went through the load balancer node in AZ " +
                                                   (az < 0 ? std::string("?") : std::string(Name(AzAt(az)))) + ", which is down");
            }
          }
          if (!ambiguous_rules) {
            ++stats_.hops_checked;
            if (!RulesAllow(sgs, Endpoint{kShopperIp, false, SgId::Elb}, SgId::Elb, kHttpsPort)) {
              report.Add(Invariant::SecurityGroups, RequestName(t) + " reached the load balancer on 443, which sg-elb denies to shoppers");
            }
          }
          break;
        }
        case Component::WebInstance: {
          // Only the hop where the request arrives from the load balancer; later web hops are its work.
          if (hop.result == HopResult::Denied || h == 0 || t.hops[h - 1].component != Component::LoadBalancer) break;
          if (!ambiguous_rules) {
            ++stats_.hops_checked;
            const int az = std::max<int>(0, t.lb_az);
            if (!RulesAllow(sgs, Endpoint{SubnetIp(az, 5), true, SgId::Elb}, SgId::Web, kHttpPort)) {
              report.Add(Invariant::SecurityGroups, RequestName(t) + " passed from the load balancer to " + Id(t.instance) +
                                                        " on 80, which sg-web denies");
            }
          }
          // Unreachable: the load balancer tried and gave up, so nothing was handled.
          if (hop.result == HopResult::Unreachable || ambiguous_placement) break;
          if (instance == nullptr) {
            report.Add(Invariant::Placement, RequestName(t) + " was handled by an instance that does not exist");
          } else if (instance->state == InstanceState::Terminated) {
            report.Add(Invariant::Placement, RequestName(t) + " was handled by " + Id(instance->id) + ", terminated at " +
                                                 std::to_string(instance->terminated_us / kUsPerMs) + " ms");
          } else if (!sim.az_up(instance->az) || !instance->reachable) {
            report.Add(Invariant::Placement, RequestName(t) + " was handled by " + Id(instance->id) + " in AZ " +
                                                 std::string(Name(instance->az)) + ", which has failed");
          } else if (instance->state != InstanceState::InService || !instance->lb_healthy) {
            report.Add(Invariant::Placement, RequestName(t) + " was handled by " + Id(instance->id) + ", which is " +
                                                 std::string(Name(instance->state)) + ", not a healthy target");
          }
          break;
        }
        case Component::ElastiCache: {
          if (hop.result == HopResult::Denied) break;
          if (!ambiguous_rules && instance != nullptr) {
            ++stats_.hops_checked;
            if (!RulesAllow(sgs, Endpoint{instance->ip, true, SgId::Web}, SgId::Cache, kRedisPort)) {
              report.Add(Invariant::SecurityGroups, RequestName(t) + " connected from " + Id(instance->id) +
                                                        " to the cache on 6379, which sg-cache denies");
            }
          }
          if (hop.result == HopResult::Unavailable || ambiguous_placement) break;
          const CacheCluster& cache = sim.cache();
          const CacheNode* node = hop.node < cache.nodes.size() ? &cache.nodes[hop.node] : nullptr;
          if (node == nullptr || !node->exists || !node->up || !node->primary || !sim.az_up(node->az) ||
              cache.state != CacheState::Available) {
            report.Add(Invariant::Placement, RequestName(t) + " used cache node " + std::to_string(hop.node) +
                                                 ", which is not an available primary");
          }
          break;
        }
        case Component::RdsPrimary:
        case Component::RdsReplica: {
          if (hop.result == HopResult::Denied) break;
          if (!ambiguous_rules && instance != nullptr) {
            ++stats_.hops_checked;
            if (!RulesAllow(sgs, Endpoint{instance->ip, true, SgId::Web}, SgId::Db, config.rds.port)) {
              report.Add(Invariant::SecurityGroups, RequestName(t) + " connected from " + Id(instance->id) + " to RDS on " +
                                                        std::to_string(config.rds.port) + ", which sg-db denies");
            }
          }
          if (hop.result == HopResult::DbReadStale && hop.component != Component::RdsReplica) {
            report.Add(Invariant::Replication, RequestName(t) + " read stale data from the primary");
          }
          if (hop.result == HopResult::Unavailable || ambiguous_placement) break;
          const RdsCluster& rds = sim.rds();
          const RdsNode* node = hop.node < rds.nodes.size() ? &rds.nodes[hop.node] : nullptr;
          if (node == nullptr || !node->up || !sim.az_up(node->az) ||
              (node->role != RdsRole::Primary && node->role != RdsRole::Replica)) {
            report.Add(Invariant::Placement, RequestName(t) + " queried database node " + std::to_string(hop.node) +
                                                 ", which is down or not serving");
          } else if (hop.result == HopResult::DbWrite && (static_cast<int>(hop.node) != rds.primary || rds.failing_over)) {
            report.Add(Invariant::Placement, RequestName(t) + " wrote to database node " + std::to_string(hop.node) +
                                                 ", which is not a writable primary");
          } else if (hop.result == HopResult::DbReadStale && node->role != RdsRole::Replica) {
            report.Add(Invariant::Replication, RequestName(t) + " read stale data from node " + std::to_string(hop.node) +
                                                   ", which is not a replica");
          }
          break;
        }
        default: break;
      }
      if (hop.result == HopResult::Denied && !ambiguous_rules) {
        ++stats_.hops_checked;
        const SgVerdict& v = t.denial;
        if (v.allowed || v.group != GroupOf(hop.component) || RulesAllow(sgs, v.source, v.group, v.port)) {
          report.Add(Invariant::SecurityGroups, RequestName(t) + " was denied by " + std::string(Name(v.group)) + " on " +
                                                    std::to_string(v.port) + " from " + DescribeEndpoint(v.source) +
                                                    ", which the rules allow");
        }
      }
    }
  }
  // The step's outcomes, counted from its traces, are exactly what the totals gained.
  const auto& by_outcome = sim.totals().by_outcome;
  for (int o = 0; o < kOutcomeCount; ++o) {
    const uint64_t gained = by_outcome[static_cast<size_t>(o)] - outcomes_seen_[static_cast<size_t>(o)];
    if (gained != outcomes[static_cast<size_t>(o)]) {
      report.Add(Invariant::Conservation, "the " + std::string(Name(static_cast<Outcome>(o))) + " counter grew by " +
                                              std::to_string(gained) + " in this step but " +
                                              std::to_string(outcomes[static_cast<size_t>(o)]) + " requests ended so");
    }
  }
}

// [SECTION] Security groups
void InvariantChecker::CheckSecurityGroups(const Sim& sim, Report& report) {
  const SecurityGroups& sgs = sim.security_groups();
  // who: -1 for shoppers, -2 - az for a load balancer node, else an instance id. The text is only
  // built for a violation: this runs every step.
  auto judge = [&](const SgVerdict& cached, const Endpoint& source, SgId dest, uint16_t port, int64_t who) {
    ++stats_.verdicts_checked;
    const bool allowed = RulesAllow(sgs, source, dest, port);
    if (cached.allowed == allowed) return;
    const std::string what = who == -1  ? std::string("shoppers")
                             : who < -1 ? "load balancer node " + std::string(Name(AzAt(static_cast<int>(-2 - who))))
                                        : Id(InstanceId{static_cast<uint32_t>(who)});
    report.Add(Invariant::SecurityGroups, what + ": the model " + (cached.allowed ? "passes" : "blocks") + " traffic to " +
                                              std::string(Name(dest)) + " on " + std::to_string(port) + " that the rules " +
                                              (allowed ? "allow" : "deny"));
  };
  judge(sim.client_to_elb_, Endpoint{kShopperIp, false, SgId::Elb}, SgId::Elb, kHttpsPort, -1);
  for (int az = 0; az < kAzCount; ++az) {
    judge(sim.lb_nodes()[static_cast<size_t>(az)].to_web, Endpoint{SubnetIp(az, 5), true, SgId::Elb}, SgId::Web, kHttpPort, -2 - az);
  }
  for (uint32_t index : sim.live_) {
    const Instance& in = sim.instances_[index];
    const Endpoint self{in.ip, true, SgId::Web};
    judge(in.to_cache, self, SgId::Cache, kRedisPort, in.id.value);
    judge(in.to_db, self, SgId::Db, sim.config().rds.port, in.id.value);
  }
  // Random probes of CheckConnection itself, aimed at the edges of the rules in force.
  for (int p = 0; p < kProbesPerStep; ++p) {
    const SgId dest = static_cast<SgId>(probe_rng_.Below(kSgCount));
    const auto& rules = sgs.rules[static_cast<size_t>(dest)];
    const SgRule* rule = rules.empty() ? nullptr : &rules[probe_rng_.Below(static_cast<uint32_t>(rules.size()))];
    Endpoint source;
    switch (probe_rng_.Below(5)) {
      case 0: source = Endpoint{kShopperIp, false, SgId::Elb}; break;
      case 1: source = Endpoint{kAttackerIp, false, SgId::Elb}; break;
      case 2: source = Endpoint{static_cast<uint32_t>(probe_rng_.Next()), false, SgId::Elb}; break;
      default: {
        uint32_t ip = SubnetIp(static_cast<int>(probe_rng_.Below(kAzCount)), probe_rng_.Below(256));
        if (rule != nullptr && rule->source.kind == SgSource::Kind::Cidr) {
          // Just inside or just outside the rule's range.
          const uint8_t prefix = rule->source.cidr.prefix;
          const uint64_t size = uint64_t{1} << (32 - std::min<int>(prefix, 32));
          const uint64_t first = (uint64_t{rule->source.cidr.address} / size) * size;
          const int64_t pick = static_cast<int64_t>(probe_rng_.Below(4));
          const int64_t candidates[4] = {static_cast<int64_t>(first), static_cast<int64_t>(first + size - 1),
                                         static_cast<int64_t>(first) - 1, static_cast<int64_t>(first + size)};
          ip = static_cast<uint32_t>(candidates[pick]);
        }
        source = Endpoint{ip, probe_rng_.Below(2) == 0, static_cast<SgId>(probe_rng_.Below(kSgCount))};
        break;
      }
    }
    uint16_t port = 0;
    switch (probe_rng_.Below(4)) {
      case 0: {
        constexpr uint16_t kPorts[] = {kHttpPort, kHttpsPort, kRedisPort, 3306, 5432, 22};
        port = kPorts[probe_rng_.Below(6)];
        break;
      }
      case 1: port = static_cast<uint16_t>(probe_rng_.Below(65536)); break;
      default:
        if (rule != nullptr) {
          const int32_t candidates[4] = {rule->from_port, rule->to_port, rule->from_port - 1, rule->to_port + 1};
          port = static_cast<uint16_t>(std::clamp<int32_t>(candidates[probe_rng_.Below(4)], 0, 65535));
        } else {
          port = kHttpPort;
        }
    }
    ++stats_.sg_probes;
    const SgVerdict verdict = CheckConnection(sgs, source, dest, port);
    const bool allowed = RulesAllow(sgs, source, dest, port);
    bool rule_ok = true;
    if (verdict.allowed) {
      rule_ok = verdict.rule_index >= 0 && static_cast<size_t>(verdict.rule_index) < rules.size();
      if (rule_ok) {
        SecurityGroups one;
        one.rules[static_cast<size_t>(dest)] = {rules[static_cast<size_t>(verdict.rule_index)]};
        rule_ok = RulesAllow(one, source, dest, port);
      }
    }
    if (verdict.allowed != allowed || !rule_ok || verdict.group != dest || verdict.port != port) {
      report.Add(Invariant::SecurityGroups, "CheckConnection from " + DescribeEndpoint(source) + " to " + std::string(Name(dest)) +
                                                " on " + std::to_string(port) + " said \"" + Describe(verdict, sgs) +
                                                "\" but the rules " + (allowed ? "allow" : "deny") + " it");
    }
  }
}

// [SECTION] Replication
void InvariantChecker::CheckReplication(const Sim& sim, Report& report) {
  const RdsCluster& rds = sim.rds();
  const uint32_t replicas = std::min(sim.config().rds.read_replicas, kMaxReadReplicas);
  int primaries = 0;
  for (int i = 0; i < kMaxDbNodes; ++i) {
    const RdsNode& node = rds.nodes[static_cast<size_t>(i)];
    const bool replica_slot = i >= kRdsFirstReplica && i < kRdsFirstReplica + static_cast<int>(replicas);
    if (node.role == RdsRole::Replica) {
      const int64_t lag_ms = sim.replica_lag_ms(i);
      if (lag_ms < 0) {
        report.Add(Invariant::Replication, "replica node " + std::to_string(i) + " has a lag of " + std::to_string(lag_ms) +
                                               " ms: it would show writes the primary has not made");
      }
    }
    if ((node.role == RdsRole::Replica) != replica_slot) {
      report.Add(Invariant::Replication, "node " + std::to_string(i) + " is " + std::string(Name(node.role)) + " but the stack has " +
                                             std::to_string(replicas) + " read replicas");
    }
    if (node.role == RdsRole::Primary) {
      ++primaries;
      if (i != rds.primary) {
        report.Add(Invariant::Replication, "node " + std::to_string(i) + " acts as primary but the primary is node " +
                                               std::to_string(rds.primary));
      }
    }
    if (node.role == RdsRole::Failed && node.up) {
      // Up again but holding no role: the cluster would never get this copy of its data back.
      report.Add(Invariant::Replication, "node " + std::to_string(i) + " in AZ " + std::string(Name(node.az)) +
                                             " is up but still marked failed, so it will never rejoin as a standby");
    }
    if (node.role == RdsRole::Standby && i != rds.standby) {
      report.Add(Invariant::Replication, "node " + std::to_string(i) + " acts as standby but the standby is node " +
                                             std::to_string(rds.standby));
    }
  }
  if (primaries > 1) report.Add(Invariant::Replication, std::to_string(primaries) + " nodes act as primary");
  if (rds.primary >= kMaxDbNodes || (rds.primary >= 0 && rds.nodes[static_cast<size_t>(rds.primary)].role != RdsRole::Primary)) {
    report.Add(Invariant::Replication, "the primary index " + std::to_string(rds.primary) + " names a node that is not primary");
  }
  if (rds.standby >= kMaxDbNodes || (rds.standby >= 0 && rds.nodes[static_cast<size_t>(rds.standby)].role != RdsRole::Standby)) {
    report.Add(Invariant::Replication, "the standby index " + std::to_string(rds.standby) + " names a node that is not a standby");
  }
  // Reads go only to nodes that hold the data: the primary and replicas that are up.
  for (int8_t node : sim.read_nodes_) {
    const RdsNode& n = rds.nodes[static_cast<size_t>(std::clamp<int>(node, 0, kMaxDbNodes - 1))];
    if (node < 0 || node >= kMaxDbNodes || !n.up || (n.role != RdsRole::Primary && n.role != RdsRole::Replica)) {
      report.Add(Invariant::Replication, "reads are routed to node " + std::to_string(node) + ", which is " +
                                             std::string(Name(n.role)) + (n.up ? "" : " and down"));
    }
  }
}

// [SECTION] Durability
uint32_t InvariantChecker::FailureFootprint(const Sim& sim, uint32_t azs) {
  for (int az = 0; az < kAzCount; ++az) {
    if (!sim.az_up(AzAt(az))) azs |= 1u << az;
  }
  for (const CacheNode& node : sim.cache().nodes) {
    if (node.exists && !node.up) azs |= 1u << AzIndex(node.az);
  }
  for (const RdsNode& node : sim.rds().nodes) {
    if (node.role == RdsRole::Failed || (node.role != RdsRole::None && !node.up)) azs |= 1u << AzIndex(node.az);
  }
  return azs;
}

void InvariantChecker::EndRegime(std::string why) {
  durable_ = false;
  durable_note_ = "ended at " + std::to_string(step_start_us_ / kUsPerMs) + " ms: " + why;
}

void InvariantChecker::UpdateRegime(const Sim& sim) {
  if (!durable_) return;
  const Config& c = sim.config();
  if (!c.cache.multi_az || !c.rds.multi_az) return EndRegime("Multi-AZ was turned off");
  if (c.session.strategy != regime_strategy_ || c.session.store != regime_store_) return EndRegime("the session strategy changed");
  if (step_promoted_) return EndRegime("a read replica was promoted by hand");
  const uint32_t footprint = FailureFootprint(sim, step_failed_azs_);
  if (std::popcount(footprint) >= 2) return EndRegime("failures touched more than one AZ at once");
}

void InvariantChecker::CheckDurability(const Sim& sim, Report& report) {
  ++stats_.durable_steps;
  const Totals& t = sim.totals();
  if (sim.cache().data_epoch != regime_cache_epoch_) {
    report.Add(Invariant::Durability, "the Multi-AZ cache lost every key after a single-AZ failure");
  }
  // A Multi-AZ cache failover may lose the session writes the replica had not yet received
  // (replication is asynchronous), and nothing else.
  lag_announced_ += step_lag_dropped_;
  uint64_t recent_sets = 0;
  for (uint64_t n : recent_cache_sets_) recent_sets += n;
  if (step_lag_dropped_ > recent_sets) {
    report.Add(Invariant::Durability, "a cache failover dropped " + std::to_string(step_lag_dropped_) +
                                          " sessions, but only " + std::to_string(recent_sets) +
                                          " session writes fall within the replication lag");
  }
  const uint64_t lag_lost = t.sessions_lost_to_lag - regime_lag_lost_;
  if (lag_lost != lag_announced_) {
    report.Add(Invariant::Durability, std::to_string(lag_lost) + " sessions were lost to replication lag, but failovers announced " +
                                          std::to_string(lag_announced_));
  }
  if (t.sessions_lost - regime_sessions_lost_ != lag_lost) {
    report.Add(Invariant::Durability, std::to_string(t.sessions_lost - regime_sessions_lost_ - lag_lost) +
                                          " sessions were lost after a single-AZ failure");
  }
  if (t.addresses_lost != regime_addresses_lost_ || sim.rds().writes_lost != regime_writes_lost_) {
    report.Add(Invariant::Durability, std::to_string(t.addresses_lost - regime_addresses_lost_) +
                                          " committed addresses were rolled back with Multi-AZ RDS");
  }
  for (const CartLost& loss : step_cart_losses_) {
    if (loss.cause == LossCause::SessionExpired || loss.cause == LossCause::CookieDropped) continue;
    if (loss.cause == LossCause::ReplicationLag && ++lag_cart_losses_ <= lag_announced_) continue;
    report.Add(Invariant::Durability, std::string(loss.shopper.scripted() ? "scripted shopper " : "shopper ") +
                                          std::to_string(loss.shopper.index()) + " lost a cart of " +
                                          std::to_string(loss.expected_units) + " items (" + std::string(Name(loss.cause)) +
                                          ") on request #" + std::to_string(loss.request_id));
  }
  // New committed writes: remember the version each one made, and check the row still holds it.
  const uint64_t next = sim.write_log_next_;
  if (next < log_next_) {
    report.Add(Invariant::Durability, std::to_string(log_next_ - next) + " committed writes left the write log");
  } else if (next - log_next_ <= sim.write_log_.size()) {
    for (uint64_t n = log_next_; n < next; ++n) {
      const auto& entry = sim.write_log_[static_cast<size_t>(n % sim.write_log_.size())];
      if (entry.user >= committed_version_.size()) continue;
      uint32_t& committed = committed_version_[entry.user];
      if (committed == 0) written_users_.push_back(entry.user);
      committed = std::max(committed, entry.previous_version + 1);
      if (sim.users_[entry.user].version < committed) {
        report.Add(Invariant::Durability, "user " + std::to_string(entry.user) + "'s address is at version " +
                                              std::to_string(sim.users_[entry.user].version) + " but version " +
                                              std::to_string(committed) + " was committed");
      }
    }
  }
  log_next_ = next;
}

// [SECTION] Conservation
void InvariantChecker::CheckConservation(const Sim& sim, Report& report) {
  const Totals& t = sim.totals();
  auto expect = [&](uint64_t a, uint64_t b, const char* what) {
    if (a != b) report.Add(Invariant::Conservation, std::string(what) + ": " + std::to_string(a) + " != " + std::to_string(b));
  };
  auto at_least = [&](uint64_t a, uint64_t b, const char* what) {
    if (a < b) report.Add(Invariant::Conservation, std::string(what) + ": " + std::to_string(a) + " < " + std::to_string(b));
  };
  expect(t.requests, sim.requests_started(), "requests ended vs requests started");
  expect(std::accumulate(t.by_outcome.begin(), t.by_outcome.end(), uint64_t{0}), t.requests, "sum of outcomes vs requests");
  expect(std::accumulate(t.by_kind.begin(), t.by_kind.end(), uint64_t{0}), t.requests, "sum of request kinds vs requests");
  expect(sim.run_latency().count(), t.requests, "latencies recorded vs requests");
  const auto outcome = [&](Outcome o) { return t.by_outcome[static_cast<size_t>(o)]; };
  expect(t.carts_lost, outcome(Outcome::CartLost) + t.carts_lost_unseen, "carts_lost vs cart_lost outcomes plus unseen losses");
  expect(EventCount<CartLost>(sim), t.carts_lost, "cart_lost events vs carts_lost");
  expect(t.cookies_rejected, outcome(Outcome::CookieRejected), "cookies_rejected vs cookie_rejected outcomes");
  expect(EventCount<CookieRejected>(sim), t.cookies_rejected, "cookie_rejected events vs cookies_rejected");
  expect(EventCount<TamperAccepted>(sim), t.tamper_accepted, "tamper_accepted events vs tamper_accepted");
  at_least(t.tamper_accepted, outcome(Outcome::TamperAccepted), "tamper_accepted vs tamper_accepted outcomes");
  at_least(t.stale_reads, outcome(Outcome::StaleRead), "stale_reads vs stale_read outcomes");
  expect(EventCount<ConnectionDenied>(sim), outcome(Outcome::DeniedBySg), "connection_denied events vs denied_by_sg outcomes");
  expect(EventCount<ShopperGaveUp>(sim), t.angry_shoppers, "shopper_gave_up events vs angry_shoppers");
  at_least(t.carts_lost, t.angry_shoppers, "carts_lost vs angry_shoppers");
  expect(EventCount<AttackAttempt>(sim), t.attacks_allowed + t.attacks_denied, "attack events vs attacks counted");
  expect(EventCount<CookieTooLarge>(sim), t.cookies_dropped, "cookie_too_large events vs cookies_dropped");
  outcomes_seen_ = t.by_outcome;

  // A closed second's sample holds exactly what the totals gained during it.
  const auto& series = sim.series();
  if (series.total_pushed() != seen_series_) {
    const uint64_t errors = ErrorCount(sim);
    if (series_synced_ && series.total_pushed() == seen_series_ + 1 && !series.empty()) {
      expect(series.back().requests, t.requests - requests_at_second_, "requests in the last second's sample vs the totals");
      expect(series.back().errors, errors - errors_at_second_, "errors in the last second's sample vs the totals");
    }
    seen_series_ = series.total_pushed();
    series_synced_ = true;
    requests_at_second_ = t.requests;
    errors_at_second_ = errors;
  }
}

// [SECTION] Sweep
void InvariantChecker::SweepInto(const Sim& sim, Report& report) {
  ++stats_.sweeps;
  // Conservation: per-shopper statistics add up to the run's totals.
  uint64_t requests = 0, errors = 0, carts_lost = 0, visits = 0, orders = 0, stale = 0;
  auto add = [&](const ShopperState& s) {
    requests += s.stats.requests;
    errors += s.stats.errors;
    carts_lost += s.stats.carts_lost;
    visits += s.stats.visits;
    orders += s.stats.orders;
    stale += s.stats.stale_reads;
  };
  for (const ShopperState& s : sim.crowd_) add(s);  // not crowd(), which copies every shopper
  for (const Shopper& s : sim.scripted_shoppers()) add(s);
  const Totals& t = sim.totals();
  auto expect = [&](uint64_t a, uint64_t b, const char* what) {
    if (a != b) report.Add(Invariant::Conservation, std::string(what) + ": " + std::to_string(a) + " != " + std::to_string(b));
  };
  expect(requests, t.requests, "shoppers' requests vs total requests");
  expect(errors, ErrorCount(sim), "shoppers' errors vs error outcomes");
  expect(carts_lost, t.carts_lost, "shoppers' lost carts vs carts_lost");
  expect(visits, t.visits, "shoppers' visits vs visits");
  expect(orders, t.orders, "shoppers' orders vs orders");
  expect(stale, t.stale_reads, "shoppers' stale reads vs stale_reads");

  if (!durable_) return;
  // Durability: every committed address is still on the primary...
  for (uint32_t user : written_users_) {
    if (sim.users_[user].version < committed_version_[user]) {
      report.Add(Invariant::Durability, "user " + std::to_string(user) + "'s address is at version " +
                                            std::to_string(sim.users_[user].version) + " but version " +
                                            std::to_string(committed_version_[user]) + " was committed");
    }
  }
  // ...and every cart in a live session can still be found where the session says it is.
  if (sim.config().session.strategy != SessionStrategy::ServerSession) return;
  const SessionHome home = sim.config().session.store == SessionStore::ElastiCache ? SessionHome::Cache : SessionHome::DynamoDb;
  auto check = [&](const ShopperState& s, const Cart& stored) {
    if (stored.empty() || s.jar.session_id == 0 || s.session.id != s.jar.session_id || s.session.expires_us <= sim.now_us()) {
      return;
    }
    // Epoch 0: a failover dropped it before the replica had it; the counters check those.
    if (home == SessionHome::Cache && s.session.cache_epoch == 0) return;
    if (s.session.home != home || (home == SessionHome::Cache && s.session.cache_epoch != sim.cache().data_epoch)) {
      report.Add(Invariant::Durability, std::string(s.id.scripted() ? "scripted shopper " : "shopper ") +
                                            std::to_string(s.id.index()) + "'s cart of " + std::to_string(stored.units) +
                                            " items is in a session the store no longer has");
    }
  };
  for (size_t slot = 0; slot < sim.crowd_.size(); ++slot) check(sim.crowd_[slot], sim.crowd_carts_[slot].stored);
  for (const Shopper& s : sim.scripted_shoppers()) check(s, s.stored);
}

}  // namespace sim
