// The tutorial's place encoded in a URL hash: "lesson=ID&step=N&seed=S", and optionally a shared
// run, "run=<run link>" (run_link.h).
// A shared link opens the same lesson, step and seed. A malformed part is dropped and named
// (with a typed reason the app translates); the valid parts are kept. The page passes the hash
// raw: percent-escapes are decoded here, once.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "statelab/run_link.h"

namespace sim {

struct UrlState {
  std::optional<std::string> lesson;  // lesson id: [a-z0-9-], 1..64 chars
  std::optional<int> step;            // 0-based step index, 0..999
  std::optional<uint64_t> seed;
  std::optional<SharedRun> run;  // a shared run, decoded (DecodeRunLink)
};

// Why a part of a link was dropped. One row per value in kUrlProblemNames (url_state.cpp); the
// app translates each (app/ui/model_text.cpp), so a new value without a translation fails to build.
enum class UrlProblem {
  TooLong,       // the whole hash is over 8192 bytes: nothing in it is read
  NotKeyValue,   // a part with no '='
  BrokenEscape,  // a '%' not followed by two hex digits
  BadLesson,     // not a lesson id
  BadStep,       // not a whole number from 0 to 999
  BadSeed,       // not a whole number from 0 to 2^64-1
  UnknownKey,    // not lesson, step, seed or run
  BadRun,        // a run link that is edited or cut short (any RunLinkProblem but NewerVersion)
  NewerRun,      // a run link made by a newer format version
};

struct UrlDropped {
  std::string key;  // the part's key, printable ASCII only, at most 32 bytes ("" when TooLong)
  UrlProblem problem = UrlProblem::NotKeyValue;
};

struct UrlStateResult {
  std::optional<UrlState> state;  // always set: the parts that were valid (possibly none)
  std::vector<UrlDropped> dropped;  // the parts that were not, in the order they appeared
  std::string error;                // the same in English, for logs and the CLI ("" when none)
};

// A lesson id: 1 to 64 of a-z, 0-9 and '-' (links and run links).
bool IsLessonId(std::string_view id);

// English for logs: "seed must be a whole number from 0 to 18446744073709551615".
std::string_view Describe(UrlProblem problem);

// Parses a hash with or without the leading '#'. Percent-escapes are decoded.
UrlStateResult ParseUrlState(std::string_view hash);

// The inverse: only the fields that are set, in a fixed order.
std::string FormatUrlState(const UrlState& state);

}  // namespace sim
