// The architecture diagram: shoppers and Route 53 on the internet, then the VPC with three AZ
// columns (load balancer node, web instances, ElastiCache node, RDS nodes), DynamoDB as a regional
// service on the right. Where things go is LayoutDiagram's (diagram_layout.h), from the scene
// built here every frame; this file only draws into those rectangles. The only remembered things
// are the dots (trace positions + wall-clock birth times) in UiState.
//
// Index
//   [SECTION] Scene          the model as the layout sees it, and the label texts
//   [SECTION] Primitives     shapes and text on the draw list
//   [SECTION] Bands, labels and edges
//   [SECTION] Nodes          one drawer per component: box, text, bars, hover and click
//   [SECTION] Attack         the attacker's box and their latest attempt
//   [SECTION] Dots           request paths along the edges, coloured by outcome
//   [SECTION] DrawDiagram
#include <algorithm>
#include <array>
#include <cmath>
#include <string>
#include <variant>
#include <vector>

#include "imgui.h"
#include "statelab/sim.h"
#include "ui/diagram_layout.h"
#include "ui/model_text.h"
#include "ui/strings.h"
#include "ui/theme.h"
#include "ui/views.h"
#include "ui/widgets.h"

namespace ui {

namespace {

ImVec2 V(Point p) { return ImVec2(p.x, p.y); }

// What every drawer reads: the model, its layout, and the instances in the layout's order.
struct Canvas {
  ImDrawList* dl;
  const sim::Sim& sim;
  const DiagramLayout& g;
  const std::vector<const sim::Instance*>& instances;  // parallel to g.instances
  UiState& ui;
  sim::Lang l;
};

// [SECTION] Scene
bool InstanceVisible(const sim::Instance& in, sim::TimeUs now_us) {
  // Terminated instances stay on the diagram for a while so the learner sees what happened.
  return in.state != sim::InstanceState::Terminated || now_us - in.terminated_us < sim::Sec(30);
}

std::vector<const sim::Instance*> VisibleInstances(const sim::Sim& sim) {
  std::vector<const sim::Instance*> out;
  for (const sim::Instance& in : sim.instances()) {
    if (InstanceVisible(in, sim.now_us())) out.push_back(&in);
  }
  return out;
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

DiagramScene SceneOf(const sim::Sim& sim, const std::vector<const sim::Instance*>& instances, Rect canvas,
                     sim::Lang l) {
  DiagramScene s;
  s.canvas = canvas;
  s.text = MeasureDiagramTexts(l);
  for (const sim::Instance* in : instances) s.instance_az.push_back(sim::AzIndex(in->az));
  for (size_t i = 0; i < kCacheNodes; ++i) {
    const sim::CacheNode& n = sim.cache().nodes[i];
    if (n.exists) s.cache_az[i] = sim::AzIndex(n.az);
  }
  for (size_t i = 0; i < sim::kMaxDbNodes; ++i) {
    const sim::RdsNode& n = sim.rds().nodes[i];
    if (n.role != sim::RdsRole::None) s.rds_az[i] = sim::AzIndex(n.az);
  }
  for (int az = 0; az < sim::kAzCount; ++az) {
    s.az_down[static_cast<size_t>(az)] = !sim.az_up(sim::AzAt(az));
    s.az_deployed[static_cast<size_t>(az)] = sim.config().azs[static_cast<size_t>(az)];
  }
  s.attacker = RecentAttack(sim) != nullptr;
  return s;
}

struct LegendItem {
  ImU32 color;
  S text;
};
constexpr LegendItem kLegend[] = {{col::kOk, S::LegendOk},
                                  {col::kWarn, S::LegendStale},
                                  {col::kError, S::LegendLost},
                                  {col::kDenied, S::LegendDenied},
                                  {col::Rgb(255, 123, 64), S::LegendError}};
static_assert(std::size(kLegend) == kLegendItems);

std::string LabelText(LabelKind kind, int index, sim::Lang l) {
  switch (kind) {
    case LabelKind::Internet: return Tr(S::Internet, l);
    case LabelKind::ClientTier: return Tr(S::ClientTier, l);
    case LabelKind::Vpc: return "VPC 10.0.0.0/16";
    case LabelKind::RegionalServices: return Tr(S::RegionalServices, l);
    case LabelKind::WebTier: return Tr(S::WebTier, l);
    case LabelKind::DatabaseTier: return Tr(S::DatabaseTier, l);
    case LabelKind::AzName: return "AZ " + std::string(sim::Name(sim::AzAt(index)));
    case LabelKind::AzDown: return Tr(S::AzDown, l);
    case LabelKind::NotDeployed: return Tr(S::NotDeployed, l);
    case LabelKind::Attacker: return Tr(S::AttackerLabel, l);
    case LabelKind::Legend: return Tr(kLegend[static_cast<size_t>(index)].text, l);
  }
  return {};
}

struct LabelStyle {
  float scale;
  ImU32 color;
};
LabelStyle StyleOf(LabelKind kind) {
  switch (kind) {
    case LabelKind::Internet: return {0.82f, col::kTextFaint};
    case LabelKind::ClientTier: return {0.78f, col::kTextFaint};
    case LabelKind::Vpc: return {0.82f, col::Rgb(120, 150, 200)};
    case LabelKind::RegionalServices: return {0.82f, col::kTextFaint};
    case LabelKind::WebTier: return {0.78f, col::kTextFaint};
    case LabelKind::DatabaseTier: return {0.78f, col::kTextFaint};
    case LabelKind::AzName: return {0.9f, col::kTextDim};
    case LabelKind::AzDown: return {0.9f, col::kError};
    case LabelKind::NotDeployed: return {0.9f, col::kTextFaint};
    case LabelKind::Attacker: return {0.85f, col::kError};
    case LabelKind::Legend: return {0.82f, col::kTextDim};
  }
  return {0.82f, col::kTextDim};
}

ImVec2 TextSize(const char* text, float scale) {
  const ImVec2 s = ImGui::CalcTextSize(text);
  return ImVec2(s.x * scale, s.y * scale);
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

// [SECTION] Primitives
void DashedLine(ImDrawList* dl, ImVec2 a, ImVec2 b, ImU32 color, float thickness, float dash, float period) {
  const float len = std::hypot(b.x - a.x, b.y - a.y);
  if (len <= 0) return;
  const ImVec2 d((b.x - a.x) / len, (b.y - a.y) / len);
  for (float t = 0; t < len; t += period) {
    const float e = std::min(len, t + dash);
    dl->AddLine(ImVec2(a.x + d.x * t, a.y + d.y * t), ImVec2(a.x + d.x * e, a.y + d.y * e), color, thickness);
  }
}

void DashedRect(ImDrawList* dl, ImVec2 a, ImVec2 b, ImU32 color, float dash = 5.0f) {
  const ImVec2 corners[] = {a, ImVec2(b.x, a.y), b, ImVec2(a.x, b.y)};
  for (size_t i = 0; i < 4; ++i) DashedLine(dl, corners[i], corners[(i + 1) % 4], color, 1.5f, dash, dash * 2);
}

void Hatch(ImDrawList* dl, const Rect& b, ImU32 color) {
  dl->PushClipRect(V(b.min), V(b.max), true);
  for (float x = b.min.x - b.Height(); x < b.max.x; x += 14) {
    dl->AddLine(ImVec2(x, b.max.y), ImVec2(x + b.Height(), b.min.y), color, 1.0f);
  }
  dl->PopClipRect();
}

void SmallText(ImDrawList* dl, ImVec2 pos, ImU32 color, const char* text, float scale = 0.82f) {
  dl->AddText(ImGui::GetFont(), ImGui::GetFontSize() * scale, pos, color, text);
}

void CenteredText(ImDrawList* dl, ImVec2 center, ImU32 color, const char* text, float scale = 1.0f) {
  const ImVec2 s = TextSize(text, scale);
  dl->AddText(ImGui::GetFont(), ImGui::GetFontSize() * scale,
              ImVec2(center.x - s.x * 0.5f, center.y - s.y * 0.5f), color, text);
}

// Text clipped to a width, ellipsis-free: small boxes show what fits.
void ClippedText(ImDrawList* dl, const Rect& clip, ImVec2 pos, ImU32 color, const char* text, float scale) {
  dl->PushClipRect(V(clip.min), V(clip.max), true);
  SmallText(dl, pos, color, text, scale);
  dl->PopClipRect();
}

// A node's title and, when the box is tall enough, a second line under it.
void TitleLines(ImDrawList* dl, const Rect& b, float inset, ImU32 color, const std::string& title, float scale,
                float min_h_for_sub, ImU32 sub_color, const std::string& sub, float sub_scale, float sub_dy = 3.0f) {
  ClippedText(dl, b, ImVec2(b.min.x + inset, b.min.y + 3), color, title.c_str(), scale);
  if (b.Height() > min_h_for_sub && !sub.empty()) {
    ClippedText(dl, b, ImVec2(b.min.x + inset, b.min.y + sub_dy + ImGui::GetFontSize() * scale), sub_color,
                sub.c_str(), sub_scale);
  }
}

void CpuBar(ImDrawList* dl, const Rect& b, uint32_t cpu_bp, bool dim) {
  const ImVec2 a(b.min.x + 5, b.max.y - 8);
  const float w = b.Width() - 10, h = 4.0f;
  dl->AddRectFilled(a, ImVec2(a.x + w, a.y + h), col::Rgb(50, 56, 66), 2.0f);
  const float f = std::min(1.0f, static_cast<float>(cpu_bp) / 10000.0f);
  if (f > 0) {
    const ImU32 c = dim ? col::kGrey : CpuColor(cpu_bp);
    dl->AddRectFilled(a, ImVec2(a.x + std::max(2.0f, w * f), a.y + h), c, 2.0f);
  }
}

void Cross(ImDrawList* dl, const Rect& b, ImU32 color) {
  dl->AddLine(ImVec2(b.min.x + 4, b.min.y + 4), ImVec2(b.max.x - 4, b.max.y - 4), color, 1.5f);
  dl->AddLine(ImVec2(b.min.x + 4, b.max.y - 4), ImVec2(b.max.x - 4, b.min.y + 4), color, 1.5f);
}

void Edge(ImDrawList* dl, Point a, Point b, ImU32 c = col::kEdge, float w = 1.5f) { dl->AddLine(V(a), V(b), c, w); }

// A node: a rounded box with a coloured border and an invisible button for hover and click.
// Returns true when hovered; a click selects `sel`. The button is the test hook's "node:<id>".
bool NodeButton(UiState& ui, const Rect& b, const std::string& id, const Selection& sel) {
  ImGui::SetCursorScreenPos(V(b.min));
  const bool pressed =
      ImGui::InvisibleButton(id.c_str(), ImVec2(std::max(1.0f, b.Width()), std::max(1.0f, b.Height())));
  Mark(ui, "node:" + id);
  // Keyboard focus counts as hovering: the node's tooltip shows to a learner without a mouse.
  const bool hovered = ImGui::IsItemHovered() || (ImGui::IsItemFocused() && ImGui::IsAnyItemFocused());
  if (pressed) {
    ui.selection = sel;
    ui.open_tab = Tab::Inspector;
  }
  if (hovered) ui.hovered = sel;
  return hovered;
}

void NodeFrame(ImDrawList* dl, const Rect& b, ImU32 border, bool selected, bool hovered, bool dashed,
               ImU32 fill = col::kPanelRaised) {
  dl->AddRectFilled(V(b.min), V(b.max), fill, 6.0f);
  if (dashed) {
    DashedRect(dl, V(b.min), V(b.max), border);
  } else {
    dl->AddRect(V(b.min), V(b.max), border, 6.0f, 0, selected ? 2.5f : 1.5f);
  }
  if (selected) {
    dl->AddRect(ImVec2(b.min.x - 3, b.min.y - 3), ImVec2(b.max.x + 3, b.max.y + 3),
                WithAlpha(col::kAccent, 0.9f), 8.0f, 0, 2.0f);
  } else if (hovered) {
    dl->AddRect(ImVec2(b.min.x - 2, b.min.y - 2), ImVec2(b.max.x + 2, b.max.y + 2),
                WithAlpha(col::kText, 0.35f), 7.0f, 0, 1.0f);
  }
}

// The button and frame together; returns whether the node is hovered.
bool Node(const Canvas& c, const Rect& b, const std::string& id, const Selection& sel, ImU32 border, bool dashed,
          ImU32 fill = col::kPanelRaised) {
  const bool hov = NodeButton(c.ui, b, id, sel);
  NodeFrame(c.dl, b, border, c.ui.selection == sel, hov, dashed, fill);
  return hov;
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

std::string NameValue(S name, sim::Lang l, const std::string& value) { return std::string(Tr(name, l)) + ": " + value; }

// [SECTION] Bands, labels and edges
void DrawBands(const Canvas& c) {
  const DiagramLayout& g = c.g;
  c.dl->AddRectFilled(V(g.internet.min), V(g.internet.max), col::Rgb(25, 29, 36), 8.0f);
  c.dl->AddRect(V(g.vpc.min), V(g.vpc.max), col::Rgb(58, 78, 110), 8.0f, 0, 1.0f);
  for (int az = 0; az < sim::kAzCount; ++az) {
    const Rect& col = g.column[static_cast<size_t>(az)];
    const bool up = c.sim.az_up(sim::AzAt(az));
    c.dl->AddRectFilled(V(col.min), V(col.max), up ? col::kAzBand : col::kAzBandDown, 8.0f);
    if (!up) Hatch(c.dl, col, col::Rgb(70, 70, 76));
  }
}

void DrawLabel(const Canvas& c, const Label& label) {
  LabelStyle style = StyleOf(label.kind);
  const std::string text = LabelText(label.kind, label.index, c.l);
  const Rect& r = label.rect;
  switch (label.kind) {
    case LabelKind::AzName:
      if (!c.sim.az_up(sim::AzAt(label.index))) style.color = col::kError;
      break;
    case LabelKind::AzDown:
      c.dl->AddRectFilled(ImVec2(r.min.x - 5, r.min.y - 1), ImVec2(r.max.x + 5, r.max.y + 1),
                          WithAlpha(col::kError, 0.25f), 4.0f);
      break;
    case LabelKind::Legend: {
      const LegendItem& item = kLegend[static_cast<size_t>(label.index)];
      c.dl->AddCircleFilled(ImVec2(r.min.x + 4, r.min.y + ImGui::GetFontSize() * 0.45f), 4.5f, item.color, 12);
      SmallText(c.dl, ImVec2(r.min.x + 12, r.min.y), style.color, text.c_str(), style.scale);
      return;
    }
    default: break;
  }
  SmallText(c.dl, V(r.min), style.color, text.c_str(), style.scale);
}

// Labels outside the nodes; a node's own label is drawn with the node.
void DrawFreeLabels(const Canvas& c) {
  for (const Label& label : c.g.labels) {
    if (!label.owner) DrawLabel(c, label);
  }
}

void DrawEntryEdges(const Canvas& c) {
  const DiagramLayout& g = c.g;
  Edge(c.dl, {g.shoppers.max.x, g.shoppers.Center().y}, {g.route53.min.x, g.route53.Center().y});
  for (size_t az = 0; az < sim::kAzCount; ++az) {
    const sim::LbNode& n = c.sim.lb_nodes()[az];
    if (!n.enabled) continue;
    Edge(c.dl, g.route53.Bottom(), g.lb[az].Top(), n.in_dns && n.up ? col::kEdge : WithAlpha(col::kEdge, 0.35f));
  }
  for (size_t i = 0; i < g.instances.size(); ++i) {
    const sim::Instance& in = *c.instances[i];
    const Rect& b = g.instances[i];
    if (in.state == sim::InstanceState::Terminated) continue;
    for (size_t az = 0; az < sim::kAzCount; ++az) {
      const sim::LbNode& n = c.sim.lb_nodes()[az];
      if (!n.enabled || !n.up) continue;
      Edge(c.dl, g.lb[az].Bottom(), b.Top(), WithAlpha(col::kEdge, in.lb_healthy ? 0.55f : 0.18f), 1.0f);
    }
    Edge(c.dl, b.Bottom(), {b.Center().x, g.bus_data_y}, WithAlpha(col::kEdge, 0.6f), 1.0f);
  }
}

// The two buses, their risers, and each data node's drop from its bus.
void DrawDataEdges(const Canvas& c) {
  const DiagramLayout& g = c.g;
  ImDrawList* dl = c.dl;
  const float bus_l = g.column[0].min.x + 6, bus_r = g.dynamo.Center().x;
  dl->AddLine(ImVec2(bus_l, g.bus_data_y), ImVec2(bus_r, g.bus_data_y), col::kEdge, 2.0f);
  dl->AddLine(ImVec2(bus_l, g.bus_db_y), ImVec2(g.column[2].max.x - 6, g.bus_db_y), col::kEdge, 2.0f);
  for (float x : g.risers) dl->AddLine(ImVec2(x, g.bus_data_y), ImVec2(x, g.bus_db_y), col::kEdge, 2.0f);
  const ImU32 unused = WithAlpha(col::kEdge, 0.3f);
  const bool cache_used = CacheUsed(c.sim.config());
  for (const std::optional<Rect>& b : g.cache) {
    if (b) Edge(dl, {b->Center().x, g.bus_data_y}, b->Top(), cache_used ? col::kEdge : unused);
  }
  Edge(dl, {g.dynamo.Center().x, g.bus_data_y}, g.dynamo.Top(), DynamoUsed(c.sim.config()) ? col::kEdge : unused);
  for (const std::optional<Rect>& b : g.rds) {
    if (b) Edge(dl, {b->Center().x, g.bus_db_y}, b->Top());
  }
}

// Replication: primary to standby (synchronous, solid) and replicas (asynchronous, dashed).
void DrawReplication(const Canvas& c) {
  const sim::RdsCluster& rds = c.sim.rds();
  if (rds.primary < 0 || !c.g.rds[static_cast<size_t>(rds.primary)]) return;
  const Rect& p = *c.g.rds[static_cast<size_t>(rds.primary)];
  for (size_t i = 0; i < sim::kMaxDbNodes; ++i) {
    const sim::RdsNode& n = rds.nodes[i];
    if (static_cast<int>(i) == rds.primary || !c.g.rds[i]) continue;
    if (n.role != sim::RdsRole::Standby && n.role != sim::RdsRole::Replica) continue;
    const Rect& b = *c.g.rds[i];
    const ImVec2 a(p.Center().x, p.max.y + 2), z(b.Center().x, b.max.y + 2);
    const float y = p.max.y + 7;
    const ImU32 color = n.role == sim::RdsRole::Standby ? col::Rgb(90, 140, 210, 200) : col::Rgb(90, 140, 210, 120);
    c.dl->AddBezierCubic(a, ImVec2(a.x, y + 4), ImVec2(z.x, y + 4), z, color, 1.2f);
  }
}

// [SECTION] Nodes
void DrawShoppers(const Canvas& c) {
  const Rect& b = c.g.shoppers;
  const bool hov = Node(c, b, "shoppers", {SelectionKind::Shoppers}, col::kAccent, false);
  const uint32_t n = c.sim.active_crowd() + static_cast<uint32_t>(c.sim.scripted_shoppers().size());
  const std::string s = Fmt(c.l, S::ShoppersActive, n);
  CenteredText(c.dl, V(b.Center()), col::kText, s.c_str(), c.g.text_scale);
  if (hov) Tooltip(c.l, Tr(S::Shoppers, c.l), {s});
}

void DrawRoute53(const Canvas& c) {
  const Rect& b = c.g.route53;
  const bool hov = Node(c, b, "route53", {SelectionKind::Route53}, col::Rgb(110, 130, 165), false);
  CenteredText(c.dl, V(b.Center()), col::kText, "Route 53", c.g.text_scale);
  if (hov) Tooltip(c.l, "Route 53", {"DNS: myclothes.com → ALB"});
}

void DrawLbNode(const Canvas& c, int az) {
  const sim::LbNode& n = c.sim.lb_nodes()[static_cast<size_t>(az)];
  if (!n.enabled) return;
  const Rect& b = c.g.lb[static_cast<size_t>(az)];
  const std::string az_name(sim::Name(sim::AzAt(az)));
  const ImU32 border = !n.up ? col::kGrey : !n.in_dns ? col::kWarn : col::Rgb(110, 130, 165);
  const bool hov = Node(c, b, "lb-" + az_name, {SelectionKind::LbNode, az}, border, !n.in_dns && n.up);
  CenteredText(c.dl, V(b.Center()), n.up ? col::kText : col::kTextFaint, "ALB", c.g.text_scale);
  if (c.sim.config().load_balancer.stickiness.enabled) {
    SmallText(c.dl, ImVec2(b.max.x - 18, b.min.y + 2), col::kWarn, "S", 0.75f);
  }
  if (hov) {
    Tooltip(c.l, std::string(Tr(S::LoadBalancer, c.l)) + " · AZ " + az_name,
            {NameValue(S::State, c.l, n.up ? Tr(S::Up, c.l) : Tr(S::Down, c.l)),
             NameValue(S::InDns, c.l, n.in_dns ? Tr(S::Yes, c.l) : Tr(S::No, c.l)),
             NameValue(S::Requests, c.l, std::to_string(n.requests))});
  }
}

bool MemorySessions(const sim::Sim& sim) {
  return sim.config().session.strategy == sim::SessionStrategy::InstanceMemory;
}

std::string InstanceSubtitle(const sim::Instance& in, bool memory_sessions, sim::Lang l) {
  if (in.state == sim::InstanceState::Terminated || in.state == sim::InstanceState::Pending ||
      in.state == sim::InstanceState::Unhealthy) {
    return InstanceStateText(in.state, l);
  }
  // Sessions and CPU both: stickiness shows its imbalance in the CPU.
  if (memory_sessions) return Fmt(l, S::SessionsShort, in.sessions) + " · " + Pct(in.cpu_bp);
  return Pct(in.cpu_bp);
}

void InstanceTooltip(const sim::Instance& in, const std::string& id, bool memory_sessions, sim::Lang l) {
  std::vector<std::string> lines = {NameValue(S::State, l, InstanceStateText(in.state, l)),
                                    "AZ " + std::string(sim::Name(in.az)) + " · " + sim::FormatIp(in.ip),
                                    NameValue(S::Cpu, l, Pct(in.cpu_bp)), NameValue(S::Requests, l, std::to_string(in.requests))};
  if (memory_sessions) lines.push_back(NameValue(S::SessionsInMemory, l, std::to_string(in.sessions)));
  Tooltip(l, id, lines);
}

void DrawInstance(const Canvas& c, const sim::Instance& in, const Rect& b) {
  const std::string id = sim::FormatInstanceId(in.id);
  const bool dead = in.state == sim::InstanceState::Terminated || !in.reachable;
  const ImU32 border = dead ? col::kGrey : InstanceColor(in.state);
  const bool hov = Node(c, b, id, {SelectionKind::Instance, 0, in.id.value}, border,
                        in.state == sim::InstanceState::Pending, dead ? col::Rgb(34, 36, 40) : col::kPanelRaised);
  const bool memory_sessions = MemorySessions(c.sim);
  const float ts = b.Width() < 60 ? 0.72f : 0.85f;
  TitleLines(c.dl, b, 6, dead ? col::kTextFaint : col::kText, id, ts, 38, dead ? col::kTextFaint : col::kTextDim,
             InstanceSubtitle(in, memory_sessions, c.l), ts * 0.92f);
  // Status dot, top right.
  const float dot_r = std::min(3.5f, b.Height() * 0.5f - 1.0f);
  c.dl->AddCircleFilled(ImVec2(b.max.x - 8, b.min.y + std::min(9.0f, b.Height() * 0.5f)), dot_r, border, 12);
  if (b.Height() > 24) CpuBar(c.dl, b, dead ? 0 : in.cpu_bp, dead);
  // Terminated, or clicked while paused and going at the next tick (drawn in the warning colour).
  const bool queued = in.state != sim::InstanceState::Terminated && c.sim.TerminationPending(in.id);
  if (in.state == sim::InstanceState::Terminated || queued) Cross(c.dl, b, queued ? col::kWarn : WithAlpha(col::kGrey, 0.7f));
  if (hov) InstanceTooltip(in, id, memory_sessions, c.l);
}

void DrawCacheNode(const Canvas& c, size_t i) {
  const sim::CacheCluster& cache = c.sim.cache();
  const sim::CacheNode& n = cache.nodes[i];
  if (!n.exists || !c.g.cache[i]) return;
  const Rect& b = *c.g.cache[i];
  const bool used = CacheUsed(c.sim.config());
  const ImU32 border = !n.up ? col::kError : !used ? col::kGrey : col::Rgb(80, 170, 190);
  const bool hov = Node(c, b, "cache-" + std::to_string(i), {SelectionKind::Cache, static_cast<int>(i)}, border,
                        !n.primary && n.up);
  // A lone node is not a replica, even when it has failed and lost its primary role.
  const bool lone = !cache.nodes[1 - i].exists;
  const char* role = lone     ? Tr(S::SingleNode, c.l)
                     : !n.up  ? Tr(S::NodeDown, c.l)
                     : n.primary ? Tr(S::Primary, c.l)
                                 : Tr(S::ReplicaWord, c.l);
  const std::string sub = !n.up ? std::string(Tr(S::Failed, c.l))
                          : !used ? std::string(Tr(S::Idle, c.l))
                          : cache.state == sim::CacheState::FailingOver ? std::string(Tr(S::FailingOver, c.l))
                                                                        : "Redis OSS";
  TitleLines(c.dl, b, 7, n.up ? col::kText : col::kTextFaint, std::string("ElastiCache · ") + role, 0.82f, 34,
             !n.up ? col::kError : col::kTextDim, sub, 0.78f, 4.0f);
  if (hov) {
    Tooltip(c.l, "ElastiCache (Redis OSS)",
            {NameValue(S::State, c.l, CacheStateText(cache.state, c.l)), NameValue(S::Role, c.l, role),
             "AZ " + std::string(sim::Name(n.az))});
  }
}

void DrawDynamo(const Canvas& c) {
  const Rect& b = c.g.dynamo;
  const bool used = DynamoUsed(c.sim.config());
  const bool hov = Node(c, b, "dynamodb", {SelectionKind::DynamoDb}, used ? col::Rgb(80, 170, 190) : col::kGrey, false);
  TitleLines(c.dl, b, 7, used ? col::kText : col::kTextFaint, "DynamoDB", 0.82f, 34, col::kTextFaint,
             used ? std::string() : std::string(Tr(S::Idle, c.l)), 0.78f, 4.0f);
  if (hov) Tooltip(c.l, "DynamoDB", {Tr(S::DynamoNote, c.l)});
}

std::string RdsTitle(const sim::RdsNode& n, int i, sim::Lang l) {
  switch (n.role) {
    case sim::RdsRole::Primary: return std::string("RDS ") + Tr(S::Primary, l);
    case sim::RdsRole::Standby: return Tr(S::Standby, l);
    case sim::RdsRole::Replica: return "R" + std::to_string(i - sim::kRdsFirstReplica + 1);
    default: return Tr(S::Failed, l);
  }
}

ImU32 RdsBorder(const sim::RdsNode& n, bool failed) {
  if (failed) return col::kError;
  if (n.role == sim::RdsRole::Standby) return col::Rgb(110, 140, 190);
  if (n.role == sim::RdsRole::Replica) return col::Rgb(110, 175, 240);
  return col::Rgb(70, 130, 230);
}

void RdsTooltip(const sim::Sim& sim, const sim::RdsNode& n, int i, sim::Lang l) {
  std::vector<std::string> lines = {NameValue(S::Role, l, RoleText(n.role, l)), "AZ " + std::string(sim::Name(n.az)),
                                    NameValue(S::Cpu, l, Pct(n.cpu_bp))};
  const int64_t lag = sim.replica_lag_ms(i);
  if (lag >= 0) lines.push_back(NameValue(S::Lag, l, LatencyText(lag * 1000)));
  Tooltip(l, "Amazon RDS", lines);
}

void DrawRdsNode(const Canvas& c, int i) {
  const sim::RdsCluster& rds = c.sim.rds();
  const sim::RdsNode& n = rds.nodes[static_cast<size_t>(i)];
  if (!c.g.rds[static_cast<size_t>(i)]) return;
  const Rect& b = *c.g.rds[static_cast<size_t>(i)];
  const bool failed = n.role == sim::RdsRole::Failed || !n.up;
  const bool hov = Node(c, b, "rds-" + std::to_string(i), {SelectionKind::RdsNode, i}, RdsBorder(n, failed),
                        n.role == sim::RdsRole::Standby, failed ? col::Rgb(46, 30, 32) : col::kPanelRaised);
  const int64_t lag = c.sim.replica_lag_ms(i);
  std::string sub = Pct(n.cpu_bp);
  if (n.role == sim::RdsRole::Replica && lag >= 0) sub = LatencyText(lag * 1000);
  if (failed) sub = Tr(S::Failed, c.l);
  if (rds.failing_over && n.role == sim::RdsRole::Standby) sub = Tr(S::FailingOver, c.l);
  const ImU32 sub_color = n.role == sim::RdsRole::Replica && lag > 1000 ? col::kWarn : col::kTextDim;
  const float ts = b.Width() < 64 ? 0.72f : 0.82f;
  TitleLines(c.dl, b, 6, failed ? col::kError : col::kText, RdsTitle(n, i, c.l), ts, 40, sub_color, sub, ts * 0.92f);
  CpuBar(c.dl, b, failed ? 0 : n.cpu_bp, failed);
  if (hov) RdsTooltip(c.sim, n, i, c.l);
}

void DrawNodes(const Canvas& c) {
  DrawShoppers(c);
  DrawRoute53(c);
  for (int az = 0; az < sim::kAzCount; ++az) DrawLbNode(c, az);
  for (size_t i = 0; i < c.g.instances.size(); ++i) DrawInstance(c, *c.instances[i], c.g.instances[i]);
  for (size_t i = 0; i < kCacheNodes; ++i) DrawCacheNode(c, i);
  DrawDynamo(c);
  for (int i = 0; i < sim::kMaxDbNodes; ++i) DrawRdsNode(c, i);
}

// [SECTION] Attack
std::optional<Rect> AttackTarget(const Canvas& c, sim::AttackTarget target) {
  const DiagramLayout& g = c.g;
  switch (target) {
    case sim::AttackTarget::Database:
      if (c.sim.rds().primary >= 0) return g.rds[static_cast<size_t>(c.sim.rds().primary)];
      return std::nullopt;
    case sim::AttackTarget::Cache:
      if (c.sim.cache().primary_index() >= 0) return g.cache[static_cast<size_t>(c.sim.cache().primary_index())];
      return std::nullopt;
    case sim::AttackTarget::Instance:
      for (size_t i = 0; i < g.instances.size(); ++i) {
        if (c.instances[i]->state != sim::InstanceState::Terminated) return g.instances[i];
      }
      return std::nullopt;
    case sim::AttackTarget::LoadBalancer:
      for (size_t az = 0; az < sim::kAzCount; ++az) {
        if (c.sim.lb_nodes()[az].enabled) return g.lb[az];
      }
      return std::nullopt;
  }
  return std::nullopt;
}

// The attacker's latest connection attempt, for five simulated seconds: a dashed line from the
// internet to what they tried, red when a security group let it through, violet and stopped
// with a cross when one denied it.
void DrawAttack(const Canvas& c) {
  const sim::AttackAttempt* attack = RecentAttack(c.sim);
  if (attack == nullptr || !c.g.attacker) return;
  const std::optional<Rect> target = AttackTarget(c, attack->target);
  if (!target) return;
  const Rect& who = *c.g.attacker;
  const bool allowed = attack->verdict.allowed;
  const ImU32 color = allowed ? col::kError : col::kDenied;
  c.dl->AddRectFilled(V(who.min), V(who.max), col::Rgb(48, 26, 30), 6.0f);
  c.dl->AddRect(V(who.min), V(who.max), col::kError, 6.0f, 0, 1.5f);
  for (const Label& label : c.g.labels) {
    if (label.owner && label.owner->kind == NodeKind::Attacker) DrawLabel(c, label);
  }
  const ImVec2 from = V(who.Bottom());
  const ImVec2 to(target->max.x - 6, target->min.y);
  if (allowed) {
    DashedLine(c.dl, from, to, color, 2.0f, 7, 12);
    c.dl->AddCircleFilled(to, 5, color, 12);
    return;
  }
  // Stopped just short of the target: the security group refused it.
  const float len = std::hypot(to.x - from.x, to.y - from.y);
  const ImVec2 stop(to.x - (to.x - from.x) / len * 18, to.y - (to.y - from.y) / len * 18);
  DashedLine(c.dl, from, stop, color, 2.0f, 7, 12);
  const float x = 6;
  c.dl->AddLine(ImVec2(stop.x - x, stop.y - x), ImVec2(stop.x + x, stop.y + x), color, 3.0f);
  c.dl->AddLine(ImVec2(stop.x - x, stop.y + x), ImVec2(stop.x + x, stop.y - x), color, 3.0f);
}

// [SECTION] Dots
constexpr double kDotTravelS = 1.25;
constexpr double kDotBurstS = 0.35;

struct Path {
  std::array<ImVec2, 24> p{};
  int n = 0;
  void Add(Point v) {
    if (n < static_cast<int>(p.size())) p[static_cast<size_t>(n++)] = V(v);
  }
};

const Rect* FindInstanceRect(const Canvas& c, uint32_t id) {
  for (size_t i = 0; i < c.instances.size(); ++i) {
    if (c.instances[i]->id.value == id) return &c.g.instances[i];
  }
  return nullptr;
}

// The polyline a request took: shoppers, Route 53, LB node, instance, then data stores over the
// buses (cache and DynamoDB on the first bus, RDS on the second, joined by risers in the gaps).
Path RequestPath(const Canvas& c, const sim::RequestTrace& t) {
  const DiagramLayout& g = c.g;
  // Edges and box borders rather than box centres, so the dots never sit on a label.
  Path path;
  path.Add({g.shoppers.max.x, g.shoppers.Center().y});
  path.Add({g.route53.min.x, g.route53.Center().y});
  path.Add(g.route53.Bottom());
  if (t.lb_az < 0) return path;
  const Rect& lb = g.lb[static_cast<size_t>(t.lb_az)];
  path.Add(lb.Top());
  path.Add(lb.Bottom());
  const Rect* inst = t.instance.valid() ? FindInstanceRect(c, t.instance.value) : nullptr;
  if (inst == nullptr) return path;
  path.Add(inst->Top());
  const bool cache = t.cache_node >= 0 && t.cache_node < kCacheNodes && g.cache[static_cast<size_t>(t.cache_node)];
  const bool db = t.db_node >= 0 && t.db_node < sim::kMaxDbNodes && g.rds[static_cast<size_t>(t.db_node)];
  if (!cache && !t.used_dynamodb && !db) {
    path.Add({inst->Center().x, inst->max.y - 10});
    return path;
  }
  const Point at = inst->Bottom();
  path.Add(at);
  path.Add({at.x, g.bus_data_y});
  float bus_x = at.x;
  auto to_data = [&](const Rect& b, bool come_back) {
    path.Add({b.Center().x, g.bus_data_y});
    path.Add(b.Top());
    path.Add(come_back ? Point{b.Center().x, g.bus_data_y} : Point{b.Center().x, b.max.y - 8});
    bus_x = b.Center().x;
  };
  if (cache) to_data(*g.cache[static_cast<size_t>(t.cache_node)], t.used_dynamodb || db);
  if (t.used_dynamodb) to_data(g.dynamo, db);
  if (db) {
    const Rect& b = *g.rds[static_cast<size_t>(t.db_node)];
    // The riser nearest the request's position on the bus.
    const float riser = std::abs(g.risers[0] - bus_x) < std::abs(g.risers[1] - bus_x) ? g.risers[0] : g.risers[1];
    path.Add({riser, g.bus_data_y});
    path.Add({riser, g.bus_db_y});
    path.Add({b.Center().x, g.bus_db_y});
    path.Add(b.Top());
    path.Add({b.Center().x, b.max.y - 10});
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

void DrawDot(const Canvas& c, const FlyingDot& d, const sim::RequestTrace& t) {
  const Path path = RequestPath(c, t);
  if (path.n < 2) return;
  ImDrawList* dl = c.dl;
  const double age = c.ui.clock_s - d.born_s;
  const float f = static_cast<float>(age / kDotTravelS);
  ImVec2 end;
  const ImVec2 p = PointAlong(path, f, &end);
  const ImU32 color = OutcomeColor(t.outcome);
  const bool named = t.shopper.scripted();
  const float r = named ? 6.0f : 4.0f;
  if (f < 1.0f) {
    dl->AddCircleFilled(p, r + 4, WithAlpha(color, 0.18f), 16);
    dl->AddCircleFilled(p, r, color, 16);
    if (named) {
      const std::string label = ShopperLabel(t.shopper, &c.sim, c.l);
      SmallText(dl, ImVec2(p.x + 8, p.y - 8), col::kText, label.c_str(), 0.78f);
    }
    return;
  }
  // Arrival: a ring that grows and fades; errors leave a cross.
  const float b = static_cast<float>((age - kDotTravelS) / kDotBurstS);
  const ImU32 faded = WithAlpha(color, std::max(0.0f, 1.0f - b));
  dl->AddCircle(end, 5 + 12 * b, faded, 20, 2.0f);
  if (sim::IsError(t.outcome) || t.outcome == sim::Outcome::CartLost) {
    const float s = 5;
    dl->AddLine(ImVec2(end.x - s, end.y - s), ImVec2(end.x + s, end.y + s), faded, 2.5f);
    dl->AddLine(ImVec2(end.x - s, end.y + s), ImVec2(end.x + s, end.y - s), faded, 2.5f);
  }
}

void DrawDots(const Canvas& c) {
  const auto& ring = c.sim.traces();
  const uint64_t total = ring.total_pushed();
  const uint64_t first = total - ring.size();
  for (const FlyingDot& d : c.ui.dots) {
    if (d.seq < first || d.seq >= total) continue;
    DrawDot(c, d, ring[static_cast<size_t>(d.seq - first)]);
  }
}

}  // namespace

DiagramScene DiagramSceneOf(const sim::Sim& sim, Rect canvas, sim::Lang lang) {
  return SceneOf(sim, VisibleInstances(sim), canvas, lang);
}

TextSizes MeasureDiagramTexts(sim::Lang lang) {
  TextSizes sizes;
  sizes.font_px = ImGui::GetFontSize();
  for (int k = 0; k < kLabelKindCount; ++k) {
    const auto kind = static_cast<LabelKind>(k);
    const float scale = StyleOf(kind).scale;
    for (int i = 0; i < LabelCount(kind); ++i) {
      const ImVec2 s = TextSize(LabelText(kind, i, lang).c_str(), scale);
      sizes.label[static_cast<size_t>(k)][static_cast<size_t>(i)] = {s.x, s.y};
    }
  }
  return sizes;
}

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
  const ImVec2 origin = ImGui::GetCursorScreenPos();
  const ImVec2 avail = ImGui::GetContentRegionAvail();
  const ImVec2 size(std::max(avail.x, kDiagramMinWidth), std::max(avail.y, kDiagramMinHeight));
  const std::vector<const sim::Instance*> instances = VisibleInstances(sim);
  const Rect canvas = Rect::At({origin.x, origin.y}, {size.x, size.y});
  const DiagramLayout g = LayoutDiagram(SceneOf(sim, instances, canvas, ui.lang));
  ui.hovered = {};
  Canvas c{ImGui::GetWindowDrawList(), sim, g, instances, ui, ui.lang};
  DrawBands(c);
  DrawFreeLabels(c);
  // Edges first, so nodes draw over them.
  DrawEntryEdges(c);
  DrawDataEdges(c);
  DrawReplication(c);
  DrawNodes(c);
  DrawAttack(c);
  DrawDots(c);
  // Reserve the canvas so the window knows its content size; the test hook reads it as "diagram".
  ImGui::SetCursorScreenPos(origin);
  ImGui::Dummy(size);
  Mark(ui, "diagram");
}

}  // namespace ui
