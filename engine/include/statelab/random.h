// The model's only source of randomness: xoshiro256** seeded through splitmix64, with integer-only
// distributions. std::uniform_*_distribution is implemented differently by libstdc++ and libc++,
// so using it would give the native and wasm builds different runs for the same seed.
#pragma once

#include <cstdint>

namespace sim {

uint64_t SplitMix64(uint64_t& state);
// A stateless 64-bit mixer, for deriving per-entity values (DNS choice, keys) from ids.
uint64_t Mix64(uint64_t x);

// Defined inline: the model draws several numbers per request.
class Rng {
 public:
  explicit Rng(uint64_t seed);

  uint64_t Next() {
    const uint64_t result = Rotl(s_[1] * 5, 7) * 9;
    const uint64_t t = s_[1] << 17;
    s_[2] ^= s_[0];
    s_[3] ^= s_[1];
    s_[1] ^= s_[2];
    s_[0] ^= s_[3];
    s_[2] ^= t;
    s_[3] = Rotl(s_[3], 45);
    return result;
  }

  // Uniform in [0, n); n must be > 0. Lemire's multiply-shift with rejection: no modulo bias.
  uint32_t Below(uint32_t n) {
    uint64_t m = (Next() >> 32) * n;
    uint32_t low = static_cast<uint32_t>(m);
    if (low < n) {
      const uint32_t threshold = static_cast<uint32_t>(-n) % n;
      while (low < threshold) {
        m = (Next() >> 32) * n;
        low = static_cast<uint32_t>(m);
      }
    }
    return static_cast<uint32_t>(m >> 32);
  }

  // Uniform in [lo, hi], inclusive. Spans wider than 32 bits fall back to a modulo.
  int64_t Between(int64_t lo, int64_t hi) {
    if (hi <= lo) return lo;
    const uint64_t span = static_cast<uint64_t>(hi - lo) + 1;
    if (span > 0xFFFF'FFFFull) return lo + static_cast<int64_t>(Next() % span);
    return lo + Below(static_cast<uint32_t>(span));
  }

  // True with probability pct / 100.
  bool Percent(uint32_t pct) {
    if (pct >= 100) return true;
    if (pct == 0) return false;
    return Below(100) < pct;
  }

 private:
  static uint64_t Rotl(uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }
  uint64_t s_[4];
};

}  // namespace sim
