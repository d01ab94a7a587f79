#include "ui/app.h"

#include "imgui.h"

namespace ui {

App::App(AppOptions options) : options_(std::move(options)) {}
App::~App() = default;

void App::Frame() {
  const ImGuiViewport* vp = ImGui::GetMainViewport();
  ImGui::SetNextWindowPos(ImVec2(vp->WorkPos.x + 40, vp->WorkPos.y + 40), ImGuiCond_FirstUseEver);
  ImGui::SetNextWindowSize(ImVec2(520, 220), ImGuiCond_FirstUseEver);
  ImGui::Begin("Stateful Web Lab");
  ImGui::TextUnformatted("MyClothes.com: 상태를 가진 웹 앱을 배워 봅시다");
  ImGui::TextUnformatted("MyClothes.com: learn how a stateful web app keeps its state");
  ImGui::Separator();
  ImGui::Text("%.1f fps", static_cast<double>(ImGui::GetIO().Framerate));
  ImGui::End();
}

}  // namespace ui
