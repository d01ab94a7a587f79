// The tutorial controller's tests: doctest's main. No ImGui is linked.
#define DOCTEST_CONFIG_IMPLEMENT_WITH_MAIN
#include <doctest/doctest.h>
