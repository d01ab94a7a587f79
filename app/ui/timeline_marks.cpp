// The timeline's marks as data (timeline_marks.h).
#include "ui/timeline_marks.h"

#include <algorithm>

#include "statelab/overloaded.h"
#include "statelab/sim.h"
#include "ui/model_text.h"
#include "ui/strings.h"

namespace ui {

using sim::Overloaded;

namespace {
int64_t TickOf(const sim::LessonRun& run) { return run.sim().now_us() / sim::kTickUs; }
}  // namespace

void MarkRecorder::Baseline(const sim::LessonRun& run) {
  events_seen_ = run.sim().events().total_pushed();
  step_ = run.step_index();
  goals_.clear();
  for (const sim::GoalProgress& g : run.goals()) goals_.push_back(g.state);
}

void MarkRecorder::Reset(const sim::LessonRun& run) {
  noted_.clear();
  Baseline(run);
}

void MarkRecorder::TruncateAfter(const sim::LessonRun& run) {
  const int64_t tick = TickOf(run);
  std::erase_if(noted_, [tick](const TimelineMark& m) { return m.tick > tick; });
  Baseline(run);
}

void MarkRecorder::Note(const sim::LessonRun& run) {
  const int64_t tick = TickOf(run);
  // Faults: the events since the last note (the ring keeps the latest; a tick never pushes more).
  const auto& events = run.sim().events();
  const uint64_t total = events.total_pushed();
  const uint64_t first = total - events.size();
  for (uint64_t k = std::max(events_seen_, first); k < total; ++k) {
    const sim::EventRecord& r = events[static_cast<size_t>(k - first)];
    if (IsAnnounced(r.event)) noted_.push_back({r.time_us / sim::kTickUs, MarkKind::Fault, r.event});
  }
  events_seen_ = total;
  // Verdicts: a goal that has become met or failed since the last note, in the same step.
  if (run.step_index() != step_) {
    step_ = run.step_index();
    goals_.assign(run.goals().size(), sim::GoalState::Pending);
  }
  const auto& goals = run.goals();
  goals_.resize(goals.size(), sim::GoalState::Pending);
  for (size_t i = 0; i < goals.size(); ++i) {
    const sim::GoalState now = goals[i].state;
    if (now != goals_[i] && (now == sim::GoalState::Met || now == sim::GoalState::Failed)) {
      noted_.push_back({tick, now == sim::GoalState::Met ? MarkKind::GoalMet : MarkKind::GoalFailed,
                        GoalVerdict{step_, static_cast<int>(i)}});
    }
    goals_[i] = now;
  }
}

std::vector<TimelineMark> TimelineMarks(const sim::RunLog& log, const std::vector<TimelineMark>& noted,
                                        int64_t from_tick, int64_t to_tick) {
  std::vector<TimelineMark> marks;
  for (const sim::RunLogEntry& e : log.entries) {
    if (e.tick < from_tick || e.tick > to_tick) continue;
    std::visit(Overloaded{[&](const sim::Command& c) {
                            if (sim::IsSetting(c)) marks.push_back({e.tick, MarkKind::Setting, c});
                          },
                          [&](const sim::StepStarted& s) { marks.push_back({e.tick, MarkKind::Step, s}); }},
               e.what);
  }
  for (const TimelineMark& m : noted) {
    if (m.tick >= from_tick && m.tick <= to_tick) marks.push_back(m);
  }
  std::stable_sort(marks.begin(), marks.end(), [](const TimelineMark& a, const TimelineMark& b) { return a.tick < b.tick; });
  return marks;
}

std::string MarkText(const TimelineMark& mark, const sim::Lesson& lesson, sim::Lang lang) {
  const std::string at = ClockText(mark.tick * sim::kTickUs);
  const std::string what = std::visit(
      Overloaded{
          [&](const sim::Command& c) { return Fmt(lang, S::MarkSetting, CommandText(sim::CommandIndex(c), lang)); },
          [&](const sim::StepStarted& s) {
            const bool known = s.step >= 0 && s.step < static_cast<int>(lesson.steps.size());
            return Fmt(lang, S::MarkStep, s.step + 1,
                       known ? lesson.steps[static_cast<size_t>(s.step)].title.In(lang).c_str() : "");
          },
          [&](const sim::Event& e) { return EventText(e, lang); },
          [&](const GoalVerdict& g) {
            std::string goal;
            if (g.step >= 0 && g.step < static_cast<int>(lesson.steps.size())) {
              const auto& goals = lesson.steps[static_cast<size_t>(g.step)].goals;
              if (g.goal >= 0 && g.goal < static_cast<int>(goals.size())) goal = goals[static_cast<size_t>(g.goal)].text.In(lang);
            }
            return Fmt(lang, mark.kind == MarkKind::GoalMet ? S::MarkGoalMet : S::MarkGoalFailed, goal.c_str());
          },
      },
      mark.what);
  return at + "  " + what;
}

}  // namespace ui
