// The architecture diagram: shoppers and Route 53 on the internet, then the VPC with three AZ
// columns (load balancer node, web instances, ElastiCache node, RDS nodes), DynamoDB as a regional
// service on the right. Geometry is recomputed from the model every frame; the only remembered
// things are the dots (trace positions + wall-clock birth times) in UiState.
//
// Index
//   [SECTION] Geometry      where every node goes this frame
//   [SECTION] Node drawing  boxes, bars, labels, hover and click
//   [SECTION] Dots          request paths along the edges, coloured by outcome
//   [SECTION] DrawDiagram
#include <algorithm>
#include <array>
#include <cmath>
#include <cstdio>
#include <string>
#include <variant>
#include <vector>

#include "imgui.h"
#include "statelab/sim.h"
#include "ui/model_text.h"
#include "ui/strings.h"
#include "ui/theme.h"
#include "ui/views.h"
#include "ui/widgets.h"

namespace ui {

namespace {

// [SECTION] Geometry
struct Box {
  ImVec2 min, max;
  ImVec2 Center() const { return ImVec2((min.x + max.x) * 0.5f, (min.y + max.y) * 0.5f); }
  ImVec2 Top() const { return ImVec2((min.x + max.x) * 0.5f, min.y); }
  ImVec2 Bottom() const { return ImVec2((min.x + max.x) * 0.5f, max.y); }
  float Width() const { return max.x - min.x; }
  float Height() const { return max.y - min.y; }
};

struct InstanceSlot {
  const sim::Instance* instance;
  Box box;
};

struct Geometry {
  Box canvas;
  Box internet, vpc;
  Box shoppers, route53;
  std::array<Box, sim::kAzCount> column{};
  std::array<Box, sim::kAzCount> lb{};
  std::vector<InstanceSlot> instances;
  std::array<Box, 2> cache{};
  Box dynamo;
  std::array<Box, sim::kMaxDbNodes> rds{};
  std::array<bool, sim::kMaxDbNodes> rds_shown{};
  float bus_data_y = 0;  // between instances and the cache row
  float bus_db_y = 0;    // between the cache row and the RDS row
  std::array<float, 2> risers{};  // x of the verticals joining the two buses (column gaps)
  float scale = 1.0f;   // text scale for small layouts
};

bool InstanceVisible(const sim::Instance& in, sim::TimeUs now_us) {
  // Terminated instances stay on the diagram for a while so the learner sees what happened.
  return in.state != sim::InstanceState::Terminated || now_us - in.terminated_us < sim::Sec(30);
}

Geometry Layout(const sim::Sim& sim, ImVec2 origin, ImVec2 size) {
  Geometry g;
  g.canvas = {origin, ImVec2(origin.x + size.x, origin.y + size.y)};
  const float font = ImGui::GetFontSize();
  const float pad = 10.0f;
  g.scale = std::clamp(size.x / 760.0f, 0.78f, 1.0f);
  const float legend_h = font + 8;

  // Internet band on top.
  const float top_h = std::clamp(size.y * 0.1f, 40.0f, 58.0f);
  g.internet = {ImVec2(origin.x + pad, origin.y + pad),
                ImVec2(origin.x + size.x - pad, origin.y + pad + top_h)};
  const float regional_w = std::clamp(size.x * 0.15f, 84.0f, 130.0f);
  g.vpc = {ImVec2(origin.x + pad, g.internet.max.y + std::clamp(size.y * 0.03f, 10.0f, 18.0f)),
           ImVec2(origin.x + size.x - pad - regional_w - 10, origin.y + size.y - pad - legend_h)};

  const float sh_w = std::min(200.0f, size.x * 0.28f);
  const float mid = (g.vpc.min.x + g.vpc.max.x) * 0.5f;
  const float box_pad = top_h > 50 ? 8.0f : 5.0f;
  g.shoppers = {ImVec2(mid - sh_w - 20, g.internet.min.y + box_pad), ImVec2(mid - 20, g.internet.max.y - box_pad)};
  g.route53 = {ImVec2(mid + 20, g.internet.min.y + box_pad),
               ImVec2(mid + 20 + std::min(150.0f, size.x * 0.2f), g.internet.max.y - box_pad)};

  // AZ columns inside the VPC.
  const float gap = size.x < 500 ? 8.0f : 12.0f;
  const float inner_top = g.vpc.min.y + font * 0.85f + 10;
  const float col_w = (g.vpc.Width() - gap * 4) / 3.0f;
  for (int az = 0; az < sim::kAzCount; ++az) {
    const float x = g.vpc.min.x + gap + static_cast<float>(az) * (col_w + gap);
    g.column[static_cast<size_t>(az)] = {ImVec2(x, inner_top), ImVec2(x + col_w, g.vpc.max.y - gap)};
  }
  g.risers = {g.column[0].max.x + gap * 0.5f, g.column[1].max.x + gap * 0.5f};

  // Rows inside a column, top to bottom: AZ label, LB node, instances (what is left), bus,
  // cache row, bus, RDS row.
  const float col_h = g.column[0].Height();
  const float head_h = font * 0.9f + 8;
  const float lb_h = std::clamp(col_h * 0.11f, 26.0f, 42.0f);
  const float cache_h = std::clamp(col_h * 0.11f, 28.0f, 44.0f);
  const float rds_h = std::clamp(col_h * 0.14f, 32.0f, 54.0f);
  const float bus_gap = std::clamp(col_h * 0.05f, 10.0f, 14.0f);
  const float y_lb = inner_top + head_h;
  const float y_rds = g.column[0].max.y - rds_h - 6;
  const float y_cache = y_rds - bus_gap * 2 - cache_h;
  g.bus_db_y = y_rds - bus_gap;
  g.bus_data_y = y_cache - bus_gap;
  const float inst_top = y_lb + lb_h + std::clamp(col_h * 0.07f, 10.0f, 30.0f);
  const float inst_bottom = g.bus_data_y - bus_gap;

  for (int az = 0; az < sim::kAzCount; ++az) {
    const Box& c = g.column[static_cast<size_t>(az)];
    const float w = std::min(c.Width() - 24, 150.0f);
    const float cx = (c.min.x + c.max.x) * 0.5f;
    g.lb[static_cast<size_t>(az)] = {ImVec2(cx - w * 0.5f, y_lb), ImVec2(cx + w * 0.5f, y_lb + lb_h)};
  }

  // Instances: a grid per AZ, sized so the busiest AZ fits.
  std::array<std::vector<const sim::Instance*>, sim::kAzCount> per_az;
  for (const sim::Instance& in : sim.instances()) {
    if (InstanceVisible(in, sim.now_us())) per_az[static_cast<size_t>(sim::AzIndex(in.az))].push_back(&in);
  }
  size_t most = 1;
  for (const auto& v : per_az) most = std::max(most, v.size());
  const float avail_w = col_w - 12;
  const float avail_h = std::max(20.0f, inst_bottom - inst_top);
  float box_w = std::min(112.0f, avail_w), box_h = std::min(64.0f, avail_h);
  int cols = 1;
  for (;;) {
    cols = std::max(1, static_cast<int>((avail_w + 8) / (box_w + 8)));
    const int rows = static_cast<int>((most + static_cast<size_t>(cols) - 1) / static_cast<size_t>(cols));
    if (static_cast<float>(rows) * (box_h + 8) - 8 <= avail_h || box_w < 34) break;
    box_w *= 0.9f;
    box_h *= 0.9f;
  }
  // Still too tall at the narrowest width (many instances on a phone): flatten the boxes and
  // their gaps so the grid never runs into the bus and the cache row below it.
  float gap_y = 8.0f;
  {
    const int rows = static_cast<int>((most + static_cast<size_t>(cols) - 1) / static_cast<size_t>(cols));
    if (static_cast<float>(rows) * (box_h + gap_y) - gap_y > avail_h) {
      gap_y = 3.0f;
      box_h = std::max(4.0f, (avail_h + gap_y) / static_cast<float>(rows) - gap_y);
    }
  }
  for (int az = 0; az < sim::kAzCount; ++az) {
    const auto& list = per_az[static_cast<size_t>(az)];
    const Box& c = g.column[static_cast<size_t>(az)];
    const int n_cols = std::min<int>(cols, std::max<int>(1, static_cast<int>(list.size())));
    const float row_w = static_cast<float>(n_cols) * (box_w + 8) - 8;
    const float x0 = (c.min.x + c.max.x) * 0.5f - row_w * 0.5f;
    const int rows = static_cast<int>((list.size() + static_cast<size_t>(cols) - 1) / static_cast<size_t>(cols));
    const float grid_h = static_cast<float>(rows) * (box_h + gap_y) - gap_y;
    const float y0 = inst_top + std::max(0.0f, (avail_h - grid_h) * 0.5f);
    for (size_t i = 0; i < list.size(); ++i) {
      const int r = static_cast<int>(i) / cols, k = static_cast<int>(i) % cols;
      const ImVec2 p(x0 + static_cast<float>(k) * (box_w + 8), y0 + static_cast<float>(r) * (box_h + gap_y));
      g.instances.push_back({list[i], {p, ImVec2(p.x + box_w, p.y + box_h)}});
    }
  }

  // Cache nodes in their AZ; DynamoDB in the regional column at the same height.
  const sim::CacheCluster& cache = sim.cache();
  for (size_t i = 0; i < cache.nodes.size(); ++i) {
    const Box& c = g.column[static_cast<size_t>(sim::AzIndex(cache.nodes[i].az))];
    const float w = std::min(c.Width() - 24, 140.0f);
    const float cx = (c.min.x + c.max.x) * 0.5f;
    g.cache[i] = {ImVec2(cx - w * 0.5f, y_cache), ImVec2(cx + w * 0.5f, y_cache + cache_h)};
  }
  const float rx = g.vpc.max.x + 10;
  g.dynamo = {ImVec2(rx, y_cache), ImVec2(rx + regional_w, y_cache + cache_h)};

  // RDS nodes: primary, standby and replicas, each in its AZ column, side by side.
  std::array<std::vector<int>, sim::kAzCount> rds_per_az;
  const sim::RdsCluster& rds = sim.rds();
  for (int i = 0; i < sim::kMaxDbNodes; ++i) {
    const sim::RdsNode& n = rds.nodes[static_cast<size_t>(i)];
    if (n.role == sim::RdsRole::None) continue;
    rds_per_az[static_cast<size_t>(sim::AzIndex(n.az))].push_back(i);
  }
  for (int az = 0; az < sim::kAzCount; ++az) {
    const auto& list = rds_per_az[static_cast<size_t>(az)];
    if (list.empty()) continue;
    const Box& c = g.column[static_cast<size_t>(az)];
    const float n = static_cast<float>(list.size());
    const float w = std::min(96.0f, (c.Width() - 12 - (n - 1) * 6) / n);
    const float row_w = n * w + (n - 1) * 6;
    const float x0 = (c.min.x + c.max.x) * 0.5f - row_w * 0.5f;
    for (size_t k = 0; k < list.size(); ++k) {
      const float x = x0 + static_cast<float>(k) * (w + 6);
      const auto idx = static_cast<size_t>(list[k]);
      g.rds[idx] = {ImVec2(x, y_rds), ImVec2(x + w, y_rds + rds_h)};
      g.rds_shown[idx] = true;
    }
  }
  return g;
}

const Box* FindInstanceBox(const Geometry& g, uint32_t id) {
  for (const InstanceSlot& s : g.instances) {
    if (s.instance->id.value == id) return &s.box;
  }
  return nullptr;
}

// [SECTION] Node drawing
void DashedRect(ImDrawList* dl, ImVec2 a, ImVec2 b, ImU32 color, float dash = 5.0f) {
  auto line = [&](ImVec2 p, ImVec2 q) {
    const float len = std::hypot(q.x - p.x, q.y - p.y);
    const ImVec2 d((q.x - p.x) / len, (q.y - p.y) / len);
    for (float t = 0; t < len; t += dash * 2) {
      const float e = std::min(len, t + dash);
      dl->AddLine(ImVec2(p.x + d.x * t, p.y + d.y * t), ImVec2(p.x + d.x * e, p.y + d.y * e), color, 1.5f);
    }
  };
  line(a, ImVec2(b.x, a.y));
  line(ImVec2(b.x, a.y), b);
  line(b, ImVec2(a.x, b.y));
  line(ImVec2(a.x, b.y), a);
}

void Hatch(ImDrawList* dl, const Box& b, ImU32 color) {
  dl->PushClipRect(b.min, b.max, true);
  for (float x = b.min.x - b.Height(); x < b.max.x; x += 14) {
    dl->AddLine(ImVec2(x, b.max.y), ImVec2(x + b.Height(), b.min.y), color, 1.0f);
  }
  dl->PopClipRect();
}

void SmallText(ImDrawList* dl, ImVec2 pos, ImU32 color, const char* text, float scale = 0.82f) {
  dl->AddText(ImGui::GetFont(), ImGui::GetFontSize() * scale, pos, color, text);
}

ImVec2 TextSize(const char* text, float scale) {
  const ImVec2 s = ImGui::CalcTextSize(text);
  return ImVec2(s.x * scale, s.y * scale);
}

void CenteredText(ImDrawList* dl, ImVec2 center, ImU32 color, const char* text, float scale = 1.0f) {
  const ImVec2 s = TextSize(text, scale);
  dl->AddText(ImGui::GetFont(), ImGui::GetFontSize() * scale,
              ImVec2(center.x - s.x * 0.5f, center.y - s.y * 0.5f), color, text);
}

// Text clipped to a width, ellipsis-free: small boxes show what fits.
void ClippedText(ImDrawList* dl, const Box& clip, ImVec2 pos, ImU32 color, const char* text, float scale) {
  dl->PushClipRect(clip.min, clip.max, true);
  SmallText(dl, pos, color, text, scale);
  dl->PopClipRect();
}

void CpuBar(ImDrawList* dl, ImVec2 a, float w, uint32_t cpu_bp, bool dim) {
  const float h = 4.0f;
  dl->AddRectFilled(a, ImVec2(a.x + w, a.y + h), col::Rgb(50, 56, 66), 2.0f);
  const float f = std::min(1.0f, static_cast<float>(cpu_bp) / 10000.0f);
  if (f > 0) {
    const ImU32 c = dim ? col::kGrey : CpuColor(cpu_bp);
    dl->AddRectFilled(a, ImVec2(a.x + std::max(2.0f, w * f), a.y + h), c, 2.0f);
  }
}

// A node: a rounded box with a coloured border and an invisible button for hover and click.
// Returns true when hovered; a click selects `sel`.
bool NodeButton(UiState& ui, const Box& b, const char* id, const Selection& sel) {
  ImGui::SetCursorScreenPos(b.min);
  const bool pressed =
      ImGui::InvisibleButton(id, ImVec2(std::max(1.0f, b.Width()), std::max(1.0f, b.Height())));
  Mark(ui, std::string("node:") + id);
  const bool hovered = ImGui::IsItemHovered();
  if (pressed) {
    ui.selection = sel;
    ui.open_tab = Tab::Inspector;
  }
  if (hovered) ui.hovered = sel;
  return hovered;
}

void NodeFrame(ImDrawList* dl, const Box& b, ImU32 border, bool selected, bool hovered, bool dashed,
               ImU32 fill = col::kPanelRaised) {
  dl->AddRectFilled(b.min, b.max, fill, 6.0f);
  if (dashed) {
    DashedRect(dl, b.min, b.max, border);
  } else {
    dl->AddRect(b.min, b.max, border, 6.0f, 0, selected ? 2.5f : 1.5f);
  }
  if (selected) {
    dl->AddRect(ImVec2(b.min.x - 3, b.min.y - 3), ImVec2(b.max.x + 3, b.max.y + 3),
                WithAlpha(col::kAccent, 0.9f), 8.0f, 0, 2.0f);
  } else if (hovered) {
    dl->AddRect(ImVec2(b.min.x - 2, b.min.y - 2), ImVec2(b.max.x + 2, b.max.y + 2),
                WithAlpha(col::kText, 0.35f), 7.0f, 0, 1.0f);
  }
}

void Tooltip(sim::Lang lang, const std::string& title, const std::vector<std::string>& lines) {
  ImGui::BeginTooltip();
  ImGui::TextUnformatted(title.c_str());
  ImGui::Separator();
  for (const std::string& l : lines) ImGui::TextUnformatted(l.c_str());
  ImGui::PushStyleColor(ImGuiCol_Text, col::kTextFaint);
  ImGui::TextUnformatted(Tr(S::ClickToInspect, lang));
  ImGui::PopStyleColor();
  ImGui::EndTooltip();
}

// The attack of the last 5 s, if any: drawn as a box in the internet band.
const sim::AttackAttempt* RecentAttack(const sim::Sim& sim) {
  const auto& ring = sim.events();
  for (size_t k = 0; k < ring.size() && k < 512; ++k) {
    const sim::EventRecord& r = ring[ring.size() - 1 - k];
    if (sim.now_us() - r.time_us > sim::Sec(5)) break;
    if (const auto* attack = std::get_if<sim::AttackAttempt>(&r.event)) return attack;
  }
  return nullptr;
}

bool CacheUsed(const sim::Config& c) {
  return c.cache.read_mode != sim::CacheMode::None ||
         (c.session.strategy == sim::SessionStrategy::ServerSession &&
          c.session.store == sim::SessionStore::ElastiCache);
}
bool DynamoUsed(const sim::Config& c) {
  return c.session.strategy == sim::SessionStrategy::ServerSession &&
         c.session.store == sim::SessionStore::DynamoDb;
}

// [SECTION] Dots
constexpr double kDotTravelS = 1.25;
constexpr double kDotBurstS = 0.35;

struct Path {
  std::array<ImVec2, 24> p{};
  int n = 0;
  void Add(ImVec2 v) {
    if (n < static_cast<int>(p.size())) p[static_cast<size_t>(n++)] = v;
  }
};

// The polyline a request took: shoppers, Route 53, LB node, instance, then data stores over the
// buses (cache and DynamoDB on the first bus, RDS on the second, joined by risers in the gaps).
Path RequestPath(const Geometry& g, const sim::RequestTrace& t) {
  // Edges and box borders rather than box centres, so the dots never sit on a label.
  Path path;
  path.Add(ImVec2(g.shoppers.max.x, g.shoppers.Center().y));
  path.Add(ImVec2(g.route53.min.x, g.route53.Center().y));
  path.Add(g.route53.Bottom());
  if (t.lb_az < 0) return path;
  const Box& lb = g.lb[static_cast<size_t>(t.lb_az)];
  path.Add(lb.Top());
  path.Add(lb.Bottom());
  const Box* inst = t.instance.valid() ? FindInstanceBox(g, t.instance.value) : nullptr;
  if (inst == nullptr) return path;
  path.Add(inst->Top());
  const bool cache = t.cache_node >= 0 && t.cache_node < 2;
  const bool db = t.db_node >= 0 && t.db_node < sim::kMaxDbNodes && g.rds_shown[static_cast<size_t>(t.db_node)];
  if (!cache && !t.used_dynamodb && !db) {
    path.Add(ImVec2(inst->Center().x, inst->max.y - 10));
    return path;
  }
  const ImVec2 at = inst->Bottom();
  path.Add(at);
  path.Add(ImVec2(at.x, g.bus_data_y));
  float bus_x = at.x;
  auto to_data = [&](const Box& b, bool come_back) {
    path.Add(ImVec2(b.Center().x, g.bus_data_y));
    path.Add(b.Top());
    if (come_back) {
      path.Add(ImVec2(b.Center().x, g.bus_data_y));
    } else {
      path.Add(ImVec2(b.Center().x, b.max.y - 8));
    }
    bus_x = b.Center().x;
  };
  if (cache) to_data(g.cache[static_cast<size_t>(t.cache_node)], t.used_dynamodb || db);
  if (t.used_dynamodb) to_data(g.dynamo, db);
  if (db) {
    const Box& b = g.rds[static_cast<size_t>(t.db_node)];
    // The riser nearest the request's position on the bus.
    const float riser = std::abs(g.risers[0] - bus_x) < std::abs(g.risers[1] - bus_x) ? g.risers[0] : g.risers[1];
    path.Add(ImVec2(riser, g.bus_data_y));
    path.Add(ImVec2(riser, g.bus_db_y));
    path.Add(ImVec2(b.Center().x, g.bus_db_y));
    path.Add(b.Top());
    path.Add(ImVec2(b.Center().x, b.max.y - 10));
  }
  return path;
}

ImVec2 PointAlong(const Path& path, float f, ImVec2* end) {
  float total = 0;
  for (int i = 1; i < path.n; ++i) {
    const ImVec2 a = path.p[static_cast<size_t>(i - 1)], b = path.p[static_cast<size_t>(i)];
    total += std::hypot(b.x - a.x, b.y - a.y);
  }
  *end = path.p[static_cast<size_t>(path.n - 1)];
  if (total <= 0 || f >= 1.0f) return *end;
  float want = total * std::max(0.0f, f);
  for (int i = 1; i < path.n; ++i) {
    const ImVec2 a = path.p[static_cast<size_t>(i - 1)], b = path.p[static_cast<size_t>(i)];
    const float len = std::hypot(b.x - a.x, b.y - a.y);
    if (want <= len && len > 0) {
      const float t = want / len;
      return ImVec2(a.x + (b.x - a.x) * t, a.y + (b.y - a.y) * t);
    }
    want -= len;
  }
  return *end;
}

void DrawDots(ImDrawList* dl, const sim::Sim& sim, const Geometry& g, const UiState& ui) {
  const auto& ring = sim.traces();
  const uint64_t total = ring.total_pushed();
  const uint64_t first = total - ring.size();
  for (const FlyingDot& d : ui.dots) {
    if (d.seq < first || d.seq >= total) continue;
    const sim::RequestTrace& t = ring[static_cast<size_t>(d.seq - first)];
    const Path path = RequestPath(g, t);
    if (path.n < 2) continue;
    const double age = ui.clock_s - d.born_s;
    const float f = static_cast<float>(age / kDotTravelS);
    ImVec2 end;
    const ImVec2 p = PointAlong(path, f, &end);
    const ImU32 c = OutcomeColor(t.outcome);
    const bool named = t.shopper.scripted();
    const float r = named ? 6.0f : 4.0f;
    if (f < 1.0f) {
      dl->AddCircleFilled(p, r + 4, WithAlpha(c, 0.18f), 16);
      dl->AddCircleFilled(p, r, c, 16);
      if (named) {
        const std::string label = ShopperLabel(t.shopper, &sim, ui.lang);
        SmallText(dl, ImVec2(p.x + 8, p.y - 8), col::kText, label.c_str(), 0.78f);
      }
    } else {
      // Arrival: a ring that grows and fades; errors leave a cross.
      const float b = static_cast<float>((age - kDotTravelS) / kDotBurstS);
      const float alpha = std::max(0.0f, 1.0f - b);
      dl->AddCircle(end, 5 + 12 * b, WithAlpha(c, alpha), 20, 2.0f);
      if (sim::IsError(t.outcome) || t.outcome == sim::Outcome::CartLost) {
        const float s = 5;
        dl->AddLine(ImVec2(end.x - s, end.y - s), ImVec2(end.x + s, end.y + s), WithAlpha(c, alpha), 2.5f);
        dl->AddLine(ImVec2(end.x - s, end.y + s), ImVec2(end.x + s, end.y - s), WithAlpha(c, alpha), 2.5f);
      }
    }
  }
}

void Edge(ImDrawList* dl, ImVec2 a, ImVec2 b, ImU32 c = col::kEdge, float w = 1.5f) { dl->AddLine(a, b, c, w); }

void DashedLine(ImDrawList* dl, ImVec2 a, ImVec2 b, ImU32 color, float thickness) {
  const float len = std::hypot(b.x - a.x, b.y - a.y);
  if (len <= 0) return;
  const ImVec2 d((b.x - a.x) / len, (b.y - a.y) / len);
  for (float t = 0; t < len; t += 12) {
    const float e = std::min(len, t + 7);
    dl->AddLine(ImVec2(a.x + d.x * t, a.y + d.y * t), ImVec2(a.x + d.x * e, a.y + d.y * e), color, thickness);
  }
}

// The attacker's latest connection attempt, for five simulated seconds: a dashed line from the
// internet to what they tried, red when a security group let it through, violet and stopped
// with a cross when one denied it.
void DrawAttack(ImDrawList* dl, const sim::Sim& sim, const Geometry& g, sim::Lang l) {
  const sim::AttackAttempt* attack = RecentAttack(sim);
  if (attack == nullptr) return;
  const Box* target = nullptr;
  switch (attack->target) {
    case sim::AttackTarget::Database:
      if (sim.rds().primary >= 0 && g.rds_shown[static_cast<size_t>(sim.rds().primary)]) {
        target = &g.rds[static_cast<size_t>(sim.rds().primary)];
      }
      break;
    case sim::AttackTarget::Cache:
      if (sim.cache().primary_index() >= 0) target = &g.cache[static_cast<size_t>(sim.cache().primary_index())];
      break;
    case sim::AttackTarget::Instance:
      for (const InstanceSlot& s : g.instances) {
        if (s.instance->state != sim::InstanceState::Terminated) {
          target = &s.box;
          break;
        }
      }
      break;
    case sim::AttackTarget::LoadBalancer:
      for (int az = 0; az < sim::kAzCount; ++az) {
        if (sim.lb_nodes()[static_cast<size_t>(az)].enabled) {
          target = &g.lb[static_cast<size_t>(az)];
          break;
        }
      }
      break;
  }
  if (target == nullptr) return;
  const float w = std::min(120.0f, std::max(60.0f, g.internet.max.x - g.route53.max.x - 30));
  const Box who{ImVec2(g.internet.max.x - w - 8, g.route53.min.y), ImVec2(g.internet.max.x - 8, g.route53.max.y)};
  const bool allowed = attack->verdict.allowed;
  const ImU32 c = allowed ? col::kError : col::kDenied;
  dl->AddRectFilled(who.min, who.max, col::Rgb(48, 26, 30), 6.0f);
  dl->AddRect(who.min, who.max, col::kError, 6.0f, 0, 1.5f);
  const char* label = Tr(S::AttackerLabel, l);
  const ImVec2 ts = TextSize(label, 0.85f);
  SmallText(dl, ImVec2(who.Center().x - ts.x * 0.5f, who.Center().y - ts.y * 0.5f), col::kError, label, 0.85f);
  const ImVec2 from = who.Bottom();
  const ImVec2 to(target->max.x - 6, target->min.y);
  if (allowed) {
    DashedLine(dl, from, to, c, 2.0f);
    dl->AddCircleFilled(to, 5, c, 12);
  } else {
    // Stopped just short of the target: the security group refused it.
    const float len = std::hypot(to.x - from.x, to.y - from.y);
    const ImVec2 stop(to.x - (to.x - from.x) / len * 18, to.y - (to.y - from.y) / len * 18);
    DashedLine(dl, from, stop, c, 2.0f);
    const float x = 6;
    dl->AddLine(ImVec2(stop.x - x, stop.y - x), ImVec2(stop.x + x, stop.y + x), c, 3.0f);
    dl->AddLine(ImVec2(stop.x - x, stop.y + x), ImVec2(stop.x + x, stop.y - x), c, 3.0f);
  }
}

}  // namespace

void UpdateDots(const sim::Sim& sim, UiState& ui, bool fast) {
  const auto& ring = sim.traces();
  const uint64_t total = ring.total_pushed();
  const uint64_t first = total - ring.size();
  if (total < ui.traces_seen) {  // a new run: the ring started over
    ui.dots.clear();
    ui.traces_seen = 0;
  }
  // Retire finished dots and dots whose trace was overwritten.
  std::erase_if(ui.dots, [&](const FlyingDot& d) {
    return d.seq < first || d.seq >= total || ui.clock_s - d.born_s > kDotTravelS + kDotBurstS;
  });
  if (ui.traces_seen < first) ui.traces_seen = first;
  // New traces, newest first. Requests with something to show (errors, lost carts, named
  // shoppers) go first; ordinary ones fill what is left, at a few per frame.
  int budget = kMaxDots - static_cast<int>(ui.dots.size());
  int ordinary_budget = fast ? 1 : 2;
  for (int pass = 0; pass < 2 && budget > 0; ++pass) {
    for (uint64_t seq = total; seq > ui.traces_seen && budget > 0; --seq) {
      const sim::RequestTrace& t = ring[static_cast<size_t>(seq - 1 - first)];
      const bool interesting = t.outcome != sim::Outcome::Ok || t.shopper.scripted();
      if (pass == 0 && !interesting) continue;
      if (pass == 1) {
        if (interesting) continue;
        if (ordinary_budget-- <= 0) break;
      }
      ui.dots.push_back({seq - 1, ui.clock_s});
      --budget;
      if (pass == 0 && fast && budget < kMaxDots / 2) break;
    }
  }
  ui.traces_seen = total;
}

// [SECTION] DrawDiagram
void DrawDiagram(const sim::Sim& sim, UiState& ui) {
  const sim::Lang l = ui.lang;
  const ImVec2 origin = ImGui::GetCursorScreenPos();
  const ImVec2 avail = ImGui::GetContentRegionAvail();
  const ImVec2 size(std::max(avail.x, 320.0f), std::max(avail.y, 300.0f));
  const Geometry g = Layout(sim, origin, size);
  ImDrawList* dl = ImGui::GetWindowDrawList();
  const sim::Config& cfg = sim.config();
  const float sc = g.scale;
  ui.hovered = {};

  // Internet band and VPC frame.
  dl->AddRectFilled(g.internet.min, g.internet.max, col::Rgb(25, 29, 36), 8.0f);
  if (g.internet.Height() > 50) {
    SmallText(dl, ImVec2(g.internet.min.x + 8, g.internet.min.y + 4), col::kTextFaint, Tr(S::Internet, l));
  }
  {
    // The lecture's client tier: the browsers and DNS, right-aligned in the band, clear of Route 53.
    const char* tier = Tr(S::ClientTier, l);
    const ImVec2 ts = TextSize(tier, 0.78f);
    const float x = g.internet.max.x - ts.x - 10;
    // DrawAttack puts its box where this label goes.
    if (x > g.route53.max.x + 8 && RecentAttack(sim) == nullptr) {
      SmallText(dl, ImVec2(x, g.internet.Center().y - ts.y * 0.5f), col::kTextFaint, tier, 0.78f);
    }
  }
  dl->AddRect(g.vpc.min, g.vpc.max, col::Rgb(58, 78, 110), 8.0f, 0, 1.0f);
  SmallText(dl, ImVec2(g.vpc.min.x + 8, g.vpc.min.y + 4), col::Rgb(120, 150, 200), "VPC 10.0.0.0/16");
  SmallText(dl, ImVec2(g.dynamo.min.x, g.vpc.min.y + 4), col::kTextFaint, Tr(S::RegionalServices, l));
  // The lecture's three tiers: the client tier is the internet band; the web and database tiers
  // are named in the strip right of the VPC, level with their rows (the data bus divides them).
  {
    const float x = g.vpc.max.x + 8;
    const float web_y = (g.lb[0].max.y + g.bus_data_y) * 0.5f - ImGui::GetFontSize() * 0.4f;
    SmallText(dl, ImVec2(x, web_y), col::kTextFaint, Tr(S::WebTier, l), 0.78f);
    const float db_y = std::max(g.dynamo.max.y + 6, g.bus_db_y);
    if (db_y + ImGui::GetFontSize() < g.vpc.max.y) SmallText(dl, ImVec2(x, db_y), col::kTextFaint, Tr(S::DatabaseTier, l), 0.78f);
  }

  // AZ columns.
  for (int az = 0; az < sim::kAzCount; ++az) {
    const Box& c = g.column[static_cast<size_t>(az)];
    const bool deployed = cfg.azs[static_cast<size_t>(az)];
    const bool up = sim.az_up(sim::AzAt(az));
    dl->AddRectFilled(c.min, c.max, up ? col::kAzBand : col::kAzBandDown, 8.0f);
    if (!up) Hatch(dl, c, col::Rgb(70, 70, 76));
    char head[64];
    std::snprintf(head, sizeof head, "AZ %s", std::string(sim::Name(sim::AzAt(az))).c_str());
    SmallText(dl, ImVec2(c.min.x + 8, c.min.y + 4), up ? col::kTextDim : col::kError, head, 0.9f);
    if (!up) {
      const char* down = Tr(S::AzDown, l);
      const ImVec2 s = TextSize(down, 0.9f);
      dl->AddRectFilled(ImVec2(c.max.x - s.x - 16, c.min.y + 3), ImVec2(c.max.x - 6, c.min.y + 5 + s.y),
                        WithAlpha(col::kError, 0.25f), 4.0f);
      SmallText(dl, ImVec2(c.max.x - s.x - 11, c.min.y + 4), col::kError, down, 0.9f);
    } else if (!deployed) {
      CenteredText(dl, c.Center(), col::kTextFaint, Tr(S::NotDeployed, l), 0.9f);
    }
  }

  // Edges first, so nodes draw over them.
  Edge(dl, ImVec2(g.shoppers.max.x, g.shoppers.Center().y), ImVec2(g.route53.min.x, g.route53.Center().y));
  for (int az = 0; az < sim::kAzCount; ++az) {
    const sim::LbNode& n = sim.lb_nodes()[static_cast<size_t>(az)];
    if (!n.enabled) continue;
    const ImU32 c = n.in_dns && n.up ? col::kEdge : WithAlpha(col::kEdge, 0.35f);
    Edge(dl, g.route53.Bottom(), g.lb[static_cast<size_t>(az)].Top(), c);
  }
  for (const InstanceSlot& s : g.instances) {
    if (s.instance->state == sim::InstanceState::Terminated) continue;
    for (int az = 0; az < sim::kAzCount; ++az) {
      const sim::LbNode& n = sim.lb_nodes()[static_cast<size_t>(az)];
      if (!n.enabled || !n.up) continue;
      const ImU32 c = s.instance->lb_healthy ? WithAlpha(col::kEdge, 0.55f) : WithAlpha(col::kEdge, 0.18f);
      Edge(dl, g.lb[static_cast<size_t>(az)].Bottom(), s.box.Top(), c, 1.0f);
    }
    Edge(dl, s.box.Bottom(), ImVec2(s.box.Center().x, g.bus_data_y), WithAlpha(col::kEdge, 0.6f), 1.0f);
  }
  // The two buses and their risers.
  const float bus_l = g.column[0].min.x + 6, bus_r = g.dynamo.Center().x;
  dl->AddLine(ImVec2(bus_l, g.bus_data_y), ImVec2(bus_r, g.bus_data_y), col::kEdge, 2.0f);
  dl->AddLine(ImVec2(bus_l, g.bus_db_y), ImVec2(g.column[2].max.x - 6, g.bus_db_y), col::kEdge, 2.0f);
  for (float x : g.risers) dl->AddLine(ImVec2(x, g.bus_data_y), ImVec2(x, g.bus_db_y), col::kEdge, 2.0f);
  const bool cache_used = CacheUsed(cfg), dynamo_used = DynamoUsed(cfg);
  for (size_t i = 0; i < g.cache.size(); ++i) {
    if (!sim.cache().nodes[i].exists) continue;
    Edge(dl, ImVec2(g.cache[i].Center().x, g.bus_data_y), g.cache[i].Top(),
         cache_used ? col::kEdge : WithAlpha(col::kEdge, 0.3f));
  }
  Edge(dl, ImVec2(g.dynamo.Center().x, g.bus_data_y), g.dynamo.Top(),
       dynamo_used ? col::kEdge : WithAlpha(col::kEdge, 0.3f));
  for (int i = 0; i < sim::kMaxDbNodes; ++i) {
    if (!g.rds_shown[static_cast<size_t>(i)]) continue;
    const Box& b = g.rds[static_cast<size_t>(i)];
    Edge(dl, ImVec2(b.Center().x, g.bus_db_y), b.Top());
  }
  // Replication: primary to standby (synchronous, solid) and replicas (asynchronous, dashed).
  const sim::RdsCluster& rds = sim.rds();
  if (rds.primary >= 0 && g.rds_shown[static_cast<size_t>(rds.primary)]) {
    const Box& p = g.rds[static_cast<size_t>(rds.primary)];
    for (int i = 0; i < sim::kMaxDbNodes; ++i) {
      if (i == rds.primary || !g.rds_shown[static_cast<size_t>(i)]) continue;
      const sim::RdsNode& n = rds.nodes[static_cast<size_t>(i)];
      if (n.role != sim::RdsRole::Standby && n.role != sim::RdsRole::Replica) continue;
      const Box& b = g.rds[static_cast<size_t>(i)];
      const ImVec2 a(p.Center().x, p.max.y + 2), z(b.Center().x, b.max.y + 2);
      const float y = p.max.y + 7;
      const ImU32 c = n.role == sim::RdsRole::Standby ? col::Rgb(90, 140, 210, 200) : col::Rgb(90, 140, 210, 120);
      dl->AddBezierCubic(a, ImVec2(a.x, y + 4), ImVec2(z.x, y + 4), z, c, 1.2f);
    }
  }

  // Shoppers and Route 53.
  {
    const Selection sel{SelectionKind::Shoppers};
    const bool hov = NodeButton(ui, g.shoppers, "shoppers", sel);
    NodeFrame(dl, g.shoppers, col::kAccent, ui.selection == sel, hov, false);
    const uint32_t n = sim.active_crowd() + static_cast<uint32_t>(sim.scripted_shoppers().size());
    const std::string s = Fmt(l, S::ShoppersActive, n);
    CenteredText(dl, g.shoppers.Center(), col::kText, s.c_str(), sc);
    if (hov) Tooltip(l, Tr(S::Shoppers, l), {s});
  }
  {
    const Selection sel{SelectionKind::Route53};
    const bool hov = NodeButton(ui, g.route53, "route53", sel);
    NodeFrame(dl, g.route53, col::Rgb(110, 130, 165), ui.selection == sel, hov, false);
    CenteredText(dl, g.route53.Center(), col::kText, "Route 53", sc);
    if (hov) Tooltip(l, "Route 53", {"DNS: myclothes.com → ALB"});
  }

  // Load balancer nodes.
  for (int az = 0; az < sim::kAzCount; ++az) {
    const sim::LbNode& n = sim.lb_nodes()[static_cast<size_t>(az)];
    if (!n.enabled) continue;
    const Box& b = g.lb[static_cast<size_t>(az)];
    const Selection sel{SelectionKind::LbNode, az};
    const std::string id = "lb-" + std::string(sim::Name(sim::AzAt(az)));
    const bool hov = NodeButton(ui, b, id.c_str(), sel);
    const ImU32 border = !n.up ? col::kGrey : !n.in_dns ? col::kWarn : col::Rgb(110, 130, 165);
    NodeFrame(dl, b, border, ui.selection == sel, hov, !n.in_dns && n.up);
    CenteredText(dl, b.Center(), n.up ? col::kText : col::kTextFaint, "ALB", sc);
    if (cfg.load_balancer.stickiness.enabled) {
      SmallText(dl, ImVec2(b.max.x - 18, b.min.y + 2), col::kWarn, "S", 0.75f);
    }
    if (hov) {
      Tooltip(l, std::string(Tr(S::LoadBalancer, l)) + " · AZ " + std::string(sim::Name(sim::AzAt(az))),
              {std::string(Tr(S::State, l)) + ": " + (n.up ? Tr(S::Up, l) : Tr(S::Down, l)),
               std::string(Tr(S::InDns, l)) + ": " + (n.in_dns ? Tr(S::Yes, l) : Tr(S::No, l)),
               std::string(Tr(S::Requests, l)) + ": " + std::to_string(n.requests)});
    }
  }

  // Web instances.
  const bool memory_sessions = cfg.session.strategy == sim::SessionStrategy::InstanceMemory;
  for (const InstanceSlot& s : g.instances) {
    const sim::Instance& in = *s.instance;
    const Box& b = s.box;
    const Selection sel{SelectionKind::Instance, 0, in.id.value};
    const std::string id = sim::FormatInstanceId(in.id);
    const bool hov = NodeButton(ui, b, id.c_str(), sel);
    const bool dead = in.state == sim::InstanceState::Terminated || !in.reachable;
    const ImU32 border = dead ? col::kGrey : InstanceColor(in.state);
    const ImU32 fill = dead ? col::Rgb(34, 36, 40) : col::kPanelRaised;
    NodeFrame(dl, b, border, ui.selection == sel, hov, in.state == sim::InstanceState::Pending, fill);
    const float ts = b.Width() < 60 ? 0.72f : 0.85f;
    ClippedText(dl, b, ImVec2(b.min.x + 6, b.min.y + 3), dead ? col::kTextFaint : col::kText, id.c_str(), ts);
    // Status dot, top right.
    const float dot_r = std::min(3.5f, b.Height() * 0.5f - 1.0f);
    dl->AddCircleFilled(ImVec2(b.max.x - 8, b.min.y + std::min(9.0f, b.Height() * 0.5f)), dot_r, border, 12);
    if (b.Height() > 38) {
      std::string second;
      if (in.state == sim::InstanceState::Terminated) {
        second = InstanceStateText(in.state, l);
      } else if (in.state == sim::InstanceState::Pending || in.state == sim::InstanceState::Unhealthy) {
        second = InstanceStateText(in.state, l);
      } else if (memory_sessions) {
        // Sessions and CPU both: stickiness shows its imbalance in the CPU.
        second = Fmt(l, S::SessionsShort, in.sessions) + " · " + Pct(in.cpu_bp);
      } else {
        second = Pct(in.cpu_bp);
      }
      ClippedText(dl, b, ImVec2(b.min.x + 6, b.min.y + 3 + ImGui::GetFontSize() * ts),
                  dead ? col::kTextFaint : col::kTextDim, second.c_str(), ts * 0.92f);
    }
    if (b.Height() > 24) CpuBar(dl, ImVec2(b.min.x + 5, b.max.y - 8), b.Width() - 10, dead ? 0 : in.cpu_bp, dead);
    const bool queued = in.state != sim::InstanceState::Terminated && sim.TerminationPending(in.id);
    if (in.state == sim::InstanceState::Terminated || queued) {
      // Terminated, or clicked while paused and going at the next tick (drawn in the warning colour).
      const ImU32 x = queued ? col::kWarn : WithAlpha(col::kGrey, 0.7f);
      dl->AddLine(ImVec2(b.min.x + 4, b.min.y + 4), ImVec2(b.max.x - 4, b.max.y - 4), x, 1.5f);
      dl->AddLine(ImVec2(b.min.x + 4, b.max.y - 4), ImVec2(b.max.x - 4, b.min.y + 4), x, 1.5f);
    }
    if (hov) {
      std::vector<std::string> lines = {
          std::string(Tr(S::State, l)) + ": " + InstanceStateText(in.state, l),
          "AZ " + std::string(sim::Name(in.az)) + " · " + sim::FormatIp(in.ip),
          std::string(Tr(S::Cpu, l)) + ": " + Pct(in.cpu_bp),
          std::string(Tr(S::Requests, l)) + ": " + std::to_string(in.requests)};
      if (memory_sessions) lines.push_back(std::string(Tr(S::SessionsInMemory, l)) + ": " + std::to_string(in.sessions));
      Tooltip(l, id, lines);
    }
  }

  // ElastiCache nodes.
  const sim::CacheCluster& cache = sim.cache();
  for (size_t i = 0; i < cache.nodes.size(); ++i) {
    const sim::CacheNode& n = cache.nodes[i];
    if (!n.exists) continue;
    const Box& b = g.cache[i];
    const Selection sel{SelectionKind::Cache, static_cast<int>(i)};
    const std::string id = "cache-" + std::to_string(i);
    const bool hov = NodeButton(ui, b, id.c_str(), sel);
    const ImU32 border = !n.up ? col::kError : !cache_used ? col::kGrey : col::Rgb(80, 170, 190);
    NodeFrame(dl, b, border, ui.selection == sel, hov, !n.primary && n.up);
    // A lone node is not a replica, even when it has failed and lost its primary role.
    const bool lone = !cache.nodes[1 - i].exists;
    const char* role = lone ? Tr(S::SingleNode, l) : !n.up ? Tr(S::NodeDown, l) : n.primary ? Tr(S::Primary, l) : Tr(S::ReplicaWord, l);
    char line[96];
    std::snprintf(line, sizeof line, "ElastiCache · %s", role);
    ClippedText(dl, b, ImVec2(b.min.x + 7, b.min.y + 3), n.up ? col::kText : col::kTextFaint, line, 0.82f);
    const std::string sub = !n.up ? std::string(Tr(S::Failed, l))
                            : !cache_used ? std::string(Tr(S::Idle, l))
                            : cache.state == sim::CacheState::FailingOver ? std::string(Tr(S::FailingOver, l))
                            : "Redis OSS";
    if (b.Height() > 34) {
      ClippedText(dl, b, ImVec2(b.min.x + 7, b.min.y + 4 + ImGui::GetFontSize() * 0.82f),
                  !n.up ? col::kError : col::kTextDim, sub.c_str(), 0.78f);
    }
    if (hov) {
      Tooltip(l, "ElastiCache (Redis OSS)", {std::string(Tr(S::State, l)) + ": " + CacheStateText(cache.state, l),
                                        std::string(Tr(S::Role, l)) + ": " + role,
                                        "AZ " + std::string(sim::Name(n.az))});
    }
  }

  // DynamoDB.
  {
    const Selection sel{SelectionKind::DynamoDb};
    const bool hov = NodeButton(ui, g.dynamo, "dynamodb", sel);
    NodeFrame(dl, g.dynamo, dynamo_used ? col::Rgb(80, 170, 190) : col::kGrey, ui.selection == sel, hov, false);
    ClippedText(dl, g.dynamo, ImVec2(g.dynamo.min.x + 7, g.dynamo.min.y + 3),
                dynamo_used ? col::kText : col::kTextFaint, "DynamoDB", 0.82f);
    if (!dynamo_used && g.dynamo.Height() > 34) {
      ClippedText(dl, g.dynamo, ImVec2(g.dynamo.min.x + 7, g.dynamo.min.y + 4 + ImGui::GetFontSize() * 0.82f),
                  col::kTextFaint, Tr(S::Idle, l), 0.78f);
    }
    if (hov) Tooltip(l, "DynamoDB", {Tr(S::DynamoNote, l)});
  }

  // RDS nodes.
  for (int i = 0; i < sim::kMaxDbNodes; ++i) {
    if (!g.rds_shown[static_cast<size_t>(i)]) continue;
    const sim::RdsNode& n = rds.nodes[static_cast<size_t>(i)];
    const Box& b = g.rds[static_cast<size_t>(i)];
    const Selection sel{SelectionKind::RdsNode, i};
    const std::string id = "rds-" + std::to_string(i);
    const bool hov = NodeButton(ui, b, id.c_str(), sel);
    const bool failed = n.role == sim::RdsRole::Failed || !n.up;
    ImU32 border = col::Rgb(70, 130, 230);
    if (n.role == sim::RdsRole::Standby) border = col::Rgb(110, 140, 190);
    if (n.role == sim::RdsRole::Replica) border = col::Rgb(110, 175, 240);
    if (failed) border = col::kError;
    NodeFrame(dl, b, border, ui.selection == sel, hov, n.role == sim::RdsRole::Standby,
              failed ? col::Rgb(46, 30, 32) : col::kPanelRaised);
    std::string title;
    switch (n.role) {
      case sim::RdsRole::Primary: title = std::string("RDS ") + Tr(S::Primary, l); break;
      case sim::RdsRole::Standby: title = Tr(S::Standby, l); break;
      case sim::RdsRole::Replica: title = "R" + std::to_string(i - sim::kRdsFirstReplica + 1); break;
      default: title = Tr(S::Failed, l); break;
    }
    const float ts = b.Width() < 64 ? 0.72f : 0.82f;
    ClippedText(dl, b, ImVec2(b.min.x + 6, b.min.y + 3), failed ? col::kError : col::kText, title.c_str(), ts);
    if (b.Height() > 40) {
      std::string sub = Pct(n.cpu_bp);
      const int64_t lag = sim.replica_lag_ms(i);
      if (n.role == sim::RdsRole::Replica && lag >= 0) sub = LatencyText(lag * 1000);
      if (failed) sub = Tr(S::Failed, l);
      if (rds.failing_over && n.role == sim::RdsRole::Standby) sub = Tr(S::FailingOver, l);
      const ImU32 sc2 = n.role == sim::RdsRole::Replica && lag > 1000 ? col::kWarn : col::kTextDim;
      ClippedText(dl, b, ImVec2(b.min.x + 6, b.min.y + 3 + ImGui::GetFontSize() * ts), sc2, sub.c_str(), ts * 0.92f);
    }
    CpuBar(dl, ImVec2(b.min.x + 5, b.max.y - 8), b.Width() - 10, failed ? 0 : n.cpu_bp, failed);
    if (hov) {
      std::vector<std::string> lines = {std::string(Tr(S::Role, l)) + ": " + RoleText(n.role, l),
                                        "AZ " + std::string(sim::Name(n.az)),
                                        std::string(Tr(S::Cpu, l)) + ": " + Pct(n.cpu_bp)};
      const int64_t lag = sim.replica_lag_ms(i);
      if (lag >= 0) lines.push_back(std::string(Tr(S::Lag, l)) + ": " + LatencyText(lag * 1000));
      Tooltip(l, "Amazon RDS", lines);
    }
  }

  DrawAttack(dl, sim, g, ui.lang);
  DrawDots(dl, sim, g, ui);

  // Legend.
  {
    const float y = g.canvas.max.y - ImGui::GetFontSize() - 4;
    float x = g.canvas.min.x + 14;
    const std::pair<ImU32, S> items[] = {{col::kOk, S::LegendOk},
                                         {col::kWarn, S::LegendStale},
                                         {col::kError, S::LegendLost},
                                         {col::kDenied, S::LegendDenied},
                                         {col::Rgb(255, 123, 64), S::LegendError}};
    for (const auto& [c, s] : items) {
      dl->AddCircleFilled(ImVec2(x + 4, y + ImGui::GetFontSize() * 0.45f), 4.5f, c, 12);
      SmallText(dl, ImVec2(x + 12, y), col::kTextDim, Tr(s, l), 0.82f);
      x += 12 + TextSize(Tr(s, l), 0.82f).x + 16;
    }
  }
  // Reserve the canvas so the window knows its content size.
  ImGui::SetCursorScreenPos(origin);
  ImGui::Dummy(size);
}

}  // namespace ui
