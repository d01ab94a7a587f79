// Typed events out of the model: what changed in the stack (instances, zones, failovers, scaling)
// and what a request revealed (a lost cart, a dropped or rejected cookie, a security group
// denial). The Sim keeps the latest events in a ring buffer and counts every kind for the run.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <variant>

#include "statelab/cart.h"
#include "statelab/security_groups.h"
#include "statelab/types.h"

namespace sim {

enum class TerminationCause : uint8_t { Command, Unhealthy, ScaleIn, AzRebalance };
enum class ScalingCause : uint8_t { Command, TargetTracking };
// Why the cart the server showed differs from the shopper's.
enum class LossCause : uint8_t {
  SessionNotFound,  // instance memory: the request landed on another instance
  InstanceGone,     // the instance that held the session was terminated or lost with its AZ
  CacheDataLost,    // the session key vanished with a single-node cache
  SessionExpired,   // idle longer than the session timeout
  CookieDropped,    // a Set-Cookie over 4096 bytes was ignored by the browser
  StrategyChanged,  // the session strategy or store changed and the old sessions were not carried over
  ReplicationLag,   // a cache failover: the replica had not yet received the session's last write
};
std::string_view Name(TerminationCause c);
std::string_view Name(ScalingCause c);
std::string_view Name(LossCause c);

struct InstanceLaunched { InstanceId instance; Az az; };
struct InstanceInService { InstanceId instance; };
struct InstanceUnhealthy { InstanceId instance; };
// sessions_lost: in-memory sessions on it; carts_lost_at_risk: those with a non-empty cart.
struct InstanceTerminated { InstanceId instance; TerminationCause cause; uint32_t sessions_lost; uint32_t carts_at_risk; };
struct AzFailed { Az az; };
struct AzRestored { Az az; };
struct LbNodeRemovedFromDns { Az az; };
struct LbNodeAddedToDns { Az az; };
struct CacheNodeFailed { Az az; bool data_lost; uint32_t keys_lost; };
struct CacheFailoverStarted { Az from; Az to; uint32_t sessions_lost; };  // writes the replica had not received
struct CacheFailoverCompleted { Az new_primary; };
struct CacheNodeRestored { Az az; bool empty; };
struct RdsPrimaryFailed { Az az; bool has_standby; };
struct RdsFailoverCompleted { Az new_primary; TimeUs downtime_us; };
struct RdsNodeRestored { Az az; bool as_primary; };
struct ReplicaLagChanged { int32_t replica; int64_t lag_ms; };
struct ReplicaPromoted { uint32_t replica; Az az; uint32_t writes_lost; };
struct DesiredCapacityChanged { uint32_t from; uint32_t to; ScalingCause cause; };
struct TrafficSpikeStarted { uint32_t multiplier_pct; uint32_t extra_shoppers; };
struct TrafficSpikeEnded {};
struct CartLost { ShopperId shopper; uint64_t request_id; uint16_t expected_units; uint16_t shown_units; LossCause cause; };
struct ShopperGaveUp { ShopperId shopper; uint32_t cart_cents; };
struct CookieTooLarge { ShopperId shopper; uint32_t bytes; };
struct CookieRejected { ShopperId shopper; CookieError reason; };
struct TamperAccepted { ShopperId shopper; int64_t cents_off; };
struct ConnectionDenied { uint64_t request_id; SgVerdict verdict; };
struct AttackAttempt { AttackTarget target; SgVerdict verdict; };
struct SettingChanged { uint32_t command_index; };  // CommandName(...) of the setting
// Why the model refused a command: one value per reason, each with its English text (Name) and,
// in the app, its translation (an exhaustive switch, so a new reason without one does not build).
enum class RejectReason : uint8_t {
  NoSuchShopper,
  NoRunningInstance,
  NoCachePrimary,
  RdsAlreadyDown,
  NoCartCookie,
  NoSessionCookie,
  NoSuchReplica,
  NoSuchReplicaOrDown,
};
inline constexpr int kRejectReasonCount = 8;
std::string_view Name(RejectReason reason);  // "no such shopper", ...
struct CommandRejected { uint32_t command_index; RejectReason reason; };

using Event = std::variant<
    InstanceLaunched, InstanceInService, InstanceUnhealthy, InstanceTerminated, AzFailed,
    AzRestored, LbNodeRemovedFromDns, LbNodeAddedToDns, CacheNodeFailed, CacheFailoverStarted,
    CacheFailoverCompleted, CacheNodeRestored, RdsPrimaryFailed, RdsFailoverCompleted,
    RdsNodeRestored, ReplicaLagChanged, ReplicaPromoted, DesiredCapacityChanged,
    TrafficSpikeStarted, TrafficSpikeEnded, CartLost, ShopperGaveUp, CookieTooLarge,
    CookieRejected, TamperAccepted, ConnectionDenied, AttackAttempt, SettingChanged,
    CommandRejected>;
inline constexpr int kEventKindCount = static_cast<int>(std::variant_size_v<Event>);

struct EventRecord {
  TimeUs time_us = 0;
  Event event;
};

// "instance_terminated", "cart_lost", ... indexed by Event::index().
std::string_view EventKindName(int kind_index);
inline std::string_view EventKindName(const Event& e) { return EventKindName(static_cast<int>(e.index())); }
// One line for the event log, e.g. "i-2 terminated (command): 41 sessions lost".
std::string Describe(const Event& event);

}  // namespace sim
