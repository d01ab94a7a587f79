// The embedded tutorial (web/embed.html): its layout as data at the iframe sizes the README gives
// (800x520 desktop, 360x640 phone) and around them, the wheel and touch policy, and the real app
// in embed mode on ImGui's null backend: only the compact bar, the diagram and the lesson panel,
// every named widget inside the frame, and the policy answered from what the frame drew.
#include <doctest/doctest.h>

#include <cfloat>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "imgui.h"
#include "ui/app.h"
#include "ui/embed_layout.h"
#include "ui/fonts.h"

namespace {

using ui::EmbedLayout;
using ui::Rect;
using ui::ScrollRegion;

constexpr float kRowH = 26, kRowGap = 7, kPad = 12;  // the app's frame height and style (theme.cpp)

float Area(const Rect& r) { return r.Width() * r.Height(); }

void CheckTiles(const EmbedLayout& l, ui::Size viewport) {
  const Rect all = Rect::At({0, 0}, viewport);
  for (const Rect* r : {&l.bar, &l.diagram, &l.panel}) {
    CHECK(all.Contains(*r));
    CHECK(r->Width() > 0);
    CHECK(r->Height() > 0);
  }
  CHECK_FALSE(l.bar.Overlaps(l.diagram));
  CHECK_FALSE(l.bar.Overlaps(l.panel));
  CHECK_FALSE(l.diagram.Overlaps(l.panel));
  // The three tile the frame: no gap the host page would show through.
  CHECK(Area(l.bar) + Area(l.diagram) + Area(l.panel) == doctest::Approx(Area(all)));
}

}  // namespace

TEST_CASE("embed layout: side by side at 800x520, stacked at 360x640, the three tiling the frame") {
  const EmbedLayout desk = ui::LayOutEmbed({800, 520}, kRowH, kRowGap, kPad);
  CheckTiles(desk, {800, 520});
  CHECK_FALSE(desk.stacked);
  CHECK(desk.bar_rows == 1);
  CHECK(desk.bar.Height() == doctest::Approx(kRowH + 2 * kPad));
  CHECK(desk.diagram.max.x == doctest::Approx(desk.panel.min.x));  // diagram left, panel right
  CHECK(desk.panel.Width() >= 300);
  CHECK(desk.diagram.Width() >= 440);
  CHECK(desk.diagram.Height() >= 440);

  const EmbedLayout phone = ui::LayOutEmbed({360, 640}, kRowH, kRowGap, kPad);
  CheckTiles(phone, {360, 640});
  CHECK(phone.stacked);
  CHECK(phone.bar_rows == 2);
  CHECK(phone.diagram.max.y == doctest::Approx(phone.panel.min.y));  // diagram over the panel
  CHECK(phone.diagram.Width() == 360);
  CHECK(phone.diagram.Height() >= ui::kDiagramMinHeight);  // the whole diagram
  CHECK(phone.panel.Height() >= 240);

  // Around those sizes: always tiled, never a panel or diagram too small to use.
  for (float w : {320.0f, 480.0f, 619.0f, 620.0f, 700.0f, 1024.0f, 1400.0f}) {
    for (float h : {480.0f, 520.0f, 640.0f, 900.0f}) {
      CAPTURE(w);
      CAPTURE(h);
      const EmbedLayout l = ui::LayOutEmbed({w, h}, kRowH, kRowGap, kPad);
      CheckTiles(l, {w, h});
      CHECK(l.stacked == (w < ui::kEmbedSideBySideMinWidth));
      CHECK(l.panel.Height() >= 0.45f * (h - l.bar.Height()) - 0.5f);
      CHECK(l.diagram.Height() >= 0.45f * (h - l.bar.Height()) - 0.5f);
      CHECK(l.panel.Width() >= ui::kEmbedPanelMinWidth);
      CHECK(l.diagram.Width() >= ui::kDiagramMinWidth);
      if (h >= 600) CHECK(l.diagram.Height() >= ui::kDiagramMinHeight);
    }
  }
}

TEST_CASE("embed input: the wheel is the lesson's only where it scrolls further; fingers on its panel") {
  const EmbedLayout l = ui::LayOutEmbed({800, 520}, kRowH, kRowGap, kPad);
  const Rect panel_text{{l.panel.min.x, l.panel.min.y + 40}, l.panel.max};
  const Rect list_inside{{panel_text.min.x + 10, panel_text.min.y + 100}, {panel_text.max.x - 10, panel_text.min.y + 200}};
  // The panel's text scrolls down only (at its top); a list inside it scrolls up only (at its end).
  const std::vector<ScrollRegion> regions = {{panel_text, false, true}, {list_inside, true, false}};
  const ui::Point on_diagram = l.diagram.Center();
  const ui::Point on_text{panel_text.min.x + 5, panel_text.min.y + 20};
  const ui::Point on_list = list_inside.Center();

  CHECK_FALSE(ui::EmbedTakesWheel(regions, on_diagram, 100, false));  // the host page scrolls
  CHECK_FALSE(ui::EmbedTakesWheel(regions, on_diagram, -100, false));
  CHECK(ui::EmbedTakesWheel(regions, on_text, 100, false));
  CHECK_FALSE(ui::EmbedTakesWheel(regions, on_text, -100, false));  // at its top: the page goes up
  CHECK(ui::EmbedTakesWheel(regions, on_list, -100, false));         // the innermost decides
  CHECK_FALSE(ui::EmbedTakesWheel(regions, on_list, 100, false));
  CHECK_FALSE(ui::EmbedTakesWheel(regions, l.bar.Center(), 100, false));
  CHECK(ui::EmbedTakesWheel(regions, on_diagram, 100, true));        // mid-drag: the lesson's
  CHECK_FALSE(ui::EmbedTakesWheel({}, on_text, 100, false));         // nothing scrolls: the page

  CHECK_FALSE(ui::EmbedTakesTouch(l, regions, on_diagram, false));   // a swipe scrolls the page
  CHECK_FALSE(ui::EmbedTakesTouch(l, regions, l.bar.Center(), false));
  CHECK(ui::EmbedTakesTouch(l, {}, l.panel.Center(), false));         // the panel: always the lesson's
  const Rect overlay{{l.diagram.min.x + 10, l.diagram.min.y + 10}, {l.diagram.max.x - 10, l.diagram.min.y + 200}};
  CHECK(ui::EmbedTakesTouch(l, {{overlay, false, true}}, overlay.Center(), false));  // scrolls: the lesson's
  CHECK(ui::EmbedTakesTouch(l, regions, on_diagram, true));
}

namespace {

std::vector<std::string> g_errors;
void OnAssert(const char* expression, const char* file, int line) {
  g_errors.push_back(std::string(file) + ":" + std::to_string(line) + ": " + expression);
  throw std::runtime_error(g_errors.back());
}

// The app in embed mode on the null backend, at one frame size, as the page opens it.
struct EmbeddedApp {
  std::string hash;
  std::string language;
  std::optional<std::string> saved;
  std::optional<ui::App> app;

  EmbeddedApp(ImVec2 size, std::string address_hash, std::string lang) : hash(std::move(address_hash)), language(std::move(lang)) {
    g_errors.clear();
    g_statelab_imgui_assert = OnAssert;
    ImGui::CreateContext();
    ImGuiIO& io = ImGui::GetIO();
    io.IniFilename = nullptr;
    io.DisplaySize = size;
    ui::LoadFonts(STATELAB_DATA_DIR, 1.0f);
    unsigned char* pixels = nullptr;
    int w = 0, h = 0;
    io.Fonts->GetTexDataAsRGBA32(&pixels, &w, &h);
    ui::AppOptions options{STATELAB_DATA_DIR, {}, true};
    options.services.url_hash = [this] { return hash; };
    options.services.preferred_language = [this] { return language; };
    options.services.load_progress = [this] { return saved; };
    options.services.save_progress = [this](const std::string& blob, std::string*) {
      saved = blob;
      return true;
    };
    app.emplace(std::move(options));
  }
  ~EmbeddedApp() {
    app.reset();
    ImGui::DestroyContext();
    g_statelab_imgui_assert = nullptr;
  }
  EmbeddedApp(const EmbeddedApp&) = delete;
  EmbeddedApp& operator=(const EmbeddedApp&) = delete;

  void Frames(int n) {
    for (int i = 0; i < n; ++i) {
      ImGui::GetIO().DeltaTime = 1.0f / 60.0f;
      ImGui::NewFrame();
      app->Frame();
      ImGui::Render();
    }
  }
  const ui::WidgetRect* Find(const std::string& name) const {
    for (const ui::WidgetRect& w : app->ui().widgets) {
      if (w.name == name) return &w;
    }
    return nullptr;
  }
};

Rect RectOf(const ui::WidgetRect& w) { return {{w.min.x, w.min.y}, {w.max.x, w.max.y}}; }

}  // namespace

TEST_CASE("the app embedded: the bar, the diagram and the lesson panel only, all inside the frame") {
  struct Case {
    ImVec2 size;
    const char* hash;
    const char* lang;
  };
  for (const Case& c : {Case{{800, 520}, "lesson=caching&step=1", "en-US"}, Case{{800, 520}, "lesson=cookies", "ko-KR"},
                        Case{{360, 640}, "lesson=caching&step=1", "ko-KR"}, Case{{360, 640}, "lesson=cookies", "en-US"}}) {
    CAPTURE(c.size.x);
    CAPTURE(c.hash);
    CAPTURE(c.lang);
    EmbeddedApp e(c.size, c.hash, c.lang);
    e.Frames(4);
    CHECK(g_errors.empty());
    const EmbedLayout& l = e.app->ui().embed_layout;
    CHECK(l.stacked == (c.size.x < ui::kEmbedSideBySideMinWidth));
    for (const char* name : {"play", "step-once", "speed", "sim-time", "lang:0", "lang:1", "open-full", "diagram",
                             "tab:lesson", "tab:knobs", "narration", "lesson-title"}) {
      CAPTURE(name);
      CHECK(e.Find(name) != nullptr);
    }
    // No lesson list, lesson picker, seed box or timeline: those belong to the whole tutorial.
    for (const char* name : {"lesson-list", "lesson-picker", "seed", "new-seed", "timeline", "share", "progress-move"}) {
      CAPTURE(name);
      CHECK(e.Find(name) == nullptr);
    }
    const Rect frame = Rect::At({0, 0}, {c.size.x, c.size.y});
    for (const ui::WidgetRect& w : e.app->ui().widgets) {
      if (!w.visible) continue;
      CAPTURE(w.name);
      CHECK(frame.Contains(RectOf(w)));
    }
    for (const char* name : {"play", "open-full", "lang:1"}) {
      CAPTURE(name);
      CHECK(l.bar.Contains(RectOf(*e.Find(name))));
    }
    CHECK(l.diagram.Contains(RectOf(*e.Find("diagram"))));
    CHECK(l.panel.Contains(RectOf(*e.Find("tab:lesson"))));
    // One step only: the way on is the whole tutorial; a whole lesson: its steps.
    const bool step_only = std::string(c.hash).find("step=") != std::string::npos;
    CHECK((e.Find("open-full-next") != nullptr) == step_only);
    CHECK((e.Find("next-step") != nullptr) == !step_only);

    // The policy from what was drawn: the diagram leaves the wheel and fingers to the host page.
    const ui::Point mid = l.diagram.Center();
    CHECK_FALSE(e.app->TakesWheel(mid.x, mid.y, 100));
    CHECK_FALSE(e.app->TakesTouch(mid.x, mid.y));
    const ui::Point panel = l.panel.Center();
    CHECK(e.app->TakesTouch(panel.x, panel.y));
    CHECK_FALSE(e.app->TakesWheel(panel.x, panel.y, -100));  // at the top: up is the page's
  }
}

TEST_CASE("the app embedded on a phone: the lesson's text scrolls with the wheel until its end, then the page does") {
  EmbeddedApp e({360, 640}, "lesson=caching&step=1", "en-US");
  e.Frames(4);
  const ui::WidgetRect* narration = e.Find("narration");
  REQUIRE(narration != nullptr);
  const ImVec2 at(narration->min.x + 20, narration->min.y + 5);
  // The step's text is longer than the phone's panel: the wheel down is the lesson's.
  REQUIRE(e.app->TakesWheel(at.x, at.y, 100));
  ImGuiIO& io = ImGui::GetIO();
  io.AddMousePosEvent(at.x, at.y);
  int turns = 0;
  while (e.app->TakesWheel(at.x, at.y, 100) && turns < 200) {
    io.AddMouseWheelEvent(0.0f, -1.0f);
    e.Frames(1);
    ++turns;
  }
  CHECK(turns > 0);
  CHECK(turns < 200);  // it reaches the end, and then the page scrolls on
  CHECK_FALSE(e.app->TakesWheel(at.x, at.y, 100));
  CHECK(e.app->TakesWheel(at.x, at.y, -100));  // and back up is the lesson's again
  io.AddMousePosEvent(-FLT_MAX, -FLT_MAX);
}
