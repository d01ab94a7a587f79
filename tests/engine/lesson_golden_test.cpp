// Golden traces: each lesson's reference solution, run headless with seed 1, must reproduce its
// pinned trace hash. The same test runs natively (Debug, Release, ASan) and as wasm under node,
// so passing everywhere proves the runs are identical across builds. A change to the model that
// moves a hash updates the pin in the same commit, and the commit message says why.
// STATELAB_PRINT_GOLDEN=1 prints the current values in this table's format.
#include <doctest/doctest.h>

#include <cinttypes>
#include <cstdio>
#include <cstdlib>
#include <map>
#include <string>

#include "statelab/lesson.h"

namespace {

const std::map<std::string, uint64_t> kPinned = {
    // clang-format off
    {"welcome", 0x28377fab078514caull},
    {"no-stickiness", 0x753910bdce3ca19eull},
    {"stickiness", 0xdf5af18d0e304b89ull},
    {"cookies", 0xa08090fc172b5650ull},
    {"session-store", 0x82364095ac65dbefull},
    {"rds-replicas", 0x31ec28071fb4ccc4ull},
    {"caching", 0x009c547fe3b5936aull},
    {"multi-az", 0x82bebd46ee12b59full},
    {"security-groups", 0xc6702b5da2cdce4cull},
    {"final-challenge", 0xd147dcd539b516e1ull},
    {"sandbox", 0x9def8acf7ae308e3ull},
    // clang-format on
};

}  // namespace

TEST_CASE("each lesson's reference solution reproduces its pinned trace hash") {
  const sim::LessonSet set = sim::LoadLessons(std::string(STATELAB_SOURCE_DIR) + "/lessons");
  REQUIRE(set.errors.empty());
  const bool print = std::getenv("STATELAB_PRINT_GOLDEN") != nullptr;
  for (const sim::Lesson& lesson : set.lessons) {
    CAPTURE(lesson.id);
    const uint64_t hash = sim::RunLessonHeadless(lesson, 1, true).trace_hash;
    if (print) std::printf("    {\"%s\", 0x%016" PRIx64 "ull},\n", lesson.id.c_str(), hash);
    const auto pinned = kPinned.find(lesson.id);
    CHECK_MESSAGE(pinned != kPinned.end(), "no pinned hash for this lesson; add it (STATELAB_PRINT_GOLDEN=1)");
    if (pinned != kPinned.end()) CHECK(hash == pinned->second);
  }
  CHECK(kPinned.size() == set.lessons.size());
}
