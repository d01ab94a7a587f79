#include "statelab/url_state.h"

#include <charconv>

#include "statelab/crypto.h"

namespace sim {

namespace {

constexpr size_t kMaxHashBytes = 512;

std::optional<std::string> PercentDecode(std::string_view in) {
  std::string out;
  out.reserve(in.size());
  for (size_t i = 0; i < in.size(); ++i) {
    if (in[i] != '%') {
      out.push_back(in[i] == '+' ? ' ' : in[i]);
      continue;
    }
    if (i + 2 >= in.size()) return std::nullopt;
    const int hi = HexValue(in[i + 1]);
    const int lo = HexValue(in[i + 2]);
    if (hi < 0 || lo < 0) return std::nullopt;
    out.push_back(static_cast<char>(hi * 16 + lo));
    i += 2;
  }
  return out;
}

bool IsLessonId(std::string_view id) {
  if (id.empty() || id.size() > 64) return false;
  for (char c : id) {
    const bool ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-';
    if (!ok) return false;
  }
  return true;
}

template <typename T>
std::optional<T> ParseNumber(std::string_view s) {
  T value{};
  if (s.empty() || s.size() > 20) return std::nullopt;
  auto [ptr, ec] = std::from_chars(s.data(), s.data() + s.size(), value);
  if (ec != std::errc() || ptr != s.data() + s.size()) return std::nullopt;
  return value;
}

}  // namespace

UrlStateResult ParseUrlState(std::string_view hash) {
  UrlStateResult result;
  if (!hash.empty() && hash.front() == '#') hash.remove_prefix(1);
  if (hash.size() > kMaxHashBytes) {
    result.error = "the link is longer than " + std::to_string(kMaxHashBytes) + " characters";
    return result;
  }
  UrlState state;
  while (!hash.empty()) {
    const size_t amp = hash.find('&');
    std::string_view pair = hash.substr(0, amp);
    hash = amp == std::string_view::npos ? std::string_view() : hash.substr(amp + 1);
    if (pair.empty()) continue;
    const size_t eq = pair.find('=');
    if (eq == std::string_view::npos) {
      result.error = "'" + std::string(pair) + "' is not key=value";
      return result;
    }
    const std::string_view key = pair.substr(0, eq);
    const std::optional<std::string> value = PercentDecode(pair.substr(eq + 1));
    if (!value) {
      result.error = "the value of '" + std::string(key) + "' has a broken %-escape";
      return result;
    }
    if (key == "lesson") {
      if (!IsLessonId(*value)) {
        result.error = "lesson must be a lesson id (a-z, 0-9, '-'), got '" + *value + "'";
        return result;
      }
      state.lesson = *value;
    } else if (key == "step") {
      const auto step = ParseNumber<int>(*value);
      if (!step || *step < 0 || *step > 999) {
        result.error = "step must be a whole number from 0 to 999, got '" + *value + "'";
        return result;
      }
      state.step = *step;
    } else if (key == "seed") {
      const auto seed = ParseNumber<uint64_t>(*value);
      if (!seed) {
        result.error = "seed must be a whole number from 0 to 18446744073709551615, got '" + *value + "'";
        return result;
      }
      state.seed = *seed;
    } else {
      result.error = "unknown key '" + std::string(key) + "' (expected lesson, step or seed)";
      return result;
    }
  }
  result.state = state;
  return result;
}

std::string FormatUrlState(const UrlState& state) {
  std::string out;
  auto add = [&out](const char* key, const std::string& value) {
    if (!out.empty()) out += '&';
    out += key;
    out += '=';
    out += value;
  };
  if (state.lesson) add("lesson", *state.lesson);
  if (state.step) add("step", std::to_string(*state.step));
  if (state.seed) add("seed", std::to_string(*state.seed));
  return out;
}

}  // namespace sim
