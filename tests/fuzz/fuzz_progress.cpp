// Fuzz target: the saved-progress loader. A save that parses must serialise and parse back to
// the same thing; one that does not must say why.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "statelab/progress.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  const auto loaded = sim::ParseProgress(text, "fuzz");
  if (!loaded.progress) {
    if (loaded.error.empty()) __builtin_trap();
    return 0;
  }
  const std::string again = sim::SerializeProgress(*loaded.progress);
  const auto back = sim::ParseProgress(again, "fuzz");
  if (!back.progress || sim::SerializeProgress(*back.progress) != again) __builtin_trap();
  return 0;
}
