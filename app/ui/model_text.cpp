#include "statelab/overloaded.h"
#include "ui/model_text.h"

#include <algorithm>
#include <cinttypes>
#include <cmath>
#include <cstdio>
#include <optional>
#include <utility>

#include "statelab/commands.h"
#include "statelab/sim.h"
#include "ui/strings.h"

namespace ui {

using sim::Overloaded;

namespace {

std::string AzText(sim::Az az) { return std::string(sim::Name(az)); }
}  // namespace

const char* OutcomeText(sim::Outcome o, sim::Lang l) {
  static constexpr S kIds[sim::kOutcomeCount] = {
      S::OutOk, S::OutStaleRead, S::OutCartLost, S::OutTamperAccepted, S::OutCookieRejected,
      S::OutDeniedBySg, S::OutLbNodeUnreachable, S::OutNoHealthyTarget, S::OutTargetUnreachable,
      S::OutInstanceOverloaded, S::OutSessionStoreUnavailable, S::OutDbUnavailable,
      S::OutDbTimeout};
  const auto i = static_cast<size_t>(o);
  return i < sim::kOutcomeCount ? Tr(kIds[i], l) : "?";
}

const char* KindText(sim::RequestKind k, sim::Lang l) {
  static constexpr S kIds[sim::kRequestKindCount] = {S::KindBrowse, S::KindAddToCart,
                                                     S::KindViewCart, S::KindUpdateAddress,
                                                     S::KindCheckout};
  const auto i = static_cast<size_t>(k);
  return i < sim::kRequestKindCount ? Tr(kIds[i], l) : "?";
}

const char* InstanceStateText(sim::InstanceState s, sim::Lang l) {
  switch (s) {
    case sim::InstanceState::Pending: return Tr(S::StPending, l);
    case sim::InstanceState::InService: return Tr(S::StInService, l);
    case sim::InstanceState::Unhealthy: return Tr(S::StUnhealthy, l);
    case sim::InstanceState::Terminated: return Tr(S::StTerminated, l);
  }
  return "?";
}

const char* CacheStateText(sim::CacheState s, sim::Lang l) {
  switch (s) {
    case sim::CacheState::Available: return Tr(S::CacheAvailable, l);
    case sim::CacheState::FailingOver: return Tr(S::CacheFailingOver, l);
    case sim::CacheState::Down: return Tr(S::CacheDown, l);
  }
  return "?";
}

const char* RoleText(sim::RdsRole r, sim::Lang l) {
  switch (r) {
    case sim::RdsRole::Primary: return Tr(S::RolePrimary, l);
    case sim::RdsRole::Standby: return Tr(S::RoleStandby, l);
    case sim::RdsRole::Replica: return Tr(S::RoleReplica, l);
    case sim::RdsRole::Failed: return Tr(S::RoleFailed, l);
    case sim::RdsRole::None: break;
  }
  return "-";
}

const char* ComponentText(sim::Component c, sim::Lang l) {
  switch (c) {
    case sim::Component::Browser: return Tr(S::CompBrowser, l);
    case sim::Component::Route53: return Tr(S::CompRoute53, l);
    case sim::Component::LoadBalancer: return Tr(S::CompLb, l);
    case sim::Component::WebInstance: return Tr(S::CompWeb, l);
    case sim::Component::ElastiCache: return Tr(S::CompCache, l);
    case sim::Component::DynamoDb: return Tr(S::CompDynamo, l);
    case sim::Component::RdsPrimary: return Tr(S::CompRdsPrimary, l);
    case sim::Component::RdsReplica: return Tr(S::CompRdsReplica, l);
  }
  return "?";
}

const char* HopText(sim::HopResult r, sim::Lang l) {
  static constexpr S kIds[] = {
      S::HopOk, S::HopResolved, S::HopRouted, S::HopStickyRouted, S::HopStickyRerouted,
      S::HopSessionFound, S::HopSessionNotFound, S::HopSessionSaved, S::HopCookieAccepted,
      S::HopCookieTampered, S::HopCookieBadSignature, S::HopCookieDropped, S::HopCookieSet,
      S::HopCacheHit, S::HopCacheMiss, S::HopCacheSet, S::HopCacheInvalidated, S::HopDbRead,
      S::HopDbReadStale, S::HopDbWrite, S::HopDenied, S::HopUnreachable, S::HopOverloaded,
      S::HopUnavailable, S::HopTimeout, S::HopNoTarget};
  const auto i = static_cast<size_t>(r);
  return i < sizeof kIds / sizeof kIds[0] ? Tr(kIds[i], l) : "?";
}

const char* LossText(sim::LossCause c, sim::Lang l) {
  switch (c) {
    case sim::LossCause::SessionNotFound: return Tr(S::LossSessionNotFound, l);
    case sim::LossCause::InstanceGone: return Tr(S::LossInstanceGone, l);
    case sim::LossCause::CacheDataLost: return Tr(S::LossCacheDataLost, l);
    case sim::LossCause::SessionExpired: return Tr(S::LossSessionExpired, l);
    case sim::LossCause::CookieDropped: return Tr(S::LossCookieDropped, l);
    case sim::LossCause::StrategyChanged: return Tr(S::LossStrategyChanged, l);
    case sim::LossCause::ReplicationLag: return Tr(S::LossReplicationLag, l);
  }
  return "?";
}

const char* CookieErrorText(sim::CookieError e, sim::Lang l) {
  static constexpr S kIds[] = {S::CookieErrNone,       S::CookieErrMalformed,    S::CookieErrBadVersion,
                               S::CookieErrBadBase64,  S::CookieErrBadLine,      S::CookieErrUnknownSku,
                               S::CookieErrTooManyLines, S::CookieErrMissingSignature, S::CookieErrBadSignature};
  const auto i = static_cast<size_t>(e);
  return i < sizeof kIds / sizeof kIds[0] ? Tr(kIds[i], l) : "?";
}

const char* CauseText(sim::TerminationCause c, sim::Lang l) {
  switch (c) {
    case sim::TerminationCause::Command: return Tr(S::CauseCommand, l);
    case sim::TerminationCause::Unhealthy: return Tr(S::CauseUnhealthy, l);
    case sim::TerminationCause::ScaleIn: return Tr(S::CauseScaleIn, l);
    case sim::TerminationCause::AzRebalance: return Tr(S::CauseRebalance, l);
  }
  return "?";
}
const char* TargetText(sim::AttackTarget t, sim::Lang l) {
  switch (t) {
    case sim::AttackTarget::LoadBalancer: return Tr(S::TargetLb, l);
    case sim::AttackTarget::Instance: return Tr(S::TargetInstance, l);
    case sim::AttackTarget::Cache: return Tr(S::TargetCache, l);
    case sim::AttackTarget::Database: return Tr(S::TargetDb, l);
  }
  return "?";
}

std::string EventText(const sim::Event& event, sim::Lang l, const sim::Sim* sim) {
  auto id = [](sim::InstanceId i) { return sim::FormatInstanceId(i); };
  auto shopper = [l, sim](sim::ShopperId s) { return ShopperLabel(s, sim, l); };
  const sim::SecurityGroups* groups = sim != nullptr ? &sim->security_groups() : nullptr;
  return std::visit(
      Overloaded{
          [&](const sim::InstanceLaunched& e) {
            return Fmt(l, S::EvInstanceLaunched, id(e.instance).c_str(), AzText(e.az).c_str());
          },
          [&](const sim::InstanceInService& e) {
            return Fmt(l, S::EvInstanceInService, id(e.instance).c_str());
          },
          [&](const sim::InstanceUnhealthy& e) {
            return Fmt(l, S::EvInstanceUnhealthy, id(e.instance).c_str());
          },
          [&](const sim::InstanceTerminated& e) {
            return Fmt(l, S::EvInstanceTerminated, id(e.instance).c_str(), CauseText(e.cause, l),
                       e.sessions_lost, e.carts_at_risk);
          },
          [&](const sim::AzFailed& e) { return Fmt(l, S::EvAzFailed, AzText(e.az).c_str()); },
          [&](const sim::AzRestored& e) { return Fmt(l, S::EvAzRestored, AzText(e.az).c_str()); },
          [&](const sim::LbNodeRemovedFromDns& e) {
            return Fmt(l, S::EvLbRemoved, AzText(e.az).c_str());
          },
          [&](const sim::LbNodeAddedToDns& e) { return Fmt(l, S::EvLbAdded, AzText(e.az).c_str()); },
          [&](const sim::CacheNodeFailed& e) {
            return Fmt(l, S::EvCacheNodeFailed, AzText(e.az).c_str(), e.keys_lost);
          },
          [&](const sim::CacheFailoverStarted& e) {
            if (e.sessions_lost > 0) {
              return Fmt(l, S::EvCacheFailoverLost, AzText(e.from).c_str(), AzText(e.to).c_str(), e.sessions_lost);
            }
            return Fmt(l, S::EvCacheFailoverStarted, AzText(e.from).c_str(), AzText(e.to).c_str());
          },
          [&](const sim::CacheFailoverCompleted& e) {
            return Fmt(l, S::EvCacheFailoverCompleted, AzText(e.new_primary).c_str());
          },
          [&](const sim::CacheNodeRestored& e) {
            return Fmt(l, S::EvCacheNodeRestored, AzText(e.az).c_str());
          },
          [&](const sim::RdsPrimaryFailed& e) {
            return Fmt(l, e.has_standby ? S::EvRdsPrimaryFailedStandby : S::EvRdsPrimaryFailed,
                       AzText(e.az).c_str());
          },
          [&](const sim::RdsFailoverCompleted& e) {
            return Fmt(l, S::EvRdsFailoverCompleted, AzText(e.new_primary).c_str(),
                       SpanText(e.downtime_us).c_str());
          },
          [&](const sim::RdsNodeRestored& e) {
            return Fmt(l, S::EvRdsNodeRestored, AzText(e.az).c_str());
          },
          [&](const sim::ReplicaLagChanged& e) {
            const std::string lag = LatencyText(e.lag_ms * 1000);
            if (e.replica < 0) return Fmt(l, S::EvReplicaLagAll, lag.c_str());
            return Fmt(l, S::EvReplicaLag, e.replica + 1, lag.c_str());
          },
          [&](const sim::ReplicaPromoted& e) {
            return Fmt(l, S::EvReplicaPromoted, e.replica + 1, AzText(e.az).c_str(), e.writes_lost);
          },
          [&](const sim::DesiredCapacityChanged& e) { return Fmt(l, S::EvCapacity, e.from, e.to); },
          [&](const sim::TrafficSpikeStarted& e) {
            return Fmt(l, S::EvSpikeStarted, e.multiplier_pct, e.extra_shoppers);
          },
          [&](const sim::TrafficSpikeEnded&) { return std::string(Tr(S::EvSpikeEnded, l)); },
          [&](const sim::CartLost& e) {
            return Fmt(l, S::EvCartLost, shopper(e.shopper).c_str(),
                       static_cast<unsigned>(e.expected_units), static_cast<unsigned>(e.shown_units),
                       LossText(e.cause, l));
          },
          [&](const sim::ShopperGaveUp& e) {
            return Fmt(l, S::EvGaveUp, shopper(e.shopper).c_str(), MoneyText(e.cart_cents).c_str());
          },
          [&](const sim::CookieTooLarge& e) {
            return Fmt(l, S::EvCookieTooLarge, shopper(e.shopper).c_str(), e.bytes);
          },
          [&](const sim::CookieRejected& e) {
            return Fmt(l, S::EvCookieRejected, shopper(e.shopper).c_str(), CookieErrorText(e.reason, l));
          },
          [&](const sim::TamperAccepted& e) {
            return Fmt(l, S::EvTamperAccepted, shopper(e.shopper).c_str(),
                       MoneyText(e.cents_off).c_str());
          },
          [&](const sim::ConnectionDenied& e) {
            return Fmt(l, S::EvConnectionDenied, static_cast<unsigned long long>(e.request_id),
                       VerdictText(e.verdict, l, groups).c_str());
          },
          [&](const sim::AttackAttempt& e) {
            return Fmt(l, S::EvAttack, TargetText(e.target, l), VerdictText(e.verdict, l, groups).c_str());
          },
          [&](const sim::SettingChanged& e) {
            return Fmt(l, S::EvSettingChanged, CommandText(e.command_index, l));
          },
          [&](const sim::CommandRejected& e) {
            return Fmt(l, S::EvCommandRejected, CommandText(e.command_index, l),
                       RejectReasonText(e.reason, l));
          },
      },
      event);
}

bool IsImportant(const sim::Event& event) {
  // What happens to a named shopper (Alice) is the lesson's story: always shown.
  const auto named = [](sim::ShopperId id) { return id.scripted(); };
  if (const auto* e = std::get_if<sim::CartLost>(&event)) return named(e->shopper);
  if (const auto* e = std::get_if<sim::ShopperGaveUp>(&event)) return named(e->shopper);
  if (const auto* e = std::get_if<sim::CookieRejected>(&event)) return named(e->shopper);
  if (const auto* e = std::get_if<sim::CookieTooLarge>(&event)) return named(e->shopper);
  if (const auto* e = std::get_if<sim::TamperAccepted>(&event)) return named(e->shopper);
  return !std::holds_alternative<sim::CartLost>(event) &&
         !std::holds_alternative<sim::ShopperGaveUp>(event) &&
         !std::holds_alternative<sim::ConnectionDenied>(event) &&
         !std::holds_alternative<sim::CookieRejected>(event) &&
         !std::holds_alternative<sim::CookieTooLarge>(event) &&
         !std::holds_alternative<sim::TamperAccepted>(event);
}

bool IsAnnounced(const sim::Event& event) {
  return std::holds_alternative<sim::InstanceTerminated>(event) ||
         std::holds_alternative<sim::AzFailed>(event) ||
         std::holds_alternative<sim::AzRestored>(event) ||
         std::holds_alternative<sim::CacheNodeFailed>(event) ||
         std::holds_alternative<sim::CacheFailoverCompleted>(event) ||
         std::holds_alternative<sim::RdsPrimaryFailed>(event) ||
         std::holds_alternative<sim::RdsFailoverCompleted>(event) ||
         std::holds_alternative<sim::ReplicaPromoted>(event) ||
         std::holds_alternative<sim::TrafficSpikeStarted>(event);
}

std::string EndpointText(const sim::Endpoint& e) {
  if (e.has_group) return std::string(sim::Name(e.group)) + " (" + sim::FormatIp(e.ip) + ")";
  return sim::FormatIp(e.ip);
}

std::string VerdictText(const sim::SgVerdict& v, sim::Lang l, const sim::SecurityGroups* groups) {
  const std::string group(sim::Name(v.group));
  if (!v.allowed) {
    return Fmt(l, S::SgDeniedBy, group.c_str(), EndpointText(v.source).c_str(),
               static_cast<unsigned>(v.port));
  }
  std::string rule = "#" + std::to_string(v.rule_index + 1);
  if (groups != nullptr && v.rule_index >= 0) {
    const auto& rules = groups->rules[static_cast<size_t>(v.group)];
    if (static_cast<size_t>(v.rule_index) < rules.size()) {
      rule += " (" + sim::DescribeRule(rules[static_cast<size_t>(v.rule_index)]) + ")";
    }
  }
  return Fmt(l, S::SgAllowedBy, group.c_str(), rule.c_str());
}


namespace {
// Every command's label, in Command order (checked at compile time): the learner's words for
// events about a command, never its scenario verb.
struct CommandLabel {
  uint32_t command;
  S label;
};
template <class T>
constexpr CommandLabel L(S label) {
  return {sim::kCommandIndex<T>, label};
}
constexpr CommandLabel kCommandLabels[] = {
    L<sim::SetStickiness>(S::Stickiness),
    L<sim::SetRouting>(S::Routing),
    L<sim::SetHealthCheck>(S::HealthCheckSetting),
    L<sim::SetSessionStrategy>(S::SessionStrategy),
    L<sim::SetSessionStore>(S::SessionStoreLabel),
    L<sim::SetCookieSigning>(S::CookieSigning),
    L<sim::SetSessionIdleTimeout>(S::IdleTimeoutSetting),
    L<sim::SetCacheMode>(S::CacheMode),
    L<sim::SetCacheInvalidation>(S::CacheInvalidation),
    L<sim::SetCacheTtl>(S::CacheTtl),
    L<sim::SetCacheMultiAz>(S::CacheMultiAz),
    L<sim::SetReplicaCount>(S::ReplicaCount),
    L<sim::SetReplicaLag>(S::ReplicaLagBase),
    L<sim::SetReadRouting>(S::ReadRoutingLabel),
    L<sim::SetRdsMultiAz>(S::RdsMultiAz),
    L<sim::SetAsgCapacity>(S::AsgCapacity),
    L<sim::SetLaunchDelay>(S::LaunchDelaySetting),
    L<sim::SetTargetTracking>(S::TargetTracking),
    L<sim::SetSgRule>(S::SecurityGroups),
    L<sim::RemoveSgRule>(S::SecurityGroups),
    L<sim::SetSgRules>(S::SecurityGroups),
    L<sim::SetShopperCount>(S::ShopperCount),
    L<sim::SetThinkTime>(S::ThinkTimeSetting),
    L<sim::SetBehaviourMix>(S::BehaviourMixSetting),
    L<sim::SetGiveUpPct>(S::GiveUpSetting),
    L<sim::ShopperAction>(S::ShopperActions),
    L<sim::ShopperNewVisit>(S::NewVisit),
    L<sim::FollowShopper>(S::FollowRequests),
    L<sim::TamperCookie>(S::Tamper),
    L<sim::AttackerConnect>(S::Attacker),
    L<sim::TerminateInstance>(S::TerminateInstance),
    L<sim::FailAz>(S::FailAz),
    L<sim::RestoreAz>(S::RestoreAz),
    L<sim::FailCachePrimary>(S::FailCache),
    L<sim::RestoreCache>(S::RestoreCache),
    L<sim::FailRdsPrimary>(S::FailRds),
    L<sim::RestoreRds>(S::RestoreRds),
    L<sim::AddReplicaLag>(S::ReplicaLag),
    L<sim::PromoteReadReplica>(S::PromoteReplica),
    L<sim::TrafficSpike>(S::TrafficSpike),
};
constexpr bool EveryCommandInOrder() {
  if (std::size(kCommandLabels) != sim::kCommandCount) return false;
  for (uint32_t i = 0; i < sim::kCommandCount; ++i) {
    if (kCommandLabels[i].command != i) return false;
  }
  return true;
}
static_assert(EveryCommandInOrder(), "one label per command, in Command order");
}  // namespace

const char* CommandText(uint32_t command_index, sim::Lang l) {
  return command_index < sim::kCommandCount ? Tr(kCommandLabels[command_index].label, l) : "?";
}

const char* RejectReasonText(sim::RejectReason reason, sim::Lang l) {
  switch (reason) {  // exhaustive: a new reason without a translation does not build (-Werror)
    case sim::RejectReason::NoSuchShopper: return Tr(S::RejectNoShopper, l);
    case sim::RejectReason::NoRunningInstance: return Tr(S::RejectNoInstance, l);
    case sim::RejectReason::NoCachePrimary: return Tr(S::RejectNoCachePrimary, l);
    case sim::RejectReason::RdsAlreadyDown: return Tr(S::RejectRdsDown, l);
    case sim::RejectReason::NoCartCookie: return Tr(S::RejectNoCartCookie, l);
    case sim::RejectReason::NoSessionCookie: return Tr(S::RejectNoSessionCookie, l);
    case sim::RejectReason::NoSuchReplica: return Tr(S::RejectNoReplica, l);
    case sim::RejectReason::NoSuchReplicaOrDown: return Tr(S::RejectNoReplicaUp, l);
  }
  return "?";
}

const char* ProgressCodeProblemText(sim::ProgressCodeProblem problem, sim::Lang l) {
  switch (problem) {
    case sim::ProgressCodeProblem::NotACode: return Tr(S::ProgressCodeNotACode, l);
    case sim::ProgressCodeProblem::NewerVersion: return Tr(S::ProgressCodeNewer, l);
    case sim::ProgressCodeProblem::Damaged: return Tr(S::ProgressCodeDamaged, l);
    case sim::ProgressCodeProblem::OutOfRange: return Tr(S::ProgressCodeOutOfRange, l);
    case sim::ProgressCodeProblem::TooLong: return Tr(S::ProgressCodeTooLong, l);
  }
  return Tr(S::ProgressCodeDamaged, l);
}

const char* UrlProblemText(sim::UrlProblem problem, sim::Lang l) {
  switch (problem) {  // exhaustive: a new problem without a translation does not build (-Werror)
    case sim::UrlProblem::TooLong: return Tr(S::UrlTooLong, l);
    case sim::UrlProblem::NotKeyValue: return Tr(S::UrlNotKeyValue, l);
    case sim::UrlProblem::BrokenEscape: return Tr(S::UrlBrokenEscape, l);
    case sim::UrlProblem::BadLesson: return Tr(S::UrlBadLesson, l);
    case sim::UrlProblem::BadStep: return Tr(S::UrlBadStep, l);
    case sim::UrlProblem::BadSeed: return Tr(S::UrlBadSeed, l);
    case sim::UrlProblem::UnknownKey: return Tr(S::UrlUnknownKey, l);
    case sim::UrlProblem::BadRun: return Tr(S::UrlBadRun, l);
    case sim::UrlProblem::NewerRun: return Tr(S::UrlNewerRun, l);
  }
  return "?";
}

std::string LinkPartsText(const std::vector<sim::UrlDropped>& dropped, sim::Lang l) {
  std::string parts;
  for (const sim::UrlDropped& d : dropped) {
    if (!parts.empty()) parts += "; ";
    if (!d.key.empty()) parts += d.key + ": ";
    parts += UrlProblemText(d.problem, l);
  }
  return parts;
}

std::string LinkDroppedText(const std::vector<sim::UrlDropped>& dropped, sim::Lang l) {
  // Too long: nothing was read, so nothing opens from it.
  if (dropped.size() == 1 && dropped.front().problem == sim::UrlProblem::TooLong) return Tr(S::NoticeLinkTooLong, l);
  return Fmt(l, S::NoticeLinkPartsDropped, LinkPartsText(dropped, l).c_str());
}

std::string ShopperLabel(sim::ShopperId id, const sim::Sim* sim, sim::Lang l) {
  if (!id.valid()) return "?";
  if (id.scripted() && sim != nullptr) {
    if (const sim::Shopper* s = sim->FindShopper(id); s != nullptr && !s->name.empty()) {
      if (s->name == "alice") return Tr(S::Alice, l);
      return s->name;
    }
  }
  return Fmt(l, S::ShopperNumber, id.index());
}

std::string ClockText(sim::TimeUs t_us) {
  const int64_t s = t_us / sim::kUsPerS;
  char buf[32];
  if (s >= 3600) {
    std::snprintf(buf, sizeof buf, "%" PRId64 ":%02d:%02d", s / 3600, static_cast<int>(s / 60 % 60),
                  static_cast<int>(s % 60));
  } else {
    std::snprintf(buf, sizeof buf, "%02d:%02d", static_cast<int>(s / 60), static_cast<int>(s % 60));
  }
  return buf;
}

std::string MetricValueText(double v, sim::MetricFormat format, sim::Lang lang, bool compact) {
  char b[48];
  switch (format) {
    case sim::MetricFormat::Ratio:
      v *= 100.0;
      [[fallthrough]];
    case sim::MetricFormat::Percent:
      std::snprintf(b, sizeof b, compact || v >= 99.95 || v == std::floor(v) ? "%.0f %%" : "%.1f %%", v);
      return b;
    case sim::MetricFormat::Ms:
      if (v >= 1000.0) {
        std::snprintf(b, sizeof b, compact || v >= 10'000 ? "%.0f %s" : "%.1f %s", v / 1000.0, lang == sim::Lang::Ko ? "초" : "s");
      } else {
        std::snprintf(b, sizeof b, compact || v >= 100 ? "%.0f ms" : "%.1f ms", v);
      }
      return b;
    case sim::MetricFormat::Seconds:
      std::snprintf(b, sizeof b, "%.0f %s", v, lang == sim::Lang::Ko ? "초" : "s");
      return b;
    case sim::MetricFormat::Usd:
      return compact && v >= 10'000 ? "$" + std::to_string(static_cast<long long>(v / 1000)) + "k"
                                    : MoneyText(static_cast<int64_t>(std::llround(v * 100.0)));
    case sim::MetricFormat::Bytes:
      if (v >= 10'000) {
        std::snprintf(b, sizeof b, "%.0f KB", v / 1000.0);
      } else {
        std::snprintf(b, sizeof b, "%.0f B", v);
      }
      return b;
    case sim::MetricFormat::Count:
      if (v >= 10'000 && compact) {
        std::snprintf(b, sizeof b, "%.0fk", v / 1000.0);
      } else if (v == std::floor(v) || std::fabs(v) >= 100) {
        std::snprintf(b, sizeof b, "%.0f", v);
      } else {
        std::snprintf(b, sizeof b, "%.3g", v);
      }
      return b;
  }
  return "?";
}

std::string LatencyText(int64_t us) {
  char buf[32];
  if (us < 1000) {
    std::snprintf(buf, sizeof buf, "%d us", static_cast<int>(us));
  } else if (us < 1'000'000) {
    std::snprintf(buf, sizeof buf, "%.1f ms", static_cast<double>(us) / 1000.0);
  } else {
    std::snprintf(buf, sizeof buf, "%.2f s", static_cast<double>(us) / 1e6);
  }
  return buf;
}

std::string SpanText(sim::TimeUs us) {
  char buf[32];
  const double s = static_cast<double>(us) / 1e6;
  if (s < 120) {
    std::snprintf(buf, sizeof buf, "%.0f s", s);
  } else if (s < 7200) {
    std::snprintf(buf, sizeof buf, "%.0f min", s / 60);
  } else {
    std::snprintf(buf, sizeof buf, "%.1f h", s / 3600);
  }
  return buf;
}

std::string Pct(uint32_t bp) {
  char b[16];
  std::snprintf(b, sizeof b, "%u%%", (bp + 50) / 100);
  return b;
}

std::string MoneyText(int64_t cents) {
  const int64_t a = cents < 0 ? -cents : cents;
  char buf[32];
  std::snprintf(buf, sizeof buf, "%s$%" PRId64 ".%02d", cents < 0 ? "-" : "", a / 100,
                static_cast<int>(a % 100));
  return buf;
}

// [SECTION] Comparisons
// Every metric is named here, so a new one is a compile error until it is placed (-Wswitch).
const char* SummaryLabel(sim::Metric metric, sim::Lang lang) {
  using M = sim::Metric;
  switch (metric) {
    case M::Errors: return Tr(S::SumErrors, lang);
    case M::CartsLost: return Tr(S::SumCartsLost, lang);
    case M::RevenueLostUsd: return Tr(S::SumRevenueLost, lang);
    case M::VcpuHours: return Tr(S::SumVcpuHours, lang);
    case M::Orders: return Tr(S::SumOrders, lang);
    case M::StaleReads: return Tr(S::SumStaleReads, lang);
    case M::CacheHits: return Tr(S::SumCacheHits, lang);
    case M::DbReads: return Tr(S::SumDbReads, lang);
    case M::SessionsLost: return Tr(S::SumSessionsLost, lang);
    case M::AddressesLost: return Tr(S::SumAddressesLost, lang);
    case M::RunP99Ms: return Tr(S::SumP99, lang);
    case M::DbPrimaryCpuPct: return Tr(S::SumDbCpu, lang);
    case M::TimeS:
    case M::Requests:
    case M::RequestsOk:
    case M::ErrorPct:
    case M::AngryShoppers:
    case M::RevenueUsd:
    case M::TamperLossUsd:
    case M::CacheMisses:
    case M::CacheHitRatio:
    case M::DbReadsSaved:
    case M::DbReadsPrimary:
    case M::DbReadsReplica:
    case M::DbWrites:
    case M::CookiesDropped:
    case M::CookiesRejected:
    case M::TamperAccepted:
    case M::SgDenied:
    case M::DbUnavailable:
    case M::SessionStoreUnavailable:
    case M::AttacksAllowed:
    case M::AttacksDenied:
    case M::MeanRequestBytes:
    case M::MeanCookieBytes:
    case M::MaxCookieBytes:
    case M::CartCookieBytesMax:
    case M::ForgedSessions:
    case M::SessionsLostToLag:
    case M::MeanLatencyMs:
    case M::RunP50Ms:
    case M::RunP95Ms:
    case M::Rps:
    case M::ErrorsPerS:
    case M::ServedPerS:
    case M::CartsLostPerS:
    case M::StaleReadsPerS:
    case M::P50Ms:
    case M::P95Ms:
    case M::P99Ms:
    case M::DbReplicaCpuPctMax:
    case M::InstanceCpuPct:
    case M::InstanceCpuPctMax:
    case M::InstanceCpuPctMin:
    case M::CartCookieBytes1s:
    case M::SessionStoreMs:
    case M::SgCidrSources:
    case M::SgLooseRules:
    case M::InstancesInService:
    case M::InstancesAzA:
    case M::InstancesAzB:
    case M::InstancesAzC:
    case M::ReplicaLagMsMax:
    case M::CacheHitRatio1s:
    case M::ShoppersActive: return nullptr;
  }
  return nullptr;
}

std::string CostDifferenceText(const sim::CostDifference& difference, sim::Lang lang) {
  std::string text = Fmt(lang, S::CompareCost, MetricValueText(difference.a_usd_month, sim::MetricFormat::Usd, lang).c_str(),
                         MetricValueText(difference.b_usd_month, sim::MetricFormat::Usd, lang).c_str());
  const int unpriced = std::max(difference.a_unpriced, difference.b_unpriced);
  if (unpriced > 0) text += " " + Fmt(lang, S::CompareCostUnpriced, unpriced);
  return text;
}

std::string ComparisonLine(const sim::LessonRun& run, const sim::PriceTable* prices, sim::Lang lang) {
  std::string line = DifferenceLine(run.ComparisonSummary(), lang);
  if (prices != nullptr && run.comparison() != nullptr) {
    line += " · " + CostDifferenceText(run.comparison()->CostSummary(run.sim(), *prices), lang);
  }
  return line;
}

std::string DifferenceLine(const sim::Difference& difference, sim::Lang lang) {
  std::string line;
  for (const sim::DifferenceRow& row : difference.rows) {
    const char* label = SummaryLabel(row.metric, lang);
    if (label == nullptr) continue;
    const sim::MetricFormat format = sim::FormatOf(sim::InfoOf(row.metric));
    if (!line.empty()) line += " · ";
    line += Fmt(lang, S::CompareRow, label, MetricValueText(row.a, format, lang, true).c_str(),
                MetricValueText(row.b, format, lang, true).c_str());
  }
  return line;
}

}  // namespace ui
