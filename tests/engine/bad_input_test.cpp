// Bad input, every kind a learner or a file can bring: truncations, byte flips, binary and deep
// nesting of a real lesson, save, link and cart cookie. Each is accepted or rejected with a
// message; none crashes, and a save that does not parse is never half-used. (The scenario loader
// has the same test in scenario_test.cpp; the app's handling of saves and links is tested in
// tests/ui/app_test.cpp; docs/reliability.md lists them all.)
#include <doctest/doctest.h>

#include <algorithm>
#include <fstream>
#include <iterator>

#include "sim_helpers.h"
#include "statelab/cart.h"
#include "statelab/lesson.h"
#include "statelab/progress.h"
#include "statelab/random.h"
#include "statelab/url_state.h"

using namespace sim;

namespace {

std::string ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

// Calls check(text) on every 7th truncation and 300 single-byte mutations of `good`.
template <class F>
void Mangle(const std::string& good, uint64_t seed, F check) {
  for (size_t cut = 0; cut < good.size(); cut += 7) check(good.substr(0, cut));
  uint64_t state = seed;
  for (int i = 0; i < 300; ++i) {
    std::string mutated = good;
    const uint64_t r = SplitMix64(state);
    mutated[r % mutated.size()] = static_cast<char>((r >> 32) & 0xff);
    check(mutated);
  }
}

const std::string kDeep = std::string(50'000, '[') + std::string(50'000, ']');
const std::string kDeepObject = [] {
  std::string s;
  for (int i = 0; i < 20'000; ++i) s += "{\"a\":";
  s += "1";
  s += std::string(20'000, '}');
  return s;
}();
const std::string kBinary("\0\xff\xfe\x01{\"", 6);

}  // namespace

TEST_CASE("no lesson file crashes the loader: each is a lesson or a message naming file and path") {
  const std::string good = ReadFile(test::SourcePath("lessons/02-stickiness.json"));
  REQUIRE(ParseLesson(good, "02.json").ok());
  int rejected = 0;
  Mangle(good, 11, [&](const std::string& text) {
    const Parsed<Lesson> parsed = ParseLesson(text, "bad.json");
    if (parsed.ok()) return;
    ++rejected;
    CHECK(parsed.error.Message().rfind("bad.json: $", 0) == 0);
  });
  CHECK(rejected > 300);
  for (const std::string& text : {kDeep, kDeepObject, kBinary, std::string()}) {
    const Parsed<Lesson> parsed = ParseLesson(text, "bad.json");
    CHECK_FALSE(parsed.ok());
    CHECK(parsed.error.Message().rfind("bad.json: $", 0) == 0);
  }
}

TEST_CASE("no save crashes the progress loader; a save that does not parse is never used, a bad field is dropped") {
  Progress p;
  p.language = "en";
  for (const char* id : {"welcome", "no-stickiness", "stickiness", "cookies"}) p.MarkCompleted(id);
  p.current_lesson = "session-store";
  p.current_step = 2;
  p.furthest_step["session-store"] = 3;
  const std::string good = SerializeProgress(p);
  int rejected = 0, accepted = 0;
  Mangle(good, 12, [&](const std::string& text) {
    const ProgressLoad load = ParseProgress(text, "save");
    if (load.progress) {
      // Whatever is accepted (bad fields dropped) writes back clean and reads back the same.
      ++accepted;
      const std::string again = SerializeProgress(*load.progress);
      const ProgressLoad back = ParseProgress(again, "save");
      REQUIRE(back.progress);
      CHECK(back.dropped.empty());
      CHECK(SerializeProgress(*back.progress) == again);
      CHECK(std::is_sorted(load.progress->completed.begin(), load.progress->completed.end()));
      return;
    }
    ++rejected;
    CHECK(load.error.rfind("save: $", 0) == 0);
  });
  CHECK(rejected > 100);
  // Every cut short of the whole text is rejected: a save is whole or it is not used.
  for (size_t cut = 0; cut + 1 < good.size(); ++cut) CHECK_FALSE(ParseProgress(good.substr(0, cut), "save").progress);
  for (const std::string& text : {kDeep, kDeepObject, kBinary}) {
    const ProgressLoad load = ParseProgress(text, "save");
    CHECK_FALSE(load.progress);
    CHECK(load.error.rfind("save: $", 0) == 0);
  }
}

TEST_CASE("no link crashes the URL parser; a bad part is dropped and named, the rest kept") {
  const std::string good = "#lesson=multi-az&step=3&seed=123456789";
  REQUIRE(ParseUrlState(good).dropped.empty());
  int dropped = 0;
  Mangle(good, 13, [&](const std::string& text) {
    const UrlStateResult r = ParseUrlState(text);
    REQUIRE(r.state);
    if (!r.dropped.empty()) {
      ++dropped;
      CHECK_FALSE(r.error.empty());
    }
    // What was kept is a clean link: it formats and parses back the same, with nothing dropped.
    const UrlStateResult back = ParseUrlState(FormatUrlState(*r.state));
    CHECK(back.dropped.empty());
    CHECK(FormatUrlState(*back.state) == FormatUrlState(*r.state));
  });
  CHECK(dropped > 50);
  for (const std::string& text : {std::string(100'000, '%'), std::string(600, 'a'), kBinary, std::string("step=%00")}) {
    const UrlStateResult r = ParseUrlState(text);
    REQUIRE(r.state);
    CHECK_FALSE(r.state->lesson.has_value());
    CHECK_FALSE(r.dropped.empty());
    CHECK_FALSE(r.error.empty());
  }
}

TEST_CASE("no cart cookie crashes the parser, and no edit of a signed one passes the check") {
  CookieKey key{};
  for (size_t i = 0; i < key.size(); ++i) key[i] = static_cast<uint8_t>(3 * i + 1);
  Cart cart;
  for (uint16_t sku : {0, 0, 5, 77}) AddToCart(cart, sku);
  const std::string good = EncodeCartCookieValue(cart, &key);
  REQUIRE(ParseCartCookieValue(good, &key).error == CookieError::None);
  int unsigned_ok = 0;
  Mangle(good, 14, [&](const std::string& text) {
    if (text == good) return;
    CHECK(ParseCartCookieValue(text, &key).error != CookieError::None);
    unsigned_ok += ParseCartCookieValue(text, nullptr).error == CookieError::None;
  });
  CHECK(unsigned_ok > 0);  // without a key, edits of the payload alone would be trusted
  CHECK(ParseCartCookieValue(std::string(100'000, 'A'), &key).error == CookieError::Malformed);
  CHECK(ParseCartCookieValue(kBinary, nullptr).error == CookieError::Malformed);
}
