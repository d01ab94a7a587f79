// Dear ImGui configuration for Debug builds (set as IMGUI_USER_CONFIG by app/CMakeLists.txt):
// IM_ASSERT goes through a hook the null-backend UI tests install, so an ImGui error (a missing
// End(), a bad ID stack) fails a test with a message instead of aborting the test binary.
// Without a hook it is the usual assert().
#pragma once

#include <cassert>

using StatelabImGuiAssertHandler = void (*)(const char* expression, const char* file, int line);
inline StatelabImGuiAssertHandler g_statelab_imgui_assert = nullptr;

#define IM_ASSERT(_EXPR)                                                                   \
  ((_EXPR) ? (void)0                                                                       \
           : (g_statelab_imgui_assert != nullptr ? g_statelab_imgui_assert(#_EXPR, __FILE__, __LINE__) \
                                                 : assert(_EXPR)))
