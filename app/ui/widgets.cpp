#include "ui/widgets.h"

#include <cstdio>
#include <string>

#include "imgui_internal.h"
#include "ui/theme.h"

namespace ui {

void Mark(UiState& ui, std::string name) {
  const ImRect clip = ImGui::GetCurrentWindow()->InnerClipRect;
  ui.widgets.push_back({std::move(name), ImGui::GetItemRectMin(), ImGui::GetItemRectMax(), -1,
                        // Whole rows count as visible; a click needs the item's full height on screen.
                        ImGui::IsItemVisible() && ImGui::GetItemRectMin().y >= clip.Min.y - 1 &&
                            ImGui::GetItemRectMax().y <= clip.Max.y + 1,
                        clip.GetCenter()});
}

void MarkOn(UiState& ui, std::string name, bool on) { MarkValue(ui, std::move(name), on ? 1 : 0); }

void MarkValue(UiState& ui, std::string name, int value) {
  Mark(ui, std::move(name));
  ui.widgets.back().value = value;
}

void DragToScroll() {
  // Touch screens have no wheel: a drag that starts on a panel's empty space scrolls it
  // (ImGui gives such a press to the window's move id, even for windows that cannot move).
  ImGuiContext& g = *ImGui::GetCurrentContext();
  ImGuiWindow* w = ImGui::GetCurrentWindow();
  if (g.ActiveId == 0 || g.ActiveId != w->MoveId || !ImGui::IsMouseDragging(ImGuiMouseButton_Left, 2.0f)) return;
  ImGui::SetScrollY(w->Scroll.y - ImGui::GetIO().MouseDelta.y);
}

std::vector<ScrollRegion> ScrollRegionsDrawn() {
  std::vector<ScrollRegion> out;
  const ImGuiContext& g = *ImGui::GetCurrentContext();
  for (const ImGuiWindow* w : g.Windows) {
    if (!w->Active || w->Hidden || (w->Flags & ImGuiWindowFlags_NoScrollWithMouse) != 0 || w->ScrollMax.y <= 0.0f) continue;
    const ImRect& r = w->OuterRectClipped;
    out.push_back({Rect{{r.Min.x, r.Min.y}, {r.Max.x, r.Max.y}}, w->Scroll.y > 0.5f, w->Scroll.y < w->ScrollMax.y - 0.5f});
  }
  return out;
}

void StatusDot(ImU32 color, float radius) {
  const float h = ImGui::GetTextLineHeight();
  const ImVec2 p = ImGui::GetCursorScreenPos();
  ImGui::Dummy(ImVec2(radius * 2 + 2, h));
  ImGui::GetWindowDrawList()->AddCircleFilled(ImVec2(p.x + radius + 1, p.y + h * 0.5f), radius, color, 16);
  ImGui::SameLine(0, 6);
}

void Badge(const char* text, ImU32 color) {
  const ImVec2 size = ImGui::CalcTextSize(text);
  const ImVec2 pad(6, 1);
  const ImVec2 p = ImGui::GetCursorScreenPos();
  const ImVec2 box(size.x + pad.x * 2, ImGui::GetTextLineHeight() + pad.y * 2);
  ImDrawList* dl = ImGui::GetWindowDrawList();
  dl->AddRectFilled(p, ImVec2(p.x + box.x, p.y + box.y), WithAlpha(color, 0.22f), 4.0f);
  dl->AddText(ImVec2(p.x + pad.x, p.y + pad.y), color, text);
  ImGui::Dummy(box);
}

void TextColored(ImU32 color, const char* text) {
  ImGui::PushStyleColor(ImGuiCol_Text, color);
  ImGui::TextUnformatted(text);
  ImGui::PopStyleColor();
}

void TextDim(const char* text) {
  ImGui::PushStyleColor(ImGuiCol_Text, col::kTextDim);
  ImGui::TextWrapped("%s", text);
  ImGui::PopStyleColor();
}

void SectionTitle(const char* text) {
  ImGui::Spacing();
  ImGui::PushStyleColor(ImGuiCol_Text, col::Rgb(140, 190, 255));
  ImGui::TextUnformatted(text);
  ImGui::PopStyleColor();
  const ImVec2 p = ImGui::GetCursorScreenPos();
  ImGui::GetWindowDrawList()->AddLine(ImVec2(p.x, p.y - 2),
                                      ImVec2(p.x + ImGui::GetContentRegionAvail().x, p.y - 2),
                                      col::kBorder);
  ImGui::Dummy(ImVec2(0, 2));
}

void WrappedTooltipOnHover(const char* text, float width_em) {
  if (!ImGui::IsItemHovered() || text == nullptr || *text == '\0') return;
  ImGui::BeginTooltip();
  ImGui::PushTextWrapPos(ImGui::GetFontSize() * width_em);
  ImGui::TextUnformatted(text);
  ImGui::PopTextWrapPos();
  ImGui::EndTooltip();
}

void HelpMarker(const char* text) {
  ImGui::SameLine();
  ImGui::TextDisabled("(?)");
  WrappedTooltipOnHover(text, 24.0f);
}

int SegmentedChoice(UiState& ui, const char* name, std::initializer_list<const char*> labels,
                    int selected, bool enabled) {
  int clicked = -1;
  int i = 0;
  ImGui::PushID(name);
  if (!enabled) ImGui::BeginDisabled();
  ImGui::PushStyleVar(ImGuiStyleVar_ItemSpacing, ImVec2(2, ImGui::GetStyle().ItemSpacing.y));
  const float right_edge = ImGui::GetWindowPos().x + ImGui::GetWindowContentRegionMax().x;
  for (const char* label : labels) {
    if (i > 0) {
      // Wrap onto the next line when the row is full (long Korean labels in a narrow panel).
      const float w = ImGui::CalcTextSize(label, nullptr, true).x + ImGui::GetStyle().FramePadding.x * 2;
      if (ImGui::GetItemRectMax().x + 2 + w <= right_edge) ImGui::SameLine();
    }
    const bool on = i == selected;
    if (on) {
      ImGui::PushStyleColor(ImGuiCol_Button, ToVec4(col::Rgb(48, 96, 160)));
      ImGui::PushStyleColor(ImGuiCol_ButtonHovered, ToVec4(col::Rgb(58, 110, 180)));
    }
    ImGui::PushID(i);
    if (ImGui::Button(label) && !on) clicked = i;
    ImGui::PopID();
    MarkOn(ui, std::string(name) + ":" + std::to_string(i), on);
    if (on) ImGui::PopStyleColor(2);
    ++i;
  }
  ImGui::PopStyleVar();
  if (!enabled) ImGui::EndDisabled();
  ImGui::PopID();
  return clicked;
}

void BytesBar(uint32_t value, uint32_t limit, float width) {
  const float h = 14.0f;
  const ImVec2 p = ImGui::GetCursorScreenPos();
  ImDrawList* dl = ImGui::GetWindowDrawList();
  // The bar spans 0..limit*1.25 so an over-limit value is visibly past the line.
  const float span = static_cast<float>(limit) * 1.25f;
  const float frac = static_cast<float>(value) / span;
  const float limit_x = p.x + width * (static_cast<float>(limit) / span);
  const ImU32 color = value > limit ? col::kError : value * 4 > limit * 3 ? col::kWarn : col::kOk;
  dl->AddRectFilled(p, ImVec2(p.x + width, p.y + h), col::Rgb(40, 46, 56), 3.0f);
  dl->AddRectFilled(p, ImVec2(p.x + width * (frac > 1 ? 1 : frac), p.y + h), color, 3.0f);
  dl->AddLine(ImVec2(limit_x, p.y - 3), ImVec2(limit_x, p.y + h + 3), col::kText, 2.0f);
  ImGui::Dummy(ImVec2(width, h + 2));
}

bool PrimaryButton(const char* label, const ImVec2& size) {
  ImGui::PushStyleColor(ImGuiCol_Button, ToVec4(col::Rgb(38, 110, 210)));
  ImGui::PushStyleColor(ImGuiCol_ButtonHovered, ToVec4(col::Rgb(56, 128, 230)));
  ImGui::PushStyleColor(ImGuiCol_ButtonActive, ToVec4(col::Rgb(30, 96, 190)));
  const bool pressed = ImGui::Button(label, size);
  ImGui::PopStyleColor(3);
  return pressed;
}

void Field(const char* label, const char* value) { FieldColored(label, value, col::kText); }

void FieldColored(const char* label, const char* value, ImU32 color) {
  ImGui::PushStyleColor(ImGuiCol_Text, col::kTextDim);
  ImGui::TextUnformatted(label);
  ImGui::PopStyleColor();
  ImGui::SameLine(ImGui::GetFontSize() * 10.0f);
  TextColored(color, value);
}

}  // namespace ui
