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
    {"welcome", 0xc628996f6e2c5b8aull},
    {"no-stickiness", 0x8dd1910d4da9d110ull},
    {"stickiness", 0x364f96e319d3cebaull},
    {"cookies", 0x05ad27960aaba92cull},
    {"session-store", 0xd1793fdfcf7ddd48ull},
    {"rds-replicas", 0xd1af0035acb10487ull},
    {"caching", 0xa12e5d4cb424a848ull},
    {"multi-az", 0xedc6b5fef3080533ull},
    {"security-groups", 0x77ac4749b0139e97ull},
    {"final-challenge", 0x426be44d839745e3ull},
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
