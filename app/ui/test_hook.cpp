// The test hook: a JSON snapshot of the app for the browser tests (language, lesson, step,
// pacing, progress) and the rects of the named widgets drawn last frame (ui_state.h, Mark).
#include <algorithm>
#include <cstdio>

#include "imgui.h"
#include "statelab/sim.h"
#include "ui/app.h"
#include "ui/model_text.h"

namespace ui {

std::string App::TestSnapshotJson() const {
  auto esc = [](const std::string& s) {
    std::string o;
    for (char c : s) {
      if (c == '"' || c == '\\') o += '\\';
      o += c;
    }
    return o;
  };
  std::string j = "{\"lang\":\"" + std::string(sim::Name(ui_.lang)) + "\"";
  // The size fonts are rasterised at (16 x device pixel ratio when the atlas follows the screen).
  const ImFontAtlas* atlas = ImGui::GetIO().Fonts;
  if (atlas != nullptr && !atlas->Fonts.empty()) {
    j += ",\"font_px\":" + std::to_string(static_cast<int>(atlas->Fonts[0]->FontSize + 0.5f));
  }
  const sim::LessonRun* run = tutorial_.run();
  const PacingView& pacing = tutorial_.pacing();
  const sim::Progress& progress = tutorial_.progress();
  if (run != nullptr) {
    j += ",\"lesson\":\"" + esc(run->lesson().id) + "\",\"step\":" + std::to_string(run->step_index()) +
         ",\"steps\":" + std::to_string(run->lesson().steps.size()) +
         ",\"passed\":" + (run->StepPassed() ? "true" : "false") +
         ",\"playing\":" + (pacing.playing ? "true" : "false") +
         ",\"fast_forwarding\":" + (pacing.fast_forwarding ? "true" : "false") +
         ",\"speed_index\":" + std::to_string(pacing.speed_index) + ",\"lagging\":" + (pacing.lagging ? "true" : "false") +
         ",\"seed\":" + std::to_string(run->seed()) + ",\"time_us\":" + std::to_string(run->sim().now_us());
    char hash[17];
    std::snprintf(hash, sizeof hash, "%016llx", static_cast<unsigned long long>(run->sim().trace_hash()));
    j += std::string(",\"trace_hash\":\"") + hash + "\",\"rewound\":" + (tutorial_.rewound() ? "true" : "false") +
         ",\"marks\":" + std::to_string(tutorial_.Marks().size()) + ",\"shared_link\":\"" + esc(tutorial_.shared_link()) + "\"";
    // Two runs compared: where the comparison came from, each side's clock and hash, the difference line.
    if (const sim::Comparison* c = run->comparison(); c != nullptr) {
      static constexpr const char* kOrigins[] = {"none", "step", "fork", "branch"};
      j += ",\"compare\":{\"origin\":\"" + std::string(kOrigins[static_cast<int>(tutorial_.compare_origin())]) +
           "\",\"a_time_us\":" + std::to_string(c->a().now_us()) + ",\"b_time_us\":" + std::to_string(run->sim().now_us()) +
           ",\"a_hash\":\"" + std::to_string(c->a().trace_hash()) + "\",\"b_hash\":\"" + std::to_string(run->sim().trace_hash()) +
           "\",\"summary\":\"" + esc(ComparisonLine(*run, tutorial_.prices(), ui_.lang)) + "\"";
      if (const sim::PriceTable* prices = tutorial_.prices(); prices != nullptr) {
        const sim::CostDifference cost = c->CostSummary(run->sim(), *prices);
        j += ",\"cost_a_usd\":" + std::to_string(cost.a_usd_month) + ",\"cost_b_usd\":" + std::to_string(cost.b_usd_month) +
             ",\"cost_unpriced\":" + std::to_string(std::max(cost.a_unpriced, cost.b_unpriced));
      }
      j += "}";
    }
  }
  // Embedded (web/embed.html): the lesson and the one step it keeps to, and whether it is out of view.
  if (const EmbedScope* embed = tutorial_.embed(); embed != nullptr) {
    j += ",\"embed\":{\"lesson\":\"" + esc(embed->lesson) + "\",\"only_step\":" +
         (embed->only_step ? std::to_string(*embed->only_step) : std::string("null")) +
         ",\"out_of_view\":" + (tutorial_.out_of_view() ? "true" : "false") + ",\"full_link\":\"" +
         esc(tutorial_.FullTutorialLink()) + "\"}";
  }
  // The named widget with keyboard focus ("" for none or an unnamed one), and the "?" overlay.
  j += ",\"focus\":\"" + esc(ui_.focused) + "\",\"keys_open\":" + (ui_.keys_open ? "true" : "false");
  j += ",\"completed\":[";
  for (size_t i = 0; i < progress.completed.size(); ++i) {
    j += (i ? ",\"" : "\"") + esc(progress.completed[i]) + "\"";
  }
  j += "],\"widgets\":{";
  bool first = true;
  for (const WidgetRect& w : ui_.widgets) {
    char rect[96];
    std::snprintf(rect, sizeof rect, "[%.0f,%.0f,%.0f,%.0f]", static_cast<double>(w.min.x), static_cast<double>(w.min.y),
                  static_cast<double>(w.max.x - w.min.x), static_cast<double>(w.max.y - w.min.y));
    if (w.value >= 0) {
      std::snprintf(rect, sizeof rect, "[%.0f,%.0f,%.0f,%.0f,%d]", static_cast<double>(w.min.x),
                    static_cast<double>(w.min.y), static_cast<double>(w.max.x - w.min.x),
                    static_cast<double>(w.max.y - w.min.y), w.value);
    }
    j += (first ? "\"" : ",\"") + esc(w.name) + "\":" + rect;
    first = false;
  }
  // Widgets scrolled out of view, with a point over their window where the wheel scrolls them.
  j += "},\"hidden\":{";
  first = true;
  for (const WidgetRect& w : ui_.widgets) {
    if (w.visible) continue;
    char at[64];
    std::snprintf(at, sizeof at, "[%.0f,%.0f]", static_cast<double>(w.scroll_at.x), static_cast<double>(w.scroll_at.y));
    j += (first ? "\"" : ",\"") + esc(w.name) + "\":" + at;
    first = false;
  }
  j += "}}";
  return j;
}

}  // namespace ui
