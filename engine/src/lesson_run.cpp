// Running a lesson: one Sim, steps started in order, scripted actions fed at their times, goals
// judged after every simulated second. The app and the headless runner share this code, so a
// goal means the same thing in the browser, in the CLI and in the tests.
#include <algorithm>
#include <cmath>
#include <cstdio>

#include "statelab/lesson.h"
#include "statelab/metrics.h"
#include "statelab/random.h"
#include "statelab/run_log.h"
#include "statelab/sim.h"

namespace sim {

namespace {

bool Compare(double a, CompareOp op, double b) {
  switch (op) {
    case CompareOp::Lt: return a < b;
    case CompareOp::Le: return a <= b;
    case CompareOp::Eq: return a == b;
    case CompareOp::Ne: return a != b;
    case CompareOp::Ge: return a >= b;
    case CompareOp::Gt: return a > b;
  }
  return false;
}

// Counters grow over the run; a step's goal on a counter counts from the step's start.
bool IsCounter(const Goal& goal) { return !goal.shopper.empty() || IsRunningCount(InfoOf(goal.metric_id)); }

constexpr std::string_view kShopperMetricNames[] = {
    "carts_lost", "requests", "errors", "orders", "gave_up", "stale_reads", "visits",
};
static_assert(std::size(kShopperMetricNames) == kShopperMetricCount, "one name per ShopperMetric");
constexpr auto kAllShopperMetrics = [] {
  std::array<ShopperMetric, kShopperMetricCount> all{};
  for (size_t i = 0; i < all.size(); ++i) all[i] = static_cast<ShopperMetric>(i);
  return all;
}();

double ReadShopperMetric(const Shopper& s, ShopperMetric metric) {
  const ShopperStats& st = s.stats;
  switch (metric) {
    case ShopperMetric::CartsLost: return st.carts_lost;
    case ShopperMetric::Requests: return st.requests;
    case ShopperMetric::Errors: return st.errors;
    case ShopperMetric::Orders: return st.orders;
    case ShopperMetric::GaveUp: return st.gave_up;
    case ShopperMetric::StaleReads: return st.stale_reads;
    case ShopperMetric::Visits: return st.visits;
  }
  return 0;
}

// The hidden faults of a challenge, drawn from the seed when the step starts. They strike one at
// a time: each starts after the one before has ended, at a random point of the slack left in
// [from, to). Two faults at once (an AZ outage, then the cache replica that took over) is a double
// failure no Multi-AZ setup promises to survive, so the grade would reward luck, not the stack.
std::vector<TimedCommand> DrawRandomFaults(const RandomFaults& rf, uint64_t seed, const Sim& sim, TimeUs start_us) {
  Rng rng(seed ^ 0x5eed'fa17'5eed'fa17ull);
  std::vector<InstanceId> in_service;
  for (const Instance& i : sim.instances()) {
    if (i.state == InstanceState::InService) in_service.push_back(i.id);
  }
  std::vector<Fault> kinds;
  TimeUs busy_us = 0;  // the outages that must end before the last fault starts
  for (uint32_t n = 0; n < rf.count; ++n) {
    kinds.push_back(rf.kinds[rng.Below(static_cast<uint32_t>(rf.kinds.size()))]);
    if (n + 1 < rf.count) busy_us += RandomFaultOutage(kinds.back()) + kRandomFaultGapUs;
  }
  const TimeUs slack_us = std::max<TimeUs>(0, rf.to_us - rf.from_us - busy_us);
  std::vector<TimeUs> offsets;
  for (size_t n = 0; n < kinds.size(); ++n) offsets.push_back(rng.Between(0, std::max<TimeUs>(0, slack_us - 1)));
  std::sort(offsets.begin(), offsets.end());

  std::vector<TimedCommand> out;
  TimeUs ended_us = 0;  // the outages so far
  for (size_t n = 0; n < kinds.size(); ++n) {
    const Fault kind = kinds[n];
    const TimeUs at = (start_us + rf.from_us + offsets[n] + ended_us) / kTickUs * kTickUs;
    ended_us += RandomFaultOutage(kind) + kRandomFaultGapUs;
    switch (kind) {
      case Fault::TerminateInstance:
        if (!in_service.empty()) {
          out.push_back({at, TerminateInstance{in_service[rng.Below(static_cast<uint32_t>(in_service.size()))]}});
        }
        break;
      case Fault::FailAz: {
        const Az az = AzAt(static_cast<int>(rng.Below(kAzCount)));
        out.push_back({at, FailAz{az}});
        out.push_back({at + RandomFaultOutage(kind), RestoreAz{az}});
        break;
      }
      case Fault::FailCachePrimary:
        out.push_back({at, FailCachePrimary{}});
        out.push_back({at + RandomFaultOutage(kind), RestoreCache{}});
        break;
      case Fault::FailRdsPrimary: out.push_back({at, FailRdsPrimary{}}); break;
      case Fault::ReplicaLag: out.push_back({at, AddReplicaLag{-1, 30'000, 120}}); break;
      case Fault::TrafficSpike: out.push_back({at, TrafficSpike{300, 120}}); break;
      case Fault::RestoreAz:
      case Fault::RestoreCache:
      case Fault::RestoreRds:
      case Fault::Attacker:
      case Fault::TamperCookie:
      case Fault::Shopper: break;  // not random faults (the loader refuses them)
    }
  }
  return out;
}

}  // namespace

std::string_view Name(ShopperMetric metric) { return kShopperMetricNames[static_cast<size_t>(metric)]; }

std::optional<ShopperMetric> ShopperMetricNamed(std::string_view name) {
  for (ShopperMetric m : kAllShopperMetrics) {
    if (Name(m) == name) return m;
  }
  return std::nullopt;
}

const std::array<ShopperMetric, kShopperMetricCount>& AllShopperMetrics() { return kAllShopperMetrics; }

// The restore it schedules, or the time the stack needs to recover from it.
TimeUs RandomFaultOutage(Fault kind) {
  if (kind == Fault::FailAz) return Sec(180);
  if (kind == Fault::TerminateInstance) return Sec(60);
  return Sec(120);  // cache primary, RDS failover, replica lag, traffic spike
}

bool IsRandomFault(Fault fault) {
  switch (fault) {
    case Fault::TerminateInstance:
    case Fault::FailAz:
    case Fault::FailCachePrimary:
    case Fault::FailRdsPrimary:
    case Fault::ReplicaLag:
    case Fault::TrafficSpike: return true;
    case Fault::RestoreAz:
    case Fault::RestoreCache:
    case Fault::RestoreRds:
    case Fault::Attacker:
    case Fault::TamperCookie:
    case Fault::Shopper: return false;
  }
  return false;
}

std::string_view Name(GoalState state) {
  switch (state) {
    case GoalState::Pending: return "pending";
    case GoalState::Passing: return "passing";
    case GoalState::Met: return "met";
    case GoalState::Failed: return "failed";
  }
  return "?";
}

LessonRun::LessonRun(const Lesson& lesson, uint64_t seed)
    : lesson_(&lesson), seed_(seed), step_points_(lesson.steps.size(), 0) {
  Config config = lesson.config;
  config.seed = seed;
  sim_ = std::make_unique<Sim>(config);
}

LessonRun::LessonRun(const LessonRun& o)
    : lesson_(o.lesson_),
      seed_(o.seed_),
      sim_(std::make_unique<Sim>(*o.sim_)),
      compare_(o.compare_ ? std::make_unique<Comparison>(*o.compare_) : nullptr),
      step_(o.step_),
      step_start_us_(o.step_start_us_),
      last_check_us_(o.last_check_us_),
      end_checked_(o.end_checked_),
      schedule_(o.schedule_),
      goals_(o.goals_),
      baseline_(o.baseline_),
      baselined_(o.baselined_),
      step_points_(o.step_points_),
      step_config_(o.step_config_),
      learner_config_(o.learner_config_),
      wrong_configs_(o.wrong_configs_),
      story_(o.story_) {}

LessonRun::~LessonRun() = default;

const LessonStep& LessonRun::step() const { return lesson_->steps[static_cast<size_t>(std::max(step_, 0))]; }

TimeUs LessonRun::step_elapsed_us() const { return sim_->now_us() - step_start_us_; }

bool LessonRun::StepPassed() const {
  return std::all_of(goals_.begin(), goals_.end(), [](const GoalProgress& g) { return g.state == GoalState::Met; });
}

bool LessonRun::StepFailed() const {
  return std::any_of(goals_.begin(), goals_.end(), [](const GoalProgress& g) { return g.state == GoalState::Failed; });
}

void LessonRun::StartStep(int index) {
  if (step_ >= 0) step_points_[static_cast<size_t>(step_)] = Grade().points_met - BankedPoints(step_);
  step_ = std::clamp(index, 0, static_cast<int>(lesson_->steps.size()) - 1);
  if (record_ != nullptr) record_->entries.push_back({sim_->now_us() / kTickUs, StepStarted{step_}});
  const LessonStep& s = step();
  step_start_us_ = sim_->now_us();
  last_check_us_ = step_start_us_;
  end_checked_ = false;
  for (const Command& c : s.settings) sim_->Enqueue(c);
  compare_.reset();
  if (s.compare) {
    compare_ = std::make_unique<Comparison>(*sim_);  // the step's settings are queued on both
    for (const Command& c : s.compare->a.settings) compare_->a().Enqueue(c);
    for (const Command& c : s.compare->b.settings) sim_->Enqueue(c);
  }
  schedule_.Clear();
  learner_.Clear();
  for (const TimedCommand& tc : s.actions) schedule_.Add(step_start_us_ + tc.at_us, tc.command);
  if (lesson_->random_faults && step_ == static_cast<int>(lesson_->steps.size()) - 1) {
    for (auto& tc : DrawRandomFaults(*lesson_->random_faults, seed_, *sim_, step_start_us_)) schedule_.Add(tc.at_us, std::move(tc.command));
  }
  goals_.assign(s.goals.size(), GoalProgress{});
  baseline_.assign(s.goals.size(), 0.0);
  baselined_ = false;
  TakeBaselines();
  step_config_ = sim_->config();
  for (const Command& c : s.settings) ApplyToConfig(step_config_, c);
  if (s.compare) {
    for (const Command& c : s.compare->b.settings) ApplyToConfig(step_config_, c);
  }
  learner_config_ = step_config_;
  wrong_configs_.clear();
  for (const WrongSolution& w : s.wrong_solutions) {
    Config c = step_config_;
    for (const TimedCommand& tc : w.actions) ApplyToConfig(c, tc.command);
    wrong_configs_.push_back(std::move(c));
  }
  story_.Begin(*sim_, static_cast<uint32_t>(std::count_if(s.settings.begin(), s.settings.end(), IsSetting)));
}

// Counters count from the step's start, or from the end of its settle time.
void LessonRun::TakeBaselines() {
  if (baselined_ || Settling()) return;
  baselined_ = true;
  const LessonStep& s = step();
  if (s.compare && compare_) compare_->Rebase(*sim_);  // the difference line counts as the goals do
  for (size_t i = 0; i < s.goals.size(); ++i) {
    if (s.goals[i].since_step && IsCounter(s.goals[i])) baseline_[i] = RawValue(s.goals[i]);
  }
}

void LessonRun::QueueSolution() { QueueLearnerActions(step().solution); }

void LessonRun::QueueLearnerActions(const std::vector<TimedCommand>& actions) {
  for (const TimedCommand& tc : actions) {
    learner_.Add(step_start_us_ + tc.at_us, tc.command);
    ApplyToConfig(learner_config_, tc.command);
  }
}

uint32_t LessonRun::BankedPoints(int except_step) const {
  uint32_t sum = 0;
  for (size_t i = 0; i < step_points_.size(); ++i) {
    if (static_cast<int>(i) != except_step) sum += step_points_[i];
  }
  return sum;
}

LessonRun::Grading LessonRun::Grade() const {
  Grading g;
  for (const LessonStep& s : lesson_->steps) {
    for (const Goal& goal : s.goals) g.points_max += goal.points;
  }
  g.points_met = BankedPoints(step_);
  if (step_ >= 0) {
    const LessonStep& s = step();
    g.goals = static_cast<uint32_t>(s.goals.size());
    g.decided = true;
    for (size_t i = 0; i < s.goals.size() && i < goals_.size(); ++i) {
      if (goals_[i].state == GoalState::Met) g.points_met += s.goals[i].points;
      if (goals_[i].state != GoalState::Failed) ++g.holding;
      if (goals_[i].state != GoalState::Met && goals_[i].state != GoalState::Failed) g.decided = false;
    }
  }
  g.letter = sim::Grade(g.points_met, g.points_max);
  return g;
}

int LessonRun::MatchingWrongSolution() const {
  const LessonStep& s = step();
  for (size_t i = 0; i < s.wrong_solutions.size() && i < wrong_configs_.size(); ++i) {
    const auto& actions = s.wrong_solutions[i].actions;
    const bool has_setting =
        std::any_of(actions.begin(), actions.end(), [](const TimedCommand& tc) { return IsSetting(tc.command); });
    if (has_setting && learner_config_ == wrong_configs_[i]) return static_cast<int>(i);
  }
  return -1;
}

bool LessonRun::PlayStep() {
  // A step with no goals is watched to its end; the others end the moment they pass.
  const bool watch = step().goals.empty();
  while (step_elapsed_us() < step().duration_us && (watch || !StepPassed())) Tick();
  return StepPassed();
}

void LessonRun::StartAt(int index) {
  index = std::clamp(index, 0, static_cast<int>(lesson_->steps.size()) - 1);
  for (int k = 0; k < index; ++k) {
    StartStep(k);
    QueueSolution();
    PlayStep();
  }
  StartStep(index);
}

void LessonRun::Apply(Command command) {
  ApplyToConfig(learner_config_, command);
  EnqueueLearner(std::move(command));
}

void LessonRun::EnqueueLearner(Command command) {
  if (record_ != nullptr) record_->entries.push_back({sim_->now_us() / kTickUs, command});
  if (compare_ && OnBothSides(command)) compare_->a().Enqueue(command);
  sim_->Enqueue(std::move(command));
}

size_t LessonRun::MemoryBytes() const { return sim_->MemoryBytes() + (compare_ ? compare_->a().MemoryBytes() : 0); }

void LessonRun::StartComparison() {
  if (!compare_) compare_ = std::make_unique<Comparison>(*sim_);
}

void LessonRun::StopComparison() {
  if (!step().compare) compare_.reset();
}

Difference LessonRun::ComparisonSummary() const {
  if (!compare_) return {};
  const LessonStep& s = step();
  return compare_->Summary(*sim_, s.compare ? std::span<const Metric>(s.compare->summary) : std::span<const Metric>{});
}

void LessonRun::Tick() {
  // learner_config_ has these since QueueLearnerActions
  learner_.TakeDue(sim_->now_us(), [this](const Command& c) { EnqueueLearner(c); });
  if (compare_) compare_->FeedScript();
  schedule_.TakeDue(sim_->now_us(), [this](const Command& c) {
    if (compare_) compare_->a().Enqueue(c);
    sim_->Enqueue(c);
  });
  if (compare_) compare_->StepA();
  sim_->Step();
  story_.Observe(*sim_);
  TakeBaselines();
  if (sim_->now_us() - last_check_us_ >= kUsPerS) {
    last_check_us_ = sim_->now_us();
    if (!Settling()) CheckGoals(false);
  }
  if (!end_checked_ && step_elapsed_us() >= step().duration_us) {
    end_checked_ = true;
    CheckGoals(true);
  }
}

void LessonRun::Advance(TimeUs duration_us) {
  const TimeUs until = sim_->now_us() + duration_us;
  while (sim_->now_us() < until) Tick();
}

double LessonRun::RawValueOn(const Sim& sim, const Goal& goal) const {
  if (!goal.shopper.empty()) {
    const Shopper* s = sim.FindShopper(goal.shopper);
    return s == nullptr ? 0.0 : ReadShopperMetric(*s, goal.shopper_metric);
  }
  return ReadMetric(sim, goal.metric_id);
}

// Side A reads the twin; with no comparison (never in a comparison step) it reads 0.
double LessonRun::RawValue(const Goal& goal) const {
  switch (goal.side) {
    case GoalSide::Run:
    case GoalSide::B: return RawValueOn(*sim_, goal);
    case GoalSide::A: return compare_ ? RawValueOn(compare_->a(), goal) : 0.0;
    case GoalSide::AMinusB: return (compare_ ? RawValueOn(compare_->a(), goal) : 0.0) - RawValueOn(*sim_, goal);
  }
  return 0.0;
}

double LessonRun::GoalValue(size_t index) const {
  const Goal& goal = step().goals[index];
  return RawValue(goal) - baseline_[index];
}

void LessonRun::CheckGoals(bool at_end) {
  const LessonStep& s = step();
  const TimeUs now = sim_->now_us();
  for (size_t i = 0; i < s.goals.size(); ++i) {
    const Goal& goal = s.goals[i];
    GoalProgress& g = goals_[i];
    g.value = GoalValue(i);
    if (g.state == GoalState::Met || g.state == GoalState::Failed) continue;
    const bool holds = Compare(g.value, goal.op, goal.value);
    switch (goal.mode) {
      case GoalMode::Always:
        if (!holds) {
          g.state = GoalState::Failed;
        } else {
          g.state = at_end ? GoalState::Met : GoalState::Passing;
        }
        break;
      case GoalMode::Eventually:
        if (holds) {
          g.state = GoalState::Met;
        } else if (at_end) {
          g.state = GoalState::Failed;
        }
        break;
      case GoalMode::Sustained:
        if (holds) {
          if (g.held_since_us < 0) g.held_since_us = now;
          g.state = now - g.held_since_us >= goal.for_us ? GoalState::Met : GoalState::Passing;
        } else {
          g.held_since_us = -1;
          g.state = GoalState::Pending;
        }
        if (at_end && g.state != GoalState::Met) g.state = GoalState::Failed;
        break;
      case GoalMode::AtEnd:
        if (at_end) {
          g.state = holds ? GoalState::Met : GoalState::Failed;
        } else {
          g.state = holds ? GoalState::Passing : GoalState::Pending;
        }
        break;
    }
  }
}

std::string Grade(uint32_t points, uint32_t max) {
  if (max == 0) return "";
  const uint32_t pct = points * 100 / max;
  if (pct >= 90) return "A";
  if (pct >= 75) return "B";
  if (pct >= 60) return "C";
  if (pct >= 40) return "D";
  return "F";
}

namespace {

std::string FormatNumber(double v) {
  char buf[64];
  if (std::fabs(v) >= 1000 || (v == std::floor(v) && std::fabs(v) < 1e15)) {
    std::snprintf(buf, sizeof buf, "%.0f", v);
  } else {
    std::snprintf(buf, sizeof buf, "%.3g", v);
  }
  return buf;
}

}  // namespace

Lesson LessonOfScenario(const Scenario& scenario, std::string id) {
  Lesson l;
  l.id = std::move(id);
  l.file = l.id + ".json";
  l.title = Text{scenario.name, scenario.name};
  l.summary = Text{scenario.description, scenario.description};
  l.config = scenario.config;
  l.sandbox = true;
  LessonStep step;
  step.id = "run";
  step.title = l.title;
  step.actions = scenario.actions;
  step.duration_us = scenario.duration_us;
  step.controls.all = true;
  l.steps.push_back(std::move(step));
  return l;
}

LessonResult RunLessonHeadless(const Lesson& lesson, uint64_t seed, bool with_solution, std::string_view wrong_id,
                               RunLog* log) {
  LessonRun run(lesson, seed);
  if (log != nullptr) *log = RunLog{lesson.id, 0, seed, {}};
  LessonResult result;
  result.lesson = lesson.id;
  int wrong_step = -1;
  const WrongSolution* wrong = wrong_id.empty() ? nullptr : lesson.FindWrong(wrong_id, &wrong_step);
  for (size_t k = 0; k < lesson.steps.size(); ++k) {
    const LessonStep& step = lesson.steps[k];
    run.StartStep(static_cast<int>(k));
    if (k == 0) run.RecordInto(log);  // the replay opens step 0 itself
    if (wrong != nullptr && static_cast<int>(k) == wrong_step) {
      run.QueueLearnerActions(wrong->actions);
    } else if (with_solution || wrong != nullptr) {
      run.QueueSolution();
    }
    if (run.PlayStep()) result.steps_passed.push_back(static_cast<int>(k));
    result.stories.push_back(run.StepStory());
    if (const Comparison* c = run.comparison(); c != nullptr) {
      result.comparisons.push_back({static_cast<int>(k), c->a().trace_hash(), run.sim().trace_hash(), run.ComparisonSummary()});
    }
    for (size_t i = 0; i < step.goals.size(); ++i) {
      const Goal& goal = step.goals[i];
      const GoalProgress& g = run.goals()[i];
      GoalResult r;
      r.step = static_cast<int>(k);
      r.step_id = step.id;
      r.goal_id = goal.id;
      r.teaching = goal.teaching;
      r.passed = g.state == GoalState::Met;
      r.points = goal.points;
      r.value = g.value;
      r.description = goal.text.en + " [" + (goal.shopper.empty() ? "" : goal.shopper + ".") + goal.metric + " " +
                      std::string(Name(goal.op)) + " " + FormatNumber(goal.value) + ", " + std::string(Name(goal.mode)) +
                      "; saw " + FormatNumber(g.value) + "]";
      result.goals.push_back(std::move(r));
    }
  }
  result.passed = std::all_of(result.goals.begin(), result.goals.end(), [](const GoalResult& g) { return g.passed; });
  const LessonRun::Grading grading = run.Grade();
  result.points = grading.points_met;
  result.points_max = grading.points_max;
  if (lesson.graded) result.grade = grading.letter;
  result.trace_hash = run.sim().trace_hash();
  result.simulated_us = run.sim().now_us();
  return result;
}

}  // namespace sim
