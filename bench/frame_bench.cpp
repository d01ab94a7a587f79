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
#include "statelab/comparison.h"
#include "ui/app.h"
#include "ui/fonts.h"

int main(int argc, char** argv) {
  const unsigned long shoppers = argc > 1 ? std::strtoul(argv[1], nullptr, 10) : 1000;
  const int frames = argc > 2 ? std::atoi(argv[2]) : 600;
  // "compare": the sandbox's Compare, so two runs advance together and both are drawn.
  const bool compare = argc > 3 && std::string(argv[3]) == "compare";
  if (shoppers == 0 || frames <= 0 || (argc > 3 && !compare)) {
    std::fprintf(stderr, "usage: %s SHOPPERS [FRAMES] [compare]\n", argv[0]);
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
  // The address as a page keeps it: what the app last wrote (a fixed answer would read as a link
  // pasted every frame, and reopen the sandbox).
  std::string hash = "lesson=sandbox";
  options.services.url_hash = [&hash] { return hash; };
  options.services.set_url_hash = [&hash](const std::string& h) { hash = h; };
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
  // Warm up: let the crowd arrive and the charts fill before measuring. The comparison starts
  // once the sandbox is open (after the first frame).
  for (int i = 0; i < 600; ++i) {
    frame();
    if (compare && i == 0) app.Dispatch(ui::StartCompare{});
  }
  const auto t0 = std::chrono::steady_clock::now();
  for (int i = 0; i < frames; ++i) frame();
  const auto t1 = std::chrono::steady_clock::now();
  const double ms = std::chrono::duration<double, std::milli>(t1 - t0).count() / frames;
  if (compare && (app.run() == nullptr || app.run()->comparison() == nullptr)) {
    std::fprintf(stderr, "statelab-bench-frame: the comparison did not last through the timed frames\n");
    return 1;
  }
  std::printf("{\"shoppers\": %lu, \"frames\": %d, \"runs\": %d, \"frame_ms\": %.4f}\n", shoppers, frames,
              compare ? 2 : 1, ms);
  ImGui::DestroyContext();
  return 0;
}
