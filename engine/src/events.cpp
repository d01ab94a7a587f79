// Event names and one-line descriptions for the event log.
#include "statelab/overloaded.h"
#include "statelab/events.h"

#include <array>

#include "statelab/commands.h"

namespace sim {

namespace {

constexpr std::array<std::string_view, kEventKindCount> kEventNames = {
    "instance_launched",      "instance_in_service",     "instance_unhealthy",
    "instance_terminated",    "az_failed",               "az_restored",
    "lb_node_removed_from_dns", "lb_node_added_to_dns",  "cache_node_failed",
    "cache_failover_started", "cache_failover_completed", "cache_node_restored",
    "rds_primary_failed",     "rds_failover_completed",  "rds_node_restored",
    "replica_lag_changed",    "replica_promoted",        "desired_capacity_changed",
    "traffic_spike_started",  "traffic_spike_ended",     "cart_lost",
    "shopper_gave_up",        "cookie_too_large",        "cookie_rejected",
    "tamper_accepted",        "connection_denied",       "attack_attempt",
    "setting_changed",        "command_rejected",
};


std::string InAz(sim::Az az) { return "AZ " + std::string(Name(az)); }
std::string Shopper(ShopperId id) {
  if (!id.valid()) return "shopper ?";
  return (id.scripted() ? "scripted shopper #" : "shopper #") + std::to_string(id.index());
}
std::string Dollars(int64_t cents) {
  const int64_t abs = cents < 0 ? -cents : cents;
  std::string frac = std::to_string(abs % 100);
  if (frac.size() < 2) frac = "0" + frac;
  return std::string(cents < 0 ? "-$" : "$") + std::to_string(abs / 100) + "." + frac;
}

}  // namespace

std::string_view Name(TerminationCause c) {
  static constexpr std::array<std::string_view, 4> kNames = {"command", "unhealthy", "scale_in",
                                                             "az_rebalance"};
  return kNames[static_cast<int>(c)];
}
std::string_view Name(ScalingCause c) {
  return c == ScalingCause::Command ? "command" : "target_tracking";
}
std::string_view Name(LossCause c) {
  static constexpr std::array<std::string_view, 7> kNames = {
      "session_not_found", "instance_gone",  "cache_data_lost", "session_expired",
      "cookie_dropped",    "strategy_changed", "replication_lag"};
  return kNames[static_cast<int>(c)];
}

std::string_view Name(RejectReason reason) {
  switch (reason) {
    case RejectReason::NoSuchShopper: return "no such shopper";
    case RejectReason::NoRunningInstance: return "no running instance with that id";
    case RejectReason::NoCachePrimary: return "the cache has no primary";
    case RejectReason::RdsAlreadyDown: return "the RDS primary is already down";
    case RejectReason::NoCartCookie: return "no cart cookie to edit";
    case RejectReason::NoSessionCookie: return "no session cookie to edit";
    case RejectReason::NoSuchReplica: return "no such read replica";
    case RejectReason::NoSuchReplicaOrDown: return "no such read replica, or it is down";
  }
  return "?";
}

std::string_view EventKindName(int kind_index) {
  if (kind_index < 0 || kind_index >= kEventKindCount) return "unknown";
  return kEventNames[static_cast<size_t>(kind_index)];
}

std::string Describe(const Event& event) {
  return std::visit(
      Overloaded{
          [](const InstanceLaunched& e) {
            return FormatInstanceId(e.instance) + " launched in " + InAz(e.az);
          },
          [](const InstanceInService& e) { return FormatInstanceId(e.instance) + " in service"; },
          [](const InstanceUnhealthy& e) {
            return FormatInstanceId(e.instance) + " failed its health checks";
          },
          [](const InstanceTerminated& e) {
            return FormatInstanceId(e.instance) + " terminated (" + std::string(Name(e.cause)) +
                   "): " + std::to_string(e.sessions_lost) + " sessions lost, " +
                   std::to_string(e.carts_at_risk) + " with a cart";
          },
          [](const AzFailed& e) { return InAz(e.az) + " failed"; },
          [](const AzRestored& e) { return InAz(e.az) + " restored"; },
          [](const LbNodeRemovedFromDns& e) {
            return "Route 53 stopped answering with the load balancer node in " + InAz(e.az);
          },
          [](const LbNodeAddedToDns& e) {
            return "Route 53 answers with the load balancer node in " + InAz(e.az) + " again";
          },
          [](const CacheNodeFailed& e) {
            return "cache node in " + InAz(e.az) + " failed" +
                   (e.data_lost ? ": " + std::to_string(e.keys_lost) + " keys lost" : "");
          },
          [](const CacheFailoverStarted& e) {
            return "cache failover from " + InAz(e.from) + " to " + InAz(e.to) + " started" +
                   (e.sessions_lost ? ": " + std::to_string(e.sessions_lost) + " session writes not yet replicated were lost" : "");
          },
          [](const CacheFailoverCompleted& e) {
            return "cache failover completed: primary in " + InAz(e.new_primary);
          },
          [](const CacheNodeRestored& e) {
            return "cache node in " + InAz(e.az) + " restored" + (e.empty ? " (empty)" : "");
          },
          [](const RdsPrimaryFailed& e) {
            return "RDS primary in " + InAz(e.az) + " failed" +
                   (e.has_standby ? ": failing over to the standby" : ": no standby");
          },
          [](const RdsFailoverCompleted& e) {
            return "RDS failover completed after " + std::to_string(e.downtime_us / kUsPerS) +
                   " s: primary in " + InAz(e.new_primary);
          },
          [](const RdsNodeRestored& e) {
            return "RDS node in " + InAz(e.az) + " restored" + (e.as_primary ? " as primary" : "");
          },
          [](const ReplicaLagChanged& e) {
            return "replica " + (e.replica < 0 ? std::string("all") : std::to_string(e.replica)) +
                   " lag now " + std::to_string(e.lag_ms) + " ms";
          },
          [](const ReplicaPromoted& e) {
            return "replica " + std::to_string(e.replica) + " promoted in " + InAz(e.az) + ": " +
                   std::to_string(e.writes_lost) + " committed writes lost";
          },
          [](const DesiredCapacityChanged& e) {
            return "desired capacity " + std::to_string(e.from) + " -> " + std::to_string(e.to) +
                   " (" + std::string(Name(e.cause)) + ")";
          },
          [](const TrafficSpikeStarted& e) {
            return "traffic spike x" + std::to_string(e.multiplier_pct / 100) + "." +
                   std::to_string(e.multiplier_pct % 100 / 10) + ": " +
                   std::to_string(e.extra_shoppers) + " extra shoppers";
          },
          [](const TrafficSpikeEnded&) { return std::string("traffic spike ended"); },
          [](const CartLost& e) {
            return Shopper(e.shopper) + " lost their cart (" + std::string(Name(e.cause)) +
                   "): had " + std::to_string(e.expected_units) + " items, shown " +
                   std::to_string(e.shown_units);
          },
          [](const ShopperGaveUp& e) {
            return Shopper(e.shopper) + " gave up: " + Dollars(e.cart_cents) + " not spent";
          },
          [](const CookieTooLarge& e) {
            return Shopper(e.shopper) + ": Set-Cookie of " + std::to_string(e.bytes) +
                   " bytes dropped by the browser (limit 4096)";
          },
          [](const CookieRejected& e) {
            return Shopper(e.shopper) + ": " + std::string(Describe(e.reason));
          },
          [](const TamperAccepted& e) {
            return Shopper(e.shopper) + ": edited cart cookie trusted, " + Dollars(e.cents_off) +
                   " off";
          },
          [](const ConnectionDenied& e) {
            return "request " + std::to_string(e.request_id) + ": " + Describe(e.verdict);
          },
          [](const AttackAttempt& e) {
            return "attacker to " + std::string(Name(e.target)) + ": " + Describe(e.verdict);
          },
          [](const SettingChanged& e) {
            return "setting changed: " + std::string(CommandNameAt(e.command_index));
          },
          [](const CommandRejected& e) { return "command rejected: " + std::string(Name(e.reason)); },
      },
      event);
}

}  // namespace sim
