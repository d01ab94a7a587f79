// Command names and the pure Config edits made by setting commands.
#include "statelab/overloaded.h"
#include "statelab/commands.h"

#include <algorithm>
#include <array>

namespace sim {

namespace {

constexpr std::array<std::string_view, std::variant_size_v<Command>> kCommandNames = {
    "set_stickiness",       "set_routing",          "set_health_check",
    "set_session_strategy", "set_session_store",    "set_cookie_signing",
    "set_session_idle_timeout", "set_cache_mode",   "set_cache_invalidation",
    "set_cache_ttl",        "set_cache_multi_az",   "set_replica_count",
    "set_replica_lag",      "set_read_routing",     "set_rds_multi_az",
    "set_asg_capacity",     "set_launch_delay",     "set_target_tracking",
    "set_sg_rule",          "remove_sg_rule",       "set_sg_rules",
    "set_shopper_count",    "set_think_time",       "set_behaviour_mix",
    "set_give_up_pct",      "shopper_action",       "shopper_new_visit",
    "follow_shopper",       "tamper_cookie",        "attacker_connect",
    "terminate_instance",   "fail_az",              "restore_az",
    "fail_cache_primary",   "restore_cache",        "fail_rds_primary",
    "restore_rds",          "add_replica_lag",      "promote_read_replica",
    "traffic_spike",
};

constexpr size_t kFirstNonSetting = kCommandIndex<ShopperAction>;  // the settings come first


}  // namespace

std::string_view CommandName(const Command& command) { return kCommandNames[command.index()]; }

std::string_view CommandNameAt(uint32_t index) {
  return index < kCommandNames.size() ? kCommandNames[index] : "unknown";
}

std::optional<uint32_t> CommandIndexNamed(std::string_view verb) {
  for (uint32_t i = 0; i < kCommandNames.size(); ++i) {
    if (kCommandNames[i] == verb) return i;
  }
  return std::nullopt;
}

bool IsSetting(const Command& command) { return command.index() < kFirstNonSetting; }

bool IsShopperName(std::string_view name) {
  return !name.empty() && name.size() <= kMaxShopperNameBytes && std::all_of(name.begin(), name.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
  });
}

bool ApplyToConfig(Config& c, const Command& command) {
  if (!IsSetting(command)) return false;
  std::visit(
      Overloaded{
          [&](const SetStickiness& x) {
            c.load_balancer.stickiness.enabled = x.enabled;
            c.load_balancer.stickiness.duration_s = x.duration_s;
          },
          [&](const SetRouting& x) { c.load_balancer.routing = x.routing; },
          [&](const SetHealthCheck& x) { c.load_balancer.health_check = x.health_check; },
          [&](const SetSessionStrategy& x) { c.session.strategy = x.strategy; },
          [&](const SetSessionStore& x) { c.session.store = x.store; },
          [&](const SetCookieSigning& x) { c.session.cookie_signing = x.enabled; },
          [&](const SetSessionIdleTimeout& x) { c.session.idle_timeout_s = x.idle_timeout_s; },
          [&](const SetCacheMode& x) { c.cache.read_mode = x.mode; },
          [&](const SetCacheInvalidation& x) { c.cache.invalidation = x.invalidation; },
          [&](const SetCacheTtl& x) { c.cache.ttl_s = x.ttl_s; },
          [&](const SetCacheMultiAz& x) { c.cache.multi_az = x.enabled; },
          [&](const SetReplicaCount& x) { c.rds.read_replicas = x.count; },
          [&](const SetReplicaLag& x) { c.rds.replica_lag_ms = x.lag_ms; },
          [&](const SetReadRouting& x) { c.rds.read_routing = x.routing; },
          [&](const SetRdsMultiAz& x) { c.rds.multi_az = x.enabled; },
          [&](const SetAsgCapacity& x) {
            c.auto_scaling.min = x.min;
            c.auto_scaling.desired = x.desired;
            c.auto_scaling.max = x.max;
          },
          [&](const SetLaunchDelay& x) { c.auto_scaling.launch_delay_s = x.launch_delay_s; },
          [&](const SetTargetTracking& x) {
            c.auto_scaling.target_tracking = x.enabled;
            c.auto_scaling.target_cpu_pct = x.target_cpu_pct;
          },
          [&](const SetSgRule& x) {
            auto& rules = c.security_groups.rules[static_cast<int>(x.group)];
            if (std::find(rules.begin(), rules.end(), x.rule) == rules.end()) {
              rules.push_back(x.rule);
            }
          },
          [&](const RemoveSgRule& x) {
            auto& rules = c.security_groups.rules[static_cast<int>(x.group)];
            rules.erase(std::remove(rules.begin(), rules.end(), x.rule), rules.end());
          },
          [&](const SetSgRules& x) { c.security_groups.rules[static_cast<int>(x.group)] = x.rules; },
          [&](const SetShopperCount& x) { c.shoppers.count = x.count; },
          [&](const SetThinkTime& x) { c.shoppers.think_time_us = x.think_time_us; },
          [&](const SetBehaviourMix& x) { c.shoppers.mix = x.mix; },
          [&](const SetGiveUpPct& x) { c.shoppers.give_up_pct = x.pct; },
          [](const auto&) {},
      },
      command);
  return true;
}

uint32_t BehaviourMix::Weight(RequestKind k) const {
  switch (k) {
    case RequestKind::Browse: return browse;
    case RequestKind::AddToCart: return add_to_cart;
    case RequestKind::ViewCart: return view_cart;
    case RequestKind::UpdateAddress: return update_address;
    case RequestKind::Checkout: return checkout;
  }
  return 0;
}

uint32_t BehaviourMix::Total() const {
  return browse + add_to_cart + view_cart + update_address + checkout;
}

}  // namespace sim
