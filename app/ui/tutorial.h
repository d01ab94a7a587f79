// The tutorial controller, with no ImGui in it: the lessons, the running lesson (sim::LessonRun),
// the saved progress, the pacing from wall-clock time to whole simulation ticks, the address
// (URL state), announcements for screen readers, and the log of every command the learner
// applied with its tick (sim::RunLog). The app (app.h) draws it and feeds it the views' commands;
// a doctest drives it directly (tests/tutorial/). It builds without ImGui (CMake target
// statelab_tutorial), so nothing here can reach a widget.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "statelab/commands.h"
#include "statelab/cost.h"
#include "statelab/glossary.h"
#include "statelab/lesson.h"
#include "statelab/progress.h"
#include "statelab/run_link.h"
#include "statelab/run_log.h"
#include "statelab/types.h"
#include "ui/timeline_marks.h"

namespace ui {

// [SECTION] Platform services: storage, the address, aria-live, the page banner. The browser and
// the native app fill them (app/main.cpp, app/platform.cpp); tests give fakes.
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
  // A file for the learner to keep (the page downloads it; natively it is written beside the save);
  // returns where it went, "" on failure. And the page's file chooser (false: there is none).
  std::function<std::string(const std::string& name, const std::string& text)> save_text_file;
  std::function<bool()> pick_text_file;
  // The system clipboard (the page's navigator.clipboard; natively SDL's). copy_text returns false
  // when the copy failed at once; the page, whose copy ends later, shows `refused` itself if the
  // browser refuses it.
  std::function<bool(const std::string& text, const std::string& refused)> copy_text;
  // The clipboard's text now (natively), or nullopt when it comes later: the page reads it and
  // hands it to the app as OpenLink (statelab_paste), or shows `refused`.
  std::function<std::optional<std::string>(const std::string& refused)> read_clipboard;
  // The page's address without its hash ("https://host/path/"); "" natively. A shared link is this
  // plus "#...".
  std::function<std::string()> page_address;
  // Opens `url` in a new tab (the page) or the system browser (natively); false when it could not.
  std::function<bool(const std::string& url)> open_url;
};

// [SECTION] Commands: what a view (or a key, or a test) asks of the tutorial
// Learner's change to the model (a knob or a fault); goes through LessonRun::Apply.
struct ModelCommand { sim::Command command; };
struct OpenLesson { std::string id; };
struct GoToStep { int step = 0; };
struct RestartLesson {};
struct FinishLesson {};  // the last step passed: record it and open the next lesson
struct ResetStep {};  // a fresh Sim at the current step, same seed
struct SetPlaying { bool playing = true; };
struct StepOnce {};   // one simulated second
struct SetSpeed { int index = 0; };
struct FastForward { sim::TimeUs span_us = 0; };
struct CancelFastForward {};
struct SetSeed { uint64_t seed = 1; };
struct SetLanguage { sim::Lang lang = sim::Lang::Ko; };
struct AnswerQuestion { int choice = 0; };
// Rewinds the run to simulated tick `tick` (clamped to the current step's start and the live
// edge); playing on replays what the learner did, and a change forks a new branch.
struct RewindTo { int64_t tick = 0; };
struct BackToLive {};
// Says the stack's state in words (ui::DescribeStack): to the screen reader where there is one,
// else as a notice.
struct DescribeStackNow {};
// A progress code from another device (sim::DecodeProgressCode), merged into this one's.
struct ImportProgress { std::string code; };
struct ExportProgressFile {};  // the progress code, as a file
struct PickProgressFile {};    // the page's file chooser; the file's text comes as ImportProgress

// Makes the link of the run as it is now (ShareLink) and copies it to the clipboard.
struct ShareRun {};
// Copies text (a seed, a request's trace, a message) to the clipboard.
struct CopyText { std::string text; };
// Text pasted into the app, or given as `statelab --open`: a link (a URL, "#...", or the bare
// hash) opens as the page would open it; a whole number is a seed. Anything else, or a link with a
// bad part, only shows a notice: nothing runs, nothing is saved.
struct OpenLink { std::string text; };
struct PasteFromClipboard {};

// Two runs side by side (sim::Comparison, in the running LessonRun). StartCompare forks the run now
// (the sandbox's "Compare": side B takes the learner's changes from here, A keeps the stack as it
// was); CompareWithPreviousBranch sets the branch a fork replaced (previous_branch) beside this one
// at this moment; StopCompare ends either. A comparison step's own comparison ends with its step.
struct StartCompare {};
struct CompareWithPreviousBranch {};
struct StopCompare {};

// [SECTION] Embedded (web/embed.html): the page scrolled the lesson out of view (false) or back
// (true). Out of view it stands still; back in view it plays on only if it was playing.
struct SetInView { bool in_view = true; };
// The whole tutorial in a new tab at this lesson and step ("Open in Stateful Web Lab").
struct OpenFullTutorial {};

using AppCommand = std::variant<ModelCommand, OpenLesson, GoToStep, RestartLesson, FinishLesson, ResetStep,
                                SetPlaying, StepOnce, SetSpeed, FastForward, CancelFastForward,
                                SetSeed, SetLanguage, AnswerQuestion, RewindTo, BackToLive, ShareRun, CopyText,
                                OpenLink, PasteFromClipboard, DescribeStackNow, ImportProgress, ExportProgressFile,
                                PickProgressFile, StartCompare, CompareWithPreviousBranch, StopCompare, SetInView,
                                OpenFullTutorial>;
using Commands = std::vector<AppCommand>;

// [SECTION] Pacing, as the views see it
inline constexpr float kSpeeds[] = {0.25f, 0.5f, 1.0f, 2.0f, 4.0f, 8.0f, 16.0f, 32.0f, 64.0f};
inline constexpr int kSpeedCount = static_cast<int>(sizeof(kSpeeds) / sizeof(kSpeeds[0]));
inline constexpr int kDefaultSpeedIndex = 2;  // 1x

struct PacingView {
  bool playing = false;
  int speed_index = kDefaultSpeedIndex;
  bool fast_forwarding = false;
  float fast_forward_fraction = 0.0f;  // 0..1
  sim::TimeUs fast_forward_span_us = 0;
  bool lagging = false;  // the machine cannot keep up with the chosen speed
  bool blocked_by_question = false;  // a prediction must be chosen before the step runs
};

// [SECTION] Lessons, shared: the running lesson is owned by the run as much as by the list, so a
// reload of the list never leaves the run pointing at freed memory, and a lesson is the same
// object in the list and in the run (views compare by address).
struct LessonList {
  std::vector<std::shared_ptr<const sim::Lesson>> lessons;
  std::vector<sim::ValidationError> errors;
  std::shared_ptr<const sim::Lesson> Find(std::string_view id) const;
};

// Where the comparison on screen came from: none, the step's own, the learner's fork of the run
// (StartCompare), or the branch a fork replaced (CompareWithPreviousBranch).
enum class CompareOrigin : uint8_t { None, Step, Fork, Branch };

// What an embedded tutorial shows (web/embed.html#lesson=ID[&step=N]): one lesson, or only one
// step of it. The address the host page wrote decides it; the tutorial never rewrites it.
struct EmbedScope {
  std::string lesson;
  std::optional<int> only_step;
  bool Allows(std::string_view lesson_id, int step) const {
    return lesson_id == lesson && (!only_step || step == *only_step);
  }
};

// The full tutorial for an embed served at `embed_address` ("https://host/lab/embed.html"):
// index.html in the same folder, opened at `lesson` and `step` ("https://host/lab/index.html#lesson=ID&step=N").
std::string FullTutorialLink(std::string_view embed_address, std::string_view lesson, int step);

// [SECTION] The controller
class Tutorial {
 public:
  // embedded: inside another page (web/embed.html). The address names the lesson (and maybe the
  // step) it keeps to; the address is never rewritten and the saved place (current lesson and step)
  // is left as the full tutorial had it.
  Tutorial(std::string data_dir, PlatformServices services, bool embedded = false);
  ~Tutorial();
  Tutorial(const Tutorial&) = delete;
  Tutorial& operator=(const Tutorial&) = delete;

  // Once per frame, before any input: finishes loading the lessons (the first frame has only the
  // one it opens) and follows the address when it changed without a reload.
  void BeginFrame();
  // Advances the model by `dt_s` seconds of wall-clock time: whole ticks at the chosen speed, or
  // the next slice of a fast-forward, within a time budget so the page stays responsive.
  void Advance(float dt_s);
  // Applies one command (from a view, a key or a test).
  void Dispatch(const AppCommand& command);
  // Another window or tab saved progress: merge it into ours (the web's `storage` event). Every
  // save merges first, too.
  void MergeSavedProgress();

  const LessonList& lessons() const { return lessons_; }
  const sim::LessonRun* run() const { return run_.get(); }
  const sim::Progress& progress() const { return progress_; }
  // The progress as a short code to carry to another device (ImportProgress there).
  std::string ProgressCode() const;
  const PacingView& pacing() const { return pacing_; }
  const sim::Glossary* glossary() const { return glossary_ ? &*glossary_ : nullptr; }
  // The prices for the cost panel (lessons/prices.json); null when the file did not load, and then
  // prices_error() says why (the panel shows it; nothing is priced).
  const sim::PriceTable* prices() const { return prices_ ? &*prices_ : nullptr; }
  const std::string& prices_error() const { return prices_error_; }
  sim::Lang lang() const { return lang_; }
  int chosen_answer() const { return chosen_answer_; }  // -1 until the learner answers
  // Everything the learner did in this run, enough to replay it (sim::ReplayRunLog).
  const sim::RunLog& log() const { return log_; }
  // [SECTION] The timeline: the run can be rewound to any tick of the current step.
  // The current step's first tick and the live edge (the furthest tick this branch has reached).
  int64_t step_start_tick() const { return step_start_tick_; }
  int64_t live_tick() const { return live_tick_; }
  bool rewound() const;  // showing an earlier moment than the live edge
  // The branch a fork replaced (the learner's earlier future), kept to compare with; empty until a
  // change is made while rewound.
  const std::optional<sim::RunLog>& previous_branch() const { return previous_branch_; }
  const sim::RunTimeline& timeline() const { return timeline_; }
  // The first tick the strip reaches: the current step's, or in the sandbox the whole run's.
  int64_t rewind_first_tick() const;
  // The strip's marks from rewind_first_tick() to the live edge (timeline_marks.h).
  std::vector<TimelineMark> Marks() const;
  // The run as a link: the page's address (if any), then "#lesson=ID&seed=S&run=..." holding the
  // run's log up to the moment shown. Opening it replays to the same trace hash.
  std::string ShareLink() const;
  const std::string& shared_link() const { return shared_link_; }  // the last one ShareRun made
  uint64_t share_serial() const { return share_serial_; }
  // "What happened" in this step at the live edge: kept while rewound, so the story stays whole
  // while the learner looks at one of its moments.
  const sim::Story& live_story() const { return live_story_; }
  // [SECTION] Comparing: both runs advance together in the LessonRun (run()->comparison()).
  CompareOrigin compare_origin() const;
  // The learner can open a comparison here: not in a comparison step, not already comparing.
  bool CanStartCompare() const;
  // [SECTION] Embedded: the scope (null when not embedded), whether a step is within it, and
  // whether the page has the lesson out of view (then it stands still).
  const EmbedScope* embed() const { return embedded_ ? &embed_scope_ : nullptr; }
  bool CanGoToStep(int step) const;
  bool out_of_view() const { return out_of_view_; }
  std::string FullTutorialLink() const;

  // Change when a fresh run starts (a new Sim) and when a step starts, so the views can reset
  // what they keep per run (flying dots, selection) and per step (hints shown).
  uint64_t run_serial() const { return run_serial_; }
  uint64_t step_serial() const { return step_serial_; }
  uint64_t rewind_serial() const { return rewind_serial_; }  // a rewind replaced the Sim
  // The last notice the platform could not show itself (natively), and a count of notices.
  const std::string& notice() const { return notice_; }
  uint64_t notice_serial() const { return notice_serial_; }

 private:
  bool BlockedByQuestion() const;
  void AdvanceTicks(int64_t ticks);
  void AfterModelAdvanced();
  void StartRun(std::shared_ptr<const sim::Lesson> lesson, int step, uint64_t seed);
  void EnterStep(int step);
  void OnStepStarted();
  void FinishLesson();
  void ApplyUrlHash(const std::string& hash, bool at_startup);
  std::string OpeningLessonId() const;
  bool LoadOpeningLesson();
  void LoadAllLessons();
  void SaveProgress();
  void Notice(const std::string& text);
  void MergeIn(const sim::Progress& other);
  void ImportProgressCode(const std::string& code);
  void Announce(const std::string& text);
  void SyncUrl();
  void SetLanguage(sim::Lang lang);
  void Rewind(int64_t tick);
  void OpenSharedRun(std::shared_ptr<const sim::Lesson> lesson, const sim::SharedRun& shared);
  void ReplayDueEntries();
  void Log(std::variant<sim::Command, sim::StepStarted> what);
  void OpenLinkText(const std::string& text);
  void CopyToClipboard(const std::string& text);
  void CompareWithBranch();

  std::string data_dir_;
  PlatformServices services_;
  LessonList lessons_;
  std::optional<sim::Glossary> glossary_;  // for the term glosses; the tutorial runs without it
  std::optional<sim::PriceTable> prices_;  // for the cost panel; the tutorial runs without it
  std::string prices_error_;
  bool rest_of_lessons_pending_ = false;
  bool opening_was_first_file_ = false;  // no link or save named a lesson
  std::shared_ptr<const sim::Lesson> lesson_;  // the running lesson; outlives any reload
  std::unique_ptr<sim::LessonRun> run_;
  sim::RunLog log_;
  sim::RunTimeline timeline_;
  size_t replayed_ = 0;  // log entries already in the run (all of them when live)
  int64_t live_tick_ = 0;
  int64_t step_start_tick_ = 0;
  std::optional<sim::RunLog> previous_branch_;
  MarkRecorder marks_;
  std::string shared_link_;
  uint64_t share_serial_ = 0;
  sim::Story live_story_;
  CompareOrigin compare_origin_ = CompareOrigin::None;  // of a comparison the learner opened
  sim::Progress progress_;
  sim::Lang lang_ = sim::Lang::Ko;
  int chosen_answer_ = -1;
  PacingView pacing_;
  double tick_accumulator_us_ = 0.0;
  sim::TimeUs ff_target_us_ = 0;
  sim::TimeUs ff_start_us_ = 0;
  bool step_passed_seen_ = false;
  std::vector<sim::GoalState> goal_states_seen_;
  uint64_t events_seen_ = 0;
  double clock_s_ = 0.0;  // wall-clock seconds summed from Advance; paces announcements
  double last_event_announce_s_ = -100.0;
  std::string last_hash_;
  uint64_t frames_ = 0;
  uint64_t run_serial_ = 0;
  uint64_t step_serial_ = 0;
  uint64_t rewind_serial_ = 0;
  std::string notice_;
  uint64_t notice_serial_ = 0;
  std::string set_aside_blob_;  // a corrupt save already backed up (not backed up twice)
  bool save_blocked_ = false;   // a corrupt save could not be backed up: never write over it
  bool embedded_ = false;
  EmbedScope embed_scope_;
  bool out_of_view_ = false;
  bool resume_in_view_ = false;  // it was playing when the page scrolled it out of view
};

}  // namespace ui
