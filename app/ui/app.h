// The tutorial controller: owns the lessons, the running lesson (sim::LessonRun), the saved
// progress, the pacing from wall-clock frame time to whole simulation ticks, and UiState. Each
// frame it advances the model (Update), lays out the windows and lets every view draw and emit
// commands (Draw), then applies those commands. Platform services (storage, URL hash, aria-live)
// come in through PlatformServices so the null-backend tests can run it without a window.
#pragma once

#include <chrono>
#include <functional>
#include <memory>
#include <optional>
#include <string>

#include "statelab/glossary.h"
#include "statelab/lesson.h"
#include "statelab/progress.h"
#include "ui/ui_state.h"

namespace ui {

struct PlatformServices {
  std::function<std::optional<std::string>()> load_progress;
  std::function<bool(const std::string& blob, std::string* error)> save_progress;
  // Sets a corrupt save aside (after it, load_progress no longer returns `blob`) and returns
  // where the backup is; "" when the backup could not be written (then nothing is set aside).
  std::function<std::string(const std::string& blob)> backup_corrupt_progress;
  std::function<std::string()> url_hash;
  std::function<void(const std::string& hash)> set_url_hash;
  std::function<std::string()> preferred_language;
  std::function<void(const std::string& text)> announce;
  // Shows a notice in the page; false when the platform has no banner (the app draws it).
  std::function<bool(const std::string& text)> show_notice;
  std::function<void(const std::string& lang)> set_document_language;
};

struct AppOptions {
  std::string data_dir;  // holds lessons/ and fonts/
  PlatformServices services;
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
  // of named widgets drawn last frame.
  std::string TestSnapshotJson() const;

  const UiState& ui() const { return ui_; }
  const sim::LessonSet& lessons() const { return lessons_; }
  const sim::LessonRun* run() const { return run_.get(); }
  const sim::Progress& progress() const { return progress_; }
  // Another window or tab saved progress: merge it into ours (the web's `storage` event).
  void MergeSavedProgress();
  bool playing() const { return pacing_.playing; }

 private:
  void Update(float dt_s);
  bool BlockedByQuestion() const;
  void Draw(Commands& out);
  void AdvanceTicks(int64_t ticks);
  void AfterModelAdvanced();
  void StartRun(const sim::Lesson& lesson, int step, uint64_t seed);
  void EnterStep(int step);
  void OnStepStarted();
  void ApplyUrlHash(const std::string& hash, bool at_startup);
  std::string OpeningLessonId() const;
  bool LoadOpeningLesson();
  void LoadAllLessons();
  void SaveProgress();
  void Notice(const std::string& text);
  void Announce(const std::string& text);
  void SyncUrl();
  void SetLanguage(sim::Lang lang);

  AppOptions options_;
  sim::LessonSet lessons_;
  std::optional<sim::Glossary> glossary_;  // for the term glosses; the app runs without it
  sim::LessonSet opening_lessons_;  // the one-lesson set of the first frame, kept alive for run_
  bool rest_of_lessons_pending_ = false;
  bool opening_was_first_file_ = false;  // no link or save named a lesson
  std::unique_ptr<sim::LessonRun> run_;
  sim::Progress progress_;
  UiState ui_;
  PacingView pacing_;
  double tick_accumulator_us_ = 0.0;
  sim::TimeUs ff_target_us_ = 0;
  sim::TimeUs ff_start_us_ = 0;
  bool step_passed_seen_ = false;
  std::vector<sim::GoalState> goal_states_seen_;
  uint64_t events_seen_ = 0;
  double last_event_announce_s_ = -100.0;
  std::string last_hash_;
  uint64_t frame_ = 0;
  std::string set_aside_blob_;  // a corrupt save already backed up (not backed up twice)
  bool save_blocked_ = false;   // a corrupt save could not be backed up: never write over it
};

}  // namespace ui
