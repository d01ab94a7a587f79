// The timeline strip: the current step from its first second to the live edge, a mark at every
// change the learner made, and a slider that rewinds the run (Tutorial::Rewind). While rewound the
// strip says so and offers the way back to live.
#include <algorithm>
#include <string>

#include "imgui.h"
#include "statelab/run_log.h"
#include "statelab/sim.h"
#include "ui/model_text.h"
#include "ui/strings.h"
#include "ui/theme.h"
#include "ui/views.h"
#include "ui/widgets.h"

namespace ui {

void DrawTimeline(const ViewModel& vm, UiState& ui, Commands& out) {
  if (vm.run == nullptr || vm.tutorial == nullptr) return;
  const Tutorial& t = *vm.tutorial;
  const sim::Lang l = ui.lang;
  const int64_t first = t.step_start_tick(), live = t.live_tick();
  const int64_t now = vm.run->sim().now_us() / sim::kTickUs;
  const bool rewound = t.rewound();

  ImGui::AlignTextToFramePadding();
  TextColored(rewound ? col::kWarn : col::kOk, Tr(rewound ? S::TimelineRewound : S::TimelineLive, l));
  Mark(ui, "timeline-state");
  HelpMarker(Tr(S::TimelineHelp, l));
  ImGui::SameLine();
  const std::string back = Tr(S::TimelineBackToLive, l);
  const float back_w = ImGui::CalcTextSize(back.c_str()).x + ImGui::GetStyle().FramePadding.x * 2;
  ImGui::SetNextItemWidth(std::max(60.0f, ImGui::GetContentRegionAvail().x - back_w - ImGui::GetStyle().ItemSpacing.x));
  // Whole seconds of the step; the label is the moment shown.
  const int64_t per_s = sim::kUsPerS / sim::kTickUs;
  int64_t at_s = (now - first) / per_s;
  const int64_t max_s = std::max<int64_t>(0, (live - first) / per_s);
  const int64_t min_s = 0;
  const std::string label = ClockText(vm.run->sim().now_us());
  const ImVec2 slider_min = ImGui::GetCursorScreenPos();
  ImGui::BeginDisabled(max_s == 0);
  if (ImGui::SliderScalar("##timeline", ImGuiDataType_S64, &at_s, &min_s, &max_s, label.c_str())) {
    out.push_back(RewindTo{at_s == max_s ? live : first + at_s * per_s});
  }
  ImGui::EndDisabled();
  MarkValue(ui, "timeline", static_cast<int>(at_s));
  const ImVec2 slider_max = ImGui::GetItemRectMax();
  // A mark at every change in this step.
  if (live > first) {
    ImDrawList* dl = ImGui::GetWindowDrawList();
    const float span = slider_max.x - slider_min.x;
    for (const sim::RunLogEntry& e : t.log().entries) {
      if (e.tick < first) continue;
      const float x = slider_min.x + span * static_cast<float>(e.tick - first) / static_cast<float>(live - first);
      dl->AddTriangleFilled(ImVec2(x - 4, slider_max.y), ImVec2(x + 4, slider_max.y), ImVec2(x, slider_max.y - 6),
                            col::kAccent);
    }
  }
  ImGui::SameLine();
  ImGui::BeginDisabled(!rewound);
  if (ImGui::Button(back.c_str())) out.push_back(BackToLive{});
  ImGui::EndDisabled();
  Mark(ui, "timeline-live");
}

}  // namespace ui
