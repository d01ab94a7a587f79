#include <doctest/doctest.h>

#include "statelab/progress.h"

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

TEST_CASE("a corrupt save is rejected with the source, the JSON path and the expectation") {
  struct Case {
    const char* text;
    const char* message;
  };
  const Case cases[] = {
      {"{\"version\":1,\"completed\":[", "progress.json: $: not valid JSON"},
      {"[1,2]", "progress.json: $: expected an object"},
      {"{\"completed\":[]}", "progress.json: $.version: missing"},
      {"{\"version\":7}", "progress.json: $.version: expected 1"},
      {"{\"version\":1,\"completed\":[\"ok\",5]}", "progress.json: $.completed[1]: expected a lesson id"},
      {"{\"version\":1,\"current_step\":-3}", "progress.json: $.current_step: expected a step from 0 to 999"},
      {"{\"version\":1,\"language\":\"fr\"}", "progress.json: $.language: expected \"ko\", \"en\" or \"\""},
      {"{\"version\":1,\"furthest_step\":{\"a\":\"x\"}}", "progress.json: $.furthest_step.a: expected a whole number"},
      {"{\"version\":1,\"cheat\":true}", "progress.json: $.cheat: unknown key"},
      {"", "progress.json: $: not valid JSON"},
  };
  for (const Case& c : cases) {
    CAPTURE(c.text);
    const auto r = sim::ParseProgress(c.text, "progress.json");
    CHECK_FALSE(r.progress.has_value());
    CHECK(r.error.rfind(c.message, 0) == 0);
  }
}
