#include "ui/story_text.h"

#include <cstring>
#include <utility>

#include "statelab/commands.h"
#include "ui/model_text.h"
#include "ui/strings.h"

namespace ui {

namespace {

using ull = unsigned long long;

const char* MetricWords(sim::Metric m, sim::Lang l) {
  switch (m) {
    case sim::Metric::CacheHitRatio1s: return Tr(S::StoryMCacheHit, l);
    case sim::Metric::DbPrimaryCpuPct: return Tr(S::StoryMDbCpu, l);
    case sim::Metric::DbReplicaCpuPctMax: return Tr(S::StoryMReplicaCpu, l);
    case sim::Metric::CartsLostPerS: return Tr(S::StoryMCartsLost, l);
    case sim::Metric::StaleReadsPerS: return Tr(S::StoryMStale, l);
    case sim::Metric::InstancesInService: return Tr(S::StoryMInstances, l);
    case sim::Metric::InstanceCpuPct: return Tr(S::StoryMInstanceCpu, l);
    case sim::Metric::InstanceCpuPctMax: return Tr(S::StoryMInstanceCpuMax, l);
    case sim::Metric::Rps: return Tr(S::StoryMRps, l);
    case sim::Metric::P99Ms: return Tr(S::StoryMP99, l);
    default: return sim::InfoOf(m).name.data();
  }
}

std::string Value(sim::Metric m, double v, sim::Lang l) {
  return MetricValueText(v, sim::FormatOf(sim::InfoOf(m)), l, true);
}

// "84 s" / "84초", "3 min" / "3분": SpanText with its unit in the learner's language.
std::string Span(sim::TimeUs us, sim::Lang l) {
  std::string text = SpanText(us);
  if (l == sim::Lang::En) return text;
  for (const auto& [en, ko] : {std::pair{" min", "분"}, std::pair{" h", "시간"}, std::pair{" s", "초"}}) {
    if (const size_t at = text.rfind(en); at != std::string::npos && at + std::strlen(en) == text.size()) {
      return text.substr(0, at) + ko;
    }
  }
  return text;
}

std::string AzText(sim::Az az) { return std::string(sim::Name(az)); }

void Append(std::string& out, const std::string& part) {
  if (part.empty()) return;
  if (!out.empty()) out += ", ";
  out += part;
}

// Carts, shoppers and money; errors; then the line's own counts.
std::string Effects(const sim::StoryLine& x, sim::Lang l) {
  std::string out;
  if (x.carts_lost > 0) Append(out, Fmt(l, S::StoryCartsLost, static_cast<ull>(x.carts_lost)));
  if (x.gave_up > 0) Append(out, Fmt(l, S::StoryGaveUp, static_cast<ull>(x.gave_up)));
  if (x.revenue_lost_cents > 0) Append(out, Fmt(l, S::StoryRevenueLost, MoneyText(static_cast<int64_t>(x.revenue_lost_cents)).c_str()));
  if (x.errors > 0) Append(out, Fmt(l, S::StoryErrors, static_cast<ull>(x.errors)));
  if (x.kind == sim::StoryKind::DbLost) Append(out, Fmt(l, S::StoryAddressesLost, static_cast<ull>(x.addresses_lost)));
  if (x.kind == sim::StoryKind::ReplicaLag) Append(out, Fmt(l, S::StoryStaleReads, static_cast<ull>(x.stale_reads)));
  return out;
}

}  // namespace

StoryWords StoryLineWords(const sim::StoryLine& x, sim::Lang l) {
  StoryWords w;
  w.when = ClockText(x.at_us);
  const std::string zone = Fmt(l, S::StoryZoneLost, AzText(x.az).c_str());
  std::string effect = Effects(x, l);
  switch (x.kind) {
    case sim::StoryKind::InstanceLost:
      w.cause = Fmt(l, S::StoryInstanceLost, sim::FormatInstanceId(x.instance).c_str(), CauseText(x.termination, l));
      w.mechanism = x.sessions_lost > 0 ? Fmt(l, S::StoryMemorySessions, x.sessions_lost, x.carts_at_risk)
                                        : std::string(Tr(S::StoryNoMemorySessions, l));
      break;
    case sim::StoryKind::ZoneLost:
      w.cause = zone;
      w.mechanism = x.sessions_lost > 0 ? Fmt(l, S::StoryCutOffSessions, x.instances, x.sessions_lost)
                    : x.instances > 0   ? Fmt(l, S::StoryCutOff, x.instances)
                                        : std::string(Tr(S::StoryCutOffNone, l));
      break;
    case sim::StoryKind::CacheLost:
      w.cause = x.via_zone ? zone : Fmt(l, S::StoryCacheLost, AzText(x.az).c_str());
      if (x.standby) {
        const std::string took = x.recovery_us >= 0 ? Span(x.recovery_us, l) : "…";
        w.mechanism = x.sessions_lost > 0 ? Fmt(l, S::StoryCacheFailoverLag, took.c_str(), x.sessions_lost)
                                          : Fmt(l, S::StoryCacheFailover, took.c_str());
      } else {
        w.mechanism = x.recovery_us >= 0 ? Fmt(l, S::StoryCacheDown, x.sessions_lost, Span(x.recovery_us, l).c_str())
                                         : Fmt(l, S::StoryCacheStillDown, x.sessions_lost);
      }
      break;
    case sim::StoryKind::DbLost:
      w.cause = x.via_zone ? zone : Fmt(l, S::StoryDbLost, AzText(x.az).c_str());
      if (x.standby) {
        w.mechanism = x.recovery_us >= 0 ? Fmt(l, S::StoryDbFailover, Span(x.recovery_us, l).c_str()) : Tr(S::StoryDbFailing, l);
      } else {
        w.mechanism = x.recovery_us >= 0 ? Fmt(l, S::StoryDbDown, Span(x.recovery_us, l).c_str()) : Tr(S::StoryDbStillDown, l);
      }
      break;
    case sim::StoryKind::Setting: {
      w.cause = Fmt(l, S::StorySetting, CommandText(x.command_index, l));
      if (x.metric == sim::Metric::TimeS) {
        w.mechanism = Tr(S::StoryNoMetric, l);
        break;
      }
      const sim::TimeUs took = (x.after_at_us >= 0 ? x.after_at_us : x.at_us) - x.at_us;
      w.mechanism = Fmt(l, S::StoryWithin, Span(took, l).c_str());
      // Before the run's first whole second there is no "before" to read: only where it went.
      auto moved = [&](sim::Metric m, double before, double after) {
        return x.before_known ? Fmt(l, S::StoryChange, MetricWords(m, l), Value(m, before, l).c_str(), Value(m, after, l).c_str())
                              : Fmt(l, S::StoryTo, MetricWords(m, l), Value(m, after, l).c_str());
      };
      std::string change = moved(x.metric, x.before, x.after);
      if (x.metric2 != sim::Metric::TimeS) Append(change, moved(x.metric2, x.before2, x.after2));
      Append(change, effect);
      effect = change;
      break;
    }
    case sim::StoryKind::Spike:
      w.cause = Fmt(l, S::StorySpike, static_cast<int>(x.amount));
      w.mechanism = x.recovery_us >= 0
                        ? Fmt(l, S::StorySpikeP99, Value(x.metric, x.before, l).c_str(), Value(x.metric, x.after, l).c_str(),
                              Span(x.recovery_us, l).c_str())
                        : Fmt(l, S::StorySpikeP99Open, Value(x.metric, x.before, l).c_str(), Value(x.metric, x.after, l).c_str());
      break;
    case sim::StoryKind::ReplicaLag:
      w.cause = x.replica < 0 ? Fmt(l, S::StoryReplicasLag, LatencyText(x.amount * 1000).c_str())
                              : Fmt(l, S::StoryReplicaLag, static_cast<int>(x.replica) + 1, LatencyText(x.amount * 1000).c_str());
      w.mechanism = x.recovery_us >= 0 ? Fmt(l, S::StoryLagFor, Span(x.recovery_us, l).c_str()) : Tr(S::StoryLagOpen, l);
      break;
    case sim::StoryKind::ReplicaPromoted:
      w.cause = Fmt(l, S::StoryReplicaPromoted, static_cast<int>(x.replica) + 1);
      w.mechanism = Tr(S::StoryStandalone, l);
      effect = Fmt(l, S::StoryWritesLost, static_cast<ull>(x.addresses_lost));
      break;
    case sim::StoryKind::StandingLoss:
      switch (x.loss) {
        case sim::LossCause::SessionNotFound: w.cause = Tr(S::StoryNoStickiness, l); break;
        case sim::LossCause::CookieDropped: w.cause = Tr(S::StoryBigCookie, l); break;
        case sim::LossCause::SessionExpired: w.cause = Tr(S::StoryIdle, l); break;
        case sim::LossCause::StrategyChanged: w.cause = Tr(S::StoryStrategy, l); break;
        case sim::LossCause::InstanceGone:
        case sim::LossCause::CacheDataLost:
        case sim::LossCause::ReplicationLag: w.cause = LossText(x.loss, l); break;
      }
      w.mechanism = LossText(x.loss, l);
      break;
    case sim::StoryKind::Tampering:
      w.cause = Tr(S::StoryUnsigned, l);
      w.mechanism = Tr(S::StoryTrusted, l);
      effect = Fmt(l, S::StoryCookies, static_cast<ull>(x.count));
      Append(effect, Fmt(l, S::StoryRevenueLost, MoneyText(static_cast<int64_t>(x.revenue_lost_cents)).c_str()));
      break;
    case sim::StoryKind::CookiesRejected:
      w.cause = Tr(S::StoryEdited, l);
      w.mechanism = Tr(S::StoryRefused, l);
      effect = Fmt(l, S::StoryCookies, static_cast<ull>(x.count));
      Append(effect, Tr(S::StoryNothingLost, l));
      break;
    case sim::StoryKind::Attack:
      w.cause = Fmt(l, S::StoryAttack, TargetText(x.target, l));
      w.mechanism = Tr(S::StorySecurityGroups, l);
      effect = Fmt(l, S::StoryAttempts, static_cast<ull>(x.count), static_cast<ull>(x.count2));
      break;
    case sim::StoryKind::ScaledOut:
      w.cause = Tr(S::StoryTargetTracking, l);
      w.mechanism = Fmt(l, S::StoryDesired, static_cast<long long>(x.amount), static_cast<long long>(x.amount2));
      effect = Fmt(l, S::StoryAdjusted, static_cast<ull>(x.count));
      break;
  }
  w.effect = effect.empty() ? Tr(S::StoryNothingLost, l) : effect;
  return w;
}

std::string StoryLineText(const sim::StoryLine& line, sim::Lang lang) {
  const StoryWords w = StoryLineWords(line, lang);
  return w.when + " " + w.cause + " → " + w.mechanism + " → " + w.effect;
}

std::string StoryText(const sim::Story& story, sim::Lang lang) {
  std::string out;
  for (const sim::StoryLine& line : story.lines) out += StoryLineText(line, lang) + "\n";
  if (story.lines.empty()) out += std::string(Tr(S::StoryNothing, lang)) + "\n";
  if (story.events_missed > 0) out += Fmt(lang, S::StoryMissed, static_cast<ull>(story.events_missed)) + "\n";
  return out;
}

}  // namespace ui
