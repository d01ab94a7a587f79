// What the views share besides the model: UiState (UI facts only: selection, open tab, language,
// animation clock, hover) and the typed commands the views emit. Views read the model through
// ViewModel (all const) and never change it; the controller (app.cpp) applies the commands after
// every view has drawn.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "imgui.h"
#include "statelab/commands.h"
#include "statelab/glossary.h"
#include "statelab/lesson.h"
#include "statelab/progress.h"
#include "statelab/types.h"

namespace sim {
class Sim;
}

namespace ui {

// [SECTION] Commands from the views
// Learner's change to the model (a knob or a fault); goes through LessonRun::Apply.
struct ModelCommand { sim::Command command; };
struct OpenLesson { std::string id; };
struct GoToStep { int step = 0; };
struct RestartLesson {};
struct FinishLesson {};  // the last step passed: record it and open the next lesson
struct ResetStep {};  // a fresh Sim at the current step, same seed
struct SetPlaying { bool playing = true; };
struct StepOnce {};   // one simulated second
struct SetSpeed { int index = 0; };
struct FastForward { sim::TimeUs span_us = 0; };
struct CancelFastForward {};
struct SetSeed { uint64_t seed = 1; };
struct SetLanguage { sim::Lang lang = sim::Lang::Ko; };
struct AnswerQuestion { int choice = 0; };

using AppCommand = std::variant<ModelCommand, OpenLesson, GoToStep, RestartLesson, FinishLesson, ResetStep,
                                SetPlaying, StepOnce, SetSpeed, FastForward, CancelFastForward,
                                SetSeed, SetLanguage, AnswerQuestion>;
using Commands = std::vector<AppCommand>;

// [SECTION] Pacing, as the views see it (owned by the controller)
inline constexpr float kSpeeds[] = {0.25f, 0.5f, 1.0f, 2.0f, 4.0f, 8.0f, 16.0f, 32.0f, 64.0f};
inline constexpr int kSpeedCount = static_cast<int>(sizeof(kSpeeds) / sizeof(kSpeeds[0]));
inline constexpr int kDefaultSpeedIndex = 2;  // 1x

struct PacingView {
  bool playing = false;
  int speed_index = kDefaultSpeedIndex;
  bool fast_forwarding = false;
  float fast_forward_fraction = 0.0f;  // 0..1
  sim::TimeUs fast_forward_span_us = 0;
  bool lagging = false;  // the machine cannot keep up with the chosen speed
  bool blocked_by_question = false;  // a prediction must be chosen before the step runs
};

// [SECTION] UI state
enum class Tab : uint8_t { Knobs, Inspector };
enum class NarrowTab : uint8_t { Lesson, Controls, Inspector, Metrics };

// What the inspector shows. Only identities, never copies of model values.
enum class SelectionKind : uint8_t {
  None, Shoppers, Route53, LbNode, Instance, Cache, DynamoDb, RdsNode, Shopper, Trace,
};
struct Selection {
  SelectionKind kind = SelectionKind::None;
  int index = 0;           // LB node AZ index, cache node index, RDS node index
  uint32_t instance = 0;   // InstanceId::value
  uint32_t shopper = sim::ShopperId::kNone;  // ShopperId::value
  uint64_t request = 0;    // RequestTrace::id
  friend bool operator==(const Selection&, const Selection&) = default;
};

// A dot travelling along the diagram. It refers to a trace by its position in the traces ring
// (push count), so the UI never copies the trace; it disappears if the ring overwrites it.
struct FlyingDot {
  uint64_t seq = 0;          // index in Sim::traces() push order
  double born_s = 0.0;       // UI clock (wall time), seconds
};
inline constexpr int kMaxDots = 48;

// Rects of named widgets, recorded every frame for the browser tests' hook.
struct WidgetRect {
  std::string name;
  ImVec2 min, max;
  int value = -1;  // toggles and choices: 1 on/selected, 0 off; steppers and sliders: the value
  bool visible = true;  // false when scrolled out of its window
  ImVec2 scroll_at;     // a point inside the window that scrolls to it
};

struct UiState {
  sim::Lang lang = sim::Lang::Ko;
  Tab tab = Tab::Knobs;              // the side panel's open tab, as drawn
  std::optional<Tab> open_tab;       // a view asks for this tab to open (next frame)
  NarrowTab narrow_tab = NarrowTab::Lesson;
  Selection selection;
  Selection hovered;  // diagram hover, this frame
  bool lesson_list_open = false;
  int hints_shown = 0;            // hints revealed in the current step
  int chosen_answer = -1;         // the learner's answer to the current step's question
  bool events_important_only = true;
  int trace_filter = 0;           // 0: all, 1: errors only, 2: lost carts, 3: denied
  int shoppers_edit = -1;         // the shoppers slider while it is dragged; -1 otherwise
  uint64_t seed_edit_value = 0;   // the seed field while it is being edited
  bool seed_editing = false;
  // Animation clock: wall-clock seconds summed from frame times; never reaches the model.
  double clock_s = 0.0;
  std::vector<FlyingDot> dots;
  uint64_t traces_seen = 0;       // traces ring push count already turned into dots
  std::string native_notice;      // natively the app draws notices itself
  double native_notice_until_s = 0.0;
  std::vector<WidgetRect> widgets;
};

// [SECTION] What the views read
struct ViewModel {
  const sim::LessonSet& lessons;
  const sim::LessonRun* run;  // null when no lesson could be loaded
  const sim::Progress& progress;
  const PacingView& pacing;
  const sim::Glossary* glossary = nullptr;  // null when lessons/glossary.json did not load
  bool step_just_passed = false;

  // By id: the running lesson may be an equal copy of the one in `lessons` (see App::LoadAllLessons).
  bool IsCurrent(const sim::Lesson& lesson) const { return run != nullptr && run->lesson().id == lesson.id; }
};

// Records the last item's rect under `name` for the test hook (and whether it is on).
void Mark(UiState& ui, std::string name);
void MarkOn(UiState& ui, std::string name, bool on);
void MarkValue(UiState& ui, std::string name, int value);

}  // namespace ui
