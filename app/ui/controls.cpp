// The top bar: title, lesson picker, run controls (play/pause, one step, speed, fast-forward with
// progress, reset, seed), simulated time, the "?" of keyboard shortcuts and the language switch.
#include <algorithm>
#include <cinttypes>
#include <cstdio>
#include <string>

#include "imgui.h"
#include "statelab/sim.h"
#include "ui/fonts.h"
#include "ui/model_text.h"
#include "ui/strings.h"
#include "ui/theme.h"
#include "ui/views.h"
#include "ui/widgets.h"

namespace ui {

namespace {

std::string LessonLabel(const sim::Lesson& lesson, const sim::Progress& progress, sim::Lang l) {
  std::string s = progress.IsCompleted(lesson.id) ? "✓ " : "   ";
  s += lesson.title.In(l);
  return s;
}

void LessonPicker(const ViewModel& vm, UiState& ui, Commands& out, float width) {
  const sim::Lang l = ui.lang;
  const std::string preview = vm.run != nullptr ? vm.run->lesson().title.In(l) : std::string("-");
  ImGui::SetNextItemWidth(width);
  const bool open = ImGui::BeginCombo("##lesson", preview.c_str(), ImGuiComboFlags_HeightLarge);
  Mark(ui, "lesson-picker");
  if (open) {
    for (const auto& entry : vm.lessons.lessons) {
    const sim::Lesson& lesson = *entry;
      const bool current = vm.IsCurrent(lesson);
      const std::string label = LessonLabel(lesson, vm.progress, l) + "##" + lesson.id;
      if (ImGui::Selectable(label.c_str(), current) && !current) out.push_back(OpenLesson{lesson.id});
      Mark(ui, "pick:" + lesson.id);
      WrappedTooltipOnHover(lesson.summary.In(l).c_str());
      if (current) ImGui::SetItemDefaultFocus();
    }
    ImGui::EndCombo();
  }
}

void RunControls(const ViewModel& vm, UiState& ui, Commands& out, bool compact) {
  const sim::Lang l = ui.lang;
  const PacingView& p = vm.pacing;
  const bool can_run = vm.run != nullptr && !p.blocked_by_question;

  ImGui::BeginDisabled(!can_run || p.fast_forwarding);
  const std::string play = p.playing ? std::string("‖ ") + Tr(S::Pause, l) : std::string("▶ ") + Tr(S::Play, l);
  const float play_w = ImGui::CalcTextSize((std::string("‖ ") + Tr(S::Pause, l)).c_str()).x + 24;
  const bool play_pressed = p.playing ? ImGui::Button((play + "###play").c_str(), ImVec2(play_w, 0))
                                      : PrimaryButton((play + "###play").c_str(), ImVec2(play_w, 0));
  Mark(ui, "play");
  if (play_pressed) out.push_back(SetPlaying{!p.playing});
  if (p.blocked_by_question && ImGui::IsItemHovered(ImGuiHoveredFlags_AllowWhenDisabled)) {
    ImGui::SetTooltip("%s", Tr(S::PredictBlocked, l));
  }
  ImGui::SameLine();
  if (ImGui::Button(Tr(S::StepOnce, l))) out.push_back(StepOnce{});
  Mark(ui, "step-once");
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", Tr(S::StepOnceTip, l));
  ImGui::EndDisabled();

  ImGui::SameLine();
  if (!compact) {
    ImGui::AlignTextToFramePadding();
    ImGui::TextDisabled("%s", Tr(S::Speed, l));
    ImGui::SameLine();
  }
  ImGui::SetNextItemWidth(compact ? 64 : 78);
  char speed[16];
  std::snprintf(speed, sizeof speed, "%g×", static_cast<double>(kSpeeds[p.speed_index]));
  if (ImGui::BeginCombo("##speed", speed)) {
    for (int i = 0; i < kSpeedCount; ++i) {
      char s[16];
      std::snprintf(s, sizeof s, "%g×", static_cast<double>(kSpeeds[i]));
      if (ImGui::Selectable(s, i == p.speed_index)) out.push_back(SetSpeed{i});
      Mark(ui, "speed:" + std::to_string(i));
    }
    ImGui::EndCombo();
  }
  Mark(ui, "speed");
  if (ImGui::IsItemHovered() && !ImGui::IsPopupOpen("##speed")) ImGui::SetTooltip("%s", Tr(S::Speed, l));
  ImGui::SameLine();
  if (p.fast_forwarding) {
    char label[64];
    std::snprintf(label, sizeof label, "%s %s  %d%%", Tr(S::FastForwarding, l),
                  SpanText(p.fast_forward_span_us).c_str(),
                  static_cast<int>(p.fast_forward_fraction * 100.0f + 0.5f));
    ImGui::PushStyleColor(ImGuiCol_PlotHistogram, ToVec4(col::kAccent));
    ImGui::ProgressBar(p.fast_forward_fraction, ImVec2(compact ? 150 : 220, 0), label);
    ImGui::PopStyleColor();
    Mark(ui, "ff-progress");
    ImGui::SameLine();
    if (ImGui::Button(Tr(S::Cancel, l))) out.push_back(CancelFastForward{});
    Mark(ui, "ff-cancel");
  } else {
    ImGui::BeginDisabled(!can_run);
    if (!compact) {
      ImGui::AlignTextToFramePadding();
      ImGui::TextDisabled("▶▶");
      if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s: %s", Tr(S::FastForward, l), Tr(S::FastForwardTip, l));
      ImGui::SameLine();
    }
    if (ImGui::Button(Tr(S::FastForward1m, l))) out.push_back(FastForward{sim::Sec(60)});
    Mark(ui, "ff-1m");
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", Tr(S::FastForwardTip, l));
    if (!compact) {
      ImGui::SameLine();
      if (ImGui::Button(Tr(S::FastForward10m, l))) out.push_back(FastForward{sim::Sec(600)});
      Mark(ui, "ff-10m");
      ImGui::SameLine();
      if (ImGui::Button(Tr(S::FastForward1h, l))) out.push_back(FastForward{sim::Sec(3600)});
      Mark(ui, "ff-1h");
    }
    ImGui::EndDisabled();
  }
}

void SeedAndReset(const ViewModel& vm, UiState& ui, Commands& out) {
  const sim::Lang l = ui.lang;
  ImGui::BeginDisabled(vm.run == nullptr);
  if (ImGui::Button(Tr(S::Reset, l))) out.push_back(ResetStep{});
  Mark(ui, "reset");
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", Tr(S::ResetTip, l));
  ImGui::SameLine();
  ImGui::AlignTextToFramePadding();
  ImGui::TextDisabled("%s", Tr(S::Seed, l));
  ImGui::SameLine();
  const uint64_t seed = vm.run != nullptr ? vm.run->seed() : 0;
  // The seed as it is, all 64 bits (a link may carry any of them), in a box wide enough for it.
  if (!ui.seed_editing) ui.seed_edit_value = seed;
  const std::string digits = std::to_string(ui.seed_edit_value);
  ImGui::SetNextItemWidth(std::max(64.0f, ImGui::CalcTextSize(digits.c_str()).x + ImGui::GetStyle().FramePadding.x * 2 + 8));
  ImGui::InputScalar("##seed", ImGuiDataType_U64, &ui.seed_edit_value, nullptr, nullptr, "%llu",
                     ImGuiInputTextFlags_CharsDecimal);
  Mark(ui, "seed");
  ui.seed_editing = ImGui::IsItemActive();
  if (ImGui::IsItemDeactivatedAfterEdit()) out.push_back(SetSeed{ui.seed_edit_value});
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", Tr(S::SeedTip, l));
  ImGui::SameLine();
  if (ImGui::Button(Tr(S::NewSeed, l))) {
    // A new seed derived from the current one, so the sequence of "new seeds" is reproducible too.
    const uint64_t next = (seed * 6364136223846793005ull + 1442695040888963407ull) >> 40;
    out.push_back(SetSeed{next % 100000});
  }
  Mark(ui, "new-seed");
  ImGui::EndDisabled();
}

void LanguageSwitch(UiState& ui, Commands& out) {
  const int picked = SegmentedChoice(ui, "lang", {kKoreanName, "English"}, ui.lang == sim::Lang::Ko ? 0 : 1);
  if (picked == 0) out.push_back(SetLanguage{sim::Lang::Ko});
  if (picked == 1) out.push_back(SetLanguage{sim::Lang::En});
}

// "?": the keyboard shortcuts (the "?" key does the same).
void KeysButton(UiState& ui) {
  if (ImGui::Button("?##keys")) {
    ui.keys_open = !ui.keys_open;
    ui.keys_focus = ui.keys_open;
  }
  MarkOn(ui, "keys", ui.keys_open);
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", Tr(S::KeysButtonTip, ui.lang));
}

float KeysButtonWidth() {
  const ImGuiStyle& s = ImGui::GetStyle();
  return ImGui::CalcTextSize("?").x + s.FramePadding.x * 2 + s.ItemSpacing.x;
}

float LanguageSwitchWidth() {
  const ImGuiStyle& s = ImGui::GetStyle();
  return ImGui::CalcTextSize(kKoreanName).x + ImGui::CalcTextSize("English").x + s.FramePadding.x * 4 + 2;
}

}  // namespace

void DrawTopBar(const ViewModel& vm, UiState& ui, Commands& out, bool two_rows, bool compact) {
  const sim::Lang l = ui.lang;
  const float full_w = ImGui::GetContentRegionAvail().x;
  const float lang_w = LanguageSwitchWidth() + KeysButtonWidth();
  const std::string time = vm.run != nullptr ? ClockText(vm.run->sim().now_us()) : std::string("--:--");
  const float time_w = ImGui::CalcTextSize(time.c_str()).x + 16;
  auto time_and_language = [&]() {
    ImGui::SameLine();
    const float right = ImGui::GetWindowContentRegionMax().x - lang_w - time_w;
    if (right > ImGui::GetCursorPosX()) ImGui::SetCursorPosX(right);
    ImGui::AlignTextToFramePadding();
    ImGui::TextUnformatted(time.c_str());
    Mark(ui, "sim-time");
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", Tr(S::SimTime, l));
    ImGui::SameLine();
    KeysButton(ui);
    ImGui::SameLine();
    LanguageSwitch(ui, out);
  };

  ImGui::AlignTextToFramePadding();
  TextColored(col::Rgb(140, 190, 255), Tr(S::AppTitle, l));
  Mark(ui, "title");
  if (compact) {
    // Phone: title, time and language; then the lesson picker; then the run controls.
    time_and_language();
    LessonPicker(vm, ui, out, full_w);
    RunControls(vm, ui, out, true);
    ImGui::SameLine();
    if (ImGui::Button(Tr(S::Reset, l))) out.push_back(ResetStep{});
    Mark(ui, "reset");
    return;
  }
  if (full_w > 1650) {
    ImGui::SameLine();
    ImGui::AlignTextToFramePadding();
    ImGui::TextDisabled("%s", Tr(S::AppSubtitle, l));
  }
  ImGui::SameLine(0, 16);
  float picker_w = std::clamp(full_w * 0.2f, 200.0f, 320.0f);
  if (two_rows) picker_w = std::min(460.0f, ImGui::GetWindowContentRegionMax().x - ImGui::GetCursorPosX() - lang_w - time_w - 16);
  LessonPicker(vm, ui, out, picker_w);
  if (!two_rows) {
    ImGui::SameLine(0, 18);
    RunControls(vm, ui, out, false);
    ImGui::SameLine(0, 18);
    SeedAndReset(vm, ui, out);
  }
  time_and_language();
  if (two_rows) {
    RunControls(vm, ui, out, false);
    ImGui::SameLine(0, 18);
    SeedAndReset(vm, ui, out);
  }
  if (vm.pacing.lagging && vm.pacing.playing) {
    ImGui::SameLine();
    TextColored(col::kWarn, "⚠");
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", Tr(S::Lagging, l));
  }
}

void DrawEmbedBar(const ViewModel& vm, UiState& ui, Commands& out, bool two_rows) {
  const sim::Lang l = ui.lang;
  const ImGuiStyle& st = ImGui::GetStyle();
  const std::string time = vm.run != nullptr ? ClockText(vm.run->sim().now_us()) : std::string("--:--");
  const char* open = Tr(S::OpenFullTutorial, l);
  const float open_w = ImGui::CalcTextSize(open).x + st.FramePadding.x * 2;
  const float lang_w = LanguageSwitchWidth();
  RunControls(vm, ui, out, true);
  ImGui::SameLine();
  ImGui::AlignTextToFramePadding();
  ImGui::TextUnformatted(time.c_str());
  Mark(ui, "sim-time");
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", Tr(S::SimTime, l));
  // The language and the way to the whole tutorial: right of the controls, or on their own row.
  if (!two_rows) ImGui::SameLine();
  const float right = ImGui::GetWindowContentRegionMax().x - lang_w - open_w - st.ItemSpacing.x;
  if (right > ImGui::GetCursorPosX()) ImGui::SetCursorPosX(right);
  LanguageSwitch(ui, out);
  ImGui::SameLine();
  // A link, drawn as one: the whole tutorial opens in a new tab at this lesson and step.
  ImGui::PushStyleColor(ImGuiCol_Button, IM_COL32(0, 0, 0, 0));
  ImGui::PushStyleColor(ImGuiCol_Text, col::Rgb(140, 190, 255));
  if (ImGui::Button(open)) out.push_back(OpenFullTutorial{});
  ImGui::PopStyleColor(2);
  Mark(ui, "open-full");
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", Tr(S::OpenFullTutorialTip, l));
}

}  // namespace ui
