// The keyboard, on the ImGui side: this frame's presses for the shortcut table (shortcuts.h),
// Enter as a press of the focused widget, F6 from panel to panel, and the focus ring. Reading keys
// is kept to ReadKeyPresses; EnterPressesFocusedWidget and TabReachesEveryWidget make ImGui 1.86's
// navigation work as a newer ImGui's does, and go away with it.
#pragma once

#include <vector>

#include "imgui.h"
#include "ui/shortcuts.h"

namespace ui {

// The shortcut keys pressed this frame, in order: typed characters, then named keys. Nothing while
// a text field takes typing (io.WantTextInput) or a widget is held (a slider being dragged); no
// Space while a widget has keyboard focus (Space is that widget's).
std::vector<KeyPress> ReadKeyPresses();

// Enter presses the focused button, box or list as Space does (ImGui 1.86 gives Enter to text
// fields only; 1.89 and later do this themselves). Call before ImGui::NewFrame.
void EnterPressesFocusedWidget(ImGuiIO& io);

// Tab and Shift+Tab go to every widget of the panel in turn, as on a web page (ImGui 1.86 tabs
// to text fields and sliders only, and from a button back to the first; 1.88 and later do this
// themselves). Call after ImGui::NewFrame, before any window is drawn.
void TabReachesEveryWidget();

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
