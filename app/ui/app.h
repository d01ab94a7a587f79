// The tutorial application: owns the simulation and the UI state, draws every view
// once per frame. Platform code (main.cpp) only feeds it frames.
#pragma once

#include <memory>
#include <string>

namespace ui {

struct AppOptions {
  std::string data_dir;  // holds lessons/ and fonts/
};

class App {
 public:
  explicit App(AppOptions options);
  ~App();
  App(const App&) = delete;
  App& operator=(const App&) = delete;

  // Emits this frame's ImGui windows; call between ImGui::NewFrame and ImGui::Render.
  void Frame();
  bool WantsQuit() const { return false; }

 private:
  AppOptions options_;
};

}  // namespace ui
