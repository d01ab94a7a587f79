// "What happened": the step's story (Tutorial::live_story, built by the engine's StoryRecorder),
// one line per cause → mechanism → effect. It opens by itself when a step ends (passed, failed or
// out of time) and from the lesson panel's button. A click on a line selects what it names and
// rewinds the run to its moment; lines after the moment shown are dimmed while rewound.
#include <algorithm>

#include "imgui.h"
#include "statelab/commands.h"
#include "statelab/model.h"
#include "statelab/sim.h"
#include "ui/story_text.h"
#include "ui/strings.h"
#include "ui/theme.h"
#include "ui/views.h"
#include "ui/widgets.h"

namespace ui {

namespace {

// What a line names, for the inspector.
Selection SelectionOf(const sim::StoryLine& line) {
  Selection s;
  switch (line.kind) {
    case sim::StoryKind::InstanceLost:
      s.kind = SelectionKind::Instance;
      s.instance = line.instance.value;
      break;
    case sim::StoryKind::ZoneLost:
      s.kind = SelectionKind::LbNode;
      s.index = sim::AzIndex(line.az);
      break;
    case sim::StoryKind::CacheLost: s.kind = SelectionKind::Cache; break;
    case sim::StoryKind::DbLost: s.kind = SelectionKind::RdsNode; break;
    case sim::StoryKind::ReplicaLag:
    case sim::StoryKind::ReplicaPromoted:
      s.kind = SelectionKind::RdsNode;
      s.index = sim::kRdsFirstReplica + std::max(0, line.replica);
      break;
    case sim::StoryKind::Attack:
      switch (line.target) {
        case sim::AttackTarget::LoadBalancer: s.kind = SelectionKind::LbNode; break;
        case sim::AttackTarget::Instance: s.kind = SelectionKind::None; break;
        case sim::AttackTarget::Cache: s.kind = SelectionKind::Cache; break;
        case sim::AttackTarget::Database: s.kind = SelectionKind::RdsNode; break;
      }
      break;
    case sim::StoryKind::Setting:
      switch (line.command_index) {
        case sim::kCommandIndex<sim::SetCacheMode>:
        case sim::kCommandIndex<sim::SetCacheTtl>:
        case sim::kCommandIndex<sim::SetCacheInvalidation>:
        case sim::kCommandIndex<sim::SetCacheMultiAz>:
        case sim::kCommandIndex<sim::SetSessionStore>: s.kind = SelectionKind::Cache; break;
        case sim::kCommandIndex<sim::SetReplicaCount>:
        case sim::kCommandIndex<sim::SetReadRouting>:
        case sim::kCommandIndex<sim::SetReplicaLag>:
        case sim::kCommandIndex<sim::SetRdsMultiAz>: s.kind = SelectionKind::RdsNode; break;
        case sim::kCommandIndex<sim::SetStickiness>:
        case sim::kCommandIndex<sim::SetRouting>:
        case sim::kCommandIndex<sim::SetHealthCheck>: s.kind = SelectionKind::LbNode; break;
        default: s.kind = SelectionKind::Shoppers; break;
      }
      break;
    case sim::StoryKind::StandingLoss:
    case sim::StoryKind::Tampering:
    case sim::StoryKind::CookiesRejected:
    case sim::StoryKind::Spike:
    case sim::StoryKind::ScaledOut: s.kind = SelectionKind::Shoppers; break;
  }
  return s;
}

}  // namespace

bool StepEnded(const sim::LessonRun& run) {
  // A step without goals (the sandbox, a tour) passes at once: it ends only when its time is up.
  if (run.step().goals.empty()) return run.step().duration_us > 0 && run.step_elapsed_us() >= run.step().duration_us;
  return run.StepPassed() || run.StepFailed() || run.step_elapsed_us() >= run.step().duration_us;
}

void DrawStory(const ViewModel& vm, UiState& ui, Commands& out) {
  const sim::Lang l = ui.lang;
  if (vm.tutorial == nullptr || vm.run == nullptr) return;
  const sim::Story& story = vm.tutorial->live_story();
  const int64_t shown_tick = vm.run->sim().now_us() / sim::kTickUs;
  const float wrap = ImGui::GetContentRegionAvail().x;
  TextDim(Tr(S::StoryClickTip, l));
  ImGui::Spacing();
  if (story.lines.empty()) TextDim(Tr(S::StoryNothing, l));
  int index = 0;
  for (const sim::StoryLine& line : story.lines) {
    const StoryWords w = StoryLineWords(line, l);
    const int64_t tick = line.at_us / sim::kTickUs;
    ImGui::PushID(index);
    const ImVec2 start = ImGui::GetCursorScreenPos();
    // The line's text, laid out first to size the clickable area under it.
    const std::string body = w.cause + "  →  " + w.mechanism + "  →  " + w.effect;
    const float time_w = ImGui::CalcTextSize("00:00:00").x;
    const ImVec2 size = ImGui::CalcTextSize(body.c_str(), nullptr, false, std::max(40.0f, wrap - time_w - 8));
    const bool later = tick > shown_tick;
    if (ImGui::Selectable("##line", ui.selection == SelectionOf(line) && !later, 0, ImVec2(wrap, size.y))) {
      ui.selection = SelectionOf(line);
      if (ui.selection.kind != SelectionKind::None) ui.open_tab = Tab::Inspector;
      out.push_back(RewindTo{tick});
    }
    Mark(ui, "story-line:" + std::to_string(index));
    ImGui::SetCursorScreenPos(start);
    ImGui::PushStyleColor(ImGuiCol_Text, ToVec4(later ? col::kTextDim : col::kAccent));
    ImGui::TextUnformatted(w.when.c_str());
    ImGui::PopStyleColor();
    ImGui::SameLine(time_w + ImGui::GetStyle().WindowPadding.x);
    ImGui::PushTextWrapPos(wrap + ImGui::GetStyle().WindowPadding.x);
    if (later) ImGui::PushStyleColor(ImGuiCol_Text, ToVec4(col::kTextDim));
    ImGui::TextUnformatted(body.c_str());
    if (later) ImGui::PopStyleColor();
    ImGui::PopTextWrapPos();
    ImGui::PopID();
    ImGui::Spacing();
    ++index;
  }
  if (story.events_missed > 0) TextDim(Fmt(l, S::StoryMissed, static_cast<unsigned long long>(story.events_missed)).c_str());
}

}  // namespace ui
