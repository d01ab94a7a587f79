// The diagram's layout as data (app/ui/diagram_layout.h), checked without drawing: at the canvas
// the app gives the diagram in a desktop (1440x900), a medium (1024x700) and a phone (390x844)
// window, in both languages, for real stacks of 3, 12 and 30 instances with every cache and RDS
// node the app allows (and with the attacker's box, after an AZ is lost, with an AZ not
// deployed): no two nodes overlap, no label overlaps a node it does not belong to or another
// label, instances stay between their LB node and the data bus, and every rect lies inside the
// canvas. Node and label kinds are walked from the layout's own output and enums, so a new kind is
// checked too, or the test says it never saw it.
#include <doctest/doctest.h>

#include <array>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "imgui.h"
#include "statelab/sim.h"
#include "ui/app.h"
#include "ui/diagram_layout.h"
#include "ui/fonts.h"
#include "ui/views.h"

namespace {

using ui::DiagramLayout;
using ui::DiagramScene;
using ui::LabelKind;
using ui::NodeKind;
using ui::Rect;

// An ImGui context with the app's real font, so canvases and label sizes are the app's own.
class FontContext {
 public:
  FontContext() {
    ImGui::CreateContext();
    ImGui::GetIO().IniFilename = nullptr;
    font_ok_ = ui::LoadFonts(STATELAB_DATA_DIR, 1.0f);
    unsigned char* pixels = nullptr;
    int w = 0, h = 0;
    ImGui::GetIO().Fonts->GetTexDataAsRGBA32(&pixels, &w, &h);
  }
  ~FontContext() { ImGui::DestroyContext(); }
  FontContext(const FontContext&) = delete;
  FontContext& operator=(const FontContext&) = delete;
  bool font_ok() const { return font_ok_; }

 private:
  bool font_ok_ = false;
};

// The canvas the app gives the diagram in a window of this size: the real controller lays out
// its windows (null backend), and DrawDiagram records its canvas as the test-hook rect "diagram".
Rect DiagramCanvas(ImVec2 window) {
  ImGui::GetIO().DisplaySize = window;
  ui::App app(ui::AppOptions{STATELAB_DATA_DIR, {}});
  for (int i = 0; i < 3; ++i) {
    ImGui::NewFrame();
    app.Frame();
    ImGui::Render();
  }
  for (const ui::WidgetRect& w : app.ui().widgets) {
    if (w.name == "diagram") return {{w.min.x, w.min.y}, {w.max.x, w.max.y}};
  }
  FAIL("the diagram recorded no canvas at " << window.x << "x" << window.y);
  return {};
}

// Every node the app can show: both cache nodes, the standby and every read replica its stepper
// allows, `instances` in service from the start.
sim::Config Stack(uint32_t instances, bool third_az) {
  sim::Config c;
  c.auto_scaling.min = c.auto_scaling.desired = c.auto_scaling.max = instances;
  c.cache.multi_az = true;
  c.rds.multi_az = true;
  c.rds.read_replicas = sim::kMaxReadReplicas;
  c.azs[2] = third_az;
  return c;
}

// AZ a fails: its instances stay on the diagram while terminated and the group launches their
// replacements in the other deployed AZs, so those hold the most instances they ever do.
DiagramScene AfterAzLoss(DiagramScene s) {
  s.az_down[0] = true;
  std::vector<int> others;
  for (int az = 1; az < sim::kAzCount; ++az) {
    if (s.az_deployed[static_cast<size_t>(az)]) others.push_back(az);
  }
  const std::vector<int> before = s.instance_az;
  size_t next = 0;
  for (int az : before) {
    if (az == 0) s.instance_az.push_back(others[next++ % others.size()]);
  }
  return s;
}

std::string Describe(ui::NodeId id, const Rect& r) {
  return std::string(ui::Name(id.kind)) + " #" + std::to_string(id.index) + " [" + std::to_string(r.min.x) + ", " +
         std::to_string(r.min.y) + " - " + std::to_string(r.max.x) + ", " + std::to_string(r.max.y) + "]";
}
std::string Describe(const ui::Label& l) {
  return std::string(ui::Name(l.kind)) + " label #" + std::to_string(l.index) + " [" + std::to_string(l.rect.min.x) +
         ", " + std::to_string(l.rect.min.y) + " - " + std::to_string(l.rect.max.x) + ", " +
         std::to_string(l.rect.max.y) + "]";
}

struct Seen {
  std::set<NodeKind> nodes;
  std::set<LabelKind> labels;
};

void CheckNodes(const DiagramLayout& g, const std::vector<ui::NodeRect>& nodes) {
  for (size_t i = 0; i < nodes.size(); ++i) {
    CHECK_MESSAGE(g.canvas.Contains(nodes[i].rect), Describe(nodes[i].id, nodes[i].rect) << " leaves the canvas");
    for (size_t j = i + 1; j < nodes.size(); ++j) {
      CHECK_MESSAGE(!nodes[i].rect.Overlaps(nodes[j].rect),
                    Describe(nodes[i].id, nodes[i].rect) << " overlaps " << Describe(nodes[j].id, nodes[j].rect));
    }
  }
}

void CheckLabels(const DiagramLayout& g, const std::vector<ui::NodeRect>& nodes) {
  for (size_t i = 0; i < g.labels.size(); ++i) {
    const ui::Label& label = g.labels[i];
    CHECK_MESSAGE(g.canvas.Contains(label.rect), Describe(label) << " leaves the canvas");
    for (const ui::NodeRect& n : nodes) {
      if (label.owner == n.id) continue;
      CHECK_MESSAGE(!label.rect.Overlaps(n.rect), Describe(label) << " overlaps " << Describe(n.id, n.rect));
    }
    for (size_t j = i + 1; j < g.labels.size(); ++j) {
      CHECK_MESSAGE(!label.rect.Overlaps(g.labels[j].rect), Describe(label) << " overlaps " << Describe(g.labels[j]));
    }
  }
}

// Instances sit in their AZ's column, below its LB node and above the data bus, and stay at least
// a sliver that shows its status dot however many share the column.
void CheckInstanceRows(const DiagramScene& scene, const DiagramLayout& g) {
  REQUIRE(g.instances.size() == scene.instance_az.size());
  for (size_t i = 0; i < g.instances.size(); ++i) {
    const Rect& r = g.instances[i];
    const auto az = static_cast<size_t>(scene.instance_az[i]);
    const std::string what = Describe({NodeKind::Instance, static_cast<int>(i)}, r);
    CHECK_MESSAGE(g.column[az].Contains(r), what << " leaves AZ column " << az);
    CHECK_MESSAGE(r.min.y >= g.lb[az].max.y, what << " reaches above its LB node");
    CHECK_MESSAGE(r.max.y <= g.bus_data_y, what << " reaches the data bus");
    CHECK_MESSAGE(r.Height() >= 4.0f, what << " is thinner than a sliver");
    CHECK_MESSAGE(r.Width() >= 8.0f, what << " is narrower than its status dot");
  }
}

void CheckScene(const DiagramScene& scene, Seen& seen) {
  const DiagramLayout g = ui::LayoutDiagram(scene);
  const std::vector<ui::NodeRect> nodes = ui::Nodes(g);
  CheckNodes(g, nodes);
  CheckLabels(g, nodes);
  CheckInstanceRows(scene, g);
  for (const ui::NodeRect& n : nodes) seen.nodes.insert(n.id.kind);
  for (const ui::Label& l : g.labels) seen.labels.insert(l.kind);
}

}  // namespace

TEST_CASE("diagram layout: at every window size, no node overlaps another, no label a node, all inside the canvas") {
  FontContext context;
  REQUIRE(context.font_ok());
  std::vector<sim::Sim> stacks;
  for (const uint32_t instances : {3u, 12u, 30u}) {
    for (const bool third_az : {true, false}) stacks.emplace_back(Stack(instances, third_az));
  }
  Seen seen;
  for (const ImVec2 window : {ImVec2(1440, 900), ImVec2(1024, 700), ImVec2(390, 844)}) {
    const Rect canvas = DiagramCanvas(window);
    CAPTURE(window.x);
    CAPTURE(window.y);
    ImGui::NewFrame();  // the label texts are measured in the frame's font
    for (const sim::Lang lang : {sim::Lang::Ko, sim::Lang::En}) {
      CAPTURE(lang);
      for (const sim::Sim& stack : stacks) {
        const DiagramScene scene = ui::DiagramSceneOf(stack, canvas, lang);
        CAPTURE(scene.instance_az.size());
        CAPTURE(scene.az_deployed[2]);
        REQUIRE(scene.instance_az.size() == stack.config().auto_scaling.desired);
        DiagramScene attacked = scene;
        attacked.attacker = true;
        const std::pair<std::string, DiagramScene> variants[] = {
            {"as the stack is", scene}, {"with the attacker's box", attacked}, {"after AZ a is lost", AfterAzLoss(scene)}};
        for (const auto& [variant, v] : variants) {
          CAPTURE(variant);
          CheckScene(v, seen);
        }
      }
    }
    ImGui::EndFrame();
  }
  for (int k = 0; k < ui::kNodeKindCount; ++k) {
    CHECK_MESSAGE(seen.nodes.count(static_cast<NodeKind>(k)) == 1, "no scene had a " << std::string(ui::Name(static_cast<NodeKind>(k))));
  }
  for (int k = 0; k < ui::kLabelKindCount; ++k) {
    CHECK_MESSAGE(seen.labels.count(static_cast<LabelKind>(k)) == 1,
                  "no scene had a " << std::string(ui::Name(static_cast<LabelKind>(k))) << " label");
  }
}

TEST_CASE("diagram layout: a legend wider than the canvas wraps onto rows above its last, inside the canvas") {
  DiagramScene scene;
  scene.canvas = {{0, 0}, {320, 300}};
  for (int i = 0; i < ui::kLegendItems; ++i) {
    scene.text.label[static_cast<size_t>(LabelKind::Legend)][static_cast<size_t>(i)] = {100, 13};
  }
  const DiagramLayout g = ui::LayoutDiagram(scene);
  std::vector<Rect> legend;
  for (const ui::Label& l : g.labels) {
    if (l.kind == LabelKind::Legend) legend.push_back(l.rect);
  }
  REQUIRE(legend.size() == ui::kLegendItems);
  // 112 px an item, 16 apart, from x 14 to at most 306: two a row, the last row where one row sits.
  CHECK(legend[0].min.y == legend[1].min.y);
  CHECK(legend[2].min.y > legend[1].min.y);
  CHECK(legend[4].min.y == doctest::Approx(300 - 16 - 4));
  CHECK(legend[4].min.x == doctest::Approx(14));
  for (const Rect& r : legend) CHECK(g.canvas.Contains(r));
  CHECK(g.vpc.max.y <= legend[0].min.y - 4);
}
