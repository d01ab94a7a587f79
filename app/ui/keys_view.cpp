// The "?" overlay: every keyboard shortcut from the table (shortcuts.h), each as its keycaps and
// what it does in the learner's language, then the keys ImGui's navigation owns. Opened with "?"
// or the top bar's "?" button; Esc, "?" or Close shut it.
#include <algorithm>
#include <string>

#include "imgui.h"
#include "ui/shortcuts.h"
#include "ui/strings.h"
#include "ui/theme.h"
#include "ui/views.h"
#include "ui/widgets.h"

namespace ui {

namespace {

// A keycap: the key's name on a raised, outlined chip.
void Keycap(const char* label) {
  const ImVec2 size = ImGui::CalcTextSize(label);
  const ImVec2 pad(6, 2);
  const ImVec2 p = ImGui::GetCursorScreenPos();
  const ImVec2 box(std::max(size.x + pad.x * 2, ImGui::GetTextLineHeight() + pad.y * 2), size.y + pad.y * 2);
  ImDrawList* dl = ImGui::GetWindowDrawList();
  dl->AddRectFilled(p, ImVec2(p.x + box.x, p.y + box.y), col::kPanelRaised, 4.0f);
  dl->AddRect(p, ImVec2(p.x + box.x, p.y + box.y), col::kBorder, 4.0f);
  dl->AddLine(ImVec2(p.x + 2, p.y + box.y), ImVec2(p.x + box.x - 2, p.y + box.y), col::kTextFaint);
  dl->AddText(ImVec2(p.x + (box.x - size.x) * 0.5f, p.y + pad.y), col::kText, label);
  ImGui::Dummy(box);
}

void Row(const std::vector<std::string>& keys, const char* description) {
  ImGui::TableNextRow();
  ImGui::TableNextColumn();
  for (size_t i = 0; i < keys.size(); ++i) {
    if (i > 0) {
      ImGui::SameLine(0, 4);
      ImGui::TextDisabled("/");
      ImGui::SameLine(0, 4);
    }
    Keycap(keys[i].c_str());
  }
  ImGui::TableNextColumn();
  ImGui::TextWrapped("%s", description);
}

}  // namespace

void DrawKeys(UiState& ui) {
  const sim::Lang l = ui.lang;
  const float key_w = ImGui::CalcTextSize("Shift+F6").x + ImGui::CalcTextSize("Space").x + 40;
  const ImGuiTableFlags flags = ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerH | ImGuiTableFlags_PadOuterX;
  if (ImGui::BeginTable("##shortcuts", 2, flags)) {
    ImGui::TableSetupColumn("##key", ImGuiTableColumnFlags_WidthFixed, key_w);
    ImGui::TableSetupColumn("##what", ImGuiTableColumnFlags_WidthStretch);
    // Rows that do the same with the same words share a line ("+ / =").
    const auto rows = Shortcuts();
    for (size_t i = 0; i < rows.size();) {
      std::vector<std::string> keys{KeyLabel(rows[i])};
      size_t j = i + 1;
      while (j < rows.size() && rows[j].action == rows[i].action && rows[j].description == rows[i].description) {
        keys.push_back(KeyLabel(rows[j++]));
      }
      Row(keys, Tr(rows[i].description, l));
      i = j;
    }
    ImGui::EndTable();
  }
  Mark(ui, "keys-table");
  SectionTitle(Tr(S::KeysMoveTitle, l));
  if (ImGui::BeginTable("##navigation", 2, flags)) {
    ImGui::TableSetupColumn("##key", ImGuiTableColumnFlags_WidthFixed, key_w);
    ImGui::TableSetupColumn("##what", ImGuiTableColumnFlags_WidthStretch);
    for (const NavigationKey& n : NavigationKeys()) Row({n.label}, Tr(n.description, l));
    ImGui::EndTable();
  }
  ImGui::Spacing();
  TextDim(Tr(S::KeysNote, l));
  ImGui::Spacing();
  if (PrimaryButton(Tr(S::KeysClose, l))) ui.keys_open = false;
  Mark(ui, "keys-close");
}

}  // namespace ui
