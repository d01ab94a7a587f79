#include "ui/keyboard.h"

#include <algorithm>
#include <tuple>

#include "imgui_internal.h"
#include "ui/theme.h"

namespace ui {

namespace {
// imgui_impl_sdl (1.86) writes io.KeysDown[] by SDL scancode and maps no function keys of its own:
// SDL_SCANCODE_F6 is 63 (a stable SDL value; app/ui includes no SDL header).
constexpr int kKeyF6 = 63;
}  // namespace

std::vector<KeyPress> ReadKeyPresses() {
  const ImGuiIO& io = ImGui::GetIO();
  std::vector<KeyPress> out;
  if (io.WantTextInput || ImGui::IsAnyItemActive()) return out;
  for (const ImWchar c : io.InputQueueCharacters) out.push_back({ShortcutKey::Typed, c, io.KeyShift, io.KeyCtrl});
  auto named = [&](ShortcutKey key, int index) {
    if (index >= 0 && ImGui::IsKeyPressed(index, false)) out.push_back({key, 0, io.KeyShift, io.KeyCtrl});
  };
  if (!ImGui::IsAnyItemFocused()) named(ShortcutKey::Space, ImGui::GetKeyIndex(ImGuiKey_Space));
  named(ShortcutKey::Home, ImGui::GetKeyIndex(ImGuiKey_Home));
  named(ShortcutKey::End, ImGui::GetKeyIndex(ImGuiKey_End));
  named(ShortcutKey::Escape, ImGui::GetKeyIndex(ImGuiKey_Escape));
  named(ShortcutKey::F6, kKeyF6);
  named(ShortcutKey::V, ImGui::GetKeyIndex(ImGuiKey_V));
  return out;
}

void EnterPressesFocusedWidget(ImGuiIO& io) {
  auto down = [&](ImGuiKey key) {
    const int index = io.KeyMap[key];
    return index >= 0 && index < IM_ARRAYSIZE(io.KeysDown) && io.KeysDown[index];
  };
  if (down(ImGuiKey_Enter) || down(ImGuiKey_KeyPadEnter)) io.NavInputs[ImGuiNavInput_Activate] = 1.0f;
}

void TabReachesEveryWidget() {
  ImGuiContext& g = *ImGui::GetCurrentContext();
  if ((g.NavMoveFlags & ImGuiNavMoveFlags_Tabbing) == 0 || !g.NavMoveScoringItems) return;
  g.NavMoveFlags |= ImGuiNavMoveFlags_FocusApi;  // every item is a tab stop, not only text fields
  // From the focused widget onwards, not back to the panel's first (1.86 goes on only from a field
  // being edited).
  if (g.NavTabbingDir == 0 && g.NavId != 0 && !g.NavDisableHighlight) g.NavTabbingDir = +1;
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
