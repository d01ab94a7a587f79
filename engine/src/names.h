// Private helper: parse an enum from its Name() by walking its values, so each enum's names are
// written once.
#pragma once

#include <optional>
#include <string_view>

namespace sim {

template <class E, int kCount>
std::optional<E> ParseByName(std::string_view text) {
  for (int i = 0; i < kCount; ++i) {
    if (Name(static_cast<E>(i)) == text) return static_cast<E>(i);
  }
  return std::nullopt;
}

}  // namespace sim
