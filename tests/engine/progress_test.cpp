#include <doctest/doctest.h>

#include "statelab/progress.h"
#include "statelab/random.h"

TEST_CASE("progress round-trips through its JSON form") {
  sim::Progress p;
  p.language = "ko";
  p.MarkCompleted("welcome");
  p.MarkCompleted("no-stickiness");
  p.MarkCompleted("welcome");
  p.current_lesson = "stickiness";
  p.current_step = 3;
  p.furthest_step["stickiness"] = 4;
  const std::string text = sim::SerializeProgress(p);
  const auto back = sim::ParseProgress(text, "test");
  REQUIRE(back.progress.has_value());
  CHECK(back.progress->completed.size() == 2);
  CHECK(back.progress->IsCompleted("welcome"));
  CHECK(back.progress->IsCompleted("no-stickiness"));
  CHECK_FALSE(back.progress->IsCompleted("caching"));
  CHECK(back.progress->current_lesson == "stickiness");
  CHECK(back.progress->current_step == 3);
  CHECK(back.progress->furthest_step.at("stickiness") == 4);
  CHECK(back.progress->language == "ko");
}

TEST_CASE("a save that is not a JSON object of this version is rejected whole, with the source and the JSON path") {
  struct Case {
    const char* text;
    const char* message;
  };
  const Case cases[] = {
      {"{\"version\":1,\"completed\":[", "progress.json: $: expected valid JSON (the file does not parse)"},
      {"[1,2]", "progress.json: $: expected an object"},
      {"{\"completed\":[]}", "progress.json: $.version: expected 1 (this key is required)"},
      {"{\"version\":7}", "progress.json: $.version: expected 1"},
      {"{\"version\":\"1\"}", "progress.json: $.version: expected 1"},
      {"", "progress.json: $: expected valid JSON (the file does not parse)"},
      // The one JSON reader's guard, as for lessons and scenarios.
      {"{\"version\":1,\"version\":1}", "progress.json: $.version: expected each key once in an object, got 'version' twice"},
  };
  for (const Case& c : cases) {
    CAPTURE(c.text);
    const auto r = sim::ParseProgress(c.text, "progress.json");
    CHECK_FALSE(r.progress.has_value());
    CHECK(r.error == c.message);
  }
}

TEST_CASE("one bad field in a save keeps every valid field, drops the bad one and names it") {
  struct Case {
    const char* text;
    const char* path;
    const char* what;
  };
  const Case cases[] = {
      {"{\"version\":1,\"completed\":[\"ok\",5]}", "$.completed[1]", "expected a lesson id"},
      {"{\"version\":1,\"current_step\":-3}", "$.current_step", "expected a step from 0 to 999"},
      {"{\"version\":1,\"language\":\"fr\"}", "$.language", "expected \"ko\", \"en\" or \"\""},
      {"{\"version\":1,\"furthest_step\":{\"a\":\"x\"}}", "$.furthest_step.a", "expected a whole number"},
      {"{\"version\":1,\"cheat\":true}", "$.cheat", "unknown key"},
      {"{\"version\":1,\"grades\":{\"final-challenge\":\"A+\"}}", "$.grades.final-challenge", "expected a grade"},
      {"{\"version\":1,\"completed\":\"welcome\"}", "$.completed", "expected an array of lesson ids"},
  };
  for (const Case& c : cases) {
    CAPTURE(c.text);
    const auto r = sim::ParseProgress(c.text, "progress.json");
    REQUIRE(r.progress.has_value());
    REQUIRE(r.dropped.size() == 1);
    CHECK(r.dropped[0].path == c.path);
    CHECK(r.dropped[0].what.rfind(c.what, 0) == 0);
  }

  // The issue's case: a bad language throws away nothing else.
  const auto r = sim::ParseProgress(
      R"({"version":1,"language":"xx","completed":["welcome","cookies",7,"caching"],"current_lesson":"caching",)"
      R"("current_step":2,"furthest_step":{"caching":3,"BAD":1},"grades":{"final-challenge":"B"}})",
      "progress.json");
  REQUIRE(r.progress.has_value());
  CHECK(r.error.empty());
  CHECK(r.progress->language.empty());
  CHECK(r.progress->completed == std::vector<std::string>{"caching", "cookies", "welcome"});
  CHECK(r.progress->current_lesson == "caching");
  CHECK(r.progress->current_step == 2);
  CHECK(r.progress->furthest_step == std::map<std::string, int>{{"caching", 3}});
  CHECK(r.progress->grades.at("final-challenge") == "B");
  REQUIRE(r.dropped.size() == 3);
  CHECK(r.dropped[0].path == "$.completed[2]");
  CHECK(r.dropped[1].path == "$.furthest_step.BAD");
  CHECK(r.dropped[2].path == "$.language");
}

TEST_CASE("a dropped path is safe to show: no control bytes, at most 80 bytes, whole UTF-8 characters") {
  const std::string key = "\\u0007" + std::string(40, 'x') + std::string(30, 'y') + "\uac00\uac00\uac00\uac00";
  const auto r = sim::ParseProgress("{\"version\":1,\"" + key + "\":1}", "p");
  REQUIRE(r.dropped.size() == 1);
  const std::string& path = r.dropped[0].path;
  CHECK(path.rfind("$.?xxx", 0) == 0);
  CHECK(path.size() <= 80);
  CHECK(path.substr(path.size() - 3) == "...");
  // The cut fell inside a 3-byte Hangul syllable: it moved back to the syllable's start.
  const std::string before_dots = path.substr(0, path.size() - 3);
  CHECK((static_cast<unsigned char>(before_dots.back()) & 0xC0) != 0xC0);
}

TEST_CASE("progress from two tabs merges: union of lessons, furthest steps, best grades, latest language") {
  sim::Progress saved;  // what the other tab wrote meanwhile
  saved.language = "en";
  saved.MarkCompleted("welcome");
  saved.MarkCompleted("cookies");
  saved.current_lesson = "cookies";
  saved.current_step = 4;
  saved.furthest_step = {{"cookies", 4}, {"caching", 1}};
  saved.grades = {{"final-challenge", "B"}};

  sim::Progress ours;  // this tab, loaded before the other tab's progress
  ours.language = "ko";
  ours.MarkCompleted("welcome");
  ours.MarkCompleted("no-stickiness");
  ours.current_lesson = "caching";
  ours.current_step = 2;
  ours.furthest_step = {{"caching", 3}, {"welcome", 5}};
  ours.grades = {{"final-challenge", "C"}, {"sandbox", "A"}};

  sim::Progress m = sim::MergeProgress(saved, ours);
  CHECK(m.completed == std::vector<std::string>{"cookies", "no-stickiness", "welcome"});
  CHECK(m.furthest_step == std::map<std::string, int>{{"caching", 3}, {"cookies", 4}, {"welcome", 5}});
  CHECK(m.grades == std::map<std::string, std::string>{{"final-challenge", "B"}, {"sandbox", "A"}});
  CHECK(m.current_lesson == "caching");  // each window keeps its own place
  CHECK(m.current_step == 2);
  CHECK(m.language == "ko");  // neither chose: a tie goes to the window saving now

  // The other tab chose English after we loaded: its choice is the latest.
  saved.ChooseLanguage("en");
  m = sim::MergeProgress(saved, ours);
  CHECK(m.language == "en");
  CHECK(m.language_revision == 1);
  // Then this window chooses Korean: now ours is the latest.
  m.ChooseLanguage("ko");
  const sim::Progress again = sim::MergeProgress(saved, m);
  CHECK(again.language == "ko");
  CHECK(again.language_revision == 2);
  // A merge is idempotent, and a save with no language keeps ours.
  CHECK(sim::SerializeProgress(sim::MergeProgress(again, again)) == sim::SerializeProgress(again));
  sim::Progress blank;
  blank.language = "";
  CHECK(sim::MergeProgress(blank, again).language == "ko");
  // The revision survives a save.
  const auto back = sim::ParseProgress(sim::SerializeProgress(again), "t");
  REQUIRE(back.progress);
  CHECK(back.progress->language_revision == 2);
}

// [SECTION] Progress codes
namespace {

bool Same(const sim::Progress& a, const sim::Progress& b) { return sim::SerializeProgress(a) == sim::SerializeProgress(b); }

sim::Progress FullProgress() {
  sim::Progress p;
  p.ChooseLanguage("ko");
  for (const char* id : {"welcome", "no-stickiness", "stickiness", "cookies", "session-store", "rds-replicas",
                         "caching", "multi-az", "security-groups", "final-challenge", "sandbox"}) {
    p.MarkCompleted(id);
    p.furthest_step[id] = 4;
  }
  p.RecordGrade("final-challenge", "B");
  p.current_lesson = "caching";
  p.current_step = 2;
  return p;
}

}  // namespace

TEST_CASE("progress code: a progress round-trips exactly, and a whole tutorial's fits in a short code") {
  const sim::Progress full = FullProgress();
  const std::string code = sim::EncodeProgressCode(full);
  CHECK(code.rfind("SWL1-", 0) == 0);
  CHECK(code.size() < 400);
  const sim::ProgressCodeResult back = sim::DecodeProgressCode("  " + code + "\n");  // as pasted
  REQUIRE(back.progress);
  CHECK(Same(*back.progress, full));
  CHECK(sim::EncodeProgressCode(*back.progress) == code);

  // Random progresses, every field exercised.
  sim::Rng rng(77);
  for (int n = 0; n < 300; ++n) {
    sim::Progress p;
    const int lang = static_cast<int>(rng.Below(3));
    p.language = lang == 0 ? "" : lang == 1 ? "ko" : "en";
    p.language_revision = static_cast<int>(rng.Below(50));
    const int lessons = static_cast<int>(rng.Below(12));
    for (int i = 0; i < lessons; ++i) {
      const std::string id = "lesson-" + std::to_string(rng.Below(40));
      if (rng.Below(2)) p.MarkCompleted(id);
      if (rng.Below(2)) p.furthest_step[id] = static_cast<int>(rng.Below(1000));
      if (rng.Below(3) == 0) p.RecordGrade(id, std::string(1, "ABCDF"[rng.Below(5)]));
      if (rng.Below(4) == 0) p.current_lesson = id;
    }
    p.current_step = static_cast<int>(rng.Below(1000));
    const sim::ProgressCodeResult r = sim::DecodeProgressCode(sim::EncodeProgressCode(p));
    REQUIRE(r.progress);
    CHECK(Same(*r.progress, p));
  }
}

TEST_CASE("progress code: a cut, mistyped, foreign or newer code is refused with its reason") {
  const std::string code = sim::EncodeProgressCode(FullProgress());
  // Every cut is refused.
  for (size_t n = 0; n < code.size(); ++n) {
    const sim::ProgressCodeResult r = sim::DecodeProgressCode(code.substr(0, n));
    CHECK_FALSE(r.progress);
  }
  // Every single-character typo in the body is refused: the check catches it.
  const std::string alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
  int refused = 0, tried = 0;
  for (size_t i = sim::kProgressCodePrefix.size(); i < code.size(); ++i) {
    for (const char c : {'A', 'z', '7', '_'}) {
      if (code[i] == c) continue;
      std::string typo = code;
      typo[i] = c;
      ++tried;
      const sim::ProgressCodeResult r = sim::DecodeProgressCode(typo);
      if (!r.progress) ++refused;
    }
  }
  CHECK(tried > 100);
  // The last character's low bits are base64 padding and may not change the bytes; all others do.
  CHECK(refused >= tried - 4);
  CHECK(sim::DecodeProgressCode("hello").problem == sim::ProgressCodeProblem::NotACode);
  CHECK(sim::DecodeProgressCode("#lesson=caching&step=2").problem == sim::ProgressCodeProblem::NotACode);
  CHECK(sim::DecodeProgressCode("SWL2-AAAA").problem == sim::ProgressCodeProblem::NewerVersion);
  CHECK(sim::DecodeProgressCode("SWL1-%%%").problem == sim::ProgressCodeProblem::Damaged);
  CHECK(sim::DecodeProgressCode(std::string(5000, 'A')).problem == sim::ProgressCodeProblem::TooLong);
  for (const sim::ProgressCodeProblem p : {sim::ProgressCodeProblem::NotACode, sim::ProgressCodeProblem::NewerVersion,
                                          sim::ProgressCodeProblem::Damaged, sim::ProgressCodeProblem::OutOfRange,
                                          sim::ProgressCodeProblem::TooLong}) {
    CHECK_FALSE(sim::Describe(p).empty());
  }
}
