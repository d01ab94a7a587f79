// Theory beside the simulation (theory.h; formulas and departures in docs/model.md).
#include "statelab/theory.h"

#include <algorithm>
#include <cmath>
#include <limits>

#include "statelab/cart.h"
#include "statelab/sim.h"

namespace sim {

std::string_view Name(TheoryKind kind) {
  switch (kind) {
    case TheoryKind::MissChance: return "miss_chance";
    case TheoryKind::InstanceUtilisation: return "instance_utilisation";
    case TheoryKind::InstanceWait: return "instance_wait";
    case TheoryKind::PrimaryReadShare: return "primary_read_share";
    case TheoryKind::CacheHitRatio: return "cache_hit_ratio";
    case TheoryKind::CookieLimit: return "cookie_limit";
  }
  return "?";
}

// [SECTION] Formulas
double MissChance(uint32_t instances) { return instances == 0 ? 0.0 : 1.0 - 1.0 / instances; }

double Utilisation(double lambda_per_s, double mean_service_us, uint32_t servers) {
  return servers == 0 ? 0.0 : lambda_per_s * mean_service_us / 1e6 / servers;
}

double ErlangC(uint32_t c, double a) {
  if (c == 0 || a >= c) return 1.0;
  // sum_{k<c} a^k/k! and a^c/c!, built term by term.
  double term = 1.0, sum = 0.0;
  for (uint32_t k = 0; k < c; ++k) {
    sum += term;
    term *= a / (k + 1);
  }
  const double top = term * c / (c - a);
  return top / (sum + top);
}

double MgcWaitUs(double lambda_per_s, double mean_service_us, double scv, uint32_t c) {
  const double rho = Utilisation(lambda_per_s, mean_service_us, c);
  if (rho >= 1.0) return std::numeric_limits<double>::infinity();
  if (lambda_per_s <= 0) return 0.0;
  const double a = lambda_per_s * mean_service_us / 1e6;
  const double mu = 1e6 / mean_service_us;
  return ErlangC(c, a) / (c * mu - lambda_per_s) * (1.0 + scv) / 2.0 * 1e6;
}

double FastServerWaitUs(double lambda_per_s, double mean_service_us, double scv, uint32_t c) {
  const double rho = Utilisation(lambda_per_s, mean_service_us, c);
  if (rho >= 1.0) return std::numeric_limits<double>::infinity();
  const double s = mean_service_us / c / 1e6;  // seconds on the fast server
  const double second_moment = s * s * (1.0 + scv);
  return lambda_per_s * second_moment / (2.0 * (1.0 - rho)) * 1e6;
}

double KingmanWaitUs(double lambda_per_s, double mean_service_us, double ca2, double cs2, uint32_t c) {
  const double rho = Utilisation(lambda_per_s, mean_service_us, c);
  if (rho >= 1.0) return std::numeric_limits<double>::infinity();
  return (ca2 + cs2) / 2.0 * rho / (1.0 - rho) * mean_service_us / c;
}

double PrimaryReadShare(uint32_t replicas) { return 1.0 / (replicas + 1.0); }

double LazyLoadingHitRatio(double r, double ttl_s) {
  const double x = std::max(0.0, r * ttl_s);
  return x / (1.0 + x);
}

namespace {

// "cart=v1." + base64url(payload) + (".sig": 1 + 43 characters for 32 bytes).
double CookieBytesOfPayload(double payload_bytes, bool is_signed) {
  return 8.0 + std::ceil(payload_bytes * 4.0 / 3.0) + (is_signed ? 44.0 : 0.0);
}

// A cart of `lines` products spread evenly over the catalogue (a T-shirt, a jacket, ...).
Cart CartOfSpread(uint32_t lines) {
  Cart cart;
  const size_t size = Catalog().size();
  for (uint32_t k = 0; k < lines; ++k) AddToCart(cart, static_cast<uint16_t>(k * size / lines));
  return cart;
}

}  // namespace

double CartCookieBytesModel(uint32_t lines, bool is_signed) {
  if (lines == 0) return 0.0;
  // The mean encoded line of the catalogue, measured once from the encoder's own payload size.
  const auto catalog = Catalog();
  double sum = 0.0;
  for (size_t k = 0; k < catalog.size(); ++k) {
    Cart one;
    AddToCart(one, static_cast<uint16_t>(k));
    sum += one.payload_bytes;
  }
  const double mean_line = sum / static_cast<double>(catalog.size());
  return CookieBytesOfPayload(lines * mean_line + (lines - 1), is_signed);  // '|' between lines
}

uint32_t CartCookieLinesAtLimit(bool is_signed) {
  uint32_t n = 0;
  while (n < kMaxCartLines && CartCookieBytesModel(n + 1, is_signed) <= kCookieLimitBytes) ++n;
  return n;
}

uint32_t CartCookieBytesMeasured(uint32_t lines, bool is_signed) {
  if (lines == 0) return 0;
  return CartCookieBytes(CartOfSpread(lines), is_signed);
}

// [SECTION] Rows
namespace {

struct Window {
  double rps = 0, instances = 0, cpu = 0, hits = 0, misses = 0, shoppers = 0, cookie_bytes = 0;
  uint32_t seconds = 0;
};

Window RecentSeconds(const Sim& sim) {
  Window w;
  const auto& series = sim.series();
  const size_t n = std::min<size_t>(series.size(), kTheoryWindowS);
  for (size_t k = series.size() - n; k < series.size(); ++k) {
    const SecondSample& s = series[k];
    w.rps += s.requests;
    w.instances += s.instances_in_service;
    w.cpu += s.instance_cpu_bp_avg / 10000.0;
    w.hits += s.cache_hits;
    w.misses += s.cache_misses;
    w.shoppers += s.shoppers_active;
    w.cookie_bytes += s.mean_cookie_bytes;
  }
  w.seconds = static_cast<uint32_t>(n);
  if (n > 0) {
    w.rps /= n;
    w.instances /= n;
    w.cpu /= n;
    w.shoppers /= n;
    w.cookie_bytes /= n;
  }
  return w;
}

// The mean and squared coefficient of variation of a request's CPU time, over the run's mix.
void ServiceTime(const Sim& sim, double cookie_bytes, double& mean_us, double& scv) {
  const Totals& t = sim.totals();
  double n = 0, s1 = 0, s2 = 0;
  for (int k = 0; k < kRequestKindCount; ++k) {
    const double count = static_cast<double>(t.by_kind[static_cast<size_t>(k)]);
    const double us = sim.config().instances.cpu_us[static_cast<size_t>(k)] + cookie_bytes / 16.0;
    n += count;
    s1 += count * us;
    s2 += count * us * us;
  }
  mean_us = n > 0 ? s1 / n : 0;
  scv = n > 0 && mean_us > 0 ? (s2 / n) / (mean_us * mean_us) - 1.0 : 0;
}

TheoryRow Judge(TheoryRow row, uint32_t min_samples, Departure otherwise) {
  row.agrees = std::fabs(row.predicted - row.measured) <= row.tolerance;
  if (row.samples < min_samples) {
    row.agrees = false;
    row.why = Departure::FewSamples;
  } else if (!row.agrees) {
    row.why = otherwise;
  }
  return row;
}

}  // namespace

std::vector<TheoryRow> TheoryRows(const Sim& sim) {
  const Config& c = sim.config();
  const Window w = RecentSeconds(sim);
  std::vector<TheoryRow> rows;

  // Traced requests: the session on the instance, the instance's queue, the database reads.
  uint32_t found = 0, missed = 0, waited = 0, primary = 0, replica = 0;
  double wait_sum_us = 0;
  const auto& traces = sim.traces();
  for (size_t k = 0; k < traces.size(); ++k) {
    const RequestTrace& t = traces[k];
    if (t.start_us < sim.now_us() - Sec(kTheoryWindowS)) continue;
    bool queued = false;
    for (int h = 0; h < t.hop_count; ++h) {
      const Hop& hop = t.hops[static_cast<size_t>(h)];
      if (hop.component == Component::WebInstance && hop.result == HopResult::Ok && !queued) {
        queued = true;
        const double cost = c.instances.cpu_us[static_cast<size_t>(t.kind)] + t.cookie_bytes / 16;
        wait_sum_us += std::max(0.0, hop.latency_us - cost);
        ++waited;
      }
      if (hop.component == Component::WebInstance && t.cookie_bytes > 0) {
        if (hop.result == HopResult::SessionFound) ++found;
        if (hop.result == HopResult::SessionNotFound) ++missed;
      }
      if (hop.result == HopResult::DbRead || hop.result == HopResult::DbReadStale) {
        if (hop.component == Component::RdsPrimary) ++primary;
        if (hop.component == Component::RdsReplica) ++replica;
      }
    }
  }

  {  // 1 - 1/N
    TheoryRow r;
    r.kind = TheoryKind::MissChance;
    r.applies = c.session.strategy == SessionStrategy::InstanceMemory && !c.load_balancer.stickiness.enabled;
    r.predicted = MissChance(static_cast<uint32_t>(std::lround(w.instances)));
    r.samples = found + missed;
    r.measured = r.samples > 0 ? static_cast<double>(missed) / r.samples : 0;
    r.tolerance = 0.05;
    rows.push_back(Judge(r, 200, Departure::Transient));
  }
  double mean_us = 0, scv = 0;
  ServiceTime(sim, w.cookie_bytes, mean_us, scv);
  const uint32_t cores = std::max<uint32_t>(1, c.instances.vcpus);
  const double lambda_i = w.instances > 0 ? w.rps / w.instances : 0;
  {  // rho = lambda S / c
    TheoryRow r;
    r.kind = TheoryKind::InstanceUtilisation;
    r.applies = true;
    r.predicted = Utilisation(lambda_i, mean_us, cores);
    r.measured = w.cpu;
    r.samples = w.seconds;
    r.tolerance = 0.05;
    rows.push_back(Judge(r, 10, Departure::Transient));
  }
  {  // mean wait in the instance's queue
    TheoryRow r;
    r.kind = TheoryKind::InstanceWait;
    r.applies = true;
    const double ca2 = w.instances > 0 ? 1.0 / w.instances : 1.0;  // every N-th of the crowd's stream
    r.predicted = KingmanWaitUs(lambda_i, mean_us, ca2, scv, cores) / 1000.0;  // ms
    r.measured = waited > 0 ? wait_sum_us / waited / 1000.0 : 0;
    r.samples = waited;
    r.tolerance = std::max(0.5, 0.3 * r.predicted);
    TheoryRow judged = Judge(r, 200, Departure::FinitePopulation);
    if (Utilisation(lambda_i, mean_us, cores) >= 1.0) {
      judged.agrees = false;
      judged.why = Departure::Overloaded;
    }
    rows.push_back(judged);
  }
  {  // 1 / (n + 1)
    TheoryRow r;
    r.kind = TheoryKind::PrimaryReadShare;
    r.applies = c.rds.read_replicas > 0 && c.rds.read_routing == ReadRouting::Spread;
    r.predicted = PrimaryReadShare(c.rds.read_replicas);
    r.samples = primary + replica;
    r.measured = r.samples > 0 ? static_cast<double>(primary) / r.samples : 0;
    r.tolerance = 0.05;
    rows.push_back(Judge(r, 200, Departure::Transient));
  }
  {  // r T / (1 + r T)
    TheoryRow r;
    r.kind = TheoryKind::CacheHitRatio;
    r.applies = c.cache.read_mode != CacheMode::None;
    const double reads_per_s = w.seconds > 0 ? (w.hits + w.misses) / w.seconds : 0;
    const double keys = std::max(1.0, std::min<double>(w.shoppers, c.shoppers.users));
    r.predicted = LazyLoadingHitRatio(reads_per_s / keys, static_cast<double>(c.cache.ttl_s));
    r.samples = static_cast<uint32_t>(w.hits + w.misses);
    r.measured = r.samples > 0 ? w.hits / (w.hits + w.misses) : 0;
    r.tolerance = 0.05;
    rows.push_back(Judge(r, 200, Departure::BurstyKeys));
  }
  {  // the most lines under 4,096 bytes
    TheoryRow r;
    r.kind = TheoryKind::CookieLimit;
    r.applies = c.session.strategy == SessionStrategy::ClientCookie;
    const bool is_signed = c.session.cookie_signing;
    r.predicted = CartCookieLinesAtLimit(is_signed);
    uint32_t n = 0;
    while (n < kMaxCartLines && CartCookieBytesMeasured(n + 1, is_signed) <= kCookieLimitBytes) ++n;
    r.measured = n;
    r.samples = kMaxCartLines;
    r.tolerance = 1;
    rows.push_back(Judge(r, 1, Departure::None));
  }
  return rows;
}

}  // namespace sim
