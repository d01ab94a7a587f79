// The event log: the latest events from Sim::events(), newest first, each a line in the
// learner's language with its simulated time and a colour for its kind. "Important only" hides
// the per-request events (lost carts, denials) that can arrive hundreds a second.
#include <string>
#include <variant>

#include "imgui.h"
#include "statelab/sim.h"
#include "ui/model_text.h"
#include "ui/strings.h"
#include "ui/theme.h"
#include "ui/views.h"
#include "ui/widgets.h"

namespace ui {

namespace {

ImU32 EventColor(const sim::Event& e) {
  if (std::holds_alternative<sim::AzFailed>(e) || std::holds_alternative<sim::RdsPrimaryFailed>(e) ||
      std::holds_alternative<sim::CacheNodeFailed>(e) || std::holds_alternative<sim::InstanceTerminated>(e) ||
      std::holds_alternative<sim::CartLost>(e) || std::holds_alternative<sim::InstanceUnhealthy>(e) ||
      std::holds_alternative<sim::TamperAccepted>(e) || std::holds_alternative<sim::ReplicaPromoted>(e)) {
    return col::kError;
  }
  if (std::holds_alternative<sim::ConnectionDenied>(e)) return col::kDenied;
  if (const auto* a = std::get_if<sim::AttackAttempt>(&e)) return a->verdict.allowed ? col::kError : col::kDenied;
  if (std::holds_alternative<sim::AzRestored>(e) || std::holds_alternative<sim::InstanceInService>(e) ||
      std::holds_alternative<sim::RdsFailoverCompleted>(e) || std::holds_alternative<sim::CacheFailoverCompleted>(e) ||
      std::holds_alternative<sim::CacheNodeRestored>(e) || std::holds_alternative<sim::RdsNodeRestored>(e) ||
      std::holds_alternative<sim::LbNodeAddedToDns>(e)) {
    return col::kOk;
  }
  if (std::holds_alternative<sim::SettingChanged>(e)) return col::kAccent;
  if (std::holds_alternative<sim::CommandRejected>(e)) return col::kWarn;
  return col::kWarn;
}

}  // namespace

void DrawEventLog(const sim::Sim& sim, UiState& ui) {
  const sim::Lang l = ui.lang;
  ImGui::AlignTextToFramePadding();
  ImGui::TextUnformatted(Tr(S::Events, l));
  ImGui::SameLine();
  const float cb = ImGui::CalcTextSize(Tr(S::ImportantOnly, l)).x + ImGui::GetFrameHeight() + 8;
  ImGui::SetCursorPosX(ImGui::GetWindowContentRegionMax().x - cb);
  ImGui::Checkbox(Tr(S::ImportantOnly, l), &ui.events_important_only);
  Mark(ui, "events-important");
  ImGui::BeginChild("##events", ImVec2(0, 0), ImGuiChildFlags_Border);
  const auto& ring = sim.events();
  int shown = 0;
  const float time_w = ImGui::CalcTextSize("0:00:00").x + 10;
  for (size_t k = 0; k < ring.size() && shown < 200; ++k) {
    const sim::EventRecord& r = ring[ring.size() - 1 - k];
    if (ui.events_important_only && !IsImportant(r.event)) continue;
    ++shown;
    ImGui::TextDisabled("%s", ClockText(r.time_us).c_str());
    ImGui::SameLine(time_w);
    ImGui::PushStyleColor(ImGuiCol_Text, EventColor(r.event));
    ImGui::TextWrapped("%s", EventText(r.event, l, &sim).c_str());
    ImGui::PopStyleColor();
  }
  if (shown == 0) ImGui::TextDisabled("%s", Tr(S::NoEvents, l));
  DragToScroll();
  ImGui::EndChild();
}

}  // namespace ui
