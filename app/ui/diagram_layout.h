// The architecture diagram's geometry as data: where every node, band and label goes for a
// canvas and what the model shows (instances per AZ, cache and RDS nodes, the attacker's box,
// which AZs are down). Pure: no ImGui, no model access, so a test can check the rectangles
// without a frame (tests/ui/diagram_layout_test.cpp). app/ui/diagram.cpp builds the scene from
// the Sim, measures the label texts, and draws from what this returns.
//
// Index
//   [SECTION] Rect            a point and an axis-aligned rectangle of our own
//   [SECTION] Kinds           the nodes and labels the layout places
//   [SECTION] Scene           what the layout takes
//   [SECTION] DiagramLayout   what it returns, and every node as a flat list
#pragma once

#include <array>
#include <optional>
#include <vector>

#include "statelab/config.h"
#include "statelab/types.h"

namespace ui {

// [SECTION] Rect
struct Point {
  float x = 0, y = 0;
};
using Size = Point;

// The smallest canvas the diagram lays out on (DrawDiagram); a smaller window clips it.
inline constexpr float kDiagramMinWidth = 320.0f;
inline constexpr float kDiagramMinHeight = 300.0f;

struct Rect {
  Point min, max;
  static Rect At(Point p, Size s) { return {p, {p.x + s.x, p.y + s.y}}; }
  float Width() const { return max.x - min.x; }
  float Height() const { return max.y - min.y; }
  Point Center() const { return {(min.x + max.x) * 0.5f, (min.y + max.y) * 0.5f}; }
  Point Top() const { return {(min.x + max.x) * 0.5f, min.y}; }
  Point Bottom() const { return {(min.x + max.x) * 0.5f, max.y}; }
  // Touching edges do not overlap.
  bool Overlaps(const Rect& o) const { return min.x < o.max.x && o.min.x < max.x && min.y < o.max.y && o.min.y < max.y; }
  bool Contains(const Rect& o) const { return o.min.x >= min.x && o.min.y >= min.y && o.max.x <= max.x && o.max.y <= max.y; }
};

// [SECTION] Kinds
enum class NodeKind : uint8_t { Shoppers, Route53, LbNode, Instance, Cache, DynamoDb, RdsNode, Attacker };
inline constexpr int kNodeKindCount = static_cast<int>(NodeKind::Attacker) + 1;  // the last kind

// Texts the layout places outside the nodes (a node's own text is drawn clipped inside it).
enum class LabelKind : uint8_t {
  Internet,          // the internet band's name, top left
  ClientTier,        // the lecture's client tier, right in the band (where the attacker's box goes)
  Vpc,               // "VPC 10.0.0.0/16"
  RegionalServices,  // over the regional column
  WebTier,           // right of the VPC, level with the instances
  DatabaseTier,      // right of the VPC, level with the data rows
  AzName,            // "AZ a", one per column
  AzDown,            // the badge in a failed AZ's header
  NotDeployed,       // the middle of an AZ the stack does not use
  Attacker,          // inside the attacker's box
  Legend,            // the outcome colours under the VPC: a dot and a word each
};
inline constexpr int kLabelKindCount = static_cast<int>(LabelKind::Legend) + 1;  // the last kind
inline constexpr int kLegendItems = 5;
inline constexpr int kMaxLabelsPerKind = kLegendItems;
int LabelCount(LabelKind kind);  // how many of a kind there can be: one per AZ, per legend item, or 1
const char* Name(NodeKind kind);  // "lb-node", for messages
const char* Name(LabelKind kind);

struct NodeId {
  NodeKind kind = NodeKind::Shoppers;
  int index = 0;  // AZ for LB nodes, node index for cache and RDS, position in scene order for instances
  friend bool operator==(const NodeId&, const NodeId&) = default;
};

// [SECTION] Scene
// The texts' sizes at the scale they are drawn, measured by the caller (MeasureDiagramTexts).
struct TextSizes {
  float font_px = 16.0f;
  std::array<std::array<Size, kMaxLabelsPerKind>, kLabelKindCount> label{};
  Size Of(LabelKind kind, int index = 0) const {
    return label[static_cast<size_t>(kind)][static_cast<size_t>(index)];
  }
};

inline constexpr int kCacheNodes = 2;

struct DiagramScene {
  Rect canvas;
  TextSizes text;
  std::vector<int> instance_az;                       // AZ index of each instance shown, in model order
  std::array<int, kCacheNodes> cache_az{-1, -1};      // -1: the node does not exist
  std::array<int, sim::kMaxDbNodes> rds_az{};         // -1: no such node
  std::array<bool, sim::kAzCount> az_down{};
  std::array<bool, sim::kAzCount> az_deployed{true, true, true};
  bool attacker = false;                              // an attack in the last few seconds
  DiagramScene() { rds_az.fill(-1); }
};

// [SECTION] DiagramLayout
struct Label {
  LabelKind kind = LabelKind::Internet;
  int index = 0;
  Rect rect;  // the text's own box (a legend item: its dot and word)
  std::optional<NodeId> owner;  // the node it is drawn in, if any
};

struct DiagramLayout {
  Rect canvas;
  Rect internet, vpc;  // bands: nodes sit inside them
  Rect shoppers, route53;
  std::optional<Rect> attacker;
  std::array<Rect, sim::kAzCount> column{};
  std::array<Rect, sim::kAzCount> lb{};
  std::vector<Rect> instances;  // in DiagramScene::instance_az order
  std::array<std::optional<Rect>, kCacheNodes> cache{};
  Rect dynamo;
  std::array<std::optional<Rect>, sim::kMaxDbNodes> rds{};
  float bus_data_y = 0;           // between instances and the cache row
  float bus_db_y = 0;             // between the cache row and the RDS row
  std::array<float, 2> risers{};  // x of the verticals joining the two buses (column gaps)
  float text_scale = 1.0f;        // node text scale for small canvases
  std::vector<Label> labels;      // shown labels only
};

struct NodeRect {
  NodeId id;
  Rect rect;
};

DiagramLayout LayoutDiagram(const DiagramScene& scene);
// Every node the layout placed, in a flat list (the tests walk it; NodeKind order).
std::vector<NodeRect> Nodes(const DiagramLayout& layout);

}  // namespace ui
