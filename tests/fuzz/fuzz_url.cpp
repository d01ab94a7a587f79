// Fuzz target: the URL-state parser. Accepted states must format and parse back unchanged.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "statelab/url_state.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  const auto r = sim::ParseUrlState(text);
  if (!r.state) {
    if (r.error.empty()) __builtin_trap();
    return 0;
  }
  const std::string formatted = sim::FormatUrlState(*r.state);
  const auto back = sim::ParseUrlState(formatted);
  if (!back.state || sim::FormatUrlState(*back.state) != formatted) __builtin_trap();
  return 0;
}
