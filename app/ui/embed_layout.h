// The embedded tutorial's geometry and input policy as data (web/embed.html): where the compact
// bar, the diagram and the lesson panel go in an iframe of any size, and whether a wheel turn or a
// finger that lands on the embed is the lesson's or the host page's. Pure: no ImGui, so a test
// checks it without a frame (tests/ui/embed_layout_test.cpp); App::Draw lays out from it and the
// page asks the app through statelab_takes_wheel / statelab_takes_touch (app/main.cpp).
#pragma once

#include <vector>

#include "ui/diagram_layout.h"

namespace ui {

// [SECTION] Layout
// Side by side when the iframe is wide enough (about 800x520); else stacked, the diagram over the
// panel (a phone, about 360x640). The diagram gets its whole canvas (kDiagramMinWidth x
// kDiagramMinHeight) wherever the frame has room for it and a panel beside or under it.
struct EmbedLayout {
  bool stacked = false;
  int bar_rows = 1;  // the run controls, then (stacked) the language and the link on a second row
  Rect bar, diagram, panel;
};
inline constexpr float kEmbedPanelMinWidth = 300.0f;
inline constexpr float kEmbedSideBySideMinWidth = kEmbedPanelMinWidth + kDiagramMinWidth;
// row_h: one row of buttons (ImGui's frame height); row_gap: between the bar's rows; pad: the
// bar's padding above and below.
EmbedLayout LayOutEmbed(Size viewport, float row_h, float row_gap, float pad);

// [SECTION] Input: the wheel and fingers
// A window on screen that scrolls, as the last frame drew it: whether it can scroll further up
// (toward its top) or down.
struct ScrollRegion {
  Rect rect;
  bool can_up = false, can_down = false;
};
// The wheel is the lesson's only over something it scrolls further in that direction (dy > 0:
// down), or while it drags; anywhere else the host page scrolls, as over an image.
bool EmbedTakesWheel(const std::vector<ScrollRegion>& regions, Point at, float dy, bool dragging);
// A finger is the lesson's on the lesson panel (its text scrolls, its knobs drag), over anything
// that scrolls, or while it drags; elsewhere (the diagram, the bar) the browser has it: a swipe
// scrolls the host page and a tap arrives as a click.
bool EmbedTakesTouch(const EmbedLayout& layout, const std::vector<ScrollRegion>& regions, Point at, bool dragging);

}  // namespace ui
