// What the views share besides the model: UiState (UI facts only: selection, open tab, hover,
// animation clock) and ViewModel, through which they read the tutorial (all const). Views never
// change the model: they emit the tutorial's commands (tutorial.h), which the app applies after
// every view has drawn.
#pragma once

#include <cstdint>
#include <array>
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
#include "ui/embed_layout.h"
#include "ui/tutorial.h"

namespace sim {
class Sim;
}

namespace ui {

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
  sim::Lang lang = sim::Lang::Ko;  // Tutorial::lang(), copied by the app; views emit SetLanguage
  Tab tab = Tab::Knobs;              // the side panel's open tab, as drawn
  std::optional<Tab> open_tab;       // a view asks for this tab to open (next frame)
  NarrowTab narrow_tab = NarrowTab::Lesson;
  Selection selection;
  Selection hovered;  // diagram hover, this frame
  bool lesson_list_open = false;
  bool compare_show_a = false;    // a phone shows one diagram of a comparison at a time: A or B
  int hints_shown = 0;            // hints revealed in the current step
  int chosen_answer = -1;         // Tutorial::chosen_answer(), copied by the app; views emit AnswerQuestion
  bool events_important_only = true;
  bool story_open = false;              // the "What happened" window
  bool theory_open = false;             // the "Theory vs measured" window
  bool keys_open = false;               // the "?" overlay of keyboard shortcuts
  bool keys_focus = false;              // it just opened: give it keyboard focus
  int focus_panel = 0;                  // F6 asked for the next (+1) or previous (-1) panel
  bool cost_open = false;               // the "Cost per month" window
  uint64_t story_opened_for_step = 0;   // Tutorial::step_serial() it last opened by itself for
  int trace_filter = 0;           // 0: all, 1: errors only, 2: lost carts, 3: denied
  int shoppers_edit = -1;         // the shoppers slider while it is dragged; -1 otherwise
  uint64_t seed_edit_value = 0;   // the seed field while it is being edited
  bool seed_editing = false;
  // Animation clock: wall-clock seconds summed from frame times; never reaches the model.
  double clock_s = 0.0;
  std::vector<FlyingDot> dots;
  uint64_t traces_seen = 0;       // traces ring push count already turned into dots
  std::array<char, 4097> progress_import{};  // a progress code being pasted (sim::kProgressCodeMaxChars)
  std::string native_notice;      // natively the app draws notices itself
  double native_notice_until_s = 0.0;
  std::vector<WidgetRect> widgets;
  // Embedded in another page (web/embed.html): the compact layout, and what the page asks before
  // it lets a wheel turn or a finger reach the lesson (embed_layout.h), as the last frame drew it.
  bool embedded = false;
  EmbedLayout embed_layout;
  std::vector<ScrollRegion> scroll_regions;
  bool dragging = false;
  std::string focused;            // the test hook's: the widget with keyboard focus by name ("@x,y" unnamed), "" for none
};

// [SECTION] What the views read
struct ViewModel {
  const LessonList& lessons;
  const sim::LessonRun* run;  // null when no lesson could be loaded
  const sim::Progress& progress;
  const PacingView& pacing;
  const sim::Glossary* glossary = nullptr;  // null when lessons/glossary.json did not load
  const Tutorial* tutorial = nullptr;       // the timeline: the step's first tick, the live edge, the log
  bool step_just_passed = false;

  // The running lesson is the same object as its entry in `lessons` (see LessonList).
  bool IsCurrent(const sim::Lesson& lesson) const { return run != nullptr && &run->lesson() == &lesson; }
};

// Records the last item's rect under `name` for the test hook (and whether it is on).
void Mark(UiState& ui, std::string name);
void MarkOn(UiState& ui, std::string name, bool on);
void MarkValue(UiState& ui, std::string name, int value);

}  // namespace ui
