#include "statelab/url_state.h"

#include <charconv>

#include "statelab/crypto.h"

namespace sim {

namespace {

constexpr size_t kMaxHashBytes = 8192;  // room for a run link (kRunLinkMaxChars) and the rest

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

template <typename T>
std::optional<T> ParseNumber(std::string_view s) {
  T value{};
  if (s.empty() || s.size() > 20) return std::nullopt;
  auto [ptr, ec] = std::from_chars(s.data(), s.data() + s.size(), value);
  if (ec != std::errc() || ptr != s.data() + s.size()) return std::nullopt;
  return value;
}

}  // namespace

bool IsLessonId(std::string_view id) {
  if (id.empty() || id.size() > 64) return false;
  for (char c : id) {
    const bool ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-';
    if (!ok) return false;
  }
  return true;
}

std::string_view Describe(UrlProblem problem) {
  switch (problem) {
    case UrlProblem::TooLong: return "the link is longer than 8192 characters";
    case UrlProblem::NotKeyValue: return "not key=value";
    case UrlProblem::BrokenEscape: return "a broken %-escape";
    case UrlProblem::BadLesson: return "lesson must be a lesson id (a-z, 0-9, '-')";
    case UrlProblem::BadStep: return "step must be a whole number from 0 to 999";
    case UrlProblem::BadSeed: return "seed must be a whole number from 0 to 18446744073709551615";
    case UrlProblem::UnknownKey: return "unknown key (expected lesson, step, seed or run)";
    case UrlProblem::BadRun: return "run is not a whole run link (edited or cut short)";
    case UrlProblem::NewerRun: return "run was made by a newer version of the lab";
  }
  return "?";
}

UrlStateResult ParseUrlState(std::string_view hash) {
  UrlStateResult result;
  result.state.emplace();
  UrlState& state = *result.state;
  auto drop = [&result](std::string_view key, UrlProblem problem) {
    // The key reaches a notice: printable ASCII only, short.
    std::string shown;
    for (char c : key.substr(0, 32)) shown.push_back(c > 0x20 && c < 0x7f ? c : '?');
    if (!result.error.empty()) result.error += "; ";
    result.error += (shown.empty() ? std::string() : "'" + shown + "': ") + std::string(Describe(problem));
    result.dropped.push_back({std::move(shown), problem});
  };
  if (!hash.empty() && hash.front() == '#') hash.remove_prefix(1);
  static_assert(kMaxHashBytes == 8192, "Describe(TooLong) and the app's strings say 8192");
  static_assert(kRunLinkMaxChars < kMaxHashBytes - 100, "a run link fits in a hash beside the other parts");
  if (hash.size() > kMaxHashBytes) {
    drop("", UrlProblem::TooLong);
    return result;
  }
  while (!hash.empty()) {
    const size_t amp = hash.find('&');
    std::string_view pair = hash.substr(0, amp);
    hash = amp == std::string_view::npos ? std::string_view() : hash.substr(amp + 1);
    if (pair.empty()) continue;
    const size_t eq = pair.find('=');
    if (eq == std::string_view::npos) {
      drop(pair, UrlProblem::NotKeyValue);
      continue;
    }
    const std::string_view key = pair.substr(0, eq);
    const std::optional<std::string> value = PercentDecode(pair.substr(eq + 1));
    if (!value) {
      drop(key, UrlProblem::BrokenEscape);
      continue;
    }
    if (key == "lesson") {
      if (IsLessonId(*value)) {
        state.lesson = *value;
      } else {
        drop(key, UrlProblem::BadLesson);
      }
    } else if (key == "step") {
      const auto step = ParseNumber<int>(*value);
      if (step && *step >= 0 && *step <= 999) {
        state.step = *step;
      } else {
        drop(key, UrlProblem::BadStep);
      }
    } else if (key == "seed") {
      const auto seed = ParseNumber<uint64_t>(*value);
      if (seed) {
        state.seed = *seed;
      } else {
        drop(key, UrlProblem::BadSeed);
      }
    } else if (key == "run") {
      RunLinkResult run = DecodeRunLink(*value);
      if (run.run) {
        state.run = std::move(run.run);
      } else {
        drop(key, run.problem == RunLinkProblem::NewerVersion ? UrlProblem::NewerRun : UrlProblem::BadRun);
      }
    } else {
      drop(key, UrlProblem::UnknownKey);
    }
  }
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
  if (state.run) add("run", EncodeRunLink(state.run->log, state.run->until_tick));  // base64url: no escapes
  return out;
}

}  // namespace sim
