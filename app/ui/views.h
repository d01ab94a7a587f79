// The views: free functions that read the model (const) and UiState, draw with ImGui, and push
// typed commands. Each draws the contents of a window the controller has already begun, so the
// controller's layout (App::Draw in app.cpp) decides where things go and the views only what they
// show.
//
//   DrawTopBar       title, lesson picker, run controls, language switch      (controls.cpp)
//   DrawLessonPanel  lesson list, narration, task, goals, hints, questions   (lesson_panel.cpp)
//   DrawDiagram      the architecture with live state and request dots       (diagram.cpp; where
//                    things go: LayoutDiagram in diagram_layout.cpp)
//   DrawKnobs        the step's knobs and faults                              (knobs.cpp)
//   DrawInspector    the selected component, shopper or request              (inspector.cpp)
//   DrawMetrics      charts over the per-second series                       (metrics_view.cpp)
//   DrawEventLog     the latest events                                       (event_log.cpp)
//   DrawStory        "what happened": the step as causes and effects         (story_view.cpp)
//   DrawTheory       textbook predictions beside the measured values         (theory_view.cpp)
//   DrawCost         what the design costs per month, beside what it loses   (cost_view.cpp)
//   DrawCompareBar   two runs compared: sides, the difference line, controls  (compare_view.cpp)
//   DrawKeys         the "?" overlay: every keyboard shortcut                 (keys_view.cpp)
#pragma once

#include <string>

#include "ui/diagram_layout.h"
#include "ui/ui_state.h"

namespace sim {
class Sim;
struct PriceTable;
struct StepControls;
}  // namespace sim

namespace ui {

// two_rows: run controls on a second row (narrower windows); compact: the phone layout.
void DrawTopBar(const ViewModel& vm, UiState& ui, Commands& out, bool two_rows, bool compact);
// The embedded tutorial's bar (controls.cpp): run controls, time, language and "Open in Stateful
// Web Lab"; the last two on a second row when two_rows.
void DrawEmbedBar(const ViewModel& vm, UiState& ui, Commands& out, bool two_rows);
void DrawLessonPanel(const ViewModel& vm, UiState& ui, Commands& out);
void DrawDiagram(const sim::Sim& sim, UiState& ui);
// The timeline strip under the diagram: the step so far, marks where the learner changed something,
// a slider that rewinds, and the way back to live (timeline_view.cpp).
void DrawTimeline(const ViewModel& vm, UiState& ui, Commands& out);
// What the diagram shows of the model on `canvas`, as LayoutDiagram takes it, label texts
// measured in the current font (the layout test lays out real stacks through it).
DiagramScene DiagramSceneOf(const sim::Sim& sim, Rect canvas, sim::Lang lang);
TextSizes MeasureDiagramTexts(sim::Lang lang);
void DrawKnobs(const sim::Sim& sim, const sim::StepControls& controls, UiState& ui, Commands& out);
// `prices` (may be null) names the instance class each component runs as.
void DrawInspector(const sim::Sim& sim, const sim::StepControls& controls, UiState& ui, Commands& out,
                   const sim::PriceTable* prices = nullptr);
// With `twin` (side A of a comparison; `sim` is B), every chart overlays its key line for both.
void DrawMetrics(const sim::Sim& sim, const UiState& ui, const sim::Sim* twin = nullptr);
// The comparison bar over the diagram (compare_view.cpp): A and B with their labels and colours, the
// difference line, and the controls that open or end a comparison. CompareBarRows: how many rows it
// needs this frame (0: none, the layout is unchanged).
int CompareBarRows(const ViewModel& vm, bool compact);
void DrawCompareBar(const ViewModel& vm, UiState& ui, Commands& out, bool compact);
void DrawEventLog(const sim::Sim& sim, UiState& ui);
// The step's story; a click on a line selects what it names and rewinds to its moment.
void DrawStory(const ViewModel& vm, UiState& ui, Commands& out);
// The step is over for the story: passed, failed, or its duration run out (it opens by itself).
bool StepEnded(const sim::LessonRun& run);
void DrawTheory(const sim::Sim& sim, UiState& ui);
// The keyboard shortcuts (shortcuts.h) and the navigation keys, with a Close button.
void DrawKeys(UiState& ui);
// `prices` null: the price file did not load (`prices_error` says why); nothing is priced.
void DrawCost(const sim::Sim& sim, const sim::PriceTable* prices, const std::string& prices_error, UiState& ui);

// The diagram's animation bookkeeping: turns new traces into dots and retires old ones.
// Reads the traces ring only; called by the controller once per frame before drawing.
void UpdateDots(const sim::Sim& sim, UiState& ui, bool fast);

}  // namespace ui
