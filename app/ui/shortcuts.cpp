#include "ui/shortcuts.h"

#include <algorithm>

#include "statelab/sim.h"

namespace ui {

namespace {

constexpr bool Has(Mods mods, Mods bit) { return (static_cast<uint8_t>(mods) & static_cast<uint8_t>(bit)) != 0; }

using K = ShortcutKey;
using A = ShortcutAction;

// The order is the overlay's and the docs': running, stepping, rewinding, the rest.
constexpr Shortcut kShortcuts[] = {
    {K::Typed, U'p', Mods::None, A::PlayPause, S::KeyPlayPause},
    {K::Space, 0, Mods::None, A::PlayPause, S::KeyPlayPauseSpace},
    {K::Typed, U's', Mods::None, A::StepOnce, S::KeyStepOnce},
    {K::Typed, U'-', Mods::None, A::SpeedDown, S::KeySpeedDown},
    {K::Typed, U'+', Mods::None, A::SpeedUp, S::KeySpeedUp},
    {K::Typed, U'=', Mods::None, A::SpeedUp, S::KeySpeedUp},
    {K::Typed, U'n', Mods::None, A::NextStep, S::KeyNextStep},
    {K::Typed, U'h', Mods::None, A::ShowHint, S::KeyShowHint},
    {K::Typed, U'd', Mods::None, A::Describe, S::KeyDescribe},
    {K::Typed, U',', Mods::None, A::BackSecond, S::KeyBackSecond},
    {K::Typed, U'.', Mods::None, A::ForwardSecond, S::KeyForwardSecond},
    {K::Typed, U',', Mods::Shift, A::BackTenSeconds, S::KeyBackTenSeconds},
    {K::Typed, U'.', Mods::Shift, A::ForwardTenSeconds, S::KeyForwardTenSeconds},
    {K::Home, 0, Mods::None, A::StepStart, S::KeyStepStart},
    {K::End, 0, Mods::None, A::Live, S::KeyLive},
    {K::V, 0, Mods::Ctrl, A::Paste, S::PasteLink},
    {K::F6, 0, Mods::None, A::NextPanel, S::KeyNextPanel},
    {K::F6, 0, Mods::Shift, A::PreviousPanel, S::KeyPreviousPanel},
    {K::Typed, U'?', Mods::None, A::ToggleKeys, S::KeyToggleKeys},
    {K::Escape, 0, Mods::None, A::CloseKeys, S::KeyCloseKeys},
};

constexpr NavigationKey kNavigationKeys[] = {
    {"Tab", S::NavKeyTab},
    {"← ↑ → ↓", S::NavKeyArrows},
    {"Space / Enter", S::NavKeyActivate},
};

std::string Utf8(char32_t c) {
  std::string out;
  if (c < 0x80) {
    out += static_cast<char>(c);
  } else if (c < 0x800) {
    out += static_cast<char>(0xC0 | (c >> 6));
    out += static_cast<char>(0x80 | (c & 0x3F));
  } else {
    out += static_cast<char>(0xE0 | (c >> 12));
    out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (c & 0x3F));
  }
  return out;
}

// The timeline to `tick`, kept inside the strip (the step; the sandbox: the run); nothing when
// it is there already.
std::optional<AppCommand> MoveTo(const Tutorial& t, int64_t tick) {
  const int64_t now = t.run()->sim().now_us() / sim::kTickUs;
  const int64_t first = t.rewind_first_tick(), live = t.live_tick();
  const int64_t target = std::clamp(tick, first, std::max(first, live));
  if (target == now) return std::nullopt;
  if (target == live) return BackToLive{};
  return RewindTo{target};
}

std::optional<AppCommand> MoveBy(const Tutorial& t, int64_t seconds) {
  return MoveTo(t, t.run()->sim().now_us() / sim::kTickUs + seconds * (sim::kUsPerS / sim::kTickUs));
}

}  // namespace

std::span<const Shortcut> Shortcuts() { return kShortcuts; }
std::span<const NavigationKey> NavigationKeys() { return kNavigationKeys; }

std::string KeyLabel(const Shortcut& s) {
  std::string out;
  if (Has(s.mods, Mods::Ctrl)) out += "Ctrl+";
  if (Has(s.mods, Mods::Shift)) out += "Shift+";
  switch (s.key) {
    case K::Typed:
      out += (s.typed >= U'a' && s.typed <= U'z') ? Utf8(s.typed - U'a' + U'A') : Utf8(s.typed);
      break;
    case K::Space: out += "Space"; break;
    case K::Home: out += "Home"; break;
    case K::End: out += "End"; break;
    case K::Escape: out += "Esc"; break;
    case K::F6: out += "F6"; break;
    case K::V: out += "V"; break;
  }
  return out;
}

std::string ShortcutsMarkdown() {
  // Markdown: a '|' in a key would split the cell; none of ours has one.
  auto code = [](const std::string& key) { return key == "`" ? std::string("`` ` ``") : "`" + key + "`"; };
  std::string out = "| key | what it does |\n| --- | --- |\n";
  for (const Shortcut& s : kShortcuts) {
    out += "| " + code(KeyLabel(s)) + " | " + Tr(s.description, sim::Lang::En) + " |\n";
  }
  for (const NavigationKey& n : kNavigationKeys) {
    out += "| " + code(n.label) + " | " + Tr(n.description, sim::Lang::En) + " |\n";
  }
  return out;
}

const Shortcut* MatchShortcut(const KeyPress& press) {
  char32_t typed = press.typed;
  bool shift = press.shift;
  if (press.key == K::Typed) {
    if (typed == U'<' || typed == U'>') {
      typed = typed == U'<' ? U',' : U'.';
      shift = true;
    } else if (typed >= U'A' && typed <= U'Z') {
      typed = typed - U'A' + U'a';
      shift = false;
    } else if (typed != U',' && typed != U'.') {
      shift = false;  // the character already says what Shift did ('?', '+')
    }
  }
  for (const Shortcut& s : kShortcuts) {
    if (s.key != press.key || Has(s.mods, Mods::Shift) != shift || Has(s.mods, Mods::Ctrl) != press.ctrl) continue;
    if (s.key == K::Typed && s.typed != typed) continue;
    return &s;
  }
  return nullptr;
}

bool IsViewAction(ShortcutAction action) {
  switch (action) {
    case A::ShowHint:
    case A::NextPanel:
    case A::PreviousPanel:
    case A::ToggleKeys:
    case A::CloseKeys:
      return true;
    case A::PlayPause:
    case A::StepOnce:
    case A::SpeedDown:
    case A::SpeedUp:
    case A::NextStep:
    case A::Describe:
    case A::BackSecond:
    case A::ForwardSecond:
    case A::BackTenSeconds:
    case A::ForwardTenSeconds:
    case A::StepStart:
    case A::Live:
    case A::Paste:
      return false;
  }
  return false;
}

std::optional<AppCommand> NextStepCommand(const sim::LessonRun& run) {
  const int step = run.step_index();
  const bool last = step + 1 >= static_cast<int>(run.lesson().steps.size());
  if (!last) return GoToStep{step + 1};
  const bool graded_done = run.lesson().graded && run.Grade().decided;
  if (!run.StepPassed() && !graded_done) return std::nullopt;
  return FinishLesson{};
}

std::optional<AppCommand> ShortcutCommand(ShortcutAction action, const Tutorial& t) {
  const sim::LessonRun* run = t.run();
  if (run == nullptr) return action == A::Paste ? std::optional<AppCommand>(PasteFromClipboard{}) : std::nullopt;
  const PacingView& p = t.pacing();
  const bool can_run = !p.blocked_by_question && !p.fast_forwarding;
  switch (action) {
    case A::PlayPause:
      if (!can_run) return std::nullopt;
      return SetPlaying{!p.playing};
    case A::StepOnce:
      if (!can_run) return std::nullopt;
      return StepOnce{};
    case A::SpeedDown:
    case A::SpeedUp: {
      const int to = std::clamp(p.speed_index + (action == A::SpeedUp ? 1 : -1), 0, kSpeedCount - 1);
      if (to == p.speed_index) return std::nullopt;
      return SetSpeed{to};
    }
    case A::NextStep: return NextStepCommand(*run);
    case A::Describe: return DescribeStackNow{};
    case A::BackSecond: return MoveBy(t, -1);
    case A::ForwardSecond: return MoveBy(t, 1);
    case A::BackTenSeconds: return MoveBy(t, -10);
    case A::ForwardTenSeconds: return MoveBy(t, 10);
    case A::StepStart: return MoveTo(t, t.rewind_first_tick());
    case A::Live: return MoveTo(t, t.live_tick());
    case A::Paste: return PasteFromClipboard{};
    case A::ShowHint:
    case A::NextPanel:
    case A::PreviousPanel:
    case A::ToggleKeys:
    case A::CloseKeys:
      return std::nullopt;
  }
  return std::nullopt;
}

}  // namespace ui
