// A learner's saved progress: completed lessons, where they were, their language.
// Stored as a small JSON document (a file natively, localStorage on the web). A save that is not
// a JSON object of this version is reported, never half-used: the app sets it aside and starts
// fresh. A save whose fields are partly bad is salvaged: every valid field is kept, each bad one
// is dropped and named. Two windows or tabs merge their progress (MergeProgress) instead of
// overwriting each other's.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace sim {

inline constexpr int kProgressVersion = 1;

struct Progress {
  std::string language;                  // "ko", "en", or empty to follow the browser
  std::vector<std::string> completed;    // lesson ids, sorted, unique
  std::string current_lesson;            // empty: none yet
  int current_step = 0;
  std::map<std::string, int> furthest_step;  // lesson id -> furthest step reached
  std::map<std::string, std::string> grades;  // graded lesson id -> the best letter earned ("A".."F")
  // Counts the learner's language choices, so a merge keeps the latest one (a tie goes to the
  // window saving now: it chose last).
  int language_revision = 0;

  bool IsCompleted(std::string_view lesson) const;
  void MarkCompleted(std::string_view lesson);
  // Keeps the better of the saved letter and this one.
  void RecordGrade(std::string_view lesson, std::string_view letter);
  // The learner picked a language in this window: it wins the next merge.
  void ChooseLanguage(std::string_view lang);
};

// A field of a save that was bad and dropped (the rest of the save was kept).
struct ProgressDropped {
  std::string path;  // JSON path: "$.language", "$.completed[2]", "$.furthest_step.caching"
  std::string what;  // what was expected, in English (logs; the learner sees the path)
};

struct ProgressLoad {
  std::optional<Progress> progress;  // set unless the save as a whole is unusable
  std::string error;                 // "<source>: <json path>: <what was expected>" when it is
  std::vector<ProgressDropped> dropped;  // bad fields left out of `progress`
};

// `source` names where the text came from (a path or a storage key) for messages. A save is
// unusable as a whole when it is not JSON, not an object, or not version kProgressVersion;
// otherwise each bad field or list entry is dropped and named in `dropped`.
ProgressLoad ParseProgress(std::string_view text, std::string_view source);
std::string SerializeProgress(const Progress& progress);

// Progress from two windows or tabs, merged: completed lessons are the union, the furthest step
// per lesson the maximum, each grade the best, the language the latest choice (the higher
// language_revision; a tie goes to `ours`). Where the learner is (current lesson and step)
// is `ours`: each window keeps its own place.
Progress MergeProgress(const Progress& saved, const Progress& ours);

// [SECTION] A progress code: the progress as a short text a learner moves between devices
// (copy on one, paste on the other; no account). "SWL1-" then base64url of: a version byte, the
// language, its revision, each lesson the progress names (id, completed, furthest step, grade),
// the current step, and a 4-byte SHA-256 check, so a mistyped or cut code is refused, never
// half-read. Importing merges (MergeProgress), so nothing completed on either device is lost.
inline constexpr std::string_view kProgressCodePrefix = "SWL1-";
inline constexpr size_t kProgressCodeMaxChars = 4096;

enum class ProgressCodeProblem : uint8_t {
  NotACode,      // no "SWL1-" prefix (or a newer one: "SWL2-" and on)
  NewerVersion,  // made by a newer version of the tutorial
  Damaged,       // not base64url, cut short, or its check does not match: mistyped or cut
  OutOfRange,    // a value the tutorial would not save (a bad id, step or grade)
  TooLong,
};
std::string_view Describe(ProgressCodeProblem problem);

struct ProgressCodeResult {
  std::optional<Progress> progress;
  ProgressCodeProblem problem = ProgressCodeProblem::NotACode;  // when progress is empty
};

std::string EncodeProgressCode(const Progress& progress);
// Surrounding spaces and line breaks (as a paste brings them) are ignored.
ProgressCodeResult DecodeProgressCode(std::string_view text) noexcept;

}  // namespace sim
