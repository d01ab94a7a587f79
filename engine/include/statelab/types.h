// The small vocabulary every part of the model shares: simulated time, availability zones, ids,
// and the enums that name request kinds, outcomes and components. Everything here is a plain value
// type, so commands, events and traces can copy it freely and the UI can print it.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace sim {

// [SECTION] Time
// Simulated time is an integer number of microseconds since the start of the run. The model
// advances in fixed ticks; requests inside a tick still carry their exact microsecond.
using TimeUs = int64_t;
inline constexpr TimeUs kUsPerMs = 1'000;
inline constexpr TimeUs kUsPerS = 1'000'000;
inline constexpr TimeUs kTickUs = 10'000;  // 10 ms: fine enough for health checks, cheap per hour

// A run stops advancing here (Step does nothing): far beyond any lesson, and it keeps the
// arrival queue's packed keys exact.
inline constexpr TimeUs kMaxSimTimeUs = 180LL * 86'400 * kUsPerS;

constexpr TimeUs Ms(int64_t ms) { return ms * kUsPerMs; }
constexpr TimeUs Sec(int64_t s) { return s * kUsPerS; }

// [SECTION] Availability zones
enum class Az : uint8_t { A, B, C };
inline constexpr int kAzCount = 3;
constexpr int AzIndex(Az az) { return static_cast<int>(az); }
constexpr Az AzAt(int index) { return static_cast<Az>(index); }
std::string_view Name(Az az);  // "a", "b", "c"
std::optional<Az> ParseAz(std::string_view text);

// [SECTION] Ids
// Instances are numbered 1, 2, 3... in launch order and never reused, so a session that names a
// terminated instance can never be found again.
struct InstanceId {
  uint32_t value = 0;  // 0: none
  constexpr bool valid() const { return value != 0; }
  friend constexpr bool operator==(InstanceId, InstanceId) = default;
};
std::string FormatInstanceId(InstanceId id);  // "i-3"
std::optional<InstanceId> ParseInstanceId(std::string_view text);

// Crowd shoppers are numbered from 0; scripted (named) shoppers carry kScriptedBit.
struct ShopperId {
  static constexpr uint32_t kNone = 0xFFFF'FFFFu;
  static constexpr uint32_t kScriptedBit = 0x8000'0000u;
  uint32_t value = kNone;
  constexpr bool valid() const { return value != kNone; }
  constexpr bool scripted() const { return valid() && (value & kScriptedBit) != 0; }
  constexpr uint32_t index() const { return value & ~kScriptedBit; }
  static constexpr ShopperId Crowd(uint32_t index) { return {index}; }
  static constexpr ShopperId Scripted(uint32_t index) { return {index | kScriptedBit}; }
  friend constexpr bool operator==(ShopperId, ShopperId) = default;
};

// [SECTION] What a shopper does, and how a request ends
enum class RequestKind : uint8_t { Browse, AddToCart, ViewCart, UpdateAddress, Checkout };
inline constexpr int kRequestKindCount = 5;
std::string_view Name(RequestKind kind);  // "browse", "add_to_cart", ...
std::optional<RequestKind> ParseRequestKind(std::string_view text);

// Every request ends with exactly one outcome, so totals add up: requests = sum of outcomes.
// Outcomes before kFirstErrorOutcome served a page; the rest are errors.
enum class Outcome : uint8_t {
  Ok,
  StaleRead,       // served, but the user data shown is older than the committed value
  CartLost,        // served, but the cart differs from what the shopper put in
  TamperAccepted,  // served a cart the client edited, because nothing checked a signature
  CookieRejected,  // the cart cookie failed its signature check; the cart was reset
  DeniedBySg,
  LbNodeUnreachable,
  NoHealthyTarget,
  TargetUnreachable,
  InstanceOverloaded,
  SessionStoreUnavailable,
  DbUnavailable,
  DbTimeout,
};
inline constexpr int kOutcomeCount = 13;
inline constexpr Outcome kFirstErrorOutcome = Outcome::DeniedBySg;
constexpr bool IsError(Outcome o) { return o >= kFirstErrorOutcome; }
std::string_view Name(Outcome outcome);  // "ok", "cart_lost", "denied_by_sg", ...

// [SECTION] Stack configuration choices
enum class RoutingAlgorithm : uint8_t { RoundRobin, LeastOutstandingRequests };
enum class SessionStrategy : uint8_t { InstanceMemory, ClientCookie, ServerSession };
enum class SessionStore : uint8_t { ElastiCache, DynamoDb };
enum class CacheMode : uint8_t { None, LazyLoading, WriteThrough };
enum class Invalidation : uint8_t { OnWrite, TtlOnly };
// Spread: reads rotate over the primary and every replica. Replicas: reads avoid the primary
// unless no replica is up. Primary: replicas are idle.
enum class ReadRouting : uint8_t { Spread, Replicas, Primary };
// The first two edit a cart cookie; GuessSessionId edits a session-ID cookie to a guessed ID.
enum class TamperKind : uint8_t { LowerPrices, AddFreeItem, GuessSessionId };
enum class AttackTarget : uint8_t { LoadBalancer, Instance, Cache, Database };

std::string_view Name(RoutingAlgorithm v);
std::string_view Name(SessionStrategy v);
std::string_view Name(SessionStore v);
std::string_view Name(CacheMode v);
std::string_view Name(Invalidation v);
std::string_view Name(ReadRouting v);
std::string_view Name(TamperKind v);
std::string_view Name(AttackTarget v);
std::optional<RoutingAlgorithm> ParseRoutingAlgorithm(std::string_view text);
std::optional<SessionStrategy> ParseSessionStrategy(std::string_view text);
std::optional<SessionStore> ParseSessionStore(std::string_view text);
std::optional<CacheMode> ParseCacheMode(std::string_view text);
std::optional<Invalidation> ParseInvalidation(std::string_view text);
std::optional<ReadRouting> ParseReadRouting(std::string_view text);
std::optional<TamperKind> ParseTamperKind(std::string_view text);
std::optional<AttackTarget> ParseAttackTarget(std::string_view text);

// [SECTION] Components and hops, for traces and the diagram
enum class Component : uint8_t {
  Browser,
  Route53,
  LoadBalancer,
  WebInstance,
  ElastiCache,
  DynamoDb,
  RdsPrimary,
  RdsReplica,
};
std::string_view Name(Component c);

// What happened at one hop of a request.
enum class HopResult : uint8_t {
  Ok,
  Resolved,           // Route 53 answered with a load balancer node
  Routed,             // load balancer picked a target by its algorithm
  StickyRouted,       // load balancer honoured the AWSALB cookie
  StickyRerouted,     // AWSALB named a target that is unhealthy or gone: new target, new cookie
  SessionFound,
  SessionNotFound,    // a new, empty session was created
  SessionSaved,
  CookieAccepted,     // cart read from the cookie (signature valid, or not checked)
  CookieTampered,     // an edited cookie was trusted because signing is off
  CookieBadSignature, // cookie rejected: bad signature
  CookieDropped,      // Set-Cookie over 4096 bytes: the browser kept the old cookie
  CookieSet,
  CacheHit,
  CacheMiss,
  CacheSet,
  CacheInvalidated,
  DbRead,
  DbReadStale,
  DbWrite,
  Denied,             // a security group refused the connection; see RequestTrace::denial
  Unreachable,
  Overloaded,
  Unavailable,
  Timeout,
  NoTarget,
};
std::string_view Name(HopResult r);
// A sentence for the trace view, e.g. "session not found", "cookie rejected: bad signature".
std::string_view Describe(HopResult r);

}  // namespace sim
