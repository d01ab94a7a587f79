// Typed commands into the model. The UI, the lesson runtime and scenario scripts all drive the
// Sim only through these: Sim::Enqueue queues a command and the Sim applies it at the next tick
// boundary, in the order enqueued. Three families: settings (which edit the Config), actions
// (scripted shoppers, attackers) and faults.
#pragma once

#include <cstdint>
#include <optional>
#include <type_traits>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "statelab/config.h"
#include "statelab/security_groups.h"
#include "statelab/types.h"

namespace sim {

// [SECTION] Settings: each edits one part of the Config (see ApplyToConfig)
struct SetStickiness { bool enabled = true; int64_t duration_s = 86'400; bool operator==(const SetStickiness&) const = default; };
struct SetRouting { RoutingAlgorithm routing = RoutingAlgorithm::RoundRobin; bool operator==(const SetRouting&) const = default; };
struct SetHealthCheck { HealthCheckConfig health_check; bool operator==(const SetHealthCheck&) const = default; };
struct SetSessionStrategy { SessionStrategy strategy = SessionStrategy::InstanceMemory; bool operator==(const SetSessionStrategy&) const = default; };
struct SetSessionStore { SessionStore store = SessionStore::ElastiCache; bool operator==(const SetSessionStore&) const = default; };
struct SetCookieSigning { bool enabled = true; bool operator==(const SetCookieSigning&) const = default; };
struct SetSessionIdleTimeout { int64_t idle_timeout_s = 1800; bool operator==(const SetSessionIdleTimeout&) const = default; };
struct SetCacheMode { CacheMode mode = CacheMode::None; bool operator==(const SetCacheMode&) const = default; };
struct SetCacheInvalidation { Invalidation invalidation = Invalidation::OnWrite; bool operator==(const SetCacheInvalidation&) const = default; };
struct SetCacheTtl { int64_t ttl_s = 300; bool operator==(const SetCacheTtl&) const = default; };
struct SetCacheMultiAz { bool enabled = true; bool operator==(const SetCacheMultiAz&) const = default; };
struct SetReplicaCount { uint32_t count = 0; bool operator==(const SetReplicaCount&) const = default; };
struct SetReplicaLag { int64_t lag_ms = 50; bool operator==(const SetReplicaLag&) const = default; };  // the base asynchronous lag of every replica
struct SetReadRouting { ReadRouting routing = ReadRouting::Spread; bool operator==(const SetReadRouting&) const = default; };
struct SetRdsMultiAz { bool enabled = true; bool operator==(const SetRdsMultiAz&) const = default; };
struct SetAsgCapacity { uint32_t min = 2; uint32_t desired = 3; uint32_t max = 6; bool operator==(const SetAsgCapacity&) const = default; };
struct SetLaunchDelay { int64_t launch_delay_s = 60; bool operator==(const SetLaunchDelay&) const = default; };
struct SetTargetTracking { bool enabled = true; uint32_t target_cpu_pct = 50; bool operator==(const SetTargetTracking&) const = default; };
struct SetSgRule { SgId group = SgId::Web; SgRule rule; bool operator==(const SetSgRule&) const = default; };     // adds the rule if absent
struct RemoveSgRule { SgId group = SgId::Web; SgRule rule; bool operator==(const RemoveSgRule&) const = default; };  // removes an equal rule
struct SetSgRules { SgId group = SgId::Web; std::vector<SgRule> rules; bool operator==(const SetSgRules&) const = default; };  // replaces all
struct SetShopperCount { uint32_t count = 1000; bool operator==(const SetShopperCount&) const = default; };
struct SetThinkTime { TimeUs think_time_us = Sec(5); bool operator==(const SetThinkTime&) const = default; };
struct SetBehaviourMix { BehaviourMix mix; bool operator==(const SetBehaviourMix&) const = default; };
struct SetGiveUpPct { uint32_t pct = 50; bool operator==(const SetGiveUpPct&) const = default; };

// [SECTION] Actions
// A named scripted shopper (created on first use) makes one request now. sku is used by
// AddToCart. Scripted shoppers never act on their own and every request of theirs is traced.
struct ShopperAction { std::string shopper; RequestKind kind = RequestKind::Browse; uint16_t sku = 0; bool operator==(const ShopperAction&) const = default; };
struct ShopperNewVisit { std::string shopper; bool operator==(const ShopperNewVisit&) const = default; };  // clears cookies and cart: a fresh browser
struct FollowShopper { ShopperId shopper; bool follow = true; bool operator==(const FollowShopper&) const = default; };  // trace every request of theirs
// The shopper edits their own cart cookie (only meaningful with the client-cookie strategy).
struct TamperCookie { std::string shopper; TamperKind kind = TamperKind::LowerPrices; bool operator==(const TamperCookie&) const = default; };
// Someone on the internet connects straight to a component. port 0: the component's service port.
// instance: which web instance (none: the first one in service).
struct AttackerConnect { AttackTarget target = AttackTarget::Database; uint16_t port = 0; InstanceId instance; bool operator==(const AttackerConnect&) const = default; };

// [SECTION] Faults
struct TerminateInstance { InstanceId instance; bool operator==(const TerminateInstance&) const = default; };
struct FailAz { Az az = Az::A; bool operator==(const FailAz&) const = default; };
struct RestoreAz { Az az = Az::A; bool operator==(const RestoreAz&) const = default; };
struct FailCachePrimary { bool operator==(const FailCachePrimary&) const = default; };
struct RestoreCache { bool operator==(const RestoreCache&) const = default; };
struct FailRdsPrimary { bool operator==(const FailRdsPrimary&) const = default; };
struct RestoreRds { bool operator==(const RestoreRds&) const = default; };
// Extra lag on one replica (index from 0) or on all (-1); duration 0 keeps it until replaced.
struct AddReplicaLag { int32_t replica = -1; int64_t lag_ms = 30'000; int64_t duration_s = 0; bool operator==(const AddReplicaLag&) const = default; };
// Manual promotion of a replica to a standalone primary: writes it had not received are lost.
struct PromoteReadReplica { uint32_t replica = 0; bool operator==(const PromoteReadReplica&) const = default; };
// More shoppers for a while: multiplier_pct 300 triples the crowd.
struct TrafficSpike { uint32_t multiplier_pct = 300; int64_t duration_s = 300; bool operator==(const TrafficSpike&) const = default; };

using Command = std::variant<
    SetStickiness, SetRouting, SetHealthCheck, SetSessionStrategy, SetSessionStore,
    SetCookieSigning, SetSessionIdleTimeout, SetCacheMode, SetCacheInvalidation, SetCacheTtl,
    SetCacheMultiAz, SetReplicaCount, SetReplicaLag, SetReadRouting, SetRdsMultiAz,
    SetAsgCapacity, SetLaunchDelay, SetTargetTracking, SetSgRule, RemoveSgRule, SetSgRules,
    SetShopperCount, SetThinkTime, SetBehaviourMix, SetGiveUpPct,
    ShopperAction, ShopperNewVisit, FollowShopper, TamperCookie, AttackerConnect,
    TerminateInstance, FailAz, RestoreAz, FailCachePrimary, RestoreCache, FailRdsPrimary,
    RestoreRds, AddReplicaLag, PromoteReadReplica, TrafficSpike>;

// The command verbs, in one place (commands.cpp): the scenario file's "do", events, the CLI and the
// app's labels all go through the alternative's index and this one name table.
// Names follow the scenario file's verbs: "set_stickiness", "terminate_instance", ...
std::string_view CommandName(const Command& command);
std::string_view CommandNameAt(uint32_t index);  // by CommandIndex; "unknown" when out of range
// Index of the alternative, stable for the life of a build (for counting and hashing).
inline uint32_t CommandIndex(const Command& command) { return static_cast<uint32_t>(command.index()); }
inline constexpr uint32_t kCommandCount = static_cast<uint32_t>(std::variant_size_v<Command>);
// The index of alternative T, for a switch over CommandIndex: case kCommandIndex<FailAz>: ...
template <class T, class V = Command>
struct CommandIndexOf;
template <class T, class... Ts>
struct CommandIndexOf<T, std::variant<Ts...>> {
  static constexpr uint32_t value = [] {
    constexpr bool same[] = {std::is_same_v<T, Ts>...};
    uint32_t i = 0;
    while (i < sizeof...(Ts) && !same[i]) ++i;
    return i;
  }();
  static_assert(value < sizeof...(Ts), "not a Command alternative");
};
template <class T>
inline constexpr uint32_t kCommandIndex = CommandIndexOf<T>::value;
// The verb's index; none for an unknown verb.
std::optional<uint32_t> CommandIndexNamed(std::string_view verb);

// Applies a setting command to a Config. Returns false, leaving config untouched, for commands that
// are not settings. Pure, so the loader, the lesson runtime and the Sim share it.
bool ApplyToConfig(Config& config, const Command& command);
bool IsSetting(const Command& command);

// A scripted shopper's name: 1 to 64 letters, digits, '-' or '_' (scenario files and run links).
inline constexpr size_t kMaxShopperNameBytes = 64;
bool IsShopperName(std::string_view name);

// A command at a simulated time: a scenario's or a lesson's action, a chaos run's fault.
struct TimedCommand {
  TimeUs at_us = 0;
  Command command;
};

}  // namespace sim
