#include "ui/strings.h"

#include <cstdarg>
#include <cstdio>

namespace ui {

namespace {
constexpr StringEntry kTable[] = {
#define STATELAB_X(id, ko, en) {#id, ko, en},
    STATELAB_UI_STRINGS(STATELAB_X)
#undef STATELAB_X
};
static_assert(sizeof(kTable) / sizeof(kTable[0]) == static_cast<size_t>(S::Count_));
}  // namespace

const StringEntry* StringTable() { return kTable; }
int StringCount() { return static_cast<int>(S::Count_); }

const char* Tr(S id, sim::Lang lang) {
  const StringEntry& e = kTable[static_cast<size_t>(id)];
  return lang == sim::Lang::Ko ? e.ko : e.en;
}

std::string FormatText(const char* format, ...) {
  char buffer[512];
  va_list args;
  va_start(args, format);
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-nonliteral"
  const int n = std::vsnprintf(buffer, sizeof buffer, format, args);
#pragma GCC diagnostic pop
  va_end(args);
  if (n < 0) return format;
  return std::string(buffer, static_cast<size_t>(n) < sizeof buffer ? static_cast<size_t>(n) : sizeof buffer - 1);
}

}  // namespace ui
