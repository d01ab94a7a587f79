// The data tier: read replicas spreading reads, cache-aside and write-through, stale reads,
// Multi-AZ failover of RDS, replica lag and promotion, and an AZ outage with everything Multi-AZ.
#include <doctest/doctest.h>

#include "sim_helpers.h"

using namespace sim;
using test::Act;
using test::Do;

namespace {

struct ReadRun {
  double primary_share;
  double primary_cpu_pct;
  double reads;
  double writes;
};

ReadRun RunWithReplicas(uint32_t replicas) {
  Config c = test::Crowd(2000, 21);
  c.rds.read_replicas = replicas;
  c.rds.read_routing = ReadRouting::Spread;
  c.session.strategy = SessionStrategy::ServerSession;
  Sim s(c);
  s.RunFor(Sec(120));
  const Totals& t = s.totals();
  const double reads = static_cast<double>(t.db_reads_primary + t.db_reads_replica);
  return ReadRun{static_cast<double>(t.db_reads_primary) / reads,
                 test::MeanOfLast(s, 60, [](const SecondSample& x) { return x.db_primary_cpu_bp; }) / 100.0, reads,
                 static_cast<double>(t.db_writes)};
}

}  // namespace

TEST_CASE("adding read replicas lowers the primary's reads, and its CPU, in proportion") {
  const ReadRun none = RunWithReplicas(0);
  CHECK(none.primary_share == doctest::Approx(1.0));
  CHECK(none.primary_cpu_pct > 20);
  const Config defaults;
  for (uint32_t n : {1u, 2u, 4u}) {
    CAPTURE(n);
    const ReadRun run = RunWithReplicas(n);
    CHECK(run.primary_share == doctest::Approx(1.0 / (n + 1)).epsilon(0.01));
    // CPU follows the work left on the primary: its share of reads, plus every write.
    const double work_none = none.reads * defaults.rds.read_cpu_us + none.writes * defaults.rds.write_cpu_us;
    const double work_now = run.reads / (n + 1) * defaults.rds.read_cpu_us + run.writes * defaults.rds.write_cpu_us;
    CHECK(run.primary_cpu_pct / none.primary_cpu_pct == doctest::Approx(work_now / work_none).epsilon(0.08));
    CHECK(run.primary_cpu_pct < none.primary_cpu_pct * (n == 1 ? 0.62 : n == 2 ? 0.46 : 0.35));
  }
}

TEST_CASE("cache-aside lowers database reads by exactly the hit ratio") {
  Config c = test::Crowd(2000, 22);
  c.cache.read_mode = CacheMode::LazyLoading;
  c.cache.ttl_s = 300;
  Sim s(c);
  s.RunFor(Sec(120));
  const Totals& t = s.totals();
  const uint64_t lookups = t.cache_hits + t.cache_misses;
  const double hit_ratio = MetricValue(s, "cache_hit_ratio").value();
  CHECK(hit_ratio > 0.7);
  // Every miss, and only a miss, reads RDS.
  CHECK(t.db_reads_primary + t.db_reads_replica == t.cache_misses);
  CHECK(static_cast<double>(t.db_reads_primary) == doctest::Approx(lookups * (1.0 - hit_ratio)));
  CHECK(MetricValue(s, "db_reads_saved").value() == static_cast<double>(t.cache_hits));

  Config no_cache = c;
  no_cache.cache.read_mode = CacheMode::None;
  Sim plain(no_cache);
  plain.RunFor(Sec(120));
  const double per_request_plain = static_cast<double>(plain.totals().db_reads_primary) / plain.totals().requests;
  const double per_request_cached = static_cast<double>(t.db_reads_primary) / t.requests;
  CHECK(per_request_cached == doctest::Approx(per_request_plain * (1.0 - hit_ratio)).epsilon(0.03));
  const auto cpu = [](const SecondSample& x) { return x.db_primary_cpu_bp; };
  CHECK(test::MeanOfLast(s, 60, cpu) < test::MeanOfLast(plain, 60, cpu) * 0.5);
}

TEST_CASE("cache-aside without invalidation serves a stale address until the TTL expires") {
  Config c = test::Crowd(0, 23);
  c.cache.read_mode = CacheMode::LazyLoading;
  c.cache.invalidation = Invalidation::TtlOnly;
  c.cache.ttl_s = 60;
  Sim s(c);
  Act(s, Do("alice", RequestKind::Browse));  // miss: the row is cached
  Act(s, Do("alice", RequestKind::UpdateAddress));
  Act(s, Do("alice", RequestKind::Browse));
  CHECK(test::Named(s, "alice").stats.last_outcome == Outcome::StaleRead);
  s.RunFor(Sec(30));
  Act(s, Do("alice", RequestKind::ViewCart));
  CHECK(test::Named(s, "alice").stats.last_outcome == Outcome::StaleRead);
  s.RunFor(Sec(31));  // past the 60 s TTL
  Act(s, Do("alice", RequestKind::Browse));
  CHECK(test::Named(s, "alice").stats.last_outcome == Outcome::Ok);
  CHECK(s.totals().stale_reads == 2);
  CHECK(test::Named(s, "alice").stats.stale_reads == 2);
}

TEST_CASE("invalidating on write or writing through leaves no stale read") {
  for (const CacheMode mode : {CacheMode::LazyLoading, CacheMode::WriteThrough}) {
    CAPTURE(Name(mode));
    Config c = test::Crowd(0, 24);
    c.cache.read_mode = mode;
    c.cache.invalidation = Invalidation::OnWrite;
    Sim s(c);
    Act(s, Do("alice", RequestKind::Browse));
    Act(s, Do("alice", RequestKind::UpdateAddress));
    Act(s, Do("alice", RequestKind::Browse));
    CHECK(test::Named(s, "alice").stats.last_outcome == Outcome::Ok);
    CHECK(s.totals().stale_reads == 0);
    // Write-through refreshed the key; invalidation deleted it and the read missed.
    CHECK(s.totals().cache_hits == (mode == CacheMode::WriteThrough ? 1 : 0));
  }
}

TEST_CASE("a lagging read replica serves stale data; the primary never does") {
  Config c = test::Crowd(0, 25);
  c.rds.read_replicas = 1;
  c.rds.read_routing = ReadRouting::Replicas;
  Sim s(c);
  Act(s, AddReplicaLag{0, 30'000, 60});
  CHECK(s.replica_lag_ms(kRdsFirstReplica) == 30'050);
  Act(s, Do("alice", RequestKind::UpdateAddress));
  s.RunFor(Sec(5));
  Act(s, Do("alice", RequestKind::Browse));
  CHECK(test::Named(s, "alice").stats.last_outcome == Outcome::StaleRead);
  s.RunFor(Sec(30));  // the write is now older than the lag
  Act(s, Do("alice", RequestKind::Browse));
  CHECK(test::Named(s, "alice").stats.last_outcome == Outcome::Ok);
  s.RunFor(Sec(30));
  CHECK(s.replica_lag_ms(kRdsFirstReplica) == 50);  // the injected lag expired
  CHECK(test::CountOf<ReplicaLagChanged>(s) == 2);

  Act(s, SetReadRouting{ReadRouting::Primary});
  Act(s, AddReplicaLag{-1, 30'000, 0});
  Act(s, Do("alice", RequestKind::UpdateAddress));
  Act(s, Do("alice", RequestKind::Browse));
  CHECK(test::Named(s, "alice").stats.last_outcome == Outcome::Ok);
}

TEST_CASE("RDS Multi-AZ: writes fail for 60-120 s, then the standby is the primary with every write") {
  Config c = test::Crowd(1000, 26);
  c.rds.multi_az = true;
  Sim s(c);
  REQUIRE(s.rds().standby == 1);
  CHECK(s.rds().nodes[0].az == Az::A);
  CHECK(s.rds().nodes[1].az == Az::B);
  s.RunFor(Sec(30));
  const uint64_t writes_before = s.totals().db_writes;
  s.Enqueue(FailRdsPrimary{});
  s.RunFor(Sec(150));
  const auto done = test::EventsOf<RdsFailoverCompleted>(s);
  REQUIRE(done.size() == 1);
  CHECK(done[0].downtime_us >= Sec(60));
  CHECK(done[0].downtime_us <= Sec(120));
  CHECK(done[0].new_primary == Az::B);
  CHECK(s.rds().primary == 1);
  CHECK(s.totals().by_outcome[static_cast<size_t>(Outcome::DbUnavailable)] > 100);
  CHECK(s.totals().db_writes > writes_before);
  CHECK(s.totals().addresses_lost == 0);
  // The failed primary comes back as the new standby.
  Act(s, RestoreRds{});
  CHECK(s.rds().standby == 0);
  CHECK(s.rds().nodes[0].role == RdsRole::Standby);
}

TEST_CASE("RDS without a standby stays down until restored; promoting a lagging replica loses writes") {
  Config c = test::Crowd(1000, 27);
  c.rds.read_replicas = 1;
  c.shoppers.mix = BehaviourMix{40, 10, 10, 40, 0};
  Sim s(c);
  s.RunFor(Sec(20));
  Act(s, AddReplicaLag{0, 10'000, 0});
  s.RunFor(Sec(20));
  const uint64_t writes = s.totals().db_writes;
  Act(s, FailRdsPrimary{});
  s.RunFor(Sec(200));
  CHECK(test::CountOf<RdsFailoverCompleted>(s) == 0);
  CHECK(s.totals().db_writes == writes);
  CHECK(s.totals().by_outcome[static_cast<size_t>(Outcome::DbUnavailable)] > 5000);
  Act(s, PromoteReadReplica{0});
  const auto promoted = test::EventsOf<ReplicaPromoted>(s);
  REQUIRE(promoted.size() == 1);
  // About 10 s of writes never reached the replica (40% of ~200 requests/s).
  CHECK(promoted[0].writes_lost > 500);
  CHECK(promoted[0].writes_lost < 1100);
  CHECK(s.totals().addresses_lost == promoted[0].writes_lost);
  CHECK(s.rds().nodes[0].role == RdsRole::Primary);
  CHECK(s.config().rds.read_replicas == 0);
  s.RunFor(Sec(10));
  CHECK(s.totals().db_writes > writes);
}

TEST_CASE("an AZ outage with everything Multi-AZ loses no committed address, and carts only to replication lag") {
  Config c = test::Crowd(1000, 28);
  c.session.strategy = SessionStrategy::ServerSession;
  c.cache.multi_az = true;
  c.rds.multi_az = true;
  c.rds.read_replicas = 1;
  Sim s(c);
  s.RunFor(Sec(30));
  Act(s, Do("alice", RequestKind::UpdateAddress));
  Act(s, Do("alice", RequestKind::AddToCart, 0));
  const uint32_t alice_version = test::Named(s, "alice").address_version;
  REQUIRE(alice_version >= 1);
  s.RunFor(Sec(30));
  s.Enqueue(FailAz{Az::A});  // the cache primary, the RDS primary and a web instance live here
  s.RunFor(Sec(300));
  const Totals& t = s.totals();
  // The cache's replica had not received the writes of the last 20 ms: a handful of sessions,
  // and nothing else (RDS Multi-AZ replicates synchronously).
  CHECK(t.sessions_lost == t.sessions_lost_to_lag);
  CHECK(t.sessions_lost_to_lag <= 5);
  CHECK(t.carts_lost <= t.sessions_lost_to_lag);
  CHECK(t.addresses_lost == 0);
  // The price was paid in errors, not in data: requests failed during the failovers.
  CHECK(t.by_outcome[static_cast<size_t>(Outcome::DbUnavailable)] > 0);
  CHECK(t.by_outcome[static_cast<size_t>(Outcome::SessionStoreUnavailable)] > 0);
  CHECK(test::CountOf<RdsFailoverCompleted>(s) == 1);
  CHECK(test::CountOf<CacheFailoverCompleted>(s) == 1);
  // Alice's address and cart are still there.
  Act(s, Do("alice", RequestKind::ViewCart));
  const Shopper& alice = test::Named(s, "alice");
  CHECK(alice.stats.last_outcome == Outcome::Ok);
  CHECK(alice.stats.carts_lost == 0);
  CHECK(alice.stored.units == 1);
  CHECK(s.user_version(alice.user) == alice_version);
  // The Auto Scaling group moved the web tier out of AZ a.
  const SecondSample& last = s.series().back();
  CHECK(last.instances_per_az[0] == 0);
  CHECK(last.instances_in_service == 3);
}

TEST_CASE("the same AZ outage with a single-node cache loses the carts when the AZ comes back empty") {
  Config c = test::Crowd(1000, 28);
  c.session.strategy = SessionStrategy::ServerSession;
  c.cache.multi_az = false;
  c.rds.multi_az = true;
  Sim s(c);
  s.RunFor(Sec(60));
  s.Enqueue(FailAz{Az::A});
  s.RunFor(Sec(60));
  s.Enqueue(RestoreAz{Az::A});
  s.RunFor(Sec(60));
  CHECK(s.totals().carts_lost > 300);
  CHECK(s.totals().sessions_lost > 500);
  CHECK(test::EventsOf<CacheNodeRestored>(s).back().empty);
}
