// Loading and validating lesson files with the engine's one JSON reader (json_read.h). Every
// rejection names the file, the JSON path and what was expected, and nothing here throws out of
// ParseLesson: a bad lesson is skipped, not fatal.
#include <algorithm>
#include <filesystem>
#include <set>

#include "json_read.h"
#include "scenario_settings.h"

#include "statelab/lesson.h"
#include "statelab/metrics.h"
#include "statelab/overloaded.h"

namespace sim {

namespace {

constexpr size_t kMaxSteps = 64;
constexpr size_t kMaxNameBytes = 256;  // ids, metric and control names, addresses


std::optional<CompareOp> ParseOp(std::string_view s) {
  if (s == "<") return CompareOp::Lt;
  if (s == "<=") return CompareOp::Le;
  if (s == "==") return CompareOp::Eq;
  if (s == "!=") return CompareOp::Ne;
  if (s == ">=") return CompareOp::Ge;
  if (s == ">") return CompareOp::Gt;
  return std::nullopt;
}

std::optional<GoalMode> ParseMode(std::string_view s) {
  if (s == "always") return GoalMode::Always;
  if (s == "eventually") return GoalMode::Eventually;
  if (s == "sustained") return GoalMode::Sustained;
  if (s == "at_end") return GoalMode::AtEnd;
  return std::nullopt;
}

// Names of scripted shoppers the lesson's actions create, for checking goals that name one.
void CollectShoppers(const std::vector<TimedCommand>& commands, std::set<std::string>& names) {
  for (const auto& tc : commands) {
    std::visit(
        [&names](const auto& c) {
          using T = std::decay_t<decltype(c)>;
          if constexpr (std::is_same_v<T, ShopperAction> || std::is_same_v<T, ShopperNewVisit> ||
                        std::is_same_v<T, TamperCookie>) {
            names.insert(c.shopper);
          }
        },
        tc.command);
  }
}

std::vector<TimedCommand> ParseActions(const JsonReader& r, const json& v, const std::string& path,
                                       const Config& config, TimeUs step_duration) {
  return ReadActions(r, v, path, config, step_duration, "within the step's duration (" + FormatDuration(step_duration) + ")");
}

Goal ParseGoal(const JsonReader& r, const json& v, const std::string& path) {
  r.Keys(v, path, {"id", "text", "metric", "shopper", "op", "value", "mode", "for", "scope", "teaching", "points", "side"},
         {"id", "text", "metric", "op", "value"});
  Goal g;
  g.id = r.Id(v.at("id"), path + ".id");
  g.text = r.Translated(v.at("text"), path + ".text");
  g.metric = r.String(v.at("metric"), path + ".metric", kMaxNameBytes);
  if (v.contains("shopper")) {
    g.shopper = r.String(v.at("shopper"), path + ".shopper", kMaxNameBytes);
    const std::optional<ShopperMetric> m = ShopperMetricNamed(g.metric);
    if (!m) {
      std::string known;
      for (ShopperMetric sm : AllShopperMetrics()) known += (known.empty() ? "" : ", ") + std::string(Name(sm));
      r.Fail(path + ".metric", "a shopper metric (" + known + "), got '" + Shown(g.metric) + "'");
    }
    g.shopper_metric = *m;
  } else if (const MetricInfo* info = FindMetric(g.metric); info != nullptr) {
    g.metric_id = info->id;
  } else {
    r.Fail(path + ".metric", "a known metric name (see docs/scenario-format.md), got unknown metric '" + Shown(g.metric) + "'");
  }
  const std::string op = r.String(v.at("op"), path + ".op", kMaxNameBytes);
  const auto parsed_op = ParseOp(op);
  if (!parsed_op) r.Fail(path + ".op", "one of <, <=, ==, !=, >=, >, got '" + Shown(op) + "'");
  g.op = *parsed_op;
  g.value = r.Number(v.at("value"), path + ".value");
  if (v.contains("mode")) {
    const std::string mode = r.String(v.at("mode"), path + ".mode", kMaxNameBytes);
    const auto m = ParseMode(mode);
    if (!m) r.Fail(path + ".mode", "one of always, eventually, sustained, at_end, got '" + Shown(mode) + "'");
    g.mode = *m;
  }
  if (g.mode == GoalMode::Sustained) {
    if (!v.contains("for")) r.Fail(path + ".for", "a duration (sustained goals need \"for\")");
    g.for_us = r.Duration(v.at("for"), path + ".for", Sec(1), Sec(86'400));
  } else if (v.contains("for")) {
    r.Fail(path + ".for", "no \"for\" unless mode is \"sustained\"");
  }
  if (v.contains("scope")) {
    const std::string scope = r.String(v.at("scope"), path + ".scope", kMaxNameBytes);
    if (scope != "step" && scope != "run") r.Fail(path + ".scope", "\"step\" or \"run\", got '" + Shown(scope) + "'");
    g.since_step = scope == "step";
  }
  if (v.contains("teaching")) g.teaching = r.Bool(v.at("teaching"), path + ".teaching");
  if (v.contains("points")) g.points = static_cast<uint32_t>(r.Int(v.at("points"), path + ".points", 0, 100));
  if (v.contains("side")) {
    const std::string side = r.String(v.at("side"), path + ".side", kMaxNameBytes);
    if (side == "a") {
      g.side = GoalSide::A;
    } else if (side == "b") {
      g.side = GoalSide::B;
    } else if (side == "a_minus_b") {
      g.side = GoalSide::AMinusB;
    } else {
      r.Fail(path + ".side", "one of \"a\", \"b\", \"a_minus_b\", got '" + Shown(side) + "'");
    }
  }
  return g;
}

// A comparison step's two sides: labels, each side's own settings (checked like a step's), and the
// extra metrics of its difference line.
CompareSpec ParseCompare(const JsonReader& r, const json& v, const std::string& path) {
  r.Keys(v, path, {"a", "b", "summary"}, {"a", "b"});
  CompareSpec c;
  for (auto [key, side] : {std::pair{"a", &c.a}, std::pair{"b", &c.b}}) {
    const std::string at = path + "." + key;
    const json& s = v.at(key);
    r.Keys(s, at, {"label", "settings"}, {"label"});
    side->label = r.Translated(s.at("label"), at + ".label");
    if (s.contains("settings")) side->settings = r.Take(ParseConfigPatch(s.at("settings"), r.file(), at + ".settings"));
  }
  if (v.contains("summary")) {
    const json& list = v.at("summary");
    if (!list.is_array() || list.size() > 8) r.FailGot(path + ".summary", "an array of at most 8 metric names", list);
    for (size_t i = 0; i < list.size(); ++i) {
      const std::string name = r.String(list[i], At(path + ".summary", i), kMaxNameBytes);
      const MetricInfo* info = FindMetric(name);
      if (info == nullptr || !CanSummarise(info->id)) {
        std::string known;
        for (Metric m : kSummaryExtras) known += (known.empty() ? "" : ", ") + std::string(InfoOf(m).name);
        r.Fail(At(path + ".summary", i), "a metric a difference line shows (" + known + "), got '" + Shown(name) + "'");
      }
      c.summary.push_back(info->id);
    }
  }
  return c;
}

// Goals name a side exactly when their step compares, and a comparison's goals read both runs.
void CheckGoalSides(const JsonReader& r, const LessonStep& s, const std::string& path) {
  bool reads_a = false;
  bool reads_b = false;
  for (size_t i = 0; i < s.goals.size(); ++i) {
    const GoalSide side = s.goals[i].side;
    const std::string at = At(path + ".goals", i) + ".side";
    if (!s.compare && side != GoalSide::Run) r.Fail(at, "no \"side\" outside a step with \"compare\"");
    if (s.compare && side == GoalSide::Run) r.Fail(at, "a side in a comparison step: \"a\", \"b\" or \"a_minus_b\"");
    reads_a = reads_a || side == GoalSide::A || side == GoalSide::AMinusB;
    reads_b = reads_b || side == GoalSide::B || side == GoalSide::AMinusB;
  }
  if (s.compare && !s.goals.empty() && !(reads_a && reads_b)) {
    r.Fail(path + ".goals", "goals that read both runs (a goal on side \"a\" and one on \"b\", or one on \"a_minus_b\")");
  }
}

Question ParseQuestion(const JsonReader& r, const json& v, const std::string& path) {
  r.Keys(v, path, {"kind", "prompt", "choices", "answer", "explanation"},
         {"kind", "prompt", "choices", "answer", "explanation"});
  Question q;
  const std::string kind = r.String(v.at("kind"), path + ".kind", kMaxNameBytes);
  if (kind == "predict") {
    q.kind = QuestionKind::Predict;
  } else if (kind == "choice") {
    q.kind = QuestionKind::Choice;
  } else {
    r.Fail(path + ".kind", "\"predict\" or \"choice\", got '" + Shown(kind) + "'");
  }
  q.prompt = r.Translated(v.at("prompt"), path + ".prompt");
  const json& choices = v.at("choices");
  if (!choices.is_array() || choices.size() < 2 || choices.size() > 6) {
    r.FailGot(path + ".choices", "an array of 2 to 6 choices", choices);
  }
  for (size_t i = 0; i < choices.size(); ++i) q.choices.push_back(r.Translated(choices[i], At(path + ".choices", i)));
  q.answer = static_cast<int>(r.Int(v.at("answer"), path + ".answer", 0, static_cast<int64_t>(q.choices.size()) - 1));
  q.explanation = r.Translated(v.at("explanation"), path + ".explanation");
  return q;
}

// Names become Knob and Fault once, here; "all" offers every one (the sandbox).
template <class E, size_t N>
void ParseControlNames(const JsonReader& r, const json& step, const char* key, const std::string& path,
                       const std::array<E, N>& every, std::optional<E> (*named)(std::string_view), StepControls& c) {
  if (!step.contains(key)) return;
  const json& v = step.at(key);
  const std::string sub = path + "." + key;
  if (v.is_string() && v.get<std::string>() == "all") {
    c.all = true;
    return;
  }
  if (!v.is_array()) r.FailGot(sub, "an array of names, or \"all\"", v);
  for (size_t i = 0; i < v.size(); ++i) {
    const std::string name = r.String(v[i], At(sub, i), kMaxNameBytes);
    const std::optional<E> control = named(name);
    if (!control) {
      std::string known;
      for (E e : every) known += (known.empty() ? "" : ", ") + std::string(Name(e));
      r.Fail(At(sub, i), "a known name (" + known + "), got '" + Shown(name) + "'");
    }
    c.Add(*control);
  }
}

StepControls ParseControls(const JsonReader& r, const json& step, const std::string& path) {
  StepControls c;
  ParseControlNames(r, step, "knobs", path, AllKnobs(), &KnobNamed, c);
  ParseControlNames(r, step, "faults", path, AllFaults(), &FaultNamed, c);
  return c;
}

// A sustained goal must be able to hold for its `for` within the time the step judges goals.
void CheckSustainedFits(const JsonReader& r, const Goal& g, const LessonStep& s, const std::string& path) {
  const TimeUs judged_us = s.duration_us - s.settle_us;
  if (g.mode != GoalMode::Sustained || g.for_us <= judged_us) return;
  r.Fail(path, "a time the step can hold it for: at most its duration (" + FormatDuration(s.duration_us) + ") less its settle (" +
                   FormatDuration(s.settle_us) + "), " + FormatDuration(judged_us) + ", got " + FormatDuration(g.for_us));
}

// Hidden faults strike one at a time, each after the one before has ended and a gap: `count` of
// the longest kind must all start within [from, to), or the last would land outside the window.
void CheckRandomFaultsFit(const JsonReader& r, const RandomFaults& rf, const std::string& path) {
  TimeUs longest_us = 0;
  for (Fault kind : rf.kinds) longest_us = std::max(longest_us, RandomFaultOutage(kind));
  const TimeUs needed_us = static_cast<TimeUs>(rf.count - 1) * (longest_us + kRandomFaultGapUs);
  if (rf.to_us - rf.from_us > needed_us) return;
  r.Fail(path, "a window longer than " + FormatDuration(needed_us) + " after from (" + FormatDuration(rf.from_us) + "), so " +
                   std::to_string(rf.count) + " faults fit one at a time (each out up to " + FormatDuration(longest_us) +
                   ", then " + FormatDuration(kRandomFaultGapUs) + " apart), got " + FormatDuration(rf.to_us));
}

// `config` is the stack as the earlier steps leave it (their settings and scripted settings
// applied), so an action can name what an earlier step created, such as a read replica.
LessonStep ParseStep(const JsonReader& r, const json& v, const std::string& path, Config& config) {
  r.Keys(v, path,
         {"id", "title", "narration", "task", "settings", "actions", "duration", "settle", "knobs", "faults", "goals",
          "hints", "question", "solution", "wrong_solutions", "compare"},
         {"id", "title", "narration", "task"});
  LessonStep s;
  s.id = r.Id(v.at("id"), path + ".id");
  s.title = r.Translated(v.at("title"), path + ".title");
  s.narration = r.Translated(v.at("narration"), path + ".narration");
  s.task = r.Translated(v.at("task"), path + ".task");
  if (v.contains("duration")) s.duration_us = r.Duration(v.at("duration"), path + ".duration", Sec(1), Sec(86'400));
  if (v.contains("settings")) s.settings = r.Take(ParseConfigPatch(v.at("settings"), r.file(), path + ".settings"));
  for (const Command& c : s.settings) ApplyToConfig(config, c);
  if (v.contains("compare")) {
    s.compare = ParseCompare(r, v.at("compare"), path + ".compare");
    for (const Command& c : s.compare->b.settings) ApplyToConfig(config, c);  // B goes on into the next step
  }
  if (v.contains("actions")) s.actions = ParseActions(r, v.at("actions"), path + ".actions", config, s.duration_us);
  if (v.contains("solution")) {
    s.solution = ParseActions(r, v.at("solution"), path + ".solution", config, s.duration_us);
    for (size_t k = 0; k < s.solution.size(); ++k) {
      const std::string offered = LearnerCanIssue(s.solution[k].command);
      if (!offered.empty()) r.Fail(At(path + ".solution", std::min(k, v.at("solution").size() - 1)), offered);
    }
  }
  if (v.contains("settle")) s.settle_us = r.Duration(v.at("settle"), path + ".settle", Sec(1), s.duration_us);
  s.controls = ParseControls(r, v, path);
  if (v.contains("wrong_solutions")) {
    const json& wrongs = v.at("wrong_solutions");
    const std::string wpath = path + ".wrong_solutions";
    if (!wrongs.is_array()) r.FailGot(wpath, "an array of wrong attempts", wrongs);
    for (size_t i = 0; i < wrongs.size(); ++i) {
      const std::string at = At(wpath, i);
      r.Keys(wrongs[i], at, {"id", "why", "actions"}, {"id", "why", "actions"});
      WrongSolution w;
      w.id = r.Id(wrongs[i].at("id"), at + ".id");
      w.why = r.Translated(wrongs[i].at("why"), at + ".why");
      w.actions = ParseActions(r, wrongs[i].at("actions"), at + ".actions", config, s.duration_us);
      // A wrong attempt is something a learner could do in this step: only its controls.
      const json& raw = wrongs[i].at("actions");
      for (size_t k = 0; k < w.actions.size(); ++k) {
        const std::optional<Control> control = ControlOf(w.actions[k].command);
        if (!control || !s.controls.Has(*control)) {
          const std::string verb(CommandName(w.actions[k].command));
          r.Fail(At(at + ".actions", std::min(k, raw.size() - 1)) + ".do",
                 "an action through a control this step offers (its knobs and faults), got '" + verb + "'" +
                     (!control ? " (no control offers it)" : " (needs '" + std::string(Name(*control)) + "')"));
        }
      }
      for (size_t k = 0; k < w.actions.size(); ++k) {
        const std::string offered = LearnerCanIssue(w.actions[k].command);
        if (!offered.empty()) r.Fail(At(at + ".actions", std::min(k, raw.size() - 1)), offered);
      }
      s.wrong_solutions.push_back(std::move(w));
    }
  }
  for (const auto* list : {&s.actions, &s.solution}) {
    for (const TimedCommand& tc : *list) ApplyToConfig(config, tc.command);
  }
  if (v.contains("goals")) {
    const json& goals = v.at("goals");
    if (!goals.is_array()) r.FailGot(path + ".goals", "an array of goals", goals);
    std::set<std::string> ids;
    for (size_t i = 0; i < goals.size(); ++i) {
      Goal g = ParseGoal(r, goals[i], At(path + ".goals", i));
      CheckSustainedFits(r, g, s, Key(At(path + ".goals", i), "for"));
      if (!ids.insert(g.id).second) r.Fail(At(path + ".goals", i) + ".id", "a goal id unique in its step, got '" + g.id + "' twice");
      s.goals.push_back(std::move(g));
    }
  }
  CheckGoalSides(r, s, path);
  if (v.contains("hints")) {
    const json& hints = v.at("hints");
    if (!hints.is_array()) r.FailGot(path + ".hints", "an array of translated texts", hints);
    for (size_t i = 0; i < hints.size(); ++i) s.hints.push_back(r.Translated(hints[i], At(path + ".hints", i)));
  }
  if (v.contains("question")) s.question = ParseQuestion(r, v.at("question"), path + ".question");
  return s;
}

Lesson ParseLessonJson(const JsonReader& r, const json& doc) {
  r.Keys(doc, "$",
         {"id", "order", "title", "summary", "config", "steps", "graded", "sandbox", "random_faults", "sources"},
         {"id", "order", "title", "summary", "steps"});
  Lesson l;
  l.file = r.file();
  l.id = r.Id(doc.at("id"), "$.id");
  l.order = static_cast<int>(r.Int(doc.at("order"), "$.order", 0, 999));
  l.title = r.Translated(doc.at("title"), "$.title");
  l.summary = r.Translated(doc.at("summary"), "$.summary");
  if (doc.contains("config")) l.config = r.Take(ParseConfig(doc.at("config"), Config{}, r.file(), "$.config"));
  if (doc.contains("graded")) l.graded = r.Bool(doc.at("graded"), "$.graded");
  if (doc.contains("sandbox")) l.sandbox = r.Bool(doc.at("sandbox"), "$.sandbox");

  const json& steps = doc.at("steps");
  if (!steps.is_array() || steps.empty() || steps.size() > kMaxSteps) r.FailGot("$.steps", "an array of 1 to 64 steps", steps);
  std::set<std::string> step_ids;
  Config running = l.config;
  for (size_t i = 0; i < steps.size(); ++i) {
    LessonStep s = ParseStep(r, steps[i], At("$.steps", i), running);
    if (!step_ids.insert(s.id).second) r.Fail(At("$.steps", i) + ".id", "a step id unique in the lesson, got '" + s.id + "' twice");
    l.steps.push_back(std::move(s));
  }

  if (doc.contains("random_faults")) {
    const json& v = doc.at("random_faults");
    const std::string path = "$.random_faults";
    r.Keys(v, path, {"count", "kinds", "from", "to"}, {"count", "kinds", "from", "to"});
    RandomFaults rf;
    rf.count = static_cast<uint32_t>(r.Int(v.at("count"), path + ".count", 1, 20));
    const json& kinds = v.at("kinds");
    if (!kinds.is_array() || kinds.empty()) r.FailGot(path + ".kinds", "a non-empty array of fault names", kinds);
    for (size_t i = 0; i < kinds.size(); ++i) {
      const std::string k = r.String(kinds[i], At(path + ".kinds", i), kMaxNameBytes);
      const std::optional<Fault> f = FaultNamed(k);
      if (!f || !IsRandomFault(*f)) {
        std::string known;
        for (Fault each : AllFaults()) {
          if (IsRandomFault(each)) known += (known.empty() ? "" : ", ") + std::string(Name(each));
        }
        r.Fail(At(path + ".kinds", i), "one of " + known + ", got '" + Shown(k) + "'");
      }
      rf.kinds.push_back(*f);
    }
    const TimeUs last = l.steps.back().duration_us;
    rf.from_us = r.Duration(v.at("from"), path + ".from", 0, last);
    rf.to_us = r.Duration(v.at("to"), path + ".to", rf.from_us + Sec(1), last);
    CheckRandomFaultsFit(r, rf, path + ".to");
    l.random_faults = rf;
  }

  if (doc.contains("sources")) {
    const json& sources = doc.at("sources");
    if (!sources.is_array() || sources.empty()) r.FailGot("$.sources", "a non-empty array of sources", sources);
    for (size_t i = 0; i < sources.size(); ++i) {
      const std::string at = At("$.sources", i);
      r.Keys(sources[i], at, {"title", "url", "checked"}, {"title", "url", "checked"});
      Source src;
      src.title = r.String(sources[i].at("title"), at + ".title", kMaxNameBytes);
      if (src.title.empty()) r.Fail(at + ".title", "a page title");
      src.url = r.String(sources[i].at("url"), at + ".url", kMaxNameBytes);
      if (src.url.rfind("https://", 0) != 0 || src.url.size() < 12) r.Fail(at + ".url", "an https:// address, got '" + Shown(src.url) + "'");
      src.checked = r.String(sources[i].at("checked"), at + ".checked", kMaxNameBytes);
      const std::string& d = src.checked;
      const bool date = d.size() == 10 && d[4] == '-' && d[7] == '-' &&
                        std::all_of(d.begin(), d.end(), [](char c) { return c == '-' || (c >= '0' && c <= '9'); });
      if (!date) r.Fail(at + ".checked", "a date as YYYY-MM-DD, got '" + Shown(d) + "'");
      l.sources.push_back(std::move(src));
    }
  }
  // Wrong attempts are named across the lesson (the CLI's --wrong ID).
  {
    std::set<std::string> wrong_ids;
    for (size_t i = 0; i < l.steps.size(); ++i) {
      for (size_t k = 0; k < l.steps[i].wrong_solutions.size(); ++k) {
        const std::string& id = l.steps[i].wrong_solutions[k].id;
        if (!wrong_ids.insert(id).second) {
          r.Fail(At(At("$.steps", i) + ".wrong_solutions", k) + ".id", "a wrong attempt id unique in the lesson, got '" + id + "' twice");
        }
      }
    }
  }
  // Goals that name a scripted shopper must name one the lesson's actions create.
  std::set<std::string> shoppers;
  for (const auto& s : l.steps) {
    CollectShoppers(s.actions, shoppers);
    CollectShoppers(s.solution, shoppers);
  }
  for (size_t i = 0; i < l.steps.size(); ++i) {
    for (size_t g = 0; g < l.steps[i].goals.size(); ++g) {
      const Goal& goal = l.steps[i].goals[g];
      if (!goal.shopper.empty() && shoppers.count(goal.shopper) == 0) {
        r.Fail(At(At("$.steps", i) + ".goals", g) + ".shopper",
               "a shopper that the lesson's actions name, got unknown shopper '" + Shown(goal.shopper) + "'");
      }
    }
  }
  if (l.sandbox) {
    for (size_t i = 0; i < l.steps.size(); ++i) {
      if (!l.steps[i].goals.empty()) r.Fail(At("$.steps", i) + ".goals", "no goals in a sandbox lesson");
    }
  }
  return l;
}

}  // namespace

std::string LearnerCanIssue(const Command& command) {
  return std::visit(
      Overloaded{
          [](const SetCacheTtl& c) -> std::string {
            for (int64_t s : kCacheTtlChoicesS) {
              if (c.ttl_s == s) return "";
            }
            return "a TTL the app offers (10s, 30s, 1m, 5m or 1h)";
          },
          [](const SetReplicaLag& c) -> std::string {
            for (int64_t ms : kReplicaLagChoicesMs) {
              if (c.lag_ms == ms) return "";
            }
            return "a replica lag the app offers (50ms, 1s, 5s or 30s)";
          },
          [](const SetShopperCount& c) -> std::string {
            const bool ok = c.count >= kShopperSliderMin && c.count <= kShopperSliderMax && c.count % kShopperSliderStep == 0;
            return ok ? "" : "a shopper count the slider offers (100 to 5000, in hundreds)";
          },
          [](const SetAsgCapacity& c) -> std::string {
            const bool ok = c.desired >= kAsgDesiredMin && c.desired <= kAsgDesiredMax;
            return ok ? "" : "a desired capacity the app offers (1 to 12)";
          },
          [](const auto&) -> std::string { return ""; },
      },
      command);
}

const WrongSolution* Lesson::FindWrong(std::string_view id, int* step) const {
  for (size_t i = 0; i < steps.size(); ++i) {
    for (const WrongSolution& w : steps[i].wrong_solutions) {
      if (w.id == id) {
        if (step != nullptr) *step = static_cast<int>(i);
        return &w;
      }
    }
  }
  return nullptr;
}

std::string_view Name(Lang lang) { return lang == Lang::Ko ? "ko" : "en"; }

std::string_view Name(CompareOp op) {
  switch (op) {
    case CompareOp::Lt: return "<";
    case CompareOp::Le: return "<=";
    case CompareOp::Eq: return "==";
    case CompareOp::Ne: return "!=";
    case CompareOp::Ge: return ">=";
    case CompareOp::Gt: return ">";
  }
  return "?";
}

std::string_view Name(GoalSide side) {
  switch (side) {
    case GoalSide::Run: return "run";
    case GoalSide::A: return "a";
    case GoalSide::B: return "b";
    case GoalSide::AMinusB: return "a_minus_b";
  }
  return "?";
}

std::string_view Name(GoalMode mode) {
  switch (mode) {
    case GoalMode::Always: return "always";
    case GoalMode::Eventually: return "eventually";
    case GoalMode::Sustained: return "sustained";
    case GoalMode::AtEnd: return "at_end";
  }
  return "?";
}

Parsed<Lesson> ParseLesson(std::string_view text, std::string_view file) {
  return ReadJson<Lesson>(text, file, &ParseLessonJson);
}

const Lesson* LessonSet::Find(std::string_view id) const {
  for (const auto& l : lessons) {
    if (l.id == id) return &l;
  }
  return nullptr;
}

std::vector<std::string> ListLessonFiles(const std::string& dir, std::vector<ValidationError>* errors) {
  namespace fs = std::filesystem;
  std::vector<std::string> files;
  std::error_code ec;
  for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
    // glossary.json and prices.json sit beside the lessons (one data dir) but are not lessons.
    const auto name = it->path().filename();
    if (it->path().extension() == ".json" && name != "glossary.json" && name != "prices.json") files.push_back(it->path().string());
  }
  if (ec) {
    if (errors != nullptr) errors->push_back(ValidationError{dir, "", "a readable lesson directory (" + ec.message() + ")"});
    return {};
  }
  std::sort(files.begin(), files.end());
  return files;
}

Parsed<Lesson> LoadLessonFile(const std::string& file) {
  const std::filesystem::path path(file);
  // Messages name the file as "<dir>/<file>" (e.g. lessons/caching.json): short and findable.
  return LoadFile(file, (path.parent_path().filename() / path.filename()).string(), &ParseLesson);
}

LessonSet LoadLessons(const std::string& dir) {
  LessonSet set;
  for (const std::string& file : ListLessonFiles(dir, &set.errors)) {
    auto parsed = LoadLessonFile(file);
    if (!parsed.ok()) {
      set.errors.push_back(parsed.error);
      continue;
    }
    if (set.Find(parsed.value->id) != nullptr) {
      set.errors.push_back(ValidationError{parsed.value->file, "$.id", "a lesson id used by no other file, got '" + parsed.value->id + "'"});
      continue;
    }
    set.lessons.push_back(std::move(*parsed.value));
  }
  std::stable_sort(set.lessons.begin(), set.lessons.end(), [](const Lesson& a, const Lesson& b) {
    return a.order != b.order ? a.order < b.order : a.id < b.id;
  });
  return set;
}

}  // namespace sim
