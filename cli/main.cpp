// statelab-sim: the headless runner. Runs a scenario file (or a lesson) on the engine and prints
// the metrics, the event counts and the trace hash, as text or as one JSON object. Built natively
// and as wasm for node with the same arguments and the same output.
//
//   statelab-sim --scenario FILE.json [--seed N] [--duration 600s] [--json] [--traces N] [--events N] [--quiet]
//   statelab-sim --lesson ID [--solution | --wrong WRONG_ID] [--lessons DIR] [--seed N] [--json]
//   ... --scenario or --lesson with --explain [--lang ko|en]: "what happened", the run (or each step)
//   told as causes and effects (engine/include/statelab/explain.h), in English unless --lang ko
//   statelab-sim --replay 'URL-or-#fragment' [--lessons DIR] [--scenarios DIR] [--json]   (a shared run: run=...)
//   statelab-sim --list [--lessons DIR]
//   statelab-sim --chaos N [--seed S] [--duration 120s] [--verbose] [--quiet]   (verbose: each run and its plan)
//
// A lesson's or a scenario's --json output carries the run as a link (permalink); --replay of it
// prints the same trace_hash (engine/include/statelab/run_link.h). A scenario is named in the link
// by its file name without .json (scenarios/elasticache.json: "elasticache"), and --replay reads it
// from --scenarios DIR (default: ./scenarios, else the source tree's).
//
// A flag that does not apply to the chosen mode is refused. When stderr is a terminal, scenario
// and chaos runs print a progress line about once a second (--quiet: never); otherwise never.
//
// Chaos: N runs, run k with seed S+k (default S: 1), each a random valid configuration and fault
// schedule with every invariant checked after every step (engine/include/statelab/chaos.h). A
// violation prints the seed and step that reproduce it and the plan, and exits 1.
//
// Exit codes: 0 ok, 1 a lesson's goals failed or a chaos run broke an invariant, 2 bad arguments
// or an invalid file.
#include <unistd.h>

#include <algorithm>
#include <array>
#include <chrono>
#include <charconv>
#include <cstdio>
#include <filesystem>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "statelab/chaos.h"
#include "statelab/lesson.h"
#include "statelab/run_link.h"
#include "statelab/scenario.h"
#include "statelab/sim.h"
#include "statelab/url_state.h"
#include "ui/story_text.h"
#include "ui/strings.h"

namespace {

using nlohmann::json;

constexpr int kExitOk = 0;
constexpr int kExitGoalsFailed = 1;
constexpr int kExitBadInput = 2;

struct Options {
  std::string scenario;
  std::string lesson;
  std::string lessons_dir;
  std::string scenarios_dir;
  std::string replay;  // a URL, a hash or a bare run link
  std::string wrong;  // a wrong attempt's id: play it instead of its step's solution
  bool list = false;
  bool solution = false;
  bool as_json = false;
  bool verbose = false;
  bool quiet = false;
  bool explain = false;
  sim::Lang lang = sim::Lang::En;
  std::vector<std::string_view> flags;  // the optional flags given, for checking them against the mode
  std::optional<uint64_t> chaos_runs;
  std::optional<uint64_t> seed;
  std::optional<sim::TimeUs> duration_us;
  uint32_t traces = 0;
  uint32_t events = 0;
};

void Usage(std::FILE* out) {
  std::fputs(
      "usage: statelab-sim --scenario FILE.json [--seed N] [--duration 600s|10m|1h] [--json]\n"
      "                    [--traces N] [--events N] [--quiet] [--explain [--lang ko|en]]\n"
      "       statelab-sim --lesson ID [--solution | --wrong WRONG_ID] [--lessons DIR] [--seed N] [--json]\n"
      "                    [--explain [--lang ko|en]]\n"
      "       statelab-sim --replay 'URL-or-#fragment' [--lessons DIR] [--scenarios DIR] [--json]\n"
      "       statelab-sim --list [--lessons DIR]\n"
      "       statelab-sim --chaos N [--seed S] [--duration 120s] [--verbose] [--quiet]\n",
      out);
}

int BadArgs(const std::string& message) {
  std::fprintf(stderr, "statelab-sim: %s\n", message.c_str());
  Usage(stderr);
  return kExitBadInput;
}

std::optional<uint64_t> ParseU64(std::string_view text) {
  uint64_t value = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (text.empty() || ec != std::errc() || end != text.data() + text.size()) return std::nullopt;
  return value;
}

// The modes, and the modes each optional flag applies to (in that order).
constexpr std::array<std::string_view, 5> kModes = {"--scenario", "--lesson", "--list", "--chaos", "--replay"};
struct FlagUse {
  std::string_view flag;
  std::array<bool, kModes.size()> applies;
};
constexpr FlagUse kFlagUses[] = {
    //                    scenario lesson list  chaos  replay
    {"--seed", {true, true, false, true, false}},      {"--duration", {true, false, false, true, false}},
    {"--json", {true, true, false, false, true}},      {"--traces", {true, false, false, false, false}},
    {"--events", {true, false, false, false, false}},  {"--solution", {false, true, false, false, false}},
    {"--wrong", {false, true, false, false, false}},   {"--lessons", {false, true, true, false, true}},
    {"--verbose", {false, false, false, true, false}}, {"--quiet", {true, false, false, true, false}},
    {"--scenarios", {false, false, false, false, true}},
    {"--explain", {true, true, false, false, false}},  {"--lang", {true, true, false, false, false}},
};

size_t ModeOf(const Options& o) {
  return !o.scenario.empty() ? 0 : !o.lesson.empty() ? 1 : o.list ? 2 : o.chaos_runs ? 3 : 4;
}

// "--duration does not apply to --lesson (it takes --seed, --json, ...)", or empty.
std::string FlagsOutsideMode(const Options& o) {
  const size_t mode = ModeOf(o);
  for (const FlagUse& use : kFlagUses) {
    if (use.applies[mode] || std::find(o.flags.begin(), o.flags.end(), use.flag) == o.flags.end()) continue;
    std::string takes;
    for (const FlagUse& other : kFlagUses) {
      if (other.applies[mode]) takes += (takes.empty() ? "" : ", ") + std::string(other.flag);
    }
    return std::string(use.flag) + " does not apply to " + std::string(kModes[mode]) + " (it takes " +
           (takes.empty() ? "no other flag" : takes) + ")";
  }
  return "";
}

// Returns an error message, or empty when the arguments are usable.
std::string ParseArgs(int argc, char** argv, Options& o) {
  for (int i = 1; i < argc; ++i) {
    const std::string_view arg = argv[i];
    auto value = [&](std::string_view name) -> std::optional<std::string_view> {
      if (i + 1 >= argc) return std::nullopt;
      (void)name;
      return std::string_view(argv[++i]);
    };
    std::optional<std::string_view> v;
    if (std::any_of(std::begin(kFlagUses), std::end(kFlagUses), [&](const FlagUse& u) { return u.flag == arg; })) {
      o.flags.push_back(arg);
    }
    if (arg == "--json") {
      o.as_json = true;
    } else if (arg == "--list") {
      o.list = true;
    } else if (arg == "--solution") {
      o.solution = true;
    } else if (arg == "--verbose") {
      o.verbose = true;
    } else if (arg == "--explain") {
      o.explain = true;
    } else if (arg == "--lang") {
      if (!(v = value(arg))) return "--lang needs ko or en";
      if (*v != "ko" && *v != "en") return "--lang: expected ko or en, got '" + std::string(*v) + "'";
      o.lang = *v == "ko" ? sim::Lang::Ko : sim::Lang::En;
    } else if (arg == "--quiet") {
      o.quiet = true;
    } else if (arg == "--chaos") {
      if (!(v = value(arg))) return "--chaos needs a value";
      o.chaos_runs = ParseU64(*v);
      if (!o.chaos_runs || *o.chaos_runs < 1 || *o.chaos_runs > 1'000'000) {
        return "--chaos: expected a number of runs from 1 to 1000000, got '" + std::string(*v) + "'";
      }
    } else if (arg == "--help" || arg == "-h") {
      Usage(stdout);
      std::exit(kExitOk);
    } else if (arg == "--wrong") {
      if (!(v = value(arg))) return "--wrong needs a wrong attempt's id";
      o.wrong = std::string(*v);
    } else if (arg == "--scenario" || arg == "--lesson" || arg == "--lessons" || arg == "--replay" || arg == "--scenarios") {
      if (!(v = value(arg)) || v->empty()) return std::string(arg) + " needs a value";
      (arg == "--scenario" ? o.scenario : arg == "--lesson" ? o.lesson : arg == "--replay" ? o.replay
                                        : arg == "--scenarios" ? o.scenarios_dir : o.lessons_dir) = std::string(*v);
    } else if (arg == "--seed") {
      if (!(v = value(arg))) return "--seed needs a value";
      o.seed = ParseU64(*v);
      if (!o.seed) return "--seed: expected an integer from 0 to 18446744073709551615, got '" + std::string(*v) + "'";
    } else if (arg == "--duration") {
      if (!(v = value(arg))) return "--duration needs a value";
      std::optional<sim::TimeUs> d = sim::ParseDuration(*v);
      if (!d) {
        if (const auto seconds = ParseU64(*v); seconds && *seconds <= 7 * 86'400) d = sim::Sec(static_cast<int64_t>(*seconds));
      }
      if (!d || *d < sim::Sec(1) || *d > sim::Sec(7 * 86'400)) {
        return "--duration: expected a duration such as 600s, 10m or 1h from 1s to 7d, got '" + std::string(*v) + "'";
      }
      o.duration_us = d;
    } else if (arg == "--traces" || arg == "--events") {
      if (!(v = value(arg))) return std::string(arg) + " needs a value";
      const auto n = ParseU64(*v);
      if (!n || *n > 10'000) return std::string(arg) + ": expected an integer from 0 to 10000";
      (arg == "--traces" ? o.traces : o.events) = static_cast<uint32_t>(*n);
    } else {
      return "unknown argument '" + std::string(arg) + "'";
    }
  }
  const int modes = !o.scenario.empty() + !o.lesson.empty() + o.list + o.chaos_runs.has_value() + !o.replay.empty();
  if (modes != 1) return "give exactly one of --scenario, --lesson, --list, --chaos or --replay";
  if (std::string outside = FlagsOutsideMode(o); !outside.empty()) return outside;
  if (!o.wrong.empty() && o.solution) return "--wrong goes with --lesson and without --solution";
  if (std::find(o.flags.begin(), o.flags.end(), "--lang") != o.flags.end() && !o.explain) return "--lang goes with --explain";
  if (o.chaos_runs && o.duration_us && *o.duration_us > sim::Sec(3600)) {
    return "--duration: a chaos run lasts at most 1h";
  }
  return "";
}

// [SECTION] Progress
// "3m 05s", "2h 10m", "1d 04h": wall or simulated time to the nearest second, two units at most.
std::string Clock(int64_t seconds) {
  struct Unit {
    int64_t s;
    const char* suffix;
  };
  static constexpr Unit kUnits[] = {{86'400, "d"}, {3600, "h"}, {60, "m"}, {1, "s"}};
  for (size_t i = 0; i + 1 < std::size(kUnits); ++i) {
    if (seconds < kUnits[i].s) continue;
    char buffer[48];
    std::snprintf(buffer, sizeof buffer, "%lld%s %02lld%s", static_cast<long long>(seconds / kUnits[i].s), kUnits[i].suffix,
                  static_cast<long long>(seconds % kUnits[i].s / kUnits[i + 1].s), kUnits[i + 1].suffix);
    return buffer;
  }
  return std::to_string(seconds) + "s";
}

bool StderrIsTerminal() {
#ifdef __EMSCRIPTEN__
  return false;  // under node, stderr is an emulated TTY even when piped: never risk a test's output
#else
  return isatty(STDERR_FILENO) == 1;
#endif
}

// One line on stderr, rewritten about once a second of wall time, so a long run shows it is alive
// and when it will end. Only on a terminal and without --quiet: scripts and tests see no change.
class ProgressLine {
 public:
  using WallClock = std::chrono::steady_clock;
  explicit ProgressLine(bool quiet) : enabled_(!quiet && StderrIsTerminal()) {}
  ProgressLine(const ProgressLine&) = delete;
  ProgressLine& operator=(const ProgressLine&) = delete;
  ~ProgressLine() { Clear(); }

  // Erases the line, so what follows starts on a clean one.
  void Clear() {
    if (shown_) std::fputs("\r\x1b[K", stderr);
    shown_ = false;
  }

  // fraction: how much of the run is done (0-1); describe() is called only when a line is due.
  template <class F>
  void Update(double fraction, F&& describe) {
    if (!enabled_) return;
    const WallClock::time_point now = WallClock::now();
    if (now - last_ < std::chrono::seconds(1)) return;
    last_ = now;
    const double elapsed_s = std::chrono::duration<double>(now - start_).count();
    const std::string eta = fraction > 0 ? Clock(static_cast<int64_t>(elapsed_s * (1 - fraction) / fraction + 0.5)) : "unknown";
    std::fprintf(stderr, "\r\x1b[K%s, %.1f%% done, ETA %s", describe().c_str(), 100.0 * fraction, eta.c_str());
    std::fflush(stderr);
    shown_ = true;
  }

 private:
  bool enabled_;
  bool shown_ = false;
  WallClock::time_point start_ = WallClock::now();
  WallClock::time_point last_ = start_;
};

// [SECTION] Output
// Values come from integer state; printing them with a fixed number of decimals keeps the text
// identical in the native and wasm builds.
std::string Number(double v) {
  char buffer[64];
  if (v == static_cast<double>(static_cast<int64_t>(v))) {
    std::snprintf(buffer, sizeof buffer, "%lld", static_cast<long long>(v));
  } else {
    std::snprintf(buffer, sizeof buffer, "%.3f", v);
  }
  return buffer;
}

std::string Hex(uint64_t v) {
  char buffer[17];
  std::snprintf(buffer, sizeof buffer, "%016llx", static_cast<unsigned long long>(v));
  return buffer;
}

json MetricsJson(const sim::Sim& s) {
  json metrics = json::object();
  for (const sim::MetricInfo& m : sim::MetricTable()) {
    const double v = sim::ReadMetric(s, m.id);
    // Rounded to 3 decimals through text, so the JSON is the same in every build.
    metrics[std::string(m.name)] = json::parse(Number(v));
  }
  return metrics;
}

json OutcomesJson(const sim::Sim& s) {
  json outcomes = json::object();
  for (int o = 0; o < sim::kOutcomeCount; ++o) {
    outcomes[std::string(sim::Name(static_cast<sim::Outcome>(o)))] = s.totals().by_outcome[static_cast<size_t>(o)];
  }
  return outcomes;
}

json EventsJson(const sim::Sim& s) {
  json events = json::object();
  for (int k = 0; k < sim::kEventKindCount; ++k) {
    const uint64_t count = s.event_counts()[static_cast<size_t>(k)];
    if (count > 0) events[std::string(sim::EventKindName(k))] = count;
  }
  return events;
}

void PrintTraces(const sim::Sim& s, uint32_t count) {
  const auto& ring = s.traces();
  const size_t n = std::min<size_t>(count, ring.size());
  if (n == 0) return;
  std::printf("\nlast %zu traced requests:\n", n);
  for (size_t i = ring.size() - n; i < ring.size(); ++i) {
    const sim::RequestTrace& t = ring[i];
    std::printf("  #%llu t=%.3fs %s %s -> %s (%s ms)\n", static_cast<unsigned long long>(t.id),
                static_cast<double>(t.start_us) / 1e6,
                (t.shopper.scripted() ? s.scripted_shoppers()[t.shopper.index()].name
                                      : "shopper " + std::to_string(t.shopper.index())).c_str(),
                std::string(sim::Name(t.kind)).c_str(), std::string(sim::Name(t.outcome)).c_str(),
                Number(t.latency_us / 1000.0).c_str());
    for (uint8_t h = 0; h < t.hop_count; ++h) std::printf("      %s\n", sim::DescribeHop(t.hops[h]).c_str());
    if (t.outcome == sim::Outcome::DeniedBySg) {
      std::printf("      %s\n", sim::Describe(t.denial, s.security_groups()).c_str());
    }
  }
}

void PrintEvents(const sim::Sim& s, uint32_t count) {
  const auto& ring = s.events();
  const size_t n = std::min<size_t>(count, ring.size());
  if (n == 0) return;
  std::printf("\nlast %zu events:\n", n);
  for (size_t i = ring.size() - n; i < ring.size(); ++i) {
    const sim::EventRecord& e = ring[i];
    std::printf("  %10.3fs  %s\n", static_cast<double>(e.time_us) / 1e6, sim::Describe(e.event).c_str());
  }
}

// A story as lines of text, each with its kind and tick (the app rewinds to it).
json StoryJson(const sim::Story& story, sim::Lang lang) {
  json lines = json::array();
  for (const sim::StoryLine& line : story.lines) {
    lines.push_back({{"kind", std::string(sim::Name(line.kind))}, {"tick", line.at_us / sim::kTickUs},
                     {"text", ui::StoryLineText(line, lang)}});
  }
  return lines;
}

// [SECTION] Scenario
json ScenarioPermalink(const std::string& file, uint64_t seed, sim::TimeUs duration_us);

int RunScenarioFile(const Options& o) {
  sim::Parsed<sim::Scenario> parsed = sim::LoadScenarioFile(o.scenario);
  if (!parsed.ok()) {
    std::fprintf(stderr, "%s\n", parsed.error.Message().c_str());
    return kExitBadInput;
  }
  sim::Scenario& scenario = *parsed.value;
  if (o.seed) scenario.config.seed = *o.seed;
  const sim::TimeUs duration_us = o.duration_us.value_or(scenario.duration_us);
  sim::Sim s(scenario.config);
  sim::StoryRecorder story;
  story.Begin(s);
  {
    ProgressLine progress(o.quiet);
    sim::RunScenario(s, scenario, duration_us, [&](const sim::Sim& now) {
      if (o.explain) story.Observe(now);
      progress.Update(static_cast<double>(now.now_us()) / static_cast<double>(duration_us), [&] {
        return "simulated " + Clock(now.now_us() / sim::kUsPerS) + " of " + Clock(duration_us / sim::kUsPerS) + ", " +
               std::to_string(now.totals().requests) + " requests";
      });
    });
  }

  if (o.as_json) {
    json out = json::object();
    out["scenario"] = scenario.name;
    out["file"] = std::filesystem::path(o.scenario).filename().string();
    out["seed"] = scenario.config.seed;
    out["duration_s"] = duration_us / sim::kUsPerS;
    out["trace_hash"] = Hex(s.trace_hash());
    out["permalink"] = ScenarioPermalink(o.scenario, scenario.config.seed, duration_us);
    out["metrics"] = MetricsJson(s);
    out["outcomes"] = OutcomesJson(s);
    out["events"] = EventsJson(s);
    if (o.explain) out["story"] = StoryJson(story.Current(s), o.lang);
    std::printf("%s\n", out.dump(2).c_str());
    return kExitOk;
  }
  std::printf("scenario   %s (%s)\n", scenario.name.c_str(), std::filesystem::path(o.scenario).filename().string().c_str());
  std::printf("seed       %llu\n", static_cast<unsigned long long>(scenario.config.seed));
  std::printf("duration   %s\n", sim::FormatDuration(duration_us).c_str());
  std::printf("trace_hash %s\n\nmetrics:\n", Hex(s.trace_hash()).c_str());
  for (const sim::MetricInfo& m : sim::MetricTable()) {
    std::printf("  %-24s %14s %s\n", std::string(m.name).c_str(), Number(sim::ReadMetric(s, m.id)).c_str(),
                std::string(m.unit).c_str());
  }
  std::printf("\noutcomes:\n");
  for (int k = 0; k < sim::kOutcomeCount; ++k) {
    std::printf("  %-26s %12llu\n", std::string(sim::Name(static_cast<sim::Outcome>(k))).c_str(),
                static_cast<unsigned long long>(s.totals().by_outcome[static_cast<size_t>(k)]));
  }
  std::printf("\nevents:\n");
  for (int k = 0; k < sim::kEventKindCount; ++k) {
    const uint64_t count = s.event_counts()[static_cast<size_t>(k)];
    if (count > 0) std::printf("  %-26s %12llu\n", std::string(sim::EventKindName(k)).c_str(), static_cast<unsigned long long>(count));
  }
  PrintEvents(s, o.events);
  PrintTraces(s, o.traces);
  if (o.explain) std::printf("\n%s\n%s", ui::Tr(ui::S::StoryTitle, o.lang), ui::StoryText(story.Current(s), o.lang).c_str());
  return kExitOk;
}

// [SECTION] Lessons
// The directory given, else ./<name> when there is one, else the source tree's.
std::string DataDirOf(const std::string& given, const std::string& name) {
  if (!given.empty()) return given;
  if (std::filesystem::is_directory(name)) return name;
#ifdef STATELAB_SOURCE_DIR
  return std::string(STATELAB_SOURCE_DIR) + "/" + name;
#else
  return name;
#endif
}

std::string LessonsDir(const Options& o) { return DataDirOf(o.lessons_dir, "lessons"); }

int ListLessons(const Options& o) {
  const sim::LessonSet set = sim::LoadLessons(LessonsDir(o));
  for (const sim::ValidationError& e : set.errors) std::fprintf(stderr, "%s\n", e.Message().c_str());
  if (set.lessons.empty() && set.errors.empty()) {
    std::fprintf(stderr, "statelab-sim: --list: no lessons in %s (no lesson .json file there)\n", LessonsDir(o).c_str());
    return kExitBadInput;
  }
  for (const sim::Lesson& l : set.lessons) std::printf("%s\t%s\n", l.id.c_str(), l.title.en.c_str());
  return set.errors.empty() ? kExitOk : kExitBadInput;
}

// The lesson `id` of the lessons dir, or nullptr after saying why on stderr.
const sim::Lesson* FindLesson(const Options& o, const sim::LessonSet& set, const std::string& id) {
  const sim::Lesson* lesson = set.Find(id);
  if (lesson == nullptr) {
    for (const sim::ValidationError& e : set.errors) std::fprintf(stderr, "%s\n", e.Message().c_str());
    std::fprintf(stderr, "statelab-sim: no valid lesson '%s' in %s\n", id.c_str(), LessonsDir(o).c_str());
  }
  return lesson;
}

// "#lesson=ID&seed=S&run=...": the page opens the lesson from it, and replays the run.
std::string Permalink(sim::RunLog log, int64_t until_tick) {
  sim::UrlState state;
  state.lesson = log.lesson;
  state.seed = log.seed;
  state.run = sim::SharedRun{std::move(log), until_tick};
  return "#" + sim::FormatUrlState(state);
}

// A scenario's run as a link: "#run=..." naming the scenario by its file name (no learner commands:
// the scenario's actions are its own). null when the name is not an id ([a-z0-9-]) or the run is
// longer than a link may replay.
json ScenarioPermalink(const std::string& file, uint64_t seed, sim::TimeUs duration_us) {
  const std::string id = std::filesystem::path(file).stem().string();
  const int64_t until_tick = duration_us / sim::kTickUs;
  if (!sim::IsLessonId(id) || until_tick > sim::kRunLinkMaxTicks) return nullptr;
  sim::UrlState state;
  state.run = sim::SharedRun{sim::RunLog{id, 0, seed, {}, sim::RunSource::Scenario}, until_tick};
  return "#" + sim::FormatUrlState(state);
}

int RunLesson(const Options& o) {
  const sim::LessonSet set = sim::LoadLessons(LessonsDir(o));
  const sim::Lesson* lesson = FindLesson(o, set, o.lesson);
  if (lesson == nullptr) return kExitBadInput;
  int wrong_step = -1;
  if (!o.wrong.empty() && lesson->FindWrong(o.wrong, &wrong_step) == nullptr) {
    std::string known;
    for (const sim::LessonStep& st : lesson->steps) {
      for (const sim::WrongSolution& w : st.wrong_solutions) known += (known.empty() ? "" : ", ") + w.id;
    }
    std::fprintf(stderr, "statelab-sim: --wrong: lesson '%s' has no wrong attempt '%s' (it has: %s)\n", o.lesson.c_str(),
                 o.wrong.c_str(), known.empty() ? "none" : known.c_str());
    return kExitBadInput;
  }
  sim::RunLog log;
  const sim::LessonResult result =
      sim::RunLessonHeadless(*lesson, o.seed.value_or(lesson->config.seed), o.solution, o.wrong, &log);
  if (o.as_json) {
    json out = json::object();
    out["lesson"] = result.lesson;
    out["permalink"] = Permalink(std::move(log), result.simulated_us / sim::kTickUs);
    out["passed"] = result.passed;
    if (!o.wrong.empty()) {
      out["wrong"] = o.wrong;
      out["wrong_step"] = lesson->steps[static_cast<size_t>(wrong_step)].id;
      out["wrong_step_passed"] =
          std::find(result.steps_passed.begin(), result.steps_passed.end(), wrong_step) != result.steps_passed.end();
    }
    out["points"] = result.points;
    out["points_max"] = result.points_max;
    out["trace_hash"] = Hex(result.trace_hash);
    out["simulated_s"] = result.simulated_us / sim::kUsPerS;
    if (!result.grade.empty()) out["grade"] = result.grade;
    json goals = json::array();
    for (const sim::GoalResult& g : result.goals) {
      goals.push_back({{"step", g.step_id}, {"goal", g.goal_id}, {"passed", g.passed}, {"teaching", g.teaching},
                       {"value", json::parse(Number(g.value))}});
    }
    out["goals"] = goals;
    if (o.explain) {
      json stories = json::array();
      for (size_t k = 0; k < result.stories.size(); ++k) {
        stories.push_back({{"step", lesson->steps[k].id}, {"lines", StoryJson(result.stories[k], o.lang)}});
      }
      out["story"] = stories;
    }
    // Each comparison step as it ended: both sides' hashes and the difference line's numbers (A, B).
    if (!result.comparisons.empty()) {
      json comparisons = json::array();
      for (const sim::StepComparison& c : result.comparisons) {
        json summary = json::object();
        for (const sim::DifferenceRow& row : c.summary.rows) {
          summary[std::string(sim::InfoOf(row.metric).name)] = {json::parse(Number(row.a)), json::parse(Number(row.b))};
        }
        comparisons.push_back({{"step", lesson->steps[static_cast<size_t>(c.step)].id}, {"a_trace_hash", Hex(c.a_trace_hash)},
                               {"b_trace_hash", Hex(c.b_trace_hash)}, {"summary", summary}});
      }
      out["comparisons"] = comparisons;
    }
    std::printf("%s\n", out.dump(2).c_str());
  } else {
    const std::string how = !o.wrong.empty() ? "wrong attempt " + o.wrong : o.solution ? "with solution" : "no action";
    std::printf("lesson     %s (%s)\ntrace_hash %s\n", result.lesson.c_str(), how.c_str(), Hex(result.trace_hash).c_str());
    for (const sim::GoalResult& g : result.goals) {
      std::printf("  %s %-16s %-20s %s\n", g.passed ? "pass" : "FAIL", g.step_id.c_str(), g.goal_id.c_str(), g.description.c_str());
    }
    if (!result.grade.empty()) std::printf("grade      %s\n", result.grade.c_str());
    std::printf("%s\n", result.passed ? "passed" : "failed");
    if (o.explain) {
      std::printf("\n%s\n", ui::Tr(ui::S::StoryTitle, o.lang));
      for (size_t k = 0; k < result.stories.size(); ++k) {
        std::printf("%s\n", ui::Fmt(o.lang, ui::S::StoryStepOf, static_cast<int>(k) + 1, lesson->steps[k].title.In(o.lang).c_str()).c_str());
        const std::string text = ui::StoryText(result.stories[k], o.lang);
        for (size_t at = 0; at < text.size();) {
          const size_t end = text.find('\n', at);
          std::printf("  %s\n", text.substr(at, end - at).c_str());
          at = end + 1;
        }
      }
    }
  }
  return result.passed ? kExitOk : kExitGoalsFailed;
}

// [SECTION] Replay
// The run of a link: "https://host/#lesson=x&run=...", "#run=...", "run=..." or the bare run text.
std::optional<sim::SharedRun> RunOfLink(std::string_view link) {
  if (const size_t hash = link.find('#'); hash != std::string_view::npos) link.remove_prefix(hash + 1);
  if (link.find('=') == std::string_view::npos) {
    sim::RunLinkResult r = sim::DecodeRunLink(link);
    if (!r.run) std::fprintf(stderr, "statelab-sim: --replay: %s\n", std::string(sim::Describe(r.problem)).c_str());
    return std::move(r.run);
  }
  sim::UrlStateResult r = sim::ParseUrlState(link);
  if (!r.error.empty()) std::fprintf(stderr, "statelab-sim: --replay: %s\n", r.error.c_str());
  if (!r.state->run && r.error.empty()) std::fprintf(stderr, "statelab-sim: --replay: the link has no run (run=...)\n");
  return std::move(r.state->run);
}

// Every step the run names is one of the lesson's.
bool StepsFit(const sim::SharedRun& run, const sim::Lesson& lesson) {
  const int steps = static_cast<int>(lesson.steps.size());
  bool fit = run.log.start_step < steps;
  for (const sim::RunLogEntry& e : run.log.entries) {
    if (const auto* s = std::get_if<sim::StepStarted>(&e.what)) fit = fit && s->step < steps;
  }
  if (!fit) std::fprintf(stderr, "statelab-sim: --replay: the run names a step lesson '%s' does not have\n", lesson.id.c_str());
  return fit;
}

std::string ScenariosDir(const Options& o) { return DataDirOf(o.scenarios_dir, "scenarios"); }

int ReplayLink(const Options& o) {
  const std::optional<sim::SharedRun> run = RunOfLink(o.replay);
  if (!run) return kExitBadInput;
  const bool of_scenario = run->log.source == sim::RunSource::Scenario;
  sim::LessonSet set;
  const sim::Lesson* lesson = nullptr;
  if (of_scenario) {
    const std::string file = ScenariosDir(o) + "/" + run->log.lesson + ".json";
    sim::Parsed<sim::Scenario> parsed = sim::LoadScenarioFile(file);
    if (!parsed.ok()) {
      std::fprintf(stderr, "statelab-sim: --replay: the run is of scenario '%s', which %s does not hold\n%s\n",
                   run->log.lesson.c_str(), ScenariosDir(o).c_str(), parsed.error.Message().c_str());
      return kExitBadInput;
    }
    set.lessons.push_back(sim::LessonOfScenario(*parsed.value, run->log.lesson));
    lesson = &set.lessons.front();
  } else {
    set = sim::LoadLessons(LessonsDir(o));
    lesson = FindLesson(o, set, run->log.lesson);
  }
  if (lesson == nullptr || !StepsFit(*run, *lesson)) return kExitBadInput;
  const std::unique_ptr<sim::LessonRun> replay = sim::ReplayRunLog(*lesson, run->log, run->until_tick);
  const std::string hash = Hex(replay->sim().trace_hash());
  const int64_t simulated_s = replay->sim().now_us() / sim::kUsPerS;
  const char* what = of_scenario ? "scenario" : "lesson";
  if (o.as_json) {
    const json out = {{what, lesson->id}, {"step", replay->step().id}, {"simulated_s", simulated_s}, {"trace_hash", hash}};
    std::printf("%s\n", out.dump(2).c_str());
  } else {
    std::printf("%-10s %s (replayed, step %s, %llds)\ntrace_hash %s\n", what, lesson->id.c_str(), replay->step().id.c_str(),
                static_cast<long long>(simulated_s), hash.c_str());
  }
  return kExitOk;
}

// [SECTION] Chaos
int RunChaosRuns(const Options& o) {
  const uint64_t first = o.seed.value_or(1);
  sim::ChaosLimits limits;
  if (o.duration_us) limits.duration_us = *o.duration_us;
  uint64_t steps = 0, requests = 0, commands = 0, rejected = 0, durable_plans = 0, durable_held = 0;
  sim::InvariantStats total;
  ProgressLine progress(o.quiet || o.verbose);  // verbose prints every run instead
  for (uint64_t k = 0; k < *o.chaos_runs; ++k) {
    progress.Update(static_cast<double>(k) / static_cast<double>(*o.chaos_runs), [&] {
      return "chaos run " + std::to_string(k + 1) + " of " + std::to_string(*o.chaos_runs) + ", " + std::to_string(requests) +
             " requests";
    });
    const uint64_t seed = first + k;
    const sim::ChaosPlan plan = sim::MakeChaosPlan(seed, limits);
    const sim::ChaosResult r = sim::RunChaos(plan);
    steps += r.steps;
    requests += r.requests;
    commands += r.commands;
    rejected += r.rejected;
    durable_plans += r.durable_plan;
    durable_held += r.durable_plan && r.durable_held;
    total.requests_checked += r.stats.requests_checked;
    total.hops_checked += r.stats.hops_checked;
    total.verdicts_checked += r.stats.verdicts_checked;
    total.sg_probes += r.stats.sg_probes;
    total.sweeps += r.stats.sweeps;
    total.durable_steps += r.stats.durable_steps;
    total.untraced_steps += r.stats.untraced_steps;
    total.ambiguous_requests += r.stats.ambiguous_requests;
    if (o.verbose) {
      std::printf("run %llu: seed %llu, %llu requests, %llu commands%s%s\n", static_cast<unsigned long long>(k),
                  static_cast<unsigned long long>(seed), static_cast<unsigned long long>(r.requests),
                  static_cast<unsigned long long>(r.commands), r.durable_plan ? ", durable plan: " : "",
                  r.durable_plan ? (r.durable_held ? "held" : r.durable_note.c_str()) : "");
      std::printf("%s", sim::DescribePlan(plan).c_str());
    }
    if (!r.passed()) {
      progress.Clear();
      const sim::Violation& first_violation = r.violations.front();
      std::printf("chaos: run %llu (seed %llu) broke %s at step %llu (t=%s):\n", static_cast<unsigned long long>(k),
                  static_cast<unsigned long long>(seed), std::string(sim::Name(first_violation.invariant)).c_str(),
                  static_cast<unsigned long long>(r.failed_step), sim::FormatDuration(first_violation.time_us).c_str());
      for (const sim::Violation& v : r.violations) {
        std::printf("  %s: %s\n", std::string(sim::Name(v.invariant)).c_str(), v.detail.c_str());
      }
      std::printf("reproduce: statelab-sim --chaos 1 --seed %llu%s\n%s", static_cast<unsigned long long>(seed),
                  o.duration_us ? (" --duration " + sim::FormatDuration(*o.duration_us)).c_str() : "",
                  sim::DescribePlan(plan).c_str());
      return kExitGoalsFailed;
    }
  }
  progress.Clear();
  const auto u = [](uint64_t v) { return static_cast<unsigned long long>(v); };
  std::printf("chaos      %llu runs, seeds %llu to %llu, %s each\n", u(*o.chaos_runs), u(first), u(first + *o.chaos_runs - 1),
              sim::FormatDuration(std::max<sim::TimeUs>(sim::Sec(2), limits.duration_us)).c_str());
  std::printf("simulated  %llu steps, %llu requests, %llu commands (%llu refused by the model)\n", u(steps), u(requests),
              u(commands), u(rejected));
  std::printf("checked    %llu requests, %llu connections, %llu verdicts, %llu probes, %llu sweeps\n", u(total.requests_checked),
              u(total.hops_checked), u(total.verdicts_checked), u(total.sg_probes), u(total.sweeps));
  std::printf("durability %llu durable plans, %llu held the regime to the end, %llu steps checked\n", u(durable_plans),
              u(durable_held), u(total.durable_steps));
  std::printf("unjudged   %llu steps not fully traced, %llu scripted requests in a step that changed placement or rules\n",
              u(total.untraced_steps), u(total.ambiguous_requests));
  std::printf("invariants placement, replication, security_groups, durability, conservation: all held\n");
  return kExitOk;
}

}  // namespace

int main(int argc, char** argv) {
  Options options;
  if (const std::string error = ParseArgs(argc, argv, options); !error.empty()) return BadArgs(error);
  if (options.list) return ListLessons(options);
  if (options.chaos_runs) return RunChaosRuns(options);
  if (!options.lesson.empty()) return RunLesson(options);
  if (!options.replay.empty()) return ReplayLink(options);
  return RunScenarioFile(options);
}
