// The tutorial's place encoded in a URL hash: "lesson=ID&step=N&seed=S".
// A shared link opens the same lesson, step and seed; anything malformed is rejected
// as a whole (the page then ignores it and shows a notice).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace sim {

struct UrlState {
  std::optional<std::string> lesson;  // lesson id: [a-z0-9-], 1..64 chars
  std::optional<int> step;            // 0-based step index, 0..999
  std::optional<uint64_t> seed;
};

struct UrlStateResult {
  std::optional<UrlState> state;  // set when the hash is well formed (possibly empty)
  std::string error;              // what was wrong, when it is not
};

// Parses a hash with or without the leading '#'. Percent-escapes are decoded.
UrlStateResult ParseUrlState(std::string_view hash);

// The inverse: only the fields that are set, in a fixed order.
std::string FormatUrlState(const UrlState& state);

}  // namespace sim
