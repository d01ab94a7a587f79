#include "ui/strings.h"

#include <cstdarg>
#include <cstdio>
#include <cstring>

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
  if (n < 0) return std::string(format);
  return std::strchr(format, '{') == nullptr ? out : ResolvePlurals(out);
}

std::string ResolvePlurals(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  const auto is_digit = [](char c) { return c >= '0' && c <= '9'; };
  for (size_t i = 0; i < text.size(); ++i) {
    const size_t bar = text[i] == '{' ? text.find('|', i) : std::string_view::npos;
    const size_t close = bar == std::string_view::npos ? bar : text.find('}', bar);
    if (close == std::string_view::npos || text.substr(i + 1, close - i - 1).find('{') != std::string_view::npos ||
        text.substr(i + 1, bar - i - 1).find('}') != std::string_view::npos) {
      out += text[i];
      continue;
    }
    // The nearest number already written: digits with their separators ("1,024", "0.5").
    size_t end = out.size();
    while (end > 0 && !is_digit(out[end - 1])) --end;
    size_t begin = end;
    while (begin > 0 && (is_digit(out[begin - 1]) || out[begin - 1] == ',' || out[begin - 1] == '.')) --begin;
    const bool one = end > 0 && std::string_view(out).substr(begin, end - begin) == "1";
    out += one ? text.substr(i + 1, bar - i - 1) : text.substr(bar + 1, close - bar - 1);
    i = close;
  }
  return out;
}

}  // namespace ui
