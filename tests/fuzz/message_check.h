// What every loader's rejection message must be, whatever the input: non-empty, short, valid
// UTF-8 and free of raw control characters (a message reaches terminals and screen readers).
#pragma once

#include <string_view>

inline bool IsSafeMessage(std::string_view m) {
  if (m.empty() || m.size() > 4096) return false;
  for (size_t i = 0; i < m.size();) {
    const auto c = static_cast<unsigned char>(m[i]);
    if (c < 0x20 || c == 0x7f) return false;
    const size_t n = c < 0x80 ? 1 : (c >> 5) == 0x6 ? 2 : (c >> 4) == 0xe ? 3 : (c >> 3) == 0x1e ? 4 : 0;
    if (n == 0 || i + n > m.size()) return false;
    for (size_t k = 1; k < n; ++k) {
      if ((static_cast<unsigned char>(m[i + k]) & 0xc0) != 0x80) return false;
    }
    i += n;
  }
  return true;
}
