// What the design costs per month: each line of sim::EstimateCost (the configuration as it will be
// at the next tick, the prices from lessons/prices.json) with its instance class, quantity, figure
// or the reason it has none, and its AWS source one click away; then what the design loses, from
// the model's own counters. Every number is computed in the engine (cost.h, metrics.h).
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <string>

#include "imgui.h"
#include "statelab/cost.h"
#include "statelab/metrics.h"
#include "statelab/sim.h"
#include "ui/model_text.h"
#include "ui/strings.h"
#include "ui/theme.h"
#include "ui/views.h"
#include "ui/widgets.h"

namespace ui {

namespace {

std::string Number(double v, int decimals) {
  char b[64];
  std::snprintf(b, sizeof b, "%.*f", decimals, v);
  return b;
}

// Dollars with cents below $100, whole dollars above; under a cent shows as "< $0.01".
std::string Dollars(double usd) {
  if (usd > 0 && usd < 0.005) return "< $0.01";
  return MoneyText(static_cast<int64_t>(std::llround(usd * 100.0)));
}

const char* NameOf(const sim::CostLine& line, sim::Lang l) {
  switch (line.component) {
    case sim::CostComponent::Ec2: return Tr(S::CostEc2, l);
    case sim::CostComponent::AlbHours: return Tr(S::CostAlbHours, l);
    case sim::CostComponent::AlbCapacity: return Tr(S::CostAlbCapacity, l);
    case sim::CostComponent::ElastiCache: return Tr(S::CostElastiCache, l);
    case sim::CostComponent::RdsPrimary:
      return Tr(line.item == sim::PriceItem::RdsMultiAzHour ? S::CostRdsMulti : S::CostRdsSingle, l);
    case sim::CostComponent::RdsReplicas: return Tr(S::CostRdsReplicas, l);
    case sim::CostComponent::DynamoDbWrites: return Tr(S::CostDynamoWrites, l);
    case sim::CostComponent::DynamoDbReads: return Tr(S::CostDynamoReads, l);
    case sim::CostComponent::CrossAz: return Tr(S::CostCrossAz, l);
  }
  return "";
}

// "t3.micro × 3", "cache.t3.micro × 2", or nothing for lines without a class.
std::string ClassText(const sim::CostLine& line, sim::Lang l) {
  if (line.instance_class.empty() || line.count == 0) return {};
  return Fmt(l, S::CostCountOf, line.instance_class.c_str(), static_cast<int>(line.count));
}

std::string QuantityText(const sim::CostLine& line, const sim::Usage& usage, sim::Lang l) {
  switch (line.component) {
    case sim::CostComponent::Ec2:
    case sim::CostComponent::AlbHours:
    case sim::CostComponent::ElastiCache:
    case sim::CostComponent::RdsPrimary:
    case sim::CostComponent::RdsReplicas: return Fmt(l, S::CostHours, Number(line.quantity.value_or(0), 0).c_str());
    case sim::CostComponent::AlbCapacity: return Fmt(l, S::CostGbProcessed, Number(line.quantity.value_or(0), 2).c_str());
    case sim::CostComponent::DynamoDbWrites:
    case sim::CostComponent::DynamoDbReads: return Fmt(l, S::CostMillions, Number(line.quantity.value_or(0), 2).c_str());
    case sim::CostComponent::CrossAz:
      if (line.quantity) return Fmt(l, S::CostGb, Number(*line.quantity, 2).c_str());
      return Fmt(l, S::CostRoundTrips, Number(usage.cross_az_round_trips_per_s, 0).c_str());
  }
  return {};
}

uint32_t VcpusOf(const sim::CostLine& line, const sim::Usage& usage) {
  return line.component == sim::CostComponent::Ec2 ? usage.instance_vcpus : usage.rds_vcpus;
}

void DrawLine(const sim::CostLine& line, const sim::Usage& usage, UiState& ui, int index) {
  const sim::Lang l = ui.lang;
  ImGui::PushID(index);
  std::string head = NameOf(line, l);
  const std::string klass = ClassText(line, l);
  if (!klass.empty()) head += " · " + klass;
  head += "###line";
  const bool open = ImGui::TreeNodeEx(head.c_str(), ImGuiTreeNodeFlags_SpanAvailWidth);
  Mark(ui, "cost-line:" + std::string(sim::Name(line.component)));
  // The figure, or why there is none: beside the name when it fits, else under it.
  std::string status;
  ImU32 color = col::kWarn;
  switch (line.why) {
    case sim::Unpriced::None:
      status = Fmt(l, S::CostPerMonth, Dollars(*line.usd_month).c_str());
      color = col::kText;
      break;
    case sim::Unpriced::NotUsed:
      status = Tr(S::CostNotUsed, l);
      color = col::kTextDim;
      break;
    case sim::Unpriced::NoAwsSource: status = Tr(S::CostNoSource, l); break;
    case sim::Unpriced::NoClass: status = Fmt(l, S::CostNoClass, static_cast<int>(VcpusOf(line, usage))); break;
    case sim::Unpriced::NotMeasured: status = Tr(S::CostNotMeasured, l); break;
  }
  const float right = ImGui::GetItemRectMin().x + ImGui::GetTreeNodeToLabelSpacing() +
                      ImGui::CalcTextSize(head.c_str(), nullptr, true).x + ImGui::GetFontSize();
  const bool beside = ImGui::GetWindowPos().x + ImGui::GetWindowContentRegionMax().x - right > ImGui::CalcTextSize(status.c_str()).x;
  if (beside) {
    ImGui::SameLine(right - ImGui::GetWindowPos().x + ImGui::GetScrollX());
  } else {
    ImGui::Indent();
  }
  ImGui::PushTextWrapPos(0.0f);
  TextColored(color, status.c_str());
  ImGui::PopTextWrapPos();
  if (!beside) ImGui::Unindent();
  if (open) {
    ImGui::PushTextWrapPos(0.0f);
    if (line.why != sim::Unpriced::NotUsed) TextDim(QuantityText(line, usage, l).c_str());
    if (line.price != nullptr && line.price->usd) {
      TextDim(Fmt(l, S::CostRate, Dollars(*line.price->usd).c_str(), line.price->unit.c_str()).c_str());
      TextDim(Fmt(l, S::CostSource, line.price->checked.c_str(), line.price->source.c_str()).c_str());
      TextDim(("\"" + line.price->quote + "\"").c_str());
    } else if (line.price != nullptr) {
      TextDim(line.price->unpriced.In(l).c_str());
    }
    ImGui::PopTextWrapPos();
    ImGui::TreePop();
  }
  ImGui::PopID();
}

void DrawLosses(const sim::Sim& sim, UiState& ui) {
  const sim::Lang l = ui.lang;
  SectionTitle(Tr(S::CostLosesTitle, l));
  ImGui::PushTextWrapPos(0.0f);
  const double lost = sim::ReadMetric(sim, sim::Metric::RevenueLostUsd);
  // A month's rate from a few seconds of a failure would read as a forecast; it needs a stretch of run.
  constexpr int64_t kMinRunForRateUs = 10 * 60 * 1'000'000LL;
  if (sim.now_us() >= kMinRunForRateUs) {
    ImGui::TextUnformatted(
        Fmt(l, S::CostRevenueLost, Dollars(lost).c_str(), Dollars(sim::PerMonth(lost, sim.now_us())).c_str()).c_str());
  } else {
    ImGui::TextUnformatted(Fmt(l, S::CostRevenueLostShort, Dollars(lost).c_str()).c_str());
  }
  Mark(ui, "cost-revenue-lost");
  const double errors = sim::ReadMetric(sim, sim::Metric::Errors);
  ImGui::TextUnformatted(Fmt(l, S::CostErrors, MetricValueText(errors, sim::MetricFormat::Count, l).c_str(),
                             MetricValueText(sim::ReadMetric(sim, sim::Metric::ErrorPct), sim::MetricFormat::Percent, l).c_str())
                             .c_str());
  ImGui::TextUnformatted(Fmt(l, S::CostSlow, MetricValueText(sim::ReadMetric(sim, sim::Metric::RunP95Ms), sim::MetricFormat::Ms, l).c_str(),
                             MetricValueText(sim::ReadMetric(sim, sim::Metric::RunP99Ms), sim::MetricFormat::Ms, l).c_str())
                             .c_str());
  TextDim(Tr(S::CostLosesNote, l));
  ImGui::PopTextWrapPos();
}

}  // namespace

void DrawCost(const sim::Sim& sim, const sim::PriceTable* prices, const std::string& prices_error, UiState& ui) {
  const sim::Lang l = ui.lang;
  ImGui::PushTextWrapPos(0.0f);
  if (prices == nullptr) {
    TextColored(col::kWarn, Fmt(l, S::CostNoFile, prices_error.c_str()).c_str());
    ImGui::PopTextWrapPos();
    DrawLosses(sim, ui);
    return;
  }
  TextDim(Fmt(l, S::CostAsOf, prices->region.c_str(), prices->checked.c_str()).c_str());
  Mark(ui, "cost-as-of");
  const sim::Usage usage = sim::UsageOf(sim);
  const sim::CostEstimate estimate = sim::EstimateCost(*prices, usage);
  TextColored(col::kAccent, Fmt(l, S::CostTotal, Dollars(estimate.priced_usd_month).c_str()).c_str());
  Mark(ui, "cost-total");
  if (estimate.unpriced_lines > 0) TextColored(col::kWarn, Fmt(l, S::CostTotalUnpriced, estimate.unpriced_lines).c_str());
  ImGui::PopTextWrapPos();
  ImGui::Separator();
  int index = 0;
  for (const sim::CostLine& line : estimate.lines) DrawLine(line, usage, ui, index++);
  ImGui::Spacing();
  DrawLosses(sim, ui);
}

}  // namespace ui
