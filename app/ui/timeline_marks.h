// The marks on the timeline strip, as data: where the learner changed a setting, where a fault
// struck (the learner's or the lesson's own), where a step started, and where a goal was met or
// failed. Computed without ImGui, so a test can check them (tests/tutorial/); the strip only draws
// them (timeline_view.cpp) and names each in a tooltip (MarkText).
//
// Two sources: the run log (settings and step changes, which the learner made) and what the run
// showed as it reached new ground (the engine's typed events for faults, and goal verdict changes),
// noted by a MarkRecorder. A fork drops what was noted after its tick, as the log drops its future.
#pragma once

#include <cstdint>
#include <string>
#include <variant>
#include <vector>

#include "statelab/commands.h"
#include "statelab/events.h"
#include "statelab/lesson.h"
#include "statelab/run_log.h"

namespace ui {

enum class MarkKind : uint8_t { Fault, Setting, Step, GoalMet, GoalFailed };

struct GoalVerdict {
  int step = 0;
  int goal = 0;  // index in the step's goals
};

struct TimelineMark {
  int64_t tick = 0;
  MarkKind kind = MarkKind::Setting;
  // What it names: the setting command, the step started, the event, or the goal.
  std::variant<sim::Command, sim::StepStarted, sim::Event, GoalVerdict> what;
};

// Notes, as a run reaches new ground, the marks the log does not hold: faults (events a learner
// would want to find again: IsAnnounced in model_text.h) and goal verdict changes.
class MarkRecorder {
 public:
  // A fresh run (or a fork at the run's moment): what the run has shown so far is not noted.
  void Reset(const sim::LessonRun& run);
  // After each tick on new ground.
  void Note(const sim::LessonRun& run);
  // A fork at `run`'s tick: the marks after it are no longer this branch's.
  void TruncateAfter(const sim::LessonRun& run);
  const std::vector<TimelineMark>& noted() const { return noted_; }

 private:
  void Baseline(const sim::LessonRun& run);
  std::vector<TimelineMark> noted_;
  uint64_t events_seen_ = 0;
  int step_ = -1;
  std::vector<sim::GoalState> goals_;
};

// Every mark in [from_tick, to_tick], by tick: the log's settings and step changes, and the noted
// faults and verdicts. Learner faults come from their events (a refused one leaves no mark).
std::vector<TimelineMark> TimelineMarks(const sim::RunLog& log, const std::vector<TimelineMark>& noted,
                                        int64_t from_tick, int64_t to_tick);

// The mark in words, for the strip's tooltip: "Setting: stickiness", "Goal met: no cart lost".
std::string MarkText(const TimelineMark& mark, const sim::Lesson& lesson, sim::Lang lang);

}  // namespace ui
