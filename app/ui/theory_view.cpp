// Theory beside the simulation: each row of sim::TheoryRows (predicted for the configuration now,
// measured over the last seconds, agreement decided in the engine), with its formula and
// assumptions one click away and, when they part, the reason (docs/model.md).
#include <cmath>
#include <string>

#include "imgui.h"
#include "statelab/metrics.h"
#include "statelab/sim.h"
#include "statelab/theory.h"
#include "ui/model_text.h"
#include "ui/strings.h"
#include "ui/theme.h"
#include "ui/views.h"
#include "ui/widgets.h"

namespace ui {

namespace {

struct RowText {
  S name;
  const char* formula;  // symbols only: the same in both languages
  S how;
  sim::MetricFormat format;
};

RowText TextOf(sim::TheoryKind kind) {
  switch (kind) {
    case sim::TheoryKind::MissChance: return {S::TheoryMiss, "1 − 1/N", S::TheoryMissHow, sim::MetricFormat::Ratio};
    case sim::TheoryKind::InstanceUtilisation: return {S::TheoryRho, "ρ = λ·S / c", S::TheoryRhoHow, sim::MetricFormat::Ratio};
    case sim::TheoryKind::InstanceWait:
      return {S::TheoryWait, "Wq ≈ (ca² + cs²)/2 · ρ/(1 − ρ) · S/c", S::TheoryWaitHow, sim::MetricFormat::Ms};
    case sim::TheoryKind::PrimaryReadShare: return {S::TheoryReadShare, "1 / (n + 1)", S::TheoryReadShareHow, sim::MetricFormat::Ratio};
    case sim::TheoryKind::CacheHitRatio: return {S::TheoryHit, "r·T / (1 + r·T)", S::TheoryHitHow, sim::MetricFormat::Ratio};
    case sim::TheoryKind::CookieLimit:
      return {S::TheoryCookie, "8 + 4/3·(n·L + n − 1) + 44 ≤ 4096", S::TheoryCookieHow, sim::MetricFormat::Count};
  }
  return {S::TheoryMiss, "", S::TheoryMissHow, sim::MetricFormat::Count};
}

const char* WhyText(sim::Departure why, sim::Lang l) {
  switch (why) {
    case sim::Departure::None: return "";
    case sim::Departure::FewSamples: return Tr(S::TheoryWhyFew, l);
    case sim::Departure::FinitePopulation: return Tr(S::TheoryWhyFinite, l);
    case sim::Departure::BurstyKeys: return Tr(S::TheoryWhyBursty, l);
    case sim::Departure::Overloaded: return Tr(S::TheoryWhyOverloaded, l);
    case sim::Departure::Transient: return Tr(S::TheoryWhyTransient, l);
  }
  return "";
}

std::string ValueText(double v, sim::MetricFormat f, sim::Lang l) {
  if (std::isinf(v)) return "∞";
  return MetricValueText(v, f, l);
}

}  // namespace

void DrawTheory(const sim::Sim& sim, UiState& ui) {
  const sim::Lang l = ui.lang;
  TextDim(Fmt(l, S::TheoryWindow, sim::kTheoryWindowS).c_str());
  ImGui::Spacing();
  int index = 0;
  for (const sim::TheoryRow& row : sim::TheoryRows(sim)) {
    const RowText t = TextOf(row.kind);
    ImGui::PushID(index);
    const std::string head = std::string(Tr(t.name, l)) + "###row";
    const bool open = ImGui::TreeNodeEx(head.c_str(), ImGuiTreeNodeFlags_SpanAvailWidth);
    Mark(ui, "theory-row:" + std::string(sim::Name(row.kind)));
    if (!row.applies) {
      TextDim(Tr(S::TheoryNotHere, l));
    } else {
      const std::string line = std::string(Tr(S::TheoryPredicted, l)) + " " + ValueText(row.predicted, t.format, l) + "   " +
                               Tr(S::TheoryMeasured, l) + " " + ValueText(row.measured, t.format, l);
      ImGui::TextUnformatted(line.c_str());
      ImGui::SameLine();
      if (row.agrees) {
        Badge(Tr(S::TheoryAgrees, l), col::kOk);
      } else {
        Badge(Tr(S::TheoryDiffers, l), col::kWarn);
      }
      if (!row.agrees && row.why != sim::Departure::None) {
        ImGui::PushTextWrapPos(0.0f);
        TextDim(WhyText(row.why, l));
        ImGui::PopTextWrapPos();
      }
    }
    if (open) {
      TextColored(col::kAccent, t.formula);
      ImGui::PushTextWrapPos(0.0f);
      TextDim(Tr(t.how, l));
      TextDim(Fmt(l, S::TheoryTolerance, ValueText(row.tolerance, t.format, l).c_str()).c_str());
      ImGui::PopTextWrapPos();
      ImGui::TreePop();
    }
    ImGui::Separator();
    ImGui::PopID();
    ++index;
  }
}

}  // namespace ui
