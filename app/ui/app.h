// The app: the tutorial (tutorial.h: lessons, the running lesson, progress, pacing, the address)
// drawn with Dear ImGui. Each frame it lets the tutorial advance the model, lays out the windows
// (app.cpp), lets every view draw and emit commands, then hands those commands to the tutorial.
// The test hook (test_hook.cpp) reports the named widgets' rects to the browser tests.
#pragma once

#include <string>

#include "ui/shortcuts.h"
#include "ui/tutorial.h"
#include "ui/ui_state.h"

namespace ui {

struct AppOptions {
  std::string data_dir;  // holds lessons/ and fonts/
  PlatformServices services;
  bool embedded = false;  // inside another page (web/embed.html): the compact layout, one lesson
};

class App {
 public:
  explicit App(AppOptions options);
  ~App();
  App(const App&) = delete;
  App& operator=(const App&) = delete;

  // Emits this frame's ImGui windows; call between ImGui::NewFrame and ImGui::Render.
  void Frame();

  // Applies one command as if a view had emitted it (tests, keyboard shortcuts).
  void Dispatch(const AppCommand& command);

  // A small JSON snapshot for the browser tests: language, lesson, step, passed, and the rects
  // of named widgets drawn last frame (test_hook.cpp).
  std::string TestSnapshotJson() const;

  const Tutorial& tutorial() const { return tutorial_; }
  const UiState& ui() const { return ui_; }
  const LessonList& lessons() const { return tutorial_.lessons(); }
  const sim::LessonRun* run() const { return tutorial_.run(); }
  const sim::Progress& progress() const { return tutorial_.progress(); }
  bool playing() const { return tutorial_.pacing().playing; }
  // Embedded: whether a wheel turn (dy > 0: down) or a finger landing at `at` (CSS pixels) is the
  // lesson's; if not, the page lets the host page have it (web/statelab-page.js).
  bool TakesWheel(float x, float y, float dy) const {
    return EmbedTakesWheel(ui_.scroll_regions, {x, y}, dy, ui_.dragging);
  }
  bool TakesTouch(float x, float y) const {
    return EmbedTakesTouch(ui_.embed_layout, ui_.scroll_regions, {x, y}, ui_.dragging);
  }
  // Another window or tab saved progress (the web's `storage` event).
  void MergeSavedProgress() {
    tutorial_.MergeSavedProgress();
    SyncFromTutorial();
  }

 private:
  void SyncFromTutorial();
  void Draw(Commands& out);
  void HandleKeys();
  void ApplyViewShortcut(ShortcutAction action);

  Tutorial tutorial_;
  UiState ui_;
  // Side A's diagram while two runs are compared: its own dots, hover and selection (UI facts only).
  UiState twin_ui_;
  const void* twin_seen_ = nullptr;  // the comparison its dots belong to
  uint64_t run_serial_seen_ = 0;
  uint64_t step_serial_seen_ = 0;
  uint64_t rewind_serial_seen_ = 0;
  uint64_t notice_serial_seen_ = 0;
  uint64_t frame_ = 0;
};

}  // namespace ui
