// The lesson panel: the lesson list with progress, then the current step: narration, the task,
// a prediction or quiz question, the live goal checklist, hints, and step navigation pinned at
// the bottom.
#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <string>

#include "imgui.h"
#include "statelab/glossary.h"
#include "statelab/lesson.h"
#include "statelab/sim.h"
#include "ui/model_text.h"
#include "ui/shortcuts.h"
#include "ui/strings.h"
#include "ui/theme.h"
#include "ui/views.h"
#include "ui/widgets.h"

namespace ui {

namespace {

std::string ValueText(double v) {
  char b[32];
  if (v == static_cast<double>(static_cast<int64_t>(v))) {
    std::snprintf(b, sizeof b, "%lld", static_cast<long long>(v));
  } else if (std::fabs(v) >= 100.0) {
    std::snprintf(b, sizeof b, "%.0f", v);  // 1055.5 reads "1056", not "1.06e+03"
  } else {
    std::snprintf(b, sizeof b, "%.3g", v);
  }
  return b;
}

// Progress to another device and back: this device's code to copy, a field for the other's.
void ProgressMove(const ViewModel& vm, UiState& ui, Commands& out) {
  const sim::Lang l = ui.lang;
  if (vm.tutorial == nullptr) return;
  ImGui::Spacing();
  const bool open = ImGui::TreeNode((std::string(Tr(S::ProgressMove, l)) + "###progress-move").c_str());
  Mark(ui, "progress-move");
  if (!open) return;
  ImGui::PushTextWrapPos(0.0f);
  TextDim(Tr(S::ProgressMoveHelp, l));
  ImGui::PopTextWrapPos();
  std::string code = vm.tutorial->ProgressCode();
  TextDim(Tr(S::ProgressCodeLabel, l));
  ImGui::SetNextItemWidth(-1);
  ImGui::InputText("##progress-code", code.data(), code.size() + 1,
                   ImGuiInputTextFlags_ReadOnly | ImGuiInputTextFlags_AutoSelectAll);
  Mark(ui, "progress-code");
  TextDim(Tr(S::ProgressImportLabel, l));
  const float import_w = ImGui::CalcTextSize(Tr(S::ProgressImport, l)).x + ImGui::GetStyle().FramePadding.x * 2;
  ImGui::SetNextItemWidth(std::max(80.0f, ImGui::GetContentRegionAvail().x - import_w - ImGui::GetStyle().ItemSpacing.x));
  const bool entered = ImGui::InputText("##progress-import", ui.progress_import.data(), ui.progress_import.size(),
                                        ImGuiInputTextFlags_EnterReturnsTrue | ImGuiInputTextFlags_AutoSelectAll);
  Mark(ui, "progress-import");
  ImGui::SameLine();
  const bool empty = ui.progress_import[0] == '\0';
  ImGui::BeginDisabled(empty);
  const bool clicked = ImGui::Button(Tr(S::ProgressImport, l));
  ImGui::EndDisabled();
  Mark(ui, "progress-import-button");
  if ((entered || clicked) && !empty) {
    out.push_back(ImportProgress{std::string(ui.progress_import.data())});
    ui.progress_import[0] = '\0';
  }
  if (ImGui::Button(Tr(S::ProgressExportFile, l))) out.push_back(ExportProgressFile{});
  Mark(ui, "progress-export-file");
  ImGui::SameLine();
  if (ImGui::Button(Tr(S::ProgressImportFile, l))) out.push_back(PickProgressFile{});
  Mark(ui, "progress-import-file");
  ImGui::TreePop();
}

void DrawLessonList(const ViewModel& vm, UiState& ui, Commands& out) {
  const sim::Lang l = ui.lang;
  int done = 0;
  for (const auto& lesson : vm.lessons.lessons) done += vm.progress.IsCompleted(lesson->id) ? 1 : 0;
  char header[96];
  std::snprintf(header, sizeof header, "%s  (%d/%d %s)###lessons", Tr(S::Lessons, l), done,
                static_cast<int>(vm.lessons.lessons.size()), Tr(S::Completed, l));
  ImGui::SetNextItemOpen(ui.lesson_list_open);
  ui.lesson_list_open = ImGui::CollapsingHeader(header);
  Mark(ui, "lesson-list");
  if (!ui.lesson_list_open) return;
  for (const auto& entry : vm.lessons.lessons) {
    const sim::Lesson& lesson = *entry;
    const bool current = vm.IsCurrent(lesson);
    const bool completed = vm.progress.IsCompleted(lesson.id);
    ImGui::PushID(lesson.id.c_str());
    const ImVec2 p = ImGui::GetCursorScreenPos();
    if (ImGui::Selectable("##row", current, 0, ImVec2(0, ImGui::GetTextLineHeight() * 1.5f))) {
      if (!current) out.push_back(OpenLesson{lesson.id});
      ui.lesson_list_open = false;
    }
    MarkOn(ui, "lesson:" + lesson.id, current);
    WrappedTooltipOnHover(lesson.summary.In(l).c_str());
    ImDrawList* dl = ImGui::GetWindowDrawList();
    const float h = ImGui::GetTextLineHeight();
    const ImVec2 c(p.x + 10, p.y + h * 0.75f);
    if (completed) {
      dl->AddCircleFilled(c, 7, col::kOk, 16);
      dl->AddText(ImVec2(c.x - 5, c.y - h * 0.5f), col::kBackground, "✓");
    } else if (current) {
      dl->AddCircle(c, 7, col::kAccent, 16, 2.0f);
    } else {
      dl->AddCircle(c, 7, col::kTextFaint, 16, 1.5f);
    }
    std::string title = lesson.title.In(l);
    if (lesson.sandbox && title != Tr(S::Sandbox, l)) title += std::string("  · ") + Tr(S::Sandbox, l);
    if (lesson.graded) {
      const auto grade = vm.progress.grades.find(lesson.id);
      title += std::string("  · ") +
               (grade != vm.progress.grades.end() ? Fmt(l, S::GradeInList, grade->second.c_str()) : std::string(Tr(S::Graded, l)));
    }
    dl->AddText(ImVec2(p.x + 26, p.y + h * 0.25f), current ? col::kText : col::kTextDim, title.c_str());
    ImGui::PopID();
  }
  ProgressMove(vm, ui, out);
  if (!vm.lessons.errors.empty()) {
    ImGui::Spacing();
    TextColored(col::kWarn, Tr(S::LessonErrors, l));
    for (const sim::ValidationError& e : vm.lessons.errors) {
      ImGui::PushStyleColor(ImGuiCol_Text, col::kWarn);
      ImGui::TextWrapped("• %s", e.Message().c_str());
      ImGui::PopStyleColor();
    }
  }
  ImGui::Separator();
}

void StepDots(const ViewModel& vm, UiState& ui, Commands& out) {
  const sim::LessonRun& run = *vm.run;
  const int n = static_cast<int>(run.lesson().steps.size());
  const auto it = vm.progress.furthest_step.find(run.lesson().id);
  const int furthest = std::max(run.step_index(), it != vm.progress.furthest_step.end() ? it->second : 0);
  ImDrawList* dl = ImGui::GetWindowDrawList();
  for (int i = 0; i < n; ++i) {
    if (i > 0) ImGui::SameLine(0, 4);
    ImGui::PushID(i);
    const ImVec2 p = ImGui::GetCursorScreenPos();
    const bool reachable = i <= furthest;
    if (ImGui::InvisibleButton("##dot", ImVec2(18, 18)) && reachable && i != run.step_index()) {
      out.push_back(GoToStep{i});
    }
    Mark(ui, "stepdot:" + std::to_string(i));
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", run.lesson().steps[static_cast<size_t>(i)].title.In(ui.lang).c_str());
    const ImVec2 c(p.x + 9, p.y + 9);
    if (i == run.step_index()) {
      dl->AddCircleFilled(c, 6, col::kAccent, 16);
    } else if (i < furthest || (i < run.step_index())) {
      dl->AddCircleFilled(c, 5, col::kOk, 16);
    } else {
      dl->AddCircle(c, 5, reachable ? col::kTextDim : col::kTextFaint, 16, 1.5f);
    }
    ImGui::PopID();
  }
}

void GoalList(const ViewModel& vm, UiState& ui) {
  const sim::Lang l = ui.lang;
  const sim::LessonRun& run = *vm.run;
  const sim::LessonStep& step = run.step();
  if (step.goals.empty()) {
    TextDim(Tr(S::NoGoals, l));
    return;
  }
  const auto& progress = run.goals();
  if (run.lesson().graded) {
    // The engine grades the whole lesson (the CLI reads the same); while goals are still open the
    // learner sees how many hold, not a letter for a run that has not ended.
    const sim::LessonRun::Grading g = run.Grade();
    if (!g.decided) {
      Badge(Fmt(l, S::GradeOnTrack, g.holding, g.goals).c_str(), g.holding == g.goals ? col::kOk : col::kWarn);
      Mark(ui, "grade:on-track");
    } else if (!g.letter.empty()) {
      Badge(Fmt(l, S::GradePoints, g.letter.c_str(), g.points_met, g.points_max).c_str(), col::kAccent);
      Mark(ui, "grade:" + g.letter);
    }
  }
  for (size_t i = 0; i < step.goals.size(); ++i) {
    const sim::Goal& goal = step.goals[i];
    const sim::GoalProgress gp = i < progress.size() ? progress[i] : sim::GoalProgress{};
    ImDrawList* dl = ImGui::GetWindowDrawList();
    const ImVec2 p = ImGui::GetCursorScreenPos();
    const float h = ImGui::GetTextLineHeight();
    const ImVec2 c(p.x + 8, p.y + h * 0.5f + 1);
    const char* state_text = Tr(S::GoalPending, l);
    ImU32 color = col::kTextFaint;
    switch (gp.state) {
      case sim::GoalState::Pending:
        dl->AddCircle(c, 6.5f, col::kTextFaint, 16, 1.5f);
        break;
      case sim::GoalState::Passing:
        dl->AddCircle(c, 6.5f, col::kPending, 16, 1.5f);
        dl->PathArcTo(c, 6.5f, -1.5707963f, 1.5707963f, 12);
        dl->PathFillConvex(col::kPending);
        state_text = Tr(S::GoalPassing, l);
        color = col::kPending;
        break;
      case sim::GoalState::Met:
        dl->AddCircleFilled(c, 7.5f, col::kOk, 16);
        dl->AddLine(ImVec2(c.x - 3.5f, c.y), ImVec2(c.x - 1, c.y + 3), col::kBackground, 2.0f);
        dl->AddLine(ImVec2(c.x - 1, c.y + 3), ImVec2(c.x + 4, c.y - 3), col::kBackground, 2.0f);
        state_text = Tr(S::GoalMet, l);
        color = col::kOk;
        break;
      case sim::GoalState::Failed:
        dl->AddCircleFilled(c, 7.5f, col::kError, 16);
        dl->AddLine(ImVec2(c.x - 3, c.y - 3), ImVec2(c.x + 3, c.y + 3), col::kBackground, 2.0f);
        dl->AddLine(ImVec2(c.x - 3, c.y + 3), ImVec2(c.x + 3, c.y - 3), col::kBackground, 2.0f);
        state_text = Tr(S::GoalFailed, l);
        color = col::kError;
        break;
    }
    ImGui::Indent(22);
    ImGui::PushTextWrapPos(0.0f);
    ImGui::TextUnformatted(goal.text.In(l).c_str());
    ImGui::PopTextWrapPos();
    ImGui::PushStyleColor(ImGuiCol_Text, color);
    ImGui::Text("%s", state_text);
    ImGui::PopStyleColor();
    ImGui::SameLine();
    const sim::MetricInfo* info = goal.shopper.empty() ? &sim::InfoOf(goal.metric_id) : nullptr;
    // Met and failed goals keep the value that decided them; open ones read the stack now.
    const bool decided = gp.state == sim::GoalState::Met || gp.state == sim::GoalState::Failed;
    const double value = decided ? gp.value : run.LiveGoalValue(i);
    const std::string now = info != nullptr ? MetricValueText(value, sim::FormatOf(*info), l) : ValueText(value);
    ImGui::TextDisabled("· %s", Fmt(l, S::GoalNow, now.c_str()).c_str());
    ImGui::Unindent(22);
    Mark(ui, "goal:" + goal.id);
    ImGui::Spacing();
  }
}

void QuestionBox(const ViewModel& vm, UiState& ui, Commands& out) {
  const sim::Lang l = ui.lang;
  const sim::LessonRun& run = *vm.run;
  const sim::Question& q = *run.step().question;
  const bool predict = q.kind == sim::QuestionKind::Predict;
  SectionTitle(predict ? Tr(S::Predict, l) : Tr(S::Quiz, l));
  ImGui::PushTextWrapPos(0.0f);
  ImGui::TextUnformatted(q.prompt.In(l).c_str());
  ImGui::PopTextWrapPos();
  const bool answered = ui.chosen_answer >= 0;
  // A prediction is judged once the step has run; a quiz answer at once.
  const bool reveal = answered && (!predict || run.StepPassed() || run.step_elapsed_us() >= run.step().duration_us);
  const float w = ImGui::GetContentRegionAvail().x;
  for (size_t i = 0; i < q.choices.size(); ++i) {
    const int idx = static_cast<int>(i);
    ImGui::PushID(idx);
    const bool chosen = ui.chosen_answer == idx;
    const bool right = idx == q.answer;
    ImU32 bg = col::Rgb(40, 46, 56);
    if (chosen) bg = col::Rgb(48, 80, 130);
    if (reveal && right) bg = col::Rgb(30, 90, 50);
    if (reveal && chosen && !right) bg = col::Rgb(110, 40, 40);
    ImGui::PushStyleColor(ImGuiCol_Button, ToVec4(bg));
    ImGui::PushStyleColor(ImGuiCol_ButtonHovered, ToVec4(Mix(bg, col::kText, 0.12f)));
    ImGui::PushStyleVar(ImGuiStyleVar_ButtonTextAlign, ImVec2(0.0f, 0.5f));
    const std::string text = q.choices[i].In(l);
    // Wrap long choices by hand: buttons do not wrap.
    const float wrap = w - ImGui::GetStyle().FramePadding.x * 2;
    const ImVec2 ts = ImGui::CalcTextSize(text.c_str(), nullptr, false, wrap);
    const ImVec2 pos = ImGui::GetCursorScreenPos();
    const bool pressed = ImGui::Button("##choice", ImVec2(w, ts.y + ImGui::GetStyle().FramePadding.y * 2));
    ImGui::GetWindowDrawList()->AddText(ImGui::GetFont(), ImGui::GetFontSize(),
                                        ImVec2(pos.x + ImGui::GetStyle().FramePadding.x,
                                               pos.y + ImGui::GetStyle().FramePadding.y),
                                        col::kText, text.c_str(), nullptr, wrap);
    Mark(ui, "choice:" + std::to_string(i));
    ImGui::PopStyleVar();
    ImGui::PopStyleColor(2);
    if (pressed && (!answered || !predict)) out.push_back(AnswerQuestion{idx});
    ImGui::PopID();
  }
  if (predict && !answered) TextColored(col::kWarn, Tr(S::PredictBlocked, l));
  if (reveal) {
    TextColored(ui.chosen_answer == q.answer ? col::kOk : col::kError,
                ui.chosen_answer == q.answer ? Tr(S::Correct, l) : Tr(S::Incorrect, l));
    ImGui::PushTextWrapPos(0.0f);
    ImGui::TextUnformatted(q.explanation.In(l).c_str());
    ImGui::PopTextWrapPos();
  } else if (predict && answered) {
    ImGui::TextDisabled("%s: %s", Tr(S::YourPrediction, l),
                        q.choices[static_cast<size_t>(ui.chosen_answer)].In(l).c_str());
  }
}

// When the learner's design is one of the step's known wrong attempts and the step has shown it
// (a goal failed, or the step ran its course), say why it misses the point.
void WrongAttemptNote(const ViewModel& vm, UiState& ui) {
  const sim::LessonRun& run = *vm.run;
  const int wrong = run.MatchingWrongSolution();
  if (wrong < 0 || run.StepPassed()) return;
  if (!run.StepFailed() && run.step_elapsed_us() < run.step().duration_us) return;
  const sim::Lang l = ui.lang;
  ImGui::Spacing();
  TextColored(col::kError, Tr(S::WrongAttempt, l));
  ImGui::PushTextWrapPos(0.0f);
  ImGui::TextUnformatted(run.step().wrong_solutions[static_cast<size_t>(wrong)].why.In(l).c_str());
  ImGui::PopTextWrapPos();
  Mark(ui, "wrong:" + run.step().wrong_solutions[static_cast<size_t>(wrong)].id);
}

// The glossary's terms in the narration, each with its gloss on hover.
void TermChips(const ViewModel& vm, UiState& ui, const std::string& narration) {
  if (vm.glossary == nullptr) return;
  const sim::Lang l = ui.lang;
  const auto terms = sim::TermsIn(*vm.glossary, narration, l);
  if (terms.empty()) return;
  ImGui::TextDisabled("%s:", Tr(S::Terms, l));
  const float right = ImGui::GetWindowPos().x + ImGui::GetWindowContentRegionMax().x;
  for (const sim::GlossaryTerm* t : terms) {
    const std::string label = t->term.In(l);
    const float w = ImGui::CalcTextSize(label.c_str()).x + ImGui::GetStyle().FramePadding.x * 2;
    // Beside the last chip when it fits, else on a new line.
    if (ImGui::GetItemRectMax().x + ImGui::GetStyle().ItemSpacing.x + w <= right) ImGui::SameLine();
    ImGui::PushID(t->id.c_str());
    ImGui::SmallButton(label.c_str());
    Mark(ui, "term:" + t->id);
    WrappedTooltipOnHover(t->gloss.In(l).c_str());
    ImGui::PopID();
  }
}

// Where the lesson's facts come from, under the step.
void SourceList(const ViewModel& vm, UiState& ui) {
  const auto& sources = vm.run->lesson().sources;
  if (sources.empty()) return;
  const sim::Lang l = ui.lang;
  ImGui::Spacing();
  if (!ImGui::CollapsingHeader(Tr(S::Sources, l))) return;
  Mark(ui, "sources");
  for (const sim::Source& s : sources) {
    ImGui::PushTextWrapPos(0.0f);
    ImGui::TextUnformatted(s.title.c_str());
    ImGui::PopTextWrapPos();
    ImGui::PushStyleColor(ImGuiCol_Text, col::Rgb(140, 190, 255));
    ImGui::PushTextWrapPos(0.0f);
    ImGui::TextUnformatted(s.url.c_str());
    ImGui::PopTextWrapPos();
    ImGui::PopStyleColor();
    ImGui::TextDisabled("%s", Fmt(l, S::SourceChecked, s.checked.c_str()).c_str());
    ImGui::Spacing();
  }
}

void Hints(const ViewModel& vm, UiState& ui) {
  const sim::Lang l = ui.lang;
  const auto& hints = vm.run->step().hints;
  if (hints.empty()) return;
  SectionTitle(Tr(S::Hints, l));
  const int shown = std::min<int>(ui.hints_shown, static_cast<int>(hints.size()));
  for (int i = 0; i < shown; ++i) {
    ImGui::PushStyleColor(ImGuiCol_Text, col::Rgb(200, 205, 150));
    ImGui::TextWrapped("%d. %s", i + 1, hints[static_cast<size_t>(i)].In(l).c_str());
    ImGui::PopStyleColor();
  }
  if (shown < static_cast<int>(hints.size())) {
    if (ImGui::Button(shown == 0 ? Tr(S::ShowHint, l) : Tr(S::NextHint, l))) ui.hints_shown = shown + 1;
    Mark(ui, "hint");
  }
}

// Previous and next step (the last: finish the lesson), as far as the tutorial lets the learner go.
void FooterStepButtons(const ViewModel& vm, UiState& ui, Commands& out) {
  const sim::Lang l = ui.lang;
  const sim::LessonRun& run = *vm.run;
  const int step = run.step_index();
  const bool passed = run.StepPassed();
  const bool last = step + 1 >= static_cast<int>(run.lesson().steps.size());
  const float w = (ImGui::GetContentRegionAvail().x - ImGui::GetStyle().ItemSpacing.x) * 0.5f;
  ImGui::BeginDisabled(step <= 0 || (vm.tutorial != nullptr && !vm.tutorial->CanGoToStep(step - 1)));
  if (ImGui::Button((std::string("◀ ") + Tr(S::PrevStep, l)).c_str(), ImVec2(w, 0))) out.push_back(GoToStep{step - 1});
  Mark(ui, "prev-step");
  ImGui::EndDisabled();
  ImGui::SameLine();
  const std::string next = last ? std::string(Tr(S::FinishLesson, l)) + " ✓" : std::string(Tr(S::NextStep, l)) + " ▶";
  // A graded lesson ends with whatever grade was earned, once its last step has decided every goal.
  // (the N key does the same: NextStepCommand, shortcuts.h).
  const std::optional<AppCommand> next_command = NextStepCommand(run);
  ImGui::BeginDisabled(!next_command);
  const bool pressed = passed ? PrimaryButton(next.c_str(), ImVec2(w, 0)) : ImGui::Button(next.c_str(), ImVec2(w, 0));
  ImGui::EndDisabled();
  Mark(ui, "next-step");
  if (pressed && next_command) out.push_back(*next_command);
}

void Footer(const ViewModel& vm, UiState& ui, Commands& out) {
  const sim::Lang l = ui.lang;
  const sim::LessonRun& run = *vm.run;
  const bool passed = run.StepPassed();
  const bool last = run.step_index() + 1 >= static_cast<int>(run.lesson().steps.size());
  // Embedded with one step only: no way to another step here; the whole tutorial goes on.
  const EmbedScope* embed = vm.tutorial != nullptr ? vm.tutorial->embed() : nullptr;
  const bool step_only = embed != nullptr && embed->only_step.has_value();
  ImGui::Separator();
  if (passed && !run.lesson().sandbox) {  // a sandbox has no goals to pass
    TextColored(col::kOk, last ? Tr(S::LessonDone, l) : step_only ? Tr(S::EmbedStepPassed, l) : Tr(S::StepPassed, l));
  } else if (run.StepFailed()) {
    ImGui::PushStyleColor(ImGuiCol_Text, col::kError);
    ImGui::TextWrapped("%s", Tr(S::StepFailedMsg, l));
    ImGui::PopStyleColor();
  }
  if (step_only) {
    const char* open = Tr(S::OpenFullTutorial, l);
    const ImVec2 size(ImGui::GetContentRegionAvail().x, 0);
    if (passed ? PrimaryButton(open, size) : ImGui::Button(open, size)) out.push_back(OpenFullTutorial{});
    Mark(ui, "open-full-next");
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", Tr(S::EmbedStepOnly, l));
  } else {
    FooterStepButtons(vm, ui, out);
  }
  if (ImGui::SmallButton(step_only ? Tr(S::Reset, l) : Tr(S::RestartLesson, l))) out.push_back(RestartLesson{});
  Mark(ui, "restart-lesson");
  ImGui::SameLine();
  // The windows over the diagram ("What happened", theory, cost): one open at a time.
  struct Overlay {
    S label;
    bool UiState::*open;
    const char* mark;
  };
  static constexpr Overlay kOverlays[] = {{S::StoryOpen, &UiState::story_open, "story-open"},
                                          {S::TheoryOpen, &UiState::theory_open, "theory-open"},
                                          {S::CostOpen, &UiState::cost_open, "cost-open"}};
  for (const Overlay& o : kOverlays) {
    if (&o != kOverlays) ImGui::SameLine();
    if (ImGui::SmallButton(Tr(o.label, l))) {
      const bool was = ui.*o.open;
      for (const Overlay& other : kOverlays) ui.*other.open = false;
      ui.*o.open = !was;
    }
    MarkOn(ui, o.mark, ui.*o.open);
  }
}

}  // namespace

void DrawLessonPanel(const ViewModel& vm, UiState& ui, Commands& out) {
  const sim::Lang l = ui.lang;
  if (!ui.embedded) DrawLessonList(vm, ui, out);  // an embed shows its one lesson only
  if (vm.run == nullptr) {
    TextDim(Tr(S::NoLessons, l));
    return;
  }
  const sim::LessonRun& run = *vm.run;
  const sim::Lesson& lesson = run.lesson();
  const int n = static_cast<int>(lesson.steps.size());

  // Footer height: the status line (when there is one), the buttons, the restart link.
  const float line = ImGui::GetFrameHeightWithSpacing();
  const bool status = run.StepPassed() || run.StepFailed();
  const float status_h = run.StepFailed() ? ImGui::GetTextLineHeightWithSpacing() * 2 : line;
  const float footer_h = line * 2 + (status ? status_h : 0.0f) + ImGui::GetStyle().ItemSpacing.y * 2;
  ImGui::BeginChild("##step", ImVec2(0, -footer_h), ImGuiChildFlags_None);

  ImGui::PushTextWrapPos(0.0f);
  ImGui::PushStyleColor(ImGuiCol_Text, col::Rgb(245, 247, 250));
  ImGui::SetWindowFontScale(1.15f);
  ImGui::TextUnformatted(lesson.title.In(l).c_str());
  ImGui::SetWindowFontScale(1.0f);
  Mark(ui, "lesson-title");
  ImGui::PopStyleColor();
  ImGui::PopTextWrapPos();
  if (vm.progress.IsCompleted(lesson.id)) {
    Badge(Tr(S::Completed, l), col::kOk);
    ImGui::SameLine();
  }
  ImGui::AlignTextToFramePadding();
  ImGui::TextDisabled("%s", Fmt(l, S::StepOf, run.step_index() + 1, n).c_str());
  ImGui::SameLine();
  StepDots(vm, ui, out);

  // How far the step has run against its duration.
  const sim::LessonStep& step = run.step();
  const float frac = step.duration_us > 0
                         ? std::min(1.0f, static_cast<float>(run.step_elapsed_us()) / static_cast<float>(step.duration_us))
                         : 0.0f;
  ImGui::PushStyleColor(ImGuiCol_PlotHistogram, ToVec4(run.StepPassed() ? col::kOk : col::kAccent));
  const std::string pb = ClockText(run.step_elapsed_us()) + " / " + ClockText(step.duration_us);
  ImGui::ProgressBar(frac, ImVec2(-1, 6), "");
  ImGui::PopStyleColor();
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s: %s", Tr(S::StepProgress, l), pb.c_str());

  ImGui::Spacing();
  ImGui::PushStyleColor(ImGuiCol_Text, col::Rgb(140, 190, 255));
  ImGui::PushTextWrapPos(0.0f);
  ImGui::TextUnformatted(step.title.In(l).c_str());
  ImGui::PopTextWrapPos();
  ImGui::PopStyleColor();
  ImGui::Spacing();
  ImGui::PushTextWrapPos(0.0f);
  ImGui::TextUnformatted(step.narration.In(l).c_str());
  ImGui::PopTextWrapPos();
  Mark(ui, "narration");
  TermChips(vm, ui, step.narration.In(l));

  if (!step.task.In(l).empty()) {
    ImGui::Spacing();
    // The task on a tinted card so it stands out from the narration.
    ImDrawList* dl = ImGui::GetWindowDrawList();
    dl->ChannelsSplit(2);
    dl->ChannelsSetCurrent(1);
    const ImVec2 p0 = ImGui::GetCursorScreenPos();
    ImGui::Indent(10);
    ImGui::Dummy(ImVec2(0, 2));
    TextColored(col::kWarn, Tr(S::Task, l));
    ImGui::PushTextWrapPos(ImGui::GetContentRegionMax().x - 10);
    ImGui::TextUnformatted(step.task.In(l).c_str());
    ImGui::PopTextWrapPos();
    ImGui::Dummy(ImVec2(0, 2));
    ImGui::Unindent(10);
    const ImVec2 p1(p0.x + ImGui::GetContentRegionAvail().x, ImGui::GetCursorScreenPos().y);
    dl->ChannelsSetCurrent(0);
    dl->AddRectFilled(p0, p1, col::Rgb(52, 44, 24), 6.0f);
    dl->AddRectFilled(p0, ImVec2(p0.x + 3, p1.y), col::kWarn, 2.0f);
    dl->ChannelsMerge();
    Mark(ui, "task");
  }

  if (step.question) QuestionBox(vm, ui, out);
  SectionTitle(Tr(S::Goals, l));
  GoalList(vm, ui);
  WrongAttemptNote(vm, ui);
  Hints(vm, ui);
  SourceList(vm, ui);
  DragToScroll();
  ImGui::EndChild();

  Footer(vm, ui, out);
}

}  // namespace ui
