// Names of the shared enums and ids, as used in scenario files, JSON output and the UI.
#include "statelab/types.h"

#include <array>
#include <charconv>

#include "names.h"

namespace sim {

std::string_view Name(Az az) {
  static constexpr std::array<std::string_view, kAzCount> kNames = {"a", "b", "c"};
  return kNames[AzIndex(az)];
}

std::optional<Az> ParseAz(std::string_view text) { return ParseByName<Az, kAzCount>(text); }

std::string FormatInstanceId(InstanceId id) {
  if (!id.valid()) return "none";
  return "i-" + std::to_string(id.value);
}

std::optional<InstanceId> ParseInstanceId(std::string_view text) {
  if (text.size() < 3 || text.substr(0, 2) != "i-") return std::nullopt;
  std::string_view digits = text.substr(2);
  if (digits.size() > 9 || digits[0] == '0') return std::nullopt;
  uint32_t value = 0;
  auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), value);
  if (ec != std::errc() || end != digits.data() + digits.size() || value == 0) return std::nullopt;
  return InstanceId{value};
}

std::string_view Name(RequestKind kind) {
  static constexpr std::array<std::string_view, kRequestKindCount> kNames = {
      "browse", "add_to_cart", "view_cart", "update_address", "checkout"};
  return kNames[static_cast<int>(kind)];
}

std::optional<RequestKind> ParseRequestKind(std::string_view text) {
  return ParseByName<RequestKind, kRequestKindCount>(text);
}

std::string_view Name(Outcome outcome) {
  static constexpr std::array<std::string_view, kOutcomeCount> kNames = {
      "ok",
      "stale_read",
      "cart_lost",
      "tamper_accepted",
      "cookie_rejected",
      "denied_by_sg",
      "lb_node_unreachable",
      "no_healthy_target",
      "target_unreachable",
      "instance_overloaded",
      "session_store_unavailable",
      "db_unavailable",
      "db_timeout",
  };
  return kNames[static_cast<int>(outcome)];
}

std::string_view Name(RoutingAlgorithm v) {
  return v == RoutingAlgorithm::RoundRobin ? "round_robin" : "least_outstanding_requests";
}
std::string_view Name(SessionStrategy v) {
  static constexpr std::array<std::string_view, 3> kNames = {"instance_memory", "client_cookie",
                                                             "server_session"};
  return kNames[static_cast<int>(v)];
}
std::string_view Name(SessionStore v) {
  return v == SessionStore::ElastiCache ? "elasticache" : "dynamodb";
}
std::string_view Name(CacheMode v) {
  static constexpr std::array<std::string_view, 3> kNames = {"none", "lazy_loading", "write_through"};
  return kNames[static_cast<int>(v)];
}
std::string_view Name(Invalidation v) { return v == Invalidation::OnWrite ? "on_write" : "ttl_only"; }
std::string_view Name(ReadRouting v) {
  static constexpr std::array<std::string_view, 3> kNames = {"spread", "replicas", "primary"};
  return kNames[static_cast<int>(v)];
}
std::string_view Name(TamperKind v) {
  static constexpr std::array<std::string_view, 3> kNames = {"lower_prices", "add_free_item", "guess_session_id"};
  return kNames[static_cast<int>(v)];
}
std::string_view Name(AttackTarget v) {
  static constexpr std::array<std::string_view, 4> kNames = {"load_balancer", "instance", "cache",
                                                             "database"};
  return kNames[static_cast<int>(v)];
}

std::optional<RoutingAlgorithm> ParseRoutingAlgorithm(std::string_view t) {
  return ParseByName<RoutingAlgorithm, 2>(t);
}
std::optional<SessionStrategy> ParseSessionStrategy(std::string_view t) {
  return ParseByName<SessionStrategy, 3>(t);
}
std::optional<SessionStore> ParseSessionStore(std::string_view t) {
  return ParseByName<SessionStore, 2>(t);
}
std::optional<CacheMode> ParseCacheMode(std::string_view t) { return ParseByName<CacheMode, 3>(t); }
std::optional<Invalidation> ParseInvalidation(std::string_view t) {
  return ParseByName<Invalidation, 2>(t);
}
std::optional<ReadRouting> ParseReadRouting(std::string_view t) {
  return ParseByName<ReadRouting, 3>(t);
}
std::optional<TamperKind> ParseTamperKind(std::string_view t) { return ParseByName<TamperKind, 3>(t); }
std::optional<AttackTarget> ParseAttackTarget(std::string_view t) {
  return ParseByName<AttackTarget, 4>(t);
}

std::string_view Name(Component c) {
  static constexpr std::array<std::string_view, 8> kNames = {
      "browser", "route53", "load_balancer", "web", "elasticache", "dynamodb", "rds_primary",
      "rds_replica"};
  return kNames[static_cast<int>(c)];
}

namespace {
struct HopText {
  std::string_view name;
  std::string_view sentence;
};
constexpr std::array<HopText, 26> kHopTexts = {{
    {"ok", "ok"},
    {"resolved", "resolved to a load balancer node"},
    {"routed", "routed by the load balancer's algorithm"},
    {"sticky_routed", "routed by the AWSALB stickiness cookie"},
    {"sticky_rerouted", "sticky target unavailable: new target, new AWSALB cookie"},
    {"session_found", "session found"},
    {"session_not_found", "session not found"},
    {"session_saved", "session saved"},
    {"cookie_accepted", "cart read from the cookie"},
    {"cookie_tampered", "edited cookie trusted: signature not checked"},
    {"cookie_bad_signature", "cookie rejected: bad signature"},
    {"cookie_dropped", "Set-Cookie over 4096 bytes: the browser kept the old cookie"},
    {"cookie_set", "cart cookie set"},
    {"cache_hit", "cache hit"},
    {"cache_miss", "cache miss"},
    {"cache_set", "cache key set"},
    {"cache_invalidated", "cache key deleted"},
    {"db_read", "read"},
    {"db_read_stale", "read returned stale data"},
    {"db_write", "write committed"},
    {"denied", "connection denied by a security group"},
    {"unreachable", "unreachable"},
    {"overloaded", "overloaded: queue full"},
    {"unavailable", "unavailable"},
    {"timeout", "timed out"},
    {"no_target", "no healthy target"},
}};
}  // namespace

std::string_view Name(HopResult r) { return kHopTexts[static_cast<int>(r)].name; }
std::string_view Describe(HopResult r) { return kHopTexts[static_cast<int>(r)].sentence; }

}  // namespace sim
