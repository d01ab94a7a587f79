// Fuzz target: the lesson loader. Any bytes must give a lesson or a clean rejection.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "statelab/lesson.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  const auto parsed = sim::ParseLesson(text, "fuzz.json");
  if (!parsed.ok() && parsed.error.Message().empty()) __builtin_trap();
  return 0;
}
