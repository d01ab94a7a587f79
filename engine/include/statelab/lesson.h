// Lessons: bilingual JSON data (lessons/*.json) loaded, validated and run by the engine, so the
// app, the CLI and the tests share one path. A lesson is a sequence of steps; each step can change
// settings, script actions and faults, offer knobs and faults to the learner, and set goals that
// are checked over the whole step, not only at its end. The format is documented in
// docs/lesson-format.md; adding a lesson needs no C++.
//
// Index
//   [SECTION] Data         Text, Goal, Question, LessonStep, Lesson
//   [SECTION] Loading      ParseLesson, LoadLessons
//   [SECTION] Running      LessonRun (one lesson on one Sim, step by step)
//   [SECTION] Headless     RunLessonHeadless (the CLI's --lesson and the tests)
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "statelab/commands.h"
#include "statelab/comparison.h"
#include "statelab/config.h"
#include "statelab/controls.h"
#include "statelab/explain.h"
#include "statelab/metrics.h"
#include "statelab/scenario.h"
#include "statelab/schedule.h"
#include "statelab/types.h"

namespace sim {

class Sim;
struct RunLog;

// [SECTION] Data
enum class Lang : uint8_t { Ko, En };
std::string_view Name(Lang lang);  // "ko", "en"

struct Text {
  std::string ko;
  std::string en;
  const std::string& In(Lang lang) const { return lang == Lang::Ko ? ko : en; }
};

enum class CompareOp : uint8_t { Lt, Le, Eq, Ne, Ge, Gt };
std::string_view Name(CompareOp op);  // "<", "<=", ...
// How a goal is judged over a step:
//   Always:     true at every check from the step's start to its end ("no cart lost").
//   Eventually: true at some check ("a cart is lost").
//   Sustained:  true at every check for `for_us` in a row ("p99 < 50 ms for 60 s").
//   AtEnd:      true at the step's end.
enum class GoalMode : uint8_t { Always, Eventually, Sustained, AtEnd };
std::string_view Name(GoalMode mode);

// A scripted shopper's own counters a goal with "shopper" may read.
enum class ShopperMetric : uint8_t { CartsLost, Requests, Errors, Orders, GaveUp, StaleReads, Visits };
inline constexpr size_t kShopperMetricCount = static_cast<size_t>(ShopperMetric::Visits) + 1;
std::string_view Name(ShopperMetric metric);
std::optional<ShopperMetric> ShopperMetricNamed(std::string_view name);
const std::array<ShopperMetric, kShopperMetricCount>& AllShopperMetrics();

// Which run a goal reads. Run: the lesson's one run (every step but a comparison). In a comparison
// step: side A (the twin), side B (the learner's run, which goes on), or A's value less B's (counts
// from the step's start on each side, so "A lost 40 more carts than B" is one goal).
enum class GoalSide : uint8_t { Run, A, B, AMinusB };
std::string_view Name(GoalSide side);  // "run", "a", "b", "a_minus_b"

struct Goal {
  std::string id;
  Text text;
  std::string metric;     // as written: a name from MetricTable(), or a shopper metric (see shopper)
  std::string shopper;    // non-empty: the metric is this scripted shopper's (carts_lost, ...)
  Metric metric_id = Metric::TimeS;                        // resolved at load (no shopper)
  ShopperMetric shopper_metric = ShopperMetric::CartsLost;  // resolved at load (with a shopper)
  CompareOp op = CompareOp::Eq;
  double value = 0;
  GoalMode mode = GoalMode::Always;
  TimeUs for_us = 0;      // Sustained only
  bool since_step = true; // counters count from the step's start, not from the run's
  bool teaching = false;  // the goal the do-nothing run must fail
  uint32_t points = 1;    // weight in a graded lesson
  GoalSide side = GoalSide::Run;
};

enum class QuestionKind : uint8_t { Predict, Choice };
struct Question {
  QuestionKind kind = QuestionKind::Choice;
  Text prompt;
  std::vector<Text> choices;
  int answer = 0;  // index into choices
  Text explanation;
};

// A plausible wrong attempt at a step, made only of controls the step offers. The tests require
// it to fail its step; the app names it (with `why`) when the learner's design matches it.
struct WrongSolution {
  std::string id;  // unique in the lesson
  Text why;        // one line: why this design misses the step's point
  std::vector<TimedCommand> actions;
};


// The values the app's controls offer, so a reference or wrong attempt is something a learner can
// really click (the loader checks learner actions against them; the knobs draw from them).
inline constexpr int64_t kCacheTtlChoicesS[] = {10, 30, 60, 300, 3600};
inline constexpr int64_t kReplicaLagChoicesMs[] = {50, 1000, 5000, 30'000};
inline constexpr uint32_t kShopperSliderMin = 100, kShopperSliderMax = 5000, kShopperSliderStep = 100;
inline constexpr uint32_t kAsgDesiredMin = 1, kAsgDesiredMax = 12;
// Empty when a learner can issue `command` with the app's controls; else what they offer.
std::string LearnerCanIssue(const Command& command);

// A step that compares: when it starts, the run forks into two (comparison.h) that differ in these
// settings. B is the learner's side: the learner's knobs change it, and it goes on into the next
// step. A is its twin for this step only; faults and scripted actions reach both.
struct CompareSide {
  Text label;                     // "Sessions in memory"
  std::vector<Command> settings;  // applied to this side only, on top of the step's settings
};
struct CompareSpec {
  CompareSide a;
  CompareSide b;
  std::vector<Metric> summary;  // shown after kSummaryMetrics in the difference line
};

struct LessonStep {
  std::string id;
  Text title;
  Text narration;
  Text task;                          // what the learner is asked to do
  std::vector<Command> settings;      // applied when the step starts
  std::vector<TimedCommand> actions;  // scripted, at times relative to the step's start
  TimeUs duration_us = Sec(60);       // how long the step runs headless, and the goal window
  StepControls controls;
  std::vector<Goal> goals;
  std::vector<Text> hints;
  std::optional<Question> question;
  std::vector<TimedCommand> solution;  // the learner's actions in the reference solution
  std::vector<WrongSolution> wrong_solutions;
  TimeUs settle_us = 0;  // goals are not judged this long after the step starts; counters count from then
  std::optional<CompareSpec> compare;  // a comparison step: two runs side by side
};

// An AWS documentation page a lesson's facts come from, and the day it was checked.
struct Source {
  std::string title;
  std::string url;
  std::string checked;  // YYYY-MM-DD
};

// Seeded hidden faults for a challenge: `count` faults of the given kinds at random times in
// [from_us, to_us) of the step they belong to, drawn from the run's seed.
struct RandomFaults {
  uint32_t count = 0;
  std::vector<Fault> kinds;  // each one for which IsRandomFault holds
  TimeUs from_us = 0;
  TimeUs to_us = 0;
};
// How long a hidden fault of this kind keeps its part of the stack out, and the pause after it
// before the next one strikes (so restored nodes catch up and the learner sees it). The loader
// refuses a window too short for `count` of the longest kind; the runner spaces them so.
TimeUs RandomFaultOutage(Fault kind);
// The faults a challenge can draw at random: the ones that strike without the learner's hand.
bool IsRandomFault(Fault fault);
inline constexpr TimeUs kRandomFaultGapUs = Sec(20);

struct Lesson {
  std::string id;
  std::string file;
  int order = 0;
  Text title;
  Text summary;
  Config config;             // the stack the lesson starts from
  std::vector<LessonStep> steps;
  bool graded = false;       // the final challenge: a grade from goal points
  bool sandbox = false;      // no goals; every control
  std::optional<RandomFaults> random_faults;  // applied to the last step
  std::vector<Source> sources;
  // The wrong attempt with this id, and the index of its step; nullptr when none.
  const WrongSolution* FindWrong(std::string_view id, int* step) const;
};

// [SECTION] Loading
// Rejects bad JSON, unknown keys, wrong types, a missing translation, a goal naming an unknown
// metric, a step naming an unknown component (instance, AZ, replica, shopper) and unknown knobs.
Parsed<Lesson> ParseLesson(std::string_view text, std::string_view file);

struct LessonSet {
  std::vector<Lesson> lessons;          // the good ones, by order then id
  std::vector<ValidationError> errors;  // one per rejected file
  const Lesson* Find(std::string_view id) const;
};
// Loads every *.json in dir (sorted by name); a bad file is reported and skipped.
LessonSet LoadLessons(const std::string& dir);
// The pieces of LoadLessons, for a caller that wants one lesson before the rest: the *.json
// paths in dir sorted by name (an unreadable dir is an error naming it), and one file parsed.
std::vector<std::string> ListLessonFiles(const std::string& dir, std::vector<ValidationError>* errors);
Parsed<Lesson> LoadLessonFile(const std::string& path);

// A scenario file as a lesson of one step with no goals (a sandbox): the scenario's config, its
// actions as the step's scripted actions, its duration as the step's. LessonRun then plays it tick
// for tick as RunScenario does (the same trace hash), so a scenario run is logged, shared as a link
// and replayed like a lesson's. `id` names it in run links (the file name without .json).
Lesson LessonOfScenario(const Scenario& scenario, std::string id);

// [SECTION] Running
enum class GoalState : uint8_t { Pending, Passing, Met, Failed };
std::string_view Name(GoalState state);

struct GoalProgress {
  GoalState state = GoalState::Pending;
  double value = 0;         // the metric's latest value, as the goal sees it
  TimeUs held_since_us = -1;  // Sustained: start of the current run of true checks
};

// One lesson on one Sim. The app and the headless runner both drive it: start a step, feed the
// learner's commands, advance; goals are checked after every simulated second.
class LessonRun {
 public:
  LessonRun(const Lesson& lesson, uint64_t seed);
  ~LessonRun();
  // A copy is the same run at the same moment, with its own Sim: both go on identically (the
  // timeline keeps copies to rewind to).
  LessonRun(const LessonRun& other);
  LessonRun& operator=(const LessonRun&) = delete;

  const Lesson& lesson() const { return *lesson_; }
  const Sim& sim() const { return *sim_; }
  uint64_t seed() const { return seed_; }
  int step_index() const { return step_; }
  const LessonStep& step() const;
  TimeUs step_elapsed_us() const;
  const std::vector<GoalProgress>& goals() const { return goals_; }
  // Goal `index`'s metric as the goal reads it right now (counters from the step's start); the
  // progress value is the one of the last check, a second ago or, before any, 0.
  double LiveGoalValue(size_t index) const { return GoalValue(index); }
  bool StepPassed() const;  // every goal met (Always goals: after the full duration)
  bool StepFailed() const;  // some goal can no longer be met in this step

  // Starts step `index` on the running Sim: applies its settings and schedules its actions.
  void StartStep(int index);
  // Adds the step's reference solution (the learner's actions) to its schedule.
  void QueueSolution();
  // Adds actions at times relative to the step's start, as the learner's (a wrong attempt): each is
  // applied at its tick as a learner's click would be (before the step's scripted actions of that
  // tick, like Apply), until the step changes.
  void QueueLearnerActions(const std::vector<TimedCommand>& actions);
  // From now on, appends to `log` (nullptr: stop) every step started and every learner command,
  // applied (Apply) or queued (QueueLearnerActions) as it reaches the Sim, with its tick, so the run
  // can be replayed with ReplayRunLog or shared as a link.
  void RecordInto(RunLog* log) { record_ = log; }
  // Runs the current step until it passes or its duration ends, whichever is first: a learner who
  // moves on the moment a step passes. Returns whether it passed.
  bool PlayStep();
  // Opens step `index` of a fresh run along the natural path: each earlier step plays its
  // reference solution and the next starts the moment it passes, as in the app when the learner
  // clicks Next at once. A link to step 3 shows the stack as steps 0-2 left it. Deterministic.
  void StartAt(int index);
  // A learner's command (a knob or a fault), applied at the next tick. While comparing, a setting
  // changes side B only (this run's Sim) and a fault reaches both sides (OnBothSides).
  void Apply(Command command);
  // [SECTION] Comparing (comparison.h). A comparison step forks the run into two when it starts and
  // ends the twin when the next step starts. Any other step (the sandbox) can fork on request.
  const Comparison* comparison() const { return compare_.get(); }
  // What a copy of this run holds: its Sim, and the twin's while comparing (the timeline's budget).
  size_t MemoryBytes() const;
  // Forks the run now: side A keeps the stack as it is, this run (side B) takes the learner's
  // changes from here. Does nothing while already comparing.
  void StartComparison();
  // Compares with `other` (an older branch of this run, played on to this moment).
  void CompareWith(std::unique_ptr<Comparison> other) { compare_ = std::move(other); }
  // Ends a comparison the learner opened; a comparison step's own lasts until the step ends.
  void StopComparison();
  // The difference line, from the model's counters since the fork: kSummaryMetrics, then the
  // step's own (CompareSpec::summary). Empty rows when not comparing.
  Difference ComparisonSummary() const;
  void Advance(TimeUs duration_us);  // in whole ticks, checking goals each simulated second
  void Tick();
  // True while the step's settle time runs: goals wait for the stack to recover.
  bool Settling() const { return step_elapsed_us() < step().settle_us; }
  // The stack's settings as the learner has set them in this step (queued commands included, so
  // a paused click shows at once), starting from the step's own settings.
  const Config& learner_config() const { return learner_config_; }
  // The wrong attempt of this step whose design the learner's settings equal; -1 when none. A wrong
  // attempt made only of faults (no setting) never matches.
  int MatchingWrongSolution() const;

  // The grade of a graded lesson, the one place it is computed (the app, the CLI and the tests
  // read it). Points count over the whole lesson: steps already left keep what they earned.
  struct Grading {
    uint32_t points_met = 0;  // goals met so far, every step
    uint32_t points_max = 0;  // every goal of the lesson
    uint32_t holding = 0;     // this step's goals not failed (pending, passing or met)
    uint32_t goals = 0;       // this step's goals
    bool decided = false;     // every goal of this step is met or failed
    std::string letter;       // Grade(points_met, points_max)
  };
  Grading Grade() const;
  // Scripted actions still to come in this step, hidden faults included.
  size_t pending_actions() const { return schedule_.pending(); }
  // "What happened" in this step so far (explain.h).
  Story StepStory(size_t max_lines = kMaxStoryLines) const { return story_.Current(*sim_, max_lines); }

 private:
  void CheckGoals(bool at_end);
  void EnqueueLearner(Command command);  // onto the Sim, noted in the RecordInto log
  void TakeBaselines();
  uint32_t BankedPoints(int except_step) const;  // points of the steps left, but one
  double RawValue(const Goal& goal) const;
  double RawValueOn(const Sim& sim, const Goal& goal) const;
  double GoalValue(size_t index) const;

  const Lesson* lesson_;
  uint64_t seed_;
  std::unique_ptr<Sim> sim_;
  std::unique_ptr<Comparison> compare_;  // side A while comparing (sim_ is side B)
  int step_ = -1;
  TimeUs step_start_us_ = 0;
  TimeUs last_check_us_ = 0;
  bool end_checked_ = false;
  CommandSchedule schedule_;  // this step's actions, absolute times
  CommandSchedule learner_;   // this step's queued learner actions (QueueLearnerActions), absolute times
  RunLog* record_ = nullptr;  // RecordInto
  std::vector<GoalProgress> goals_;
  std::vector<double> baseline_;  // counter values at the step's start (or the end of its settle time)
  bool baselined_ = false;        // baseline_ taken (settle time over)
  std::vector<uint32_t> step_points_;  // points met in each step, as it was left
  Config step_config_;            // the settings the step starts from (its own settings applied)
  Config learner_config_;         // step_config_ plus the learner's setting commands
  std::vector<Config> wrong_configs_;  // step_config_ plus each wrong attempt's settings
  StoryRecorder story_;           // this step's causes and effects
};

// [SECTION] Headless
struct GoalResult {
  int step = 0;
  std::string step_id;
  std::string goal_id;
  bool teaching = false;
  bool passed = false;
  uint32_t points = 1;
  double value = 0;
  std::string description;  // the goal in English, with the value seen
};
// A comparison step as it ended: each side's trace hash and the difference line.
struct StepComparison {
  int step = 0;
  uint64_t a_trace_hash = 0;
  uint64_t b_trace_hash = 0;
  Difference summary;
};
struct LessonResult {
  std::string lesson;
  bool passed = false;  // every goal passed
  std::vector<GoalResult> goals;
  uint32_t points = 0;
  uint32_t points_max = 0;
  std::string grade;  // graded lessons: "A".."F"; else empty
  std::vector<int> steps_passed;  // index of each step that passed
  std::vector<StepComparison> comparisons;  // one per comparison step, in order
  uint64_t trace_hash = 0;
  TimeUs simulated_us = 0;
  std::vector<Story> stories;  // each step's "what happened", as it ended
};
// The grade of a graded lesson from the goal points met: A >= 90 %, B >= 75 %, C >= 60 %,
// D >= 40 %, else F; empty when max is 0.
std::string Grade(uint32_t points, uint32_t max);

// Plays the lesson along the natural path: each step runs until it passes or its duration ends,
// and the next starts at once, as a learner who clicks Next the moment a step passes. With the
// reference solution (with_solution) or with no learner action at all; `wrong_id` names a wrong
// attempt played instead of its step's solution (the other steps play their solutions). A step
// that fails is played to its end. Goals are judged as in the app.
// With `log`, it also receives the run as a RunLog (start step 0, the seed, each step change and
// learner action with its tick): ReplayRunLog(lesson, *log, simulated_us / kTickUs) gives the same
// trace hash.
LessonResult RunLessonHeadless(const Lesson& lesson, uint64_t seed, bool with_solution,
                               std::string_view wrong_id = {}, RunLog* log = nullptr);

}  // namespace sim
