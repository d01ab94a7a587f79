// The model's only source of randomness: xoshiro256** seeded through splitmix64, with integer-only
// distributions. std::uniform_*_distribution is implemented differently by libstdc++ and libc++,
// so using it would give the native and wasm builds different runs for the same seed.
#pragma once

#include <cstdint>

namespace sim {

uint64_t SplitMix64(uint64_t& state);
// A stateless 64-bit mixer, for deriving per-entity values (DNS choice, keys) from ids.
uint64_t Mix64(uint64_t x);

class Rng {
 public:
  explicit Rng(uint64_t seed);
  uint64_t Next();
  // Uniform in [0, n); n must be > 0. Lemire's multiply-shift with rejection: no modulo bias.
  uint32_t Below(uint32_t n);
  // Uniform in [lo, hi], inclusive; hi - lo must fit in 32 bits.
  int64_t Between(int64_t lo, int64_t hi);
  // True with probability pct / 100.
  bool Percent(uint32_t pct);

 private:
  uint64_t s_[4];
};

}  // namespace sim
