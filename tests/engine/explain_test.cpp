// "What happened" (explain.h): each lesson's reference run tells the story pinned in
// fixtures/stories.golden (English and Korean, every lesson from the lesson list), every lost cart
// and every shopper who gave up is told in exactly one line, and scripted faults give the lines
// their counters say. STATELAB_UPDATE_GOLDEN=1 rewrites the golden file (review the diff).
#include <doctest/doctest.h>

#include <cstdlib>
#include <fstream>
#include <sstream>
#include <string>

#include "sim_helpers.h"
#include "statelab/explain.h"
#include "statelab/lesson.h"
#include "statelab/scenario.h"
#include "statelab/sim.h"
#include "ui/story_text.h"
#include "ui/strings.h"

namespace {

const std::string kGolden = std::string(STATELAB_SOURCE_DIR) + "/tests/engine/fixtures/stories.golden";

sim::LessonSet Lessons() {
  sim::LessonSet set = sim::LoadLessons(std::string(STATELAB_SOURCE_DIR) + "/lessons");
  REQUIRE(set.errors.empty());
  return set;
}

// Every lesson's reference run (seed 1), each step's story in both languages.
std::string AllStories(const sim::LessonSet& set) {
  std::string out;
  for (const sim::Lesson& lesson : set.lessons) {
    const sim::LessonResult r = sim::RunLessonHeadless(lesson, 1, true);
    REQUIRE(r.stories.size() == lesson.steps.size());
    for (size_t k = 0; k < r.stories.size(); ++k) {
      out += "== " + lesson.id + " / " + lesson.steps[k].id + "\n";
      for (sim::Lang lang : {sim::Lang::En, sim::Lang::Ko}) out += ui::StoryText(r.stories[k], lang);
    }
  }
  return out;
}

uint64_t Errors(const sim::Sim& s, std::initializer_list<sim::Outcome> outcomes) {
  uint64_t n = 0;
  for (sim::Outcome o : outcomes) n += s.totals().by_outcome[static_cast<size_t>(o)];
  return n;
}

const sim::StoryLine* FindLine(const sim::Story& story, sim::StoryKind kind) {
  for (const sim::StoryLine& l : story.lines) {
    if (l.kind == kind) return &l;
  }
  return nullptr;
}

// A Sim and a story recorder that reads it after every step.
struct Told {
  sim::Sim s;
  sim::StoryRecorder rec;
  explicit Told(const sim::Config& c) : s(c) { rec.Begin(s); }
  void Run(sim::TimeUs us) {
    const sim::TimeUs until = s.now_us() + us;
    while (s.now_us() < until) {
      s.Step();
      rec.Observe(s);
    }
  }
};

}  // namespace

TEST_CASE("each lesson's reference run tells the pinned story, in English and Korean") {
  const sim::LessonSet set = Lessons();
  const std::string stories = AllStories(set);
  if (std::getenv("STATELAB_UPDATE_GOLDEN") != nullptr) {
    std::ofstream(kGolden, std::ios::binary) << stories;
  }
  std::ifstream in(kGolden, std::ios::binary);
  REQUIRE_MESSAGE(in.good(), "no " << kGolden << " (STATELAB_UPDATE_GOLDEN=1 writes it)");
  std::stringstream golden;
  golden << in.rdbuf();
  // Line by line, so a failure names the first line that moved.
  std::istringstream want(golden.str()), got(stories);
  std::string w, g;
  int line = 0;
  while (true) {
    const bool more_w = static_cast<bool>(std::getline(want, w));
    const bool more_g = static_cast<bool>(std::getline(got, g));
    ++line;
    if (!more_w && !more_g) break;
    CAPTURE(line);
    REQUIRE(w == g);
  }
  // Every lesson is in it, and each step that loses carts or changes a setting has lines.
  for (const sim::Lesson& lesson : set.lessons) CHECK(golden.str().find("== " + lesson.id + " / ") != std::string::npos);
}

TEST_CASE("every lost cart and every shopper who gave up is told once, in every step of every lesson") {
  for (const sim::Lesson& lesson : Lessons().lessons) {
    for (bool solution : {true, false}) {
      sim::LessonRun run(lesson, 1);
      for (size_t k = 0; k < lesson.steps.size(); ++k) {
        CAPTURE(lesson.id);
        CAPTURE(k);
        CAPTURE(solution);
        run.StartStep(static_cast<int>(k));
        const sim::Totals before = run.sim().totals();
        if (solution) run.QueueSolution();
        run.PlayStep();
        const sim::Story story = run.StepStory(1000);
        REQUIRE(story.events_missed == 0);
        uint64_t carts = 0, gave_up = 0, cents = 0;
        for (const sim::StoryLine& l : story.lines) {
          carts += l.carts_lost;
          gave_up += l.gave_up;
          if (l.kind != sim::StoryKind::Tampering) cents += l.revenue_lost_cents;
        }
        const sim::Totals& after = run.sim().totals();
        CHECK(carts == after.carts_lost - before.carts_lost);
        CHECK(gave_up == after.angry_shoppers - before.angry_shoppers);
        CHECK(cents == (after.revenue_lost_cents - after.tamper_loss_cents) - (before.revenue_lost_cents - before.tamper_loss_cents));
        // The kept lines are the capped story's.
        CHECK(run.StepStory().lines.size() == std::min(story.lines.size(), sim::kMaxStoryLines));
      }
    }
  }
}

TEST_CASE("a terminated instance's line counts its sessions and the carts lost with it") {
  sim::Config c = test::Crowd(1000, 3);
  c.shoppers.give_up_pct = 50;
  c.load_balancer.stickiness.enabled = true;
  Told t(c);
  sim::Sim& s = t.s;
  auto run = [&](sim::TimeUs us) { t.Run(us); };
  const sim::StoryRecorder& rec = t.rec;
  run(sim::Sec(60));
  const uint32_t carts_on_i2 = s.CartsOnInstance(sim::InstanceId{2});
  REQUIRE(carts_on_i2 > 0);
  const uint64_t lost_before = s.totals().carts_lost;
  s.Enqueue(sim::TerminateInstance{sim::InstanceId{2}});
  run(sim::Sec(60));
  const sim::Story story = rec.Current(s);
  const sim::StoryLine* l = FindLine(story, sim::StoryKind::InstanceLost);
  REQUIRE(l != nullptr);
  CHECK(l->instance == sim::InstanceId{2});
  CHECK(l->at_us == sim::Sec(60));  // the command applies at the tick that starts then
  CHECK(l->carts_at_risk == carts_on_i2);
  // With stickiness, every cart lost after it is a cart of i-2's (gone, or rerouted from it).
  CHECK(l->carts_lost == s.totals().carts_lost - lost_before);
  CHECK(l->carts_lost > 0);
  CHECK(l->carts_lost <= l->carts_at_risk);
  CHECK(l->gave_up > 0);
  CHECK(ui::StoryLineText(*l, sim::Lang::En).rfind("01:00 i-2 terminated (by hand) → its ", 0) == 0);
}

TEST_CASE("an AZ failure with a Multi-AZ database tells the failover time and the errors in it") {
  sim::Config c = test::Crowd(1000, 5);
  c.rds.multi_az = true;
  c.session.strategy = sim::SessionStrategy::ServerSession;
  c.cache.multi_az = true;  // sessions survive the AZ, so requests reach the database
  Told t(c);
  sim::Sim& s = t.s;
  auto run = [&](sim::TimeUs us) { t.Run(us); };
  const sim::StoryRecorder& rec = t.rec;
  run(sim::Sec(30));
  const uint64_t db_errors = Errors(s, {sim::Outcome::DbUnavailable, sim::Outcome::DbTimeout});
  s.Enqueue(sim::FailAz{sim::Az::A});
  run(sim::Sec(150));
  const sim::Story story = rec.Current(s);
  const sim::StoryLine* zone = FindLine(story, sim::StoryKind::ZoneLost);
  const sim::StoryLine* db = FindLine(story, sim::StoryKind::DbLost);
  REQUIRE(zone != nullptr);
  REQUIRE(db != nullptr);
  CHECK(zone->az == sim::Az::A);
  CHECK(db->via_zone);
  CHECK(db->standby);
  CHECK(db->at_us == zone->at_us);
  CHECK(db->recovery_us >= sim::Sec(60));
  CHECK(db->recovery_us <= sim::Sec(120));
  // Every database error of the run came in the failover window.
  CHECK(db->errors == Errors(s, {sim::Outcome::DbUnavailable, sim::Outcome::DbTimeout}) - db_errors);
  CHECK(db->errors > 0);
  CHECK(db->addresses_lost == 0);
  const std::string text = ui::StoryLineText(*db, sim::Lang::En);
  CHECK(text.find("AZ a failed → RDS failed over in ") != std::string::npos);
  CHECK(text.find(", 0 addresses lost") != std::string::npos);
}

TEST_CASE("lazy loading's line reads the hit ratio and the primary's CPU before and 40 s after") {
  sim::Config c = test::Crowd(3000, 1);
  c.shoppers.think_time_us = sim::Sec(2);
  c.auto_scaling = {3, 9, 12};
  c.session.strategy = sim::SessionStrategy::ServerSession;
  Told t(c);
  sim::Sim& s = t.s;
  auto run = [&](sim::TimeUs us) { t.Run(us); };
  const sim::StoryRecorder& rec = t.rec;
  run(sim::Sec(20));
  const double cpu_before = sim::ReadMetric(s, sim::Metric::DbPrimaryCpuPct);
  s.Enqueue(sim::SetCacheMode{sim::CacheMode::LazyLoading});
  run(sim::kSettingWindowUs + sim::Sec(5));
  const sim::Story story = rec.Current(s);
  const sim::StoryLine* l = FindLine(story, sim::StoryKind::Setting);
  REQUIRE(l != nullptr);
  CHECK(l->command_index == sim::kCommandIndex<sim::SetCacheMode>);
  CHECK(l->metric == sim::Metric::CacheHitRatio1s);
  CHECK(l->before == 0.0);
  CHECK(l->after > 0.7);
  CHECK(l->before2 == cpu_before);
  CHECK(l->after2 < l->before2 / 2);
  CHECK(l->after_at_us - l->at_us == sim::kSettingWindowUs);
  const std::string ko = ui::StoryLineText(*l, sim::Lang::Ko);
  CHECK(ko.find("캐시 적중률 0 % → ") != std::string::npos);
}

TEST_CASE("the story of a scenario is the same on every run (deterministic), and a copy goes on alike") {
  sim::Parsed<sim::Scenario> parsed = sim::LoadScenarioFile(std::string(STATELAB_SOURCE_DIR) + "/tests/engine/fixtures/golden.json");
  REQUIRE(parsed.ok());
  auto tell = [&] {
    sim::Sim s(parsed.value->config);
    sim::StoryRecorder rec;
    rec.Begin(s);
    sim::RunScenario(s, *parsed.value, parsed.value->duration_us, [&](const sim::Sim& now) { rec.Observe(now); });
    return rec.Current(s, 1000);
  };
  const sim::Story a = tell();
  CHECK(a == tell());
  // The golden run has every kind of fault: each is told.
  for (sim::StoryKind kind : {sim::StoryKind::InstanceLost, sim::StoryKind::ZoneLost, sim::StoryKind::CacheLost,
                              sim::StoryKind::DbLost, sim::StoryKind::Setting, sim::StoryKind::Spike,
                              sim::StoryKind::ReplicaLag, sim::StoryKind::CookiesRejected, sim::StoryKind::Attack}) {
    CAPTURE(sim::Name(kind));
    CHECK(FindLine(a, kind) != nullptr);
  }
}
