// Theory beside the simulation: what textbook formulas predict for the current configuration,
// next to what the Sim measures, and whether they agree within a stated tolerance. Every formula,
// its assumptions and where the model departs from it are in docs/model.md; the panel and the
// tests read the same rows (TheoryRows), so "agrees" is decided in one place.
//
// Index
//   [SECTION] Formulas   pure functions of numbers
//   [SECTION] Rows       predicted vs measured for a running Sim
#pragma once

#include <cstdint>
#include <string_view>
#include <vector>

#include "statelab/config.h"

namespace sim {

class Sim;

// [SECTION] Formulas
// The chance the next request of a visit lands on another of N instances (round robin, no
// stickiness): 1 - 1/N.
double MissChance(uint32_t instances);
// Utilisation of c servers with arrival rate lambda (per second) and mean service time (us):
// rho = lambda * S / c.
double Utilisation(double lambda_per_s, double mean_service_us, uint32_t servers);
// Erlang C: the chance an arrival waits in an M/M/c queue with offered load a = lambda * S (< c).
double ErlangC(uint32_t servers, double offered_load);
// Mean queueing wait (us) of M/G/c by the Allen-Cunneen approximation:
// Wq = C(c, a) / (c * mu - lambda) * (1 + cs^2) / 2, with cs^2 the squared coefficient of variation
// of the service time (0 for M/D/c). Infinite at rho >= 1.
double MgcWaitUs(double lambda_per_s, double mean_service_us, double service_scv, uint32_t servers);
// The model's own queue (docs/model.md): c cores drain one backlog together, an M/G/1 queue at c
// times the speed; Pollaczek-Khinchine: Wq = lambda * E[(S/c)^2] / (2 (1 - rho)).
double FastServerWaitUs(double lambda_per_s, double mean_service_us, double service_scv, uint32_t servers);
// Kingman's G/G/1 approximation on the same fast server: Wq = (ca^2 + cs^2)/2 * rho/(1 - rho) * S/c.
// Round robin sends an instance every N-th request of a near-Poisson stream: Erlang-N gaps,
// ca^2 = 1/N (the row uses that; with ca^2 = 1 it is Pollaczek-Khinchine).
double KingmanWaitUs(double lambda_per_s, double mean_service_us, double arrival_scv, double service_scv, uint32_t servers);
// The primary's share of reads with n replicas and spread routing: 1 / (n + 1).
double PrimaryReadShare(uint32_t replicas);
// Lazy loading, a key read at a steady rate r (per second) with TTL T: each miss is followed by
// r*T hits on average before it expires, so the hit ratio is r*T / (1 + r*T).
double LazyLoadingHitRatio(double key_reads_per_s, double ttl_s);
// The cart cookie's size ("cart=v1.<payload>[.<signature>]") for a cart of `lines` lines of the
// catalogue's mean line length, and the most lines that fit in 4,096 bytes.
double CartCookieBytesModel(uint32_t lines, bool is_signed);
uint32_t CartCookieLinesAtLimit(bool is_signed);
// The same, measured: the encoder's size for `lines` products spread evenly over the catalogue.
uint32_t CartCookieBytesMeasured(uint32_t lines, bool is_signed);

// [SECTION] Rows
enum class TheoryKind : uint8_t { MissChance, InstanceUtilisation, InstanceWait, PrimaryReadShare, CacheHitRatio, CookieLimit };
inline constexpr int kTheoryKindCount = 6;
std::string_view Name(TheoryKind kind);  // "miss_chance", ...
// Why a prediction and a measurement may part (the panel says it when they do).
enum class Departure : uint8_t {
  None,
  FewSamples,        // not enough traced requests or seconds yet
  FinitePopulation,  // a closed crowd with think times, not Poisson arrivals
  BurstyKeys,        // a key is read in bursts (one visit), not at a steady rate
  Overloaded,        // rho >= 1: the formula has no steady state
  Transient,         // the configuration changed in the window measured
};
struct TheoryRow {
  TheoryKind kind = TheoryKind::MissChance;
  bool applies = false;     // the configuration has this mechanism (e.g. replicas for the read share)
  double predicted = 0;
  double measured = 0;
  double tolerance = 0;     // absolute, in the row's unit
  bool agrees = false;      // |predicted - measured| <= tolerance
  Departure why = Departure::None;  // when it does not agree (or applies but cannot be judged)
  uint32_t samples = 0;     // requests or seconds measured
};
// Every row for the Sim as it is now, measured over its recent traces and seconds (kTheoryWindowS).
inline constexpr int kTheoryWindowS = 30;
std::vector<TheoryRow> TheoryRows(const Sim& sim);

}  // namespace sim
