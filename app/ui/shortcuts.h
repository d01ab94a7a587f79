// The keyboard shortcuts: one table (Shortcuts()) that is the only source for what a key does,
// for the "?" overlay that lists the keys (keys_view.cpp) and for the table in docs/ui.md (a test
// compares them). No ImGui here: keyboard.cpp reads this frame's presses from ImGui and hands them
// over as KeyPress; MatchShortcut finds the row and ShortcutCommand says what it asks of the
// tutorial. A test enumerates the table and presses every key (tests/ui/shortcuts_test.cpp).
//
// Index
//   [SECTION] Keys and actions     what a row is made of
//   [SECTION] The table            Shortcuts(), NavigationKeys(), labels
//   [SECTION] From a key to a command
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>

#include "ui/strings.h"
#include "ui/tutorial.h"

namespace ui {

// [SECTION] Keys and actions
// A key a row listens to: the key itself, not the character it types, so a shortcut works with a
// Korean input method in Hangul mode (which types 'ㅔ' on P) and whatever Shift makes a key type.
// keyboard.cpp maps each to ImGui's key (ImGuiKeyOf). '?' is Shift+Slash as on a US keyboard; a
// '?' typed on another layout reads as that too (ReadKeyPresses).
enum class ShortcutKey : uint8_t {
  P,
  S,
  N,
  H,
  D,
  Minus,
  Equal,
  KeypadSubtract,
  KeypadAdd,
  Comma,
  Period,
  Slash,
  Space,
  Home,
  End,
  Escape,
  F6,
  V,
};

// Modifiers a row needs, as bits.
enum class Mods : uint8_t { None = 0, Shift = 1, Ctrl = 2 };

enum class ShortcutAction : uint8_t {
  PlayPause,
  StepOnce,
  SpeedDown,
  SpeedUp,
  NextStep,
  ShowHint,
  Describe,
  BackSecond,
  ForwardSecond,
  BackTenSeconds,
  ForwardTenSeconds,
  StepStart,
  Live,
  Paste,
  NextPanel,
  PreviousPanel,
  ToggleKeys,
  CloseKeys,
};

struct Shortcut {
  ShortcutKey key = ShortcutKey::P;
  Mods mods = Mods::None;
  ShortcutAction action = ShortcutAction::PlayPause;
  S description = S::KeyPlayPause;  // what it does, in the learner's language
};

// [SECTION] The table
std::span<const Shortcut> Shortcuts();

// Keys that ImGui's keyboard navigation owns (Tab, the arrows, Space and Enter on a focused
// widget): listed in the overlay and the docs, dispatched by ImGui itself.
struct NavigationKey {
  const char* label;
  S description;
};
std::span<const NavigationKey> NavigationKeys();

// The key as printed on a keycap: "P", "Space", "Shift+,", "Ctrl+V"; Shift+= and Shift+/ as the
// characters they type on a US keyboard, "+" and "?".
std::string KeyLabel(const Shortcut& shortcut);

// The docs/ui.md table, one Markdown row per line, English descriptions: the shortcuts, then the
// navigation keys. The docs must hold exactly these lines (tests/ui/shortcuts_test.cpp).
std::string ShortcutsMarkdown();

// [SECTION] From a key to a command
// One key press of this frame, as keyboard.cpp reads it.
struct KeyPress {
  ShortcutKey key = ShortcutKey::P;
  bool shift = false;
  bool ctrl = false;
};

// The row a press matches, if any. Ctrl must be as the row says. Shift must be as the row says for
// a key that has a Shift row (',' '.' '=' '/' F6); for the others it does not matter (Shift+P is P).
const Shortcut* MatchShortcut(const KeyPress& press);

// What the action asks of the tutorial as it is now, or nothing: nothing to do (already at the
// fastest speed, not rewound), or an action for the app's own views (ShowHint, the panels, the
// overlay: IsViewAction).
std::optional<AppCommand> ShortcutCommand(ShortcutAction action, const Tutorial& tutorial);
bool IsViewAction(ShortcutAction action);

// What "Next step" does now (the lesson panel's button and the N key): the next step, or on the
// last step, once it passed (a graded lesson: once every goal is decided), finishing the lesson.
std::optional<AppCommand> NextStepCommand(const sim::LessonRun& run);

}  // namespace ui
