// The comparison bar over the diagram: which run is A and which B (labels and colours shared with
// the charts), the one-line difference from the engine (LessonRun::ComparisonSummary, worded by
// DifferenceLine), and the controls: the sandbox's "Compare" (fork into B), "Compare with the
// earlier branch" after a fork, "Stop comparing". The state lives in ui::Tutorial; this only draws.
#include <string>

#include "imgui.h"
#include "statelab/lesson.h"
#include "ui/model_text.h"
#include "ui/strings.h"
#include "ui/theme.h"
#include "ui/tutorial.h"
#include "ui/views.h"
#include "ui/widgets.h"

namespace ui {

namespace {

struct SideLabels {
  std::string a;
  std::string b;
};

SideLabels LabelsOf(const Tutorial& t, sim::Lang l) {
  switch (t.compare_origin()) {
    case CompareOrigin::Step: {
      const sim::CompareSpec& spec = *t.run()->step().compare;
      return {spec.a.label.In(l), spec.b.label.In(l)};
    }
    case CompareOrigin::Branch: return {Tr(S::CompareBranchA, l), Tr(S::CompareBranchB, l)};
    case CompareOrigin::Fork:
    case CompareOrigin::None: break;
  }
  return {Tr(S::CompareForkA, l), Tr(S::CompareForkB, l)};
}

bool Offers(const ViewModel& vm, bool* fork, bool* branch) {
  const Tutorial* t = vm.tutorial;
  *fork = t != nullptr && t->CanStartCompare() && t->run()->lesson().sandbox;
  *branch = t != nullptr && t->CanStartCompare() && t->previous_branch().has_value();
  return *fork || *branch;
}

}  // namespace

int CompareBarRows(const ViewModel& vm, bool compact) {
  if (vm.tutorial == nullptr || vm.run == nullptr) return 0;
  if (vm.tutorial->compare_origin() != CompareOrigin::None) return compact ? 3 : 2;
  bool fork = false, branch = false;
  return Offers(vm, &fork, &branch) ? 1 : 0;
}

void DrawCompareBar(const ViewModel& vm, UiState& ui, Commands& out, bool compact) {
  const Tutorial* t = vm.tutorial;
  if (t == nullptr || vm.run == nullptr) return;
  const sim::Lang l = ui.lang;
  const CompareOrigin origin = t->compare_origin();
  if (origin == CompareOrigin::None) {
    bool fork = false, branch = false;
    if (!Offers(vm, &fork, &branch)) return;
    if (fork) {
      if (ImGui::Button(Tr(S::CompareStart, l))) out.push_back(StartCompare{});
      Mark(ui, "compare-start");
      WrappedTooltipOnHover(Tr(S::CompareStartTip, l));
      if (branch) ImGui::SameLine();
    }
    if (branch) {
      if (ImGui::Button(Tr(S::CompareBranch, l))) out.push_back(CompareWithPreviousBranch{});
      Mark(ui, "compare-branch");
      WrappedTooltipOnHover(Tr(S::CompareBranchTip, l));
    }
    return;
  }
  // Row 1: the sides (on a phone, a choice of the one diagram shown), and the way out.
  const SideLabels labels = LabelsOf(*t, l);
  if (compact) {
    const std::string a = labels.a, b = labels.b;
    const int picked = SegmentedChoice(ui, "compare-side", {a.c_str(), b.c_str()}, ui.compare_show_a ? 0 : 1);
    if (picked >= 0) ui.compare_show_a = picked == 0;
  } else {
    StatusDot(col::kSideA);
    TextColored(col::kSideA, labels.a.c_str());
    Mark(ui, "compare-side:0");
    ImGui::SameLine(0, 18);
    StatusDot(col::kSideB);
    TextColored(col::kSideB, labels.b.c_str());
    Mark(ui, "compare-side:1");
  }
  if (origin != CompareOrigin::Step) {
    ImGui::SameLine();
    if (ImGui::SmallButton(Tr(S::CompareStop, l))) out.push_back(StopCompare{});
    Mark(ui, "compare-stop");
  }
  // Row 2: the difference since the runs split, from the engine's counters.
  const std::string line = ComparisonLine(*vm.run, vm.tutorial != nullptr ? vm.tutorial->prices() : nullptr, l);
  ImGui::PushStyleColor(ImGuiCol_Text, ToVec4(col::kText));
  ImGui::TextWrapped("%s: %s", Tr(S::CompareSince, l), line.c_str());
  ImGui::PopStyleColor();
  Mark(ui, "compare-summary");
}

}  // namespace ui
