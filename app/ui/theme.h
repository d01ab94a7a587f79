// The look of the app: a dark ImGui style and one colour language shared by every view
// (green ok, amber stale or warning, red lost cart or error, violet denied by a security group,
// grey terminated or failed). Colours are ImU32 so ImDrawList calls take them directly.
#pragma once

#include "imgui.h"
#include "statelab/model.h"
#include "statelab/types.h"

namespace ui {

namespace col {
inline constexpr ImU32 Rgb(int r, int g, int b, int a = 255) {
  return static_cast<ImU32>(r) | (static_cast<ImU32>(g) << 8) | (static_cast<ImU32>(b) << 16) |
         (static_cast<ImU32>(a) << 24);
}
inline constexpr ImU32 kBackground = Rgb(20, 23, 28);
inline constexpr ImU32 kPanel = Rgb(27, 31, 38);
inline constexpr ImU32 kPanelRaised = Rgb(36, 41, 50);
inline constexpr ImU32 kBorder = Rgb(52, 59, 71);
inline constexpr ImU32 kText = Rgb(230, 232, 235);
inline constexpr ImU32 kTextDim = Rgb(150, 160, 172);
inline constexpr ImU32 kTextFaint = Rgb(105, 114, 126);
inline constexpr ImU32 kAccent = Rgb(76, 154, 255);
inline constexpr ImU32 kOk = Rgb(63, 185, 80);
inline constexpr ImU32 kWarn = Rgb(227, 170, 46);
inline constexpr ImU32 kError = Rgb(248, 81, 73);
// The two sides of a comparison, in every chart and label (not a state colour: neither means ok).
inline constexpr ImU32 kSideA = Rgb(240, 128, 200);
inline constexpr ImU32 kSideB = Rgb(90, 200, 235);
inline constexpr ImU32 kDenied = Rgb(163, 113, 247);
inline constexpr ImU32 kGrey = Rgb(110, 118, 129);
inline constexpr ImU32 kPending = Rgb(88, 166, 255);
inline constexpr ImU32 kAzBand = Rgb(31, 36, 45);
inline constexpr ImU32 kAzBandDown = Rgb(40, 40, 44);
inline constexpr ImU32 kEdge = Rgb(66, 75, 90);
// The keyboard focus ring (keyboard.cpp): light, on a dark halo, so it shows on any background.
inline constexpr ImU32 kFocus = Rgb(250, 250, 255);
inline constexpr ImU32 kFocusHalo = Rgb(10, 12, 16, 230);
}  // namespace col

ImVec4 ToVec4(ImU32 c);
ImU32 WithAlpha(ImU32 c, float alpha);
ImU32 Mix(ImU32 a, ImU32 b, float t);

void ApplyTheme();

// The colour of a request's outcome: ok, stale (amber), lost cart (red), denied (violet),
// other errors (red-orange).
ImU32 OutcomeColor(sim::Outcome outcome);
// CPU load, basis points: green below 60 %, amber to 85 %, red above.
ImU32 CpuColor(uint32_t cpu_bp);
ImU32 InstanceColor(sim::InstanceState state);

}  // namespace ui
