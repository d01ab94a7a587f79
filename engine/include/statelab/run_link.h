// A run shared as a link: a RunLog and the tick it was shared at, packed into a compact, versioned
// string that goes into the URL hash as "run=<text>" (url_state.h) and that `statelab-sim --replay`
// reads. The format (docs/scenario-format.md, "Run links"): a version byte, then a varint stream
// (source, lesson or scenario id, start step, seed, until tick, entries as tick delta + kind + the
// command's fields),
// in base64url without padding.
//
// Decoding never throws and never trusts the text: every value is range-checked against what the
// loader and the model accept (ids, AZs, enums, counts, name lengths), so an edited, truncated or
// newer link is refused with a typed reason, or decodes to a run the model can replay.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "statelab/run_log.h"
#include "statelab/types.h"

namespace sim {

// The newest version this build reads. 1: a lesson's run; 2: a source (a scenario) before the id.
// A lesson's run is still written as version 1, so older builds open it; a scenario's as 2.
inline constexpr uint8_t kRunLinkVersion = 2;
inline constexpr size_t kRunLinkMaxChars = 8000;      // the base64url text; ~6000 bytes
inline constexpr size_t kRunLinkMaxEntries = 10'000;  // as many as a scenario's actions
// Replaying is simulating: a link may ask for at most this much simulated time.
inline constexpr int64_t kRunLinkMaxTicks = 4 * 3600 * kUsPerS / kTickUs;

struct SharedRun {
  RunLog log;
  int64_t until_tick = 0;  // the tick the run was shared at: ReplayRunLog(lesson, log, until_tick)
};

// Why a link was refused. Each has an English description (Describe) and the app's translation.
enum class RunLinkProblem : uint8_t {
  TooLong,        // over kRunLinkMaxChars
  BadBase64,      // not base64url (or not in its canonical form)
  Truncated,      // the bytes end inside a value
  NewerVersion,   // made by a newer format version than this build reads
  OutOfRange,     // a value the loader or the model would not accept (or an unknown version 0)
  TrailingBytes,  // bytes left after the last entry
};
std::string_view Describe(RunLinkProblem problem);

struct RunLinkResult {
  std::optional<SharedRun> run;  // set when the link decoded
  RunLinkProblem problem = RunLinkProblem::Truncated;  // why not, when run is empty
};

// The link text (base64url, no padding) of `log` shared at `until_tick`. Values are written as
// given; a log the decoder would refuse encodes to a link it refuses.
std::string EncodeRunLink(const RunLog& log, int64_t until_tick);
RunLinkResult DecodeRunLink(std::string_view text) noexcept;

}  // namespace sim
