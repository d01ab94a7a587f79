// "What happened": the StoryRecorder (explain.h). It reads events as they come and counters at the
// edges of each window, so a story is exact however long the run; the words are in the app's text
// library (app/ui/story_text.cpp).
#include "statelab/explain.h"

#include <algorithm>
#include <array>

#include "statelab/commands.h"
#include "statelab/overloaded.h"
#include "statelab/sim.h"

namespace sim {

namespace {

constexpr std::array<std::string_view, kStoryKindCount> kKindNames = {
    "instance_lost", "zone_lost", "cache_lost", "db_lost", "setting", "spike", "replica_lag",
    "replica_promoted", "standing_loss", "tampering", "cookies_rejected", "attack", "scaled_out",
};

uint64_t Count(const Totals& t, std::initializer_list<Outcome> outcomes) {
  uint64_t n = 0;
  for (Outcome o : outcomes) n += t.by_outcome[static_cast<size_t>(o)];
  return n;
}

// The errors an outage of this kind is answerable for: the outcomes its component gives.
uint64_t ErrorsOf(StoryKind kind, const Totals& t) {
  switch (kind) {
    case StoryKind::ZoneLost: return Count(t, {Outcome::LbNodeUnreachable, Outcome::TargetUnreachable, Outcome::NoHealthyTarget});
    case StoryKind::CacheLost: return Count(t, {Outcome::SessionStoreUnavailable});
    case StoryKind::DbLost: return Count(t, {Outcome::DbUnavailable, Outcome::DbTimeout});
    case StoryKind::Spike: return Count(t, {Outcome::InstanceOverloaded, Outcome::DbTimeout, Outcome::NoHealthyTarget});
    default: return 0;
  }
}

// The metrics a setting is watched by: what it is meant to move.
std::pair<Metric, Metric> WatchedBy(uint32_t command_index) {
  switch (command_index) {
    case kCommandIndex<SetStickiness>:
    case kCommandIndex<SetSessionStrategy>:
    case kCommandIndex<SetSessionStore>:
    case kCommandIndex<SetSessionIdleTimeout>: return {Metric::CartsLostPerS, Metric::TimeS};
    case kCommandIndex<SetCacheMode>: return {Metric::CacheHitRatio1s, Metric::DbPrimaryCpuPct};
    case kCommandIndex<SetCacheTtl>:
    case kCommandIndex<SetCacheInvalidation>: return {Metric::CacheHitRatio1s, Metric::StaleReadsPerS};
    case kCommandIndex<SetReplicaCount>:
    case kCommandIndex<SetReadRouting>: return {Metric::DbPrimaryCpuPct, Metric::DbReplicaCpuPctMax};
    case kCommandIndex<SetReplicaLag>: return {Metric::StaleReadsPerS, Metric::TimeS};
    case kCommandIndex<SetAsgCapacity>:
    case kCommandIndex<SetTargetTracking>: return {Metric::InstancesInService, Metric::InstanceCpuPct};
    case kCommandIndex<SetShopperCount>:
    case kCommandIndex<SetThinkTime>:
    case kCommandIndex<SetBehaviourMix>: return {Metric::Rps, Metric::P99Ms};
    case kCommandIndex<SetRouting>: return {Metric::InstanceCpuPctMax, Metric::P99Ms};
    default: return {Metric::TimeS, Metric::TimeS};
  }
}

// The request's trace, if the ring still holds it (it is recent: the recorder reads every tick).
const RequestTrace* FindTrace(const Sim& sim, uint64_t request_id) {
  const Ring<RequestTrace>& traces = sim.traces();
  for (size_t k = traces.size(); k-- > 0;) {
    const RequestTrace& t = traces[k];
    if (t.id == request_id) return &t;
    if (t.id < request_id) return nullptr;
  }
  return nullptr;
}

bool StickyRerouted(const RequestTrace& t) {
  for (int h = 0; h < t.hop_count; ++h) {
    if (t.hops[static_cast<size_t>(h)].result == HopResult::StickyRerouted) return true;
  }
  return false;
}

// How much a line says, for keeping the largest when a story has too many.
uint64_t Weight(const StoryLine& l) {
  const bool cause = l.kind == StoryKind::InstanceLost || l.kind == StoryKind::ZoneLost || l.kind == StoryKind::CacheLost ||
                     l.kind == StoryKind::DbLost || l.kind == StoryKind::Setting || l.kind == StoryKind::Spike;
  return (cause ? 1'000'000'000ull : 0) + l.carts_lost + l.errors + l.stale_reads + l.count + l.count2 + l.addresses_lost;
}

}  // namespace

std::string_view Name(StoryKind kind) { return kKindNames[static_cast<size_t>(kind)]; }

void StoryRecorder::Begin(const Sim& sim, uint32_t setup_settings) {
  *this = StoryRecorder{};
  setup_settings_ = setup_settings;
  story_.from_us = sim.now_us();
  events_seen_ = sim.events().total_pushed();
}

size_t StoryRecorder::Add(const StoryLine& line) {
  story_.lines.push_back(line);
  return story_.lines.size() - 1;
}

int64_t StoryRecorder::Find(StoryKind kind, TimeUs at_us) const {
  for (size_t k = story_.lines.size(); k-- > 0;) {
    const StoryLine& l = story_.lines[k];
    if (l.kind != kind) continue;
    if (at_us >= 0 && l.at_us != at_us) return -1;
    return static_cast<int64_t>(k);
  }
  return -1;
}

StoryRecorder::Window* StoryRecorder::WindowOf(size_t line) {
  for (Window& w : windows_) {
    if (w.line == line) return &w;
  }
  return nullptr;
}

void StoryRecorder::Fill(const Sim& sim, const Window& w, StoryLine& l) const {
  const Totals& t = sim.totals();
  switch (l.kind) {
    case StoryKind::Setting:
      l.after = ReadMetric(sim, l.metric);
      if (l.metric2 != Metric::TimeS) l.after2 = ReadMetric(sim, l.metric2);
      l.after_at_us = sim.now_us();
      break;
    case StoryKind::ReplicaLag: l.stale_reads = t.stale_reads - w.stale_at_start; break;
    case StoryKind::DbLost:
      l.addresses_lost = t.addresses_lost - w.addresses_at_start;
      l.errors = ErrorsOf(l.kind, t) - w.errors_at_start;
      break;
    default: l.errors = ErrorsOf(l.kind, t) - w.errors_at_start; break;
  }
}

void StoryRecorder::CloseWindow(const Sim& sim, size_t line) {
  for (size_t k = 0; k < windows_.size(); ++k) {
    if (windows_[k].line != line) continue;
    StoryLine& l = story_.lines[line];
    Fill(sim, windows_[k], l);
    if (l.kind != StoryKind::Setting && l.recovery_us < 0) l.recovery_us = sim.now_us() - l.at_us;
    windows_.erase(windows_.begin() + static_cast<std::ptrdiff_t>(k));
    return;
  }
}

void StoryRecorder::Observe(const Sim& sim) {
  const Ring<EventRecord>& events = sim.events();
  const uint64_t total = events.total_pushed();
  if (total > events_seen_) {
    uint64_t fresh = total - events_seen_;
    if (fresh > events.size()) {
      story_.events_missed += fresh - events.size();
      fresh = events.size();
    }
    for (size_t k = events.size() - static_cast<size_t>(fresh); k < events.size(); ++k) OnEvent(sim, events[k]);
    events_seen_ = total;
  }
  // Settings read their "after" when their window ends; a spike keeps its worst second.
  const bool second = sim.now_us() % kUsPerS == 0;
  for (size_t k = 0; k < windows_.size();) {
    StoryLine& l = story_.lines[windows_[k].line];
    if (l.kind == StoryKind::Spike && second) l.after = std::max(l.after, ReadMetric(sim, Metric::P99Ms));
    if (l.kind == StoryKind::Setting && sim.now_us() >= windows_[k].until_us) {
      CloseWindow(sim, windows_[k].line);
      continue;
    }
    ++k;
  }
}

void StoryRecorder::OnEvent(const Sim& sim, const EventRecord& record) {
  const Totals& t = sim.totals();
  const TimeUs now = record.time_us;
  auto open = [&](StoryLine line, TimeUs until_us = -1) {
    line.at_us = now;
    const size_t index = Add(line);
    windows_.push_back({index, until_us, ErrorsOf(line.kind, t), t.addresses_lost, t.stale_reads});
    return index;
  };
  // The AZ failure of this very tick, if one caused this event.
  auto zone_now = [&](Az az) {
    const int64_t z = Find(StoryKind::ZoneLost, now);
    return z >= 0 && story_.lines[static_cast<size_t>(z)].az == az;
  };
  auto standing = [&](LossCause cause) {
    int64_t& index = standing_[static_cast<size_t>(cause)];
    if (index < 0) {
      StoryLine l;
      l.kind = StoryKind::StandingLoss;
      l.loss = cause;
      l.at_us = now;
      index = static_cast<int64_t>(Add(l));
    }
    return index;
  };
  // The one line of a kind a story keeps for all its occurrences, begun at the first.
  auto once = [&](StoryKind kind) {
    const int64_t found = Find(kind);
    if (found >= 0) return static_cast<size_t>(found);
    StoryLine l;
    l.kind = kind;
    l.at_us = now;
    return Add(l);
  };
  std::visit(
      Overloaded{
          [&](const InstanceTerminated& e) {
            if (e.carts_at_risk == 0 && e.sessions_lost == 0 &&
                (e.cause == TerminationCause::ScaleIn || e.cause == TerminationCause::AzRebalance)) {
              return;
            }
            const Instance* in = sim.FindInstance(e.instance);
            const int64_t zone = Find(StoryKind::ZoneLost);
            if (in != nullptr && zone >= 0 && !sim.az_up(in->az) && story_.lines[static_cast<size_t>(zone)].az == in->az) {
              StoryLine& z = story_.lines[static_cast<size_t>(zone)];
              z.sessions_lost += e.sessions_lost;
              z.carts_at_risk += e.carts_at_risk;
              instance_line_ = zone;
              return;
            }
            StoryLine l;
            l.kind = StoryKind::InstanceLost;
            l.instance = e.instance;
            l.termination = e.cause;
            l.sessions_lost = e.sessions_lost;
            l.carts_at_risk = e.carts_at_risk;
            l.at_us = now;
            instance_line_ = static_cast<int64_t>(Add(l));
          },
          [&](const AzFailed& e) {
            StoryLine l;
            l.kind = StoryKind::ZoneLost;
            l.az = e.az;
            for (const Instance& in : sim.instances()) {
              if (in.az == e.az && in.state != InstanceState::Terminated) ++l.instances;
            }
            instance_line_ = static_cast<int64_t>(open(l));
          },
          [&](const AzRestored& e) {
            for (const Window& w : windows_) {
              const StoryLine& l = story_.lines[w.line];
              if (l.kind == StoryKind::ZoneLost && l.az == e.az) {
                CloseWindow(sim, w.line);
                break;
              }
            }
          },
          [&](const CacheNodeFailed& e) {
            const int64_t same = Find(StoryKind::CacheLost, now);
            if (same >= 0) {  // the replica and the primary in one AZ failure: one line
              story_.lines[static_cast<size_t>(same)].sessions_lost += e.data_lost ? e.keys_lost : 0;
              return;
            }
            StoryLine l;
            l.kind = StoryKind::CacheLost;
            l.az = e.az;
            l.via_zone = zone_now(e.az);
            l.sessions_lost = e.data_lost ? e.keys_lost : 0;
            cache_line_ = static_cast<int64_t>(open(l));
          },
          [&](const CacheFailoverStarted& e) {
            if (cache_line_ < 0) return;
            StoryLine& l = story_.lines[static_cast<size_t>(cache_line_)];
            l.standby = true;
            l.sessions_lost += e.sessions_lost;
          },
          [&](const CacheFailoverCompleted&) {
            if (cache_line_ >= 0) CloseWindow(sim, static_cast<size_t>(cache_line_));
          },
          [&](const CacheNodeRestored&) {
            if (cache_line_ >= 0) CloseWindow(sim, static_cast<size_t>(cache_line_));
          },
          [&](const RdsPrimaryFailed& e) {
            if (Find(StoryKind::DbLost, now) >= 0) return;
            StoryLine l;
            l.kind = StoryKind::DbLost;
            l.az = e.az;
            l.via_zone = zone_now(e.az);
            l.standby = e.has_standby;
            open(l);
          },
          [&](const RdsFailoverCompleted& e) {
            const int64_t db = Find(StoryKind::DbLost);
            if (db < 0) return;
            story_.lines[static_cast<size_t>(db)].recovery_us = e.downtime_us;
            CloseWindow(sim, static_cast<size_t>(db));
          },
          [&](const RdsNodeRestored& e) {
            const int64_t db = Find(StoryKind::DbLost);
            if (db >= 0 && e.as_primary) CloseWindow(sim, static_cast<size_t>(db));
          },
          [&](const ReplicaLagChanged& e) {
            if (e.lag_ms > sim.config().rds.replica_lag_ms) {
              StoryLine l;
              l.kind = StoryKind::ReplicaLag;
              l.replica = e.replica;
              l.amount = e.lag_ms;
              open(l);
              return;
            }
            for (const Window& w : windows_) {
              const StoryLine& l = story_.lines[w.line];
              if (l.kind == StoryKind::ReplicaLag && (l.replica == e.replica || l.replica == -1)) {
                CloseWindow(sim, w.line);
                break;
              }
            }
          },
          [&](const ReplicaPromoted& e) {
            StoryLine l;
            l.kind = StoryKind::ReplicaPromoted;
            l.replica = static_cast<int32_t>(e.replica);
            l.az = e.az;
            l.addresses_lost = e.writes_lost;
            l.at_us = now;
            Add(l);
          },
          [&](const DesiredCapacityChanged& e) {
            if (e.cause != ScalingCause::TargetTracking) return;
            const int64_t same = Find(StoryKind::ScaledOut);
            if (same >= 0) {
              StoryLine& l = story_.lines[static_cast<size_t>(same)];
              l.amount2 = e.to;
              ++l.count;
              return;
            }
            StoryLine l;
            l.kind = StoryKind::ScaledOut;
            l.amount = e.from;
            l.amount2 = e.to;
            l.count = 1;
            l.at_us = now;
            Add(l);
          },
          [&](const TrafficSpikeStarted& e) {
            StoryLine l;
            l.kind = StoryKind::Spike;
            l.amount = e.multiplier_pct;
            l.metric = Metric::P99Ms;
            l.before = l.after = ReadMetric(sim, Metric::P99Ms);
            l.before_known = !sim.series().empty();
            open(l);
          },
          [&](const TrafficSpikeEnded&) {
            const int64_t spike = Find(StoryKind::Spike);
            if (spike >= 0) CloseWindow(sim, static_cast<size_t>(spike));
          },
          [&](const CartLost& e) {
            int64_t line = -1;
            switch (e.cause) {
              case LossCause::InstanceGone: line = instance_line_; break;
              case LossCause::CacheDataLost:
              case LossCause::ReplicationLag: line = cache_line_; break;
              case LossCause::SessionNotFound: {
                const RequestTrace* trace = FindTrace(sim, e.request_id);
                if (trace != nullptr && StickyRerouted(*trace)) line = instance_line_;
                break;
              }
              case LossCause::SessionExpired:
              case LossCause::CookieDropped:
              case LossCause::StrategyChanged: break;
            }
            if (line < 0) line = standing(e.cause);
            ++story_.lines[static_cast<size_t>(line)].carts_lost;
            last_loss_line_ = line;
          },
          [&](const ShopperGaveUp& e) {
            if (last_loss_line_ < 0) return;
            StoryLine& l = story_.lines[static_cast<size_t>(last_loss_line_)];
            ++l.gave_up;
            l.revenue_lost_cents += e.cart_cents;
          },
          [&](const TamperAccepted& e) {
            StoryLine& l = story_.lines[once(StoryKind::Tampering)];
            ++l.count;
            if (e.cents_off > 0) l.revenue_lost_cents += static_cast<uint64_t>(e.cents_off);
          },
          [&](const CookieRejected&) { ++story_.lines[once(StoryKind::CookiesRejected)].count; },
          [&](const AttackAttempt& e) {
            int64_t line = -1;
            for (size_t k = 0; k < story_.lines.size(); ++k) {
              if (story_.lines[k].kind == StoryKind::Attack && story_.lines[k].target == e.target) line = static_cast<int64_t>(k);
            }
            if (line < 0) {
              StoryLine l;
              l.kind = StoryKind::Attack;
              l.target = e.target;
              l.at_us = now;
              line = static_cast<int64_t>(Add(l));
            }
            StoryLine& l = story_.lines[static_cast<size_t>(line)];
            ++(e.verdict.allowed ? l.count : l.count2);
          },
          [&](const SettingChanged& e) {
            if (setup_settings_ > 0) {
              --setup_settings_;
              return;
            }
            // Clicks on one control within its window are one change: the first "before", the
            // last click's window.
            for (Window& w : windows_) {
              StoryLine& l = story_.lines[w.line];
              if (l.kind == StoryKind::Setting && l.command_index == e.command_index) {
                w.until_us = now + kSettingWindowUs;
                return;
              }
            }
            StoryLine l;
            l.kind = StoryKind::Setting;
            l.command_index = e.command_index;
            const auto [m1, m2] = WatchedBy(e.command_index);
            l.metric = m1;
            l.metric2 = m2;
            l.before_known = !sim.series().empty();
            if (m1 != Metric::TimeS) l.before = ReadMetric(sim, m1);
            if (m2 != Metric::TimeS) l.before2 = ReadMetric(sim, m2);
            open(l, now + kSettingWindowUs);
          },
          [](const auto&) {},
      },
      record.event);
}

Story StoryRecorder::Current(const Sim& sim, size_t max_lines) const {
  Story out = story_;
  out.to_us = sim.now_us();
  for (const Window& w : windows_) Fill(sim, w, out.lines[w.line]);
  if (out.lines.size() > max_lines) {
    std::vector<size_t> order(out.lines.size());
    for (size_t k = 0; k < order.size(); ++k) order[k] = k;
    std::stable_sort(order.begin(), order.end(),
                     [&](size_t a, size_t b) { return Weight(out.lines[a]) > Weight(out.lines[b]); });
    order.resize(max_lines);
    std::sort(order.begin(), order.end());
    std::vector<StoryLine> kept;
    for (size_t k : order) kept.push_back(out.lines[k]);
    out.lines = std::move(kept);
  }
  std::stable_sort(out.lines.begin(), out.lines.end(),
                   [](const StoryLine& a, const StoryLine& b) { return a.at_us < b.at_us; });
  return out;
}

}  // namespace sim
