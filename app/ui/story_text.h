// "What happened" in words: a sim::StoryLine (engine/include/statelab/explain.h) as its cause, its
// mechanism and its effect, in Korean or English, from the string table. The app's panel and
// statelab-sim --explain both print these, so a story reads the same everywhere. No ImGui.
#pragma once

#include <string>

#include "statelab/explain.h"
#include "statelab/lesson.h"

namespace ui {

struct StoryWords {
  std::string when;       // "03:10": the simulated time, as the event log and the timeline show it
  std::string cause;      // "i-2 terminated (by hand)"
  std::string mechanism;  // "its 41 sessions in memory (12 carts) went with it"
  std::string effect;     // "12 carts lost, 5 shoppers gave up, $240.00 revenue lost"
};
StoryWords StoryLineWords(const sim::StoryLine& line, sim::Lang lang);
// One line: "00:42 i-2 terminated (by hand) → its 41 sessions ... → 12 carts lost, ..."
std::string StoryLineText(const sim::StoryLine& line, sim::Lang lang);
// The story as lines of text (StoryNothing when it has none; a last line when events were missed).
std::string StoryText(const sim::Story& story, sim::Lang lang);

}  // namespace ui
