// Chaos plans (a random valid configuration and a fault schedule, from one seed) and the runner
// that steps a Sim through one with the invariant checker after every step.
//
// Index
//   [SECTION] Configuration
//   [SECTION] Schedule
//   [SECTION] Describing
//   [SECTION] Running
#include "statelab/overloaded.h"
#include "statelab/chaos.h"
#include "statelab/schedule.h"

#include <algorithm>

#include "statelab/cart.h"
#include "statelab/random.h"
#include "statelab/scenario.h"
#include "statelab/sim.h"

namespace sim {

namespace {


// Helpers over the plan's own generator (never the Sim's).
struct Draw {
  Rng rng;
  int64_t Between(int64_t lo, int64_t hi) { return rng.Between(lo, hi); }
  uint32_t U(uint32_t lo, uint32_t hi) { return static_cast<uint32_t>(rng.Between(lo, hi)); }
  bool Chance(uint32_t pct) { return rng.Percent(pct); }
  template <class E>
  E Pick(int count) { return static_cast<E>(rng.Below(static_cast<uint32_t>(count))); }
  Az AnyAz() { return Pick<Az>(kAzCount); }
};

// [SECTION] Configuration
// Every value stays inside the ranges the scenario loader accepts (docs/scenario-format.md).
SgRule RandomRule(Draw& d, uint16_t db_port) {
  SgRule rule;
  constexpr uint16_t kPorts[] = {kHttpPort, kHttpsPort, kRedisPort, 3306, 5432, 22, 8080};
  const uint16_t port = d.Chance(70) ? kPorts[d.rng.Below(7)] : (d.Chance(50) ? db_port : static_cast<uint16_t>(d.U(1, 65535)));
  rule.from_port = port;
  rule.to_port = d.Chance(70) ? port : static_cast<uint16_t>(std::min<uint32_t>(65535, port + d.U(1, 2000)));
  if (d.Chance(50)) {
    rule.source = SgSource{SgSource::Kind::Group, d.Pick<SgId>(kSgCount), Cidr{}};
  } else {
    const uint32_t kAddresses[] = {0, (10u << 24), SubnetIp(0, 0), SubnetIp(1, 0), SubnetIp(2, 0), kShopperIp & 0xFFFFFF00u,
                                       kAttackerIp};
    constexpr uint8_t kPrefixes[] = {0, 8, 16, 24, 32};
    Cidr cidr{kAddresses[d.rng.Below(7)], kPrefixes[d.rng.Below(5)]};
    if (d.Chance(20)) cidr = Cidr{static_cast<uint32_t>(d.rng.Next()), static_cast<uint8_t>(d.U(0, 32))};
    rule.source = SgSource{SgSource::Kind::Cidr, SgId::Elb, cidr};
  }
  return rule;
}

BehaviourMix RandomMix(Draw& d) {
  if (d.Chance(50)) return BehaviourMix{};
  BehaviourMix mix{d.U(0, 100), d.U(0, 100), d.U(0, 100), d.U(0, 100), d.U(0, 100)};
  if (mix.Total() == 0) mix.browse = 1;
  return mix;
}

Config RandomConfig(Draw& d, uint64_t seed, bool durable, const ChaosLimits& limits) {
  Config c;
  c.seed = seed;
  // AZs: a durable plan needs two or three; others sometimes deploy in a single AZ.
  const uint32_t az_count = durable ? d.U(2, 3) : (d.Chance(60) ? 3 : d.U(1, 2));
  c.azs = {false, false, false};
  for (uint32_t k = 0; k < az_count;) {
    const int az = static_cast<int>(d.rng.Below(kAzCount));
    if (!c.azs[az]) {
      c.azs[az] = true;
      ++k;
    }
  }
  ShopperConfig& s = c.shoppers;
  s.count = d.U(std::min<uint32_t>(10, limits.max_shoppers), limits.max_shoppers);
  s.think_time_us = Ms(d.Between(500, 8000));
  s.mix = RandomMix(d);
  s.give_up_pct = d.U(0, 100);
  s.users = d.U(20, 2000);
  s.max_requests_per_visit = d.U(3, 60);

  LoadBalancerConfig& lb = c.load_balancer;
  lb.routing = d.Pick<RoutingAlgorithm>(2);
  lb.stickiness.enabled = d.Chance(50);
  lb.stickiness.duration_s = d.Chance(50) ? d.Between(kMinStickinessS, 600) : 86'400;
  lb.health_check = HealthCheckConfig{d.Between(5, 30), d.U(2, 5), d.U(2, 5)};
  c.route53 = Route53Config{d.Between(1, 30), d.U(1, 5)};

  AutoScalingConfig& a = c.auto_scaling;
  a.max = d.U(1, 8);
  a.min = d.U(d.Chance(80) ? 1 : 0, a.max);
  a.desired = d.U(a.min, a.max);
  a.launch_delay_s = d.Between(0, 90);
  a.target_tracking = d.Chance(30);
  a.target_cpu_pct = d.U(20, 90);
  a.scale_in_cooldown_s = d.Between(0, 300);

  InstanceConfig& in = c.instances;
  in.vcpus = d.U(1, 4);
  const uint32_t cost_pct = d.U(50, 300);
  for (uint32_t& us : in.cpu_us) us = std::max<uint32_t>(1, us * cost_pct / 100);
  in.max_queue_ms = d.Between(50, 3000);

  SessionConfig& se = c.session;
  se.strategy = durable ? (d.Chance(70) ? SessionStrategy::ServerSession : SessionStrategy::ClientCookie)
                        : d.Pick<SessionStrategy>(3);
  se.store = d.Pick<SessionStore>(2);
  se.cookie_signing = d.Chance(70);
  se.idle_timeout_s = d.Chance(50) ? d.Between(60, 600) : 1800;

  CacheConfig& ca = c.cache;
  ca.multi_az = durable || d.Chance(50);
  ca.read_mode = d.Pick<CacheMode>(3);
  ca.invalidation = d.Pick<Invalidation>(2);
  ca.ttl_s = d.Between(1, 300);
  ca.failover_s = d.Between(1, 30);

  RdsConfig& r = c.rds;
  r.multi_az = durable || d.Chance(50);
  r.read_replicas = d.U(0, 4);
  r.replica_lag_ms = d.Chance(20) ? 0 : d.Between(1, 3000);
  r.read_routing = d.Pick<ReadRouting>(3);
  r.vcpus = d.U(1, 4);
  r.read_cpu_us = d.U(500, 3000);
  r.write_cpu_us = d.U(1000, 6000);
  r.max_queue_ms = d.Between(100, 5000);
  r.failover_min_s = d.Between(1, 60);
  r.failover_max_s = d.Between(r.failover_min_s, 120);
  r.port = d.Chance(70) ? 3306 : 5432;

  c.security_groups = DefaultSecurityGroups(r.port);
  if (d.Chance(25)) {
    for (uint32_t k = d.U(1, 3); k > 0; --k) {
      auto& rules = c.security_groups.rules[static_cast<size_t>(d.rng.Below(kSgCount))];
      if (!rules.empty() && d.Chance(40)) {
        rules.erase(rules.begin() + d.rng.Below(static_cast<uint32_t>(rules.size())));
      } else {
        rules.push_back(RandomRule(d, r.port));
      }
    }
  }
  // Every request traced, with room for every request and event of a step: the checker reads them.
  c.trace = TraceConfig{4096, 1, 4096, 3600};
  return c;
}

// [SECTION] Schedule
constexpr const char* kScriptedNames[] = {"alice", "bob", "mallory"};

Command RandomScripted(Draw& d) {
  const std::string name = kScriptedNames[d.rng.Below(3)];
  switch (d.rng.Below(8)) {
    case 0: return ShopperNewVisit{name};
    case 1: return TamperCookie{name, d.Pick<TamperKind>(2)};
    default: return ShopperAction{name, d.Pick<RequestKind>(kRequestKindCount), static_cast<uint16_t>(d.rng.Below(static_cast<uint32_t>(Catalog().size())))};
  }
}

Command RandomSetting(Draw& d, const Config& c, const ChaosLimits& limits, bool durable) {
  // A durable plan keeps the session strategy and Multi-AZ: its promise depends on them.
  const uint32_t choices = 24;
  for (;;) {
    switch (d.rng.Below(choices)) {
      case 0: return SetStickiness{d.Chance(50), d.Between(kMinStickinessS, 3600)};
      case 1: return SetRouting{d.Pick<RoutingAlgorithm>(2)};
      case 2: return SetHealthCheck{HealthCheckConfig{d.Between(5, 30), d.U(2, 5), d.U(2, 5)}};
      case 3:
        if (durable) continue;
        return SetSessionStrategy{d.Pick<SessionStrategy>(3)};
      case 4:
        if (durable) continue;
        return SetSessionStore{d.Pick<SessionStore>(2)};
      case 5: return SetCookieSigning{d.Chance(50)};
      case 6: return SetSessionIdleTimeout{d.Between(60, 1800)};
      case 7: return SetCacheMode{d.Pick<CacheMode>(3)};
      case 8: return SetCacheInvalidation{d.Pick<Invalidation>(2)};
      case 9: return SetCacheTtl{d.Between(1, 300)};
      case 10:
        if (durable) continue;
        return SetCacheMultiAz{d.Chance(50)};
      case 11: return SetReplicaCount{d.U(0, 4)};
      case 12: return SetReplicaLag{d.Between(0, 5000)};
      case 13: return SetReadRouting{d.Pick<ReadRouting>(3)};
      case 14:
        if (durable) continue;
        return SetRdsMultiAz{d.Chance(50)};
      case 15: {
        const uint32_t max = d.U(1, 8), min = d.U(0, max);
        return SetAsgCapacity{min, d.U(min, max), max};
      }
      case 16: return SetLaunchDelay{d.Between(0, 90)};
      case 17: return SetTargetTracking{d.Chance(50), d.U(20, 90)};
      case 18: return SetSgRule{d.Pick<SgId>(kSgCount), RandomRule(d, c.rds.port)};
      case 19: {
        const SgId group = d.Pick<SgId>(kSgCount);
        const auto& rules = c.security_groups.rules[static_cast<size_t>(group)];
        if (rules.empty()) continue;
        return RemoveSgRule{group, rules[d.rng.Below(static_cast<uint32_t>(rules.size()))]};
      }
      case 20: {
        const SgId group = d.Pick<SgId>(kSgCount);
        if (d.Chance(50)) return SetSgRules{group, DefaultSecurityGroups(c.rds.port).rules[static_cast<size_t>(group)]};
        std::vector<SgRule> rules;
        for (uint32_t k = d.U(0, 3); k > 0; --k) rules.push_back(RandomRule(d, c.rds.port));
        return SetSgRules{group, rules};
      }
      case 21: return SetShopperCount{d.U(0, limits.max_shoppers)};
      case 22: return SetThinkTime{Ms(d.Between(500, 8000))};
      default:
        if (d.Chance(50)) return SetGiveUpPct{d.U(0, 100)};
        return SetBehaviourMix{RandomMix(d)};
    }
  }
}

Command RandomFault(Draw& d, const Config& c) {
  const uint32_t fleet = c.auto_scaling.desired + 6;  // replacements get later ids
  switch (d.rng.Below(14)) {
    case 0:
    case 1: return FailAz{d.AnyAz()};
    case 2:
    case 3: return RestoreAz{d.AnyAz()};
    case 4:
    case 5: return TerminateInstance{InstanceId{d.U(1, fleet)}};
    case 6: return FailCachePrimary{};
    case 7: return RestoreCache{};
    case 8: return FailRdsPrimary{};
    case 9: return RestoreRds{};
    case 10: {
      const int64_t lag_ms = d.Between(0, 60'000);
      return AddReplicaLag{static_cast<int32_t>(d.Between(-1, 3)), lag_ms, d.Chance(50) ? 0 : d.Between(1, 60)};
    }
    case 11: return PromoteReadReplica{d.U(0, 3)};
    case 12: return TrafficSpike{d.U(110, 400), d.Between(5, 60)};
    default: {
      const AttackTarget target = d.Pick<AttackTarget>(4);
      const uint16_t port = d.Chance(60) ? 0 : static_cast<uint16_t>(d.U(1, 65535));
      return AttackerConnect{target, port, d.Chance(50) ? InstanceId{} : InstanceId{d.U(1, fleet)}};
    }
  }
}

// A durable plan's noise: commands that neither fail a second place nor weaken the promise.
Command RandomBenign(Draw& d, const Config& c, const ChaosLimits& limits) {
  switch (d.rng.Below(6)) {
    case 0: return TerminateInstance{InstanceId{d.U(1, c.auto_scaling.desired + 6)}};
    case 1: return TrafficSpike{d.U(110, 400), d.Between(5, 60)};
    case 2: return AddReplicaLag{-1, d.Between(0, 60'000), d.Between(1, 60)};
    case 3: return AttackerConnect{d.Pick<AttackTarget>(4), 0, InstanceId{}};
    default: return RandomSetting(d, c, limits, true);
  }
}

}  // namespace

ChaosPlan MakeChaosPlan(uint64_t seed, const ChaosLimits& limits) {
  Draw d{Rng(seed ^ 0xc4a05c4a05ull)};
  ChaosPlan plan;
  plan.seed = seed;
  plan.duration_us = std::max<TimeUs>(Sec(2), limits.duration_us);
  plan.durable = d.Chance(35);
  plan.config = RandomConfig(d, seed, plan.durable, limits);
  const int64_t last_s = plan.duration_us / kUsPerS - 1;
  auto at = [&](int64_t s) { return Sec(std::clamp<int64_t>(s, 1, last_s)); };

  if (plan.durable) {
    // One failure at a time, each repaired before the next begins (the last may stay): mostly
    // whole AZs, sometimes only the cache's or the database's primary.
    int64_t t = d.Between(1, std::max<int64_t>(1, last_s / 4));
    for (uint32_t k = d.U(1, 3); k > 0 && t < last_s; --k) {
      const uint32_t kind = d.rng.Below(10);
      const Az az = d.AnyAz();
      plan.actions.push_back({at(t), kind < 6 ? Command(FailAz{az}) : kind < 8 ? Command(FailCachePrimary{}) : Command(FailRdsPrimary{})});
      const int64_t repair = t + d.Between(5, std::max<int64_t>(5, last_s / 2));
      if (repair >= last_s) break;
      plan.actions.push_back({at(repair), kind < 6 ? Command(RestoreAz{az}) : kind < 8 ? Command(RestoreCache{}) : Command(RestoreRds{})});
      t = repair + d.Between(1, 30);
    }
    for (uint32_t k = d.U(0, 6); k > 0; --k) plan.actions.push_back({at(d.Between(1, last_s)), RandomBenign(d, plan.config, limits)});
  } else {
    for (uint32_t k = d.U(2, 12); k > 0; --k) {
      const Command command = d.Chance(40) ? RandomSetting(d, plan.config, limits, false) : RandomFault(d, plan.config);
      plan.actions.push_back({at(d.Between(1, last_s)), command});
    }
  }
  // Scripted requests at half seconds: never in a tick with another command, so the checker can
  // judge them against the state they met.
  for (uint32_t k = d.U(0, 10); k > 0; --k) {
    plan.actions.push_back({at(d.Between(0, last_s - 1)) + Ms(500), RandomScripted(d)});
  }
  std::stable_sort(plan.actions.begin(), plan.actions.end(),
                   [](const ChaosAction& a, const ChaosAction& b) { return a.at_us < b.at_us; });
  return plan;
}

// [SECTION] Describing
std::string DescribeCommand(const Command& command) {
  const std::string name(CommandName(command));
  auto on = [](bool b) { return std::string(b ? "on" : "off"); };
  auto rule = [](SgId g, const SgRule& r) { return std::string(Name(g)) + " " + DescribeRule(r); };
  const std::string args = std::visit(
      Overloaded{
          [&](const SetStickiness& c) { return on(c.enabled) + " " + std::to_string(c.duration_s) + "s"; },
          [&](const SetRouting& c) { return std::string(Name(c.routing)); },
          [&](const SetHealthCheck& c) {
            return std::to_string(c.health_check.interval_s) + "s " + std::to_string(c.health_check.healthy_threshold) + "/" +
                   std::to_string(c.health_check.unhealthy_threshold);
          },
          [&](const SetSessionStrategy& c) { return std::string(Name(c.strategy)); },
          [&](const SetSessionStore& c) { return std::string(Name(c.store)); },
          [&](const SetCookieSigning& c) { return on(c.enabled); },
          [&](const SetSessionIdleTimeout& c) { return std::to_string(c.idle_timeout_s) + "s"; },
          [&](const SetCacheMode& c) { return std::string(Name(c.mode)); },
          [&](const SetCacheInvalidation& c) { return std::string(Name(c.invalidation)); },
          [&](const SetCacheTtl& c) { return std::to_string(c.ttl_s) + "s"; },
          [&](const SetCacheMultiAz& c) { return on(c.enabled); },
          [&](const SetReplicaCount& c) { return std::to_string(c.count); },
          [&](const SetReplicaLag& c) { return std::to_string(c.lag_ms) + "ms"; },
          [&](const SetReadRouting& c) { return std::string(Name(c.routing)); },
          [&](const SetRdsMultiAz& c) { return on(c.enabled); },
          [&](const SetAsgCapacity& c) {
            return std::to_string(c.min) + "/" + std::to_string(c.desired) + "/" + std::to_string(c.max);
          },
          [&](const SetLaunchDelay& c) { return std::to_string(c.launch_delay_s) + "s"; },
          [&](const SetTargetTracking& c) { return on(c.enabled) + " " + std::to_string(c.target_cpu_pct) + "%"; },
          [&](const SetSgRule& c) { return rule(c.group, c.rule); },
          [&](const RemoveSgRule& c) { return rule(c.group, c.rule); },
          [&](const SetSgRules& c) {
            std::string text(Name(c.group));
            text += " [";
            for (size_t i = 0; i < c.rules.size(); ++i) text += (i ? ", " : "") + DescribeRule(c.rules[i]);
            return text + "]";
          },
          [&](const SetShopperCount& c) { return std::to_string(c.count); },
          [&](const SetThinkTime& c) { return FormatDuration(c.think_time_us); },
          [&](const SetBehaviourMix& c) {
            return std::to_string(c.mix.browse) + "/" + std::to_string(c.mix.add_to_cart) + "/" +
                   std::to_string(c.mix.view_cart) + "/" + std::to_string(c.mix.update_address) + "/" +
                   std::to_string(c.mix.checkout);
          },
          [&](const SetGiveUpPct& c) { return std::to_string(c.pct) + "%"; },
          [&](const ShopperAction& c) { return c.shopper + " " + std::string(Name(c.kind)) + " sku " + std::to_string(c.sku); },
          [&](const ShopperNewVisit& c) { return c.shopper; },
          [&](const FollowShopper& c) { return std::to_string(c.shopper.index()) + " " + on(c.follow); },
          [&](const TamperCookie& c) { return c.shopper + " " + std::string(Name(c.kind)); },
          [&](const AttackerConnect& c) {
            return std::string(Name(c.target)) + (c.port ? " port " + std::to_string(c.port) : "") +
                   (c.instance.valid() ? " " + FormatInstanceId(c.instance) : "");
          },
          [&](const TerminateInstance& c) { return FormatInstanceId(c.instance); },
          [&](const FailAz& c) { return std::string(Name(c.az)); },
          [&](const RestoreAz& c) { return std::string(Name(c.az)); },
          [&](const AddReplicaLag& c) {
            return "replica " + (c.replica < 0 ? std::string("all") : std::to_string(c.replica)) + " +" +
                   std::to_string(c.lag_ms) + "ms for " + (c.duration_s ? std::to_string(c.duration_s) + "s" : "ever");
          },
          [&](const PromoteReadReplica& c) { return std::to_string(c.replica); },
          [&](const TrafficSpike& c) { return std::to_string(c.multiplier_pct) + "% for " + std::to_string(c.duration_s) + "s"; },
          [](const auto&) { return std::string(); },
      },
      command);
  return args.empty() ? name : name + " " + args;
}

std::string DescribePlan(const ChaosPlan& plan) {
  const Config& c = plan.config;
  std::string azs;
  for (int az = 0; az < kAzCount; ++az) {
    if (c.azs[az]) azs += Name(AzAt(az));
  }
  std::string text = "plan " + std::to_string(plan.seed) + (plan.durable ? " (durable)" : "") + ": " +
                     FormatDuration(plan.duration_us) + ", AZs " + azs + ", " + std::to_string(c.shoppers.count) +
                     " shoppers, " + std::to_string(c.shoppers.users) + " users, fleet " + std::to_string(c.auto_scaling.min) +
                     "/" + std::to_string(c.auto_scaling.desired) + "/" + std::to_string(c.auto_scaling.max) + "\n";
  text += "  sessions " + std::string(Name(c.session.strategy)) + " (" + std::string(Name(c.session.store)) + ", signing " +
          (c.session.cookie_signing ? "on" : "off") + "), stickiness " + (c.load_balancer.stickiness.enabled ? "on" : "off") +
          ", cache " + (c.cache.multi_az ? "multi-AZ " : "single ") + std::string(Name(c.cache.read_mode)) + ", RDS " +
          (c.rds.multi_az ? "multi-AZ" : "single") + " with " + std::to_string(c.rds.read_replicas) + " replicas (lag " +
          std::to_string(c.rds.replica_lag_ms) + "ms, " + std::string(Name(c.rds.read_routing)) + ")\n";
  for (int g = 0; g < kSgCount; ++g) {
    text += "  " + std::string(Name(static_cast<SgId>(g))) + ":";
    for (const SgRule& r : c.security_groups.rules[static_cast<size_t>(g)]) text += " [" + DescribeRule(r) + "]";
    text += "\n";
  }
  for (const ChaosAction& a : plan.actions) text += "  " + FormatDuration(a.at_us) + "  " + DescribeCommand(a.command) + "\n";
  return text;
}

// [SECTION] Running
ChaosResult RunChaos(const ChaosPlan& plan) {
  ChaosResult result;
  result.seed = plan.seed;
  result.durable_plan = plan.durable;
  Sim sim(plan.config);
  InvariantChecker checker(sim, plan.seed);
  const size_t rejected_kind = Event(CommandRejected{}).index();
  CommandSchedule schedule;
  for (const ChaosAction& a : plan.actions) schedule.Add(a.at_us, a.command);
  const TimeUs end_us = std::min(plan.duration_us, kMaxSimTimeUs);
  while (sim.now_us() < end_us) {
    result.commands += schedule.FeedDue(sim);
    sim.Step();
    ++result.steps;
    std::vector<Violation> found = checker.Check(sim);
    if (sim.now_us() >= end_us && found.empty()) found = checker.Sweep(sim);
    if (!found.empty()) {
      result.violations = std::move(found);
      result.failed_step = result.steps;
      break;
    }
  }
  result.requests = sim.totals().requests;
  result.rejected = sim.event_counts()[rejected_kind];
  result.durable_held = checker.durability_regime();
  result.durable_note = checker.durability_note();
  result.stats = checker.stats();
  return result;
}

}  // namespace sim
