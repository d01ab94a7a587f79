// The controller. Index:
//   [SECTION] Startup      lessons, saved progress, language, URL state
//   [SECTION] Pacing       wall-clock frame time -> whole ticks; fast-forward spread over frames
//   [SECTION] Commands     what each view command does
//   [SECTION] Layout       fixed windows laid out from the viewport (wide, medium, phone)
//   [SECTION] Test hook    JSON snapshot of named widget rects
#include "statelab/overloaded.h"
#include "ui/app.h"

#include <algorithm>
#include <cinttypes>
#include <cstdio>
#include <filesystem>
#include <utility>

#include "imgui.h"
#include "statelab/sim.h"
#include "statelab/url_state.h"
#include "ui/model_text.h"
#include "ui/strings.h"
#include "ui/theme.h"
#include "ui/views.h"
#include "ui/widgets.h"

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

const sim::StepControls& NoControls() {
  static const sim::StepControls kNone{};  // an empty constant, not model data
  return kNone;
}

}  // namespace

// [SECTION] Startup
App::App(AppOptions options) : options_(std::move(options)) {
  PlatformServices& s = options_.services;
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
    ui_.lang = sim::Lang::Ko;
  } else if (progress_.language == "en") {
    ui_.lang = sim::Lang::En;
  } else {
    ui_.lang = StartsWithKo(s.preferred_language ? s.preferred_language() : std::string()) ? sim::Lang::Ko
                                                                                             : sim::Lang::En;
  }
  if (s.set_document_language) s.set_document_language(std::string(sim::Name(ui_.lang)));
  if (set_aside && save_blocked_) {
    Notice(Tr(S::NoticeBackupFailed, ui_.lang));
  } else if (set_aside) {
    Notice(salvaged ? Fmt(ui_.lang, S::NoticeSaveFieldsDropped, why.c_str(), backup.c_str())
                    : Fmt(ui_.lang, S::NoticeCorruptSave, backup.c_str()));
  }

  last_hash_ = s.url_hash ? s.url_hash() : std::string();
  // The first frame needs only the lesson the learner opens. When a file's name says which one
  // it is, that file alone is parsed now and the rest before the second frame, so the page
  // draws sooner (parsing every lesson is most of the start-up work in the browser).
  if (!LoadOpeningLesson()) LoadAllLessons();
  ApplyUrlHash(last_hash_, true);
}

std::string App::OpeningLessonId() const {
  if (!last_hash_.empty()) {
    const sim::UrlStateResult r = sim::ParseUrlState(last_hash_);
    if (r.state && r.state->lesson) return *r.state->lesson;
  }
  return progress_.current_lesson;
}

bool App::LoadOpeningLesson() {
  std::vector<sim::ValidationError> errors;
  const std::vector<std::string> files = sim::ListLessonFiles(options_.data_dir + "/lessons", &errors);
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
  lessons_.lessons.push_back(std::move(*parsed.value));
  rest_of_lessons_pending_ = true;
  opening_was_first_file_ = id.empty();
  return true;
}

void App::LoadAllLessons() {
  // The lesson open now may live in the set being replaced: keep that set (a moved vector keeps
  // its elements where they are).
  opening_lessons_ = std::move(lessons_);
  lessons_ = sim::LoadLessons(options_.data_dir + "/lessons");
  rest_of_lessons_pending_ = false;
  // The glossary only adds glosses beside the narration; without it the lessons run as before.
  if (auto glossary = sim::LoadGlossary(options_.data_dir + "/lessons/glossary.json"); glossary.ok()) {
    glossary_ = std::move(*glossary.value);
  }
  if (!lessons_.errors.empty()) {
    Notice(Fmt(ui_.lang, S::NoticeLessonErrors, static_cast<int>(lessons_.errors.size())));
  }
  // On a first visit the opening lesson was the first file by name; with every lesson known,
  // the first by order may be another (file names out of order). Nothing has run yet.
  if (run_ && opening_was_first_file_ && !lessons_.lessons.empty() &&
      lessons_.lessons.front().id != run_->lesson().id) {
    const sim::Lesson& first = lessons_.lessons.front();
    StartRun(first, 0, first.config.seed);
  }
  opening_was_first_file_ = false;
}

App::~App() = default;

void App::ApplyUrlHash(const std::string& hash, bool at_startup) {
  if (lessons_.lessons.empty()) return;
  const sim::Lesson* lesson = nullptr;
  int step = -1;
  std::optional<uint64_t> seed;
  if (!hash.empty()) {
    const sim::UrlStateResult r = sim::ParseUrlState(hash);  // the bad parts dropped, the rest kept
    if (!r.dropped.empty()) Notice(LinkDroppedText(r.dropped, ui_.lang));
    if (r.state->lesson) {
      lesson = lessons_.Find(*r.state->lesson);
      if (lesson == nullptr) Notice(Fmt(ui_.lang, S::NoticeUnknownLesson, r.state->lesson->c_str()));
    }
    if (lesson != nullptr && r.state->step) {
      step = *r.state->step;
      if (step >= static_cast<int>(lesson->steps.size())) {
        Notice(Tr(S::NoticeBadStep, ui_.lang));
        step = 0;
      }
    }
    if (lesson != nullptr) seed = r.state->seed;
  }
  if (lesson == nullptr && !at_startup) {
    SyncUrl();  // put the address back to where we are
    return;
  }
  if (lesson == nullptr && !progress_.current_lesson.empty()) {
    lesson = lessons_.Find(progress_.current_lesson);
    if (lesson != nullptr) step = std::clamp(progress_.current_step, 0, static_cast<int>(lesson->steps.size()) - 1);
  }
  if (lesson == nullptr) lesson = &lessons_.lessons.front();
  if (step < 0) step = 0;
  StartRun(*lesson, step, seed.value_or(lesson->config.seed));
}

void App::SaveProgress() {
  if (!options_.services.save_progress || save_blocked_) return;
  MergeSavedProgress();  // another window or tab may have saved since: theirs is kept too
  if (save_blocked_) return;
  std::string error;
  if (!options_.services.save_progress(sim::SerializeProgress(progress_), &error)) {
    Notice(Fmt(ui_.lang, S::NoticeSaveFailed, error.c_str()));
  }
}

void App::MergeSavedProgress() {
  if (!options_.services.load_progress) return;
  const std::optional<std::string> blob = options_.services.load_progress();
  if (!blob) return;
  sim::ProgressLoad saved = sim::ParseProgress(*blob, "saved progress");
  if (!saved.progress && *blob != set_aside_blob_) {
    // A corrupt save written since we started (not ours): set it aside before writing over it.
    set_aside_blob_ = *blob;
    const std::string backup =
        options_.services.backup_corrupt_progress ? options_.services.backup_corrupt_progress(*blob) : std::string();
    save_blocked_ = backup.empty();
    Notice(save_blocked_ ? std::string(Tr(S::NoticeBackupFailed, ui_.lang))
                         : Fmt(ui_.lang, S::NoticeCorruptSave, backup.c_str()));
  }
  if (!saved.progress) return;
  progress_ = sim::MergeProgress(*saved.progress, progress_);
  const sim::Lang lang = progress_.language == "ko" ? sim::Lang::Ko : sim::Lang::En;
  if (!progress_.language.empty() && lang != ui_.lang) {  // the learner chose it in the other window last
    ui_.lang = lang;
    if (options_.services.set_document_language) options_.services.set_document_language(progress_.language);
  }
}

void App::Notice(const std::string& text) {
  if (options_.services.show_notice && options_.services.show_notice(text)) return;
  ui_.native_notice = text;
  ui_.native_notice_until_s = ui_.clock_s + 10.0;
}

void App::Announce(const std::string& text) {
  if (options_.services.announce) options_.services.announce(text);
}

void App::SyncUrl() {
  if (!run_ || !options_.services.set_url_hash) return;
  sim::UrlState st;
  st.lesson = run_->lesson().id;
  st.step = run_->step_index();
  st.seed = run_->seed();
  last_hash_ = sim::FormatUrlState(st);
  options_.services.set_url_hash(last_hash_);
}

void App::SetLanguage(sim::Lang lang) {
  ui_.lang = lang;
  progress_.ChooseLanguage(sim::Name(lang));
  if (options_.services.set_document_language) options_.services.set_document_language(progress_.language);
  SaveProgress();
}

// A fresh Sim for `lesson` at `step`: the runtime plays the earlier steps with their reference
// solutions, so the stack is as a learner who went through them would have left it.
void App::StartRun(const sim::Lesson& lesson, int step, uint64_t seed) {
  run_ = std::make_unique<sim::LessonRun>(lesson, seed);
  run_->StartAt(std::clamp(step, 0, std::max(0, static_cast<int>(lesson.steps.size()) - 1)));
  ui_.dots.clear();
  ui_.traces_seen = 0;
  ui_.selection = {};
  events_seen_ = 0;
  OnStepStarted();
}

void App::EnterStep(int step) {
  if (!run_) return;
  const int n = static_cast<int>(run_->lesson().steps.size());
  step = std::clamp(step, 0, n - 1);
  if (step == run_->step_index() + 1) {
    run_->StartStep(step);  // forward by one: the stack keeps running as the learner left it
    OnStepStarted();
  } else {
    StartRun(run_->lesson(), step, run_->seed());
  }
}

void App::OnStepStarted() {
  pacing_.playing = false;
  pacing_.fast_forwarding = false;
  tick_accumulator_us_ = 0;
  ui_.hints_shown = 0;
  ui_.chosen_answer = -1;
  step_passed_seen_ = run_->StepPassed();
  goal_states_seen_.assign(run_->goals().size(), sim::GoalState::Pending);
  const sim::Lesson& lesson = run_->lesson();
  progress_.current_lesson = lesson.id;
  progress_.current_step = run_->step_index();
  int& furthest = progress_.furthest_step[lesson.id];
  furthest = std::max(furthest, run_->step_index());
  SaveProgress();
  SyncUrl();
  const sim::LessonStep& st = run_->step();
  Announce(Fmt(ui_.lang, S::AnnounceStep, lesson.title.In(ui_.lang).c_str(), run_->step_index() + 1,
               static_cast<int>(lesson.steps.size()), st.title.In(ui_.lang).c_str(),
               st.narration.In(ui_.lang).c_str()));
}

// [SECTION] Pacing
void App::Frame() {
  ImGuiIO& io = ImGui::GetIO();
  // Frame time is wall clock; a long pause (tab in background) must not become a burst of ticks.
  const float dt = std::clamp(io.DeltaTime, 0.0f, 0.25f);
  if (frame_ == 0) ApplyTheme();
  if (rest_of_lessons_pending_ && frame_ > 0) LoadAllLessons();  // before any input is handled
  ui_.clock_s += dt;
  ++frame_;
  // The address may change without a reload (a pasted link, back/forward).
  if (options_.services.url_hash && frame_ % 15 == 0) {
    const std::string hash = options_.services.url_hash();
    if (hash != last_hash_) {
      last_hash_ = hash;
      ApplyUrlHash(hash, false);
    }
  }
  Update(dt);
  Commands commands;
  Draw(commands);
  for (const AppCommand& c : commands) Dispatch(c);
}

bool App::BlockedByQuestion() const {
  return run_ && run_->step().question && run_->step().question->kind == sim::QuestionKind::Predict &&
         ui_.chosen_answer < 0;
}

void App::Update(float dt_s) {
  pacing_.blocked_by_question = BlockedByQuestion();
  if (!run_ || pacing_.blocked_by_question) return;
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
  UpdateDots(run_->sim(), ui_, pacing_.fast_forwarding || kSpeeds[pacing_.speed_index] >= 16.0f);
}

void App::AdvanceTicks(int64_t ticks) {
  for (int64_t i = 0; i < ticks; ++i) {
    run_->Tick();
    // A step that has just passed ends a fast-forward at that moment.
    if (!step_passed_seen_ && run_->StepPassed()) {
      AfterModelAdvanced();
      return;
    }
  }
  AfterModelAdvanced();
}

void App::AfterModelAdvanced() {
  const sim::Lesson& lesson = run_->lesson();
  // Goals newly met.
  const auto& goals = run_->goals();
  goal_states_seen_.resize(goals.size(), sim::GoalState::Pending);
  for (size_t i = 0; i < goals.size(); ++i) {
    if (goals[i].state == sim::GoalState::Met && goal_states_seen_[i] != sim::GoalState::Met &&
        i < run_->step().goals.size()) {
      Announce(Fmt(ui_.lang, S::AnnounceGoalMet, run_->step().goals[i].text.In(ui_.lang).c_str()));
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
      Announce(Fmt(ui_.lang, S::AnnounceLessonDone, lesson.title.In(ui_.lang).c_str()));
    } else {
      Announce(Fmt(ui_.lang, S::AnnounceStepPassed, run_->step().title.In(ui_.lang).c_str()));
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
    if (IsAnnounced(r.event) && ui_.clock_s - last_event_announce_s_ > 3.0) {
      Announce(EventText(r.event, ui_.lang, &run_->sim()));
      last_event_announce_s_ = ui_.clock_s;
    }
  }
  events_seen_ = total;
}

// [SECTION] Commands
void App::Dispatch(const AppCommand& command) {
  if (rest_of_lessons_pending_) LoadAllLessons();  // a command may name any lesson
  std::visit(
      Overloaded{
          [&](const ModelCommand& c) {
            if (run_) run_->Apply(c.command);
          },
          [&](const OpenLesson& c) {
            if (const sim::Lesson* l = lessons_.Find(c.id)) {
              int step = 0;
              // Back to a lesson in progress: where the learner was.
              if (progress_.current_lesson == c.id) step = progress_.current_step;
              StartRun(*l, step, l->config.seed);
            }
          },
          [&](const GoToStep& c) { EnterStep(c.step); },
          [&](const RestartLesson&) {
            if (run_) StartRun(run_->lesson(), 0, run_->seed());
          },
          [&](const FinishLesson&) {
            if (!run_) return;
            if (run_->StepPassed()) progress_.MarkCompleted(run_->lesson().id);
            if (run_->lesson().graded && run_->Grade().decided) {
              // A challenge is done with the grade earned, the same letter the CLI prints.
              progress_.MarkCompleted(run_->lesson().id);
              progress_.RecordGrade(run_->lesson().id, run_->Grade().letter);
            }
            // Open the next lesson in order, if any.
            const auto& all = lessons_.lessons;
            for (size_t i = 0; i + 1 < all.size(); ++i) {
              if (all[i].id == run_->lesson().id) {
                StartRun(all[i + 1], 0, all[i + 1].config.seed);
                return;
              }
            }
            SaveProgress();
            ui_.lesson_list_open = true;
          },
          [&](const ResetStep&) {
            if (run_) StartRun(run_->lesson(), run_->step_index(), run_->seed());
          },
          [&](const SetPlaying& c) {
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
            if (run_) StartRun(run_->lesson(), run_->step_index(), c.seed);
          },
          [&](const ui::SetLanguage& c) { SetLanguage(c.lang); },
          [&](const AnswerQuestion& c) { ui_.chosen_answer = c.choice; },
      },
      command);
}

// [SECTION] Layout
namespace {
constexpr ImGuiWindowFlags kPanelFlags = ImGuiWindowFlags_NoTitleBar | ImGuiWindowFlags_NoResize |
                                         ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoCollapse |
                                         ImGuiWindowFlags_NoSavedSettings | ImGuiWindowFlags_NoBringToFrontOnFocus;

bool BeginPanel(const char* name, ImVec2 pos, ImVec2 size, ImU32 bg, ImGuiWindowFlags extra = 0) {
  ImGui::SetNextWindowPos(pos);
  ImGui::SetNextWindowSize(ImVec2(std::max(size.x, 10.0f), std::max(size.y, 10.0f)));
  ImGui::PushStyleColor(ImGuiCol_WindowBg, ToVec4(bg));
  const bool open = ImGui::Begin(name, nullptr, kPanelFlags | extra);
  ImGui::PopStyleColor();
  return open;
}

// A tab that can be selected from code once (after a click in the diagram). Its ID does not
// depend on the label, so switching the language keeps the open tab.
bool TabItem(const char* label, const char* id, bool select) {
  const std::string full = std::string(label) + "###" + id;
  return ImGui::BeginTabItem(full.c_str(), nullptr, select ? ImGuiTabItemFlags_SetSelected : 0);
}
}  // namespace

void App::Draw(Commands& out) {
  ui_.widgets.clear();
  const ImGuiViewport* vp = ImGui::GetMainViewport();
  const ImVec2 origin = vp->WorkPos;
  const float W = vp->WorkSize.x, H = vp->WorkSize.y;
  const ViewModel vm{lessons_, run_.get(), progress_, pacing_, glossary_ ? &*glossary_ : nullptr};
  const sim::Sim* sim = run_ ? &run_->sim() : nullptr;
  const sim::StepControls& controls = run_ ? run_->step().controls : NoControls();
  const sim::Lang l = ui_.lang;

  const bool phone = W < 760;
  const bool medium = !phone && W < 1200;
  const bool two_row_top = W < 1380;
  const float row_h = ImGui::GetFrameHeight();
  const int top_rows = phone ? 3 : two_row_top ? 2 : 1;
  const float top_h = row_h * static_cast<float>(top_rows) +
                      ImGui::GetStyle().ItemSpacing.y * static_cast<float>(top_rows - 1) + 20;

  if (BeginPanel("Top bar", origin, ImVec2(W, top_h), col::Rgb(17, 20, 25))) {
    DrawTopBar(vm, ui_, out, two_row_top, phone);
  }
  ImGui::End();

  const float body_y = origin.y + top_h;
  const float body_h = H - top_h;
  const std::optional<Tab> want = ui_.open_tab;  // asked for by a view last frame
  ui_.open_tab.reset();

  auto diagram = [&](ImVec2 pos, ImVec2 size) {
    ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(0, 0));
    if (BeginPanel("Diagram", pos, size, col::kBackground,
                   ImGuiWindowFlags_NoScrollbar | ImGuiWindowFlags_NoScrollWithMouse)) {
      if (sim != nullptr) {
        DrawDiagram(*sim, ui_);
      } else {
        TextDim(Tr(S::DiagramEmpty, l));
      }
    }
    ImGui::End();
    ImGui::PopStyleVar();
  };
  auto lesson_panel = [&]() { DrawLessonPanel(vm, ui_, out); };
  auto knobs = [&]() {
    if (sim != nullptr) DrawKnobs(*sim, controls, ui_, out);
  };
  auto inspector = [&]() {
    if (sim != nullptr) DrawInspector(*sim, controls, ui_, out);
  };
  auto side_tabs = [&](bool with_lesson) {
    if (ImGui::BeginTabBar("##side")) {
      if (with_lesson) {
        if (TabItem(Tr(S::TabLesson, l), "lesson", false)) {
          ImGui::BeginChild("##lessonbody");
          lesson_panel();
          ImGui::EndChild();
          ImGui::EndTabItem();
        }
        Mark(ui_, "tab:lesson");
      }
      if (TabItem(Tr(S::TabKnobs, l), "knobs", want == Tab::Knobs)) {
        ui_.tab = Tab::Knobs;
        ImGui::BeginChild("##knobs");
        knobs();
        DragToScroll();
        ImGui::EndChild();
        ImGui::EndTabItem();
      }
      Mark(ui_, "tab:knobs");
      if (TabItem(Tr(S::TabInspector, l), "inspector", want == Tab::Inspector)) {
        ui_.tab = Tab::Inspector;
        ImGui::BeginChild("##inspector");
        inspector();
        DragToScroll();
        ImGui::EndChild();
        ImGui::EndTabItem();
      }
      Mark(ui_, "tab:inspector");
      ImGui::EndTabBar();
    }
  };
  auto metrics = [&](ImVec2 pos, ImVec2 size) {
    if (BeginPanel("Metrics", pos, size, col::Rgb(22, 25, 31))) {
      if (sim != nullptr) DrawMetrics(*sim, ui_);
    }
    ImGui::End();
  };
  auto events = [&](ImVec2 pos, ImVec2 size) {
    if (BeginPanel("Events", pos, size, col::Rgb(22, 25, 31))) {
      if (sim != nullptr) DrawEventLog(*sim, ui_);
    }
    ImGui::End();
  };

  if (phone) {
    // Phone: the diagram on top, one tabbed panel below.
    const float diagram_h = std::max(340.0f, body_h * 0.5f);
    diagram(ImVec2(origin.x, body_y), ImVec2(W, diagram_h));
    const ImVec2 pos(origin.x, body_y + diagram_h);
    const ImVec2 size(W, body_h - diagram_h);
    if (BeginPanel("Side panel", pos, size, col::kPanel)) {
      if (ImGui::BeginTabBar("##phone")) {
        const bool sel_inspector = want == Tab::Inspector;
        if (TabItem(Tr(S::TabLesson, l), "lesson", false)) {
          ui_.narrow_tab = NarrowTab::Lesson;
          lesson_panel();
          ImGui::EndTabItem();
        }
        Mark(ui_, "tab:lesson");
        if (TabItem(Tr(S::TabControls, l), "knobs", false)) {
          ui_.narrow_tab = NarrowTab::Controls;
          knobs();
          ImGui::EndTabItem();
        }
        Mark(ui_, "tab:knobs");
        if (TabItem(Tr(S::TabInspector, l), "inspector", sel_inspector)) {
          ui_.narrow_tab = NarrowTab::Inspector;
          inspector();
          ImGui::EndTabItem();
        }
        Mark(ui_, "tab:inspector");
        if (TabItem(Tr(S::TabMetrics, l), "metrics", false)) {
          ui_.narrow_tab = NarrowTab::Metrics;
          if (sim != nullptr) {
            ImGui::BeginChild("##m", ImVec2(0, ImGui::GetContentRegionAvail().y * 0.6f));
            DrawMetrics(*sim, ui_);
            ImGui::EndChild();
            DrawEventLog(*sim, ui_);
          }
          ImGui::EndTabItem();
        }
        Mark(ui_, "tab:metrics");
        ImGui::EndTabBar();
      }
      DragToScroll();
    }
    ImGui::End();
    // Keep the other names submitted so every view is accounted for.
  } else {
    const float left_w = medium ? std::clamp(W * 0.34f, 320.0f, 380.0f) : std::clamp(W * 0.25f, 330.0f, 400.0f);
    const float right_w = medium ? 0.0f : std::clamp(W * 0.24f, 320.0f, 380.0f);
    const float bottom_h = std::clamp(body_h * 0.27f, 170.0f, 260.0f);
    const float events_w = std::clamp((W - left_w) * 0.3f, 260.0f, 380.0f);
    if (BeginPanel("Lesson", ImVec2(origin.x, body_y), ImVec2(left_w, body_h), col::kPanel)) {
      if (medium) {
        side_tabs(true);
      } else {
        lesson_panel();
      }
    }
    ImGui::End();
    const float cx = origin.x + left_w;
    const float cw = W - left_w - right_w;
    diagram(ImVec2(cx, body_y), ImVec2(cw, body_h - bottom_h));
    if (!medium) {
      if (BeginPanel("Side panel", ImVec2(cx + cw, body_y), ImVec2(right_w, body_h - bottom_h), col::kPanel)) {
        side_tabs(false);
      }
      ImGui::End();
    }
    metrics(ImVec2(cx, body_y + body_h - bottom_h), ImVec2(W - left_w - events_w, bottom_h));
    events(ImVec2(origin.x + W - events_w, body_y + body_h - bottom_h), ImVec2(events_w, bottom_h));
  }

  // Natively there is no page banner: the app shows notices itself.
  if (!ui_.native_notice.empty() && ui_.clock_s < ui_.native_notice_until_s) {
    const float w = std::min(W - 40, 720.0f);
    ImGui::SetNextWindowPos(ImVec2(origin.x + (W - w) * 0.5f, origin.y + top_h + 8));
    ImGui::SetNextWindowSize(ImVec2(w, 0));
    ImGui::PushStyleColor(ImGuiCol_WindowBg, ToVec4(col::Rgb(59, 47, 18)));
    ImGui::PushStyleColor(ImGuiCol_Text, ToVec4(col::Rgb(255, 216, 138)));
    ImGui::Begin("Notice", nullptr,
                 ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoSavedSettings |
                     ImGuiWindowFlags_AlwaysAutoResize | ImGuiWindowFlags_NoFocusOnAppearing);
    ImGui::TextWrapped("%s", ui_.native_notice.c_str());
    if (ImGui::IsWindowHovered() && ImGui::IsMouseClicked(0)) ui_.native_notice_until_s = 0;
    ImGui::End();
    ImGui::PopStyleColor(2);
  }

  // Keyboard: Space plays or pauses when no widget has keyboard focus.
  ImGuiIO& io = ImGui::GetIO();
  if (!io.WantTextInput && !ImGui::IsAnyItemActive() && !ImGui::IsAnyItemFocused() &&
      ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Space), false) && run_ && !pacing_.fast_forwarding) {
    out.push_back(SetPlaying{!pacing_.playing});
  }
}

// [SECTION] Test hook
std::string App::TestSnapshotJson() const {
  auto esc = [](const std::string& s) {
    std::string o;
    for (char c : s) {
      if (c == '"' || c == '\\') o += '\\';
      o += c;
    }
    return o;
  };
  std::string j = "{\"lang\":\"" + std::string(sim::Name(ui_.lang)) + "\"";
  // The size fonts are rasterised at (16 x device pixel ratio when the atlas follows the screen).
  const ImFontAtlas* atlas = ImGui::GetIO().Fonts;
  if (atlas != nullptr && !atlas->Fonts.empty()) {
    j += ",\"font_px\":" + std::to_string(static_cast<int>(atlas->Fonts[0]->FontSize + 0.5f));
  }
  if (run_) {
    j += ",\"lesson\":\"" + esc(run_->lesson().id) + "\",\"step\":" + std::to_string(run_->step_index()) +
         ",\"steps\":" + std::to_string(run_->lesson().steps.size()) +
         ",\"passed\":" + (run_->StepPassed() ? "true" : "false") +
         ",\"playing\":" + (pacing_.playing ? "true" : "false") +
         ",\"fast_forwarding\":" + (pacing_.fast_forwarding ? "true" : "false") +
         ",\"seed\":" + std::to_string(run_->seed()) + ",\"time_us\":" + std::to_string(run_->sim().now_us());
  }
  j += ",\"completed\":[";
  for (size_t i = 0; i < progress_.completed.size(); ++i) {
    j += (i ? ",\"" : "\"") + esc(progress_.completed[i]) + "\"";
  }
  j += "],\"widgets\":{";
  bool first = true;
  for (const WidgetRect& w : ui_.widgets) {
    char rect[96];
    std::snprintf(rect, sizeof rect, "[%.0f,%.0f,%.0f,%.0f]", static_cast<double>(w.min.x), static_cast<double>(w.min.y),
                  static_cast<double>(w.max.x - w.min.x), static_cast<double>(w.max.y - w.min.y));
    if (w.value >= 0) {
      std::snprintf(rect, sizeof rect, "[%.0f,%.0f,%.0f,%.0f,%d]", static_cast<double>(w.min.x),
                    static_cast<double>(w.min.y), static_cast<double>(w.max.x - w.min.x),
                    static_cast<double>(w.max.y - w.min.y), w.value);
    }
    j += (first ? "\"" : ",\"") + esc(w.name) + "\":" + rect;
    first = false;
  }
  // Widgets scrolled out of view, with a point over their window where the wheel scrolls them.
  j += "},\"hidden\":{";
  first = true;
  for (const WidgetRect& w : ui_.widgets) {
    if (w.visible) continue;
    char at[64];
    std::snprintf(at, sizeof at, "[%.0f,%.0f]", static_cast<double>(w.scroll_at.x), static_cast<double>(w.scroll_at.y));
    j += (first ? "\"" : ",\"") + esc(w.name) + "\":" + at;
    first = false;
  }
  j += "}}";
  return j;
}

}  // namespace ui
