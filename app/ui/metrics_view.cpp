// Metrics: small charts over the last two minutes of Sim::series() (one sample per simulated
// second): requests and errors, latency percentiles, carts lost, DB CPU per node, cache hit
// ratio and replica lag. Drawn with ImDrawList from the ring each frame; nothing is kept.
// While two runs are compared, every chart overlays its key line for both: A and B in their colours.
#include <algorithm>
#include <array>
#include <cmath>
#include <cstdio>
#include <functional>
#include <string>

#include "imgui.h"
#include "statelab/sim.h"
#include "ui/model_text.h"
#include "ui/strings.h"
#include "ui/theme.h"
#include "ui/views.h"
#include "ui/widgets.h"

namespace ui {

namespace {

constexpr int kWindowS = 120;

struct Line {
  ImU32 color;
  const char* name;
  std::function<float(const sim::SecondSample&)> value;
  const sim::Sim* from = nullptr;  // the run it reads; nullptr: the chart's own
};

float NiceMax(float v) {
  if (v <= 1) return 1;
  const float p = std::pow(10.0f, std::floor(std::log10(v)));
  for (float m : {1.0f, 2.0f, 2.5f, 5.0f, 10.0f}) {
    if (v <= m * p) return m * p;
  }
  return 10 * p;
}

// Values read through the same formatter as goals (MetricValueText), in a chart's compact form.
void Chart(const sim::Sim& sim, sim::Lang lang, const char* title, sim::MetricFormat format, const std::vector<Line>& lines,
           ImVec2 size, float fixed_max = 0) {
  auto text = [&](float v) { return MetricValueText(static_cast<double>(v), format, lang, true); };
  const auto& ring = sim.series();
  // Compared runs advance together, so their rings end at the same second; the shorter one rules.
  auto ring_of = [&](const Line& line) -> const sim::Ring<sim::SecondSample>& { return line.from ? line.from->series() : ring; };
  ImDrawList* dl = ImGui::GetWindowDrawList();
  const ImVec2 p = ImGui::GetCursorScreenPos();
  ImGui::Dummy(size);
  const float font = ImGui::GetFontSize();
  dl->AddRectFilled(p, ImVec2(p.x + size.x, p.y + size.y), col::Rgb(24, 28, 34), 6.0f);
  dl->AddText(ImGui::GetFont(), font * 0.85f, ImVec2(p.x + 8, p.y + 4), col::kTextDim, title);

  size_t n = ring.size();
  for (const Line& line : lines) n = std::min(n, ring_of(line).size());
  const size_t count = std::min<size_t>(n, kWindowS);
  // Title, then a row with each line's latest value, then the plot.
  const ImVec2 plot_min(p.x + 8, p.y + font * 1.85f + 10);
  const ImVec2 plot_max(p.x + size.x - 8, p.y + size.y - 6);
  if (count == 0) {
    dl->AddText(ImGui::GetFont(), font * 0.8f, ImVec2(plot_min.x, plot_min.y + 4), col::kTextFaint, "-");
    return;
  }
  float top = fixed_max;
  if (top <= 0) {
    for (const Line& line : lines) {
      const auto& r = ring_of(line);
      for (size_t i = r.size() - count; i < r.size(); ++i) top = std::max(top, line.value(r[i]));
    }
    top = NiceMax(top * 1.1f);
  }
  // Grid: half and full scale.
  for (float f : {0.5f, 1.0f}) {
    const float y = plot_max.y - (plot_max.y - plot_min.y) * f;
    dl->AddLine(ImVec2(plot_min.x, y), ImVec2(plot_max.x, y), col::Rgb(50, 56, 66), 1.0f);
  }
  const std::string scale = text(top);
  const ImVec2 ss = ImGui::CalcTextSize(scale.c_str());
  dl->AddText(ImGui::GetFont(), font * 0.72f, ImVec2(plot_max.x - ss.x * 0.72f, p.y + 5), col::kTextFaint,
              scale.c_str());

  const float dx = (plot_max.x - plot_min.x) / static_cast<float>(kWindowS - 1);
  const float x0 = plot_max.x - dx * static_cast<float>(count - 1);
  std::array<ImVec2, kWindowS> pts{};
  float legend_x = p.x + 8;
  const float legend_y = p.y + font * 0.85f + 6;
  for (const Line& line : lines) {
    const auto& r = ring_of(line);
    const size_t rn = r.size();
    for (size_t k = 0; k < count; ++k) {
      const float v = std::clamp(line.value(r[rn - count + k]) / top, 0.0f, 1.0f);
      pts[k] = ImVec2(x0 + dx * static_cast<float>(k), plot_max.y - (plot_max.y - plot_min.y) * v);
    }
    if (count > 1) dl->AddPolyline(pts.data(), static_cast<int>(count), line.color, 0, 1.6f);
    const std::string now = (line.name != nullptr && *line.name ? std::string(line.name) + " " : std::string()) +
                            text(line.value(r[rn - 1]));
    if (legend_x + ImGui::CalcTextSize(now.c_str()).x * 0.78f < p.x + size.x - 8) {
      dl->AddText(ImGui::GetFont(), font * 0.78f, ImVec2(legend_x, legend_y), line.color, now.c_str());
    }
    legend_x += ImGui::CalcTextSize(now.c_str()).x * 0.78f + 10;
  }
  if (ImGui::IsItemHovered()) {
    // The value under the cursor.
    const float mx = ImGui::GetIO().MousePos.x;
    const int k = std::clamp(static_cast<int>(std::lround((mx - x0) / dx)), 0, static_cast<int>(count) - 1);
    const size_t back = count - static_cast<size_t>(k);  // samples from the newest
    const sim::SecondSample& s = ring[ring.size() - back];
    dl->AddLine(ImVec2(x0 + dx * static_cast<float>(k), plot_min.y), ImVec2(x0 + dx * static_cast<float>(k), plot_max.y),
                col::Rgb(255, 255, 255, 60));
    ImGui::BeginTooltip();
    ImGui::TextUnformatted(ClockText(s.end_us).c_str());
    for (const Line& line : lines) {
      const auto& r = ring_of(line);
      const sim::SecondSample& at = line.from ? r[r.size() - back] : s;
      TextColored(line.color, ((line.name != nullptr ? std::string(line.name) + " " : std::string()) + text(line.value(at))).c_str());
    }
    ImGui::EndTooltip();
  }
}

// Compared: the chart's key line, for A (the twin) and B (this run), in the sides' colours.
std::vector<Line> Overlay(const Line& key, const sim::Sim& a, const sim::Sim& b) {
  return {{col::kSideA, "A", key.value, &a}, {col::kSideB, "B", key.value, &b}};
}

}  // namespace

void DrawMetrics(const sim::Sim& sim, const UiState& ui, const sim::Sim* twin) {
  const sim::Lang l = ui.lang;
  const sim::Totals& t = sim.totals();  // B's, while compared: the difference line above the diagrams has both
  uint64_t errors = 0;
  for (int o = static_cast<int>(sim::kFirstErrorOutcome); o < sim::kOutcomeCount; ++o) errors += t.by_outcome[static_cast<size_t>(o)];
  ImGui::TextDisabled("%s", Fmt(l, S::TotalsLine, static_cast<unsigned long long>(t.requests),
                                static_cast<unsigned long long>(errors), static_cast<unsigned long long>(t.carts_lost),
                                static_cast<unsigned long long>(t.angry_shoppers),
                                MoneyText(static_cast<int64_t>(t.revenue_lost_cents)).c_str()).c_str());

  constexpr int kCharts = 8;
  const ImVec2 avail = ImGui::GetContentRegionAvail();
  const int cols = avail.x >= 720 ? 4 : avail.x >= 380 ? 2 : 1;
  const int rows = (kCharts + cols - 1) / cols;
  const float gap = 8;
  const float w = (avail.x - gap * static_cast<float>(cols - 1)) / static_cast<float>(cols);
  // Charts shrink to fit, down to a readable height; below that the strip scrolls.
  const float h = std::max(cols > 1 ? 74.0f : 86.0f, (avail.y - gap * static_cast<float>(rows - 1)) / static_cast<float>(rows));

  const sim::RdsCluster& rds = sim.rds();
  std::vector<Line> db_lines;
  for (int i = 0; i < sim::kMaxDbNodes && db_lines.size() < 6; ++i) {
    const sim::RdsNode& n = rds.nodes[static_cast<size_t>(i)];
    if (n.role == sim::RdsRole::None) continue;
    static constexpr ImU32 kDbColors[] = {col::Rgb(90, 150, 255), col::Rgb(150, 170, 200), col::Rgb(80, 200, 210),
                                          col::Rgb(120, 210, 150), col::Rgb(210, 190, 90), col::Rgb(220, 130, 200)};
    const char* name = n.role == sim::RdsRole::Primary ? "P" : n.role == sim::RdsRole::Standby ? "S" : "R";
    db_lines.push_back({kDbColors[db_lines.size()], name, [i](const sim::SecondSample& s) {
                          return static_cast<float>(s.db_cpu_bp[static_cast<size_t>(i)]) / 100.0f;
                        }});
  }
  const char* no_name = "";
  // Compared, each chart overlays its key line (errors, p99, carts lost, ...) for A and B.
  auto draw = [&](const char* title, sim::MetricFormat format, const std::vector<Line>& lines, ImVec2 sz, float fixed_max = 0,
                  size_t key = 0) {
    if (twin != nullptr && !lines.empty()) {
      Chart(sim, l, title, format, Overlay(lines[std::min(key, lines.size() - 1)], *twin, sim), sz, fixed_max);
    } else {
      Chart(sim, l, title, format, lines, sz, fixed_max);
    }
  };
  const std::vector<std::function<void(ImVec2)>> charts = {
      [&](ImVec2 sz) {
        draw(Tr(S::ChartRequests, l), sim::MetricFormat::Count,
              {{col::kAccent, Tr(S::LineRequests, l), [](const sim::SecondSample& s) { return static_cast<float>(s.requests); }},
               {col::kError, Tr(S::LineErrors, l), [](const sim::SecondSample& s) { return static_cast<float>(s.errors); }}},
              sz, 0, 1);
      },
      [&](ImVec2 sz) {
        draw(Tr(S::ChartLatency, l), sim::MetricFormat::Ms,
              {{col::kOk, "p50", [](const sim::SecondSample& s) { return static_cast<float>(s.p50_us) / 1000.0f; }},
               {col::kWarn, "p95", [](const sim::SecondSample& s) { return static_cast<float>(s.p95_us) / 1000.0f; }},
               {col::kError, "p99", [](const sim::SecondSample& s) { return static_cast<float>(s.p99_us) / 1000.0f; }}},
              sz, 0, 2);
      },
      [&](ImVec2 sz) {
        draw(Tr(S::ChartProblems, l), sim::MetricFormat::Count,
              {{col::kError, Tr(S::LineCartsLost, l), [](const sim::SecondSample& s) { return static_cast<float>(s.carts_lost); }},
               {col::kWarn, Tr(S::LineStale, l), [](const sim::SecondSample& s) { return static_cast<float>(s.stale_reads); }},
               {col::Rgb(255, 123, 64), Tr(S::LineAngry, l), [](const sim::SecondSample& s) { return static_cast<float>(s.angry_shoppers); }}},
              sz);
      },
      [&](ImVec2 sz) {
        draw(Tr(S::ChartRevenueLost, l), sim::MetricFormat::Usd,
              {{col::kError, no_name, [](const sim::SecondSample& s) { return static_cast<float>(s.revenue_lost_cents) / 100.0f; }}},
              sz);
      },
      [&](ImVec2 sz) { draw(Tr(S::ChartDbCpu, l), sim::MetricFormat::Percent, db_lines, sz, 100.0f); },
      [&](ImVec2 sz) {
        draw(Tr(S::ChartCacheHit, l), sim::MetricFormat::Percent,
              {{col::kOk, no_name, [](const sim::SecondSample& s) {
                  const uint32_t all = s.cache_hits + s.cache_misses;
                  return all == 0 ? 0.0f : 100.0f * static_cast<float>(s.cache_hits) / static_cast<float>(all);
                }}},
              sz, 100.0f);
      },
      [&](ImVec2 sz) {
        draw(Tr(S::ChartReplicaLag, l), sim::MetricFormat::Ms,
              {{col::kWarn, no_name, [](const sim::SecondSample& s) { return static_cast<float>(std::max(0, s.replica_lag_ms_max)); }}},
              sz);
      },
      [&](ImVec2 sz) {
        draw(Tr(S::ChartBytes, l), sim::MetricFormat::Bytes,
              {{col::kAccent, Tr(S::LineRequestBytes, l), [](const sim::SecondSample& s) { return static_cast<float>(s.mean_request_bytes); }},
               {col::Rgb(255, 120, 180), Tr(S::LineCookieBytes, l), [](const sim::SecondSample& s) { return static_cast<float>(s.mean_cookie_bytes); }}},
              sz);
      },
  };
  for (size_t i = 0; i < charts.size(); ++i) {
    if (i % static_cast<size_t>(cols) != 0) ImGui::SameLine(0, gap);
    ImGui::PushID(static_cast<int>(i));
    charts[i](ImVec2(w, h));
    ImGui::PopID();
  }
  DragToScroll();
}

}  // namespace ui
