// The timeline strip: the current step (the sandbox: the whole run) from its first second to the
// live edge, its marks (timeline_marks.h: faults, settings, steps, goal verdicts, each named in a
// tooltip), and a slider that rewinds the run (Tutorial::Rewind). While rewound the strip says so
// and offers the way back to live. Its keys (',' '.' with or without Shift, Home, End) are in the
// shortcut table (shortcuts.h). "Share" makes the run's link, copies it, and shows it with a way
// to paste a link or a seed.
#include <algorithm>
#include <cfloat>
#include <cmath>
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

namespace {

ImU32 MarkColor(MarkKind kind) {
  switch (kind) {
    case MarkKind::Fault: return col::kError;
    case MarkKind::Setting: return col::kAccent;
    case MarkKind::Step: return col::kText;
    case MarkKind::GoalMet: return col::kOk;
    case MarkKind::GoalFailed: return col::kWarn;
  }
  return col::kAccent;
}

void DrawSharePopup(const ViewModel& vm, UiState& ui, Commands& out) {
  const sim::Lang l = ui.lang;
  ImGui::SetNextWindowSizeConstraints(ImVec2(std::min(320.0f, ImGui::GetMainViewport()->WorkSize.x - 20), 0),
                                      ImVec2(std::min(560.0f, ImGui::GetMainViewport()->WorkSize.x - 20), FLT_MAX));
  if (!ImGui::BeginPopup("##share")) return;
  SectionTitle(Tr(S::ShareTitle, l));
  ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + std::min(520.0f, ImGui::GetMainViewport()->WorkSize.x - 60));
  TextDim(Tr(S::ShareHelp, l));
  ImGui::PopTextWrapPos();
  std::string link = vm.tutorial->shared_link();
  ImGui::SetNextItemWidth(std::min(520.0f, ImGui::GetMainViewport()->WorkSize.x - 60));
  ImGui::InputText("##link", link.data(), link.size() + 1, ImGuiInputTextFlags_ReadOnly | ImGuiInputTextFlags_AutoSelectAll);
  Mark(ui, "share-link");
  if (PrimaryButton(Tr(S::ShareCopy, l))) out.push_back(CopyText{vm.tutorial->shared_link()});
  Mark(ui, "share-copy");
  ImGui::SameLine();
  if (ImGui::Button(Tr(S::CopySeed, l)) && vm.run != nullptr) out.push_back(CopyText{std::to_string(vm.run->seed())});
  Mark(ui, "copy-seed");
  if (ImGui::Button(Tr(S::PasteLink, l))) {
    out.push_back(PasteFromClipboard{});
    ImGui::CloseCurrentPopup();
  }
  Mark(ui, "paste-link");
  HelpMarker(Tr(S::PasteHelp, l));
  ImGui::EndPopup();
}

}  // namespace

void DrawTimeline(const ViewModel& vm, UiState& ui, Commands& out) {
  if (vm.run == nullptr || vm.tutorial == nullptr) return;
  const Tutorial& t = *vm.tutorial;
  const sim::Lang l = ui.lang;
  const int64_t first = t.rewind_first_tick(), live = t.live_tick();
  const int64_t now = vm.run->sim().now_us() / sim::kTickUs;
  const bool rewound = t.rewound();

  ImGui::AlignTextToFramePadding();
  TextColored(rewound ? col::kWarn : col::kOk, Tr(rewound ? S::TimelineRewound : S::TimelineLive, l));
  Mark(ui, "timeline-state");
  HelpMarker(Tr(S::TimelineHelp, l));
  ImGui::SameLine();
  const std::string back = Tr(S::TimelineBackToLive, l);
  const std::string share = Tr(S::ShareButton, l);
  const ImGuiStyle& style = ImGui::GetStyle();
  const float buttons_w = ImGui::CalcTextSize(back.c_str()).x + ImGui::CalcTextSize(share.c_str()).x +
                          style.FramePadding.x * 4 + style.ItemSpacing.x * 2;
  ImGui::SetNextItemWidth(std::max(60.0f, ImGui::GetContentRegionAvail().x - buttons_w));
  // Whole seconds of the span; the label is the moment shown.
  const int64_t per_s = sim::kUsPerS / sim::kTickUs;
  int64_t at_s = (now - first) / per_s;
  const int64_t max_s = std::max<int64_t>(0, (live - first) / per_s);
  const int64_t min_s = 0;
  const std::string label = ClockText(vm.run->sim().now_us());
  const ImVec2 slider_min = ImGui::GetCursorScreenPos();
  ImGui::BeginDisabled(max_s == 0);
  // No text entry: the label is a clock, and Tab onto the strip must not start editing it (the
  // arrows move it once Space has taken hold of it).
  if (ImGui::SliderScalar("##timeline", ImGuiDataType_S64, &at_s, &min_s, &max_s, label.c_str(),
                          ImGuiSliderFlags_NoInput)) {
    out.push_back(RewindTo{at_s == max_s ? live : first + at_s * per_s});
  }
  ImGui::EndDisabled();
  MarkValue(ui, "timeline", static_cast<int>(at_s));
  const ImVec2 slider_max = ImGui::GetItemRectMax();
  // The marks, with a tooltip naming those under the mouse.
  if (live > first) {
    ImDrawList* dl = ImGui::GetWindowDrawList();
    const float span = slider_max.x - slider_min.x;
    const ImVec2 mouse = ImGui::GetIO().MousePos;
    const bool over_strip = mouse.y >= slider_min.y - 2 && mouse.y <= slider_max.y + 2;
    std::string tip;
    int count = 0;
    for (const TimelineMark& m : t.Marks()) {
      const float x = slider_min.x + span * static_cast<float>(m.tick - first) / static_cast<float>(live - first);
      const float top = m.kind == MarkKind::Step ? slider_min.y : slider_max.y - 7;
      dl->AddTriangleFilled(ImVec2(x - 4, slider_max.y), ImVec2(x + 4, slider_max.y), ImVec2(x, top), MarkColor(m.kind));
      if (m.kind == MarkKind::Step) dl->AddLine(ImVec2(x, slider_min.y), ImVec2(x, slider_max.y), MarkColor(m.kind));
      if (over_strip && std::abs(mouse.x - x) <= 5 && count++ < 8) tip += (tip.empty() ? "" : "\n") + MarkText(m, vm.run->lesson(), l);
    }
    if (!tip.empty()) ImGui::SetTooltip("%s", tip.c_str());
  }
  ImGui::SameLine();
  ImGui::BeginDisabled(!rewound);
  if (ImGui::Button(back.c_str())) out.push_back(BackToLive{});
  ImGui::EndDisabled();
  Mark(ui, "timeline-live");
  ImGui::SameLine();
  if (ImGui::Button(share.c_str())) {
    out.push_back(ShareRun{});
    ImGui::OpenPopup("##share");
  }
  Mark(ui, "share");
  DrawSharePopup(vm, ui, out);
}

}  // namespace ui
