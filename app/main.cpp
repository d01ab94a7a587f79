// Stateful Web Lab app entry point: wires SDL2 + OpenGL (native) or SDL2 + WebGL2 (web)
// to the ImGui views in app/ui. One loop body serves both platforms; on the web it
// becomes the emscripten main-loop callback.
//
//   statelab [--open 'URL-or-#fragment']   (natively: opens a shared link as the page would)
#include <SDL.h>
#include <SDL_opengl.h>

#include <cfloat>
#include <cstdio>
#include <fstream>
#include <cstdlib>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "imgui.h"
#include "imgui_impl_opengl3.h"
#include "imgui_impl_sdl2.h"
#include "platform.h"
#include "ui/app.h"
#include "ui/fonts.h"

#ifdef __EMSCRIPTEN__
#include <emscripten.h>
#include <emscripten/html5.h>
#endif

namespace {

struct Host {
  SDL_Window* window = nullptr;
  SDL_GLContext gl = nullptr;
  std::unique_ptr<ui::App> app;
  float font_scale = 0.0f;  // the pixel ratio the font atlas was built for
  sim::Lang font_lang = sim::Lang::Ko;  // and the language
  bool done = false;
  bool first_frame_reported = false;
  // After a finger lifts, ImGui's mouse leaves the screen (one frame later, so the tap still
  // clicks): otherwise the last touched widget stays hovered, with its tooltip, on a phone.
  bool touch_lifted = false;
  int frames_since_lift = 0;
};

Host g_host;

#ifdef __EMSCRIPTEN__
// Frame timing for `make bench` (bench/frames.mjs): the CPU milliseconds of each main-loop
// callback, whole and in its parts (the app: model step and views; drawing: the WebGL calls),
// read out and cleared through the test hook. A few KB; capped so an unread page never grows.
struct FrameTimes {
  static constexpr size_t kMax = 8192;
  std::vector<float> total_ms, app_ms, draw_ms;
} g_frame_times;
#endif

float PixelRatio(SDL_Window* window) {
  int w = 0, h = 0, dw = 0, dh = 0;
  SDL_GetWindowSize(window, &w, &h);
  SDL_GL_GetDrawableSize(window, &dw, &dh);
#ifdef __EMSCRIPTEN__
  (void)dw;
  (void)dh;
  return static_cast<float>(emscripten_get_device_pixel_ratio());
#else
  return w > 0 ? static_cast<float>(dw) / static_cast<float>(w) : 1.0f;
#endif
}

#ifdef __EMSCRIPTEN__
// The canvas follows the window; SDL needs to be told its new CSS size.
void FollowCanvasSize(SDL_Window* window) {
  double css_w = 0, css_h = 0;
  emscripten_get_element_css_size("#canvas", &css_w, &css_h);
  int w = 0, h = 0;
  SDL_GetWindowSize(window, &w, &h);
  if (static_cast<int>(css_w) != w || static_cast<int>(css_h) != h) {
    SDL_SetWindowSize(window, static_cast<int>(css_w), static_cast<int>(css_h));
  }
}
#endif

void Frame() {
  Host& h = g_host;
#ifdef __EMSCRIPTEN__
  const double frame_started_ms = emscripten_get_now();
  FollowCanvasSize(h.window);
#endif
  // Every event goes to ImGui as it comes: its input queue (1.87+) spreads a key or button that
  // goes down and up between two frames over two frames, so a quick tap is still a press.
  SDL_Event event;
  while (SDL_PollEvent(&event)) {
    ImGui_ImplSDL2_ProcessEvent(&event);
    if (event.type == SDL_FINGERUP) {
      h.touch_lifted = true;
      h.frames_since_lift = 0;
    }
    if (event.type == SDL_FINGERDOWN ||
        (event.type == SDL_MOUSEMOTION && event.motion.which != SDL_TOUCH_MOUSEID)) {
      h.touch_lifted = false;
    }
#ifndef __EMSCRIPTEN__
    // A progress file dropped on the window is imported (the page has a file chooser instead).
    if (event.type == SDL_DROPFILE && event.drop.file != nullptr) {
      std::ifstream in(event.drop.file, std::ios::binary);
      std::string text(4096 + 64, '\0');
      in.read(text.data(), static_cast<std::streamsize>(text.size()));
      text.resize(static_cast<size_t>(std::max<std::streamsize>(0, in.gcount())));
      if (!in.bad() && h.app) h.app->Dispatch(ui::ImportProgress{text});
      if (in.bad() || !in.is_open()) std::fprintf(stderr, "statelab: cannot read %s\n", event.drop.file);
      SDL_free(event.drop.file);
    }
#endif
    if (event.type == SDL_QUIT) h.done = true;
    if (event.type == SDL_WINDOWEVENT && event.window.event == SDL_WINDOWEVENT_CLOSE &&
        event.window.windowID == SDL_GetWindowID(h.window)) {
      h.done = true;
    }
  }

  // Rebuild the font atlas when the pixel ratio changes (window moved to a HiDPI screen,
  // browser zoom), so text stays sharp instead of being scaled, and when the language changes
  // (English needs a third of the glyphs).
  const float ratio = PixelRatio(h.window);
  const sim::Lang lang = h.app->ui().lang;
  if (ratio != h.font_scale || lang != h.font_lang) {
    ui::LoadFonts(platform::DataDir(), ratio, lang);
    ImGui_ImplOpenGL3_DestroyFontsTexture();
    ImGui_ImplOpenGL3_CreateFontsTexture();
    h.font_scale = ratio;
    h.font_lang = lang;
  }

  ImGui_ImplOpenGL3_NewFrame();
  ImGui_ImplSDL2_NewFrame();
  ImGuiIO& io = ImGui::GetIO();
  if (h.touch_lifted && h.frames_since_lift++ >= 2) io.AddMousePosEvent(-FLT_MAX, -FLT_MAX);
  // Headless browsers may not advance the clock between frames; ImGui needs dt > 0.
  if (io.DeltaTime <= 0.0f) io.DeltaTime = 1.0f / 60.0f;
  ImGui::NewFrame();
#ifdef __EMSCRIPTEN__
  const double app_started_ms = emscripten_get_now();
#endif
  h.app->Frame();
  ImGui::Render();
#ifdef __EMSCRIPTEN__
  const double draw_started_ms = emscripten_get_now();
#endif

  int fb_w = 0, fb_h = 0;
  SDL_GL_GetDrawableSize(h.window, &fb_w, &fb_h);
  glViewport(0, 0, fb_w, fb_h);
  glClearColor(0.08f, 0.09f, 0.11f, 1.0f);
  glClear(GL_COLOR_BUFFER_BIT);
  ImGui_ImplOpenGL3_RenderDrawData(ImGui::GetDrawData());
  SDL_GL_SwapWindow(h.window);
#ifdef __EMSCRIPTEN__
  if (g_frame_times.total_ms.size() < FrameTimes::kMax) {
    const double now_ms = emscripten_get_now();
    g_frame_times.total_ms.push_back(static_cast<float>(now_ms - frame_started_ms));
    g_frame_times.app_ms.push_back(static_cast<float>(draw_started_ms - app_started_ms));
    g_frame_times.draw_ms.push_back(static_cast<float>(now_ms - draw_started_ms));
  }
#endif

  if (!h.first_frame_reported) {
    platform::NotifyFirstFrame();
    h.first_frame_reported = true;
  }
}

}  // namespace

#ifdef __EMSCRIPTEN__
// Another tab saved progress (the page's `storage` event): merge it into this tab's. Called
// between frames.
extern "C" EMSCRIPTEN_KEEPALIVE void statelab_progress_changed() {
  if (g_host.app) g_host.app->MergeSavedProgress();
}

// The page's "describe the diagram" button (for screen readers, who cannot see the canvas):
// the stack in words, into the aria-live region.
extern "C" EMSCRIPTEN_KEEPALIVE void statelab_describe() {
  if (g_host.app) g_host.app->Dispatch(ui::DescribeStackNow{});
}

// The text of a file the learner chose in the page's file chooser (progress import).
extern "C" EMSCRIPTEN_KEEPALIVE void statelab_import_progress(const char* text) {
  if (g_host.app && text != nullptr) g_host.app->Dispatch(ui::ImportProgress{text});
}

// Text the page read from the clipboard (a paste event, or "Paste a link or seed"): a link or a seed.
extern "C" EMSCRIPTEN_KEEPALIVE void statelab_paste(const char* text) {
  if (g_host.app && text != nullptr) g_host.app->Dispatch(ui::OpenLink{text});
}

// Embedded (web/embed.html): the page scrolled the lesson out of view (0) or back (1). Out of view
// the lesson stands still and the main loop stops drawing; back in view both go on.
extern "C" EMSCRIPTEN_KEEPALIVE void statelab_set_in_view(int in_view) {
  if (!g_host.app) return;
  if (in_view != 0) emscripten_resume_main_loop();
  g_host.app->Dispatch(ui::SetInView{in_view != 0});
  if (in_view == 0) emscripten_pause_main_loop();
}

// Embedded: is a wheel turn (dy > 0: down) or a finger landing at (x, y), in CSS pixels, the
// lesson's? If not, the page lets the host page scroll (web/statelab-page.js, ui/embed_layout.h).
extern "C" EMSCRIPTEN_KEEPALIVE int statelab_takes_wheel(float x, float y, float dy) {
  return g_host.app && g_host.app->TakesWheel(x, y, dy) ? 1 : 0;
}
extern "C" EMSCRIPTEN_KEEPALIVE int statelab_takes_touch(float x, float y) {
  return g_host.app && g_host.app->TakesTouch(x, y) ? 1 : 0;
}

// The browser tests' hook (window.statelab.snapshot() in web/statelab-page.js): where the named
// widgets were drawn last frame, and where the learner is.
extern "C" EMSCRIPTEN_KEEPALIVE const char* statelab_test_snapshot() {
  static std::string json;  // returned to JS by pointer; holds no model state between calls
  json = g_host.app ? g_host.app->TestSnapshotJson() : std::string("{}");
  return json.c_str();
}

// make bench's frame timing (window.statelab.frameTimes()): the frames since the last call, as
// {"total":[ms...],"app":[...],"draw":[...]}; reading clears them.
extern "C" EMSCRIPTEN_KEEPALIVE const char* statelab_frame_times() {
  static std::string json;  // returned to JS by pointer
  auto list = [](const std::vector<float>& v) {
    std::string o = "[";
    char n[24];
    for (size_t i = 0; i < v.size(); ++i) {
      std::snprintf(n, sizeof n, i ? ",%.3f" : "%.3f", static_cast<double>(v[i]));
      o += n;
    }
    return o + "]";
  };
  json = "{\"total\":" + list(g_frame_times.total_ms) + ",\"app\":" + list(g_frame_times.app_ms) +
         ",\"draw\":" + list(g_frame_times.draw_ms) + "}";
  g_frame_times.total_ms.clear();
  g_frame_times.app_ms.clear();
  g_frame_times.draw_ms.clear();
  return json.c_str();
}
#endif

namespace {

// The command line, natively: what to open. Returns an error message, or "".
struct Args {
  std::string open;
};
constexpr std::string_view kUsage = "usage: statelab [--open 'URL-or-#fragment']\n";
std::string ParseArgs(int argc, char** argv, Args& a) {
  for (int i = 1; i < argc; ++i) {
    const std::string_view arg = argv[i];
    if (arg == "--open") {
      if (i + 1 >= argc || *argv[i + 1] == '\0') return "--open needs a link";
      a.open = argv[++i];
    } else if (arg == "--help" || arg == "-h") {
      std::fputs(kUsage.data(), stdout);
      std::exit(0);
    } else {
      return "unknown argument '" + std::string(arg) + "'";
    }
  }
  return "";
}

}  // namespace

int main(int argc, char** argv) {
  Args args;
#ifndef __EMSCRIPTEN__
  if (const std::string error = ParseArgs(argc, argv, args); !error.empty()) {
    std::fprintf(stderr, "statelab: %s\n%s", error.c_str(), kUsage.data());
    return 2;
  }
#else
  (void)argc, (void)argv, (void)&ParseArgs;
#endif
  if (SDL_Init(SDL_INIT_VIDEO | SDL_INIT_TIMER) != 0) {
    std::fprintf(stderr, "statelab: cannot start SDL: %s\n", SDL_GetError());
    return 1;
  }
#ifdef __EMSCRIPTEN__
  const char* glsl_version = "#version 300 es";
  SDL_GL_SetAttribute(SDL_GL_CONTEXT_FLAGS, 0);
  SDL_GL_SetAttribute(SDL_GL_CONTEXT_PROFILE_MASK, SDL_GL_CONTEXT_PROFILE_ES);
  SDL_GL_SetAttribute(SDL_GL_CONTEXT_MAJOR_VERSION, 3);
  SDL_GL_SetAttribute(SDL_GL_CONTEXT_MINOR_VERSION, 0);
#else
  const char* glsl_version = "#version 130";
  SDL_GL_SetAttribute(SDL_GL_CONTEXT_FLAGS, 0);
  SDL_GL_SetAttribute(SDL_GL_CONTEXT_PROFILE_MASK, SDL_GL_CONTEXT_PROFILE_CORE);
  SDL_GL_SetAttribute(SDL_GL_CONTEXT_MAJOR_VERSION, 3);
  SDL_GL_SetAttribute(SDL_GL_CONTEXT_MINOR_VERSION, 0);
#endif
  SDL_GL_SetAttribute(SDL_GL_DOUBLEBUFFER, 1);
  SDL_GL_SetAttribute(SDL_GL_DEPTH_SIZE, 0);
  SDL_GL_SetAttribute(SDL_GL_STENCIL_SIZE, 8);

  const auto flags =
      static_cast<SDL_WindowFlags>(SDL_WINDOW_OPENGL | SDL_WINDOW_RESIZABLE | SDL_WINDOW_ALLOW_HIGHDPI);
  Host& h = g_host;
  h.window = SDL_CreateWindow("Stateful Web Lab", SDL_WINDOWPOS_CENTERED, SDL_WINDOWPOS_CENTERED,
                              1440, 900, flags);
  if (h.window == nullptr) {
    platform::ReportCannotStart(std::string("cannot open a window: ") + SDL_GetError());
    return 1;
  }
  h.gl = SDL_GL_CreateContext(h.window);
  if (h.gl == nullptr) {
#ifdef __EMSCRIPTEN__
    platform::ReportCannotStart(std::string("cannot create a WebGL2 context: ") + SDL_GetError());
#else
    platform::ReportCannotStart(std::string("cannot create an OpenGL 3 context: ") + SDL_GetError());
#endif
    return 1;
  }
  SDL_GL_MakeCurrent(h.window, h.gl);
  SDL_GL_SetSwapInterval(1);

  IMGUI_CHECKVERSION();
  ImGui::CreateContext();
  ImGuiIO& io = ImGui::GetIO();
  io.IniFilename = nullptr;  // layout is ours; progress is saved separately
  io.ConfigFlags |= ImGuiConfigFlags_NavEnableKeyboard;
  ImGui_ImplSDL2_InitForOpenGL(h.window, h.gl);
  ImGui_ImplOpenGL3_Init(glsl_version);

  ui::AppOptions options;
  options.data_dir = platform::DataDir();
  ui::PlatformServices& sv = options.services;
  sv.load_progress = platform::LoadProgress;
  sv.save_progress = platform::SaveProgress;
  sv.backup_corrupt_progress = platform::BackupCorruptProgress;
  sv.url_hash = platform::UrlHash;
  sv.set_url_hash = platform::SetUrlHash;
  sv.preferred_language = platform::PreferredLanguage;
  sv.announce = platform::Announce;
  sv.show_notice = platform::ShowNotice;
  sv.set_document_language = platform::SetDocumentLanguage;
  sv.save_text_file = platform::SaveTextFile;
  sv.pick_text_file = platform::PickTextFile;
  sv.copy_text = platform::CopyText;
  sv.read_clipboard = platform::ReadClipboard;
  sv.page_address = platform::PageAddress;
  sv.open_url = platform::OpenUrl;
  options.embedded = platform::IsEmbedded();
  h.app = std::make_unique<ui::App>(options);
  // A link given on the command line opens as a pasted one: a bad one only shows a notice.
  if (!args.open.empty()) h.app->Dispatch(ui::OpenLink{args.open});

#ifdef __EMSCRIPTEN__
  emscripten_set_main_loop(Frame, 0, true);
#else
  while (!h.done) Frame();
  h.app.reset();
  ImGui_ImplOpenGL3_Shutdown();
  ImGui_ImplSDL2_Shutdown();
  ImGui::DestroyContext();
  SDL_GL_DeleteContext(h.gl);
  SDL_DestroyWindow(h.window);
  SDL_Quit();
#endif
  return 0;
}
