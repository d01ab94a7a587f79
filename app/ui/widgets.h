// Small drawing helpers shared by the views: coloured badges and dots, a segmented choice,
// a hover help marker, a bytes bar. No state of their own.
#pragma once

#include <initializer_list>
#include <vector>

#include "imgui.h"
#include "ui/ui_state.h"

namespace ui {

// A filled circle at the start of the line, vertically centred on text.
void StatusDot(ImU32 color, float radius = 5.0f);
// Text on a rounded, tinted background.
void Badge(const char* text, ImU32 color);
// Coloured text.
void TextColored(ImU32 color, const char* text);
// Dimmed wrapped text, for explanations.
void TextDim(const char* text);
// A bold-looking section heading with a thin rule under it.
void SectionTitle(const char* text);
// "(?)" that shows `text` on hover.
void HelpMarker(const char* text);
// A wrapped tooltip over the last item while it is hovered (nothing for empty text).
void WrappedTooltipOnHover(const char* text, float width_em = 22.0f);
// A row of buttons, one selected. Returns the clicked index, or -1. Marks each as name:i.
int SegmentedChoice(UiState& ui, const char* name, std::initializer_list<const char*> labels,
                    int selected, bool enabled = true);
// A horizontal bar with value / limit and a limit line, coloured by how close it gets.
void BytesBar(uint32_t value, uint32_t limit, float width);
// A primary (accent-coloured) button.
bool PrimaryButton(const char* label, const ImVec2& size = ImVec2(0, 0));
// Lets a touch drag on a panel's empty space scroll it; call at the end of a scrolling window.
void DragToScroll();
// Every window drawn this frame that scrolls with the wheel and has more to scroll (embed_layout.h).
std::vector<ScrollRegion> ScrollRegionsDrawn();
// Two columns: a dim label and a value.
void Field(const char* label, const char* value);
void FieldColored(const char* label, const char* value, ImU32 color);

}  // namespace ui
