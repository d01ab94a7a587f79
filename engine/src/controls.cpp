#include "statelab/controls.h"

#include "statelab/overloaded.h"

namespace sim {

namespace {

constexpr std::string_view kKnobNames[] = {
    "stickiness",      "routing",         "session_strategy", "session_store",
    "cookie_signing",  "cache_mode",      "cache_ttl",        "cache_invalidation",
    "cache_multi_az",  "replica_count",   "replica_lag",      "read_routing",
    "rds_multi_az",    "security_groups", "asg_capacity",     "target_tracking",
    "shoppers",
};
constexpr std::string_view kFaultNames[] = {
    "terminate_instance", "fail_az",     "restore_az",   "fail_cache_primary", "restore_cache",
    "fail_rds_primary",   "restore_rds", "replica_lag",  "traffic_spike",      "attacker",
    "tamper_cookie",      "shopper",
};
static_assert(std::size(kKnobNames) == kKnobCount, "one name per Knob");
static_assert(std::size(kFaultNames) == kFaultCount, "one name per Fault");

template <class E, size_t N>
constexpr std::array<E, N> Every() {
  std::array<E, N> all{};
  for (size_t i = 0; i < N; ++i) all[i] = static_cast<E>(i);
  return all;
}
constexpr auto kAllKnobs = Every<Knob, kKnobCount>();
constexpr auto kAllFaults = Every<Fault, kFaultCount>();

}  // namespace

std::string_view Name(Knob knob) { return kKnobNames[static_cast<size_t>(knob)]; }
std::string_view Name(Fault fault) { return kFaultNames[static_cast<size_t>(fault)]; }

std::optional<Knob> KnobNamed(std::string_view name) {
  for (Knob k : kAllKnobs) {
    if (Name(k) == name) return k;
  }
  return std::nullopt;
}

std::optional<Fault> FaultNamed(std::string_view name) {
  for (Fault f : kAllFaults) {
    if (Name(f) == name) return f;
  }
  return std::nullopt;
}

const std::array<Knob, kKnobCount>& AllKnobs() { return kAllKnobs; }
const std::array<Fault, kFaultCount>& AllFaults() { return kAllFaults; }

bool StepControls::Has(const Control& c) const {
  return std::visit([this](auto control) { return Has(control); }, c);
}

std::string_view Name(const Control& control) {
  return std::visit([](auto c) { return Name(c); }, control);
}

std::optional<Control> ControlOf(const Command& command) {
  using R = std::optional<Control>;
  return std::visit(
      Overloaded{
          [](const SetStickiness&) -> R { return Knob::Stickiness; },
          [](const SetRouting&) -> R { return Knob::Routing; },
          [](const SetSessionStrategy&) -> R { return Knob::SessionStrategy; },
          [](const SetSessionStore&) -> R { return Knob::SessionStore; },
          [](const SetCookieSigning&) -> R { return Knob::CookieSigning; },
          [](const SetCacheMode&) -> R { return Knob::CacheMode; },
          [](const SetCacheTtl&) -> R { return Knob::CacheTtl; },
          [](const SetCacheInvalidation&) -> R { return Knob::CacheInvalidation; },
          [](const SetCacheMultiAz&) -> R { return Knob::CacheMultiAz; },
          [](const SetReplicaCount&) -> R { return Knob::ReplicaCount; },
          [](const SetReplicaLag&) -> R { return Knob::ReplicaLag; },
          [](const SetReadRouting&) -> R { return Knob::ReadRouting; },
          [](const SetRdsMultiAz&) -> R { return Knob::RdsMultiAz; },
          [](const SetSgRule&) -> R { return Knob::SecurityGroups; },
          [](const RemoveSgRule&) -> R { return Knob::SecurityGroups; },
          [](const SetSgRules&) -> R { return Knob::SecurityGroups; },
          [](const SetAsgCapacity&) -> R { return Knob::AsgCapacity; },
          [](const SetTargetTracking&) -> R { return Knob::TargetTracking; },
          [](const SetShopperCount&) -> R { return Knob::Shoppers; },
          [](const TerminateInstance&) -> R { return Fault::TerminateInstance; },
          [](const FailAz&) -> R { return Fault::FailAz; },
          [](const RestoreAz&) -> R { return Fault::RestoreAz; },
          [](const FailCachePrimary&) -> R { return Fault::FailCachePrimary; },
          [](const RestoreCache&) -> R { return Fault::RestoreCache; },
          [](const FailRdsPrimary&) -> R { return Fault::FailRdsPrimary; },
          [](const RestoreRds&) -> R { return Fault::RestoreRds; },
          [](const AddReplicaLag&) -> R { return Fault::ReplicaLag; },
          [](const TrafficSpike&) -> R { return Fault::TrafficSpike; },
          [](const AttackerConnect&) -> R { return Fault::Attacker; },
          [](const TamperCookie&) -> R { return Fault::TamperCookie; },
          [](const ShopperAction&) -> R { return Fault::Shopper; },
          [](const ShopperNewVisit&) -> R { return Fault::Shopper; },
          [](const auto&) -> R { return std::nullopt; },
      },
      command);
}

}  // namespace sim
