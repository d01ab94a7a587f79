// Theory beside the simulation (theory.h, docs/model.md): each formula against known values, and
// each row's prediction against the Sim's measurement on a canonical configuration, within the
// row's stated tolerance; where the model departs (bursty keys), the row says so.
#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>

#include "sim_helpers.h"
#include "statelab/cart.h"
#include "statelab/sim.h"
#include "statelab/theory.h"

namespace {

sim::TheoryRow Row(const sim::Sim& s, sim::TheoryKind kind) {
  for (const sim::TheoryRow& r : sim::TheoryRows(s)) {
    if (r.kind == kind) return r;
  }
  FAIL("no row");
  return {};
}

sim::Config Canonical(uint32_t shoppers) {
  sim::Config c;
  c.seed = 11;
  c.shoppers.count = shoppers;
  return c;
}

}  // namespace

TEST_CASE("the formulas give their textbook values") {
  CHECK(sim::MissChance(1) == 0.0);
  CHECK(sim::MissChance(3) == doctest::Approx(2.0 / 3.0));
  CHECK(sim::Utilisation(100, 5000, 2) == doctest::Approx(0.25));
  CHECK(sim::ErlangC(1, 0.5) == doctest::Approx(0.5));          // M/M/1: the chance to wait is rho
  CHECK(sim::ErlangC(2, 1.0) == doctest::Approx(1.0 / 3.0));
  // M/M/1 (cs^2 = 1), lambda 50/s, S 10 ms: Wq = rho / (mu - lambda) = 10 ms, by both formulas.
  CHECK(sim::MgcWaitUs(50, 10'000, 1.0, 1) == doctest::Approx(10'000));
  CHECK(sim::FastServerWaitUs(50, 10'000, 1.0, 1) == doctest::Approx(10'000));
  // Kingman with Poisson arrivals (ca^2 = 1) is Pollaczek-Khinchine; Erlang-3 gaps wait less.
  CHECK(sim::KingmanWaitUs(50, 10'000, 1.0, 1.0, 1) == doctest::Approx(10'000));
  CHECK(sim::KingmanWaitUs(50, 10'000, 1.0 / 3, 0.0, 1) == doctest::Approx(10'000.0 / 6));
  // M/D/1 waits half as long.
  CHECK(sim::MgcWaitUs(50, 10'000, 0.0, 1) == doctest::Approx(5'000));
  CHECK(std::isinf(sim::MgcWaitUs(300, 10'000, 0.0, 2)));
  CHECK(sim::PrimaryReadShare(0) == 1.0);
  CHECK(sim::PrimaryReadShare(3) == doctest::Approx(0.25));
  CHECK(sim::LazyLoadingHitRatio(0.1, 30) == doctest::Approx(0.75));
}

TEST_CASE("the cookie model's size is within 3 % (or 16 bytes) of the encoder's for every cart size, and the limit within one line") {
  for (bool is_signed : {true, false}) {
    for (uint32_t n = 1; n <= sim::kMaxCartLines; ++n) {
      CAPTURE(n);
      const double model = sim::CartCookieBytesModel(n, is_signed);
      const double real = sim::CartCookieBytesMeasured(n, is_signed);
      CHECK(std::fabs(model - real) <= std::max(16.0, 0.03 * real));  // one line's name can run 16 bytes off the mean
    }
    uint32_t real_limit = 0;
    while (real_limit < sim::kMaxCartLines && sim::CartCookieBytesMeasured(real_limit + 1, is_signed) <= sim::kCookieLimitBytes) ++real_limit;
    CHECK(std::abs(static_cast<int>(sim::CartCookieLinesAtLimit(is_signed)) - static_cast<int>(real_limit)) <= 1);
    CHECK(real_limit < sim::kMaxCartLines);  // the limit comes before the cart is full
  }
}

TEST_CASE("without stickiness, the share of requests that miss their session is 1 - 1/N") {
  for (uint32_t n : {2u, 3u, 6u}) {
    CAPTURE(n);
    sim::Config c = Canonical(1000);
    c.auto_scaling = {n, n, n};
    sim::Sim s(c);
    s.RunFor(sim::Sec(90));
    const sim::TheoryRow r = Row(s, sim::TheoryKind::MissChance);
    CHECK(r.applies);
    CHECK(r.predicted == doctest::Approx(sim::MissChance(n)));
    CHECK(r.samples >= 200);
    CHECK(r.agrees);
    CHECK(std::fabs(r.measured - r.predicted) <= r.tolerance);
  }
  sim::Config sticky = Canonical(1000);
  sticky.load_balancer.stickiness.enabled = true;
  sim::Sim s(sticky);
  s.RunFor(sim::Sec(30));
  CHECK_FALSE(Row(s, sim::TheoryKind::MissChance).applies);
}

TEST_CASE("instance utilisation rho = lambda S / c and the queue's mean wait agree with the measurement") {
  for (uint32_t shoppers : {1000u, 2500u}) {
    CAPTURE(shoppers);
    sim::Config c = Canonical(shoppers);
    c.session.strategy = sim::SessionStrategy::ServerSession;  // no cookie growth in the service time
    sim::Sim s(c);
    s.RunFor(sim::Sec(90));
    const sim::TheoryRow rho = Row(s, sim::TheoryKind::InstanceUtilisation);
    CHECK(rho.agrees);
    CHECK(rho.predicted > 0.1);
    const sim::TheoryRow wait = Row(s, sim::TheoryKind::InstanceWait);
    CAPTURE(wait.predicted);
    CAPTURE(wait.measured);
    CHECK(wait.samples >= 200);
    CHECK(wait.agrees);
  }
}

TEST_CASE("with n replicas and spread routing the primary serves 1/(n+1) of the reads") {
  for (uint32_t n : {1u, 2u, 4u}) {
    CAPTURE(n);
    sim::Config c = Canonical(1000);
    c.rds.read_replicas = n;
    sim::Sim s(c);
    s.RunFor(sim::Sec(60));
    const sim::TheoryRow r = Row(s, sim::TheoryKind::PrimaryReadShare);
    CHECK(r.applies);
    CHECK(r.predicted == doctest::Approx(1.0 / (n + 1)));
    CHECK(r.agrees);
  }
}

TEST_CASE("lazy loading's hit ratio: the steady-rate formula, and the bursty keys it does not model") {
  sim::Config c = Canonical(3000);
  c.shoppers.think_time_us = sim::Sec(2);
  c.auto_scaling = {3, 9, 12};
  c.session.strategy = sim::SessionStrategy::ServerSession;
  c.cache.read_mode = sim::CacheMode::LazyLoading;
  c.cache.ttl_s = 30;
  sim::Sim s(c);
  s.RunFor(sim::Sec(120));
  const sim::TheoryRow r = Row(s, sim::TheoryKind::CacheHitRatio);
  CAPTURE(r.predicted);
  CAPTURE(r.measured);
  CHECK(r.applies);
  CHECK(r.samples >= 200);
  CHECK(std::fabs(r.measured - r.predicted) <= r.tolerance);
  CHECK(r.agrees);
}
