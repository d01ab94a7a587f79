// Loading and validating lesson files. Every rejection names the file, the JSON path and what
// was expected, and nothing here throws out of ParseLesson: a bad lesson is skipped, not fatal.
#include <algorithm>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>

#include "statelab/lesson.h"
#include "statelab/metrics.h"
#include "statelab/overloaded.h"

namespace sim {

namespace {

using nlohmann::json;

constexpr std::string_view kKnobNames[] = {
    "stickiness",      "routing",         "session_strategy", "session_store",
    "cookie_signing",  "cache_mode",      "cache_ttl",        "cache_invalidation",
    "cache_multi_az",  "replica_count",   "replica_lag",      "read_routing",
    "rds_multi_az",    "security_groups", "asg_capacity",     "target_tracking",
    "shoppers",
};
constexpr std::string_view kFaultNames[] = {
    "terminate_instance", "fail_az",     "restore_az",   "fail_cache_primary", "restore_cache",
    "fail_rds_primary",   "restore_rds", "replica_lag",  "traffic_spike",      "attacker",
    "tamper_cookie",      "shopper",
};
// Shopper metrics a goal with "shopper" may name, read from the scripted shopper's stats.
constexpr std::string_view kShopperMetrics[] = {
    "carts_lost", "requests", "errors", "orders", "gave_up", "stale_reads", "visits",
};
constexpr size_t kMaxSteps = 64;
constexpr size_t kMaxTextBytes = 8192;

struct Reject {
  ValidationError error;
};

class Reader {
 public:
  explicit Reader(std::string_view file) : file_(file) {}

  [[noreturn]] void Fail(const std::string& path, const std::string& expected) const {
    throw Reject{ValidationError{file_, path, expected}};
  }

  // Every key of `obj` must be in `allowed`; `required` ones must be present.
  void Keys(const json& obj, const std::string& path, std::initializer_list<std::string_view> allowed,
            std::initializer_list<std::string_view> required) const {
    if (!obj.is_object()) Fail(path, "an object");
    for (const auto& item : obj.items()) {
      if (std::find(allowed.begin(), allowed.end(), item.key()) == allowed.end()) {
        std::string list;
        for (auto a : allowed) list += (list.empty() ? "" : ", ") + std::string(a);
        Fail(path + "." + item.key(), "a known key (one of " + list + "), got unknown key '" + item.key() + "'");
      }
    }
    for (auto r : required) {
      if (!obj.contains(std::string(r))) Fail(path + "." + std::string(r), "a value (this key is required)");
    }
  }

  std::string String(const json& v, const std::string& path) const {
    if (!v.is_string()) Fail(path, "a string");
    return v.get<std::string>();
  }

  std::string Id(const json& v, const std::string& path) const {
    const std::string s = String(v, path);
    const bool ok = !s.empty() && s.size() <= 64 && std::all_of(s.begin(), s.end(), [](char c) {
      return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-';
    });
    if (!ok) Fail(path, "an id of 1 to 64 characters a-z, 0-9 or '-', got '" + s + "'");
    return s;
  }

  Text Translated(const json& v, const std::string& path) const {
    if (!v.is_object()) Fail(path, "an object with \"ko\" and \"en\" text");
    Keys(v, path, {"ko", "en"}, {});
    Text t;
    for (const char* lang : {"ko", "en"}) {
      const std::string sub = path + "." + lang;
      if (!v.contains(lang)) Fail(sub, std::string("a translation (missing \"") + lang + "\")");
      std::string s = String(v.at(lang), sub);
      if (s.empty()) Fail(sub, "non-empty text (the translation is empty)");
      if (s.size() > kMaxTextBytes) Fail(sub, "at most 8192 bytes of text");
      (lang[0] == 'k' ? t.ko : t.en) = std::move(s);
    }
    return t;
  }

  int64_t Integer(const json& v, const std::string& path, int64_t lo, int64_t hi) const {
    if (!v.is_number_integer()) Fail(path, "a whole number from " + std::to_string(lo) + " to " + std::to_string(hi));
    const int64_t n = v.is_number_unsigned() && v.get<uint64_t>() > static_cast<uint64_t>(INT64_MAX)
                          ? hi + 1
                          : v.get<int64_t>();
    if (n < lo || n > hi) {
      Fail(path, "a whole number from " + std::to_string(lo) + " to " + std::to_string(hi) + ", got " + v.dump());
    }
    return n;
  }

  double Number(const json& v, const std::string& path) const {
    if (!v.is_number()) Fail(path, "a number");
    const double d = v.get<double>();
    if (!std::isfinite(d)) Fail(path, "a finite number");
    return d;
  }

  bool Bool(const json& v, const std::string& path) const {
    if (!v.is_boolean()) Fail(path, "true or false");
    return v.get<bool>();
  }

  TimeUs Duration(const json& v, const std::string& path, TimeUs lo, TimeUs hi) const {
    std::optional<TimeUs> d;
    if (v.is_number_integer()) {
      const int64_t s = v.get<int64_t>();
      if (s >= 0 && s <= 86'400 * 30) d = Sec(s);
    } else if (v.is_string()) {
      d = ParseDuration(v.get<std::string>());
    }
    if (!d || *d < lo || *d > hi) {
      Fail(path, "a duration such as \"30s\", \"10m\" or \"1h\" from " + FormatDuration(lo) + " to " +
                     FormatDuration(hi) + ", got " + v.dump());
    }
    return *d;
  }

  template <class T>
  T Take(Parsed<T>&& parsed) const {
    if (!parsed.ok()) throw Reject{parsed.error};
    return std::move(*parsed.value);
  }

  const std::string& file() const { return file_; }

 private:
  std::string file_;
};

std::string At(const std::string& path, size_t i) { return path + "[" + std::to_string(i) + "]"; }

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

template <size_t N>
bool InList(const std::string_view (&list)[N], std::string_view name) {
  return std::find(std::begin(list), std::end(list), name) != std::end(list);
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

std::vector<TimedCommand> ParseActions(const Reader& r, const json& v, const std::string& path,
                                       const Config& config, TimeUs step_duration) {
  if (!v.is_array()) r.Fail(path, "an array of actions");
  std::vector<TimedCommand> out;
  for (size_t i = 0; i < v.size(); ++i) {
    auto parsed = r.Take(ParseAction(v[i], config, r.file(), At(path, i)));
    for (auto& tc : parsed) {
      if (tc.at_us > step_duration) {
        r.Fail(At(path, i) + ".at", "a time within the step's duration (" + FormatDuration(step_duration) +
                                       "), got " + FormatDuration(tc.at_us));
      }
      out.push_back(std::move(tc));
    }
  }
  std::stable_sort(out.begin(), out.end(),
                   [](const TimedCommand& a, const TimedCommand& b) { return a.at_us < b.at_us; });
  return out;
}

Goal ParseGoal(const Reader& r, const json& v, const std::string& path) {
  r.Keys(v, path, {"id", "text", "metric", "shopper", "op", "value", "mode", "for", "scope", "teaching", "points"},
         {"id", "text", "metric", "op", "value"});
  Goal g;
  g.id = r.Id(v.at("id"), path + ".id");
  g.text = r.Translated(v.at("text"), path + ".text");
  g.metric = r.String(v.at("metric"), path + ".metric");
  if (v.contains("shopper")) {
    g.shopper = r.String(v.at("shopper"), path + ".shopper");
    if (!InList(kShopperMetrics, g.metric)) {
      r.Fail(path + ".metric", "a shopper metric (carts_lost, requests, errors, orders, gave_up, stale_reads, visits), got '" +
                                   g.metric + "'");
    }
  } else if (FindMetric(g.metric) == nullptr) {
    r.Fail(path + ".metric", "a known metric name (see docs/scenario-format.md), got unknown metric '" + g.metric + "'");
  }
  const std::string op = r.String(v.at("op"), path + ".op");
  const auto parsed_op = ParseOp(op);
  if (!parsed_op) r.Fail(path + ".op", "one of <, <=, ==, !=, >=, >, got '" + op + "'");
  g.op = *parsed_op;
  g.value = r.Number(v.at("value"), path + ".value");
  if (v.contains("mode")) {
    const std::string mode = r.String(v.at("mode"), path + ".mode");
    const auto m = ParseMode(mode);
    if (!m) r.Fail(path + ".mode", "one of always, eventually, sustained, at_end, got '" + mode + "'");
    g.mode = *m;
  }
  if (g.mode == GoalMode::Sustained) {
    if (!v.contains("for")) r.Fail(path + ".for", "a duration (sustained goals need \"for\")");
    g.for_us = r.Duration(v.at("for"), path + ".for", Sec(1), Sec(86'400));
  } else if (v.contains("for")) {
    r.Fail(path + ".for", "no \"for\" unless mode is \"sustained\"");
  }
  if (v.contains("scope")) {
    const std::string scope = r.String(v.at("scope"), path + ".scope");
    if (scope != "step" && scope != "run") r.Fail(path + ".scope", "\"step\" or \"run\", got '" + scope + "'");
    g.since_step = scope == "step";
  }
  if (v.contains("teaching")) g.teaching = r.Bool(v.at("teaching"), path + ".teaching");
  if (v.contains("points")) g.points = static_cast<uint32_t>(r.Integer(v.at("points"), path + ".points", 0, 100));
  return g;
}

Question ParseQuestion(const Reader& r, const json& v, const std::string& path) {
  r.Keys(v, path, {"kind", "prompt", "choices", "answer", "explanation"},
         {"kind", "prompt", "choices", "answer", "explanation"});
  Question q;
  const std::string kind = r.String(v.at("kind"), path + ".kind");
  if (kind == "predict") {
    q.kind = QuestionKind::Predict;
  } else if (kind == "choice") {
    q.kind = QuestionKind::Choice;
  } else {
    r.Fail(path + ".kind", "\"predict\" or \"choice\", got '" + kind + "'");
  }
  q.prompt = r.Translated(v.at("prompt"), path + ".prompt");
  const json& choices = v.at("choices");
  if (!choices.is_array() || choices.size() < 2 || choices.size() > 6) {
    r.Fail(path + ".choices", "an array of 2 to 6 choices");
  }
  for (size_t i = 0; i < choices.size(); ++i) q.choices.push_back(r.Translated(choices[i], At(path + ".choices", i)));
  q.answer = static_cast<int>(r.Integer(v.at("answer"), path + ".answer", 0, static_cast<int64_t>(q.choices.size()) - 1));
  q.explanation = r.Translated(v.at("explanation"), path + ".explanation");
  return q;
}

StepControls ParseControls(const Reader& r, const json& step, const std::string& path) {
  StepControls c;
  auto names = [&](const char* key, auto& list, std::vector<std::string>& out) {
    if (!step.contains(key)) return;
    const json& v = step.at(key);
    const std::string sub = path + "." + key;
    if (v.is_string() && v.get<std::string>() == "all") {
      c.all = true;
      return;
    }
    if (!v.is_array()) r.Fail(sub, "an array of names, or \"all\"");
    for (size_t i = 0; i < v.size(); ++i) {
      const std::string name = r.String(v[i], At(sub, i));
      if (!InList(list, name)) {
        std::string known;
        for (auto k : list) known += (known.empty() ? "" : ", ") + std::string(k);
        r.Fail(At(sub, i), "a known name (" + known + "), got '" + name + "'");
      }
      out.push_back(name);
    }
  };
  names("knobs", kKnobNames, c.knobs);
  names("faults", kFaultNames, c.faults);
  return c;
}

// `config` is the stack as the earlier steps leave it (their settings and scripted settings
// applied), so an action can name what an earlier step created, such as a read replica.
LessonStep ParseStep(const Reader& r, const json& v, const std::string& path, Config& config) {
  r.Keys(v, path,
         {"id", "title", "narration", "task", "settings", "actions", "duration", "settle", "knobs", "faults", "goals",
          "hints", "question", "solution", "wrong_solutions"},
         {"id", "title", "narration", "task"});
  LessonStep s;
  s.id = r.Id(v.at("id"), path + ".id");
  s.title = r.Translated(v.at("title"), path + ".title");
  s.narration = r.Translated(v.at("narration"), path + ".narration");
  s.task = r.Translated(v.at("task"), path + ".task");
  if (v.contains("duration")) s.duration_us = r.Duration(v.at("duration"), path + ".duration", Sec(1), Sec(86'400));
  if (v.contains("settings")) s.settings = r.Take(ParseConfigPatch(v.at("settings"), r.file(), path + ".settings"));
  for (const Command& c : s.settings) ApplyToConfig(config, c);
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
    if (!wrongs.is_array()) r.Fail(wpath, "an array of wrong attempts");
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
        const std::string_view control = ControlOf(w.actions[k].command);
        if (control.empty() || !s.controls.Has(control)) {
          const std::string verb(CommandName(w.actions[k].command));
          r.Fail(At(at + ".actions", std::min(k, raw.size() - 1)) + ".do",
                 "an action through a control this step offers (its knobs and faults), got '" + verb + "'" +
                     (control.empty() ? " (no control offers it)" : " (needs '" + std::string(control) + "')"));
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
    if (!goals.is_array()) r.Fail(path + ".goals", "an array of goals");
    std::set<std::string> ids;
    for (size_t i = 0; i < goals.size(); ++i) {
      Goal g = ParseGoal(r, goals[i], At(path + ".goals", i));
      if (!ids.insert(g.id).second) r.Fail(At(path + ".goals", i) + ".id", "a goal id unique in its step, got '" + g.id + "' twice");
      s.goals.push_back(std::move(g));
    }
  }
  if (v.contains("hints")) {
    const json& hints = v.at("hints");
    if (!hints.is_array()) r.Fail(path + ".hints", "an array of translated texts");
    for (size_t i = 0; i < hints.size(); ++i) s.hints.push_back(r.Translated(hints[i], At(path + ".hints", i)));
  }
  if (v.contains("question")) s.question = ParseQuestion(r, v.at("question"), path + ".question");
  return s;
}

Lesson ParseLessonJson(const Reader& r, const json& doc) {
  r.Keys(doc, "$",
         {"id", "order", "title", "summary", "config", "steps", "graded", "sandbox", "random_faults", "sources"},
         {"id", "order", "title", "summary", "steps"});
  Lesson l;
  l.file = r.file();
  l.id = r.Id(doc.at("id"), "$.id");
  l.order = static_cast<int>(r.Integer(doc.at("order"), "$.order", 0, 999));
  l.title = r.Translated(doc.at("title"), "$.title");
  l.summary = r.Translated(doc.at("summary"), "$.summary");
  if (doc.contains("config")) l.config = r.Take(ParseConfig(doc.at("config"), Config{}, r.file(), "$.config"));
  if (doc.contains("graded")) l.graded = r.Bool(doc.at("graded"), "$.graded");
  if (doc.contains("sandbox")) l.sandbox = r.Bool(doc.at("sandbox"), "$.sandbox");

  const json& steps = doc.at("steps");
  if (!steps.is_array() || steps.empty() || steps.size() > kMaxSteps) r.Fail("$.steps", "an array of 1 to 64 steps");
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
    rf.count = static_cast<uint32_t>(r.Integer(v.at("count"), path + ".count", 1, 20));
    const json& kinds = v.at("kinds");
    if (!kinds.is_array() || kinds.empty()) r.Fail(path + ".kinds", "a non-empty array of fault names");
    for (size_t i = 0; i < kinds.size(); ++i) {
      const std::string k = r.String(kinds[i], At(path + ".kinds", i));
      if (k != "terminate_instance" && k != "fail_az" && k != "fail_cache_primary" && k != "fail_rds_primary" &&
          k != "replica_lag" && k != "traffic_spike") {
        r.Fail(At(path + ".kinds", i),
               "one of terminate_instance, fail_az, fail_cache_primary, fail_rds_primary, replica_lag, traffic_spike, got '" +
                   k + "'");
      }
      rf.kinds.push_back(k);
    }
    const TimeUs last = l.steps.back().duration_us;
    rf.from_us = r.Duration(v.at("from"), path + ".from", 0, last);
    rf.to_us = r.Duration(v.at("to"), path + ".to", rf.from_us + Sec(1), last);
    l.random_faults = rf;
  }

  if (doc.contains("sources")) {
    const json& sources = doc.at("sources");
    if (!sources.is_array() || sources.empty()) r.Fail("$.sources", "a non-empty array of sources");
    for (size_t i = 0; i < sources.size(); ++i) {
      const std::string at = At("$.sources", i);
      r.Keys(sources[i], at, {"title", "url", "checked"}, {"title", "url", "checked"});
      Source src;
      src.title = r.String(sources[i].at("title"), at + ".title");
      if (src.title.empty()) r.Fail(at + ".title", "a page title");
      src.url = r.String(sources[i].at("url"), at + ".url");
      if (src.url.rfind("https://", 0) != 0 || src.url.size() < 12) r.Fail(at + ".url", "an https:// address, got '" + src.url + "'");
      src.checked = r.String(sources[i].at("checked"), at + ".checked");
      const std::string& d = src.checked;
      const bool date = d.size() == 10 && d[4] == '-' && d[7] == '-' &&
                        std::all_of(d.begin(), d.end(), [](char c) { return c == '-' || (c >= '0' && c <= '9'); });
      if (!date) r.Fail(at + ".checked", "a date as YYYY-MM-DD, got '" + d + "'");
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
               "a shopper that the lesson's actions name, got unknown shopper '" + goal.shopper + "'");
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

std::span<const std::string_view> KnobNames() { return kKnobNames; }

std::string_view ControlOf(const Command& command) {
  return std::visit(
      Overloaded{
          [](const SetStickiness&) -> std::string_view { return "stickiness"; },
          [](const SetRouting&) -> std::string_view { return "routing"; },
          [](const SetSessionStrategy&) -> std::string_view { return "session_strategy"; },
          [](const SetSessionStore&) -> std::string_view { return "session_store"; },
          [](const SetCookieSigning&) -> std::string_view { return "cookie_signing"; },
          [](const SetCacheMode&) -> std::string_view { return "cache_mode"; },
          [](const SetCacheTtl&) -> std::string_view { return "cache_ttl"; },
          [](const SetCacheInvalidation&) -> std::string_view { return "cache_invalidation"; },
          [](const SetCacheMultiAz&) -> std::string_view { return "cache_multi_az"; },
          [](const SetReplicaCount&) -> std::string_view { return "replica_count"; },
          [](const SetReplicaLag&) -> std::string_view { return "replica_lag"; },
          [](const SetReadRouting&) -> std::string_view { return "read_routing"; },
          [](const SetRdsMultiAz&) -> std::string_view { return "rds_multi_az"; },
          [](const SetSgRule&) -> std::string_view { return "security_groups"; },
          [](const RemoveSgRule&) -> std::string_view { return "security_groups"; },
          [](const SetSgRules&) -> std::string_view { return "security_groups"; },
          [](const SetAsgCapacity&) -> std::string_view { return "asg_capacity"; },
          [](const SetTargetTracking&) -> std::string_view { return "target_tracking"; },
          [](const SetShopperCount&) -> std::string_view { return "shoppers"; },
          [](const TerminateInstance&) -> std::string_view { return "terminate_instance"; },
          [](const FailAz&) -> std::string_view { return "fail_az"; },
          [](const RestoreAz&) -> std::string_view { return "restore_az"; },
          [](const FailCachePrimary&) -> std::string_view { return "fail_cache_primary"; },
          [](const RestoreCache&) -> std::string_view { return "restore_cache"; },
          [](const FailRdsPrimary&) -> std::string_view { return "fail_rds_primary"; },
          [](const RestoreRds&) -> std::string_view { return "restore_rds"; },
          [](const AddReplicaLag&) -> std::string_view { return "replica_lag"; },
          [](const TrafficSpike&) -> std::string_view { return "traffic_spike"; },
          [](const AttackerConnect&) -> std::string_view { return "attacker"; },
          [](const TamperCookie&) -> std::string_view { return "tamper_cookie"; },
          [](const ShopperAction&) -> std::string_view { return "shopper"; },
          [](const ShopperNewVisit&) -> std::string_view { return "shopper"; },
          [](const auto&) -> std::string_view { return ""; },
      },
      command);
}

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
std::span<const std::string_view> FaultNames() { return kFaultNames; }

bool StepControls::Has(std::string_view name) const {
  return all || std::find(knobs.begin(), knobs.end(), name) != knobs.end() ||
         std::find(faults.begin(), faults.end(), name) != faults.end();
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
  Parsed<Lesson> out;
  const json doc = json::parse(text.begin(), text.end(), nullptr, false);
  if (doc.is_discarded()) {
    out.error = ValidationError{std::string(file), "$", "valid JSON (the file does not parse)"};
    return out;
  }
  try {
    Reader reader(file);
    out.value = ParseLessonJson(reader, doc);
  } catch (const Reject& reject) {
    out.error = reject.error;
  } catch (const std::exception& e) {  // a type error deep in nlohmann: still a clean rejection
    out.error = ValidationError{std::string(file), "$", std::string("a well-formed lesson (") + e.what() + ")"};
  }
  return out;
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
    // glossary.json sits beside the lessons (one data dir) but is not a lesson.
    if (it->path().extension() == ".json" && it->path().filename() != "glossary.json") files.push_back(it->path().string());
  }
  if (ec) {
    if (errors != nullptr) errors->push_back(ValidationError{dir, "", "a readable lesson directory (" + ec.message() + ")"});
    return {};
  }
  std::sort(files.begin(), files.end());
  return files;
}

Parsed<Lesson> LoadLessonFile(const std::string& file) {
  namespace fs = std::filesystem;
  const fs::path path(file);
  // Messages name the file as "<dir>/<file>" (e.g. lessons/caching.json): short and findable.
  const std::string name = (path.parent_path().filename() / path.filename()).string();
  const std::optional<std::string> text = ReadTextFile(file);
  if (!text) {
    Parsed<Lesson> out;
    out.error = ValidationError{name, "$", "a readable file"};
    return out;
  }
  return ParseLesson(*text, name);
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
