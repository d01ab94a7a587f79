// The embedded tutorial's geometry and input policy (embed_layout.h).
#include "ui/embed_layout.h"

#include <algorithm>

namespace ui {

namespace {
bool Inside(const Rect& r, Point p) { return p.x >= r.min.x && p.x < r.max.x && p.y >= r.min.y && p.y < r.max.y; }
float Area(const Rect& r) { return r.Width() * r.Height(); }
}  // namespace

EmbedLayout LayOutEmbed(Size viewport, float row_h, float row_gap, float pad) {
  EmbedLayout l;
  const float W = std::max(viewport.x, 1.0f), H = std::max(viewport.y, 1.0f);
  l.stacked = W < kEmbedSideBySideMinWidth;
  l.bar_rows = l.stacked ? 2 : 1;
  const float rows = static_cast<float>(l.bar_rows);
  const float bar_h = std::min(H, row_h * rows + row_gap * (rows - 1) + pad * 2);
  l.bar = Rect::At({0, 0}, {W, bar_h});
  const float body_h = H - bar_h;
  if (l.stacked) {
    // The diagram gets a little under half, and its whole canvas while the panel keeps 45 %.
    const float diagram_h = std::max(body_h * 0.45f, std::min(kDiagramMinHeight, body_h * 0.55f));
    l.diagram = Rect::At({0, bar_h}, {W, diagram_h});
    l.panel = Rect::At({0, bar_h + diagram_h}, {W, body_h - diagram_h});
  } else {
    const float panel_w = std::min(std::clamp(W * 0.42f, kEmbedPanelMinWidth, 460.0f), W - kDiagramMinWidth);
    l.diagram = Rect::At({0, bar_h}, {W - panel_w, body_h});
    l.panel = Rect::At({W - panel_w, bar_h}, {panel_w, body_h});
  }
  return l;
}

bool EmbedTakesWheel(const std::vector<ScrollRegion>& regions, Point at, float dy, bool dragging) {
  if (dragging) return true;
  // The innermost window under the pointer that scrolls is the one ImGui turns.
  const ScrollRegion* inner = nullptr;
  for (const ScrollRegion& r : regions) {
    if (Inside(r.rect, at) && (inner == nullptr || Area(r.rect) < Area(inner->rect))) inner = &r;
  }
  if (inner == nullptr || dy == 0.0f) return false;
  return dy > 0 ? inner->can_down : inner->can_up;
}

bool EmbedTakesTouch(const EmbedLayout& layout, const std::vector<ScrollRegion>& regions, Point at, bool dragging) {
  if (dragging || Inside(layout.panel, at)) return true;
  return std::any_of(regions.begin(), regions.end(), [&](const ScrollRegion& r) { return Inside(r.rect, at); });
}

}  // namespace ui
