// The tutorial embedded in another page (web/embed.html), driven directly with no ImGui: the
// address names the one lesson (or step) it keeps to, it never rewrites that address or the full
// tutorial's saved place, it links to the whole tutorial at the same lesson and step, and out of
// view it stands still, playing on when back only if it was playing.
#include <doctest/doctest.h>

#include <optional>
#include <string>
#include <vector>

#include "statelab/progress.h"
#include "statelab/sim.h"
#include "ui/tutorial.h"

namespace {

struct EmbedPage {
  std::optional<std::string> saved;
  std::string hash;
  int hashes_set = 0;
  std::vector<std::string> notices;
  std::vector<std::string> opened;
  bool open_fails = false;

  ui::PlatformServices Make() {
    ui::PlatformServices s;
    s.load_progress = [this] { return saved; };
    s.save_progress = [this](const std::string& blob, std::string*) {
      saved = blob;
      return true;
    };
    s.backup_corrupt_progress = [](const std::string&) { return std::string("backup"); };
    s.url_hash = [this] { return hash; };
    s.set_url_hash = [this](const std::string& h) {
      hash = h;
      ++hashes_set;
    };
    s.preferred_language = [] { return std::string("en-US"); };
    s.show_notice = [this](const std::string& t) {
      notices.push_back(t);
      return true;
    };
    s.page_address = [] { return std::string("https://blog.example/lab/embed.html"); };
    s.open_url = [this](const std::string& url) {
      if (!open_fails) opened.push_back(url);
      return !open_fails;
    };
    return s;
  }
};

int StepsOf(const ui::Tutorial& t, const std::string& id) {
  const auto lesson = t.lessons().Find(id);
  REQUIRE(lesson != nullptr);
  return static_cast<int>(lesson->steps.size());
}

}  // namespace

TEST_CASE("the full tutorial's link: index.html in the embed's folder, at the lesson and step") {
  CHECK(ui::FullTutorialLink("https://blog.example/lab/embed.html", "cookies", 2) ==
        "https://blog.example/lab/index.html#lesson=cookies&step=2");
  CHECK(ui::FullTutorialLink("https://blog.example/lab/embed.html?v=3#lesson=x", "caching", 0) ==
        "https://blog.example/lab/index.html#lesson=caching&step=0");
  CHECK(ui::FullTutorialLink("https://blog.example/embed", "sandbox", 0) ==
        "https://blog.example/index.html#lesson=sandbox&step=0");
  CHECK(ui::FullTutorialLink("", "welcome", 1) == "index.html#lesson=welcome&step=1");
}

TEST_CASE("embedded at one step: it keeps to that step, never rewrites the address, and links onward") {
  EmbedPage page;
  page.hash = "lesson=cookies&step=1";
  ui::Tutorial t(STATELAB_DATA_DIR, page.Make(), true);
  t.BeginFrame();
  t.BeginFrame();  // every lesson loaded
  REQUIRE(t.run() != nullptr);
  REQUIRE(t.embed() != nullptr);
  CHECK(t.embed()->lesson == "cookies");
  CHECK(t.embed()->only_step == 1);
  CHECK(t.run()->lesson().id == "cookies");
  CHECK(t.run()->step_index() == 1);
  CHECK(page.hashes_set == 0);

  const uint64_t serial = t.run_serial();
  for (int step : {0, 2, 3}) {
    CHECK_FALSE(t.CanGoToStep(step));
    t.Dispatch(ui::GoToStep{step});
    CHECK(t.run()->step_index() == 1);
  }
  CHECK(t.CanGoToStep(1));
  CHECK(t.run_serial() == serial);  // refused: nothing started over

  // Another lesson, from the list or a pasted link, is refused with a notice.
  const size_t notices = page.notices.size();
  t.Dispatch(ui::OpenLesson{"caching"});
  CHECK(t.run()->lesson().id == "cookies");
  t.Dispatch(ui::OpenLink{"https://lab.example/#lesson=caching&step=1"});
  CHECK(t.run()->lesson().id == "cookies");
  t.Dispatch(ui::OpenLink{"#lesson=cookies&step=2"});
  CHECK(t.run()->step_index() == 1);
  CHECK(page.notices.size() == notices + 3);
  // A seed stays in the step; restarting starts the step over, not the lesson.
  t.Dispatch(ui::OpenLink{"42"});
  CHECK(t.run()->seed() == 42);
  CHECK(t.run()->step_index() == 1);
  t.Dispatch(ui::RestartLesson{});
  CHECK(t.run()->step_index() == 1);
  CHECK(page.hashes_set == 0);
  for (int i = 0; i < 30; ++i) t.BeginFrame();  // the address is followed, and is unchanged
  CHECK(t.run()->seed() == 42);

  CHECK(t.FullTutorialLink() == "https://blog.example/lab/index.html#lesson=cookies&step=1");
  t.Dispatch(ui::OpenFullTutorial{});
  REQUIRE(page.opened.size() == 1);
  CHECK(page.opened[0] == "https://blog.example/lab/index.html#lesson=cookies&step=1");
  page.open_fails = true;
  t.Dispatch(ui::OpenFullTutorial{});
  REQUIRE(!page.notices.empty());
  CHECK(page.notices.back().find("https://blog.example/lab/index.html#lesson=cookies&step=1") != std::string::npos);
}

TEST_CASE("embedded at a lesson: its steps, not others; the full tutorial's saved place is left alone") {
  EmbedPage page;
  sim::Progress before;
  before.current_lesson = "caching";
  before.current_step = 2;
  page.saved = sim::SerializeProgress(before);
  page.hash = "lesson=cookies";
  ui::Tutorial t(STATELAB_DATA_DIR, page.Make(), true);
  t.BeginFrame();
  t.BeginFrame();
  REQUIRE(t.embed() != nullptr);
  CHECK(t.embed()->lesson == "cookies");
  CHECK_FALSE(t.embed()->only_step.has_value());
  // The saved place named caching: the address wins, as it names the lesson.
  CHECK(t.run()->lesson().id == "cookies");
  CHECK(t.run()->step_index() == 0);
  const int last = StepsOf(t, "cookies") - 1;
  t.Dispatch(ui::GoToStep{last});
  CHECK(t.run()->step_index() == last);
  // Finishing the lesson does not open the next one: the embed shows this lesson only.
  t.Dispatch(ui::FinishLesson{});
  CHECK(t.run()->lesson().id == "cookies");
  REQUIRE(page.saved.has_value());
  const sim::ProgressLoad after = sim::ParseProgress(*page.saved, "saved");
  REQUIRE(after.progress.has_value());
  CHECK(after.progress->current_lesson == "caching");
  CHECK(after.progress->current_step == 2);
  CHECK(after.progress->furthest_step.at("cookies") == last);
  CHECK(page.hashes_set == 0);
}

TEST_CASE("embedded with no lesson named: the first lesson, not the saved one; not embedded: no scope") {
  EmbedPage page;
  sim::Progress before;
  before.current_lesson = "caching";
  page.saved = sim::SerializeProgress(before);
  ui::Tutorial t(STATELAB_DATA_DIR, page.Make(), true);
  t.BeginFrame();
  t.BeginFrame();
  REQUIRE(t.embed() != nullptr);
  CHECK(t.run()->lesson().id == t.lessons().lessons.front()->id);
  CHECK(t.embed()->lesson == t.run()->lesson().id);

  EmbedPage full;
  full.hash = "lesson=cookies&step=1";
  ui::Tutorial app(STATELAB_DATA_DIR, full.Make());
  CHECK(app.embed() == nullptr);
  CHECK(app.CanGoToStep(0));
  CHECK(app.CanGoToStep(3));
  CHECK_FALSE(app.CanGoToStep(4));
}

TEST_CASE("out of view: the lesson stands still; back in view it plays on only if it was playing") {
  EmbedPage page;
  page.hash = "lesson=cookies&step=1";
  ui::Tutorial t(STATELAB_DATA_DIR, page.Make(), true);
  REQUIRE(t.run() != nullptr);
  const sim::TimeUs t0 = t.run()->sim().now_us();

  t.Dispatch(ui::SetPlaying{true});
  t.Advance(1.0f);
  const sim::TimeUs t1 = t.run()->sim().now_us();
  CHECK(t1 > t0);  // at most a second: a busy machine may drop ticks, never add them
  CHECK(t1 <= t0 + sim::Sec(1));

  t.Dispatch(ui::SetInView{false});
  CHECK(t.out_of_view());
  CHECK_FALSE(t.pacing().playing);
  t.Advance(1.0f);
  t.Dispatch(ui::SetInView{false});  // told twice: still remembers it was playing
  t.Advance(1.0f);
  CHECK(t.run()->sim().now_us() == t1);

  t.Dispatch(ui::SetInView{true});
  CHECK_FALSE(t.out_of_view());
  CHECK(t.pacing().playing);
  t.Advance(1.0f);
  CHECK(t.run()->sim().now_us() > t1);

  // Paused before it left: stays paused when back.
  t.Dispatch(ui::SetPlaying{false});
  t.Dispatch(ui::SetInView{false});
  t.Dispatch(ui::SetInView{true});
  CHECK_FALSE(t.pacing().playing);

  // Out of view a fast-forward waits too, and goes on when back.
  t.Dispatch(ui::FastForward{sim::Sec(60)});
  t.Dispatch(ui::SetInView{false});
  const sim::TimeUs t2 = t.run()->sim().now_us();
  t.Advance(0.1f);
  CHECK(t.run()->sim().now_us() == t2);
  t.Dispatch(ui::SetInView{true});
  t.Advance(0.1f);
  CHECK(t.run()->sim().now_us() > t2);

  // Paused by the learner while out of view (a key, a test): their choice wins when back.
  t.Dispatch(ui::CancelFastForward{});
  t.Dispatch(ui::SetPlaying{true});
  t.Dispatch(ui::SetInView{false});
  t.Dispatch(ui::SetPlaying{false});
  t.Dispatch(ui::SetInView{true});
  CHECK_FALSE(t.pacing().playing);
}
