// The guards every loader shares (engine/src/json_read.h): deep nesting refused before it can
// crash, duplicate keys refused with their path, messages that never dump a container, echo a
// control character or cut a UTF-8 character, files that are not regular files refused without
// being read, and the load-time rules that replace silent no-ops (an action after a scenario's end,
// a sustained goal longer than its step, hidden faults that cannot fit their window).
// docs/reliability.md's bad-input table lists them.
#include <doctest/doctest.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <nlohmann/json.hpp>

#include "../fuzz/message_check.h"
#include "sim_helpers.h"
#include "statelab/glossary.h"
#include "statelab/lesson.h"

#ifndef __EMSCRIPTEN__
#include <sys/stat.h>
#endif

using namespace sim;
using nlohmann::json;

namespace {

std::string ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

const std::string kGoodLesson = ReadFile(test::SourcePath("tests/fixtures/lessons-mixed/good.json"));

// The good lesson with its step's "duration" replaced by `levels` nested arrays.
std::string LessonWithDeepDuration(int levels) {
  std::string text = kGoodLesson;
  const std::string from = "\"duration\": \"10s\"";
  const size_t at = text.find(from);
  REQUIRE(at != std::string::npos);
  return text.replace(at, from.size(), "\"duration\": " + std::string(levels, '[') + std::string(levels, ']'));
}

// The good lesson with one edit to its parsed form.
template <class F>
std::string EditedLesson(F edit) {
  json doc = json::parse(kGoodLesson);
  edit(doc);
  return doc.dump();
}

std::string ScenarioError(const std::string& text) {
  const Parsed<Scenario> parsed = ParseScenario(text, "s.json");
  REQUIRE_FALSE(parsed.ok());
  return parsed.error.Message();
}

std::string LessonError(const std::string& text) {
  const Parsed<Lesson> parsed = ParseLesson(text, "l.json");
  REQUIRE_FALSE(parsed.ok());
  return parsed.error.Message();
}

// A scratch directory under the build's temp dir, removed at the end of the test.
struct ScratchDir {
  std::filesystem::path path = std::filesystem::temp_directory_path() / ("statelab-guard-" + std::to_string(
      std::chrono::steady_clock::now().time_since_epoch().count()));
  ScratchDir() { std::filesystem::create_directories(path); }
  ~ScratchDir() {
    std::error_code ec;
    std::filesystem::remove_all(path, ec);
  }
  std::string operator/(const std::string& name) const { return (path / name).string(); }
};

}  // namespace

TEST_CASE("a lesson step whose duration nests 5000 or 20000 arrays is refused at the depth guard, not crashed on") {
  REQUIRE(ParseLesson(kGoodLesson, "l.json").ok());
  for (int levels : {5'000, 20'000}) {
    CAPTURE(levels);
    CHECK(LessonError(LessonWithDeepDuration(levels)) == "l.json: $: expected JSON nested at most 32 levels deep");
  }
  // The same guard in every loader.
  const std::string deep = std::string(40, '[') + std::string(40, ']');
  CHECK(ParseGlossary("{\"terms\": " + deep + "}", "g.json").error.Message() ==
        "g.json: $: expected JSON nested at most 32 levels deep");
  CHECK(ScenarioError("{\"name\": " + deep + "}") == "s.json: $: expected JSON nested at most 32 levels deep");
  // 31 levels inside the top-level object are allowed: the limit is the depth, not a guess.
  CHECK(ScenarioError("{\"name\": " + std::string(31, '[') + std::string(31, ']') + "}")
            .find("$.name: expected a string, got an array of 1 item") != std::string::npos);
}

TEST_CASE("a key given twice in any object is refused with its path, in scenarios, lessons and the glossary") {
  CHECK(ScenarioError(R"({"config": {"rds": {"read_replicas": 1, "multi_az": true, "read_replicas": 2}}})") ==
        "s.json: $.config.rds.read_replicas: expected each key once in an object, got 'read_replicas' twice");
  CHECK(ScenarioError(R"({"actions": [{"at": "1s", "do": "fail_az", "az": "a"}, {"at": "2s", "at": "3s"}]})") ==
        "s.json: $.actions[1].at: expected each key once in an object, got 'at' twice");
  const std::string lesson = EditedLesson([](json& doc) { doc["steps"][0]["goals"][0]["value"] = 0; });
  std::string twice = lesson;
  twice.insert(twice.find("\"value\":0") + 1, "value\":1,\"");
  CHECK(LessonError(twice) == "l.json: $.steps[0].goals[0].value: expected each key once in an object, got 'value' twice");
  CHECK(ParseGlossary(R"({"terms": [], "terms": []})", "g.json").error.Message() ==
        "g.json: $.terms: expected each key once in an object, got 'terms' twice");
  // Escapes name the same key: "\u0061" is "a".
  CHECK(ScenarioError(R"({"name": "x", "n\u0061me": "y"})") ==
        "s.json: $.name: expected each key once in an object, got 'name' twice");
}

TEST_CASE("a message never dumps a container, never echoes a control character, never cuts a UTF-8 character") {
  json big = json::object();
  big["name"] = json::array();
  for (int i = 0; i < 5000; ++i) big["name"].push_back(i);
  const std::string sized = ScenarioError(big.dump());
  CHECK(sized == "s.json: $.name: expected a string, got an array of 5000 items");

  const std::string control = ScenarioError("{\"seed\": \"\\u001b[31mred\\u0007\\n\"}");
  CHECK(IsSafeMessage(control));
  CHECK(control == "s.json: $.seed: expected an integer from 0 to 18446744073709551615, got \"\\u001b[31mred\\u0007\\n\"");
  const std::string key = ScenarioError("{\"config\": {\"\\u001b]0;x\\u0007\": 1}}");
  CHECK(IsSafeMessage(key));
  CHECK(key.find("$.config.\\u001b]0;x\\u0007: expected a known key") != std::string::npos);
  const std::string metric = LessonError(EditedLesson([](json& doc) { doc["steps"][0]["goals"][0]["metric"] = "a\rb"; }));
  CHECK(IsSafeMessage(metric));
  CHECK(metric.find("got unknown metric 'a\\rb'") != std::string::npos);

  // 100 Korean syllables (3 bytes each) are shortened at a character boundary, with "...".
  std::string korean;
  for (int i = 0; i < 100; ++i) korean += "가";
  const std::string cut = ScenarioError("{\"seed\": \"" + korean + "\"}");
  CHECK(IsSafeMessage(cut));
  CHECK(cut.size() < 200);
  CHECK(cut.find("가가...\"") != std::string::npos);
}

TEST_CASE("a file that is not a regular file is refused without being read; a large one without reading it whole") {
  ScratchDir dir;
  const Parsed<Scenario> directory = LoadScenarioFile(dir.path.string());
  REQUIRE_FALSE(directory.ok());
  CHECK(directory.error.Message() == dir.path.string() + ": expected a regular file, got a directory");

  // 5 MiB, sparse: refused from its size, before any byte is read.
  const std::string large = dir / "large.json";
  std::ofstream(large).put(' ');
  std::filesystem::resize_file(large, 5u << 20);
  CHECK(LoadScenarioFile(large).error.Message() == large + ": expected a file of at most 4 MiB, got 5242880 bytes");
  CHECK(LoadGlossary(large).error.Message() == large + ": expected a file of at most 4 MiB, got 5242880 bytes");

  // A lesson directory: a subdirectory named like a lesson is named as what it is.
  std::filesystem::create_directories(dir.path / "lessons" / "trap.json");
  std::filesystem::copy_file(test::SourcePath("tests/fixtures/lessons-mixed/good.json"), dir / "lessons/good.json");
  const LessonSet set = LoadLessons(dir / "lessons");
  CHECK(set.lessons.size() == 1);
  REQUIRE(set.errors.size() == 1);
  CHECK(set.errors[0].Message() == "lessons/trap.json: expected a regular file, got a directory");

#ifndef __EMSCRIPTEN__
  // Opening a FIFO would wait for a writer forever; /dev/zero would never end.
  const std::string fifo = dir / "pipe.json";
  REQUIRE(mkfifo(fifo.c_str(), 0600) == 0);
  CHECK(LoadScenarioFile(fifo).error.Message() == fifo + ": expected a regular file, got a FIFO (named pipe)");
  if (std::filesystem::exists("/dev/zero")) {
    CHECK(LoadScenarioFile("/dev/zero").error.Message() == "/dev/zero: expected a regular file, got a character device");
  }
#endif
}

TEST_CASE("a scenario action that would run at or after the run's end is refused") {
  const std::string at_end = R"({"duration": "1m", "actions": [{"at": "1m", "do": "fail_az", "az": "a"}]})";
  CHECK(ScenarioError(at_end) == "s.json: $.actions[0].at: expected a time before the run ends (1m), got 1m");
  // Applied at the next tick: 59.995 s would be applied at 60 s, when the run has ended.
  CHECK(ScenarioError(R"({"duration": "1m", "actions": [{"at": "1s", "do": "restore_rds"}, {"at": "59995ms", "do": "restore_rds"}]})") ==
        "s.json: $.actions[1].at: expected a time before the run ends (1m), got 59995ms");
  CHECK(ParseScenario(R"({"duration": "1m", "actions": [{"at": "59990ms", "do": "restore_rds"}]})", "s.json").ok());
  // The default duration is 10 minutes.
  CHECK(ScenarioError(R"({"actions": [{"at": "11m", "do": "restore_rds"}]})") ==
        "s.json: $.actions[0].at: expected a time before the run ends (10m), got 11m");
}

TEST_CASE("a sustained goal whose for is longer than its step can judge it is refused") {
  const auto sustained = [](const char* duration, const char* settle, const char* hold) {
    return EditedLesson([&](json& doc) {
      json& step = doc["steps"][0];
      step["duration"] = duration;
      if (settle != nullptr) step["settle"] = settle;
      step["goals"][0]["mode"] = "sustained";
      step["goals"][0]["for"] = hold;
    });
  };
  CHECK(ParseLesson(sustained("1m", nullptr, "1m"), "l.json").ok());
  CHECK(LessonError(sustained("1m", nullptr, "90s")) ==
        "l.json: $.steps[0].goals[0].for: expected a time the step can hold it for: at most its duration (1m) less its "
        "settle (0s), 1m, got 90s");
  CHECK(LessonError(sustained("1m", "20s", "45s")) ==
        "l.json: $.steps[0].goals[0].for: expected a time the step can hold it for: at most its duration (1m) less its "
        "settle (20s), 40s, got 45s");
}

TEST_CASE("hidden faults that could not all strike inside their window are refused") {
  const std::string text = ReadFile(test::SourcePath("lessons/09-final-challenge.json"));
  REQUIRE(ParseLesson(text, "l.json").ok());  // 2 faults, the longest 180 s out then 20 s apart, in 280 s
  json doc = json::parse(text);
  doc["random_faults"]["count"] = 3;  // 400 s needed
  CHECK(LessonError(doc.dump()) ==
        "l.json: $.random_faults.to: expected a window longer than 400s after from (440s), so 3 faults fit one at a time "
        "(each out up to 3m, then 20s apart), got 12m");
  doc["random_faults"]["kinds"] = {"terminate_instance"};  // 2 × (60 s + 20 s) fit in 280 s
  CHECK(ParseLesson(doc.dump(), "l.json").ok());
}
