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

// The whole text, however long: a step's narration announced to screen readers runs past any
// fixed buffer, and a cut could split a Korean character's bytes.
std::string FormatText(const char* format, ...) {
  va_list args;
  va_start(args, format);
  va_list again;
  va_copy(again, args);
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-nonliteral"
  const int n = std::vsnprintf(nullptr, 0, format, args);
  std::string out;
  if (n >= 0) {
    out.resize(static_cast<size_t>(n) + 1);
    std::vsnprintf(out.data(), out.size(), format, again);
    out.resize(static_cast<size_t>(n));
  }
#pragma GCC diagnostic pop
  va_end(again);
  va_end(args);
  return n < 0 ? std::string(format) : out;
}

}  // namespace ui
