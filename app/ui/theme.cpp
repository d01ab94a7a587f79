#include "ui/theme.h"

namespace ui {

ImVec4 ToVec4(ImU32 c) { return ImGui::ColorConvertU32ToFloat4(c); }

ImU32 WithAlpha(ImU32 c, float alpha) {
  const ImU32 a = static_cast<ImU32>(alpha * 255.0f + 0.5f);
  return (c & 0x00FFFFFFu) | ((a > 255 ? 255 : a) << 24);
}

ImU32 Mix(ImU32 a, ImU32 b, float t) {
  const ImVec4 x = ToVec4(a), y = ToVec4(b);
  return ImGui::ColorConvertFloat4ToU32(ImVec4(x.x + (y.x - x.x) * t, x.y + (y.y - x.y) * t,
                                               x.z + (y.z - x.z) * t, x.w + (y.w - x.w) * t));
}

void ApplyTheme() {
  ImGuiStyle& s = ImGui::GetStyle();
  ImGui::StyleColorsDark(&s);
  s.WindowRounding = 0.0f;
  s.ChildRounding = 6.0f;
  s.FrameRounding = 5.0f;
  s.PopupRounding = 6.0f;
  s.GrabRounding = 5.0f;
  s.TabRounding = 5.0f;
  s.ScrollbarRounding = 6.0f;
  s.WindowBorderSize = 0.0f;
  s.ChildBorderSize = 1.0f;
  s.PopupBorderSize = 1.0f;
  s.FrameBorderSize = 0.0f;
  s.WindowPadding = ImVec2(14, 12);
  s.FramePadding = ImVec2(9, 5);
  s.ItemSpacing = ImVec2(8, 7);
  s.ItemInnerSpacing = ImVec2(6, 5);
  s.ScrollbarSize = 12.0f;
  s.GrabMinSize = 12.0f;
  s.TouchExtraPadding = ImVec2(0, 0);
  s.WindowTitleAlign = ImVec2(0.0f, 0.5f);

  ImVec4* c = s.Colors;
  c[ImGuiCol_Text] = ToVec4(col::kText);
  c[ImGuiCol_TextDisabled] = ToVec4(col::kTextFaint);
  c[ImGuiCol_WindowBg] = ToVec4(col::kPanel);
  c[ImGuiCol_ChildBg] = ToVec4(col::Rgb(0, 0, 0, 0));
  c[ImGuiCol_PopupBg] = ToVec4(col::Rgb(33, 38, 46, 250));
  c[ImGuiCol_Border] = ToVec4(col::kBorder);
  c[ImGuiCol_FrameBg] = ToVec4(col::Rgb(40, 46, 56));
  c[ImGuiCol_FrameBgHovered] = ToVec4(col::Rgb(50, 58, 71));
  c[ImGuiCol_FrameBgActive] = ToVec4(col::Rgb(58, 68, 84));
  c[ImGuiCol_TitleBg] = ToVec4(col::kPanel);
  c[ImGuiCol_TitleBgActive] = ToVec4(col::kPanel);
  c[ImGuiCol_MenuBarBg] = ToVec4(col::kPanel);
  c[ImGuiCol_ScrollbarBg] = ToVec4(col::Rgb(0, 0, 0, 0));
  c[ImGuiCol_ScrollbarGrab] = ToVec4(col::Rgb(62, 70, 84));
  c[ImGuiCol_ScrollbarGrabHovered] = ToVec4(col::Rgb(76, 86, 102));
  c[ImGuiCol_ScrollbarGrabActive] = ToVec4(col::Rgb(90, 102, 120));
  c[ImGuiCol_CheckMark] = ToVec4(col::kAccent);
  c[ImGuiCol_SliderGrab] = ToVec4(col::kAccent);
  c[ImGuiCol_SliderGrabActive] = ToVec4(col::Rgb(120, 180, 255));
  c[ImGuiCol_Button] = ToVec4(col::Rgb(44, 52, 64));
  c[ImGuiCol_ButtonHovered] = ToVec4(col::Rgb(56, 68, 86));
  c[ImGuiCol_ButtonActive] = ToVec4(col::Rgb(66, 82, 106));
  c[ImGuiCol_Header] = ToVec4(col::Rgb(44, 58, 80));
  c[ImGuiCol_HeaderHovered] = ToVec4(col::Rgb(52, 70, 98));
  c[ImGuiCol_HeaderActive] = ToVec4(col::Rgb(60, 82, 116));
  c[ImGuiCol_Separator] = ToVec4(col::kBorder);
  c[ImGuiCol_Tab] = ToVec4(col::Rgb(36, 41, 50));
  c[ImGuiCol_TabHovered] = ToVec4(col::Rgb(56, 70, 92));
  c[ImGuiCol_TabActive] = ToVec4(col::Rgb(48, 64, 90));
  c[ImGuiCol_TabUnfocused] = c[ImGuiCol_Tab];
  c[ImGuiCol_TabUnfocusedActive] = c[ImGuiCol_TabActive];
  c[ImGuiCol_PlotLines] = ToVec4(col::kAccent);
  c[ImGuiCol_PlotHistogram] = ToVec4(col::kAccent);
  c[ImGuiCol_TableHeaderBg] = ToVec4(col::Rgb(36, 41, 50));
  c[ImGuiCol_TableBorderStrong] = ToVec4(col::kBorder);
  c[ImGuiCol_TableBorderLight] = ToVec4(col::Rgb(44, 50, 60));
  c[ImGuiCol_TableRowBgAlt] = ToVec4(col::Rgb(255, 255, 255, 8));
  // keyboard.cpp draws the focus ring itself, on every kind of widget (ImGui's skips some).
  c[ImGuiCol_NavHighlight] = ToVec4(col::Rgb(0, 0, 0, 0));
}

ImU32 OutcomeColor(sim::Outcome outcome) {
  switch (outcome) {
    case sim::Outcome::Ok: return col::kOk;
    case sim::Outcome::StaleRead: return col::kWarn;
    case sim::Outcome::CartLost: return col::kError;
    case sim::Outcome::TamperAccepted: return col::Rgb(255, 120, 180);
    case sim::Outcome::CookieRejected: return col::kWarn;
    case sim::Outcome::DeniedBySg: return col::kDenied;
    default: return col::Rgb(255, 123, 64);
  }
}

ImU32 CpuColor(uint32_t cpu_bp) {
  if (cpu_bp < 6000) return col::kOk;
  if (cpu_bp < 8500) return col::kWarn;
  return col::kError;
}

ImU32 InstanceColor(sim::InstanceState state) {
  switch (state) {
    case sim::InstanceState::Pending: return col::kPending;
    case sim::InstanceState::InService: return col::kOk;
    case sim::InstanceState::Unhealthy: return col::kError;
    case sim::InstanceState::Terminated: return col::kGrey;
  }
  return col::kGrey;
}

}  // namespace ui
