// The edge and the web tier: security groups on every hop, direct attacks, load balancer health
// checks, Route 53, Auto Scaling across AZs, queueing on busy instances, spikes and scaling.
#include <doctest/doctest.h>

#include <algorithm>

#include "sim_helpers.h"

using namespace sim;
using test::Act;
using test::Do;

namespace {

SgVerdict LastAttack(const Sim& s) {
  const auto attacks = test::EventsOf<AttackAttempt>(s);
  REQUIRE(!attacks.empty());
  return attacks.back().verdict;
}

}  // namespace

TEST_CASE("with sg-db allowing only sg-web, a direct DB connection from the internet is denied by name") {
  Config c = test::Crowd(200, 31);
  Sim s(c);
  s.RunFor(Sec(20));
  CHECK(s.totals().by_outcome[static_cast<size_t>(Outcome::DeniedBySg)] == 0);

  Act(s, AttackerConnect{AttackTarget::Database, 0, {}});
  const SgVerdict db = LastAttack(s);
  CHECK_FALSE(db.allowed);
  CHECK(db.group == SgId::Db);
  CHECK(db.rule_index == -1);
  CHECK(Describe(db, s.security_groups()) ==
        "denied by sg-db: no rule allows 203.0.113.66 on 3306 (sg-db allows: tcp 3306 from sg-web)");

  Act(s, AttackerConnect{AttackTarget::Cache, 0, {}});
  CHECK(Describe(LastAttack(s)) == "denied by sg-cache: no rule allows 203.0.113.66 on 6379");
  Act(s, AttackerConnect{AttackTarget::Instance, 0, InstanceId{1}});
  CHECK(Describe(LastAttack(s), s.security_groups()) ==
        "denied by sg-web: no rule allows 203.0.113.66 on 80 (sg-web allows: tcp 80 from sg-elb)");
  Act(s, AttackerConnect{AttackTarget::LoadBalancer, 0, {}});
  CHECK(LastAttack(s).allowed);
  CHECK(Describe(LastAttack(s), s.security_groups()) ==
        "allowed by sg-elb: rule 1 lets 203.0.113.66 in on 443 (tcp 443 from 0.0.0.0/0)");
  CHECK(s.totals().attacks_denied == 3);
  CHECK(s.totals().attacks_allowed == 1);

  // Opening the database to the world lets the attacker in, through the rule that was added.
  const SgRule world{3306, 3306, SgSource{SgSource::Kind::Cidr, SgId::Elb, *ParseCidr("0.0.0.0/0")}};
  Act(s, SetSgRule{SgId::Db, world});
  Act(s, AttackerConnect{AttackTarget::Database, 0, {}});
  CHECK(LastAttack(s).allowed);
  CHECK(LastAttack(s).rule_index == 1);
}

TEST_CASE("removing sg-db's rule for sg-web denies every database hop, and the trace names the rule") {
  Config c = test::Crowd(200, 32);
  Sim s(c);
  s.RunFor(Sec(10));
  Act(s, SetSgRules{SgId::Db, {}});
  s.RunFor(Sec(10));
  const uint64_t denied = s.totals().by_outcome[static_cast<size_t>(Outcome::DeniedBySg)];
  CHECK(denied > 300);
  CHECK(denied == test::CountOf<ConnectionDenied>(s));
  const RequestTrace& t = s.traces().back();
  REQUIRE(t.outcome == Outcome::DeniedBySg);
  CHECK(Describe(t.denial, s.security_groups()) == "denied by sg-db: no rule allows sg-web on 3306 (sg-db allows: nothing)");
  CHECK(t.hops[t.hop_count - 1].result == HopResult::Denied);

  // A rule naming the wrong group still denies: sg-elb is not sg-web.
  const SgRule from_elb{3306, 3306, SgSource{SgSource::Kind::Group, SgId::Elb, {}}};
  Act(s, SetSgRule{SgId::Db, from_elb});
  s.RunFor(Sec(5));
  CHECK(Describe(s.traces().back().denial) == "denied by sg-db: no rule allows sg-web on 3306");
  Act(s, SetSgRule{SgId::Db, SgRule{3306, 3306, SgSource{SgSource::Kind::Group, SgId::Web, {}}}});
  const uint64_t denied_before = s.totals().by_outcome[static_cast<size_t>(Outcome::DeniedBySg)];
  s.RunFor(Sec(10));
  CHECK(s.totals().by_outcome[static_cast<size_t>(Outcome::DeniedBySg)] == denied_before);
}

TEST_CASE("a CIDR rule admits only the subnets it covers") {
  Config c = test::Crowd(300, 33);
  // Only AZ a's subnet (10.0.1.0/24) may reach the database.
  c.security_groups.rules[static_cast<size_t>(SgId::Db)] = {
      SgRule{3306, 3306, SgSource{SgSource::Kind::Cidr, SgId::Elb, *ParseCidr("10.0.1.0/24")}}};
  Sim s(c);
  s.RunFor(Sec(30));
  uint64_t denied_by_az[kAzCount] = {};
  for (size_t i = 0; i < s.traces().size(); ++i) {
    const RequestTrace& t = s.traces()[i];
    if (t.outcome == Outcome::DeniedBySg) ++denied_by_az[AzIndex(s.FindInstance(t.instance)->az)];
  }
  CHECK(denied_by_az[0] == 0);
  CHECK(denied_by_az[1] > 100);
  CHECK(denied_by_az[2] > 100);
}

TEST_CASE("an AZ outage: errors until health checks notice, then the Auto Scaling group replaces the instances") {
  Config c = test::Crowd(1000, 34);
  c.session.strategy = SessionStrategy::ServerSession;
  c.auto_scaling.desired = 6;
  c.auto_scaling.launch_delay_s = 60;
  Sim s(c);
  s.RunFor(Sec(30));
  CHECK(s.series().back().instances_per_az[1] == 2);
  s.Enqueue(FailAz{Az::B});
  s.RunFor(Sec(40));
  // Unhealthy after 2 failed checks 10 s apart: no request reaches AZ b after that.
  const auto unhealthy = test::EventsOf<InstanceUnhealthy>(s);
  CHECK(unhealthy.size() == 2);
  const uint64_t unreachable = s.totals().by_outcome[static_cast<size_t>(Outcome::TargetUnreachable)];
  CHECK(unreachable > 20);
  s.RunFor(Sec(30));
  CHECK(s.totals().by_outcome[static_cast<size_t>(Outcome::TargetUnreachable)] == unreachable);
  // Route 53 stopped answering with the load balancer node in AZ b.
  CHECK(test::CountOf<LbNodeRemovedFromDns>(s) == 1);
  CHECK_FALSE(s.lb_nodes()[1].in_dns);
  s.RunFor(Sec(120));
  const SecondSample& last = s.series().back();
  CHECK(last.instances_per_az[1] == 0);
  CHECK(last.instances_per_az[0] + last.instances_per_az[2] == 6);
  CHECK(last.instances_in_service == 6);
  // When the AZ returns, the group rebalances into it.
  s.Enqueue(RestoreAz{Az::B});
  s.RunFor(Sec(600));
  const SecondSample& after = s.series().back();
  CHECK(after.instances_per_az[0] == 2);
  CHECK(after.instances_per_az[1] == 2);
  CHECK(after.instances_per_az[2] == 2);
  CHECK(s.lb_nodes()[1].in_dns);
}

TEST_CASE("a terminated instance is replaced after the launch delay and health checks") {
  Config c = test::Crowd(300, 35);
  c.auto_scaling.launch_delay_s = 60;
  Sim s(c);
  s.RunFor(Sec(10));
  const auto launched = test::EventsOf<InstanceLaunched>(s);
  Act(s, TerminateInstance{InstanceId{3}});
  s.RunFor(Sec(2));
  const auto relaunched = test::EventsOf<InstanceLaunched>(s);
  REQUIRE(relaunched.size() == launched.size() + 1);
  CHECK(relaunched.back().instance == InstanceId{4});
  CHECK(relaunched.back().az == Az::C);  // the emptiest AZ
  s.RunFor(Sec(80));
  const Instance* fresh = s.FindInstance(InstanceId{4});
  REQUIRE(fresh != nullptr);
  CHECK(fresh->state == InstanceState::InService);
  // Launch delay (60 s) then two passing checks, the second 10 s after the first.
  CHECK(fresh->in_service_us - fresh->launched_us == Sec(70));
  Act(s, TerminateInstance{InstanceId{3}});
  CHECK(test::EventsOf<CommandRejected>(s).size() == 1);
}

TEST_CASE("latency grows with utilisation, and a saturated instance answers 503") {
  auto run = [](uint32_t shoppers) {
    Config c = test::Crowd(shoppers, 36);
    c.instances.vcpus = 1;
    Sim s(c);
    s.RunFor(Sec(60));
    return std::make_pair(MetricValue(s, "instance_cpu_pct").value(), s);
  };
  const auto [cpu_low, low] = run(300);
  const auto [cpu_mid, mid] = run(2500);
  const auto [cpu_high, high] = run(6000);
  CHECK(cpu_low < 15);
  CHECK(cpu_mid > 75);
  CHECK(MetricValue(mid, "p99_ms").value() > MetricValue(low, "p99_ms").value() * 1.5);
  CHECK(cpu_high > 99);
  CHECK(high.totals().by_outcome[static_cast<size_t>(Outcome::InstanceOverloaded)] > 1000);
  CHECK(MetricValue(high, "p99_ms").value() > 1000);
}

TEST_CASE("least outstanding requests evens out queues under load: lower p99 than round robin") {
  auto run = [](RoutingAlgorithm routing) {
    Config c = test::Crowd(1500, 37);
    c.load_balancer.routing = routing;
    c.instances.vcpus = 1;  // about half busy: queues form in bursts
    Sim s(c);
    s.RunFor(Sec(90));
    uint64_t min_requests = UINT64_MAX, max_requests = 0;
    for (const Instance& in : s.instances()) {
      min_requests = std::min(min_requests, in.requests);
      max_requests = std::max(max_requests, in.requests);
    }
    return std::make_pair(MetricValue(s, "run_p99_ms").value(), static_cast<double>(max_requests) / min_requests);
  };
  const auto rr = run(RoutingAlgorithm::RoundRobin);
  const auto lor = run(RoutingAlgorithm::LeastOutstandingRequests);
  const double p99_rr = rr.first, spread_rr = rr.second;
  const double p99_lor = lor.first, spread_lor = lor.second;
  CAPTURE(p99_rr);
  CAPTURE(p99_lor);
  CHECK(spread_rr < 1.01);   // round robin: equal shares whatever the queues
  CHECK(spread_lor < 1.05);  // least outstanding: about equal, decided request by request
  CHECK(p99_lor < p99_rr * 0.95);
}

TEST_CASE("a traffic spike triples the request rate for its duration") {
  Config c = test::Crowd(1000, 38);
  Sim s(c);
  s.RunFor(Sec(30));
  const double before = test::MeanOfLast(s, 10, [](const SecondSample& x) { return x.requests; });
  Act(s, TrafficSpike{300, 60});
  s.RunFor(Sec(40));
  const double during = test::MeanOfLast(s, 10, [](const SecondSample& x) { return x.requests; });
  CHECK(during / before == doctest::Approx(3.0).epsilon(0.1));
  CHECK(s.series().back().shoppers_active == 3000);
  s.RunFor(Sec(40));
  CHECK(test::CountOf<TrafficSpikeEnded>(s) == 1);
  CHECK(s.active_crowd() == 1000);
  s.RunFor(Sec(10));
  const double after = test::MeanOfLast(s, 5, [](const SecondSample& x) { return x.requests; });
  CHECK(after / before == doctest::Approx(1.0).epsilon(0.15));
}

TEST_CASE("target tracking scales out on CPU and back in after the cooldown") {
  Config c = test::Crowd(1000, 39);
  c.auto_scaling = AutoScalingConfig{2, 3, 12, 60, true, 50, 300};
  c.instances.vcpus = 1;
  Sim s(c);
  s.RunFor(Sec(90));
  CHECK(s.auto_scaling().desired == 3);
  Act(s, TrafficSpike{300, 600});
  s.RunFor(Sec(400));
  const auto changes = test::EventsOf<DesiredCapacityChanged>(s);
  REQUIRE(!changes.empty());
  CHECK(changes.front().cause == ScalingCause::TargetTracking);
  CHECK(s.auto_scaling().desired >= 6);
  CHECK(MetricValue(s, "instance_cpu_pct").value() < 65);
  s.RunFor(Sec(900));
  CHECK(s.auto_scaling().desired <= 4);
}

TEST_CASE("Route 53 answers with every node when none is healthy (fail open)") {
  Config c = test::Crowd(300, 40);
  Sim s(c);
  s.RunFor(Sec(10));
  for (Az az : {Az::A, Az::B, Az::C}) s.Enqueue(FailAz{az});
  s.RunFor(Sec(60));
  for (const LbNode& node : s.lb_nodes()) CHECK_FALSE(node.in_dns);
  const uint64_t unreachable = s.totals().by_outcome[static_cast<size_t>(Outcome::LbNodeUnreachable)];
  s.RunFor(Sec(10));
  CHECK(s.totals().by_outcome[static_cast<size_t>(Outcome::LbNodeUnreachable)] > unreachable);
  for (Az az : {Az::A, Az::B, Az::C}) s.Enqueue(RestoreAz{az});
  s.RunFor(Sec(200));
  CHECK(MetricValue(s, "errors_per_s").value() == 0);
}
