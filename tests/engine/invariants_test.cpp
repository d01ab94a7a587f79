// The invariant checker and chaos runs. A checker that cannot fail is a defect, so each
// invariant is shown to hold on an honest run and then to fire on a state broken on purpose
// through SimAccess (the white-box door Sim opens for tests). The last cases pin model bugs that
// chaos runs found.
#include <doctest/doctest.h>

#include <algorithm>

#include "sim_helpers.h"
#include "statelab/chaos.h"
#include "statelab/invariants.h"

using namespace sim;
using test::Act;
using test::Do;

// Corruption, for tests only: each accessor hands out a piece of the Sim's private state.
struct sim::SimAccess {
  static std::vector<Instance>& instances(Sim& s) { return s.instances_; }
  static std::array<bool, kAzCount>& az_up(Sim& s) { return s.az_up_; }
  static Config& config(Sim& s) { return s.config_; }
  static RdsCluster& rds(Sim& s) { return s.rds_; }
  static CacheCluster& cache(Sim& s) { return s.cache_; }
  static Totals& totals(Sim& s) { return s.totals_; }
  static SgVerdict& client_to_elb(Sim& s) { return s.client_to_elb_; }
  static uint64_t& next_request_id(Sim& s) { return s.next_request_id_; }
  static uint32_t& user_version(Sim& s, uint32_t user) { return s.users_[user].version; }
};

namespace {

// No crowd, scripted shoppers only: every request is one the test makes.
Config Quiet(uint64_t seed) {
  Config c = test::Crowd(0, seed);
  c.trace.sample_every = 1;
  return c;
}

// Everything redundant, sessions in ElastiCache: the durability regime holds from the start.
Config Durable(uint32_t shoppers, uint64_t seed) {
  Config c = test::Crowd(shoppers, seed);
  c.session.strategy = SessionStrategy::ServerSession;
  c.session.store = SessionStore::ElastiCache;
  c.cache.multi_az = true;
  c.rds.multi_az = true;
  c.trace.ring_capacity = 4096;
  return c;
}

bool Has(const std::vector<Violation>& found, Invariant invariant, std::string_view words = "") {
  return std::any_of(found.begin(), found.end(), [&](const Violation& v) {
    return v.invariant == invariant && v.detail.find(words) != std::string::npos;
  });
}

std::string Show(const std::vector<Violation>& found) {
  std::string text;
  for (const Violation& v : found) text += std::string(Name(v.invariant)) + ": " + v.detail + "\n";
  return text;
}

// Steps once with `command` and returns what the checker found.
std::vector<Violation> StepWith(Sim& s, InvariantChecker& checker, Command command) {
  s.Enqueue(std::move(command));
  s.Step();
  return checker.Check(s);
}

// Repeats a scripted request once a second until it is served (an outage may fail the first
// tries), checking every step, and returns everything the checker found on the way.
std::vector<Violation> UntilServed(Sim& s, InvariantChecker& checker, const std::string& shopper, RequestKind kind) {
  std::vector<Violation> all;
  for (int attempt = 0; attempt < 60; ++attempt) {
    s.Enqueue(Do(shopper, kind));
    for (int tick = 0; tick < 100; ++tick) {
      s.Step();
      for (Violation& v : checker.Check(s)) all.push_back(std::move(v));
    }
    if (!IsError(test::Named(s, shopper).stats.last_outcome)) break;
  }
  return all;
}

}  // namespace

TEST_CASE("an honest run with faults breaks no invariant, and every request is judged") {
  Config c = Durable(400, 41);
  c.rds.failover_min_s = 30;
  c.rds.failover_max_s = 40;
  Sim s(c);
  InvariantChecker checker(s, 41);
  REQUIRE(checker.durability_regime());
  std::vector<Violation> found;
  for (int tick = 0; tick < 9000 && found.empty(); ++tick) {  // 90 s
    if (tick == 1000) s.Enqueue(FailAz{Az::A});
    if (tick == 2000) s.Enqueue(TerminateInstance{InstanceId{2}});
    if (tick == 6000) s.Enqueue(RestoreAz{Az::A});
    s.Step();
    found = checker.Check(s);
  }
  if (found.empty()) found = checker.Sweep(s);
  CHECK_MESSAGE(found.empty(), Show(found));
  const InvariantStats& st = checker.stats();
  CHECK(st.steps == 9000);
  CHECK(st.requests_checked == s.totals().requests);
  CHECK(s.totals().requests > 5000);
  CHECK(st.hops_checked > 3 * st.requests_checked);  // client, LB, cache and database hops
  CHECK(st.sg_probes == 4 * 9000);
  CHECK(st.sweeps == 91);
  CHECK(st.untraced_steps == 0);
  CHECK(st.durable_steps == 9000);
  CHECK(checker.durability_regime());
  // The outage really bit: requests failed over and the cache changed primary, yet nothing was
  // lost but the session writes of the last 20 ms, which asynchronous replication had not delivered.
  CHECK(test::CountOf<CacheFailoverCompleted>(s) == 1);
  CHECK(test::CountOf<RdsFailoverCompleted>(s) == 1);
  CHECK(s.totals().carts_lost <= s.totals().sessions_lost_to_lag);
  CHECK(s.totals().sessions_lost == s.totals().sessions_lost_to_lag);
}

TEST_CASE("placement fires for a request served by a terminated instance or in a failed AZ") {
  Sim s(Quiet(42));
  InvariantChecker checker(s);
  CHECK(StepWith(s, checker, Do("alice", RequestKind::Browse)).empty());

  SUBCASE("terminated, but left in the target group") {
    for (Instance& in : SimAccess::instances(s)) in.state = InstanceState::Terminated;
    const auto found = StepWith(s, checker, Do("alice", RequestKind::Browse));
    CHECK_MESSAGE(Has(found, Invariant::Placement, "terminated"), Show(found));
  }
  SUBCASE("its AZ failed, but the instance still answers") {
    for (bool& up : SimAccess::az_up(s)) up = false;
    const auto found = StepWith(s, checker, Do("alice", RequestKind::Browse));
    CHECK_MESSAGE(Has(found, Invariant::Placement, "which has failed"), Show(found));
  }
  SUBCASE("a database node that is down still answers reads") {
    SimAccess::rds(s).nodes[0].up = false;  // and the read routing is not rebuilt
    const auto found = StepWith(s, checker, Do("alice", RequestKind::Browse));
    CHECK_MESSAGE(Has(found, Invariant::Placement, "queried database node 0, which is down"), Show(found));
  }
}

TEST_CASE("replication fires for a replica ahead of the primary and for broken roles") {
  Config c = Quiet(43);
  c.rds.read_replicas = 2;
  c.rds.multi_az = true;
  Sim s(c);
  InvariantChecker checker(s);
  CHECK(StepWith(s, checker, Do("alice", RequestKind::UpdateAddress)).empty());

  SUBCASE("a negative lag: the replica shows writes from the future") {
    SimAccess::config(s).rds.replica_lag_ms = -5000;
    const auto found = StepWith(s, checker, Do("alice", RequestKind::Browse));
    CHECK_MESSAGE(Has(found, Invariant::Replication, "lag of -5000 ms"), Show(found));
  }
  SUBCASE("two primaries") {
    SimAccess::rds(s).nodes[1].role = RdsRole::Primary;
    const auto found = StepWith(s, checker, Do("alice", RequestKind::Browse));
    CHECK_MESSAGE(Has(found, Invariant::Replication, "2 nodes act as primary"), Show(found));
  }
  SUBCASE("a node that is up but left failed") {
    SimAccess::rds(s).nodes[1].role = RdsRole::Failed;
    SimAccess::rds(s).standby = -1;
    const auto found = StepWith(s, checker, Do("alice", RequestKind::Browse));
    CHECK_MESSAGE(Has(found, Invariant::Replication, "never rejoin"), Show(found));
  }
}

TEST_CASE("security groups fire when the model passes traffic its rules deny") {
  Sim s(Quiet(44));
  InvariantChecker checker(s);
  // The model applies a rule change correctly: the write is denied, and the checker agrees.
  auto found = StepWith(s, checker, SetSgRules{SgId::Db, {}});
  CHECK(found.empty());
  found = StepWith(s, checker, Do("alice", RequestKind::UpdateAddress));
  CHECK_MESSAGE(found.empty(), Show(found));
  CHECK(test::Named(s, "alice").stats.last_outcome == Outcome::DeniedBySg);

  SUBCASE("a stale cached verdict lets the web tier reach the database") {
    for (Instance& in : SimAccess::instances(s)) in.to_db.allowed = true;
    found = StepWith(s, checker, Do("alice", RequestKind::UpdateAddress));
    CHECK_MESSAGE(Has(found, Invariant::SecurityGroups, "passes traffic to sg-db on 3306 that the rules deny"), Show(found));
    CHECK_MESSAGE(Has(found, Invariant::SecurityGroups, "which sg-db denies"), Show(found));
  }
  SUBCASE("shoppers pass a load balancer whose group lets nobody in") {
    found = StepWith(s, checker, SetSgRules{SgId::Elb, {}});
    CHECK(found.empty());
    SimAccess::client_to_elb(s).allowed = true;
    found = StepWith(s, checker, Do("alice", RequestKind::Browse));
    CHECK_MESSAGE(Has(found, Invariant::SecurityGroups, "sg-elb denies to shoppers"), Show(found));
  }
  SUBCASE("a denial the rules do not make") {
    // Open the database again, but leave the instances' cached verdicts saying no.
    s.Enqueue(SetSgRule{SgId::Db, SgRule{3306, 3306, SgSource{SgSource::Kind::Group, SgId::Web, Cidr{}}}});
    s.Step();
    checker.Check(s);
    for (Instance& in : SimAccess::instances(s)) in.to_db.allowed = false;
    found = StepWith(s, checker, Do("alice", RequestKind::UpdateAddress));
    CHECK_MESSAGE(Has(found, Invariant::SecurityGroups, "which the rules allow"), Show(found));
  }
}

TEST_CASE("the independent rule evaluator agrees with CheckConnection at the edges of ranges") {
  SecurityGroups sgs;
  sgs.rules[static_cast<size_t>(SgId::Web)] = {
      SgRule{8000, 8080, SgSource{SgSource::Kind::Cidr, SgId::Elb, *ParseCidr("10.0.2.0/24")}},
      SgRule{22, 22, SgSource{SgSource::Kind::Cidr, SgId::Elb, *ParseCidr("203.0.113.66/32")}},
      SgRule{80, 80, SgSource{SgSource::Kind::Group, SgId::Elb, Cidr{}}},
      SgRule{443, 443, SgSource{SgSource::Kind::Cidr, SgId::Elb, *ParseCidr("0.0.0.0/0")}},
  };
  struct Case {
    uint32_t ip;
    bool has_group;
    SgId group;
    uint16_t port;
    bool allowed;
  };
  const uint32_t net = SubnetIp(1, 0);
  const Case cases[] = {
      {net, false, SgId::Elb, 8000, true},           {net + 255, false, SgId::Elb, 8080, true},
      {net - 1, false, SgId::Elb, 8000, false},      {net + 256, false, SgId::Elb, 8000, false},
      {net, false, SgId::Elb, 7999, false},          {net, false, SgId::Elb, 8081, false},
      {kAttackerIp, false, SgId::Elb, 22, true},     {kAttackerIp + 1, false, SgId::Elb, 22, false},
      {kShopperIp, true, SgId::Elb, 80, true},       {kShopperIp, true, SgId::Web, 80, false},
      {kShopperIp, false, SgId::Elb, 80, false},     {0xFFFF'FFFFu, false, SgId::Elb, 443, true},
  };
  for (const Case& k : cases) {
    CAPTURE(FormatIp(k.ip));
    CAPTURE(k.port);
    const Endpoint source{k.ip, k.has_group, k.group};
    CHECK(RulesAllow(sgs, source, SgId::Web, k.port) == k.allowed);
    CHECK(CheckConnection(sgs, source, SgId::Web, k.port).allowed == k.allowed);
  }
}

TEST_CASE("durability fires when a single-AZ failure loses a committed cart or address") {
  Config c = Durable(0, 45);
  c.rds.failover_min_s = c.rds.failover_max_s = 1;  // reads are back before the cache is
  Sim s(c);
  InvariantChecker checker(s);
  REQUIRE(checker.durability_regime());
  CHECK(StepWith(s, checker, Do("alice", RequestKind::AddToCart, kTshirtSku)).empty());
  CHECK(StepWith(s, checker, Do("alice", RequestKind::UpdateAddress)).empty());
  CHECK(StepWith(s, checker, FailAz{Az::A}).empty());
  CHECK(checker.durability_regime());

  SUBCASE("the Multi-AZ cache loses its keys") {
    ++SimAccess::cache(s).data_epoch;
    auto found = checker.Check(s);
    CHECK_MESSAGE(Has(found, Invariant::Durability, "lost every key"), Show(found));
    // After the cache failover the cart is gone for good: the checker names the shopper's loss.
    found = UntilServed(s, checker, "alice", RequestKind::ViewCart);
    CHECK_MESSAGE(Has(found, Invariant::Durability, "lost a cart of 1 items (cache_data_lost)"), Show(found));
    CHECK_MESSAGE(Has(found, Invariant::Durability, "is in a session the store no longer has"), Show(found));
  }
  SUBCASE("a committed address is rolled back") {
    --SimAccess::user_version(s, test::Named(s, "alice").user);
    const auto found = checker.Sweep(s);
    CHECK_MESSAGE(Has(found, Invariant::Durability, "was committed"), Show(found));
  }
  SUBCASE("a second AZ fails: the promise no longer applies, and the checker says why") {
    CHECK(StepWith(s, checker, FailAz{Az::B}).empty());
    CHECK_FALSE(checker.durability_regime());
    CHECK(checker.durability_note().find("more than one AZ") != std::string::npos);
    ++SimAccess::cache(s).data_epoch;
    CHECK(checker.Check(s).empty());
  }
}

TEST_CASE("the durability promise is only made for a redundant stack") {
  Config c = Durable(0, 46);
  c.azs = {true, false, false};  // Multi-AZ nodes would share one AZ
  CHECK_FALSE(InvariantChecker(Sim(c)).durability_regime());
  c = Durable(0, 46);
  c.session.strategy = SessionStrategy::InstanceMemory;
  Sim memory(c);
  InvariantChecker checker(memory);
  CHECK_FALSE(checker.durability_regime());
  CHECK(checker.durability_note() == "never started: sessions live in instance memory");
}

TEST_CASE("conservation fires when a request is lost or a counter does not add up") {
  Sim s(Quiet(47));
  InvariantChecker checker(s);
  CHECK(StepWith(s, checker, Do("alice", RequestKind::AddToCart)).empty());

  SUBCASE("a request started and never ended") {
    ++SimAccess::next_request_id(s);
    const auto found = checker.Check(s);
    CHECK_MESSAGE(Has(found, Invariant::Conservation, "requests ended vs requests started"), Show(found));
  }
  SUBCASE("an outcome counted with no request") {
    ++SimAccess::totals(s).by_outcome[static_cast<size_t>(Outcome::Ok)];
    const auto found = checker.Check(s);
    CHECK_MESSAGE(Has(found, Invariant::Conservation, "sum of outcomes vs requests"), Show(found));
  }
  SUBCASE("a lost cart with no event and no outcome") {
    ++SimAccess::totals(s).carts_lost;
    const auto found = checker.Check(s);
    CHECK_MESSAGE(Has(found, Invariant::Conservation, "carts_lost vs cart_lost outcomes"), Show(found));
  }
  SUBCASE("a per-shopper count that disagrees with the totals") {
    ++SimAccess::totals(s).orders;
    const auto found = checker.Sweep(s);
    CHECK_MESSAGE(Has(found, Invariant::Conservation, "shoppers' orders vs orders"), Show(found));
  }
}

TEST_CASE("a chaos plan is a function of its seed, and so is its run") {
  const ChaosLimits limits{150, Sec(30)};
  const ChaosPlan a = MakeChaosPlan(2024, limits);
  const ChaosPlan b = MakeChaosPlan(2024, limits);
  CHECK(DescribePlan(a) == DescribePlan(b));
  CHECK(DescribePlan(MakeChaosPlan(2025, limits)) != DescribePlan(a));
  CHECK(a.config.shoppers.count <= 150);
  CHECK(a.config.trace.sample_every == 1);
  const ChaosResult ra = RunChaos(a);
  const ChaosResult rb = RunChaos(b);
  CHECK(ra.passed());
  CHECK(ra.steps == 3000);
  CHECK(ra.requests == rb.requests);
  CHECK(ra.stats.requests_checked == ra.requests);
  CHECK(ra.stats.hops_checked == rb.stats.hops_checked);
}

TEST_CASE("chaos plans draw every fault and setting, and about a third promise durability") {
  const ChaosLimits limits{100, Sec(20)};
  std::vector<uint64_t> kinds(std::variant_size_v<Command>, 0);
  int durable = 0, passed = 0;
  for (uint64_t seed = 1; seed <= 200; ++seed) {
    const ChaosPlan plan = MakeChaosPlan(seed, limits);
    durable += plan.durable;
    for (const ChaosAction& a : plan.actions) {
      ++kinds[a.command.index()];
      CHECK(a.at_us < plan.duration_us);
      // Scripted requests never share a tick with another command.
      if (std::holds_alternative<ShopperAction>(a.command)) CHECK(a.at_us % kUsPerS == Ms(500));
    }
    if (seed <= 20) passed += RunChaos(plan).passed();
  }
  CHECK(durable > 50);
  CHECK(durable < 90);
  CHECK(passed == 20);
  for (size_t k = 0; k < kinds.size(); ++k) {
    if (k == Command(FollowShopper{}).index()) continue;  // changes nothing the checker judges
    CAPTURE(CommandNameAt(static_cast<uint32_t>(k)));
    CHECK(kinds[k] > 0);
  }
}

// [Regressions found by chaos runs]

TEST_CASE("an AZ that returns during an RDS failover rejoins as the standby (chaos seed 10)") {
  Config c = Quiet(48);
  c.rds.multi_az = true;
  c.rds.failover_min_s = 60;
  c.rds.failover_max_s = 60;
  Sim s(c);
  InvariantChecker checker(s);
  std::vector<Violation> found;
  auto run = [&](TimeUs duration) {
    for (const TimeUs end = s.now_us() + duration; s.now_us() < end && found.empty();) {
      s.Step();
      found = checker.Check(s);
    }
  };
  Act(s, FailAz{Az::A});
  run(Sec(10));
  Act(s, RestoreAz{Az::A});  // the old primary is back while the failover still runs
  run(Sec(60));
  CHECK_MESSAGE(found.empty(), Show(found));
  REQUIRE(test::CountOf<RdsFailoverCompleted>(s) == 1);
  CHECK(s.rds().primary == 1);
  CHECK(s.rds().standby == 0);
  CHECK(s.rds().nodes[0].role == RdsRole::Standby);
  // So Multi-AZ still protects the next failure: another failover, no long outage.
  Act(s, FailRdsPrimary{});
  REQUIRE(!test::EventsOf<RdsPrimaryFailed>(s).empty());
  CHECK(test::EventsOf<RdsPrimaryFailed>(s).back().has_standby);
  run(Sec(61));
  CHECK(test::CountOf<RdsFailoverCompleted>(s) == 2);
  CHECK(s.rds().primary == 0);
}

TEST_CASE("a cache failover promotes the replica even when the old primary is back first") {
  Config c = Quiet(49);
  c.cache.multi_az = true;
  c.cache.failover_s = 15;
  Sim s(c);
  const uint32_t epoch = s.cache().data_epoch;
  Act(s, FailAz{Az::A});
  s.RunFor(Sec(5));
  Act(s, RestoreAz{Az::A});
  s.RunFor(Sec(15));
  REQUIRE(test::EventsOf<CacheFailoverCompleted>(s).size() == 1);
  CHECK(test::EventsOf<CacheFailoverCompleted>(s)[0].new_primary == Az::B);
  CHECK(s.cache().primary_index() == 1);
  CHECK(s.cache().nodes[0].up);
  CHECK(s.cache().data_epoch == epoch);
}

TEST_CASE("when the promoted replica fails too, the cache's data is gone and a returning node starts empty") {
  Config c = Quiet(50);
  c.cache.multi_az = true;
  c.cache.replication_lag_ms = 0;  // alice's write just before the failure reaches the replica
  c.session.strategy = SessionStrategy::ServerSession;
  Sim s(c);
  Act(s, Do("alice", RequestKind::AddToCart, kTshirtSku));
  const uint32_t epoch = s.cache().data_epoch;
  Act(s, FailAz{Az::A});
  Act(s, FailAz{Az::B});  // the replica that was being promoted
  const auto failed = test::EventsOf<CacheNodeFailed>(s);
  REQUIRE(failed.size() == 2);
  CHECK(failed[1].az == Az::B);
  CHECK(failed[1].data_lost);
  CHECK(s.cache().state == CacheState::Down);
  Act(s, RestoreAz{Az::A});
  CHECK(s.cache().state == CacheState::Available);
  CHECK(s.cache().primary_index() == 0);
  CHECK(s.cache().data_epoch == epoch + 1);
  REQUIRE(!test::EventsOf<CacheNodeRestored>(s).empty());
  CHECK(test::EventsOf<CacheNodeRestored>(s).back().empty);
  InvariantChecker checker(s);
  const auto found = UntilServed(s, checker, "alice", RequestKind::ViewCart);
  CHECK_MESSAGE(found.empty(), Show(found));
  CHECK(test::Named(s, "alice").stats.last_outcome == Outcome::CartLost);
  CHECK(test::EventsOf<CartLost>(s).back().cause == LossCause::CacheDataLost);
}

TEST_CASE("an old primary back during a cache failover takes over if the replica fails too (chaos seed 795630883)") {
  Config c = Quiet(51);
  c.cache.multi_az = true;
  c.cache.replication_lag_ms = 0;  // alice's write just before the failure reaches the replica
  c.rds.multi_az = true;
  c.cache.failover_s = 15;
  c.session.strategy = SessionStrategy::ServerSession;
  Sim s(c);
  InvariantChecker checker(s);
  REQUIRE(checker.durability_regime());
  auto run = [&](TimeUs duration) {
    std::vector<Violation> found;
    for (const TimeUs end = s.now_us() + duration; s.now_us() < end;) {
      s.Step();
      for (Violation& v : checker.Check(s)) found.push_back(std::move(v));
    }
    return found;
  };
  Act(s, Do("alice", RequestKind::AddToCart, kTshirtSku));
  const uint32_t epoch = s.cache().data_epoch;
  Act(s, FailAz{Az::A});
  CHECK(run(Sec(5)).empty());
  Act(s, RestoreAz{Az::A});  // back, and synced from the replica being promoted
  CHECK(run(Sec(3)).empty());
  Act(s, FailAz{Az::B});  // one AZ down at a time, so nothing may be lost
  const auto found = run(Sec(20));
  CHECK_MESSAGE(found.empty(), Show(found));
  CHECK(checker.durability_regime());
  CHECK(s.cache().data_epoch == epoch);
  CHECK(test::EventsOf<CacheFailoverStarted>(s).size() == 2);
  REQUIRE(test::EventsOf<CacheFailoverCompleted>(s).size() == 1);
  CHECK(test::EventsOf<CacheFailoverCompleted>(s)[0].new_primary == Az::A);
}

TEST_CASE("a cart loss noticed a request late still names its cause (chaos seed 128738)") {
  // The request that finds the session expired fails further on (the database is down); the
  // next one shows the empty cart. It was reported as "session not found".
  Config c = Quiet(52);
  c.session.strategy = SessionStrategy::ServerSession;
  c.session.idle_timeout_s = 60;
  Sim s(c);
  Act(s, Do("alice", RequestKind::AddToCart, kTshirtSku));
  s.RunFor(Sec(61));
  Act(s, FailRdsPrimary{});
  Act(s, Do("alice", RequestKind::ViewCart));
  CHECK(test::Named(s, "alice").stats.last_outcome == Outcome::DbUnavailable);
  Act(s, RestoreRds{});
  Act(s, Do("alice", RequestKind::ViewCart));
  CHECK(test::Named(s, "alice").stats.last_outcome == Outcome::CartLost);
  REQUIRE(test::EventsOf<CartLost>(s).size() == 1);
  CHECK(test::EventsOf<CartLost>(s)[0].cause == LossCause::SessionExpired);
}

TEST_CASE("traces and events of a database failover say what happened (chaos seed 16198)") {
  Config c = Quiet(53);
  c.rds.multi_az = true;
  c.rds.failover_min_s = c.rds.failover_max_s = 60;
  c.rds.read_replicas = 1;
  c.rds.read_routing = ReadRouting::Replicas;
  c.rds.vcpus = 1;
  c.rds.read_cpu_us = 10'000'000;  // one read keeps the replica busy for 10 s
  c.rds.max_queue_ms = 1;
  Sim s(c);
  // A timed-out query names the node it waited on (it used to name node 0).
  Act(s, Do("alice", RequestKind::Browse));
  Act(s, Do("alice", RequestKind::Browse));
  const RequestTrace& t = s.traces().back();
  REQUIRE(t.outcome == Outcome::DbTimeout);
  CHECK(t.db_node == kRdsFirstReplica);
  CHECK(t.hops[t.hop_count - 1].result == HopResult::Timeout);
  CHECK(t.hops[t.hop_count - 1].node == kRdsFirstReplica);

  // The primary's AZ returns during the failover, then the node fails again.
  Act(s, FailAz{Az::A});
  s.RunFor(Sec(10));
  Act(s, RestoreAz{Az::A});
  const auto restored = test::EventsOf<RdsNodeRestored>(s);
  REQUIRE(!restored.empty());
  CHECK_FALSE(restored.back().as_primary);  // it will be the standby, not the primary
  s.RunFor(Sec(10));
  Act(s, FailRdsPrimary{});
  s.RunFor(Sec(45));
  REQUIRE(test::EventsOf<RdsFailoverCompleted>(s).size() == 1);
  // Writes were down from the AZ failure on, not from the second failure.
  CHECK(test::EventsOf<RdsFailoverCompleted>(s)[0].downtime_us == Sec(60));
}
