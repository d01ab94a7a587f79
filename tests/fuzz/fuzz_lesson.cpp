// Fuzz target: the lesson loader. Any bytes must give a lesson or a clean rejection whose message
// is short, valid UTF-8 and free of control characters (message_check.h).
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "message_check.h"

#include "statelab/lesson.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  const auto parsed = sim::ParseLesson(text, "fuzz.json");
  if (!parsed.ok() && !IsSafeMessage(parsed.error.Message())) __builtin_trap();
  return 0;
}
