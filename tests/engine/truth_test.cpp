// Lessons that cannot be passed without their point, and a model that tells the truth: every
// wrong attempt in the lesson data fails its step on the path a learner really takes, the final
// challenge's grade separates designs, a Multi-AZ cache failover loses only what replication had
// not delivered, and the glossary holds every lesson text to one vocabulary.
#include <doctest/doctest.h>

#include <algorithm>
#include <fstream>
#include <sstream>
#include <map>
#include <set>
#include <string>

#include "sim_helpers.h"
#include "statelab/glossary.h"
#include "statelab/lesson.h"
#include "statelab/metrics.h"

using namespace sim;

namespace {

const std::string kSource = STATELAB_SOURCE_DIR;

bool Passed(const LessonResult& r, int step) {
  return std::find(r.steps_passed.begin(), r.steps_passed.end(), step) != r.steps_passed.end();
}

bool HasTeachingGoal(const Lesson& lesson) {
  for (const LessonStep& s : lesson.steps) {
    for (const Goal& g : s.goals) {
      if (g.teaching) return true;
    }
  }
  return false;
}

// Every text a learner reads in a lesson, with where it is.
std::vector<std::pair<std::string, const Text*>> LessonTexts(const Lesson& l) {
  std::vector<std::pair<std::string, const Text*>> out = {{l.id + ".title", &l.title}, {l.id + ".summary", &l.summary}};
  for (const LessonStep& s : l.steps) {
    const std::string at = l.id + "/" + s.id;
    out.push_back({at + ".title", &s.title});
    out.push_back({at + ".narration", &s.narration});
    out.push_back({at + ".task", &s.task});
    for (const Goal& g : s.goals) out.push_back({at + "/" + g.id, &g.text});
    for (const Text& h : s.hints) out.push_back({at + ".hint", &h});
    for (const WrongSolution& w : s.wrong_solutions) out.push_back({at + "/" + w.id + ".why", &w.why});
    if (s.question) {
      out.push_back({at + ".question", &s.question->prompt});
      out.push_back({at + ".explanation", &s.question->explanation});
      for (const Text& c : s.question->choices) out.push_back({at + ".choice", &c});
    }
  }
  return out;
}

const char* kTwoStepLesson = R"({
  "id": "path", "order": 0,
  "title": {"ko": "경로", "en": "Path"}, "summary": {"ko": "경로", "en": "Path"},
  "config": {"shoppers": {"count": 200}},
  "steps": [
    {"id": "first", "duration": "60s",
     "title": {"ko": "첫 단계", "en": "First"}, "narration": {"ko": "설명", "en": "Narration"},
     "task": {"ko": "할 일", "en": "Task"},
     "goals": [{"id": "served", "text": {"ko": "요청 있음", "en": "Requests"}, "metric": "requests", "op": ">", "value": 0, "mode": "eventually"}]},
    {"id": "second", "duration": "30s", "settle": "5s", "knobs": ["stickiness", "cache_multi_az"],
     "title": {"ko": "둘째 단계", "en": "Second"}, "narration": {"ko": "설명", "en": "Narration"},
     "task": {"ko": "할 일", "en": "Task"},
     "goals": [{"id": "idle", "text": {"ko": "요청 없음", "en": "No requests"}, "metric": "rps", "op": "==", "value": 0},
               {"id": "count", "text": {"ko": "요청 수", "en": "Request count"}, "metric": "requests", "op": ">=", "value": 0}],
     "solution": [{"at": "0s", "do": "set_stickiness", "enabled": true}],
     "wrong_solutions": [
       {"id": "sticky-and-cache", "why": {"ko": "둘 다 켬", "en": "Both on"},
        "actions": [{"at": "0s", "do": "set_stickiness", "enabled": true}, {"at": "0s", "do": "set_cache_multi_az", "enabled": true}]},
       {"id": "cache-only", "why": {"ko": "캐시만", "en": "Cache only"},
        "actions": [{"at": "0s", "do": "set_cache_multi_az", "enabled": true}]}]}
  ]})";

}  // namespace

// [SECTION] Lesson data
TEST_CASE("every wrong attempt in the lessons fails its step on the learner's path, and every reference passes it") {
  const LessonSet set = LoadLessons(kSource + "/lessons");
  REQUIRE(set.errors.empty());
  size_t attempts = 0;
  for (const Lesson& lesson : set.lessons) {
    CAPTURE(lesson.id);
    const LessonResult solved = RunLessonHeadless(lesson, 1, true);
    for (size_t k = 0; k < lesson.steps.size(); ++k) {
      CAPTURE(lesson.steps[k].id);
      CHECK(Passed(solved, static_cast<int>(k)));
      for (const WrongSolution& w : lesson.steps[k].wrong_solutions) {
        CAPTURE(w.id);
        const LessonResult wrong = RunLessonHeadless(lesson, 1, false, w.id);
        CHECK_FALSE(Passed(wrong, static_cast<int>(k)));
        // The steps before it played their reference solutions and passed.
        for (size_t j = 0; j < k; ++j) CHECK(Passed(wrong, static_cast<int>(j)));
        ++attempts;
      }
    }
  }
  CHECK(attempts >= 16);
}

TEST_CASE("every teaching lesson has at least two wrong attempts, and every lesson with goals lists its sources") {
  const LessonSet set = LoadLessons(kSource + "/lessons");
  for (const Lesson& lesson : set.lessons) {
    CAPTURE(lesson.id);
    size_t wrongs = 0;
    for (const LessonStep& s : lesson.steps) wrongs += s.wrong_solutions.size();
    if (HasTeachingGoal(lesson)) CHECK(wrongs >= 2);
    if (!lesson.sandbox) {
      // AWS's own documentation for every AWS fact; other facts (browsers' cookie limits) may cite
      // their own standard or vendor.
      size_t aws = 0;
      for (const Source& src : lesson.sources) {
        CAPTURE(src.url);
        CHECK(src.url.rfind("https://", 0) == 0);
        aws += src.url.rfind("https://docs.aws.amazon.com/", 0) == 0 || src.url.rfind("https://aws.amazon.com/", 0) == 0;
      }
      CHECK(aws >= 1);
    }
  }
}

TEST_CASE("a wrong attempt may use only the controls its step offers") {
  std::string text = kTwoStepLesson;
  const std::string from = R"("knobs": ["stickiness", "cache_multi_az"])";
  text.replace(text.find(from), from.size(), R"("knobs": ["stickiness"])");
  const auto parsed = ParseLesson(text, "path.json");
  REQUIRE_FALSE(parsed.ok());
  CHECK(parsed.error.Message() ==
        "path.json: $.steps[1].wrong_solutions[0].actions[1].do: expected an action through a control this step offers "
        "(its knobs and faults), got 'set_cache_multi_az' (needs 'cache_multi_az')");
  const auto ok = ParseLesson(kTwoStepLesson, "path.json");
  REQUIRE_MESSAGE(ok.ok(), ok.error.Message());
  CHECK(ok.value->steps[1].wrong_solutions.size() == 2);
  CHECK(ok.value->steps[1].settle_us == Sec(5));
}

// [SECTION] The learner's path
TEST_CASE("the next step starts the moment the one before passes, as when the learner clicks Next at once") {
  const auto parsed = ParseLesson(kTwoStepLesson, "path.json");
  REQUIRE(parsed.ok());
  LessonRun run(*parsed.value, 3);
  run.StartAt(1);
  // The first step passed at its first check (1 s), not after its 60 s.
  CHECK(run.sim().now_us() == Sec(1));
  CHECK(run.step_index() == 1);
}

TEST_CASE("a step's settle time keeps goals unjudged, and its counters count from its end") {
  const auto parsed = ParseLesson(kTwoStepLesson, "path.json");
  REQUIRE(parsed.ok());
  LessonRun run(*parsed.value, 3);
  run.StartAt(1);
  run.Advance(Sec(4));
  CHECK(run.Settling());
  CHECK(run.goals()[0].state == GoalState::Pending);  // rps > 0 all along, but not judged yet
  run.Advance(Sec(2));
  CHECK_FALSE(run.Settling());
  CHECK(run.goals()[0].state == GoalState::Failed);
  // The request counter started at the end of the settle time: about one second of requests.
  const double total = MetricValue(run.sim(), "requests").value_or(0);
  CHECK(run.goals()[1].value > 0);
  CHECK(run.goals()[1].value < total / 3);
}

TEST_CASE("the lesson runner names the wrong attempt whose design the learner's settings equal") {
  const auto parsed = ParseLesson(kTwoStepLesson, "path.json");
  REQUIRE(parsed.ok());
  LessonRun run(*parsed.value, 3);
  run.StartAt(1);
  CHECK(run.MatchingWrongSolution() == -1);
  run.Apply(SetCacheMultiAz{true});
  CHECK(run.MatchingWrongSolution() == 1);  // cache-only, even before the next tick applies it
  CHECK(run.learner_config().cache.multi_az);
  run.Apply(SetStickiness{true, 86'400});
  CHECK(run.MatchingWrongSolution() == 0);  // sticky-and-cache
  run.Apply(SetCacheMultiAz{false});
  CHECK(run.MatchingWrongSolution() == -1);  // the reference design
}

// [SECTION] The final challenge
TEST_CASE("the final challenge's grade separates designs over seeds 1-20") {
  const LessonSet set = LoadLessons(kSource + "/lessons");
  const Lesson* challenge = set.Find("final-challenge");
  REQUIRE(challenge != nullptr);
  REQUIRE(challenge->graded);
  auto letter_rank = [](const std::string& g) { return std::string("ABCDF").find(g); };
  // Seeds 1-20 in optimized builds (the wasm suite runs Release); Debug and ASan builds, ten times
  // slower, check the first two. The runs are identical in every build (the golden hashes).
#ifdef NDEBUG
  constexpr uint64_t kSeeds = 20;
#else
  constexpr uint64_t kSeeds = 2;
#endif
  int reference_a = 0;
  std::map<std::string, std::string> best;
  for (uint64_t seed = 1; seed <= kSeeds; ++seed) {
    CAPTURE(seed);
    reference_a += RunLessonHeadless(*challenge, seed, true).grade == "A";
    for (const WrongSolution& w : challenge->steps[0].wrong_solutions) {
      CAPTURE(w.id);
      const std::string grade = RunLessonHeadless(*challenge, seed, false, w.id).grade;
      if (best[w.id].empty() || letter_rank(grade) < letter_rank(best[w.id])) best[w.id] = grade;
    }
  }
  // Every wrong design the lesson names has its bound below.
  const std::map<std::string, std::string> bound = {{"memory-sticky", "C"},       {"memory-plain", "C"},
                                                    {"no-multi-az", "B"},         {"cache-multi-az-only", "B"},
                                                    {"dynamodb-no-multi-az", "B"}, {"over-provisioned", "B"}};
  for (const auto& entry : best) {
    const std::string& design = entry.first;
    CAPTURE(design);
    REQUIRE(bound.count(design) == 1);
    CHECK(letter_rank(entry.second) >= letter_rank(bound.at(design)));
  }
  CHECK(reference_a >= static_cast<int>(kSeeds * 9 / 10));  // 18 of 20
  // Carts in instance memory, sticky or not: never better than C. Nothing Multi-AZ: never an A.
  // Half of it (the cache only; DynamoDB for sessions but RDS in one AZ): never an A either, since
  // writes stop for the whole outage. Over-provisioned: it survives, but never within the budget.
}

TEST_CASE("the final challenge's budget: the over-provisioned design survives every fault and misses only the budget") {
  const LessonSet set = LoadLessons(kSource + "/lessons");
  const Lesson* challenge = set.Find("final-challenge");
  REQUIRE(challenge != nullptr);
  const LessonResult fat = RunLessonHeadless(*challenge, 1, false, "over-provisioned");
  const LessonResult lean = RunLessonHeadless(*challenge, 1, true);
  double fat_budget = 0, lean_budget = 0;
  for (const GoalResult& g : fat.goals) {
    CAPTURE(g.goal_id);
    CHECK(g.passed == (g.goal_id != "budget"));
    if (g.goal_id == "budget") fat_budget = g.value;
  }
  for (const GoalResult& g : lean.goals) {
    if (g.goal_id == "budget") lean_budget = g.value;
  }
  // Nine instances from the start and two replicas against four and one: about 5.1 and 3.5
  // vCPU-hours over the 13 minutes (2 vCPUs each).
  CHECK(fat_budget == doctest::Approx(5.11).epsilon(0.02));
  CHECK(lean_budget < 4.0);
  CHECK(lean_budget > 2.0 * (3 + 3) * 13.0 / 60.0);  // the three starting instances, the primary, the standby and a replica
}

// [SECTION] The model
TEST_CASE("a Multi-AZ cache failover loses only the session writes the replica had not received") {
  auto run = [](bool multi_az, int64_t lag_ms) {
    Config c = test::Crowd(3000, 41);
    c.session.strategy = SessionStrategy::ServerSession;
    c.cache.multi_az = multi_az;
    c.cache.replication_lag_ms = lag_ms;
    Sim s(c);
    s.RunFor(Sec(60));
    const uint64_t sessions_before = s.totals().sessions_lost;
    test::Act(s, FailCachePrimary{});
    s.RunFor(Sec(60));
    return std::pair<uint64_t, uint64_t>{s.totals().sessions_lost - sessions_before, s.totals().sessions_lost_to_lag};
  };
  const auto [none_lost, none_lag] = run(true, 0);
  CHECK(none_lost == 0);
  CHECK(none_lag == 0);
  const auto [lag_lost, lag_lag] = run(true, 20);
  CHECK(lag_lost == lag_lag);
  // 3000 shoppers write a session about every 20 s each: ~150 writes/s, so ~3 in 20 ms.
  CHECK(lag_lost <= 15);
  const auto [long_lost, long_lag] = run(true, 2000);
  CHECK(long_lost == long_lag);
  CHECK(long_lost > lag_lost);
  CHECK(long_lost > 50);
  // A single node loses every session.
  const auto [single_lost, single_lag] = run(false, 20);
  CHECK(single_lag == 0);
  CHECK(single_lost > 1000);
}

TEST_CASE("switching the session store loses the sessions in the old one") {
  Config c = test::Crowd(500, 42);
  c.session.strategy = SessionStrategy::ServerSession;
  Sim s(c);
  s.RunFor(Sec(60));
  const uint64_t lost = s.totals().carts_lost;
  test::Act(s, SetSessionStore{SessionStore::DynamoDb});
  s.RunFor(Sec(60));
  CHECK(s.totals().carts_lost > lost + 50);
  bool named = false;
  for (const CartLost& e : test::EventsOf<CartLost>(s)) named = named || e.cause == LossCause::StrategyChanged;
  CHECK(named);
}

TEST_CASE("a guessed session ID names no session: the attacker gets an empty cart, nobody else's") {
  Config c = test::Crowd(200, 43);
  c.session.strategy = SessionStrategy::ServerSession;
  Sim s(c);
  test::Act(s, test::Do("mallory", RequestKind::AddToCart, 3));
  s.RunFor(Sec(2));
  REQUIRE_FALSE(test::Named(s, "mallory").stored.empty());
  test::Act(s, TamperCookie{"mallory", TamperKind::GuessSessionId});
  test::Act(s, test::Do("mallory", RequestKind::ViewCart));
  s.RunFor(Sec(2));
  CHECK(s.totals().forged_sessions == 1);
  CHECK(test::Named(s, "mallory").stored.empty());
  CHECK(s.totals().tamper_accepted == 0);
  CHECK(s.totals().tamper_loss_cents == 0);
  // Without a server session there is no session cookie to edit.
  Config cookie = test::Crowd(50, 44);
  cookie.session.strategy = SessionStrategy::ClientCookie;
  Sim t(cookie);
  test::Act(t, test::Do("mallory", RequestKind::AddToCart, 3));
  t.RunFor(Sec(2));
  test::Act(t, TamperCookie{"mallory", TamperKind::GuessSessionId});
  CHECK(t.totals().forged_sessions == 0);
  CHECK(test::CountOf<CommandRejected>(t) == 1);
}

TEST_CASE("sg_cidr_sources counts the instance, cache and database rules that name an address range") {
  Config c = test::Crowd(100, 45);
  Sim s(c);
  CHECK(MetricValue(s, "sg_cidr_sources").value_or(-1) == 0);
  SgRule vpc{3306, 3306, SgSource{SgSource::Kind::Cidr, SgId::Elb, *ParseCidr("10.0.0.0/16")}};
  test::Act(s, SetSgRule{SgId::Db, vpc});
  CHECK(MetricValue(s, "sg_cidr_sources").value_or(-1) == 1);
  SgRule web_cidr{80, 80, SgSource{SgSource::Kind::Cidr, SgId::Elb, *ParseCidr("10.0.0.0/16")}};
  test::Act(s, SetSgRule{SgId::Web, web_cidr});
  CHECK(MetricValue(s, "sg_cidr_sources").value_or(-1) == 2);
  // The load balancer's rules face the internet: 0.0.0.0/0 there is the design, not a shortcut.
  SgRule lb_any{8080, 8080, SgSource{SgSource::Kind::Cidr, SgId::Elb, *ParseCidr("0.0.0.0/0")}};
  test::Act(s, SetSgRule{SgId::Elb, lb_any});
  CHECK(MetricValue(s, "sg_cidr_sources").value_or(-1) == 2);
}

TEST_CASE("sg_loose_rules counts every rule that admits more than the tier in front, on its own port") {
  Sim s(test::Crowd(100, 46));
  CHECK(MetricValue(s, "sg_loose_rules").value_or(-1) == 0);  // the defaults are least privilege
  const SgSource from_elb{SgSource::Kind::Group, SgId::Elb, {}};
  const SgSource from_web{SgSource::Kind::Group, SgId::Web, {}};
  test::Act(s, SetSgRule{SgId::Cache, SgRule{6379, 6379, from_elb}});  // the load balancer has no business there
  CHECK(MetricValue(s, "sg_loose_rules").value_or(-1) == 1);
  test::Act(s, SetSgRule{SgId::Db, SgRule{0, 65535, from_web}});  // every port
  CHECK(MetricValue(s, "sg_loose_rules").value_or(-1) == 2);
  test::Act(s, SetSgRule{SgId::Web, SgRule{80, 80, SgSource{SgSource::Kind::Cidr, SgId::Elb, *ParseCidr("10.0.0.0/16")}}});
  CHECK(MetricValue(s, "sg_loose_rules").value_or(-1) == 3);
  test::Act(s, RemoveSgRule{SgId::Db, SgRule{0, 65535, from_web}});
  CHECK(MetricValue(s, "sg_loose_rules").value_or(-1) == 2);
}

TEST_CASE("a cart the site lost is counted even when the visit ends in errors before the shopper sees it") {
  // A single cache node dies and stays down: every request fails at the session store, visits end
  // after their 10 requests, and each cart that was in the cache is counted lost once.
  Config c = test::Crowd(400, 47);
  c.session.strategy = SessionStrategy::ServerSession;
  c.shoppers.max_requests_per_visit = 10;
  Sim s(c);
  s.RunFor(Sec(60));
  const uint64_t before = s.totals().carts_lost;
  test::Act(s, FailCachePrimary{});
  s.RunFor(Sec(120));
  const Totals& t = s.totals();
  CHECK(t.by_outcome[static_cast<size_t>(Outcome::SessionStoreUnavailable)] > 1000);
  CHECK(t.carts_lost_unseen > 50);
  CHECK(t.carts_lost - before == t.carts_lost_unseen);  // nobody was served a page meanwhile
  for (const CartLost& e : test::EventsOf<CartLost>(s)) CHECK(e.cause == LossCause::CacheDataLost);
  CHECK(MetricValue(s, "session_store_unavailable").value_or(0) ==
        static_cast<double>(t.by_outcome[static_cast<size_t>(Outcome::SessionStoreUnavailable)]));
}

TEST_CASE("every metric a goal can name is documented in docs/scenario-format.md") {
  std::ifstream in(kSource + "/docs/scenario-format.md");
  std::stringstream ss;
  ss << in.rdbuf();
  const std::string doc = ss.str();
  for (const MetricInfo& m : MetricTable()) {
    CAPTURE(m.name);
    CHECK(doc.find("`" + std::string(m.name) + "`") != std::string::npos);
  }
}

// [SECTION] Glossary
TEST_CASE("no lesson text uses a variant the glossary rejects") {
  const auto glossary = LoadGlossary(kSource + "/lessons/glossary.json");
  REQUIRE_MESSAGE(glossary.ok(), glossary.error.Message());
  CHECK(glossary.value->terms.size() >= 20);
  const LessonSet set = LoadLessons(kSource + "/lessons");
  REQUIRE(set.errors.empty());
  for (const Lesson& lesson : set.lessons) {
    for (const auto& [where, text] : LessonTexts(lesson)) {
      for (Lang lang : {Lang::Ko, Lang::En}) {
        for (const TermMisuse& m : FindAvoidedTerms(*glossary.value, text->In(lang), lang)) {
          FAIL_CHECK(where << " (" << Name(lang) << "): '" << m.variant << "' where the glossary says '" << m.use << "'");
        }
      }
    }
  }
}

TEST_CASE("the glossary check catches a planted variant, in Korean and in English") {
  const auto glossary = LoadGlossary(kSource + "/lessons/glossary.json");
  REQUIRE(glossary.ok());
  const auto ko = FindAvoidedTerms(*glossary.value, "손님의 장바구니가 캐시 미스로 사라집니다", Lang::Ko);
  std::set<std::string> ids;
  for (const TermMisuse& m : ko) ids.insert(m.term_id);
  CHECK(ids == std::set<std::string>{"shopper", "cache-miss"});
  CHECK(FindAvoidedTerms(*glossary.value, "The Master node", Lang::En).size() == 1);
  CHECK(FindAvoidedTerms(*glossary.value, "to remaster", Lang::En).empty());
  CHECK(FindAvoidedTerms(*glossary.value, "쇼핑객의 장바구니", Lang::Ko).empty());
  // A term found in a narration, for the gloss beside it.
  const auto used = TermsIn(*glossary.value, "고정 세션을 켜면 장바구니가 남습니다", Lang::Ko);
  REQUIRE(used.size() == 2);
  CHECK(used[0]->id == "cart");
  CHECK(used[1]->id == "stickiness");
}

TEST_CASE("a bad glossary is rejected with the file, the place and what was expected") {
  auto bad = ParseGlossary(R"({"terms": [{"id": "x", "ko": "엑스", "en": "x", "gloss": {"ko": "설명"}}]})", "g.json");
  REQUIRE_FALSE(bad.ok());
  CHECK(bad.error.Message() == "g.json: $.terms[0].gloss.en: expected a translation (missing \"en\")");
  bad = ParseGlossary(R"({"terms": [{"id": "x", "ko": "엑스", "en": "x", "gloss": {"ko": "설명", "en": "g"}, "avoid": {"ko": ["엑스"]}}]})", "g.json");
  REQUIRE_FALSE(bad.ok());
  CHECK(bad.error.Message() == "g.json: $.terms[0].avoid.ko[0]: expected a variant other than the term itself");
  CHECK(ParseGlossary("{", "g.json").error.Message() == "g.json: $: expected valid JSON (the file does not parse)");
}
