// Private helper: a hint that memory will be read soon, for the crowd's cache misses.
#pragma once

#include <cstdint>

namespace sim {

// WebAssembly has no prefetch instruction, so there an early load of one byte does the job: the
// out-of-order core starts the miss and moves on. The byte goes into a sink so it is not dropped.
inline void Touch(const void* p, uint8_t& sink) {
#if defined(__wasm__)
  sink ^= *static_cast<const volatile uint8_t*>(p);
#else
  (void)sink;
  __builtin_prefetch(p);
#endif
}

}  // namespace sim
