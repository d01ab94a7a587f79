// "What happened": a step or a run told as a few causes and their effects, in numbers. A
// StoryRecorder reads the Sim after every tick (its new events, its exact counters, the last
// second's metrics) and keeps typed lines: a kind, the ids it names and numbers. The words live
// in one place per language (app/ui/story_text.cpp), shared by the app and the CLI.
//
// Effects are counted, never estimated:
//   - a lost cart goes to the line of the cause its request recorded (CartLost::cause): an
//     instance gone to the latest instance or zone loss, cache data or unreplicated writes to the
//     latest cache loss; a session not found after a sticky target was lost (the request's trace
//     holds a StickyRerouted hop) to the latest instance or zone loss; otherwise to a standing line
//     for that cause (no stickiness, a dropped cookie, an expired session);
//   - a shopper who gave up, and the cart's money, to the line of the loss they gave up after;
//   - errors to the outage whose window they fell in (counters read when it starts and ends);
//   - a setting's effect as one metric (and a second) in the second before it and `kSettingWindowUs`
//     after it (or the last second read, if the story ends sooner).
// Pure and deterministic: the same run gives the same story, natively and in wasm.
//
// Index
//   [SECTION] Lines      StoryKind, StoryLine, Story
//   [SECTION] Recorder   StoryRecorder
#pragma once

#include <array>
#include <cstdint>
#include <string_view>
#include <vector>

#include "statelab/events.h"
#include "statelab/metrics.h"
#include "statelab/types.h"

namespace sim {

class Sim;

// [SECTION] Lines
enum class StoryKind : uint8_t {
  InstanceLost,     // an instance terminated: its in-memory sessions went with it
  ZoneLost,         // an AZ failed: its instances cut off, replaced by health checks
  CacheLost,        // the cache primary failed (alone or with its AZ): failover, or its data lost
  DbLost,           // the RDS primary failed (alone or with its AZ): a failover, or no writes
  Setting,          // a setting changed: a metric before and after
  Spike,            // a traffic spike: the worst p99 and the errors while it lasted
  ReplicaLag,       // a replica fell behind: stale reads while it lagged
  ReplicaPromoted,  // a replica promoted by hand: the writes it had not received
  StandingLoss,     // carts lost by how the stack keeps sessions, not by one event
  Tampering,        // edited cart cookies trusted: the discounts taken
  CookiesRejected,  // edited cart cookies refused by the signature check
  Attack,           // someone on the internet tried a component: allowed or denied
  ScaledOut,        // target tracking changed the desired capacity
};
inline constexpr int kStoryKindCount = static_cast<int>(StoryKind::ScaledOut) + 1;
std::string_view Name(StoryKind kind);  // "instance_lost", ...

struct StoryLine {
  TimeUs at_us = 0;  // the cause's moment; the timeline's tick is at_us / kTickUs
  StoryKind kind = StoryKind::Setting;
  // What it names (the app selects it when the line is clicked).
  InstanceId instance;                                   // InstanceLost
  Az az = Az::A;                                         // ZoneLost; CacheLost/DbLost: the failed node's AZ
  bool via_zone = false;                                 // CacheLost, DbLost: the AZ failure caused it
  TerminationCause termination = TerminationCause::Command;  // InstanceLost
  LossCause loss = LossCause::SessionNotFound;           // StandingLoss
  AttackTarget target = AttackTarget::Database;          // Attack
  uint32_t command_index = 0;                            // Setting: CommandIndex of the setting
  int32_t replica = -1;                                  // ReplicaLag, ReplicaPromoted; -1: every replica
  // The mechanism.
  uint32_t instances = 0;      // ZoneLost: instances in it when it failed
  uint32_t sessions_lost = 0;  // sessions (or cache keys, or unreplicated writes) lost with it
  uint32_t carts_at_risk = 0;  // InstanceLost: non-empty carts in its memory
  bool standby = false;        // DbLost: a standby took over; CacheLost: a replica took over
  TimeUs recovery_us = -1;     // DbLost, CacheLost: failover time; Spike: its length; -1: not over
  int64_t amount = 0;          // ReplicaLag: lag ms; Spike: multiplier %; ScaledOut: from
  int64_t amount2 = 0;         // ScaledOut: to
  // The effects, counted.
  uint64_t carts_lost = 0;
  uint64_t gave_up = 0;
  uint64_t revenue_lost_cents = 0;  // the carts of the shoppers who gave up, or the tampered discounts
  uint64_t errors = 0;              // requests that failed in the window
  uint64_t addresses_lost = 0;      // DbLost: committed writes rolled back
  uint64_t stale_reads = 0;         // ReplicaLag
  uint64_t count = 0;               // Tampering, CookiesRejected: cookies; Attack: attempts allowed
  uint64_t count2 = 0;              // Attack: attempts denied
  // Setting (and Spike: metric = p99 before and the worst second).
  Metric metric = Metric::TimeS;
  double before = 0, after = 0;
  bool before_known = true;  // false when the change came before the run's first whole second
  Metric metric2 = Metric::TimeS;  // TimeS: none
  double before2 = 0, after2 = 0;
  TimeUs after_at_us = -1;  // when `after` was read; -1: not yet
  friend bool operator==(const StoryLine&, const StoryLine&) = default;
};

struct Story {
  TimeUs from_us = 0;
  TimeUs to_us = 0;
  std::vector<StoryLine> lines;  // by time, then as they happened
  uint64_t events_missed = 0;    // events the ring overwrote before the recorder read them
  friend bool operator==(const Story&, const Story&) = default;
};

// How long after a setting its "after" is read, and how many lines a story keeps (the ones with
// the largest effects, shown by time).
inline constexpr TimeUs kSettingWindowUs = Sec(40);
inline constexpr size_t kMaxStoryLines = 8;

// [SECTION] Recorder
class StoryRecorder {
 public:
  // Starts a new story at the Sim's current moment (a step's start); what came before is not in it.
  // The first `setup_settings` setting changes are the step's own settings, not a cause to tell.
  void Begin(const Sim& sim, uint32_t setup_settings = 0);
  // Reads what the Sim did since the last call. Call after every Step (it costs nothing when no
  // event came and no window closes).
  void Observe(const Sim& sim);
  // The story so far: at most max_lines lines, the largest effects kept, by time.
  Story Current(const Sim& sim, size_t max_lines = kMaxStoryLines) const;

 private:
  struct Window {  // an outage or a setting whose effects are still being counted
    size_t line = 0;
    TimeUs until_us = -1;           // Setting: when `after` is read; -1: until its end event
    uint64_t errors_at_start = 0;   // DbLost, CacheLost, Spike: the errors it counts, when it began
    uint64_t addresses_at_start = 0;
    uint64_t stale_at_start = 0;
  };
  size_t Add(const StoryLine& line);
  int64_t Find(StoryKind kind, TimeUs at_us = -1) const;  // the latest line of that kind (at_us: begun then)
  Window* WindowOf(size_t line);
  void CloseWindow(const Sim& sim, size_t line);
  void OnEvent(const Sim& sim, const EventRecord& record);
  void Fill(const Sim& sim, const Window& w, StoryLine& line) const;  // effects counted so far

  Story story_;
  uint64_t events_seen_ = 0;      // the events ring's total_pushed() already read
  uint32_t setup_settings_ = 0;   // setting changes still to skip (Begin)
  int64_t instance_line_ = -1;    // the latest instance or zone loss: carts lost with an instance
  int64_t cache_line_ = -1;       // the latest cache loss
  int64_t last_loss_line_ = -1;   // the line of the last CartLost: a give-up right after it
  std::array<int64_t, 7> standing_{-1, -1, -1, -1, -1, -1, -1};  // StandingLoss line by LossCause
  std::vector<Window> windows_;   // open windows, oldest first
};

}  // namespace sim
