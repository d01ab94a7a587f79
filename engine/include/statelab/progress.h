// A learner's saved progress: completed lessons, where they were, their language.
// Stored as a small JSON document (a file natively, localStorage on the web). A save that
// does not parse is reported, never half-used: the app sets it aside and starts fresh.
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

  bool IsCompleted(std::string_view lesson) const;
  void MarkCompleted(std::string_view lesson);
  // Keeps the better of the saved letter and this one.
  void RecordGrade(std::string_view lesson, std::string_view letter);
};

struct ProgressLoad {
  std::optional<Progress> progress;
  std::string error;  // "<source>: <json path>: <what was expected>"
};

// `source` names where the text came from (a path or a storage key) for messages.
ProgressLoad ParseProgress(std::string_view text, std::string_view source);
std::string SerializeProgress(const Progress& progress);

}  // namespace sim
