// The keyboard, on the ImGui side: this frame's presses for the shortcut table (shortcuts.h),
// F6 from panel to panel, and the focus ring. Reading keys is kept to ReadKeyPresses. Tab to every
// widget and Enter on the focused one are ImGui's own (1.90: ImGuiConfigFlags_NavEnableKeyboard).
#pragma once

#include <vector>

#include "imgui.h"
#include "ui/shortcuts.h"

namespace ui {

// The ImGui key of a shortcut key.
ImGuiKey ImGuiKeyOf(ShortcutKey key);

// The shortcut keys pressed this frame, in the table's key order, as keys (ImGui::IsKeyPressed,
// no repeat) with Shift and Ctrl from io.KeyMods; a typed '?' is Shift+Slash whatever key typed it
// (other layouts), in place of that keystroke's own key. Nothing while a text field takes typing
// (io.WantTextInput) or a widget is held (a slider being dragged), nothing with Alt or Super held
// (the system's); no Space while a widget has keyboard focus (Space is that widget's).
std::vector<KeyPress> ReadKeyPresses();

// Moves keyboard focus to the next (+1) or previous (-1) panel that has something to focus, in
// reading order (top to bottom, then left to right; a panel's inner lists after it). Call at the
// start of a frame, before any window is drawn.
void FocusNextPanel(int direction);

// Shows the ring on the focused widget now (a key opened something), as arrow keys would.
void ShowFocusRing();

// A ring around the widget that has keyboard focus, for every kind of widget (the diagram's nodes
// and the step dots too); nothing while the mouse is in use. Call after every window is drawn.
void DrawFocusRing();

// The focused widget's rect while the keyboard is in use; false when none has the focus.
bool FocusedRect(ImVec2* min, ImVec2* max);

}  // namespace ui
