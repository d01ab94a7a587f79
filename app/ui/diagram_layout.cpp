// The diagram's geometry (see diagram_layout.h). Top to bottom: the internet band (shoppers,
// Route 53, the attacker's box), the VPC with three AZ columns (LB node, an instance grid, the
// data bus, the cache row, the RDS bus and row) and the regional column right of it (DynamoDB),
// the legend at the bottom.
//
// Index
//   [SECTION] Bands and columns
//   [SECTION] Nodes
//   [SECTION] Labels
//   [SECTION] LayoutDiagram
#include "ui/diagram_layout.h"

#include <algorithm>

namespace ui {

int LabelCount(LabelKind kind) {
  switch (kind) {
    case LabelKind::AzName:
    case LabelKind::AzDown:
    case LabelKind::NotDeployed: return sim::kAzCount;
    case LabelKind::Legend: return kLegendItems;
    default: return 1;
  }
}

const char* Name(NodeKind kind) {
  switch (kind) {
    case NodeKind::Shoppers: return "shoppers";
    case NodeKind::Route53: return "route53";
    case NodeKind::LbNode: return "lb-node";
    case NodeKind::Instance: return "instance";
    case NodeKind::Cache: return "cache";
    case NodeKind::DynamoDb: return "dynamodb";
    case NodeKind::RdsNode: return "rds";
    case NodeKind::Attacker: return "attacker";
  }
  return "?";
}

const char* Name(LabelKind kind) {
  switch (kind) {
    case LabelKind::Internet: return "internet";
    case LabelKind::ClientTier: return "client-tier";
    case LabelKind::Vpc: return "vpc";
    case LabelKind::RegionalServices: return "regional-services";
    case LabelKind::WebTier: return "web-tier";
    case LabelKind::DatabaseTier: return "database-tier";
    case LabelKind::AzName: return "az-name";
    case LabelKind::AzDown: return "az-down";
    case LabelKind::NotDeployed: return "not-deployed";
    case LabelKind::Attacker: return "attacker";
    case LabelKind::Legend: return "legend";
  }
  return "?";
}

namespace {

constexpr float kPad = 10.0f;          // canvas edge to the bands
constexpr float kRegionalGap = 10.0f;  // VPC to the regional column
constexpr float kLegendX = 14.0f;      // canvas edge to the first legend item
constexpr float kLegendDot = 12.0f;    // a legend item's dot, before its word
constexpr float kLegendGap = 16.0f;    // between legend items
constexpr float kGridGap = 8.0f;       // between instances

// Rows inside an AZ column, top to bottom: AZ label, LB node, instances (what is left), bus,
// cache row, bus, RDS row.
struct Rows {
  float y_lb = 0, lb_h = 0;
  float inst_top = 0, inst_bottom = 0;
  float y_cache = 0, cache_h = 0;
  float y_rds = 0, rds_h = 0;
};

struct Builder {
  const DiagramScene& scene;
  DiagramLayout& g;
  float font = 16.0f;
  float regional_w = 0;
  float legend_h = 0;
  Rows rows;

  Size Text(LabelKind kind, int index = 0) const { return scene.text.Of(kind, index); }
  void AddLabel(LabelKind kind, int index, Point at, std::optional<NodeId> owner = std::nullopt) {
    g.labels.push_back({kind, index, Rect::At(at, Text(kind, index)), owner});
  }
};

// A row of `n` boxes of width `w`, `gap` apart, centred in `column`.
float CentredRowX(const Rect& column, float n, float w, float gap) {
  const float row_w = n * w + (n - 1) * gap;
  return column.Center().x - row_w * 0.5f;
}

Rect CentredBox(const Rect& column, float max_w, float y, float h) {
  const float w = std::min(column.Width() - 24, max_w);
  const float x = column.Center().x - w * 0.5f;
  return {{x, y}, {x + w, y + h}};
}

// [SECTION] Bands and columns
// The legend flows left to right under the VPC and wraps where the canvas ends, so the VPC's
// bottom depends on how many rows it takes.
std::vector<Rect> LegendItems(const DiagramScene& scene) {
  const Rect& c = scene.canvas;
  const float font = scene.text.font_px;
  const float row_h = font + 4;
  std::vector<Rect> items;
  float x = c.min.x + kLegendX, y = 0;
  for (int i = 0; i < kLegendItems; ++i) {
    const Size t = scene.text.Of(LabelKind::Legend, i);
    const float w = kLegendDot + t.x;
    if (i > 0 && x + w > c.max.x - kLegendX) {
      x = c.min.x + kLegendX;
      y += row_h;
    }
    items.push_back(Rect::At({x, y}, {w, t.y}));
    x += w + kLegendGap;
  }
  // Rows were stacked downwards from 0: move them so the last sits where one row always did.
  const float shift = c.max.y - font - 4 - y;
  for (Rect& r : items) {
    r.min.y += shift;
    r.max.y += shift;
  }
  return items;
}

void LayoutBands(Builder& b, const std::vector<Rect>& legend) {
  const Rect& c = b.scene.canvas;
  const float w = c.Width(), h = c.Height();
  const float legend_top = legend.empty() ? c.max.y : legend.front().min.y;
  b.legend_h = c.max.y - legend_top + 4;  // one row: font + 8, as before the legend could wrap
  const float top_h = std::clamp(h * 0.1f, 40.0f, 58.0f);
  b.g.internet = {{c.min.x + kPad, c.min.y + kPad}, {c.max.x - kPad, c.min.y + kPad + top_h}};
  b.regional_w = std::clamp(w * 0.15f, 84.0f, 130.0f);
  b.g.vpc = {{c.min.x + kPad, b.g.internet.max.y + std::clamp(h * 0.03f, 10.0f, 18.0f)},
             {c.max.x - kPad - b.regional_w - kRegionalGap, c.max.y - kPad - b.legend_h}};
}

float ColumnGap(const Rect& canvas) { return canvas.Width() < 500 ? 8.0f : 12.0f; }

void LayoutColumns(Builder& b) {
  DiagramLayout& g = b.g;
  const float gap = ColumnGap(g.canvas);
  const float inner_top = g.vpc.min.y + b.font * 0.85f + 10;
  const float col_w = (g.vpc.Width() - gap * 4) / 3.0f;
  for (int az = 0; az < sim::kAzCount; ++az) {
    const float x = g.vpc.min.x + gap + static_cast<float>(az) * (col_w + gap);
    g.column[static_cast<size_t>(az)] = {{x, inner_top}, {x + col_w, g.vpc.max.y - gap}};
  }
  g.risers = {g.column[0].max.x + gap * 0.5f, g.column[1].max.x + gap * 0.5f};
}

void LayoutRows(Builder& b) {
  DiagramLayout& g = b.g;
  Rows& r = b.rows;
  const float col_h = g.column[0].Height();
  const float head_h = b.font * 0.9f + 8;
  r.lb_h = std::clamp(col_h * 0.11f, 26.0f, 42.0f);
  r.cache_h = std::clamp(col_h * 0.11f, 28.0f, 44.0f);
  r.rds_h = std::clamp(col_h * 0.14f, 32.0f, 54.0f);
  const float bus_gap = std::clamp(col_h * 0.05f, 10.0f, 14.0f);
  r.y_lb = g.column[0].min.y + head_h;
  r.y_rds = g.column[0].max.y - r.rds_h - 6;
  r.y_cache = r.y_rds - bus_gap * 2 - r.cache_h;
  g.bus_db_y = r.y_rds - bus_gap;
  g.bus_data_y = r.y_cache - bus_gap;
  r.inst_top = r.y_lb + r.lb_h + std::clamp(col_h * 0.07f, 10.0f, 30.0f);
  r.inst_bottom = g.bus_data_y - bus_gap;
}

// [SECTION] Nodes
void LayoutInternetNodes(Builder& b) {
  DiagramLayout& g = b.g;
  const float w = g.canvas.Width();
  const float sh_w = std::min(200.0f, w * 0.28f);
  const float mid = (g.vpc.min.x + g.vpc.max.x) * 0.5f;
  const float box_pad = g.internet.Height() > 50 ? 8.0f : 5.0f;
  const float y0 = g.internet.min.y + box_pad, y1 = g.internet.max.y - box_pad;
  g.shoppers = {{mid - sh_w - 20, y0}, {mid - 20, y1}};
  g.route53 = {{mid + 20, y0}, {mid + 20 + std::min(150.0f, w * 0.2f), y1}};
  if (b.scene.attacker) {
    // Right in the band, where the client tier's name goes otherwise.
    const float aw = std::min(120.0f, std::max(60.0f, g.internet.max.x - g.route53.max.x - 30));
    g.attacker = Rect{{g.internet.max.x - aw - 8, y0}, {g.internet.max.x - 8, y1}};
  }
}

void LayoutLbNodes(Builder& b) {
  for (size_t az = 0; az < sim::kAzCount; ++az) {
    b.g.lb[az] = CentredBox(b.g.column[az], 150.0f, b.rows.y_lb, b.rows.lb_h);
  }
}

// The instance grid's cell: sized so the busiest AZ fits between the LB row and the data bus.
struct Grid {
  int cols = 1;
  float box_w = 0, box_h = 0, gap_x = kGridGap, gap_y = kGridGap;
};
constexpr float kMinBoxH = 4.0f;  // an instance is at least a sliver with a status dot
constexpr float kTightGap = 3.0f;

int RowsFor(size_t n, int cols) {
  return static_cast<int>((n + static_cast<size_t>(cols) - 1) / static_cast<size_t>(cols));
}
float GridHeight(int rows, float box_h, float gap_y) { return static_cast<float>(rows) * (box_h + gap_y) - gap_y; }

Grid FitGrid(size_t most, float avail_w, float avail_h) {
  Grid grid;
  grid.box_w = std::min(112.0f, avail_w);
  grid.box_h = std::min(64.0f, avail_h);
  for (;;) {
    grid.cols = std::max(1, static_cast<int>((avail_w + kGridGap) / (grid.box_w + kGridGap)));
    if (GridHeight(RowsFor(most, grid.cols), grid.box_h, kGridGap) <= avail_h || grid.box_w < 34) break;
    grid.box_w *= 0.9f;
    grid.box_h *= 0.9f;
  }
  // Still too tall at the narrowest width (many instances on a phone): flatten the boxes and
  // their gaps so the grid never runs into the bus and the cache row below it.
  const int rows = RowsFor(most, grid.cols);
  if (GridHeight(rows, grid.box_h, grid.gap_y) > avail_h) {
    grid.gap_y = kTightGap;
    grid.box_h = (avail_h + grid.gap_y) / static_cast<float>(rows) - grid.gap_y;
  }
  // Too many rows even for slivers (15 or more instances in one AZ on a phone): as many rows as
  // fit, and as many narrow columns as that takes.
  if (grid.box_h < kMinBoxH) {
    const int rows_fit = std::max(1, static_cast<int>((avail_h + kTightGap) / (kMinBoxH + kTightGap)));
    grid.cols = RowsFor(most, rows_fit);
    grid.gap_x = kTightGap;
    grid.box_w = (avail_w + kTightGap) / static_cast<float>(grid.cols) - kTightGap;
    grid.box_h = (avail_h + kTightGap) / static_cast<float>(RowsFor(most, grid.cols)) - kTightGap;
  }
  return grid;
}

void LayoutInstances(Builder& b) {
  DiagramLayout& g = b.g;
  const std::vector<int>& azs = b.scene.instance_az;
  std::array<size_t, sim::kAzCount> count{};
  for (int az : azs) ++count[static_cast<size_t>(az)];
  const size_t most = std::max<size_t>(1, *std::max_element(count.begin(), count.end()));
  const float avail_w = g.column[0].Width() - 12;
  const float avail_h = std::max(20.0f, b.rows.inst_bottom - b.rows.inst_top);
  const Grid grid = FitGrid(most, avail_w, avail_h);
  std::array<size_t, sim::kAzCount> placed{};
  g.instances.reserve(azs.size());
  for (int az : azs) {
    const size_t n = count[static_cast<size_t>(az)], i = placed[static_cast<size_t>(az)]++;
    const Rect& c = g.column[static_cast<size_t>(az)];
    const int n_cols = std::min<int>(grid.cols, static_cast<int>(n));
    const float x0 = CentredRowX(c, static_cast<float>(n_cols), grid.box_w, grid.gap_x);
    const float grid_h = GridHeight(RowsFor(n, grid.cols), grid.box_h, grid.gap_y);
    const float y0 = b.rows.inst_top + std::max(0.0f, (avail_h - grid_h) * 0.5f);
    const int r = static_cast<int>(i) / grid.cols, k = static_cast<int>(i) % grid.cols;
    const Point p{x0 + static_cast<float>(k) * (grid.box_w + grid.gap_x), y0 + static_cast<float>(r) * (grid.box_h + grid.gap_y)};
    g.instances.push_back(Rect::At(p, {grid.box_w, grid.box_h}));
  }
}

// Cache nodes in their AZ; DynamoDB in the regional column at the same height.
void LayoutDataRow(Builder& b) {
  DiagramLayout& g = b.g;
  for (size_t i = 0; i < kCacheNodes; ++i) {
    const int az = b.scene.cache_az[i];
    if (az < 0) continue;
    g.cache[i] = CentredBox(g.column[static_cast<size_t>(az)], 140.0f, b.rows.y_cache, b.rows.cache_h);
  }
  const float rx = g.vpc.max.x + kRegionalGap;
  g.dynamo = {{rx, b.rows.y_cache}, {rx + b.regional_w, b.rows.y_cache + b.rows.cache_h}};
}

// RDS nodes: primary, standby and replicas, each in its AZ column, side by side.
void LayoutRds(Builder& b) {
  DiagramLayout& g = b.g;
  constexpr float kGap = 6.0f;
  std::array<std::vector<size_t>, sim::kAzCount> per_az;
  for (size_t i = 0; i < sim::kMaxDbNodes; ++i) {
    if (b.scene.rds_az[i] >= 0) per_az[static_cast<size_t>(b.scene.rds_az[i])].push_back(i);
  }
  for (size_t az = 0; az < sim::kAzCount; ++az) {
    const auto& list = per_az[az];
    if (list.empty()) continue;
    const Rect& c = g.column[az];
    const float n = static_cast<float>(list.size());
    const float w = std::min(96.0f, (c.Width() - 12 - (n - 1) * kGap) / n);
    const float x0 = CentredRowX(c, n, w, kGap);
    for (size_t k = 0; k < list.size(); ++k) {
      const float x = x0 + static_cast<float>(k) * (w + kGap);
      g.rds[list[k]] = Rect{{x, b.rows.y_rds}, {x + w, b.rows.y_rds + b.rows.rds_h}};
    }
  }
}

// [SECTION] Labels
void LayoutBandLabels(Builder& b) {
  const DiagramLayout& g = b.g;
  if (g.internet.Height() > 50) b.AddLabel(LabelKind::Internet, 0, {g.internet.min.x + 8, g.internet.min.y + 4});
  // The lecture's client tier: the browsers and DNS, right-aligned in the band, clear of Route 53.
  const Size tier = b.Text(LabelKind::ClientTier);
  const float x = g.internet.max.x - tier.x - 10;
  if (x > g.route53.max.x + 8 && !g.attacker) {
    b.AddLabel(LabelKind::ClientTier, 0, {x, g.internet.Center().y - tier.y * 0.5f});
  }
  if (g.attacker) {
    const Size t = b.Text(LabelKind::Attacker);
    const Point c = g.attacker->Center();
    b.AddLabel(LabelKind::Attacker, 0, {c.x - t.x * 0.5f, c.y - t.y * 0.5f}, NodeId{NodeKind::Attacker, 0});
  }
  b.AddLabel(LabelKind::Vpc, 0, {g.vpc.min.x + 8, g.vpc.min.y + 4});
  b.AddLabel(LabelKind::RegionalServices, 0, {g.dynamo.min.x, g.vpc.min.y + 4});
}

// The lecture's three tiers: the client tier is the internet band; the web and database tiers
// are named in the strip right of the VPC, level with their rows (the data bus divides them).
void LayoutTierLabels(Builder& b) {
  const DiagramLayout& g = b.g;
  const float x = g.vpc.max.x + 8;
  b.AddLabel(LabelKind::WebTier, 0, {x, (g.lb[0].max.y + g.bus_data_y) * 0.5f - b.font * 0.4f});
  const float db_y = std::max(g.dynamo.max.y + 6, g.bus_db_y);
  if (db_y + b.font < g.vpc.max.y) b.AddLabel(LabelKind::DatabaseTier, 0, {x, db_y});
}

void LayoutAzLabels(Builder& b) {
  for (int az = 0; az < sim::kAzCount; ++az) {
    const Rect& c = b.g.column[static_cast<size_t>(az)];
    b.AddLabel(LabelKind::AzName, az, {c.min.x + 8, c.min.y + 4});
    if (b.scene.az_down[static_cast<size_t>(az)]) {
      b.AddLabel(LabelKind::AzDown, az, {c.max.x - b.Text(LabelKind::AzDown, az).x - 11, c.min.y + 4});
    } else if (!b.scene.az_deployed[static_cast<size_t>(az)]) {
      const Size t = b.Text(LabelKind::NotDeployed, az);
      b.AddLabel(LabelKind::NotDeployed, az, {c.Center().x - t.x * 0.5f, c.Center().y - t.y * 0.5f});
    }
  }
}

}  // namespace

// [SECTION] LayoutDiagram
DiagramLayout LayoutDiagram(const DiagramScene& scene) {
  DiagramLayout g;
  g.canvas = scene.canvas;
  g.text_scale = std::clamp(scene.canvas.Width() / 760.0f, 0.78f, 1.0f);
  Builder b{scene, g, scene.text.font_px, 0, 0, {}};
  const std::vector<Rect> legend = LegendItems(scene);
  LayoutBands(b, legend);
  LayoutColumns(b);
  LayoutRows(b);
  LayoutInternetNodes(b);
  LayoutLbNodes(b);
  LayoutInstances(b);
  LayoutDataRow(b);
  LayoutRds(b);
  LayoutBandLabels(b);
  LayoutTierLabels(b);
  LayoutAzLabels(b);
  for (size_t i = 0; i < legend.size(); ++i) g.labels.push_back({LabelKind::Legend, static_cast<int>(i), legend[i], {}});
  return g;
}

std::vector<NodeRect> Nodes(const DiagramLayout& g) {
  std::vector<NodeRect> out = {{{NodeKind::Shoppers, 0}, g.shoppers}, {{NodeKind::Route53, 0}, g.route53}};
  for (size_t az = 0; az < g.lb.size(); ++az) out.push_back({{NodeKind::LbNode, static_cast<int>(az)}, g.lb[az]});
  for (size_t i = 0; i < g.instances.size(); ++i) out.push_back({{NodeKind::Instance, static_cast<int>(i)}, g.instances[i]});
  for (size_t i = 0; i < g.cache.size(); ++i) {
    if (g.cache[i]) out.push_back({{NodeKind::Cache, static_cast<int>(i)}, *g.cache[i]});
  }
  out.push_back({{NodeKind::DynamoDb, 0}, g.dynamo});
  for (size_t i = 0; i < g.rds.size(); ++i) {
    if (g.rds[i]) out.push_back({{NodeKind::RdsNode, static_cast<int>(i)}, *g.rds[i]});
  }
  if (g.attacker) out.push_back({{NodeKind::Attacker, 0}, *g.attacker});
  return out;
}

}  // namespace ui
