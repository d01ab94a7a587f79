#include <doctest/doctest.h>

#include "statelab/url_state.h"

TEST_CASE("a lesson link parses into lesson, step and seed") {
  const auto r = sim::ParseUrlState("#lesson=no-stickiness&step=2&seed=42");
  REQUIRE(r.state.has_value());
  CHECK(*r.state->lesson == "no-stickiness");
  CHECK(*r.state->step == 2);
  CHECK(*r.state->seed == 42u);
  CHECK(sim::FormatUrlState(*r.state) == "lesson=no-stickiness&step=2&seed=42");
}

TEST_CASE("an empty hash is well formed and sets nothing") {
  const auto r = sim::ParseUrlState("");
  REQUIRE(r.state.has_value());
  CHECK_FALSE(r.state->lesson.has_value());
  CHECK_FALSE(r.state->step.has_value());
}

TEST_CASE("malformed hashes are rejected with a message that says what was expected") {
  struct Case {
    const char* hash;
    const char* message_part;
  };
  const Case cases[] = {
      {"#lesson", "not key=value"},
      {"#lesson=No_Such!", "lesson must be a lesson id"},
      {"#step=-1", "step must be a whole number from 0 to 999"},
      {"#step=1000", "step must be a whole number from 0 to 999"},
      {"#step=two", "step must be a whole number"},
      {"#seed=12x", "seed must be a whole number"},
      {"#seed=99999999999999999999999", "seed must be a whole number"},
      {"#colour=red", "unknown key 'colour'"},
      {"#lesson=caching%2", "broken %-escape"},
      {"#lesson=caching%zz", "broken %-escape"},
  };
  for (const Case& c : cases) {
    CAPTURE(c.hash);
    const auto r = sim::ParseUrlState(c.hash);
    CHECK_FALSE(r.state.has_value());
    CHECK(r.error.find(c.message_part) != std::string::npos);
  }
}

TEST_CASE("percent escapes decode before validation") {
  const auto r = sim::ParseUrlState("lesson=multi%2Daz");
  REQUIRE(r.state.has_value());
  CHECK(*r.state->lesson == "multi-az");
}

TEST_CASE("an overlong hash is rejected, not parsed") {
  const std::string hash = "lesson=" + std::string(600, 'a');
  const auto r = sim::ParseUrlState(hash);
  CHECK_FALSE(r.state.has_value());
  CHECK(r.error.find("longer than 512") != std::string::npos);
}
