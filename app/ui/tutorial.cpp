// The tutorial controller. Index:
//   [SECTION] Startup      lessons, saved progress, language, URL state
//   [SECTION] Runs         a fresh run, the next step, progress, notices
//   [SECTION] Pacing       wall-clock time -> whole ticks; fast-forward spread over frames
//   [SECTION] Timeline     rewind, fork, the strip's marks
//   [SECTION] Sharing      the run as a link; pasted links and seeds; the clipboard
//   [SECTION] Embedded     one lesson or step inside another page; out of view it stands still
//   [SECTION] Commands     what each command does
#include "ui/tutorial.h"

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <utility>

#include "statelab/overloaded.h"
#include "statelab/sim.h"
#include "statelab/url_state.h"
#include "ui/describe.h"
#include "ui/model_text.h"
#include "ui/strings.h"

namespace ui {

using sim::Overloaded;

namespace {

using Clock = std::chrono::steady_clock;

// Wall-clock time the model may use per frame, so the page stays responsive at any speed.
constexpr double kTickBudgetMs = 10.0;
constexpr double kFastForwardBudgetMs = 14.0;

double MsSince(Clock::time_point t0) {
  return std::chrono::duration<double, std::milli>(Clock::now() - t0).count();
}

bool StartsWithKo(const std::string& s) { return s.size() >= 2 && (s[0] == 'k' || s[0] == 'K') && (s[1] == 'o' || s[1] == 'O'); }

int64_t TickOf(const sim::LessonRun& run) { return run.sim().now_us() / sim::kTickUs; }

}  // namespace

std::shared_ptr<const sim::Lesson> LessonList::Find(std::string_view id) const {
  for (const auto& l : lessons) {
    if (l->id == id) return l;
  }
  return nullptr;
}

// [SECTION] Startup
Tutorial::Tutorial(std::string data_dir, PlatformServices services, bool embedded)
    : data_dir_(std::move(data_dir)), services_(std::move(services)), embedded_(embedded) {
  PlatformServices& s = services_;
  // An empty or unreadable save (natively read as "") is corrupt, never absent; one with bad
  // fields keeps the rest. Either way the original is set aside first, and the notice says where.
  bool set_aside = false, salvaged = false;
  std::string backup, why;
  if (s.load_progress) {
    if (std::optional<std::string> blob = s.load_progress(); blob) {
      sim::ProgressLoad loaded = sim::ParseProgress(*blob, "saved progress");
      salvaged = loaded.progress && !loaded.dropped.empty();
      for (const sim::ProgressDropped& d : loaded.dropped) why += (why.empty() ? "" : ", ") + d.path;
      if (!loaded.progress) why = loaded.error;
      if (!loaded.progress || salvaged) {
        set_aside = true;
        backup = s.backup_corrupt_progress ? s.backup_corrupt_progress(*blob) : std::string();
        set_aside_blob_ = *blob;
        save_blocked_ = backup.empty();
      }
      if (loaded.progress) progress_ = std::move(*loaded.progress);
    }
  }

  // Language: what the learner chose before, else the browser's (Korean if it prefers Korean).
  if (progress_.language == "ko") {
    lang_ = sim::Lang::Ko;
  } else if (progress_.language == "en") {
    lang_ = sim::Lang::En;
  } else {
    lang_ = StartsWithKo(s.preferred_language ? s.preferred_language() : std::string()) ? sim::Lang::Ko
                                                                                        : sim::Lang::En;
  }
  if (s.set_document_language) s.set_document_language(std::string(sim::Name(lang_)));
  if (set_aside && save_blocked_) {
    Notice(Tr(S::NoticeBackupFailed, lang_));
  } else if (set_aside) {
    Notice(salvaged ? Fmt(lang_, S::NoticeSaveFieldsDropped, why.c_str(), backup.c_str())
                    : Fmt(lang_, S::NoticeCorruptSave, backup.c_str()));
  }

  last_hash_ = s.url_hash ? s.url_hash() : std::string();
  // The first frame needs only the lesson the learner opens. When a file's name says which one
  // it is, that file alone is parsed now and the rest before the second frame, so the page
  // draws sooner (parsing every lesson is most of the start-up work in the browser).
  if (!LoadOpeningLesson()) LoadAllLessons();
  ApplyUrlHash(last_hash_, true);
}

Tutorial::~Tutorial() = default;

std::string Tutorial::OpeningLessonId() const {
  if (!last_hash_.empty()) {
    const sim::UrlStateResult r = sim::ParseUrlState(last_hash_);
    if (r.state && r.state->lesson) return *r.state->lesson;
  }
  return embedded_ ? std::string() : progress_.current_lesson;  // an embed opens what its address names
}

bool Tutorial::LoadOpeningLesson() {
  std::vector<sim::ValidationError> errors;
  const std::vector<std::string> files = sim::ListLessonFiles(data_dir_ + "/lessons", &errors);
  if (files.empty()) return false;
  // The first file by name when nothing asks for a lesson; else "<id>.json" or "NN-<id>.json".
  const std::string id = OpeningLessonId();
  const std::string* file = id.empty() ? &files.front() : nullptr;
  for (size_t i = 0; file == nullptr && i < files.size(); ++i) {
    const std::string stem = std::filesystem::path(files[i]).stem().string();
    if (stem == id || (stem.size() > id.size() && stem.compare(stem.size() - id.size(), id.size(), id) == 0 &&
                       stem[stem.size() - id.size() - 1] == '-')) {
      file = &files[i];
    }
  }
  if (file == nullptr) return false;
  sim::Parsed<sim::Lesson> parsed = sim::LoadLessonFile(*file);
  if (!parsed.ok() || (!id.empty() && parsed.value->id != id)) return false;
  lessons_.lessons.push_back(std::make_shared<const sim::Lesson>(std::move(*parsed.value)));
  rest_of_lessons_pending_ = true;
  opening_was_first_file_ = id.empty();
  return true;
}

void Tutorial::LoadAllLessons() {
  sim::LessonSet set = sim::LoadLessons(data_dir_ + "/lessons");
  LessonList list;
  list.errors = std::move(set.errors);
  for (sim::Lesson& lesson : set.lessons) {
    // The lesson loaded for the first frame stays the same object: the run holds it.
    std::shared_ptr<const sim::Lesson> same = lessons_.Find(lesson.id);
    list.lessons.push_back(same && same->file == lesson.file ? std::move(same)
                                                              : std::make_shared<const sim::Lesson>(std::move(lesson)));
  }
  lessons_ = std::move(list);
  rest_of_lessons_pending_ = false;
  // The glossary only adds glosses beside the narration; without it the lessons run as before.
  if (auto glossary = sim::LoadGlossary(data_dir_ + "/lessons/glossary.json"); glossary.ok()) {
    glossary_ = std::move(*glossary.value);
  }
  if (auto prices = sim::LoadPriceTable(data_dir_ + "/lessons/prices.json"); prices.ok()) {
    prices_ = std::move(*prices.value);
    prices_error_.clear();
  } else {
    prices_.reset();
    prices_error_ = prices.error.Message();
  }
  if (!lessons_.errors.empty()) {
    Notice(Fmt(lang_, S::NoticeLessonErrors, static_cast<int>(lessons_.errors.size())));
  }
  // On a first visit the opening lesson was the first file by name; with every lesson known,
  // the first by order may be another (file names out of order). Nothing has run yet.
  if (run_ && opening_was_first_file_ && !lessons_.lessons.empty() && lessons_.lessons.front() != lesson_) {
    const auto& first = lessons_.lessons.front();
    if (embedded_) embed_scope_.lesson = first->id;
    StartRun(first, 0, first->config.seed);
  }
  opening_was_first_file_ = false;
}

void Tutorial::ApplyUrlHash(const std::string& hash, bool at_startup) {
  if (lessons_.lessons.empty()) return;
  std::shared_ptr<const sim::Lesson> lesson;
  int step = -1;
  std::optional<uint64_t> seed;
  std::optional<sim::SharedRun> shared;
  if (!hash.empty()) {
    sim::UrlStateResult r = sim::ParseUrlState(hash);  // the bad parts dropped, the rest kept
    if (!r.dropped.empty()) Notice(LinkDroppedText(r.dropped, lang_));
    const bool scenario = r.state->run && r.state->run->log.source == sim::RunSource::Scenario;
    if (scenario) Notice(Tr(S::NoticeScenarioLink, lang_));
    // "#run=..." alone names its lesson inside the run.
    if (!r.state->lesson && r.state->run && !scenario) r.state->lesson = r.state->run->log.lesson;
    if (r.state->lesson) {
      lesson = lessons_.Find(*r.state->lesson);
      if (lesson == nullptr) Notice(Fmt(lang_, S::NoticeUnknownLesson, r.state->lesson->c_str()));
    }
    if (lesson != nullptr && r.state->step) {
      step = *r.state->step;
      if (step >= static_cast<int>(lesson->steps.size())) {
        Notice(Tr(S::NoticeBadStep, lang_));
        step = 0;
      }
    }
    if (lesson != nullptr) seed = r.state->seed;
    if (lesson != nullptr && r.state->run && r.state->run->log.lesson == lesson->id &&
        r.state->run->log.start_step < static_cast<int>(lesson->steps.size())) {
      shared = r.state->run;
    }
  }
  if (embedded_ && (lesson != nullptr || at_startup)) {
    // The embed keeps to what its address names: the lesson, and the step if it names one.
    const std::shared_ptr<const sim::Lesson>& shown = lesson != nullptr ? lesson : lessons_.lessons.front();
    embed_scope_.lesson = shown->id;
    embed_scope_.only_step = lesson != nullptr && step >= 0 && !shared ? std::optional<int>(step) : std::nullopt;
  }
  if (shared) {
    OpenSharedRun(std::move(lesson), *shared);
    return;
  }
  if (lesson == nullptr && !at_startup) {
    SyncUrl();  // put the address back to where we are
    return;
  }
  if (lesson == nullptr && !embedded_ && !progress_.current_lesson.empty()) {
    lesson = lessons_.Find(progress_.current_lesson);
    if (lesson != nullptr) step = std::clamp(progress_.current_step, 0, static_cast<int>(lesson->steps.size()) - 1);
  }
  if (lesson == nullptr) lesson = lessons_.lessons.front();
  if (step < 0) step = 0;
  const uint64_t chosen_seed = seed.value_or(lesson->config.seed);
  StartRun(std::move(lesson), step, chosen_seed);
}

// [SECTION] Runs
void Tutorial::SaveProgress() {
  if (!services_.save_progress || save_blocked_) return;
  MergeSavedProgress();  // another window or tab may have saved since: theirs is kept too
  if (save_blocked_) return;
  std::string error;
  if (!services_.save_progress(sim::SerializeProgress(progress_), &error)) {
    Notice(Fmt(lang_, S::NoticeSaveFailed, error.c_str()));
  }
}

void Tutorial::MergeSavedProgress() {
  if (!services_.load_progress) return;
  const std::optional<std::string> blob = services_.load_progress();
  if (!blob) return;
  sim::ProgressLoad saved = sim::ParseProgress(*blob, "saved progress");
  if ((!saved.progress || !saved.dropped.empty()) && *blob != set_aside_blob_) {
    // A save written since we started (not ours) that is corrupt or has bad fields: set it aside
    // before writing over it, as at start.
    set_aside_blob_ = *blob;
    const std::string backup = services_.backup_corrupt_progress ? services_.backup_corrupt_progress(*blob) : std::string();
    save_blocked_ = backup.empty();
    std::string why;
    for (const sim::ProgressDropped& d : saved.dropped) why += (why.empty() ? "" : ", ") + d.path;
    if (save_blocked_) {
      Notice(Tr(S::NoticeBackupFailed, lang_));
    } else if (saved.progress) {
      Notice(Fmt(lang_, S::NoticeSaveFieldsDropped, why.c_str(), backup.c_str()));
    } else {
      Notice(Fmt(lang_, S::NoticeOtherSaveCorrupt, backup.c_str()));
    }
  }
  if (!saved.progress) return;
  MergeIn(*saved.progress);
}

void Tutorial::MergeIn(const sim::Progress& other) {
  progress_ = sim::MergeProgress(other, progress_);
  const sim::Lang lang = progress_.language == "ko" ? sim::Lang::Ko : sim::Lang::En;
  if (!progress_.language.empty() && lang != lang_) {  // the learner chose it in the other window last
    lang_ = lang;
    if (services_.set_document_language) services_.set_document_language(progress_.language);
  }
}

namespace {
constexpr const char* kProgressFileName = "statelab-progress.txt";
}  // namespace

std::string Tutorial::ProgressCode() const { return sim::EncodeProgressCode(progress_); }

// A code from another device: refused whole with a notice if it does not decode (nothing
// changes); otherwise the progress as it was is backed up, then merged with the code's, so a
// lesson completed on either device stays completed.
void Tutorial::ImportProgressCode(const std::string& code) {
  const sim::ProgressCodeResult r = sim::DecodeProgressCode(code);
  if (!r.progress) {
    Notice(Fmt(lang_, S::NoticeProgressCodeRefused, ProgressCodeProblemText(r.problem, lang_)));
    return;
  }
  const size_t before = progress_.completed.size();
  const std::string backup = services_.backup_corrupt_progress
                                 ? services_.backup_corrupt_progress(sim::SerializeProgress(progress_))
                                 : std::string("-");
  if (backup.empty()) {
    Notice(Tr(S::NoticeBackupFailed, lang_));
    return;
  }
  MergeIn(*r.progress);
  SaveProgress();
  Notice(Fmt(lang_, S::NoticeProgressImported, static_cast<int>(progress_.completed.size() - before),
             static_cast<int>(progress_.completed.size())));
}

void Tutorial::Notice(const std::string& text) {
  if (services_.show_notice && services_.show_notice(text)) return;
  notice_ = text;
  ++notice_serial_;
}

void Tutorial::Announce(const std::string& text) {
  if (services_.announce) services_.announce(text);
}

void Tutorial::SyncUrl() {
  if (!run_ || !services_.set_url_hash || embedded_) return;  // an embed's address is the host page's
  sim::UrlState st;
  st.lesson = run_->lesson().id;
  st.step = run_->step_index();
  st.seed = run_->seed();
  last_hash_ = sim::FormatUrlState(st);
  services_.set_url_hash(last_hash_);
}

void Tutorial::SetLanguage(sim::Lang lang) {
  MergeSavedProgress();  // first, so this choice counts from the latest save's and wins the merge
  lang_ = lang;
  progress_.ChooseLanguage(sim::Name(lang));
  if (services_.set_document_language) services_.set_document_language(progress_.language);
  SaveProgress();
}

// A fresh Sim for `lesson` at `step`: the runtime plays the earlier steps with their reference
// solutions, so the stack is as a learner who went through them would have left it.
void Tutorial::StartRun(std::shared_ptr<const sim::Lesson> lesson, int step, uint64_t seed) {
  step = std::clamp(step, 0, std::max(0, static_cast<int>(lesson->steps.size()) - 1));
  run_.reset();  // the old run refers to the old lesson: it goes first
  lesson_ = std::move(lesson);
  run_ = std::make_unique<sim::LessonRun>(*lesson_, seed);
  run_->StartAt(step);
  log_ = sim::RunLog{lesson_->id, step, seed, {}};
  timeline_.Reset(*run_);
  marks_.Reset(*run_);
  replayed_ = 0;
  live_tick_ = step_start_tick_ = TickOf(*run_);
  previous_branch_.reset();
  events_seen_ = 0;
  ++run_serial_;
  OnStepStarted();
}

void Tutorial::EnterStep(int step) {
  if (!run_) return;
  const int n = static_cast<int>(run_->lesson().steps.size());
  step = std::clamp(step, 0, n - 1);
  if (step == run_->step_index() + 1) {
    // Forward by one: the stack keeps running as the learner left it.
    Log(sim::StepStarted{step});
    run_->StartStep(step);
    step_start_tick_ = TickOf(*run_);
    OnStepStarted();
  } else {
    StartRun(lesson_, step, run_->seed());
  }
}

void Tutorial::OnStepStarted() {
  pacing_.playing = false;
  pacing_.fast_forwarding = false;
  tick_accumulator_us_ = 0;
  chosen_answer_ = -1;
  ++step_serial_;
  live_story_ = run_->StepStory();
  step_passed_seen_ = run_->StepPassed();
  goal_states_seen_.assign(run_->goals().size(), sim::GoalState::Pending);
  const sim::Lesson& lesson = run_->lesson();
  if (!embedded_) {  // an embed leaves the full tutorial's place alone, even sharing its progress
    progress_.current_lesson = lesson.id;
    progress_.current_step = run_->step_index();
  }
  int& furthest = progress_.furthest_step[lesson.id];
  furthest = std::max(furthest, run_->step_index());
  SaveProgress();
  SyncUrl();
  const sim::LessonStep& st = run_->step();
  Announce(Fmt(lang_, S::AnnounceStep, lesson.title.In(lang_).c_str(), run_->step_index() + 1,
               static_cast<int>(lesson.steps.size()), st.title.In(lang_).c_str(), st.narration.In(lang_).c_str()));
}

void Tutorial::FinishLesson() {
  if (!run_) return;
  const sim::Lesson& lesson = run_->lesson();
  if (run_->StepPassed()) progress_.MarkCompleted(lesson.id);
  if (lesson.graded && run_->Grade().decided) {
    // A challenge is done with the grade earned, the same letter the CLI prints.
    progress_.MarkCompleted(lesson.id);
    progress_.RecordGrade(lesson.id, run_->Grade().letter);
  }
  // Open the next lesson in order, if any (an embed keeps to its lesson).
  const auto& all = lessons_.lessons;
  for (size_t i = 0; !embedded_ && i + 1 < all.size(); ++i) {
    if (all[i]->id == lesson.id) {
      StartRun(all[i + 1], 0, all[i + 1]->config.seed);
      return;
    }
  }
  SaveProgress();
}

// [SECTION] Pacing
void Tutorial::BeginFrame() {
  if (rest_of_lessons_pending_ && frames_ > 0) LoadAllLessons();  // before any input is handled
  ++frames_;
  // The address may change without a reload (a pasted link, back/forward).
  if (services_.url_hash && frames_ % 15 == 0) {
    const std::string hash = services_.url_hash();
    if (hash != last_hash_) {
      last_hash_ = hash;
      ApplyUrlHash(hash, false);
    }
  }
}

bool Tutorial::BlockedByQuestion() const {
  return run_ && run_->step().question && run_->step().question->kind == sim::QuestionKind::Predict &&
         chosen_answer_ < 0;
}

void Tutorial::Advance(float dt_s) {
  clock_s_ += dt_s;
  pacing_.blocked_by_question = BlockedByQuestion();
  if (!run_ || pacing_.blocked_by_question || out_of_view_) return;
  const auto t0 = Clock::now();
  if (pacing_.fast_forwarding) {
    // Whole ticks until the budget is spent; the progress bar shows how far we are.
    while (run_->sim().now_us() < ff_target_us_ && pacing_.fast_forwarding) {
      AdvanceTicks(10);
      if (MsSince(t0) > kFastForwardBudgetMs) break;
    }
    const sim::TimeUs span = std::max<sim::TimeUs>(1, ff_target_us_ - ff_start_us_);
    pacing_.fast_forward_fraction =
        std::clamp(static_cast<float>(run_->sim().now_us() - ff_start_us_) / static_cast<float>(span), 0.0f, 1.0f);
    if (run_->sim().now_us() >= ff_target_us_) pacing_.fast_forwarding = false;
  } else if (pacing_.playing) {
    // At 1x one simulated second per real second; only whole ticks reach the model.
    tick_accumulator_us_ += static_cast<double>(dt_s) * static_cast<double>(kSpeeds[pacing_.speed_index]) * 1e6;
    int64_t ticks = static_cast<int64_t>(tick_accumulator_us_ / static_cast<double>(sim::kTickUs));
    tick_accumulator_us_ -= static_cast<double>(ticks) * static_cast<double>(sim::kTickUs);
    bool lagging = false;
    while (ticks > 0 && pacing_.playing) {
      const int64_t chunk = std::min<int64_t>(ticks, 5);
      AdvanceTicks(chunk);
      ticks -= chunk;
      if (ticks > 0 && MsSince(t0) > kTickBudgetMs) {
        lagging = true;  // drop the rest: slower than asked beats a frozen page
        break;
      }
    }
    pacing_.lagging = lagging;
  }
}

void Tutorial::AdvanceTicks(int64_t ticks) {
  for (int64_t i = 0; i < ticks; ++i) {
    ReplayDueEntries();
    run_->Tick();
    if (TickOf(*run_) > live_tick_) {  // new ground: the timeline keeps a copy now and then
      live_tick_ = TickOf(*run_);
      timeline_.Note(*run_);
      marks_.Note(*run_);
    }
    // A step that has just passed ends a fast-forward at that moment.
    if (!step_passed_seen_ && run_->StepPassed()) {
      AfterModelAdvanced();
      return;
    }
  }
  AfterModelAdvanced();
}

void Tutorial::AfterModelAdvanced() {
  const sim::Lesson& lesson = run_->lesson();
  if (!rewound()) live_story_ = run_->StepStory();
  // Goals newly met.
  const auto& goals = run_->goals();
  goal_states_seen_.resize(goals.size(), sim::GoalState::Pending);
  for (size_t i = 0; i < goals.size(); ++i) {
    if (goals[i].state == sim::GoalState::Met && goal_states_seen_[i] != sim::GoalState::Met &&
        i < run_->step().goals.size()) {
      Announce(Fmt(lang_, S::AnnounceGoalMet, run_->step().goals[i].text.In(lang_).c_str()));
    }
    goal_states_seen_[i] = goals[i].state;
  }
  if (!step_passed_seen_ && run_->StepPassed()) {
    // Fast-forward stops here so the learner sees the moment; playing goes on (the goals are met
    // and stay met) until they move on.
    step_passed_seen_ = true;
    pacing_.fast_forwarding = false;
    const bool last = run_->step_index() + 1 >= static_cast<int>(lesson.steps.size());
    if (last) {
      progress_.MarkCompleted(lesson.id);
      if (lesson.graded) progress_.RecordGrade(lesson.id, run_->Grade().letter);
      SaveProgress();
      Announce(Fmt(lang_, S::AnnounceLessonDone, lesson.title.In(lang_).c_str()));
    } else {
      Announce(Fmt(lang_, S::AnnounceStepPassed, run_->step().title.In(lang_).c_str()));
    }
  }
  // Important events, at most one every few seconds of wall time (a screen reader cannot keep up
  // with more, and the event log has the rest).
  const auto& events = run_->sim().events();
  const uint64_t total = events.total_pushed();
  if (events_seen_ > total) events_seen_ = 0;
  const uint64_t first = total - events.size();
  for (uint64_t k = std::max(events_seen_, first); k < total; ++k) {
    const sim::EventRecord& r = events[static_cast<size_t>(k - first)];
    if (IsAnnounced(r.event) && clock_s_ - last_event_announce_s_ > 3.0) {
      Announce(EventText(r.event, lang_, &run_->sim()));
      last_event_announce_s_ = clock_s_;
    }
  }
  events_seen_ = total;
}

// A shared run (a link's run=): the lesson from the step the run opened at, with the same seed, and
// everything the learner did replayed to the moment it was shared. The same trace hash as theirs.
void Tutorial::OpenSharedRun(std::shared_ptr<const sim::Lesson> lesson, const sim::SharedRun& shared) {
  StartRun(std::move(lesson), shared.log.start_step, shared.log.seed);
  log_.entries = shared.log.entries;
  replayed_ = 0;
  while (TickOf(*run_) < shared.until_tick) {
    ReplayDueEntries();
    run_->Tick();
    live_tick_ = TickOf(*run_);
    timeline_.Note(*run_);
    marks_.Note(*run_);
  }
  // The step the run was on when shared, from its own start.
  for (const sim::RunLogEntry& e : log_.entries) {
    if (std::holds_alternative<sim::StepStarted>(e.what) && e.tick <= live_tick_) step_start_tick_ = e.tick;
  }
  OnStepStarted();
  events_seen_ = run_->sim().events().total_pushed();  // no announcements for what the link replayed
}

// [SECTION] Timeline
bool Tutorial::rewound() const { return run_ != nullptr && TickOf(*run_) < live_tick_; }

int64_t Tutorial::rewind_first_tick() const {
  return lesson_ && lesson_->sandbox ? timeline_.first_tick() : step_start_tick_;
}

std::vector<TimelineMark> Tutorial::Marks() const {
  return TimelineMarks(log_, marks_.noted(), rewind_first_tick(), live_tick_);
}

// The run at `tick` of this step: a copy from the timeline plus a short replay. Paused, so the
// learner sees the moment; playing on replays the rest of this branch.
void Tutorial::Rewind(int64_t tick) {
  if (!run_) return;
  tick = std::clamp(tick, rewind_first_tick(), live_tick_);
  std::unique_ptr<sim::LessonRun> at = timeline_.At(log_, tick);
  if (!at) return;
  run_ = std::move(at);
  // The log holds no comparison the learner opened, so a snapshot may or may not: rewinding ends it.
  run_->StopComparison();
  replayed_ = static_cast<size_t>(std::lower_bound(log_.entries.begin(), log_.entries.end(), tick,
                                                   [](const sim::RunLogEntry& e, int64_t t) { return e.tick < t; }) -
                                  log_.entries.begin());
  pacing_.playing = false;
  pacing_.fast_forwarding = false;
  tick_accumulator_us_ = 0;
  step_passed_seen_ = run_->StepPassed();
  goal_states_seen_.assign(run_->goals().size(), sim::GoalState::Pending);
  events_seen_ = run_->sim().events().total_pushed();  // no announcements for the past
  ++rewind_serial_;
}

// While rewound, what the learner did next in this branch comes back at its tick.
void Tutorial::ReplayDueEntries() {
  while (replayed_ < log_.entries.size() && log_.entries[replayed_].tick <= TickOf(*run_)) {
    std::visit(Overloaded{[&](const sim::Command& c) { run_->Apply(c); },
                          [&](const sim::StepStarted& s) { run_->StartStep(s.step); }},
               log_.entries[replayed_].what);
    ++replayed_;
  }
}

// A new entry at the run's tick. While rewound it forks: the old future is kept as the previous
// branch and this branch goes on from here.
CompareOrigin Tutorial::compare_origin() const {
  if (!run_ || run_->comparison() == nullptr) return CompareOrigin::None;
  return run_->step().compare ? CompareOrigin::Step : compare_origin_;
}

bool Tutorial::CanStartCompare() const { return run_ && run_->comparison() == nullptr && !run_->step().compare; }

// The earlier branch, replayed to this moment, becomes side A; the changes it made later are A's
// own script. Both count from the tick the branches parted.
void Tutorial::CompareWithBranch() {
  if (!CanStartCompare() || !previous_branch_ || !lesson_) return;
  const int64_t now = TickOf(*run_);
  const auto& old_entries = previous_branch_->entries;
  size_t common = 0;
  while (common < old_entries.size() && common < log_.entries.size() && old_entries[common] == log_.entries[common]) ++common;
  int64_t parted = now;
  if (common < old_entries.size()) parted = std::min(parted, old_entries[common].tick);
  if (common < log_.entries.size()) parted = std::min(parted, log_.entries[common].tick);
  std::unique_ptr<sim::LessonRun> at_fork = timeline_.At(log_, std::clamp(parted, timeline_.first_tick(), now));
  std::unique_ptr<sim::LessonRun> old_now = sim::ReplayRunLog(*lesson_, *previous_branch_, now);
  if (!at_fork || !old_now) return;
  auto comparison = std::make_unique<sim::Comparison>(at_fork->sim(), old_now->sim());
  for (const sim::RunLogEntry& e : old_entries) {
    const sim::Command* command = std::get_if<sim::Command>(&e.what);
    if (command != nullptr && e.tick >= now) comparison->ScriptA(e.tick * sim::kTickUs, *command);
  }
  run_->CompareWith(std::move(comparison));
  compare_origin_ = CompareOrigin::Branch;
}

void Tutorial::Log(std::variant<sim::Command, sim::StepStarted> what) {
  // A change while rewound forks: entries not yet replayed (this tick's included) and the seconds
  // up to the old live edge are the old future, kept as the previous branch. A fork with no later
  // entries still has one: the run as it went on without the change.
  if (replayed_ < log_.entries.size() || TickOf(*run_) < live_tick_) {
    previous_branch_ = log_;
    log_.entries.resize(replayed_);
    timeline_.TruncateAfter(TickOf(*run_));
    marks_.TruncateAfter(*run_);
    live_tick_ = TickOf(*run_);
  }
  log_.entries.push_back({TickOf(*run_), std::move(what)});
  replayed_ = log_.entries.size();
}

// [SECTION] Sharing: links and the clipboard
std::string Tutorial::ShareLink() const {
  if (!run_) return "";
  // The run up to the moment shown: a rewound run's later entries are its future, not shown.
  const int64_t until = TickOf(*run_);
  sim::RunLog log = log_;
  std::erase_if(log.entries, [until](const sim::RunLogEntry& e) { return e.tick > until; });
  sim::UrlState st;
  st.lesson = log.lesson;
  st.seed = log.seed;
  st.run = sim::SharedRun{std::move(log), until};
  return (services_.page_address ? services_.page_address() : std::string()) + "#" + sim::FormatUrlState(st);
}

void Tutorial::CopyToClipboard(const std::string& text) {
  if (services_.copy_text && services_.copy_text(text, Tr(S::NoticeCopyRefused, lang_))) {
    Announce(Tr(S::AnnounceCopied, lang_));
  } else {
    Notice(Tr(S::NoticeCopyRefused, lang_));
  }
}

// Pasted text or `statelab --open`: strict, unlike the address at start-up (which opens what it can
// of a damaged link): a link with any bad part opens nothing, so a stray paste never moves the
// learner or their saved place.
void Tutorial::OpenLinkText(const std::string& raw) {
  const size_t b = raw.find_first_not_of(" \t\r\n");
  const std::string text = b == std::string::npos ? "" : raw.substr(b, raw.find_last_not_of(" \t\r\n") - b + 1);
  if (!text.empty() && text.size() <= 20 && text.find_first_not_of("0123456789") == std::string::npos) {
    if (const std::optional<sim::UrlState> st = sim::ParseUrlState("seed=" + text).state; st && st->seed && run_) {
      StartRun(lesson_, run_->step_index(), *st->seed);
      return;
    }
  }
  std::string hash = text;
  bool linkish = true;
  if (const size_t h = text.find('#'); h != std::string::npos) {
    hash = text.substr(h + 1);
  } else if (text.find('=') == std::string::npos) {
    linkish = sim::DecodeRunLink(text).run.has_value();
    hash = "run=" + text;  // the bare run text
  }
  const sim::UrlStateResult r = sim::ParseUrlState(hash);
  const sim::UrlState& st = *r.state;
  if (text.empty() || !linkish || (r.dropped.empty() && !st.lesson && !st.run)) {
    Notice(Tr(S::NoticeNotALink, lang_));
    return;
  }
  auto refuse = [&](const std::string& why) { Notice(Fmt(lang_, S::NoticeLinkNotOpened, why.c_str())); };
  if (!r.dropped.empty()) return refuse(LinkPartsText(r.dropped, lang_));
  if (st.run && st.run->log.source == sim::RunSource::Scenario) return Notice(Tr(S::NoticeScenarioLink, lang_));
  const std::string id = st.run ? st.run->log.lesson : *st.lesson;
  std::shared_ptr<const sim::Lesson> lesson = lessons_.Find(id);
  if (lesson == nullptr || (st.lesson && *st.lesson != id)) {
    return refuse(Fmt(lang_, S::NoticeLinkUnknownLesson, (st.lesson ? *st.lesson : id).c_str()));
  }
  const int steps = static_cast<int>(lesson->steps.size());
  bool steps_fit = st.step.value_or(0) < steps && (!st.run || st.run->log.start_step < steps);
  for (const sim::RunLogEntry& e : st.run ? st.run->log.entries : std::vector<sim::RunLogEntry>{}) {
    if (const auto* s = std::get_if<sim::StepStarted>(&e.what)) steps_fit = steps_fit && s->step < steps;
  }
  if (!steps_fit) return refuse(Tr(S::NoticeLinkBadStep, lang_));
  if (embedded_ && !embed_scope_.Allows(id, st.run ? st.run->log.start_step : st.step.value_or(0))) {
    return Notice(Tr(S::NoticeEmbedElsewhere, lang_));
  }
  if (st.run) {
    OpenSharedRun(std::move(lesson), *st.run);
  } else {
    const uint64_t seed = st.seed.value_or(lesson->config.seed);
    StartRun(std::move(lesson), st.step.value_or(0), seed);
  }
}

// [SECTION] Embedded
std::string FullTutorialLink(std::string_view embed_address, std::string_view lesson, int step) {
  // The address without its query or hash, then the folder it is in.
  std::string_view page = embed_address.substr(0, embed_address.find_first_of("?#"));
  const size_t slash = page.rfind('/');
  const std::string folder(slash == std::string_view::npos ? std::string_view() : page.substr(0, slash + 1));
  sim::UrlState st;
  st.lesson = std::string(lesson);
  st.step = step;
  return folder + "index.html#" + sim::FormatUrlState(st);
}

std::string Tutorial::FullTutorialLink() const {
  if (!run_) return "";
  return ui::FullTutorialLink(services_.page_address ? services_.page_address() : std::string(),
                              run_->lesson().id, run_->step_index());
}

bool Tutorial::CanGoToStep(int step) const {
  if (!run_ || step < 0 || step >= static_cast<int>(run_->lesson().steps.size())) return false;
  return !embedded_ || embed_scope_.Allows(run_->lesson().id, step);
}

// [SECTION] Commands
void Tutorial::Dispatch(const AppCommand& command) {
  if (rest_of_lessons_pending_) LoadAllLessons();  // a command may name any lesson
  std::visit(
      Overloaded{
          [&](const ModelCommand& c) {
            if (!run_) return;
            Log(c.command);
            run_->Apply(c.command);
          },
          [&](const OpenLesson& c) {
            if (embedded_ && c.id != embed_scope_.lesson) return Notice(Tr(S::NoticeEmbedElsewhere, lang_));
            if (auto l = lessons_.Find(c.id)) {
              // Back to a lesson in progress: where the learner was.
              const int step = progress_.current_lesson == c.id ? progress_.current_step : 0;
              const uint64_t seed = l->config.seed;
              StartRun(std::move(l), step, seed);
            }
          },
          [&](const GoToStep& c) {
            if (CanGoToStep(c.step)) EnterStep(c.step);
          },
          [&](const RestartLesson&) {
            if (run_) StartRun(lesson_, embedded_ ? embed_scope_.only_step.value_or(0) : 0, run_->seed());
          },
          [&](const ui::FinishLesson&) { FinishLesson(); },
          [&](const ResetStep&) {
            if (run_) StartRun(lesson_, run_->step_index(), run_->seed());
          },
          [&](const SetPlaying& c) {
            resume_in_view_ = false;  // the learner's choice wins over what scrolling out of view kept
            pacing_.playing = c.playing && !BlockedByQuestion();
            tick_accumulator_us_ = 0;
          },
          [&](const StepOnce&) {
            if (!run_ || BlockedByQuestion()) return;
            pacing_.playing = false;
            AdvanceTicks(sim::kUsPerS / sim::kTickUs);
          },
          [&](const SetSpeed& c) { pacing_.speed_index = std::clamp(c.index, 0, kSpeedCount - 1); },
          [&](const FastForward& c) {
            if (!run_ || BlockedByQuestion()) return;
            pacing_.playing = false;
            pacing_.fast_forwarding = true;
            pacing_.fast_forward_fraction = 0.0f;
            pacing_.fast_forward_span_us = c.span_us;
            ff_start_us_ = run_->sim().now_us();
            ff_target_us_ = ff_start_us_ + c.span_us;
          },
          [&](const CancelFastForward&) { pacing_.fast_forwarding = false; },
          [&](const SetSeed& c) {
            if (run_) StartRun(lesson_, run_->step_index(), c.seed);
          },
          [&](const ui::SetLanguage& c) { SetLanguage(c.lang); },
          [&](const AnswerQuestion& c) { chosen_answer_ = c.choice; },
          [&](const RewindTo& c) { Rewind(c.tick); },
          [&](const BackToLive&) { Rewind(live_tick_); },
          [&](const ImportProgress& c) { ImportProgressCode(c.code); },
          [&](const ExportProgressFile&) {
            const std::string where =
                services_.save_text_file ? services_.save_text_file(kProgressFileName, ProgressCode() + "\n") : "";
            Notice(where.empty() ? std::string(Tr(S::NoticeProgressFileFailed, lang_))
                                 : Fmt(lang_, S::NoticeProgressFileSaved, where.c_str()));
          },
          [&](const PickProgressFile&) {
            if (!services_.pick_text_file || !services_.pick_text_file()) Notice(Tr(S::NoticeProgressDropFile, lang_));
          },
          [&](const DescribeStackNow&) {
            if (!run_) return;
            const std::string text = DescribeStack(run_->sim(), lang_);
            if (services_.announce) Announce(text);
            else Notice(text);
          },
          [&](const ShareRun&) {
            shared_link_ = ShareLink();
            ++share_serial_;
            if (!shared_link_.empty()) CopyToClipboard(shared_link_);
          },
          [&](const CopyText& c) { CopyToClipboard(c.text); },
          [&](const OpenLink& c) { OpenLinkText(c.text); },
          [&](const PasteFromClipboard&) {
            if (!services_.read_clipboard) return;
            if (std::optional<std::string> text = services_.read_clipboard(Tr(S::NoticePasteRefused, lang_))) {
              OpenLinkText(*text);
            }
          },
          [&](const StartCompare&) {
            if (!CanStartCompare()) return;
            run_->StartComparison();
            compare_origin_ = CompareOrigin::Fork;
          },
          [&](const CompareWithPreviousBranch&) { CompareWithBranch(); },
          [&](const StopCompare&) {
            if (run_) run_->StopComparison();
          },
          [&](const SetInView& c) {
            if (c.in_view == !out_of_view_) return;
            out_of_view_ = !c.in_view;
            if (out_of_view_) {
              resume_in_view_ = pacing_.playing;
              pacing_.playing = false;
            } else {
              pacing_.playing = resume_in_view_ && !BlockedByQuestion();
              resume_in_view_ = false;
              tick_accumulator_us_ = 0;
            }
          },
          [&](const OpenFullTutorial&) {
            const std::string link = FullTutorialLink();
            if (link.empty()) return;
            if (!services_.open_url || !services_.open_url(link)) Notice(Fmt(lang_, S::NoticeOpenFailed, link.c_str()));
          },
      },
      command);
}

}  // namespace ui
