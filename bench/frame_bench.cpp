// Frame cost: CPU milliseconds per frame for the app's simulation step plus every view, with
// ImGui's null backend (no window, no GPU). The sandbox lesson runs at 1x with a given crowd;
// each frame advances 1/60 s of simulated time, as the browser does at 60 fps.
// Usage: statelab-bench-frame SHOPPERS [FRAMES]   Prints one JSON object.
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <optional>
#include <string>

#include "imgui.h"
#include "statelab/commands.h"
#include "ui/app.h"
#include "ui/fonts.h"

int main(int argc, char** argv) {
  const unsigned long shoppers = argc > 1 ? std::strtoul(argv[1], nullptr, 10) : 1000;
  const int frames = argc > 2 ? std::atoi(argv[2]) : 600;
  if (shoppers == 0 || frames <= 0) {
    std::fprintf(stderr, "usage: %s SHOPPERS [FRAMES]\n", argv[0]);
    return 2;
  }

  ImGui::CreateContext();
  ImGuiIO& io = ImGui::GetIO();
  io.IniFilename = nullptr;
  io.DisplaySize = ImVec2(1440, 900);
  ui::LoadFonts(STATELAB_DATA_DIR, 1.0f);
  unsigned char* pixels = nullptr;
  int w = 0, h = 0;
  io.Fonts->GetTexDataAsRGBA32(&pixels, &w, &h);

  ui::AppOptions options;
  options.data_dir = STATELAB_DATA_DIR;
  options.services.load_progress = [] { return std::optional<std::string>(); };
  options.services.save_progress = [](const std::string&, std::string*) { return true; };
  options.services.backup_corrupt_progress = [](const std::string&) { return std::string(); };
  options.services.url_hash = [] { return std::string("lesson=sandbox"); };
  options.services.set_url_hash = [](const std::string&) {};
  options.services.preferred_language = [] { return std::string("en"); };
  options.services.announce = [](const std::string&) {};
  options.services.show_notice = [](const std::string&) { return true; };
  options.services.set_document_language = [](const std::string&) {};
  ui::App app(options);
  app.Dispatch(ui::ModelCommand{sim::SetShopperCount{static_cast<uint32_t>(shoppers)}});
  app.Dispatch(ui::SetPlaying{true});

  auto frame = [&] {
    io.DeltaTime = 1.0f / 60.0f;
    ImGui::NewFrame();
    app.Frame();
    ImGui::Render();
  };
  // Warm up: let the crowd arrive and the charts fill before measuring.
  for (int i = 0; i < 600; ++i) frame();
  const auto t0 = std::chrono::steady_clock::now();
  for (int i = 0; i < frames; ++i) frame();
  const auto t1 = std::chrono::steady_clock::now();
  const double ms = std::chrono::duration<double, std::milli>(t1 - t0).count() / frames;
  std::printf("{\"shoppers\": %lu, \"frames\": %d, \"frame_ms\": %.4f}\n", shoppers, frames, ms);
  ImGui::DestroyContext();
  return 0;
}
