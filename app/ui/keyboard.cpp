#include "ui/keyboard.h"

#include <algorithm>
#include <tuple>

#include "imgui_internal.h"
#include "ui/theme.h"

namespace ui {

ImGuiKey ImGuiKeyOf(ShortcutKey key) {
  switch (key) {
    case ShortcutKey::P: return ImGuiKey_P;
    case ShortcutKey::S: return ImGuiKey_S;
    case ShortcutKey::N: return ImGuiKey_N;
    case ShortcutKey::H: return ImGuiKey_H;
    case ShortcutKey::D: return ImGuiKey_D;
    case ShortcutKey::Minus: return ImGuiKey_Minus;
    case ShortcutKey::Equal: return ImGuiKey_Equal;
    case ShortcutKey::KeypadSubtract: return ImGuiKey_KeypadSubtract;
    case ShortcutKey::KeypadAdd: return ImGuiKey_KeypadAdd;
    case ShortcutKey::Comma: return ImGuiKey_Comma;
    case ShortcutKey::Period: return ImGuiKey_Period;
    case ShortcutKey::Slash: return ImGuiKey_Slash;
    case ShortcutKey::Space: return ImGuiKey_Space;
    case ShortcutKey::Home: return ImGuiKey_Home;
    case ShortcutKey::End: return ImGuiKey_End;
    case ShortcutKey::Escape: return ImGuiKey_Escape;
    case ShortcutKey::F6: return ImGuiKey_F6;
    case ShortcutKey::V: return ImGuiKey_V;
  }
  return ImGuiKey_None;
}

std::vector<KeyPress> ReadKeyPresses() {
  const ImGuiIO& io = ImGui::GetIO();
  std::vector<KeyPress> out;
  if (io.WantTextInput || ImGui::IsAnyItemActive() || (io.KeyMods & (ImGuiMod_Alt | ImGuiMod_Super)) != 0) return out;
  const bool shift = (io.KeyMods & ImGuiMod_Shift) != 0, ctrl = (io.KeyMods & ImGuiMod_Ctrl) != 0;
  // Each key once, though several rows name it.
  std::vector<ShortcutKey> keys;
  for (const Shortcut& s : Shortcuts()) {
    if (std::find(keys.begin(), keys.end(), s.key) == keys.end()) keys.push_back(s.key);
  }
  for (const ShortcutKey key : keys) {
    if (key == ShortcutKey::Space && ImGui::IsAnyItemFocused()) continue;
    if (ImGui::IsKeyPressed(ImGuiKeyOf(key), false)) out.push_back({key, shift, ctrl});
  }
  // A typed '?' is '?' on any layout, and the keystroke that typed it is nothing else: Shift+/ on
  // a US keyboard, Shift+ß on a German one (which a browser reports as Shift and the '-' key,
  // "Slower"), Shift+, on a French one. Not while / is held from an earlier frame (its repeats).
  const bool question_typed = std::find(io.InputQueueCharacters.begin(), io.InputQueueCharacters.end(),
                                        static_cast<ImWchar>(U'?')) != io.InputQueueCharacters.end();
  const bool slash_pressed = ImGui::IsKeyPressed(ImGuiKey_Slash, false);
  if (question_typed && !ctrl && (slash_pressed || !ImGui::IsKeyDown(ImGuiKey_Slash))) {
    std::erase_if(out, [](const KeyPress& p) { return p.shift || p.key == ShortcutKey::Slash; });
    out.push_back({ShortcutKey::Slash, true, false});
  }
  return out;
}

void FocusNextPanel(int direction) {
  ImGuiContext& g = *ImGui::GetCurrentContext();
  // Windows drawn last frame with something keyboard navigation can reach.
  std::vector<ImGuiWindow*> panels;
  for (ImGuiWindow* w : g.Windows) {
    const bool navigable = ((w->DC.NavLayersActiveMask | w->DC.NavLayersActiveMaskNext) & 1) != 0;
    const ImGuiWindowFlags skip = ImGuiWindowFlags_Tooltip | ImGuiWindowFlags_Popup | ImGuiWindowFlags_NoNavInputs |
                                  ImGuiWindowFlags_NoNavFocus;
    if (w->WasActive && !w->Hidden && navigable && (w->Flags & skip) == 0) panels.push_back(w);
  }
  if (panels.empty()) return;
  // Reading order of the panels; a panel's inner lists right after it.
  auto key = [](const ImGuiWindow* w) {
    return std::make_tuple(w->RootWindow->Pos.y, w->RootWindow->Pos.x, w->Pos.y, w->Pos.x);
  };
  std::stable_sort(panels.begin(), panels.end(), [&](const ImGuiWindow* a, const ImGuiWindow* b) { return key(a) < key(b); });
  const int n = static_cast<int>(panels.size());
  // From where the keyboard focus is; the first F6 (or one after the mouse) starts at the top.
  int at = -1;
  for (ImGuiWindow* w = g.NavDisableHighlight ? nullptr : g.NavWindow; w != nullptr && at < 0; w = w->ParentWindow) {
    at = static_cast<int>(std::find(panels.begin(), panels.end(), w) - panels.begin());
    if (at == n) at = -1;
  }
  const int next = at < 0 ? (direction > 0 ? 0 : n - 1) : (at + direction % n + n) % n;
  ImGuiWindow* target = panels[static_cast<size_t>(next)];
  ImGui::FocusWindow(target);
  if (g.NavId == 0) ImGui::NavInitWindow(target, false);  // the panel's first item; else where it was
  ShowFocusRing();
}

void ShowFocusRing() {
  ImGuiContext& g = *ImGui::GetCurrentContext();
  g.NavDisableHighlight = false;
  g.NavDisableMouseHover = true;
}

bool FocusedRect(ImVec2* min, ImVec2* max) {
  ImGuiContext& g = *ImGui::GetCurrentContext();
  ImGuiWindow* w = g.NavWindow;
  if (w == nullptr || g.NavId == 0 || g.NavDisableHighlight || !g.NavIdIsAlive || !w->Active || w->Hidden) return false;
  const ImRect r = ImGui::WindowRectRelToAbs(w, w->NavRectRel[g.NavLayer]);
  *min = r.Min;
  *max = r.Max;
  return true;
}

void DrawFocusRing() {
  ImGuiContext& g = *ImGui::GetCurrentContext();
  ImVec2 min, max;
  if (!FocusedRect(&min, &max)) return;
  ImGuiWindow* w = g.NavWindow;
  ImRect r(min, max);
  r.ClipWith(w->InnerClipRect);
  if (r.GetWidth() <= 0 || r.GetHeight() <= 0) return;
  r.Expand(3.0f);
  ImDrawList* dl = ImGui::GetForegroundDrawList();
  const ImGuiWindow* root = w->RootWindow;
  dl->PushClipRect(root->Pos, ImVec2(root->Pos.x + root->Size.x, root->Pos.y + root->Size.y), false);
  const float rounding = g.Style.FrameRounding + 2.0f;
  // A dark halo under a light ring: visible on the dark panels and on the blue primary buttons alike.
  dl->AddRect(ImVec2(r.Min.x - 1, r.Min.y - 1), ImVec2(r.Max.x + 1, r.Max.y + 1), col::kFocusHalo, rounding + 1, 0, 4.0f);
  dl->AddRect(r.Min, r.Max, col::kFocus, rounding, 0, 2.0f);
  dl->PopClipRect();
}

}  // namespace ui
