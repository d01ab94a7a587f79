// The tutorial controller driven directly, with no ImGui linked: lessons and their lifetimes,
// pacing, progress, the address, and the run log that replays a learner's run exactly.
#include <doctest/doctest.h>

#include <algorithm>
#include <optional>
#include <string>
#include <vector>

#include "statelab/progress.h"
#include "statelab/run_log.h"
#include "statelab/sim.h"
#include "statelab/url_state.h"
#include "ui/model_text.h"
#include "ui/timeline_marks.h"
#include "ui/tutorial.h"

namespace {

struct FakePlatform {
  std::optional<std::string> saved;
  std::vector<std::string> notices;
  std::vector<std::string> announcements;
  std::string hash;
  std::string language = "en-US";
  std::vector<std::string> copied;
  bool copy_fails = false;
  std::optional<std::string> clipboard;  // what a paste reads; nullopt: the browser refuses

  ui::PlatformServices Make() {
    ui::PlatformServices s;
    s.load_progress = [this] { return saved; };
    s.save_progress = [this](const std::string& blob, std::string*) {
      saved = blob;
      return true;
    };
    s.backup_corrupt_progress = [](const std::string&) { return std::string("backup"); };
    s.url_hash = [this] { return hash; };
    s.set_url_hash = [this](const std::string& h) { hash = h; };
    s.preferred_language = [this] { return language; };
    s.announce = [this](const std::string& t) { announcements.push_back(t); };
    s.show_notice = [this](const std::string& t) {
      notices.push_back(t);
      return true;
    };
    s.copy_text = [this](const std::string& text, const std::string&) {
      if (!copy_fails) copied.push_back(text);
      return !copy_fails;
    };
    s.read_clipboard = [this](const std::string& refused) {
      if (!clipboard) notices.push_back(refused);
      return clipboard;
    };
    s.page_address = [] { return std::string("https://lab.example/statelab/"); };
    return s;
  }
};

// Runs `seconds` of simulated time one second at a time, as the StepOnce button does.
void Seconds(ui::Tutorial& t, int seconds) {
  for (int i = 0; i < seconds; ++i) t.Dispatch(ui::StepOnce{});
}

// Opens the first lesson with at least two steps and no predict question on its first two.
std::string TwoStepLesson(const ui::Tutorial& t) {
  for (const auto& l : t.lessons().lessons) {
    if (l->steps.size() < 2) continue;
    if ((l->steps[0].question && l->steps[0].question->kind == sim::QuestionKind::Predict) ||
        (l->steps[1].question && l->steps[1].question->kind == sim::QuestionKind::Predict)) {
      continue;
    }
    return l->id;
  }
  return {};
}

// A tutorial with every lesson loaded and a two-step lesson open.
struct OpenFixture {
  FakePlatform p;
  ui::Tutorial t{STATELAB_DATA_DIR, p.Make()};
  std::string id;
  OpenFixture() {
    t.BeginFrame();
    t.BeginFrame();  // the second frame loads the rest of the lessons
    id = TwoStepLesson(t);
    t.Dispatch(ui::OpenLesson{id});
  }
};

}  // namespace

TEST_CASE("the opening lesson is the same object in the list and in the run, after the list loads") {
  FakePlatform p;
  p.hash = "#lesson=caching";
  ui::Tutorial t(STATELAB_DATA_DIR, p.Make());
  REQUIRE(t.run() != nullptr);
  REQUIRE(t.run()->lesson().id == "caching");
  const sim::Lesson* opening = &t.run()->lesson();
  CHECK(t.lessons().lessons.size() == 1);  // the first frame parses only the lesson it opens
  t.BeginFrame();
  t.BeginFrame();  // the second frame loads the rest
  REQUIRE(t.lessons().lessons.size() > 1);
  CHECK(t.lessons().errors.empty());
  // The run still holds the lesson it started with, and the list holds that same object.
  CHECK(&t.run()->lesson() == opening);
  CHECK(t.lessons().Find("caching").get() == opening);
}

TEST_CASE("a run outlives the lesson list it came from") {
  FakePlatform p;
  ui::Tutorial t(STATELAB_DATA_DIR, p.Make());
  t.BeginFrame();
  t.BeginFrame();
  const std::string id = TwoStepLesson(t);
  REQUIRE(!id.empty());
  t.Dispatch(ui::OpenLesson{id});
  std::weak_ptr<const sim::Lesson> held = t.lessons().Find(id);
  Seconds(t, 2);
  CHECK(t.run()->lesson().id == id);
  CHECK(&t.run()->lesson() == held.lock().get());
}

TEST_CASE("pacing: at 1x one simulated second per wall-clock second, in whole ticks; paused, none") {
  OpenFixture f;
  ui::Tutorial& t = f.t;
  const sim::TimeUs t0 = t.run()->sim().now_us();
  t.Advance(0.5f);
  CHECK(t.run()->sim().now_us() == t0);  // every step opens paused
  t.Dispatch(ui::SetPlaying{true});
  for (int i = 0; i < 60; ++i) t.Advance(1.0f / 60.0f);
  const sim::TimeUs ran = t.run()->sim().now_us() - t0;
  CHECK(ran % sim::kTickUs == 0);
  CHECK(ran >= sim::Sec(1) - 2 * sim::kTickUs);
  CHECK(ran <= sim::Sec(1));
  t.Dispatch(ui::SetSpeed{ui::kSpeedCount - 1});  // 64x
  const sim::TimeUs t1 = t.run()->sim().now_us();
  t.Advance(0.1f);
  CHECK(t.run()->sim().now_us() - t1 > sim::Sec(5));
}

TEST_CASE("progress and the address follow the step the learner is on") {
  OpenFixture f;
  ui::Tutorial& t = f.t;
  FakePlatform& p = f.p;
  const std::string& id = f.id;
  t.Dispatch(ui::GoToStep{1});
  REQUIRE(t.run()->step_index() == 1);
  CHECK(t.progress().current_lesson == id);
  CHECK(t.progress().current_step == 1);
  CHECK(t.progress().furthest_step.at(id) == 1);
  REQUIRE(p.saved.has_value());
  CHECK(p.saved->find(id) != std::string::npos);
  const sim::UrlStateResult url = sim::ParseUrlState(p.hash);
  REQUIRE(url.state);
  CHECK(*url.state->lesson == id);
  CHECK(*url.state->step == 1);

  // A second tutorial on the same storage opens where the learner was.
  FakePlatform q;
  q.saved = p.saved;
  ui::Tutorial again(STATELAB_DATA_DIR, q.Make());
  REQUIRE(again.run() != nullptr);
  CHECK(again.run()->lesson().id == id);
  CHECK(again.run()->step_index() == 1);
}

TEST_CASE("the run log replays the learner's run to the same trace hash") {
  OpenFixture f;
  ui::Tutorial& t = f.t;
  const std::string& id = f.id;
  Seconds(t, 3);
  t.Dispatch(ui::ModelCommand{sim::SetStickiness{true, 60}});
  Seconds(t, 2);
  t.Dispatch(ui::ModelCommand{sim::SetShopperCount{400}});
  t.Dispatch(ui::ModelCommand{sim::SetCacheMode{sim::CacheMode::LazyLoading}});
  Seconds(t, 4);
  t.Dispatch(ui::GoToStep{1});  // forward by one: the same stack keeps running
  t.Dispatch(ui::ModelCommand{sim::TerminateInstance{sim::InstanceId{1}}});
  Seconds(t, 5);

  const sim::RunLog& log = t.log();
  CHECK(log.lesson == id);
  CHECK(log.start_step == 0);
  REQUIRE(log.entries.size() == 5);
  CHECK(std::holds_alternative<sim::StepStarted>(log.entries[3].what));
  for (size_t i = 1; i < log.entries.size(); ++i) CHECK(log.entries[i].tick >= log.entries[i - 1].tick);

  const sim::Lesson& lesson = t.run()->lesson();
  const int64_t now_tick = t.run()->sim().now_us() / sim::kTickUs;
  const auto replay = sim::ReplayRunLog(lesson, log, now_tick);
  CHECK(replay->sim().now_us() == t.run()->sim().now_us());
  CHECK(replay->step_index() == t.run()->step_index());
  CHECK(replay->sim().trace_hash() == t.run()->sim().trace_hash());

  // The log is what makes it so: without the terminate, or one tick late, the run differs.
  sim::RunLog fewer = log;
  fewer.entries.pop_back();
  CHECK(sim::ReplayRunLog(lesson, fewer, now_tick)->sim().trace_hash() != t.run()->sim().trace_hash());
  sim::RunLog late = log;
  late.entries[1].tick += 1;
  CHECK(sim::ReplayRunLog(lesson, late, now_tick)->sim().trace_hash() != t.run()->sim().trace_hash());
}

TEST_CASE("a fresh run starts a fresh log: restart, reset, another seed, another lesson") {
  OpenFixture f;
  ui::Tutorial& t = f.t;
  const uint64_t serial = t.run_serial();
  t.Dispatch(ui::ModelCommand{sim::SetStickiness{true, 60}});
  REQUIRE(t.log().entries.size() == 1);
  t.Dispatch(ui::SetSeed{77});
  CHECK(t.log().entries.empty());
  CHECK(t.log().seed == 77);
  CHECK(t.run_serial() == serial + 1);
  t.Dispatch(ui::ModelCommand{sim::SetStickiness{true, 60}});
  t.Dispatch(ui::ResetStep{});
  CHECK(t.log().entries.empty());
  CHECK(t.log().seed == 77);  // a reset keeps the seed
}

TEST_CASE("a predict question holds the run until it is answered") {
  FakePlatform p;
  ui::Tutorial t(STATELAB_DATA_DIR, p.Make());
  t.BeginFrame();
  t.BeginFrame();
  // Find a step with a predict question, from the lessons themselves.
  std::string id;
  int step = -1;
  for (const auto& l : t.lessons().lessons) {
    for (size_t i = 0; i < l->steps.size() && id.empty(); ++i) {
      if (l->steps[i].question && l->steps[i].question->kind == sim::QuestionKind::Predict) {
        id = l->id;
        step = static_cast<int>(i);
      }
    }
  }
  REQUIRE_MESSAGE(!id.empty(), "no lesson has a predict question");
  t.Dispatch(ui::OpenLesson{id});
  t.Dispatch(ui::GoToStep{step});
  REQUIRE(t.run()->step_index() == step);
  const sim::TimeUs t0 = t.run()->sim().now_us();
  t.Dispatch(ui::SetPlaying{true});
  t.Advance(1.0f);
  t.Dispatch(ui::StepOnce{});
  CHECK(t.run()->sim().now_us() == t0);
  CHECK(t.pacing().blocked_by_question);
  t.Dispatch(ui::AnswerQuestion{0});
  CHECK(t.chosen_answer() == 0);
  t.Dispatch(ui::StepOnce{});
  CHECK(t.run()->sim().now_us() == t0 + sim::Sec(1));
}

TEST_CASE("a language chosen in this window wins over a choice saved earlier by another window") {
  FakePlatform p;
  p.language = "en-US";
  ui::Tutorial t(STATELAB_DATA_DIR, p.Make());
  REQUIRE(t.lang() == sim::Lang::En);
  // Another window chose English twice since this one last read the save.
  sim::Progress other;
  other.language = "en";
  other.language_revision = 7;
  p.saved = sim::SerializeProgress(other);
  t.Dispatch(ui::SetLanguage{sim::Lang::Ko});
  CHECK(t.lang() == sim::Lang::Ko);
  const sim::ProgressLoad saved = sim::ParseProgress(*p.saved, "save");
  REQUIRE(saved.progress);
  CHECK(saved.progress->language == "ko");
}

TEST_CASE("a save from another window with a bad field is backed up before it is written over") {
  FakePlatform p;
  std::vector<std::string> backups;
  ui::PlatformServices s = p.Make();
  s.backup_corrupt_progress = [&](const std::string& blob) {
    backups.push_back(blob);
    return std::string("backup-1");
  };
  ui::Tutorial t(STATELAB_DATA_DIR, std::move(s));
  p.notices.clear();
  const std::string partly_bad = R"({"version":1,"language":"xx","completed":["welcome"]})";
  p.saved = partly_bad;
  t.Dispatch(ui::GoToStep{1});  // saves, merging first
  REQUIRE(backups.size() == 1);
  CHECK(backups[0] == partly_bad);
  REQUIRE(!p.notices.empty());
  CHECK(p.notices.back().find("backup-1") != std::string::npos);
  CHECK(t.progress().IsCompleted("welcome"));  // the good fields are merged in
}

TEST_CASE("a link too long to read says so, and does not claim to open the rest") {
  FakePlatform p;
  p.hash = "#lesson=" + std::string(9000, 'a');
  p.language = "ko-KR";
  ui::Tutorial t(STATELAB_DATA_DIR, p.Make());
  REQUIRE(!p.notices.empty());
  CHECK(p.notices.front().find("8192") != std::string::npos);
  CHECK(p.notices.front().find("나머지를 엽니다") == std::string::npos);
}

TEST_CASE("rewind: the run at an earlier second, marked rewound; playing on replays it to the live edge") {
  OpenFixture f;
  ui::Tutorial& t = f.t;
  Seconds(t, 5);
  t.Dispatch(ui::ModelCommand{sim::SetShopperCount{700}});
  Seconds(t, 40);
  t.Dispatch(ui::ModelCommand{sim::SetStickiness{true, 60}});
  Seconds(t, 20);
  const uint64_t live_hash = t.run()->sim().trace_hash();
  const int64_t live = t.live_tick();
  CHECK_FALSE(t.rewound());
  const int64_t ticks_per_s = sim::kUsPerS / sim::kTickUs;
  const int64_t back = live - 30 * ticks_per_s;
  t.Dispatch(ui::RewindTo{back});
  CHECK(t.rewound());
  CHECK(t.run()->sim().now_us() / sim::kTickUs == back);
  CHECK(t.run()->sim().trace_hash() == sim::ReplayRunLog(t.run()->lesson(), t.log(), back)->sim().trace_hash());
  CHECK(t.live_tick() == live);
  CHECK(t.log().entries.size() == 2);  // rewinding changes nothing the learner did
  Seconds(t, 30);  // the stickiness click comes back at its tick
  CHECK_FALSE(t.rewound());
  CHECK(t.run()->sim().trace_hash() == live_hash);
  // A rewind never leaves the current step, nor passes the live edge.
  t.Dispatch(ui::RewindTo{0});
  CHECK(t.run()->sim().now_us() / sim::kTickUs == t.step_start_tick());
  t.Dispatch(ui::BackToLive{});
  CHECK(t.run()->sim().now_us() / sim::kTickUs == live);
  CHECK(t.run()->sim().trace_hash() == live_hash);
}

TEST_CASE("fork: a change while rewound starts a new branch; the old one is kept to compare") {
  OpenFixture f;
  ui::Tutorial& t = f.t;
  Seconds(t, 10);
  t.Dispatch(ui::ModelCommand{sim::TerminateInstance{sim::InstanceId{1}}});
  Seconds(t, 30);
  const sim::RunLog before = t.log();
  const uint64_t old_hash = t.run()->sim().trace_hash();
  const int64_t ticks_per_s = sim::kUsPerS / sim::kTickUs;
  const int64_t fork_at = t.step_start_tick() + 5 * ticks_per_s;  // before i-1 was terminated
  t.Dispatch(ui::RewindTo{fork_at});
  t.Dispatch(ui::ModelCommand{sim::SetStickiness{true, 3600}});  // what if stickiness had been on?
  REQUIRE(t.previous_branch().has_value());
  CHECK(t.previous_branch()->entries.size() == before.entries.size());
  REQUIRE(t.log().entries.size() == 1);  // the terminate was the old future
  CHECK(t.log().entries[0].tick == fork_at);
  CHECK_FALSE(t.rewound());  // the fork is the live edge now
  Seconds(t, 35);
  const int64_t now = t.run()->sim().now_us() / sim::kTickUs;
  CHECK(t.run()->sim().trace_hash() == sim::ReplayRunLog(t.run()->lesson(), t.log(), now)->sim().trace_hash());
  CHECK(t.run()->sim().trace_hash() != old_hash);
}

TEST_CASE("a shared run's link opens the same run: the same moment, the same trace hash") {
  OpenFixture f;
  ui::Tutorial& t = f.t;
  const std::string& id = f.id;
  t.Dispatch(ui::SetSeed{99});
  Seconds(t, 4);
  t.Dispatch(ui::ModelCommand{sim::SetShopperCount{500}});
  Seconds(t, 6);
  t.Dispatch(ui::GoToStep{1});
  t.Dispatch(ui::ModelCommand{sim::TerminateInstance{sim::InstanceId{2}}});
  Seconds(t, 8);
  const int64_t now = t.run()->sim().now_us() / sim::kTickUs;
  const std::string link = "#lesson=" + id + "&run=" + sim::EncodeRunLink(t.log(), now);
  CHECK(link.size() < 2048);

  FakePlatform q;
  q.hash = link;
  ui::Tutorial opened(STATELAB_DATA_DIR, q.Make());
  REQUIRE(opened.run() != nullptr);
  CHECK(opened.run()->lesson().id == id);
  CHECK(opened.run()->seed() == 99);
  CHECK(opened.run()->step_index() == 1);
  CHECK(opened.run()->sim().now_us() == t.run()->sim().now_us());
  CHECK(opened.run()->sim().trace_hash() == t.run()->sim().trace_hash());
  CHECK(opened.log().entries.size() == t.log().entries.size());
  CHECK(q.notices.empty());
  // It can be rewound like the learner's own run, within the step it was shared in.
  CHECK(opened.step_start_tick() == t.step_start_tick());
}

TEST_CASE("progress moves between devices as a code: merged on import; a bad code changes nothing") {
  // Device A finished two lessons; device B one other, and is further along in a third.
  FakePlatform a_platform;
  sim::Progress a;
  a.MarkCompleted("welcome");
  a.MarkCompleted("no-stickiness");
  a.furthest_step["caching"] = 1;
  a_platform.saved = sim::SerializeProgress(a);
  ui::Tutorial device_a(STATELAB_DATA_DIR, a_platform.Make());
  device_a.BeginFrame();
  const std::string code = device_a.ProgressCode();
  REQUIRE(code.rfind("SWL1-", 0) == 0);

  FakePlatform b_platform;
  sim::Progress b;
  b.MarkCompleted("cookies");
  b.furthest_step["caching"] = 3;
  b_platform.saved = sim::SerializeProgress(b);
  std::vector<std::string> backups;
  ui::PlatformServices services = b_platform.Make();
  services.backup_corrupt_progress = [&](const std::string& blob) {
    backups.push_back(blob);
    return std::string("backup-1");
  };
  ui::Tutorial device_b(STATELAB_DATA_DIR, services);
  device_b.BeginFrame();
  const std::string saved_before = *b_platform.saved;

  // A damaged code (one character changed) and a foreign text: refused, nothing changes.
  std::string typo = code;
  typo[code.size() / 2] = typo[code.size() / 2] == 'A' ? 'B' : 'A';
  for (const std::string& bad : {typo, std::string("#lesson=caching"), code.substr(0, code.size() - 3)}) {
    const size_t notices = b_platform.notices.size();
    device_b.Dispatch(ui::ImportProgress{bad});
    REQUIRE(b_platform.notices.size() == notices + 1);
    CHECK(b_platform.notices.back().find("not imported") != std::string::npos);
    CHECK_FALSE(device_b.progress().IsCompleted("welcome"));
    CHECK(*b_platform.saved == saved_before);
    CHECK(backups.empty());
  }

  // The real code: the union of both, saved, with the earlier progress backed up first.
  device_b.Dispatch(ui::ImportProgress{"\n " + code + " \n"});
  const sim::Progress& merged = device_b.progress();
  CHECK(merged.completed == std::vector<std::string>{"cookies", "no-stickiness", "welcome"});
  CHECK(merged.furthest_step.at("caching") == 3);
  REQUIRE(backups.size() == 1);
  const sim::ProgressLoad backed_up = sim::ParseProgress(backups[0], "backup");
  REQUIRE(backed_up.progress);
  CHECK(backed_up.progress->completed == std::vector<std::string>{"cookies"});
  const sim::ProgressLoad saved = sim::ParseProgress(*b_platform.saved, "saved");
  REQUIRE(saved.progress);
  CHECK(saved.progress->completed == merged.completed);
  CHECK(b_platform.notices.back().find("2 more lessons completed, 3 in all") != std::string::npos);
}

// [SECTION] The timeline's marks
TEST_CASE("marks: settings and step changes from the log, faults from events, goal verdicts as they change") {
  const sim::Parsed<sim::Lesson> parsed = sim::ParseLesson(R"({
  "id": "marks", "order": 1, "title": {"ko": "표시", "en": "Marks"}, "summary": {"ko": "표시", "en": "Marks"},
  "config": {"shoppers": {"count": 200}},
  "steps": [
    {"id": "one", "title": {"ko": "하나", "en": "One"}, "narration": {"ko": "설명", "en": "Narration"},
     "task": {"ko": "할 일", "en": "Task"}, "duration": "10s", "knobs": "all", "faults": "all",
     "goals": [{"id": "late", "text": {"ko": "3초", "en": "three seconds"}, "metric": "time_s", "op": ">=", "value": 3, "mode": "eventually"},
               {"id": "early", "text": {"ko": "2초 전", "en": "before two seconds"}, "metric": "time_s", "op": "<", "value": 2, "mode": "always"}]},
    {"id": "two", "title": {"ko": "둘", "en": "Two"}, "narration": {"ko": "설명", "en": "Narration"},
     "task": {"ko": "할 일", "en": "Task"}, "duration": "10s"}
  ]
})", "marks.json");
  REQUIRE_MESSAGE(parsed.ok(), parsed.error.Message());
  const sim::Lesson& lesson = *parsed.value;
  sim::LessonRun run(lesson, 5);
  run.StartStep(0);
  sim::RunLog log{lesson.id, 0, 5, {}};
  run.RecordInto(&log);
  ui::MarkRecorder recorder;
  recorder.Reset(run);
  auto ticks = [&](int n) {
    for (int i = 0; i < n; ++i) {
      run.Tick();
      recorder.Note(run);
    }
  };
  ticks(150);
  run.Apply(sim::SetStickiness{true, 60});  // a setting at tick 150
  ticks(100);
  run.Apply(sim::FailAz{sim::Az::B});  // a fault at tick 250
  ticks(150);
  run.StartStep(1);  // step change at tick 400
  ticks(50);
  const std::vector<ui::TimelineMark> marks = ui::TimelineMarks(log, recorder.noted(), 0, 450);
  std::vector<std::pair<int64_t, ui::MarkKind>> got;
  for (const ui::TimelineMark& m : marks) got.emplace_back(m.tick, m.kind);
  // time_s < 2 fails at the check at 2 s; time_s >= 3 is met at 3 s.
  const std::vector<std::pair<int64_t, ui::MarkKind>> want = {
      {150, ui::MarkKind::Setting}, {200, ui::MarkKind::GoalFailed}, {250, ui::MarkKind::Fault},
      {300, ui::MarkKind::GoalMet}, {400, ui::MarkKind::Step}};
  CHECK(got == want);
  REQUIRE(marks.size() == want.size());
  CHECK(ui::MarkText(marks[0], lesson, sim::Lang::En) == "00:01  Setting: " + std::string(ui::CommandText(sim::CommandIndex(sim::Command{sim::SetStickiness{}}), sim::Lang::En)));
  CHECK(ui::MarkText(marks[1], lesson, sim::Lang::En) == "00:02  Goal failed: before two seconds");
  CHECK(ui::MarkText(marks[3], lesson, sim::Lang::Ko) == "00:03  목표 달성: 3초");
  CHECK(ui::MarkText(marks[4], lesson, sim::Lang::En) == "00:04  Step 2: Two");
  CHECK(ui::MarkText(marks[2], lesson, sim::Lang::En).find(" failed") != std::string::npos);  // AZ b failed
  // A window: only the marks inside it.
  CHECK(ui::TimelineMarks(log, recorder.noted(), 201, 399).size() == 2);
}

TEST_CASE("marks in the tutorial: a fork drops the marks of the old future; the sandbox rewinds over its whole run") {
  OpenFixture f;
  ui::Tutorial& t = f.t;
  const int64_t per_s = sim::kUsPerS / sim::kTickUs;
  Seconds(t, 3);
  t.Dispatch(ui::ModelCommand{sim::SetShopperCount{400}});
  Seconds(t, 7);
  t.Dispatch(ui::ModelCommand{sim::TerminateInstance{sim::InstanceId{1}}});
  Seconds(t, 5);
  auto count = [&](ui::MarkKind kind) {
    const auto marks = t.Marks();
    return std::count_if(marks.begin(), marks.end(), [kind](const ui::TimelineMark& m) { return m.kind == kind; });
  };
  CHECK(count(ui::MarkKind::Setting) == 1);
  CHECK(count(ui::MarkKind::Fault) >= 1);  // i-1 terminated
  for (const ui::TimelineMark& m : t.Marks()) CHECK(m.tick >= t.rewind_first_tick());
  // Fork at 5 s, before the terminate: that fault is not this branch's any more.
  t.Dispatch(ui::RewindTo{t.step_start_tick() + 5 * per_s});
  t.Dispatch(ui::ModelCommand{sim::SetStickiness{true, 60}});
  CHECK(count(ui::MarkKind::Fault) == 0);
  CHECK(count(ui::MarkKind::Setting) == 2);
  Seconds(t, 1);
  CHECK(count(ui::MarkKind::Fault) == 0);

  // The sandbox: rewinding reaches the run's first tick (its one step's start is the run's).
  t.Dispatch(ui::OpenLesson{"sandbox"});
  REQUIRE(t.run()->lesson().sandbox);
  Seconds(t, 6);
  CHECK(t.rewind_first_tick() == t.timeline().first_tick());
  t.Dispatch(ui::RewindTo{0});
  CHECK(t.run()->sim().now_us() / sim::kTickUs == t.timeline().first_tick());
  CHECK(t.rewound());
}

// [SECTION] Sharing, pasting, the clipboard
TEST_CASE("share: the link of the run as shown is copied, and opening it (as pasted or --open) gives the same run") {
  OpenFixture f;
  ui::Tutorial& t = f.t;
  t.Dispatch(ui::SetSeed{4242});
  Seconds(t, 3);
  t.Dispatch(ui::ModelCommand{sim::SetShopperCount{600}});
  Seconds(t, 4);
  t.Dispatch(ui::GoToStep{1});
  Seconds(t, 1);
  t.Dispatch(ui::ModelCommand{sim::TerminateInstance{sim::InstanceId{2}}});
  Seconds(t, 4);
  t.Dispatch(ui::ShareRun{});
  REQUIRE(f.p.copied.size() == 1);
  const std::string link = f.p.copied[0];
  CHECK(link == t.shared_link());
  CHECK(link.rfind("https://lab.example/statelab/#lesson=" + f.id + "&seed=4242&run=", 0) == 0);
  CHECK(link.size() < 2048);
  CHECK(f.p.announcements.back() == "Copied to the clipboard.");

  FakePlatform q;
  ui::Tutorial other(STATELAB_DATA_DIR, q.Make());
  other.BeginFrame();
  other.BeginFrame();
  other.Dispatch(ui::OpenLink{"  " + link + "\n"});
  REQUIRE(other.run() != nullptr);
  CHECK(q.notices.empty());
  CHECK(other.run()->lesson().id == f.id);
  CHECK(other.run()->seed() == 4242);
  CHECK(other.run()->step_index() == 1);
  CHECK(other.run()->sim().now_us() == t.run()->sim().now_us());
  CHECK(other.run()->sim().trace_hash() == t.run()->sim().trace_hash());

  // Rewound, the link is of the moment shown: the later entries are left out.
  const int64_t back = t.step_start_tick() + 50;  // half a second into step 2, before the terminate
  t.Dispatch(ui::RewindTo{back});
  t.Dispatch(ui::ShareRun{});
  other.Dispatch(ui::OpenLink{t.shared_link()});
  CHECK(other.run()->sim().now_us() / sim::kTickUs == back);
  CHECK(other.run()->sim().trace_hash() == t.run()->sim().trace_hash());
  CHECK(other.log().entries.size() == t.log().entries.size() - 1);  // the terminate came after
}

TEST_CASE("paste: a seed restarts the step with it; a link opens; anything else or a bad link changes nothing") {
  OpenFixture f;
  ui::Tutorial& t = f.t;
  t.Dispatch(ui::GoToStep{1});
  Seconds(t, 2);
  t.Dispatch(ui::OpenLink{" 31337\n"});
  CHECK(t.run()->seed() == 31337);
  CHECK(t.run()->step_index() == 1);
  CHECK(f.p.notices.empty());

  const std::optional<std::string> saved = f.p.saved;
  const uint64_t serial = t.run_serial();
  const uint64_t hash = t.run()->sim().trace_hash();
  std::string good = "#lesson=" + f.id + "&seed=3&run=" + sim::EncodeRunLink(sim::RunLog{f.id, 0, 3, {{10, sim::FailAz{}}}}, 200);
  const std::string bad_texts[] = {
      "hello",                                            // neither a link nor a seed
      good.substr(0, good.size() - 3),                    // cut short
      "#lesson=no-such-lesson",                           // no such lesson
      "#lesson=" + f.id + "&step=999",                    // no such step
      "#lesson=" + f.id + "&seed=x",                      // a bad part
      "#run=" + sim::EncodeRunLink(sim::RunLog{"elasticache", 0, 1, {}, sim::RunSource::Scenario}, 100),  // a scenario's
      "",
  };
  for (const std::string& text : bad_texts) {
    CAPTURE(text);
    const size_t notices = f.p.notices.size();
    t.Dispatch(ui::OpenLink{text});
    CHECK(f.p.notices.size() == notices + 1);
    CHECK(t.run_serial() == serial);
    CHECK(t.run()->sim().trace_hash() == hash);
    CHECK(f.p.saved == saved);
  }
  CHECK(f.p.notices[0] == "What was pasted is neither a Stateful Web Lab link nor a seed. Nothing was changed.");
  CHECK(f.p.notices[1].rfind("This link was not opened; your progress is unchanged. run: ", 0) == 0);
  CHECK(f.p.notices[1].find("the rest is opened") == std::string::npos);
  CHECK(f.p.notices[5] == "This is a link to a scenario run; open it with statelab-sim --replay.");

  // From the clipboard: the page refuses (a notice), or gives the text.
  f.p.clipboard.reset();
  t.Dispatch(ui::PasteFromClipboard{});
  CHECK(f.p.notices.back() == "The browser did not allow reading the clipboard. Click the app and press Ctrl+V to paste.");
  CHECK(t.run_serial() == serial);
  f.p.clipboard = good;
  t.Dispatch(ui::PasteFromClipboard{});
  CHECK(t.run()->seed() == 3);
  CHECK(t.run()->sim().now_us() / sim::kTickUs == 200);
  CHECK(t.log().entries.size() == 1);
}

TEST_CASE("copy: a seed or any text goes to the clipboard; a refused copy says so in the learner's language") {
  OpenFixture f;
  ui::Tutorial& t = f.t;
  t.Dispatch(ui::CopyText{"12345"});
  CHECK(f.p.copied == std::vector<std::string>{"12345"});
  f.p.copy_fails = true;
  t.Dispatch(ui::SetLanguage{sim::Lang::Ko});
  t.Dispatch(ui::ShareRun{});
  REQUIRE_FALSE(f.p.notices.empty());
  CHECK(f.p.notices.back() == "브라우저가 클립보드에 쓰는 것을 허용하지 않았습니다. 링크를 선택해 직접 복사하세요(Ctrl+C).");
  CHECK_FALSE(t.shared_link().empty());  // still shown, to copy by hand
}

// [SECTION] Comparing two runs
namespace {

// `log` without the learner's settings after `from_tick`: what side A of a comparison forked then
// was given (faults reach both sides, settings only B).
sim::RunLog WithoutSettingsAfter(const sim::RunLog& log, int64_t from_tick) {
  sim::RunLog out = log;
  out.entries.clear();
  for (const sim::RunLogEntry& e : log.entries) {
    const sim::Command* c = std::get_if<sim::Command>(&e.what);
    if (c != nullptr && e.tick >= from_tick && sim::IsSetting(*c)) continue;
    out.entries.push_back(e);
  }
  return out;
}

int64_t TickNow(const ui::Tutorial& t) { return t.run()->sim().now_us() / sim::kTickUs; }

}  // namespace

TEST_CASE("the sandbox's compare forks the run: B takes the learner's settings, both take faults, both advance together") {
  OpenFixture f;
  ui::Tutorial& t = f.t;
  t.Dispatch(ui::OpenLesson{"sandbox"});
  REQUIRE(t.run() != nullptr);
  REQUIRE(t.run()->lesson().sandbox);
  CHECK(t.compare_origin() == ui::CompareOrigin::None);
  CHECK(t.CanStartCompare());
  Seconds(t, 5);
  const int64_t fork_tick = TickNow(t);
  t.Dispatch(ui::StartCompare{});
  REQUIRE(t.run()->comparison() != nullptr);
  CHECK(t.compare_origin() == ui::CompareOrigin::Fork);
  CHECK_FALSE(t.CanStartCompare());
  CHECK(t.run()->comparison()->fork_us() == fork_tick * sim::kTickUs);
  // B's sessions move into (or out of) the session store; A keeps the sandbox's.
  const sim::SessionStrategy before = t.run()->sim().config().session.strategy;
  const bool b_in_store = before != sim::SessionStrategy::ServerSession;
  const sim::SessionStrategy after = b_in_store ? sim::SessionStrategy::ServerSession : sim::SessionStrategy::InstanceMemory;
  t.Dispatch(ui::ModelCommand{sim::SetSessionStrategy{after}});
  Seconds(t, 3);
  t.Dispatch(ui::ModelCommand{sim::TerminateInstance{sim::InstanceId{1}}});
  Seconds(t, 25);
  const sim::Comparison& c = *t.run()->comparison();
  CHECK(c.a().now_us() == t.run()->sim().now_us());
  CHECK(c.a().config().session.strategy == before);
  CHECK(t.run()->sim().config().session.strategy == after);
  // Each side is the run the log (B) or the log without B's settings (A) replays to.
  const int64_t now = TickNow(t);
  CHECK(t.run()->sim().trace_hash() == sim::ReplayRunLog(t.run()->lesson(), t.log(), now)->sim().trace_hash());
  CHECK(c.a().trace_hash() ==
        sim::ReplayRunLog(t.run()->lesson(), WithoutSettingsAfter(t.log(), fork_tick), now)->sim().trace_hash());
  // Memory sessions lose carts (i-1's, and more); the session store keeps them: the line says so.
  const sim::Difference d = t.run()->ComparisonSummary();
  REQUIRE(!d.rows.empty());
  CHECK(d.rows[0].metric == sim::Metric::CartsLost);
  CHECK((b_in_store ? d.rows[0].a : d.rows[0].b) > 0);
  CHECK((b_in_store ? d.rows[0].b : d.rows[0].a) == 0);
  t.Dispatch(ui::StopCompare{});
  CHECK(t.run()->comparison() == nullptr);
  CHECK(t.compare_origin() == ui::CompareOrigin::None);
  // A rewind ends a comparison the learner opened (the log does not hold it).
  t.Dispatch(ui::StartCompare{});
  REQUIRE(t.run()->comparison() != nullptr);
  t.Dispatch(ui::RewindTo{TickNow(t) - 2 * sim::kUsPerS / sim::kTickUs});
  CHECK(t.run()->comparison() == nullptr);
}

TEST_CASE("a fork's earlier branch opens as a comparison: A plays on exactly as that branch would") {
  OpenFixture f;
  ui::Tutorial& t = f.t;
  Seconds(t, 10);
  t.Dispatch(ui::ModelCommand{sim::TerminateInstance{sim::InstanceId{1}}});
  Seconds(t, 30);
  const int64_t ticks_per_s = sim::kUsPerS / sim::kTickUs;
  t.Dispatch(ui::RewindTo{t.step_start_tick() + 5 * ticks_per_s});
  t.Dispatch(ui::ModelCommand{sim::SetStickiness{true, 3600}});
  REQUIRE(t.previous_branch().has_value());
  CHECK(t.CanStartCompare());
  Seconds(t, 2);  // the old branch's terminate (at 10 s) is still ahead: A's own script
  t.Dispatch(ui::CompareWithPreviousBranch{});
  REQUIRE(t.run()->comparison() != nullptr);
  CHECK(t.compare_origin() == ui::CompareOrigin::Branch);
  const sim::RunLog old = *t.previous_branch();
  for (int second : {0, 5, 20}) {
    CAPTURE(second);
    if (second > 0) Seconds(t, second == 5 ? 5 : 15);
    const int64_t now = TickNow(t);
    CHECK(t.run()->comparison()->a().now_us() == t.run()->sim().now_us());
    CHECK(t.run()->comparison()->a().trace_hash() == sim::ReplayRunLog(t.run()->lesson(), old, now)->sim().trace_hash());
    CHECK(t.run()->sim().trace_hash() == sim::ReplayRunLog(t.run()->lesson(), t.log(), now)->sim().trace_hash());
  }
  // Counted from where the branches parted: the stickiness click at 5 s.
  CHECK(t.run()->comparison()->fork_us() == (t.step_start_tick() + 5 * ticks_per_s) * sim::kTickUs);
}

TEST_CASE("a comparison step compares from its start to its end; the learner cannot stop or replace it") {
  OpenFixture f;
  ui::Tutorial& t = f.t;
  t.Dispatch(ui::OpenLesson{"session-store"});
  const sim::Lesson& lesson = t.run()->lesson();
  int k = 0;
  while (k < static_cast<int>(lesson.steps.size()) && !lesson.steps[static_cast<size_t>(k)].compare) ++k;
  REQUIRE(k < static_cast<int>(lesson.steps.size()));
  t.Dispatch(ui::GoToStep{k});
  REQUIRE(t.run()->step_index() == k);
  REQUIRE(t.run()->comparison() != nullptr);
  CHECK(t.compare_origin() == ui::CompareOrigin::Step);
  CHECK_FALSE(t.CanStartCompare());
  t.Dispatch(ui::StopCompare{});
  CHECK(t.run()->comparison() != nullptr);
  t.Dispatch(ui::ModelCommand{sim::SetSessionStrategy{sim::SessionStrategy::ServerSession}});
  Seconds(t, 40);
  const sim::Comparison& c = *t.run()->comparison();
  CHECK(c.a().now_us() == t.run()->sim().now_us());
  CHECK(c.a().config().session.strategy == sim::SessionStrategy::InstanceMemory);
  CHECK(t.run()->sim().config().session.strategy == sim::SessionStrategy::ServerSession);
  // The goals read both runs: A loses carts when i-2 dies at 30 s, B keeps them.
  const auto& goals = lesson.steps[static_cast<size_t>(k)].goals;
  for (size_t i = 0; i < goals.size(); ++i) {
    CAPTURE(goals[i].id);
    if (goals[i].id == "a-loses") CHECK(t.run()->goals()[i].state == sim::GoalState::Met);
    if (goals[i].id == "b-keeps") CHECK(t.run()->goals()[i].state == sim::GoalState::Passing);
  }
  // Leaving the step ends the twin.
  t.Dispatch(ui::GoToStep{k - 1});
  CHECK(t.run()->comparison() == nullptr);
  CHECK(t.compare_origin() == ui::CompareOrigin::None);
}

TEST_CASE("fork: a change while rewound forks even when nothing was changed later; the old future is kept") {
  OpenFixture f;
  ui::Tutorial& t = f.t;
  Seconds(t, 12);
  const int64_t ticks_per_s = sim::kUsPerS / sim::kTickUs;
  const int64_t old_live = t.live_tick();
  t.Dispatch(ui::RewindTo{t.step_start_tick() + 4 * ticks_per_s});
  REQUIRE(t.rewound());
  t.Dispatch(ui::ModelCommand{sim::SetStickiness{true, 3600}});
  CHECK_FALSE(t.rewound());  // the change is the new live edge
  CHECK(t.live_tick() < old_live);
  REQUIRE(t.previous_branch().has_value());
  // The earlier branch replays to the old live edge without the change.
  CHECK(t.previous_branch()->entries.size() + 1 == t.log().entries.size());
}
