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

TEST_CASE("a malformed part is dropped with a typed reason; the parts before and after it are kept") {
  struct Case {
    const char* hash;
    const char* key;
    sim::UrlProblem problem;
    const char* message_part;
  };
  const Case cases[] = {
      {"#lesson", "lesson", sim::UrlProblem::NotKeyValue, "not key=value"},
      {"#lesson=No_Such!", "lesson", sim::UrlProblem::BadLesson, "lesson must be a lesson id"},
      {"#step=-1", "step", sim::UrlProblem::BadStep, "step must be a whole number from 0 to 999"},
      {"#step=1000", "step", sim::UrlProblem::BadStep, "step must be a whole number from 0 to 999"},
      {"#step=two", "step", sim::UrlProblem::BadStep, "step must be a whole number"},
      {"#seed=12x", "seed", sim::UrlProblem::BadSeed, "seed must be a whole number"},
      {"#seed=-1", "seed", sim::UrlProblem::BadSeed, "seed must be a whole number"},
      {"#seed=18446744073709551616", "seed", sim::UrlProblem::BadSeed, "seed must be a whole number"},
      {"#seed=99999999999999999999999", "seed", sim::UrlProblem::BadSeed, "seed must be a whole number"},
      {"#colour=red", "colour", sim::UrlProblem::UnknownKey, "'colour': unknown key"},
      {"#lesson=caching%2", "lesson", sim::UrlProblem::BrokenEscape, "broken %-escape"},
      {"#lesson=caching%zz", "lesson", sim::UrlProblem::BrokenEscape, "broken %-escape"},
      {"#lesson=caching%", "lesson", sim::UrlProblem::BrokenEscape, "broken %-escape"},
  };
  for (const Case& c : cases) {
    CAPTURE(c.hash);
    const auto r = sim::ParseUrlState(c.hash);
    REQUIRE(r.state.has_value());
    REQUIRE(r.dropped.size() == 1);
    CHECK(r.dropped[0].key == c.key);
    CHECK(r.dropped[0].problem == c.problem);
    CHECK(r.error.find(c.message_part) != std::string::npos);
    CHECK(sim::FormatUrlState(*r.state).empty());
  }

  // The case: a bad seed drops the seed only; the lesson still opens.
  auto r = sim::ParseUrlState("#lesson=caching&seed=-1");
  REQUIRE(r.state.has_value());
  CHECK(r.state->lesson == std::optional<std::string>("caching"));
  CHECK_FALSE(r.state->seed.has_value());
  REQUIRE(r.dropped.size() == 1);
  CHECK(r.dropped[0].key == "seed");

  r = sim::ParseUrlState("#step=x&lesson=multi-az&bogus&seed=7");
  CHECK(sim::FormatUrlState(*r.state) == "lesson=multi-az&seed=7");
  REQUIRE(r.dropped.size() == 2);
  CHECK(r.dropped[0].problem == sim::UrlProblem::BadStep);
  CHECK(r.dropped[1].key == "bogus");
  CHECK(r.dropped[1].problem == sim::UrlProblem::NotKeyValue);
  CHECK(r.error == "'step': step must be a whole number from 0 to 999; 'bogus': not key=value");

  // A key shown in a notice holds no control bytes and is short.
  r = sim::ParseUrlState("#a%0Ab\x01" + std::string(60, 'k') + "=1");
  REQUIRE(r.dropped.size() == 1);
  CHECK(r.dropped[0].key.size() == 32);
  CHECK(r.dropped[0].key.find('\x01') == std::string::npos);
}

TEST_CASE("a seed is 64-bit all the way through a link") {
  for (const uint64_t seed : {uint64_t{4294967297}, uint64_t{18446744073709551615u}, uint64_t{0}}) {
    const auto r = sim::ParseUrlState("lesson=caching&seed=" + std::to_string(seed));
    REQUIRE(r.state->seed.has_value());
    CHECK(*r.state->seed == seed);
    CHECK(sim::FormatUrlState(*r.state) == "lesson=caching&seed=" + std::to_string(seed));
  }
}

TEST_CASE("percent escapes decode before validation") {
  const auto r = sim::ParseUrlState("lesson=multi%2Daz");
  REQUIRE(r.state.has_value());
  CHECK(*r.state->lesson == "multi-az");
}

TEST_CASE("an overlong hash is dropped whole, not parsed") {
  const std::string hash = "lesson=" + std::string(8200, 'a');
  const auto r = sim::ParseUrlState(hash);
  REQUIRE(r.state.has_value());
  CHECK_FALSE(r.state->lesson.has_value());
  REQUIRE(r.dropped.size() == 1);
  CHECK(r.dropped[0].problem == sim::UrlProblem::TooLong);
  CHECK(r.error.find("longer than 8192") != std::string::npos);
}
