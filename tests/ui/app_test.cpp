// The app with ImGui's null backend: no window, no GPU. Frames are run through the real
// controller and views; ImGui errors fail the test (IM_ASSERT goes through a hook that throws,
// see app/ui/imconfig_statelab.h), and clicks are real mouse events at the rects the views
// recorded for their named widgets.
//
// Index
//   [SECTION] Harness          ImGui context, fake platform services, fixture lessons
//   [SECTION] Every lesson     N frames of every step of every lesson, every view drawn
//   [SECTION] Controller       pacing, fast-forward, steps, progress, URL state, language
//   [SECTION] Views            clicks reach the model through typed commands
//   [SECTION] Keyboard         every row of the shortcut table, pressed; the docs' copy of it
#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <iterator>
#include <map>
#include <fstream>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "imgui.h"
#include "imgui_internal.h"
#include "nlohmann/json.hpp"
#include "statelab/cost.h"
#include "statelab/sim.h"
#include "statelab/url_state.h"
#include "ui/app.h"
#include "ui/fonts.h"
#include "ui/keyboard.h"
#include "ui/shortcuts.h"
#include "ui/strings.h"

namespace fs = std::filesystem;

namespace {

// [SECTION] Harness
std::vector<std::string> g_imgui_errors;
bool g_throw_on_imgui_error = true;

void OnImGuiAssert(const char* expression, const char* file, int line) {
  const std::string message = std::string(file) + ":" + std::to_string(line) + ": IM_ASSERT(" + expression + ")";
  g_imgui_errors.push_back(message);
  if (g_throw_on_imgui_error) throw std::runtime_error(message);
}

struct Services {
  std::optional<std::string> saved;
  std::vector<std::string> saves;
  std::vector<std::string> backups;
  std::vector<std::string> notices;
  std::vector<std::string> announcements;
  std::string hash;
  std::vector<std::string> hashes_set;
  std::string language = "en-US";
  std::string document_language;
  bool backup_fails = false;
  std::vector<std::string> copied;
  std::string clipboard;

  ui::PlatformServices Make() {
    ui::PlatformServices s;
    s.load_progress = [this] { return saved; };
    s.save_progress = [this](const std::string& blob, std::string*) {
      saved = blob;
      saves.push_back(blob);
      return true;
    };
    // As the platforms do: the save is set aside (moved to a backup), unless the backup fails.
    s.backup_corrupt_progress = [this](const std::string& blob) {
      if (backup_fails) return std::string();
      backups.push_back(blob);
      if (saved == blob) saved.reset();
      return "/tmp/backup-" + std::to_string(backups.size()) + ".json";
    };
    s.url_hash = [this] { return hash; };
    s.set_url_hash = [this](const std::string& h) {
      hash = h;
      hashes_set.push_back(h);
    };
    s.preferred_language = [this] { return language; };
    s.announce = [this](const std::string& t) { announcements.push_back(t); };
    s.show_notice = [this](const std::string& t) {
      notices.push_back(t);
      return true;
    };
    s.set_document_language = [this](const std::string& l) { document_language = l; };
    s.copy_text = [this](const std::string& text, const std::string&) {
      copied.push_back(text);
      return true;
    };
    s.read_clipboard = [this](const std::string&) { return std::optional<std::string>(clipboard); };
    return s;
  }
};

class Harness {
 public:
  explicit Harness(ImVec2 display = ImVec2(1440, 900)) {
    g_imgui_errors.clear();
    g_throw_on_imgui_error = true;
    g_statelab_imgui_assert = OnImGuiAssert;
    ImGui::CreateContext();
    ImGuiIO& io = ImGui::GetIO();
    io.IniFilename = nullptr;
    io.ConfigFlags |= ImGuiConfigFlags_NavEnableKeyboard;
    io.DisplaySize = display;
    // The real UI font (Hangul included), as the app loads it.
    font_ok_ = ui::LoadFonts(STATELAB_DATA_DIR, 1.0f);
    unsigned char* pixels = nullptr;
    int w = 0, h = 0;
    io.Fonts->GetTexDataAsRGBA32(&pixels, &w, &h);
  }
  ~Harness() {
    g_throw_on_imgui_error = false;
    ImGui::DestroyContext();
    g_statelab_imgui_assert = nullptr;
  }
  Harness(const Harness&) = delete;
  Harness& operator=(const Harness&) = delete;

  bool font_ok() const { return font_ok_; }

  void Frame(ui::App& app, float dt = 1.0f / 60.0f) {
    ImGuiIO& io = ImGui::GetIO();
    io.DeltaTime = dt;
    ImGui::NewFrame();
    app.Frame();
    ImGui::Render();
  }
  void Frames(ui::App& app, int n, float dt = 1.0f / 60.0f) {
    for (int i = 0; i < n; ++i) Frame(app, dt);
  }

  static const ui::WidgetRect* Find(const ui::App& app, const std::string& name) {
    for (const ui::WidgetRect& w : app.ui().widgets) {
      if (w.name == name) return &w;
    }
    return nullptr;
  }

  // A real click: scroll it into view with the wheel if needed, move there, press for a frame,
  // release the next.
  void Click(ui::App& app, const std::string& name) {
    const ui::WidgetRect* w = Find(app, name);
    REQUIRE_MESSAGE(w != nullptr, "no widget named " << name);
    ImGuiIO& io = ImGui::GetIO();
    for (int i = 0; i < 80 && !w->visible; ++i) {
      io.AddMousePosEvent(w->scroll_at.x, w->scroll_at.y);
      io.AddMouseWheelEvent(0.0f, w->min.y > w->scroll_at.y ? -1.0f : 1.0f);
      Frame(app);
      w = Find(app, name);
      REQUIRE(w != nullptr);
    }
    REQUIRE_MESSAGE(w->visible, name << " stays out of view");
    const ImVec2 at((w->min.x + w->max.x) * 0.5f, (w->min.y + w->max.y) * 0.5f);
    io.AddMousePosEvent(at.x, at.y);
    Frame(app);
    io.AddMouseButtonEvent(0, true);
    Frame(app);
    io.AddMouseButtonEvent(0, false);
    Frame(app);
    io.AddMousePosEvent(-FLT_MAX, -FLT_MAX);
    Frame(app);
  }

 private:
  bool font_ok_ = false;
};

// Lessons written for these tests, independent of the tutorial's own content.
struct FixtureDir {
  fs::path root;
  FixtureDir() {
    root = fs::temp_directory_path() / ("statelab-ui-test-" + std::to_string(reinterpret_cast<uintptr_t>(this)));
    fs::create_directories(root / "lessons");
    std::ofstream(root / "lessons" / "a.json") << R"({
  "id": "ui-a", "order": 1,
  "title": {"ko": "테스트 레슨", "en": "Test lesson"},
  "summary": {"ko": "테스트", "en": "Test"},
  "config": {"shoppers": {"count": 200}},
  "steps": [
    {"id": "one", "title": {"ko": "하나", "en": "One"}, "narration": {"ko": "설명", "en": "Narration"},
     "task": {"ko": "할 일", "en": "Task"}, "duration": "5s", "knobs": "all", "faults": "all",
     "goals": [{"id": "t", "text": {"ko": "3초", "en": "3 s"}, "metric": "time_s", "op": ">=", "value": 3,
                "mode": "eventually"}],
     "hints": [{"ko": "힌트 하나", "en": "Hint one"}, {"ko": "힌트 둘", "en": "Hint two"}]},
    {"id": "two", "title": {"ko": "둘", "en": "Two"}, "narration": {"ko": "설명", "en": "Narration"},
     "task": {"ko": "할 일", "en": "Task"}, "duration": "4s",
     "goals": [{"id": "t", "text": {"ko": "2초", "en": "2 s"}, "metric": "time_s", "op": ">=", "value": 2,
                "mode": "eventually"}],
     "question": {"kind": "predict", "prompt": {"ko": "무엇이?", "en": "What?"},
                  "choices": [{"ko": "가", "en": "A"}, {"ko": "나", "en": "B"}], "answer": 1,
                  "explanation": {"ko": "왜냐하면", "en": "Because"}}}
  ]
})";
    std::ofstream(root / "lessons" / "b.json") << R"({
  "id": "ui-b", "order": 2,
  "title": {"ko": "둘째 레슨", "en": "Second lesson"},
  "summary": {"ko": "테스트", "en": "Test"},
  "steps": [
    {"id": "s0", "title": {"ko": "영", "en": "Zero"}, "narration": {"ko": "설명", "en": "Narration"},
     "task": {"ko": "할 일", "en": "Task"}, "duration": "3s"},
    {"id": "s1", "title": {"ko": "일", "en": "One"}, "narration": {"ko": "설명", "en": "Narration"},
     "task": {"ko": "할 일", "en": "Task"}, "duration": "3s"}
  ]
})";
    std::ofstream(root / "lessons" / "broken.json") << R"({"id": "broken", "order": 3})";
  }
  ~FixtureDir() {
    std::error_code ec;
    fs::remove_all(root, ec);
  }
  std::string dir() const { return root.string(); }
};

ui::AppOptions Options(const std::string& data_dir, Services& services) {
  ui::AppOptions o;
  o.data_dir = data_dir;
  o.services = services.Make();
  return o;
}

int64_t Ticks(const ui::App& app) { return app.run()->sim().now_us() / sim::kTickUs; }

void CheckViewsDrawn(const std::vector<const char*>& windows) {
  const int frame = ImGui::GetFrameCount();
  for (const char* window : windows) {
    const std::string name = window;
    CAPTURE(name);
    ImGuiWindow* w = ImGui::FindWindowByName(window);
    REQUIRE(w != nullptr);
    CHECK(w->LastFrameActive == frame);
    // Drawn, not just begun: every view puts real geometry into its draw list.
    CHECK(w->DrawList->VtxBuffer.Size > 40);
  }
}

}  // namespace

// [SECTION] Every lesson
TEST_CASE("every lesson: every step draws every view without an ImGui error") {
  Services services;
  ui::App probe(Options(STATELAB_DATA_DIR, services));
  const ui::LessonList& set = probe.lessons();
  REQUIRE_MESSAGE(!set.lessons.empty(), "no lessons in " STATELAB_DATA_DIR "/lessons");
  CHECK(set.errors.empty());

  for (const auto& entry : set.lessons) {
    const sim::Lesson& lesson = *entry;
    CAPTURE(lesson.id);
    Harness h;
    REQUIRE(h.font_ok());
    Services s;
    s.language = "ko-KR";
    ui::App app(Options(STATELAB_DATA_DIR, s));
    app.Dispatch(ui::OpenLesson{lesson.id});
    REQUIRE(app.run() != nullptr);
    CHECK(app.run()->lesson().id == lesson.id);
    for (int step = 0; step < static_cast<int>(lesson.steps.size()); ++step) {
      CAPTURE(step);
      app.Dispatch(ui::GoToStep{step});
      REQUIRE(app.run()->step_index() == step);
      if (lesson.steps[static_cast<size_t>(step)].question) app.Dispatch(ui::AnswerQuestion{0});
      app.Dispatch(ui::SetSpeed{ui::kSpeedCount - 1});
      app.Dispatch(ui::SetPlaying{true});
      h.Frames(app, 12);
      CHECK(g_imgui_errors.empty());
      CheckViewsDrawn({"Top bar", "Lesson", "Diagram", "Side panel", "Metrics", "Events"});
    }
    // "What happened" opens over the diagram when a step ends: the learner closes it to reach the nodes.
    if (app.ui().story_open) h.Click(app, "story-open");
    CHECK_FALSE(app.ui().story_open);
    // Inspect one of each kind of diagram node: each draws its own inspector view.
    // Every lesson's stack has each of these (a lesson without one is a change this test must hear of).
    for (const char* node : {"node:shoppers", "node:lb-a", "node:i-1", "node:cache-0", "node:dynamodb", "node:rds-0"}) {
      CAPTURE(node);
      REQUIRE_MESSAGE(Harness::Find(app, node) != nullptr, "the diagram did not draw " << node);
      h.Click(app, node);
      CHECK(app.ui().selection.kind != ui::SelectionKind::None);
      CHECK(g_imgui_errors.empty());
    }
    // And the two other layouts: the side panel folds into the lesson panel's tabs at 1024 px,
    // and everything below the diagram becomes one tabbed panel on a phone.
    ImGui::GetIO().DisplaySize = ImVec2(1024, 700);
    h.Frames(app, 3);
    CheckViewsDrawn({"Top bar", "Lesson", "Diagram", "Metrics", "Events"});
    ImGui::GetIO().DisplaySize = ImVec2(390, 844);
    h.Frames(app, 3);
    CheckViewsDrawn({"Top bar", "Diagram", "Side panel"});
    CHECK(g_imgui_errors.empty());
  }
}

// [SECTION] Controller
TEST_CASE("pacing: at 1x one simulated second per real second, only whole ticks") {
  FixtureDir fx;
  Harness h;
  Services s;
  ui::App app(Options(fx.dir(), s));
  REQUIRE(app.run() != nullptr);
  h.Frames(app, 2);
  const int64_t t0 = Ticks(app);
  CHECK(!app.playing());
  h.Frames(app, 30);
  CHECK(Ticks(app) == t0);  // paused: the model does not move

  app.Dispatch(ui::SetPlaying{true});
  h.Frames(app, 60);  // one real second
  const int64_t per_second = sim::kUsPerS / sim::kTickUs;
  CHECK(Ticks(app) - t0 >= per_second - 1);
  CHECK(Ticks(app) - t0 <= per_second);
  CHECK(app.run()->sim().now_us() % sim::kTickUs == 0);

  app.Dispatch(ui::SetSpeed{ui::kDefaultSpeedIndex - 2});  // 0.25x
  const int64_t t1 = Ticks(app);
  h.Frames(app, 120);  // two real seconds
  CHECK(Ticks(app) - t1 >= per_second / 2 - 1);
  CHECK(Ticks(app) - t1 <= per_second / 2);
}

TEST_CASE("a step that passes ends a fast-forward there and is announced") {
  FixtureDir fx;
  Harness h;
  Services s;
  ui::App app(Options(fx.dir(), s));
  REQUIRE(app.run()->lesson().id == "ui-a");
  app.Dispatch(ui::FastForward{sim::Sec(3600)});
  h.Frames(app, 60);
  CHECK(app.run()->StepPassed());
  // The goal "time >= 3 s" is met at 3 s: the hour-long fast-forward stops there.
  CHECK(app.run()->sim().now_us() <= sim::Sec(4));
  CHECK(Harness::Find(app, "ff-progress") == nullptr);
  bool announced = false;
  for (const std::string& a : s.announcements) announced |= a.find("One") != std::string::npos;
  CHECK(announced);
}

TEST_CASE("the predict question blocks the run until answered, then finishing marks the lesson done") {
  FixtureDir fx;
  Harness h;
  Services s;
  ui::App app(Options(fx.dir(), s));
  app.Dispatch(ui::GoToStep{1});
  REQUIRE(app.run()->step_index() == 1);
  const sim::TimeUs t0 = app.run()->sim().now_us();
  app.Dispatch(ui::SetPlaying{true});
  h.Frames(app, 30);
  CHECK(app.run()->sim().now_us() == t0);
  CHECK(!app.playing());

  h.Frames(app, 2);
  h.Click(app, "choice:1");
  CHECK(app.ui().chosen_answer == 1);
  h.Click(app, "ff-1m");
  h.Frames(app, 30);
  CHECK(app.run()->StepPassed());
  CHECK(app.progress().IsCompleted("ui-a"));
  // The saved blob says so too.
  REQUIRE(s.saved);
  const sim::ProgressLoad saved = sim::ParseProgress(*s.saved, "test");
  REQUIRE(saved.progress);
  CHECK(saved.progress->IsCompleted("ui-a"));
  h.Frames(app, 2);
  h.Click(app, "next-step");  // "finish lesson" on the last step: opens the next lesson
  CHECK(app.run()->lesson().id == "ui-b");
}

TEST_CASE("a graded lesson reads as on track while it runs, then as the grade the engine gives, as the CLI does") {
  // The final challenge played in the app with its reference design: on track while goals are
  // open, then the same letter and points as the headless runner (the CLI's --json) for the seed.
  {
    Harness h;
    Services s;
    s.hash = "lesson=final-challenge";
    ui::App app(Options(STATELAB_DATA_DIR, s));
    REQUIRE(app.run()->lesson().id == "final-challenge");
    REQUIRE(app.run()->lesson().graded);
    const int last = static_cast<int>(app.run()->lesson().steps.size()) - 1;
    app.Dispatch(ui::GoToStep{last});
    h.Frames(app, 2);
    CHECK(Harness::Find(app, "grade:on-track") != nullptr);
    CHECK(Harness::Find(app, "grade:F") == nullptr);
    const sim::LessonStep& step = app.run()->step();
    for (const sim::TimedCommand& tc : step.solution) {
      REQUIRE(tc.at_us == 0);  // the learner's clicks, all before the first tick
      app.Dispatch(ui::ModelCommand{tc.command});
    }
    app.Dispatch(ui::FastForward{step.duration_us});
    // Fast-forward works to a wall-clock budget per frame, so a loaded machine needs more frames;
    // the cap only stops a hang.
    for (int i = 0; i < 200000 && app.run()->step_elapsed_us() < step.duration_us; ++i) h.Frames(app, 1);
    REQUIRE(app.run()->step_elapsed_us() >= step.duration_us);
    h.Frames(app, 1);
    const sim::LessonRun::Grading g = app.run()->Grade();
    CHECK(g.decided);
    const sim::LessonResult cli = sim::RunLessonHeadless(app.run()->lesson(), app.run()->seed(), true);
    CHECK(g.letter == cli.grade);
    CHECK(g.points_met == cli.points);
    CHECK(g.points_max == cli.points_max);
    CHECK(Harness::Find(app, "grade:" + cli.grade) != nullptr);
  }
  // A graded fixture: goals worth 3 and 1 points; the second can never be met. While it runs it is
  // on track; at its end 3/4 = 75 %: B, and the lesson can be finished with that grade.
  fs::path root = fs::temp_directory_path() / "statelab-ui-test-graded";
  fs::create_directories(root / "lessons");
  std::ofstream(root / "lessons" / "g.json") << R"({
  "id": "ui-graded", "order": 1, "graded": true,
  "title": {"ko": "평가 레슨", "en": "Graded lesson"}, "summary": {"ko": "테스트", "en": "Test"},
  "steps": [
    {"id": "g", "title": {"ko": "하나", "en": "One"}, "narration": {"ko": "설명", "en": "Narration"},
     "task": {"ko": "할 일", "en": "Task"}, "duration": "20s",
     "goals": [{"id": "soon", "text": {"ko": "2초", "en": "2 s"}, "metric": "time_s", "op": ">=", "value": 2,
                "mode": "eventually", "points": 3},
               {"id": "never", "text": {"ko": "100초", "en": "100 s"}, "metric": "time_s", "op": ">=", "value": 100,
                "mode": "eventually", "points": 1}]}
  ]
})";
  {
    Harness h;
    Services s;
    ui::App app(Options(root.string(), s));
    REQUIRE(app.run()->lesson().id == "ui-graded");
    h.Frames(app, 2);
    CHECK(Harness::Find(app, "grade:on-track") != nullptr);
    app.Dispatch(ui::FastForward{sim::Sec(3)});
    h.Frames(app, 30);
    REQUIRE(app.run()->sim().now_us() == sim::Sec(3));
    CHECK(Harness::Find(app, "grade:on-track") != nullptr);
    CHECK(ui::Fmt(sim::Lang::En, ui::S::GradeOnTrack, 2u, 2u) == "on track (2/2 holding)");
    app.Dispatch(ui::FastForward{sim::Sec(17)});
    h.Frames(app, 60);
    REQUIRE(app.run()->sim().now_us() >= sim::Sec(20));
    CHECK(Harness::Find(app, "grade:B") != nullptr);
    CHECK(ui::Fmt(sim::Lang::En, ui::S::GradePoints, "B", 3u, 4u) == "Grade B (3/4 points)");
    CHECK(ui::Fmt(sim::Lang::Ko, ui::S::GradePoints, "B", 3u, 4u) == "등급 B (3점 / 만점 4점)");
    // Finished with the grade earned: completed, and the lesson list shows the letter.
    app.Dispatch(ui::FinishLesson{});
    CHECK(app.progress().IsCompleted("ui-graded"));
    REQUIRE(app.progress().grades.count("ui-graded") == 1);
    CHECK(app.progress().grades.at("ui-graded") == "B");
  }
  std::error_code ec;
  fs::remove_all(root, ec);
}

TEST_CASE("fast-forward runs the span in whole ticks and reports progress") {
  FixtureDir fx;
  Harness h;
  Services s;
  s.hash = "lesson=ui-b";
  ui::App app(Options(fx.dir(), s));
  REQUIRE(app.run()->lesson().id == "ui-b");
  const sim::TimeUs t0 = app.run()->sim().now_us();
  app.Dispatch(ui::FastForward{sim::Sec(60)});
  int frames = 0;
  while (app.ui().widgets.empty() || frames < 1 || Harness::Find(app, "ff-progress") != nullptr) {
    h.Frame(app);
    if (++frames > 2000) break;
  }
  CHECK(app.run()->sim().now_us() - t0 == sim::Sec(60));
}

TEST_CASE("saved progress: a corrupt save is backed up, announced with a notice, and replaced") {
  FixtureDir fx;
  Harness h;
  Services s;
  s.saved = std::string("{not json");
  ui::App app(Options(fx.dir(), s));
  REQUIRE(s.backups.size() == 1);
  CHECK(s.backups[0] == "{not json");
  bool noticed = false;
  for (const std::string& n : s.notices) noticed |= n.find("/tmp/backup-1.json") != std::string::npos;
  CHECK(noticed);
  // The fresh start was saved, and it parses.
  REQUIRE(s.saved);
  CHECK(sim::ParseProgress(*s.saved, "test").progress.has_value());
}

TEST_CASE("saved progress: an empty save is corrupt, not absent: backed up with a notice") {
  FixtureDir fx;
  Harness h;
  Services s;
  s.saved = std::string();  // what a full disk left behind, or an unreadable file read as ""
  ui::App app(Options(fx.dir(), s));
  REQUIRE(s.backups.size() == 1);
  CHECK(s.backups[0].empty());
  REQUIRE(s.notices.size() >= 1);
  CHECK(s.notices[0].find("/tmp/backup-1.json") != std::string::npos);
}

TEST_CASE("saved progress: one bad field keeps the rest, names the dropped field and where the original is") {
  FixtureDir fx;
  Harness h;
  Services s;
  s.language = "ko-KR";
  const std::string blob =
      R"({"version":1,"language":"xx","completed":["ui-a"],"current_lesson":"ui-b","current_step":1,)"
      R"("furthest_step":{"ui-b":1}})";
  s.saved = blob;
  ui::App app(Options(fx.dir(), s));
  CHECK(app.progress().IsCompleted("ui-a"));
  CHECK(app.progress().furthest_step.at("ui-b") == 1);
  CHECK(app.run()->lesson().id == "ui-b");  // the learner's place survived too
  CHECK(app.run()->step_index() == 1);
  REQUIRE(s.backups.size() == 1);
  CHECK(s.backups[0] == blob);
  REQUIRE(s.notices.size() >= 1);
  const std::string& n = s.notices[0];
  CHECK(n.find("$.language") != std::string::npos);
  CHECK(n.find("/tmp/backup-1.json") != std::string::npos);
  CHECK(n.find("버리고") != std::string::npos);  // in the learner's language
  // The salvaged progress is what is saved now.
  REQUIRE(s.saved);
  const sim::ProgressLoad back = sim::ParseProgress(*s.saved, "test");
  REQUIRE(back.progress);
  CHECK(back.dropped.empty());
  CHECK(back.progress->IsCompleted("ui-a"));
}

TEST_CASE("saved progress: a corrupt save that cannot be backed up is never written over") {
  FixtureDir fx;
  Harness h;
  Services s;
  s.backup_fails = true;
  s.saved = std::string("{not json");
  ui::App app(Options(fx.dir(), s));
  app.Dispatch(ui::OpenLesson{"ui-b"});
  app.Dispatch(ui::SetLanguage{sim::Lang::Ko});
  h.Frames(app, 3);
  CHECK(s.saves.empty());
  CHECK(s.saved == std::optional<std::string>("{not json"));
  REQUIRE(s.notices.size() >= 1);
  CHECK(s.notices[0].find("could not be backed up") != std::string::npos);
}

TEST_CASE("saved progress: two windows merge instead of overwriting each other") {
  FixtureDir fx;
  Harness h;
  Services s;  // one save, shared by both windows (one file natively, one localStorage)
  s.saved = std::string(R"({"version":1,"completed":["ui-b"]})");
  ui::App b(Options(fx.dir(), s));  // B completed ui-b ...
  s.saved = std::string(R"({"version":1,"completed":["ui-a"]})");
  ui::App a(Options(fx.dir(), s));  // ... and A, opened on a save where only ui-a was completed
  a.Dispatch(ui::OpenLesson{"ui-b"});
  a.Dispatch(ui::GoToStep{1});
  const sim::ProgressLoad after_a = sim::ParseProgress(*s.saved, "a");
  REQUIRE(after_a.progress);
  CHECK(after_a.progress->furthest_step.at("ui-b") == 1);

  // B knows nothing of A's progress, then saves (a language choice): A's progress is kept.
  CHECK_FALSE(b.progress().furthest_step.count("ui-b"));
  b.Dispatch(ui::SetLanguage{sim::Lang::Ko});
  const sim::ProgressLoad after_b = sim::ParseProgress(*s.saved, "b");
  REQUIRE(after_b.progress);
  CHECK(after_b.progress->furthest_step.at("ui-b") == 1);
  CHECK(after_b.progress->completed == std::vector<std::string>{"ui-a", "ui-b"});
  CHECK(after_b.progress->language == "ko");
  CHECK(after_b.progress->current_lesson == b.progress().current_lesson);  // B's own place

  // A hears that the save changed (the web's storage event): it sees B's language choice.
  CHECK(a.ui().lang == sim::Lang::En);
  a.MergeSavedProgress();
  CHECK(a.ui().lang == sim::Lang::Ko);
  CHECK(s.document_language == "ko");
  CHECK(a.progress().furthest_step.at("ui-b") == 1);
  CHECK(a.progress().completed == std::vector<std::string>{"ui-a", "ui-b"});
  CHECK(a.progress().current_lesson == "ui-b");  // A's own place
}

TEST_CASE("URL state: one bad part of a link is skipped, the rest opens, and the notice is in the learner's language") {
  FixtureDir fx;
  for (const sim::Lang lang : {sim::Lang::Ko, sim::Lang::En}) {
    Harness h;
    Services s;
    s.language = lang == sim::Lang::Ko ? "ko-KR" : "en-US";
    s.hash = "lesson=ui-b&step=1&seed=-1";
    ui::App app(Options(fx.dir(), s));
    h.Frames(app, 2);
    CHECK(app.run()->lesson().id == "ui-b");
    CHECK(app.run()->step_index() == 1);
    CHECK(app.run()->seed() == app.run()->lesson().config.seed);  // the lesson's own seed
    std::string link_notice;
    for (const std::string& n : s.notices) {
      if (n.find("seed: ") != std::string::npos) link_notice = n;
    }
    CAPTURE(link_notice);
    REQUIRE_FALSE(link_notice.empty());
    if (lang == sim::Lang::Ko) {
      CHECK(link_notice.find("시드는 0부터") != std::string::npos);
      CHECK(link_notice.find("must") == std::string::npos);  // no English parser reason
      CHECK(link_notice.find("whole number") == std::string::npos);
    } else {
      CHECK(link_notice.find("a seed is a whole number") != std::string::npos);
    }
    CHECK(s.hash == "lesson=ui-b&step=1&seed=" + std::to_string(app.run()->seed()));
  }
  {
    // A stray '%' (the page hands the hash over raw) skips the lesson part with a notice.
    Harness h;
    Services s;
    s.hash = "lesson=ui-b%";
    ui::App app(Options(fx.dir(), s));
    h.Frames(app, 2);
    CHECK(app.run()->lesson().id == "ui-a");
    s.notices.clear();
    s.hash = "lesson=ui-b&step=1%";  // pasted while running: the lesson opens, the step is skipped
    h.Frames(app, 20);
    CHECK(app.run()->lesson().id == "ui-b");
    CHECK(app.run()->step_index() == 0);
    REQUIRE(s.notices.size() == 1);
    CHECK(s.notices[0].find("step: ") != std::string::npos);
  }
}

TEST_CASE("the seed box shows a link's 64-bit seed as it is") {
  FixtureDir fx;
  for (const uint64_t seed : {uint64_t{4294967297}, uint64_t{18446744073709551615u}}) {
    Harness h;
    Services s;
    s.hash = "lesson=ui-a&seed=" + std::to_string(seed);
    ui::App app(Options(fx.dir(), s));
    h.Frames(app, 3);
    CHECK(app.run()->seed() == seed);
    CHECK(app.ui().seed_edit_value == seed);
    const ui::WidgetRect* box = Harness::Find(app, "seed");
    REQUIRE(box != nullptr);
    CHECK(box->max.x - box->min.x >= ImGui::CalcTextSize(std::to_string(seed).c_str()).x);
  }
}

TEST_CASE("saved progress: the app reopens the lesson and step the learner was on") {
  FixtureDir fx;
  Services s;
  {
    Harness h;
    ui::App app(Options(fx.dir(), s));
    app.Dispatch(ui::OpenLesson{"ui-b"});
    app.Dispatch(ui::GoToStep{1});
    h.Frames(app, 2);
  }
  s.hash.clear();
  Harness h;
  ui::App app(Options(fx.dir(), s));
  CHECK(app.run()->lesson().id == "ui-b");
  CHECK(app.run()->step_index() == 1);
}

TEST_CASE("URL state: a link opens its lesson, step and seed; a malformed one is ignored with a notice") {
  FixtureDir fx;
  {
    Harness h;
    Services s;
    s.hash = "lesson=ui-b&step=1&seed=42";
    ui::App app(Options(fx.dir(), s));
    h.Frames(app, 2);
    CHECK(app.run()->lesson().id == "ui-b");
    CHECK(app.run()->step_index() == 1);
    CHECK(app.run()->seed() == 42);
    CHECK(s.notices.size() == 1);  // only the broken lesson file
    CHECK(s.hash == "lesson=ui-b&step=1&seed=42");
  }
  {
    Harness h;
    Services s;
    s.hash = "lesson=../etc&step=zz";
    ui::App app(Options(fx.dir(), s));
    h.Frames(app, 2);
    CHECK(app.run()->lesson().id == "ui-a");
    CHECK(s.notices.size() == 2);
    // The address is rewritten to where the learner really is.
    CHECK(sim::ParseUrlState(s.hash).state->lesson == std::optional<std::string>("ui-a"));
  }
  {
    Harness h;
    Services s;
    s.hash = "lesson=no-such-lesson";
    ui::App app(Options(fx.dir(), s));
    h.Frames(app, 2);
    CHECK(app.run()->lesson().id == "ui-a");
    CHECK(s.notices.size() == 2);
  }
  {
    // A link pasted while the app runs (no reload) is followed too.
    Harness h;
    Services s;
    ui::App app(Options(fx.dir(), s));
    h.Frames(app, 2);
    s.hash = "lesson=ui-b&step=1";
    h.Frames(app, 20);
    CHECK(app.run()->lesson().id == "ui-b");
    CHECK(app.run()->step_index() == 1);
  }
}

TEST_CASE("a lesson file that fails validation is reported and the others still load") {
  FixtureDir fx;
  Harness h;
  Services s;
  ui::App app(Options(fx.dir(), s));
  h.Frames(app, 2);  // the lessons after the opening one load before the second frame
  CHECK(app.lessons().lessons.size() == 2);
  CHECK(app.lessons().errors.size() == 1);
  REQUIRE(!s.notices.empty());
}

TEST_CASE("start-up: the first frame parses only the opening lesson, the second frame has them all") {
  FixtureDir fx;
  // Named as the tutorial's own files are: "NN-<id>.json". 00-late sorts first but comes last
  // by order, so the first visit's guess is corrected before the learner can do anything.
  std::ofstream(fx.root / "lessons" / "00-late.json") << R"({
  "id": "late", "order": 9, "title": {"ko": "늦은", "en": "Late"}, "summary": {"ko": "테스트", "en": "Test"},
  "steps": [{"id": "s0", "title": {"ko": "영", "en": "Zero"}, "narration": {"ko": "설명", "en": "Narration"},
             "task": {"ko": "할 일", "en": "Task"}, "duration": "3s"}]})";
  {
    Harness h;
    Services s;
    s.hash = "lesson=late";
    ui::App app(Options(fx.dir(), s));
    CHECK(app.lessons().lessons.size() == 1);
    CHECK(app.run()->lesson().id == "late");
    h.Frame(app);
    CHECK(app.lessons().lessons.size() == 1);
    h.Frame(app);
    CHECK(app.lessons().lessons.size() == 3);
    CHECK(app.lessons().errors.size() == 1);
    CHECK(app.run()->lesson().id == "late");  // the same lesson, still running
    CHECK(s.notices.size() == 1);             // the broken file, once
    // The list marks it as the current one, and a click on it does not restart it.
    h.Click(app, "lesson-list");
    const ui::WidgetRect* row = Harness::Find(app, "lesson:late");
    REQUIRE(row != nullptr);
    CHECK(row->value == 1);
    CHECK(Harness::Find(app, "lesson:ui-a")->value == 0);
    app.Dispatch(ui::SetPlaying{true});
    h.Frames(app, 30);
    const sim::TimeUs t = app.run()->sim().now_us();
    REQUIRE(t > 0);
    h.Click(app, "lesson:late");
    CHECK(app.run()->sim().now_us() >= t);
  }
  {
    Harness h;
    Services s;  // a first visit: no link, no save
    ui::App app(Options(fx.dir(), s));
    CHECK(app.run()->lesson().id == "late");  // the first file by name
    h.Frames(app, 2);
    CHECK(app.run()->lesson().id == "ui-a");  // the first lesson by order
    CHECK(app.run()->step_index() == 0);
  }
  {
    Harness h;
    Services s;
    ui::App app(Options(fx.dir(), s));
    app.Dispatch(ui::OpenLesson{"ui-b"});  // a command before any frame may name any lesson
    CHECK(app.run()->lesson().id == "ui-b");
  }
}

TEST_CASE("language: follows the browser until the learner picks one, which is saved") {
  FixtureDir fx;
  {
    Harness h;
    Services s;
    s.language = "ko-KR";
    ui::App app(Options(fx.dir(), s));
    CHECK(app.ui().lang == sim::Lang::Ko);
    CHECK(s.document_language == "ko");
  }
  Services s;
  s.language = "en-GB";
  {
    Harness h;
    ui::App app(Options(fx.dir(), s));
    CHECK(app.ui().lang == sim::Lang::En);
    h.Frames(app, 2);
    h.Click(app, "lang:0");
    CHECK(app.ui().lang == sim::Lang::Ko);
    CHECK(s.document_language == "ko");
  }
  Harness h;
  ui::App app(Options(fx.dir(), s));  // the browser still says English; the saved choice wins
  CHECK(app.ui().lang == sim::Lang::Ko);
}

// [SECTION] Views
TEST_CASE("knobs and faults reach the model as typed commands") {
  FixtureDir fx;
  Harness h;
  Services s;
  ui::App app(Options(fx.dir(), s));
  h.Frames(app, 2);
  CHECK(!app.run()->sim().config().load_balancer.stickiness.enabled);
  h.Click(app, "knob:stickiness");
  h.Click(app, "step-once");  // commands apply at the next tick
  CHECK(app.run()->sim().config().load_balancer.stickiness.enabled);
  const ui::WidgetRect* w = Harness::Find(app, "knob:stickiness");
  REQUIRE(w != nullptr);
  CHECK(w->value == 1);

  h.Click(app, "knob:replica_count:plus");
  h.Click(app, "step-once");
  CHECK(app.run()->sim().config().rds.read_replicas == 1);

  h.Click(app, "fault:az:b");
  h.Click(app, "step-once");
  CHECK(!app.run()->sim().az_up(sim::Az::B));
}

TEST_CASE("clicking a diagram node opens it in the inspector") {
  FixtureDir fx;
  Harness h;
  Services s;
  ui::App app(Options(fx.dir(), s));
  h.Frames(app, 2);
  h.Click(app, "node:i-2");
  CHECK(app.ui().selection.kind == ui::SelectionKind::Instance);
  CHECK(app.ui().selection.instance == 2);
  h.Frames(app, 2);  // the tab bar switches on the next frame
  CHECK(app.ui().tab == ui::Tab::Inspector);
  CHECK(Harness::Find(app, "inspector-back") != nullptr);
}

TEST_CASE("hints are revealed one at a time") {
  FixtureDir fx;
  Harness h;
  Services s;
  ui::App app(Options(fx.dir(), s));
  h.Frames(app, 2);
  CHECK(app.ui().hints_shown == 0);
  h.Click(app, "hint");
  CHECK(app.ui().hints_shown == 1);
  h.Click(app, "hint");
  CHECK(app.ui().hints_shown == 2);
  h.Frames(app, 2);
  CHECK(Harness::Find(app, "hint") == nullptr);  // no more to show
}

// Key events as the SDL backend sends them (io.AddKeyEvent), all queued before one frame, as when
// a tap's down and up both arrive between two frames (a fast tap on a slow machine, synthetic input).
struct KeyEvent {
  ImGuiKey key;
  bool down;
};
void FeedKeys(Harness& h, ui::App& app, const std::vector<KeyEvent>& events, int frames) {
  for (const KeyEvent& e : events) ImGui::GetIO().AddKeyEvent(e.key, e.down);
  h.Frames(app, frames);
}

TEST_CASE("a quick Space tap plays and pauses, even when down and up arrive in one frame") {
  FixtureDir fx;
  Harness h;
  Services s;
  ui::App app(Options(fx.dir(), s));
  h.Frames(app, 2);
  REQUIRE(!app.playing());
  REQUIRE(ImGui::GetIO().ConfigInputTrickleEventQueue);  // ImGui's default, which the app relies on

  // Without ImGui's trickling queue, a tap inside one frame never shows as a press: the failure
  // the queue (and, on ImGui 1.86, the app's own key pacer) exists for.
  ImGui::GetIO().ConfigInputTrickleEventQueue = false;
  FeedKeys(h, app, {{ImGuiKey_Space, true}, {ImGuiKey_Space, false}}, 3);
  CHECK(!app.playing());
  ImGui::GetIO().ConfigInputTrickleEventQueue = true;

  FeedKeys(h, app, {{ImGuiKey_Space, true}, {ImGuiKey_Space, false}}, 3);
  CHECK(app.playing());
  // Two taps in one frame are two presses: play, then pause.
  FeedKeys(h, app, {{ImGuiKey_Space, true}, {ImGuiKey_Space, false}, {ImGuiKey_Space, true}, {ImGuiKey_Space, false}}, 6);
  CHECK(app.playing());
  FeedKeys(h, app, {{ImGuiKey_Space, true}, {ImGuiKey_Space, false}}, 3);
  CHECK(!app.playing());
}

TEST_CASE("the queue lets one change per key through each frame, in order; other keys are independent") {
  FixtureDir fx;
  Harness h;
  Services s;
  ui::App app(Options(fx.dir(), s));
  h.Frames(app, 2);
  ImGuiIO& io = ImGui::GetIO();
  // Down, up, down for A, and one tap of B, all before one frame.
  io.AddKeyEvent(ImGuiKey_A, true);
  io.AddKeyEvent(ImGuiKey_B, true);
  io.AddKeyEvent(ImGuiKey_A, false);
  io.AddKeyEvent(ImGuiKey_A, true);
  io.AddKeyEvent(ImGuiKey_B, false);
  h.Frame(app);
  CHECK(ImGui::IsKeyPressed(ImGuiKey_A, false));
  CHECK(ImGui::IsKeyPressed(ImGuiKey_B, false));  // another key is independent
  h.Frame(app);                                   // A's release waits a frame, and B's behind it
  CHECK(ImGui::IsKeyReleased(ImGuiKey_A));
  CHECK(ImGui::IsKeyDown(ImGuiKey_B));
  h.Frame(app);
  CHECK(ImGui::IsKeyPressed(ImGuiKey_A, false));  // the second press, a frame later
  CHECK(ImGui::IsKeyReleased(ImGuiKey_B));
  h.Frame(app);
  CHECK(ImGui::IsKeyDown(ImGuiKey_A));
  CHECK(io.InputQueueCharacters.Size == 0);
  io.AddKeyEvent(ImGuiKey_A, false);
  h.Frame(app);
}

TEST_CASE("the D key describes the stack once per press, typed letter or not; Ctrl+D does not") {
  FixtureDir fx;
  Harness h;
  Services s;
  ui::App app(Options(fx.dir(), s));
  h.Frames(app, 2);
  ImGuiIO& io = ImGui::GetIO();
  const size_t before = s.announcements.size();
  // A Korean input method types 'ㅇ' on the D key: the key still describes.
  io.AddKeyEvent(ImGuiKey_D, true);
  io.AddInputCharacterUTF16(u'ㅇ');
  io.AddKeyEvent(ImGuiKey_D, false);
  h.Frames(app, 3);
  REQUIRE(s.announcements.size() == before + 1);
  const std::string description = s.announcements.back();
  CHECK(!description.empty());
  // A typed 'd' with no key (a paste, an input method) is not a shortcut.
  io.AddInputCharacter('d');
  h.Frames(app, 2);
  CHECK(s.announcements.size() == before + 1);
  // Ctrl+D is the browser's (bookmark), not ours.
  io.AddKeyEvent(ImGuiMod_Ctrl, true);
  FeedKeys(h, app, {{ImGuiKey_D, true}, {ImGuiKey_D, false}}, 3);
  io.AddKeyEvent(ImGuiMod_Ctrl, false);
  h.Frame(app);
  CHECK(s.announcements.size() == before + 1);
  FeedKeys(h, app, {{ImGuiKey_D, true}, {ImGuiKey_D, false}}, 3);
  CHECK(s.announcements.size() == before + 2);
}

TEST_CASE("requests fly as dots while the model runs, and stop with it") {
  FixtureDir fx;
  Harness h;
  Services s;
  s.hash = "lesson=ui-b";
  ui::App app(Options(fx.dir(), s));
  app.Dispatch(ui::SetPlaying{true});
  h.Frames(app, 90);
  CHECK(!app.ui().dots.empty());
  CHECK(app.ui().dots.size() <= static_cast<size_t>(ui::kMaxDots));
  app.Dispatch(ui::SetPlaying{false});
  h.Frames(app, 120);  // two seconds of wall time: every dot has arrived
  CHECK(app.ui().dots.empty());
}

// Every character of `text` the font has no glyph for (line breaks aside), as UTF-8.
std::string MissingGlyphs(const ImFont* font, const std::string& text) {
  std::string missing;
  const char* p = text.c_str();
  const char* end = p + text.size();
  while (p < end) {
    unsigned int c = 0;
    const char* start = p;
    p += ImTextCharFromUtf8(&c, p, end);
    if (c == '\n' || c == '\r' || c == '\t') continue;
    if (font->FindGlyphNoFallback(static_cast<ImWchar>(c)) == nullptr) missing.append(start, p);
  }
  return missing;
}

void CollectEnglish(const nlohmann::json& v, std::vector<std::string>& out) {
  if (v.is_object()) {
    for (const auto& [key, value] : v.items()) {
      if (key == "en" && value.is_string()) {
        out.push_back(value.get<std::string>());
      } else {
        CollectEnglish(value, out);
      }
    }
  } else if (v.is_array()) {
    for (const auto& x : v) CollectEnglish(x, out);
  }
}

TEST_CASE("the English font atlas has every glyph English text uses, in a third of the Korean one's") {
  Harness h;  // builds the Korean atlas, as the app does for a Korean learner
  REQUIRE(h.font_ok());
  const int korean_glyphs = ImGui::GetIO().Fonts->Fonts[0]->Glyphs.Size;
  CHECK(MissingGlyphs(ImGui::GetIO().Fonts->Fonts[0], "장바구니 한국어").empty());

  REQUIRE(ui::LoadFonts(STATELAB_DATA_DIR, 1.0f, sim::Lang::En));
  const ImFont* english = ImGui::GetIO().Fonts->Fonts[0];
  CHECK(english->Glyphs.Size * 2 < korean_glyphs);
  CHECK(MissingGlyphs(english, ui::kKoreanName).empty());   // the language switch
  CHECK(!MissingGlyphs(english, "장바구니").empty());       // no other Hangul

  std::vector<std::string> texts;
  for (int i = 0; i < ui::StringCount(); ++i) texts.emplace_back(ui::StringTable()[i].en);
  for (const auto& entry : fs::directory_iterator(fs::path(STATELAB_DATA_DIR) / "lessons")) {
    std::ifstream in(entry.path());
    CollectEnglish(nlohmann::json::parse(in), texts);
  }
  REQUIRE(texts.size() > 500);
  for (const std::string& text : texts) {
    CAPTURE(text);
    CHECK(MissingGlyphs(english, text).empty());
  }
}

TEST_CASE("on a phone, a big auto scaling group stays inside its AZ columns, above the cache row") {
  FixtureDir fx;
  std::ofstream(fx.root / "lessons" / "big.json") << R"({
  "id": "big", "order": 0, "title": {"ko": "큰 그룹", "en": "Big group"}, "summary": {"ko": "테스트", "en": "Test"},
  "config": {"shoppers": {"count": 100}, "auto_scaling": {"min": 30, "desired": 30, "max": 60}},
  "steps": [{"id": "s0", "title": {"ko": "영", "en": "Zero"}, "narration": {"ko": "설명", "en": "Narration"},
             "task": {"ko": "할 일", "en": "Task"}, "duration": "3s"}]})";
  Harness h(ImVec2(390, 844));
  Services s;
  s.hash = "lesson=big";
  ui::App app(Options(fx.dir(), s));
  h.Frames(app, 3);
  REQUIRE(app.run()->lesson().id == "big");
  const ui::WidgetRect* cache = Harness::Find(app, "node:cache-0");
  REQUIRE(cache != nullptr);
  std::vector<const ui::WidgetRect*> boxes;
  for (int i = 1; i <= 30; ++i) {
    const ui::WidgetRect* w = Harness::Find(app, "node:i-" + std::to_string(i));
    CAPTURE(i);
    REQUIRE(w != nullptr);
    CHECK(w->max.y < cache->min.y);
    CHECK(w->max.y - w->min.y >= 4.0f);
    boxes.push_back(w);
  }
  for (size_t a = 0; a < boxes.size(); ++a) {
    for (size_t b = a + 1; b < boxes.size(); ++b) {
      const bool apart = boxes[a]->max.x <= boxes[b]->min.x || boxes[b]->max.x <= boxes[a]->min.x ||
                         boxes[a]->max.y <= boxes[b]->min.y || boxes[b]->max.y <= boxes[a]->min.y;
      CAPTURE(boxes[a]->name);
      CAPTURE(boxes[b]->name);
      CHECK(apart);
    }
  }
}

TEST_CASE("a drag on a panel's text scrolls it, as a finger would on a phone") {
  Harness h(ImVec2(390, 844));
  Services s;
  ui::App app(Options(STATELAB_DATA_DIR, s));
  REQUIRE(app.run() != nullptr);
  h.Frames(app, 3);
  const ui::WidgetRect* n = Harness::Find(app, "narration");
  REQUIRE(n != nullptr);
  const float y0 = n->min.y;
  ImGuiIO& io = ImGui::GetIO();
  float y = n->min.y + 20;
  io.AddMousePosEvent(200, y);
  h.Frame(app);
  io.AddMouseButtonEvent(0, true);
  h.Frame(app);
  for (int i = 0; i < 10; ++i) {
    y -= 12;
    io.AddMousePosEvent(200, y);
    h.Frame(app);
  }
  io.AddMouseButtonEvent(0, false);
  h.Frame(app);
  n = Harness::Find(app, "narration");
  REQUIRE(n != nullptr);
  CHECK(n->min.y < y0 - 60);
}

TEST_CASE("switching the language keeps the open tab and the selection") {
  FixtureDir fx;
  Harness h;
  Services s;
  ui::App app(Options(fx.dir(), s));
  h.Frames(app, 2);
  h.Click(app, "node:i-1");
  h.Frames(app, 2);
  REQUIRE(app.ui().tab == ui::Tab::Inspector);
  h.Click(app, app.ui().lang == sim::Lang::Ko ? "lang:1" : "lang:0");
  h.Frames(app, 2);
  CHECK(app.ui().tab == ui::Tab::Inspector);
  CHECK(app.ui().selection.kind == ui::SelectionKind::Instance);
  CHECK(Harness::Find(app, "inspector-back") != nullptr);
}

TEST_CASE("clicks while paused show at once and add up, and the model takes them at the next tick") {
  // Three clicks on "+" while paused used to give one replica: the stepper counted from the model,
  // which only changes at a tick. Views now draw the config with the queued commands applied.
  Harness h;
  FixtureDir dir;
  Services s;
  ui::App app(Options(dir.root.string(), s));
  REQUIRE(app.run()->lesson().id == "ui-a");
  h.Frames(app, 2);
  REQUIRE_FALSE(app.playing());
  const sim::TimeUs t0 = app.run()->sim().now_us();
  for (int i = 0; i < 3; ++i) h.Click(app, "knob:replica_count:plus");
  h.Click(app, "knob:cache_multi_az");
  h.Frames(app, 1);
  CHECK(app.run()->sim().now_us() == t0);  // no tick has passed
  CHECK(app.run()->sim().config().rds.read_replicas == 0);
  CHECK_FALSE(app.run()->sim().config().cache.multi_az);
  REQUIRE(Harness::Find(app, "knob:replica_count") != nullptr);
  CHECK(Harness::Find(app, "knob:replica_count")->value == 3);  // the stepper shows the pending 3
  REQUIRE(Harness::Find(app, "knob:cache_multi_az") != nullptr);
  CHECK(Harness::Find(app, "knob:cache_multi_az")->value == 1);  // the box is ticked at once
  // Terminating an instance while paused says it is queued, instead of looking ignored.
  h.Click(app, "node:i-2");
  h.Frames(app, 2);  // the tab bar switches on the next frame
  h.Click(app, "inspector-terminate");
  CHECK(app.run()->sim().TerminationPending(sim::InstanceId{2}));
  CHECK(Harness::Find(app, "inspector-terminate-queued") != nullptr);
  CHECK(Harness::Find(app, "inspector-terminate") == nullptr);
  app.Dispatch(ui::StepOnce{});
  CHECK(app.run()->sim().config().rds.read_replicas == 3);
  CHECK(app.run()->sim().config().cache.multi_az);
  CHECK(app.run()->sim().FindInstance(sim::InstanceId{2})->state == sim::InstanceState::Terminated);
}

TEST_CASE("the timeline strip: a click on the slider rewinds, a change forks, Back to live returns") {
  FixtureDir fx;
  Harness h;
  Services s;
  ui::App app(Options(fx.dir(), s));
  h.Frames(app, 2);
  for (int i = 0; i < 20; ++i) h.Click(app, "step-once");
  h.Click(app, "knob:stickiness");
  for (int i = 0; i < 20; ++i) h.Click(app, "step-once");
  const sim::TimeUs live = app.run()->sim().now_us();
  const uint64_t live_hash = app.run()->sim().trace_hash();
  REQUIRE(Harness::Find(app, "timeline") != nullptr);
  h.Click(app, "timeline");  // the middle of the step so far
  h.Frames(app, 1);
  CHECK(app.tutorial().rewound());
  CHECK(app.run()->sim().now_us() < live);
  CHECK(app.run()->sim().now_us() > app.tutorial().step_start_tick() * sim::kTickUs);
  h.Click(app, "timeline-live");
  h.Frames(app, 1);
  CHECK_FALSE(app.tutorial().rewound());
  CHECK(app.run()->sim().now_us() == live);
  CHECK(app.run()->sim().trace_hash() == live_hash);
  // Rewound, one change forks: the old future is kept to compare.
  h.Click(app, "timeline");
  h.Frames(app, 1);
  h.Click(app, "knob:replica_count:plus");
  CHECK(app.tutorial().previous_branch().has_value());
  CHECK_FALSE(app.tutorial().rewound());
}

TEST_CASE("timeline keys: ',' and '.' move a second, Shift ten, Home the step's start, End live; the arrows do not") {
  FixtureDir fx;
  Harness h;
  Services s;
  ui::App app(Options(fx.dir(), s));
  h.Frames(app, 2);
  for (int i = 0; i < 4; ++i) h.Click(app, "step-once");  // 4 s of a 5 s step
  const int64_t per_s = sim::kUsPerS / sim::kTickUs;
  const int64_t live = app.tutorial().live_tick();
  const int64_t first = app.tutorial().rewind_first_tick();
  REQUIRE(live - first == 4 * per_s);
  ImGuiIO& io = ImGui::GetIO();
  // A tap as the SDL backend sends it: Shift (a modifier key) first, the key's down and up, all
  // before one frame; ImGui's queue spreads them over the next frames.
  auto press = [&](ImGuiKey key, bool shift = false) {
    if (shift) io.AddKeyEvent(ImGuiMod_Shift, true);
    io.AddKeyEvent(key, true);
    io.AddKeyEvent(key, false);
    if (shift) io.AddKeyEvent(ImGuiMod_Shift, false);
    h.Frames(app, 3);
  };
  press(ImGuiKey_Comma);
  CHECK(Ticks(app) == live - per_s);
  CHECK(app.tutorial().rewound());
  press(ImGuiKey_Comma, true);  // with Shift ('<'): ten seconds, kept inside the step
  CHECK(Ticks(app) == first);
  io.AddInputCharacter('.');  // a typed '.' with no key event is not the key
  h.Frames(app, 2);
  CHECK(Ticks(app) == first);
  press(ImGuiKey_Period);
  CHECK(Ticks(app) == first + per_s);
  press(ImGuiKey_End);
  CHECK(Ticks(app) == live);
  CHECK_FALSE(app.tutorial().rewound());
  press(ImGuiKey_Home);
  CHECK(Ticks(app) == first);
  press(ImGuiKey_End);
  press(ImGuiKey_LeftArrow);  // keyboard navigation's, not the timeline's
  CHECK(Ticks(app) == live);
}

TEST_CASE("Share: the button copies the run's link and shows it; the popup copies the seed and pastes a link") {
  FixtureDir fx;
  Harness h;
  Services s;
  ui::App app(Options(fx.dir(), s));
  h.Frames(app, 2);
  for (int i = 0; i < 2; ++i) h.Click(app, "step-once");
  h.Click(app, "knob:stickiness");
  h.Click(app, "step-once");
  h.Click(app, "share");
  REQUIRE(s.copied.size() == 1);
  CHECK(s.copied[0].rfind("#lesson=ui-a&seed=", 0) == 0);
  CHECK(s.copied[0].find("&run=") != std::string::npos);
  REQUIRE(Harness::Find(app, "share-link") != nullptr);  // the popup shows it
  h.Click(app, "copy-seed");
  REQUIRE(s.copied.size() == 2);
  CHECK(s.copied[1] == std::to_string(app.run()->seed()));
  const uint64_t hash = app.run()->sim().trace_hash();
  const sim::TimeUs now = app.run()->sim().now_us();
  // The run moves on; the link, pasted back with the popup's button, opens the shared moment.
  for (int i = 0; i < 3; ++i) h.Click(app, "step-once");
  REQUIRE(app.run()->sim().now_us() > now);
  s.clipboard = s.copied[0];
  const size_t notices = s.notices.size();  // the broken fixture lesson's, at start
  h.Click(app, "share");
  h.Click(app, "paste-link");
  CHECK(app.run()->sim().now_us() == now);
  CHECK(app.run()->sim().trace_hash() == hash);
  CHECK(s.notices.size() == notices);
}

TEST_CASE("What happened: it opens when a step ends; a click on a line selects what it names and rewinds to it") {
  FixtureDir fx;
  Harness h;
  Services s;
  ui::App app(Options(fx.dir(), s));
  h.Frames(app, 2);
  CHECK_FALSE(app.ui().story_open);
  h.Click(app, "step-once");
  h.Click(app, "fault:terminate:i-2");
  h.Click(app, "step-once");
  h.Click(app, "step-once");
  h.Click(app, "step-once");  // the goal (3 s) is met: the step has ended
  h.Frames(app, 1);
  REQUIRE(app.run()->StepPassed());
  CHECK(app.ui().story_open);
  const sim::Story& story = app.tutorial().live_story();
  REQUIRE_FALSE(story.lines.empty());
  const sim::StoryLine& line = story.lines.front();
  CHECK(line.kind == sim::StoryKind::InstanceLost);
  CHECK(line.instance == sim::InstanceId{2});
  const sim::TimeUs live = app.run()->sim().now_us();
  h.Click(app, "story-line:0");
  h.Frames(app, 1);
  CHECK(app.tutorial().rewound());
  CHECK(Ticks(app) == line.at_us / sim::kTickUs);
  CHECK(app.ui().selection.kind == ui::SelectionKind::Instance);
  CHECK(app.ui().selection.instance == 2);
  // The story stays whole while rewound, and the window stays open.
  CHECK(app.tutorial().live_story() == story);
  CHECK(app.ui().story_open);
  CHECK(app.run()->sim().now_us() < live);
  // Closed, it opens again from the lesson panel; the theory window takes its place.
  h.Click(app, "theory-open");
  CHECK(app.ui().theory_open);
  CHECK_FALSE(app.ui().story_open);
  REQUIRE(Harness::Find(app, "theory-row:instance_utilisation") != nullptr);
  h.Click(app, "story-open");
  CHECK(app.ui().story_open);
  CHECK_FALSE(app.ui().theory_open);
}

TEST_CASE("Cost per month: a line for every component, the prices' date; without the price file it says so and prices nothing") {
  {
    Harness h;
    Services s;
    s.language = "en-US";
    ui::App app(Options(STATELAB_DATA_DIR, s));
    h.Frames(app, 2);
    REQUIRE(app.tutorial().prices() != nullptr);
    CHECK(app.tutorial().prices_error().empty());
    h.Click(app, "cost-open");
    h.Frames(app, 1);
    CHECK(app.ui().cost_open);
    CHECK_FALSE(app.ui().theory_open);
    CHECK_FALSE(app.ui().story_open);
    for (int i = 0; i < sim::kCostComponentCount; ++i) {
      const std::string name = "cost-line:" + std::string(sim::Name(static_cast<sim::CostComponent>(i)));
      CAPTURE(name);
      CHECK(Harness::Find(app, name) != nullptr);
    }
    CHECK(Harness::Find(app, "cost-as-of") != nullptr);
    CHECK(Harness::Find(app, "cost-total") != nullptr);
    CHECK(Harness::Find(app, "cost-revenue-lost") != nullptr);
    CHECK(g_imgui_errors.empty());
    // On a phone too.
    ImGui::GetIO().DisplaySize = ImVec2(390, 844);
    h.Frames(app, 3);
    CHECK(g_imgui_errors.empty());
    // One window over the diagram at a time.
    h.Click(app, "theory-open");
    CHECK(app.ui().theory_open);
    CHECK_FALSE(app.ui().cost_open);
  }
  FixtureDir fx;
  Harness h;
  Services s;
  ui::App app(Options(fx.dir(), s));
  h.Frames(app, 2);
  CHECK(app.tutorial().prices() == nullptr);
  CHECK(app.tutorial().prices_error().find("prices.json") != std::string::npos);
  h.Click(app, "cost-open");
  h.Frames(app, 1);
  CHECK(app.ui().cost_open);
  CHECK(Harness::Find(app, "cost-line:ec2") == nullptr);
  CHECK(Harness::Find(app, "cost-total") == nullptr);
  CHECK(Harness::Find(app, "cost-revenue-lost") != nullptr);
  CHECK(g_imgui_errors.empty());
}

// [SECTION] Comparing two runs
namespace {

// The rect of a marked widget as a layout Rect, for overlap checks.
bool Overlap(const ui::WidgetRect& a, const ui::WidgetRect& b) {
  return a.min.x < b.max.x && b.min.x < a.max.x && a.min.y < b.max.y && b.min.y < a.max.y;
}

}  // namespace

TEST_CASE("a comparison step: two diagrams side by side, charts overlaid, the difference line; on a phone, one at a time") {
  Harness h;
  Services s;
  s.language = "en-US";
  ui::App app(Options(STATELAB_DATA_DIR, s));
  h.Frames(app, 2);
  app.Dispatch(ui::OpenLesson{"session-store"});
  const sim::Lesson& lesson = app.run()->lesson();
  int k = 0;
  while (k < static_cast<int>(lesson.steps.size()) && !lesson.steps[static_cast<size_t>(k)].compare) ++k;
  REQUIRE(k < static_cast<int>(lesson.steps.size()));
  app.Dispatch(ui::GoToStep{k});
  REQUIRE(app.run()->comparison() != nullptr);
  for (int i = 0; i < 3; ++i) h.Click(app, "step-once");
  h.Frames(app, 2);
  CHECK(g_imgui_errors.empty());
  CheckViewsDrawn({"Compare", "Diagram A", "Diagram", "Metrics"});
  const ui::WidgetRect* a = Harness::Find(app, "diagram:a");
  const ui::WidgetRect* b = Harness::Find(app, "diagram:b");
  REQUIRE(a != nullptr);
  REQUIRE(b != nullptr);
  CHECK_FALSE(Overlap(*a, *b));
  CHECK(a->max.x <= b->min.x + 1);  // A on the left, B on the right
  CHECK(Harness::Find(app, "compare-summary") != nullptr);
  CHECK(Harness::Find(app, "compare-stop") == nullptr);  // the step's own comparison stays
  // Both runs advance together, under the same pacing.
  const sim::TimeUs before = app.run()->sim().now_us();
  h.Click(app, "step-once");
  CHECK(app.run()->sim().now_us() == before + sim::kUsPerS);
  CHECK(app.run()->comparison()->a().now_us() == app.run()->sim().now_us());
  // The hook reports both clocks and the line the bar shows.
  const std::string snapshot = app.TestSnapshotJson();
  CHECK(snapshot.find("\"compare\":{\"origin\":\"step\"") != std::string::npos);
  CHECK(snapshot.find("carts lost ") != std::string::npos);
  CHECK(snapshot.find(" vs ") != std::string::npos);
  // The line ends with each side's cost per month (priced lines only, the rest counted out).
  CHECK(snapshot.find("cost per month $") != std::string::npos);
  CHECK(snapshot.find("\"cost_unpriced\":") != std::string::npos);
  // A phone shows one diagram, chosen in the bar.
  ImGui::GetIO().DisplaySize = ImVec2(390, 844);
  h.Frames(app, 3);
  CHECK(g_imgui_errors.empty());
  REQUIRE(Harness::Find(app, "compare-side:0") != nullptr);
  CHECK(Harness::Find(app, "diagram:b") != nullptr);
  CHECK(Harness::Find(app, "diagram:a") == nullptr);
  h.Click(app, "compare-side:0");
  h.Frames(app, 1);
  CHECK(Harness::Find(app, "diagram:a") != nullptr);
  CHECK(Harness::Find(app, "diagram:b") == nullptr);
  CHECK(Harness::Find(app, "compare-summary") != nullptr);
  CHECK(g_imgui_errors.empty());
}

TEST_CASE("the sandbox compares any two configurations: Compare forks into B, B's knobs change B only, Stop ends it") {
  Harness h;
  Services s;
  s.language = "ko-KR";
  ui::App app(Options(STATELAB_DATA_DIR, s));
  h.Frames(app, 2);
  app.Dispatch(ui::OpenLesson{"sandbox"});
  h.Frames(app, 2);
  REQUIRE(app.run()->lesson().sandbox);
  CHECK(Harness::Find(app, "diagram:a") == nullptr);
  h.Click(app, "compare-start");
  h.Frames(app, 1);
  REQUIRE(app.run()->comparison() != nullptr);
  CHECK(app.tutorial().compare_origin() == ui::CompareOrigin::Fork);
  CHECK(Harness::Find(app, "diagram:a") != nullptr);
  const uint32_t replicas = app.run()->sim().config().rds.read_replicas;
  h.Click(app, "knob:replica_count:plus");
  h.Click(app, "step-once");
  CHECK(app.run()->sim().config().rds.read_replicas == replicas + 1);
  CHECK(app.run()->comparison()->a().config().rds.read_replicas == replicas);
  CHECK(g_imgui_errors.empty());
  h.Click(app, "compare-stop");
  h.Frames(app, 1);
  CHECK(app.run()->comparison() == nullptr);
  CHECK(Harness::Find(app, "diagram:a") == nullptr);
  CHECK(Harness::Find(app, "compare-start") != nullptr);
}

// [SECTION] Keyboard
namespace {

// UTF-8 Hangul syllables (U+AC00..U+D7A3) start with a byte from 0xEA to 0xED.
bool HasHangul(const std::string& s) {
  return std::any_of(s.begin(), s.end(), [](char c) {
    const auto b = static_cast<unsigned char>(c);
    return b >= 0xEA && b <= 0xED;
  });
}

bool HasMod(ui::Mods mods, ui::Mods bit) { return (static_cast<int>(mods) & static_cast<int>(bit)) != 0; }

// A row's key as the SDL backend sends it (io.AddKeyEvent): the row's modifiers down, the key's
// down and up, the modifiers up, all before one frame; ImGui's queue spreads them over frames.
void TapKey(Harness& h, ui::App& app, ImGuiKey key, bool shift = false, bool ctrl = false) {
  ImGuiIO& io = ImGui::GetIO();
  if (shift) io.AddKeyEvent(ImGuiMod_Shift, true);
  if (ctrl) io.AddKeyEvent(ImGuiMod_Ctrl, true);
  io.AddKeyEvent(key, true);
  io.AddKeyEvent(key, false);
  if (ctrl) io.AddKeyEvent(ImGuiMod_Ctrl, false);
  if (shift) io.AddKeyEvent(ImGuiMod_Shift, false);
  h.Frames(app, 3);
}

void PressShortcut(Harness& h, ui::App& app, const ui::Shortcut& s) {
  TapKey(h, app, ui::ImGuiKeyOf(s.key), HasMod(s.mods, ui::Mods::Shift), HasMod(s.mods, ui::Mods::Ctrl));
}

const ui::Shortcut& RowFor(ui::ShortcutAction action) {
  for (const ui::Shortcut& s : ui::Shortcuts()) {
    if (s.action == action) return s;
  }
  throw std::runtime_error("no shortcut for an action");
}

std::string NavRoot() {
  const ImGuiWindow* w = ImGui::GetCurrentContext()->NavWindow;
  return w != nullptr ? w->RootWindow->Name : "";
}

}  // namespace

TEST_CASE("every shortcut in the table: its key, pressed, does what it says, and it reads in both languages") {
  const auto rows = ui::Shortcuts();
  REQUIRE(rows.size() >= 18);
  const int64_t per_s = sim::kUsPerS / sim::kTickUs;
  for (const ui::Shortcut& row : rows) {
    const std::string label = ui::KeyLabel(row);
    CAPTURE(label);
    // Each key reaches its own row (no row hides another) and reads in Korean and English.
    ui::KeyPress press{row.key, HasMod(row.mods, ui::Mods::Shift), HasMod(row.mods, ui::Mods::Ctrl)};
    CHECK(ui::MatchShortcut(press) == &row);
    const std::string ko = ui::Tr(row.description, sim::Lang::Ko), en = ui::Tr(row.description, sim::Lang::En);
    CHECK(HasHangul(ko));
    CHECK(!en.empty());
    CHECK(ko != en);

    FixtureDir fx;
    Harness h;
    Services s;
    ui::App app(Options(fx.dir(), s));
    h.Frames(app, 2);
    REQUIRE(app.run() != nullptr);
    const ui::Tutorial& t = app.tutorial();
    switch (row.action) {
      case ui::ShortcutAction::PlayPause:
        REQUIRE_FALSE(app.playing());
        PressShortcut(h, app, row);
        CHECK(app.playing());
        PressShortcut(h, app, row);
        CHECK_FALSE(app.playing());
        break;
      case ui::ShortcutAction::StepOnce:
        PressShortcut(h, app, row);
        CHECK(Ticks(app) == per_s);
        break;
      case ui::ShortcutAction::SpeedDown:
        PressShortcut(h, app, row);
        CHECK(t.pacing().speed_index == ui::kDefaultSpeedIndex - 1);
        for (int i = 0; i < ui::kSpeedCount; ++i) PressShortcut(h, app, row);
        CHECK(t.pacing().speed_index == 0);
        break;
      case ui::ShortcutAction::SpeedUp:
        PressShortcut(h, app, row);
        CHECK(t.pacing().speed_index == ui::kDefaultSpeedIndex + 1);
        for (int i = 0; i < ui::kSpeedCount; ++i) PressShortcut(h, app, row);
        CHECK(t.pacing().speed_index == ui::kSpeedCount - 1);
        break;
      case ui::ShortcutAction::NextStep: {
        PressShortcut(h, app, row);
        CHECK(app.run()->step_index() == 1);
        // The last step: nothing until it passes, then the lesson is finished.
        app.Dispatch(ui::AnswerQuestion{1});
        PressShortcut(h, app, row);
        CHECK(app.run()->step_index() == 1);
        CHECK_FALSE(app.progress().IsCompleted("ui-a"));
        for (int i = 0; i < 3; ++i) app.Dispatch(ui::StepOnce{});
        REQUIRE(app.run()->StepPassed());
        PressShortcut(h, app, row);
        CHECK(app.progress().IsCompleted("ui-a"));
        break;
      }
      case ui::ShortcutAction::ShowHint:
        PressShortcut(h, app, row);
        CHECK(app.ui().hints_shown == 1);
        PressShortcut(h, app, row);
        PressShortcut(h, app, row);
        CHECK(app.ui().hints_shown == 2);  // the step has two
        break;
      case ui::ShortcutAction::Describe: {
        const size_t said = s.announcements.size() + s.notices.size();
        PressShortcut(h, app, row);
        CHECK(s.announcements.size() + s.notices.size() == said + 1);
        break;
      }
      case ui::ShortcutAction::BackSecond:
      case ui::ShortcutAction::ForwardSecond:
      case ui::ShortcutAction::BackTenSeconds:
      case ui::ShortcutAction::ForwardTenSeconds:
      case ui::ShortcutAction::StepStart:
      case ui::ShortcutAction::Live: {
        for (int i = 0; i < 4; ++i) app.Dispatch(ui::StepOnce{});
        const int64_t first = t.rewind_first_tick(), live = t.live_tick();
        REQUIRE(live - first == 4 * per_s);
        app.Dispatch(ui::RewindTo{first + 2 * per_s});
        h.Frames(app, 1);
        const std::map<ui::ShortcutAction, int64_t> want{
            {ui::ShortcutAction::BackSecond, first + per_s},   {ui::ShortcutAction::ForwardSecond, first + 3 * per_s},
            {ui::ShortcutAction::BackTenSeconds, first},       {ui::ShortcutAction::ForwardTenSeconds, live},
            {ui::ShortcutAction::StepStart, first},            {ui::ShortcutAction::Live, live}};
        PressShortcut(h, app, row);
        CHECK(Ticks(app) == want.at(row.action));
        CHECK(t.rewound() == (want.at(row.action) != live));
        break;
      }
      case ui::ShortcutAction::Paste:
        s.clipboard = "4242";
        PressShortcut(h, app, row);
        CHECK(app.run()->seed() == 4242);
        break;
      case ui::ShortcutAction::NextPanel:
        PressShortcut(h, app, row);
        CHECK(NavRoot() == "Top bar");  // reading order: the top bar, then the lesson panel
        PressShortcut(h, app, row);
        CHECK(NavRoot() == "Lesson");
        break;
      case ui::ShortcutAction::PreviousPanel:
        PressShortcut(h, app, RowFor(ui::ShortcutAction::NextPanel));
        PressShortcut(h, app, RowFor(ui::ShortcutAction::NextPanel));
        REQUIRE(NavRoot() == "Lesson");
        PressShortcut(h, app, row);
        CHECK(NavRoot() == "Top bar");
        PressShortcut(h, app, row);  // round to the last panel
        CHECK(NavRoot() != "Top bar");
        CHECK_FALSE(NavRoot().empty());
        break;
      case ui::ShortcutAction::ToggleKeys:
        PressShortcut(h, app, row);
        CHECK(app.ui().keys_open);
        CHECK(Harness::Find(app, "keys-table") != nullptr);
        PressShortcut(h, app, row);
        CHECK_FALSE(app.ui().keys_open);
        break;
      case ui::ShortcutAction::CloseKeys:
        PressShortcut(h, app, RowFor(ui::ShortcutAction::ToggleKeys));
        REQUIRE(app.ui().keys_open);
        PressShortcut(h, app, row);
        CHECK_FALSE(app.ui().keys_open);
        CHECK(Harness::Find(app, "keys-table") == nullptr);
        break;
    }
    CHECK(g_imgui_errors.empty());
  }
  for (const ui::NavigationKey& n : ui::NavigationKeys()) {
    CAPTURE(n.label);
    CHECK(HasHangul(ui::Tr(n.description, sim::Lang::Ko)));
    CHECK(std::string(ui::Tr(n.description, sim::Lang::En)) != ui::Tr(n.description, sim::Lang::Ko));
  }
}

TEST_CASE("shortcuts do nothing while a text field takes typing") {
  FixtureDir fx;
  Harness h;
  Services s;
  ui::App app(Options(fx.dir(), s));
  h.Frames(app, 2);
  h.Click(app, "lesson-list");
  h.Click(app, "progress-move");
  h.Click(app, "progress-import");  // a text field, now taking typing
  REQUIRE(ImGui::GetIO().WantTextInput);
  for (const char c : std::string("psn+h?")) ImGui::GetIO().AddInputCharacter(static_cast<unsigned int>(c));
  h.Frames(app, 2);
  for (const ui::Shortcut& row : ui::Shortcuts()) {
    if (row.key != ui::ShortcutKey::Escape) PressShortcut(h, app, row);  // Esc leaves the field
  }
  CHECK_FALSE(app.playing());
  CHECK(Ticks(app) == 0);
  CHECK(app.run()->step_index() == 0);
  CHECK(app.tutorial().pacing().speed_index == ui::kDefaultSpeedIndex);
  CHECK(app.ui().hints_shown == 0);
  CHECK_FALSE(app.ui().keys_open);
}

TEST_CASE("keyboard alone: F6 reaches a panel, Tab a button, Enter or Space presses it, the ring shows where") {
  FixtureDir fx;
  Harness h;
  Services s;
  ui::App app(Options(fx.dir(), s));
  h.Frames(app, 2);
  ImGuiIO& io = ImGui::GetIO();
  auto press = [&](ImGuiKey key) { TapKey(h, app, key); };
  ImGuiContext& g = *ImGui::GetCurrentContext();
  // "?" opens the overlay with the focus on its Close button: Enter closes it.
  PressShortcut(h, app, RowFor(ui::ShortcutAction::ToggleKeys));
  h.Frames(app, 1);
  REQUIRE(app.ui().keys_open);
  CHECK(NavRoot().find("###keys") != std::string::npos);
  CHECK_FALSE(g.NavDisableHighlight);
  const ui::WidgetRect* close = Harness::Find(app, "keys-close");
  REQUIRE(close != nullptr);
  CHECK(g.NavWindow->NavRectRel[0].GetWidth() > 0);
  press(ImGuiKey_Enter);
  CHECK_FALSE(app.ui().keys_open);
  // The ring is drawn over the focused widget, in the foreground, only when the keyboard is in use.
  press(ImGuiKey_F6);  // the top bar
  REQUIRE(NavRoot() == "Top bar");
  h.Frames(app, 2);
  REQUIRE(g.NavId != 0);
  auto ring_drawn = [&] { return ImGui::GetForegroundDrawList()->VtxBuffer.Size > 0; };  // nothing else draws there
  CHECK(ring_drawn());
  // Tab to the play button and press it with Space, then with Enter.
  auto on_play = [&] {
    const ui::WidgetRect* play = Harness::Find(app, "play");
    REQUIRE(play != nullptr);
    const ImRect nav = ImGui::WindowRectRelToAbs(g.NavWindow, g.NavWindow->NavRectRel[0]);
    return std::abs(nav.Min.x - play->min.x) < 1 && std::abs(nav.Min.y - play->min.y) < 1;
  };
  int tabs = 0;
  for (; tabs < 12 && !on_play(); ++tabs) press(ImGuiKey_Tab);
  REQUIRE(on_play());
  CHECK(tabs >= 1);  // the lesson picker comes first
  press(ImGuiKey_Space);
  CHECK(app.playing());
  press(ImGuiKey_Enter);
  CHECK_FALSE(app.playing());
  // The mouse hides the ring.
  io.AddMousePosEvent(300, 300);
  h.Frame(app);
  io.AddMouseButtonEvent(0, true);
  h.Frame(app);
  io.AddMouseButtonEvent(0, false);
  h.Frames(app, 2);
  CHECK(g.NavDisableHighlight);
  CHECK_FALSE(ring_drawn());
  CHECK(g_imgui_errors.empty());
}

TEST_CASE("shortcuts are keys, not typed letters: a Korean input method's Hangul does not stop them; '?' on any layout") {
  FixtureDir fx;
  Harness h;
  Services s;
  ui::App app(Options(fx.dir(), s));
  h.Frames(app, 2);
  ImGuiIO& io = ImGui::GetIO();
  // In Hangul mode the P key types 'ㅔ', S 'ㄴ', N 'ㅜ', H 'ㅗ': the keys still act, once each.
  auto tap_typing = [&](ImGuiKey key, char16_t typed) {
    io.AddKeyEvent(key, true);
    io.AddInputCharacterUTF16(typed);
    io.AddKeyEvent(key, false);
    h.Frames(app, 3);
  };
  tap_typing(ImGuiKey_P, u'ㅔ');
  CHECK(app.playing());
  tap_typing(ImGuiKey_P, u'ㅔ');
  CHECK_FALSE(app.playing());
  const int64_t paused_at = Ticks(app);
  tap_typing(ImGuiKey_S, u'ㄴ');
  CHECK(Ticks(app) == paused_at + sim::kUsPerS / sim::kTickUs);
  tap_typing(ImGuiKey_H, u'ㅗ');
  CHECK(app.ui().hints_shown == 1);
  // Letters typed with no key (a paste, an input method's composition) are not shortcuts.
  for (const char c : std::string("pshnd+-,.")) io.AddInputCharacter(static_cast<unsigned int>(c));
  h.Frames(app, 2);
  CHECK_FALSE(app.playing());
  CHECK(app.ui().hints_shown == 1);
  CHECK(app.tutorial().pacing().speed_index == ui::kDefaultSpeedIndex);
  // Ctrl or Alt with a letter is the system's or the browser's.
  TapKey(h, app, ImGuiKey_P, false, true);
  io.AddKeyEvent(ImGuiMod_Alt, true);
  TapKey(h, app, ImGuiKey_P);
  io.AddKeyEvent(ImGuiMod_Alt, false);
  h.Frame(app);
  CHECK_FALSE(app.playing());
  // Shift+P is P; Shift+= is '+', and so are '=' and the keypad's plus.
  TapKey(h, app, ImGuiKey_P, true);
  CHECK(app.playing());
  TapKey(h, app, ImGuiKey_P);
  TapKey(h, app, ImGuiKey_Equal, true);
  TapKey(h, app, ImGuiKey_Equal);
  TapKey(h, app, ImGuiKey_KeypadAdd);
  CHECK(app.tutorial().pacing().speed_index == std::min(ui::kDefaultSpeedIndex + 3, ui::kSpeedCount - 1));
  TapKey(h, app, ImGuiKey_KeypadSubtract);
  TapKey(h, app, ImGuiKey_Minus);
  CHECK(app.tutorial().pacing().speed_index == std::min(ui::kDefaultSpeedIndex + 3, ui::kSpeedCount - 1) - 2);

  // A '?' typed with `key` (ImGuiKey_None: a key ImGui does not name) and maybe Shift, as a
  // browser delivers it: the key events and the character in one frame.
  auto type_question = [&](ImGuiKey key, bool shift) {
    if (shift) io.AddKeyEvent(ImGuiMod_Shift, true);
    if (key != ImGuiKey_None) io.AddKeyEvent(key, true);
    io.AddInputCharacter('?');
    if (key != ImGuiKey_None) io.AddKeyEvent(key, false);
    if (shift) io.AddKeyEvent(ImGuiMod_Shift, false);
    h.Frames(app, 3);
  };
  // '?' on a US keyboard: Shift+Slash, which also types '?': one toggle, not two.
  REQUIRE_FALSE(app.ui().keys_open);
  type_question(ImGuiKey_Slash, true);
  CHECK(app.ui().keys_open);
  TapKey(h, app, ImGuiKey_Escape);
  REQUIRE_FALSE(app.ui().keys_open);
  TapKey(h, app, ImGuiKey_Slash);  // '/' alone is nothing
  CHECK_FALSE(app.ui().keys_open);
  // '?' where it is another key (German: Shift+ß, a key ImGui does not name): the character does it.
  type_question(ImGuiKey_None, true);
  CHECK(app.ui().keys_open);
  io.AddInputCharacter('?');
  h.Frames(app, 2);
  CHECK_FALSE(app.ui().keys_open);
  // German in a browser: Shift and the physical '-' key type '?': the list, not also "Slower".
  const int speed = app.tutorial().pacing().speed_index;
  type_question(ImGuiKey_Minus, true);
  CHECK(app.ui().keys_open);
  CHECK(app.tutorial().pacing().speed_index == speed);
  // A synthetic '?' (a test driver's): the / key with no Shift, typing '?': one toggle.
  type_question(ImGuiKey_Slash, false);
  CHECK_FALSE(app.ui().keys_open);
  // Held Shift+/: its repeated '?' does not toggle again.
  io.AddKeyEvent(ImGuiMod_Shift, true);
  io.AddKeyEvent(ImGuiKey_Slash, true);
  io.AddInputCharacter('?');
  h.Frames(app, 2);
  CHECK(app.ui().keys_open);
  io.AddInputCharacter('?');
  h.Frames(app, 2);
  CHECK(app.ui().keys_open);
  io.AddKeyEvent(ImGuiKey_Slash, false);
  io.AddKeyEvent(ImGuiMod_Shift, false);
  TapKey(h, app, ImGuiKey_Escape);
  REQUIRE_FALSE(app.ui().keys_open);
  tap_typing(ImGuiKey_N, u'ㅜ');
  CHECK(app.run()->step_index() == 1);
  CHECK(g_imgui_errors.empty());
}

TEST_CASE("docs/ui.md lists exactly the shortcut table of the code") {
  std::ifstream in(std::string(STATELAB_SOURCE_DIR) + "/docs/ui.md");
  REQUIRE(in.good());
  const std::string doc((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  const std::string begin = "<!-- shortcuts:begin (tests/ui/app_test.cpp checks this table) -->\n";
  const std::string end = "<!-- shortcuts:end -->";
  const size_t a = doc.find(begin), b = doc.find(end);
  REQUIRE_MESSAGE(a != std::string::npos, "docs/ui.md has no " << begin);
  REQUIRE(b != std::string::npos);
  REQUIRE(b > a);
  const std::string table = doc.substr(a + begin.size(), b - a - begin.size());
  CHECK_MESSAGE(table == ui::ShortcutsMarkdown(), "docs/ui.md's shortcut table should read:\n" << ui::ShortcutsMarkdown());
}
