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
    {K::P, Mods::None, A::PlayPause, S::KeyPlayPause},
    {K::Space, Mods::None, A::PlayPause, S::KeyPlayPauseSpace},
    {K::S, Mods::None, A::StepOnce, S::KeyStepOnce},
    {K::Minus, Mods::None, A::SpeedDown, S::KeySpeedDown},
    {K::KeypadSubtract, Mods::None, A::SpeedDown, S::KeySpeedDown},
    {K::Equal, Mods::Shift, A::SpeedUp, S::KeySpeedUp},
    {K::Equal, Mods::None, A::SpeedUp, S::KeySpeedUp},
    {K::KeypadAdd, Mods::None, A::SpeedUp, S::KeySpeedUp},
    {K::N, Mods::None, A::NextStep, S::KeyNextStep},
    {K::H, Mods::None, A::ShowHint, S::KeyShowHint},
    {K::D, Mods::None, A::Describe, S::KeyDescribe},
    {K::Comma, Mods::None, A::BackSecond, S::KeyBackSecond},
    {K::Period, Mods::None, A::ForwardSecond, S::KeyForwardSecond},
    {K::Comma, Mods::Shift, A::BackTenSeconds, S::KeyBackTenSeconds},
    {K::Period, Mods::Shift, A::ForwardTenSeconds, S::KeyForwardTenSeconds},
    {K::Home, Mods::None, A::StepStart, S::KeyStepStart},
    {K::End, Mods::None, A::Live, S::KeyLive},
    {K::V, Mods::Ctrl, A::Paste, S::PasteLink},
    {K::F6, Mods::None, A::NextPanel, S::KeyNextPanel},
    {K::F6, Mods::Shift, A::PreviousPanel, S::KeyPreviousPanel},
    {K::Slash, Mods::Shift, A::ToggleKeys, S::KeyToggleKeys},
    {K::Escape, Mods::None, A::CloseKeys, S::KeyCloseKeys},
};

constexpr NavigationKey kNavigationKeys[] = {
    {"Tab", S::NavKeyTab},
    {"← ↑ → ↓", S::NavKeyArrows},
    {"Space / Enter", S::NavKeyActivate},
};

// Whether a Shift row exists for `key`: then Shift tells its rows apart; else it is ignored.
bool HasShiftRow(ShortcutKey key) {
  return std::any_of(std::begin(kShortcuts), std::end(kShortcuts),
                     [&](const Shortcut& s) { return s.key == key && Has(s.mods, Mods::Shift); });
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
  // What Shift types on these keys on a US keyboard, which is what people know them by.
  if (Has(s.mods, Mods::Shift) && !Has(s.mods, Mods::Ctrl)) {
    if (s.key == K::Equal) return "+";
    if (s.key == K::Slash) return "?";
  }
  std::string out;
  if (Has(s.mods, Mods::Ctrl)) out += "Ctrl+";
  if (Has(s.mods, Mods::Shift)) out += "Shift+";
  switch (s.key) {
    case K::P: out += "P"; break;
    case K::S: out += "S"; break;
    case K::N: out += "N"; break;
    case K::H: out += "H"; break;
    case K::D: out += "D"; break;
    case K::Minus: out += "-"; break;
    case K::Equal: out += "="; break;
    case K::KeypadSubtract: out += "Num -"; break;
    case K::KeypadAdd: out += "Num +"; break;
    case K::Comma: out += ","; break;
    case K::Period: out += "."; break;
    case K::Slash: out += "/"; break;
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
  const bool shift_counts = HasShiftRow(press.key);
  for (const Shortcut& s : kShortcuts) {
    if (s.key != press.key || Has(s.mods, Mods::Ctrl) != press.ctrl) continue;
    if (shift_counts && Has(s.mods, Mods::Shift) != press.shift) continue;
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
