// The app: the tutorial drawn with Dear ImGui. Index:
//   [SECTION] Frame        the tutorial advances, the views draw, their commands apply
//   [SECTION] Layout       fixed windows laid out from the viewport (wide, medium, phone; embedded:
//                          the compact layout of embed_layout.h)
#include "ui/app.h"

#include <algorithm>
#include <cmath>
#include <utility>

#include "imgui.h"
#include "statelab/sim.h"
#include "ui/keyboard.h"
#include "ui/model_text.h"
#include "ui/strings.h"
#include "ui/theme.h"
#include "ui/views.h"
#include "ui/widgets.h"

namespace ui {

namespace {

const sim::StepControls& NoControls() {
  static const sim::StepControls kNone{};  // an empty constant, not model data
  return kNone;
}

}  // namespace

// [SECTION] Frame
App::App(AppOptions options)
    : tutorial_(std::move(options.data_dir), std::move(options.services), options.embedded) {
  ui_.embedded = options.embedded;
  SyncFromTutorial();
}

App::~App() = default;

// What the views keep per run and per step starts over with a new run or step; the language,
// the answer and natively shown notices are the tutorial's.
void App::SyncFromTutorial() {
  ui_.lang = tutorial_.lang();
  ui_.chosen_answer = tutorial_.chosen_answer();
  if (tutorial_.run_serial() != run_serial_seen_) {
    run_serial_seen_ = tutorial_.run_serial();
    ui_.dots.clear();
    ui_.traces_seen = 0;
    ui_.selection = {};
  }
  if (tutorial_.rewind_serial() != rewind_serial_seen_) {  // another Sim: its requests fly anew
    rewind_serial_seen_ = tutorial_.rewind_serial();
    ui_.dots.clear();
    ui_.traces_seen = 0;
  }
  if (tutorial_.step_serial() != step_serial_seen_) {
    step_serial_seen_ = tutorial_.step_serial();
    ui_.hints_shown = 0;
  }
  if (tutorial_.notice_serial() != notice_serial_seen_) {
    notice_serial_seen_ = tutorial_.notice_serial();
    ui_.native_notice = tutorial_.notice();
    ui_.native_notice_until_s = ui_.clock_s + 10.0;
  }
}

void App::Frame() {
  ImGuiIO& io = ImGui::GetIO();
  // Frame time is wall clock; a long pause (tab in background) must not become a burst of ticks.
  const float dt = std::clamp(io.DeltaTime, 0.0f, 0.25f);
  if (frame_ == 0) ApplyTheme();
  tutorial_.BeginFrame();
  ui_.clock_s += dt;
  ++frame_;
  tutorial_.Advance(dt);
  SyncFromTutorial();
  const PacingView& pacing = tutorial_.pacing();
  if (const sim::LessonRun* run = tutorial_.run(); run != nullptr && !pacing.blocked_by_question) {
    const bool fast = pacing.fast_forwarding || kSpeeds[pacing.speed_index] >= 16.0f;
    UpdateDots(run->sim(), ui_, fast);
    // Side A's dots start over with each comparison (or a Sim replaced by a rewind).
    const sim::Comparison* twin = run->comparison();
    if (twin != twin_seen_ || twin == nullptr) {
      twin_seen_ = twin;
      twin_ui_.dots.clear();
      twin_ui_.traces_seen = twin != nullptr ? twin->a().traces().total_pushed() : 0;
    }
    twin_ui_.lang = ui_.lang;
    twin_ui_.clock_s = ui_.clock_s;
    if (twin != nullptr) UpdateDots(twin->a(), twin_ui_, fast);
  }
  Commands commands;
  Draw(commands);
  for (const AppCommand& c : commands) Dispatch(c);
  HandleKeys();
}

// The shortcut table's keys (shortcuts.h), one at a time, each seeing what the one before did.
void App::HandleKeys() {
  for (const KeyPress& press : ReadKeyPresses()) {
    const Shortcut* shortcut = MatchShortcut(press);
    if (shortcut == nullptr) continue;
    if (IsViewAction(shortcut->action)) {
      ApplyViewShortcut(shortcut->action);
    } else if (const std::optional<AppCommand> command = ShortcutCommand(shortcut->action, tutorial_)) {
      Dispatch(*command);
    }
  }
}

void App::ApplyViewShortcut(ShortcutAction action) {
  switch (action) {
    case ShortcutAction::ShowHint:
      if (const sim::LessonRun* run = tutorial_.run()) {
        ui_.hints_shown = std::min(ui_.hints_shown + 1, static_cast<int>(run->step().hints.size()));
      }
      break;
    case ShortcutAction::NextPanel: ui_.focus_panel = 1; break;
    case ShortcutAction::PreviousPanel: ui_.focus_panel = -1; break;
    case ShortcutAction::ToggleKeys:
      ui_.keys_open = !ui_.keys_open;
      ui_.keys_focus = ui_.keys_open;
      if (ui_.keys_open) ShowFocusRing();  // on its Close button: Enter or Space closes it
      break;
    case ShortcutAction::CloseKeys: ui_.keys_open = false; break;
    default: break;  // the tutorial's (ShortcutCommand)
  }
}

void App::Dispatch(const AppCommand& command) {
  const uint64_t run_before = tutorial_.run_serial();
  tutorial_.Dispatch(command);
  // The last lesson finished: nothing opens next, so the list does.
  if (std::holds_alternative<FinishLesson>(command) && tutorial_.run() != nullptr &&
      tutorial_.run_serial() == run_before) {
    ui_.lesson_list_open = true;
  }
  SyncFromTutorial();
}

// [SECTION] Layout
namespace {
constexpr ImGuiWindowFlags kPanelFlags = ImGuiWindowFlags_NoTitleBar | ImGuiWindowFlags_NoResize |
                                         ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoCollapse |
                                         ImGuiWindowFlags_NoSavedSettings | ImGuiWindowFlags_NoBringToFrontOnFocus;

bool BeginPanel(const char* name, ImVec2 pos, ImVec2 size, ImU32 bg, ImGuiWindowFlags extra = 0) {
  ImGui::SetNextWindowPos(pos);
  ImGui::SetNextWindowSize(ImVec2(std::max(size.x, 10.0f), std::max(size.y, 10.0f)));
  ImGui::PushStyleColor(ImGuiCol_WindowBg, ToVec4(bg));
  const bool open = ImGui::Begin(name, nullptr, kPanelFlags | extra);
  ImGui::PopStyleColor();
  return open;
}

// A tab that can be selected from code once (after a click in the diagram). Its ID does not
// depend on the label, so switching the language keeps the open tab.
bool TabItem(const char* label, const char* id, bool select) {
  const std::string full = std::string(label) + "###" + id;
  return ImGui::BeginTabItem(full.c_str(), nullptr, select ? ImGuiTabItemFlags_SetSelected : 0);
}
}  // namespace

void App::Draw(Commands& out) {
  ui_.widgets.clear();
  if (ui_.focus_panel != 0) FocusNextPanel(std::exchange(ui_.focus_panel, 0));
  const ImGuiViewport* vp = ImGui::GetMainViewport();
  const ImVec2 origin = vp->WorkPos;
  const float W = vp->WorkSize.x, H = vp->WorkSize.y;
  const sim::LessonRun* run = tutorial_.run();
  const PacingView& pacing = tutorial_.pacing();
  const ViewModel vm{tutorial_.lessons(), run, tutorial_.progress(), pacing, tutorial_.glossary(), &tutorial_};
  const sim::Sim* sim = run != nullptr ? &run->sim() : nullptr;
  const sim::StepControls& controls = run != nullptr ? run->step().controls : NoControls();
  const sim::Lang l = ui_.lang;

  const bool phone = W < 760;
  const bool medium = !phone && W < 1200;
  const bool two_row_top = W < 1380;
  const float row_h = ImGui::GetFrameHeight();
  const int top_rows = phone ? 3 : two_row_top ? 2 : 1;
  const float top_h = row_h * static_cast<float>(top_rows) +
                      ImGui::GetStyle().ItemSpacing.y * static_cast<float>(top_rows - 1) + 20;

  // Embedded: a compact bar, the diagram and the lesson panel, nothing else (no lesson list, menus
  // or timeline); where each goes is LayOutEmbed's.
  const bool embedded = ui_.embedded;
  const ImVec2 embed_bar_pad(10, 6);  // a slimmer bar: the lesson needs the height more
  const EmbedLayout el = LayOutEmbed({W, H}, row_h, ImGui::GetStyle().ItemSpacing.y, embed_bar_pad.y);
  auto at = [&](const Rect& r) { return ImVec2(origin.x + r.min.x, origin.y + r.min.y); };
  auto size_of = [](const Rect& r) { return ImVec2(r.Width(), r.Height()); };
  if (embedded) {
    ui_.embed_layout = el;
    ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, embed_bar_pad);
    if (BeginPanel("Top bar", at(el.bar), size_of(el.bar), col::Rgb(17, 20, 25),
                   ImGuiWindowFlags_NoScrollbar | ImGuiWindowFlags_NoScrollWithMouse)) {
      DrawEmbedBar(vm, ui_, out, el.bar_rows > 1);
    }
    ImGui::End();
    ImGui::PopStyleVar();
  } else if (BeginPanel("Top bar", origin, ImVec2(W, top_h), col::Rgb(17, 20, 25))) {
    DrawTopBar(vm, ui_, out, two_row_top, phone);
  }
  if (!embedded) ImGui::End();

  const float body_y = origin.y + top_h;
  const float body_h = H - top_h;
  const std::optional<Tab> want = ui_.open_tab;  // asked for by a view last frame
  ui_.open_tab.reset();

  // The diagram, with the timeline strip along its foot; while two runs are compared, the comparison
  // bar over it and A's diagram beside B's (on a narrow canvas, one of them, chosen in the bar).
  const float timeline_h = embedded ? 0.0f : row_h + ImGui::GetStyle().WindowPadding.y * 2;
  ImVec2 diagram_pos, diagram_size;  // where "What happened" opens
  const sim::Comparison* twin = run != nullptr ? run->comparison() : nullptr;
  auto diagram = [&](ImVec2 pos, ImVec2 size) {
    size.y -= timeline_h;
    const bool narrow = phone || size.x < 640;
    if (const int rows = CompareBarRows(vm, narrow); rows > 0) {
      const float bar_h = row_h * static_cast<float>(rows) + ImGui::GetStyle().WindowPadding.y * 2;
      if (BeginPanel("Compare", pos, ImVec2(size.x, bar_h), col::kPanel, ImGuiWindowFlags_NoScrollbar)) {
        DrawCompareBar(vm, ui_, out, narrow);
      }
      ImGui::End();
      pos.y += bar_h;
      size.y -= bar_h;
    }
    diagram_pos = pos;
    diagram_size = size;
    if (!embedded && BeginPanel("Timeline", ImVec2(pos.x, pos.y + size.y), ImVec2(size.x, timeline_h), col::kPanel,
                                ImGuiWindowFlags_NoScrollbar | ImGuiWindowFlags_NoScrollWithMouse)) {
      DrawTimeline(vm, ui_, out);
    }
    if (!embedded) ImGui::End();
    ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(0, 0));
    const bool show_twin = twin != nullptr && (!narrow || ui_.compare_show_a);
    const bool show_live = twin == nullptr || !narrow || !ui_.compare_show_a;
    if (show_twin) {
      twin_ui_.widgets.clear();
      const ImVec2 twin_size(narrow ? size.x : size.x * 0.5f, size.y);
      if (BeginPanel("Diagram A", pos, twin_size, col::kBackground,
                     ImGuiWindowFlags_NoScrollbar | ImGuiWindowFlags_NoScrollWithMouse)) {
        DrawDiagram(twin->a(), twin_ui_);
        Mark(ui_, "diagram:a");
      }
      ImGui::End();
      if (!narrow) {
        pos.x += twin_size.x;
        size.x -= twin_size.x;
      }
    }
    if (show_live && BeginPanel("Diagram", pos, size, col::kBackground,
                                ImGuiWindowFlags_NoScrollbar | ImGuiWindowFlags_NoScrollWithMouse)) {
      if (sim != nullptr) {
        DrawDiagram(*sim, ui_);
        if (twin != nullptr) Mark(ui_, "diagram:b");
        // The stack in words, for a screen reader (also key D and a page button).
        const char* describe = Tr(S::DescribeButton, l);
        const ImGuiStyle& st = ImGui::GetStyle();
        const float bw = ImGui::CalcTextSize(describe).x + st.FramePadding.x * 2;
        ImGui::SetCursorScreenPos(ImVec2(pos.x + size.x - bw - 8, pos.y + 6));
        if (ImGui::SmallButton(describe)) out.push_back(DescribeStackNow{});
        Mark(ui_, "describe");
        if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", Tr(S::DescribeTip, l));
      } else {
        TextDim(Tr(S::DiagramEmpty, l));
      }
    }
    if (show_live) ImGui::End();
    ImGui::PopStyleVar();
  };
  auto lesson_panel = [&]() { DrawLessonPanel(vm, ui_, out); };
  auto knobs = [&]() {
    if (sim != nullptr) DrawKnobs(*sim, controls, ui_, out);
  };
  auto inspector = [&]() {
    if (sim != nullptr) DrawInspector(*sim, controls, ui_, out, tutorial_.prices());
  };
  auto side_tabs = [&](bool with_lesson) {
    if (ImGui::BeginTabBar("##side")) {
      if (with_lesson) {
        const bool tab_lesson = TabItem(Tr(S::TabLesson, l), "lesson", false);
        Mark(ui_, "tab:lesson");  // the tab itself, before its content adds items
        if (tab_lesson) {
          ImGui::BeginChild("##lessonbody");
          lesson_panel();
          ImGui::EndChild();
          ImGui::EndTabItem();
        }
      }
      const bool tab_knobs = TabItem(Tr(S::TabKnobs, l), "knobs", want == Tab::Knobs);
      Mark(ui_, "tab:knobs");
      if (tab_knobs) {
        ui_.tab = Tab::Knobs;
        ImGui::BeginChild("##knobs");
        knobs();
        DragToScroll();
        ImGui::EndChild();
        ImGui::EndTabItem();
      }
      const bool tab_inspector = TabItem(Tr(S::TabInspector, l), "inspector", want == Tab::Inspector);
      Mark(ui_, "tab:inspector");
      if (tab_inspector) {
        ui_.tab = Tab::Inspector;
        ImGui::BeginChild("##inspector");
        inspector();
        DragToScroll();
        ImGui::EndChild();
        ImGui::EndTabItem();
      }
      ImGui::EndTabBar();
    }
  };
  auto metrics = [&](ImVec2 pos, ImVec2 size) {
    if (BeginPanel("Metrics", pos, size, col::Rgb(22, 25, 31))) {
      if (sim != nullptr) DrawMetrics(*sim, ui_, twin != nullptr ? &twin->a() : nullptr);
    }
    ImGui::End();
  };
  auto events = [&](ImVec2 pos, ImVec2 size) {
    if (BeginPanel("Events", pos, size, col::Rgb(22, 25, 31))) {
      if (sim != nullptr) DrawEventLog(*sim, ui_);
    }
    ImGui::End();
  };

  if (embedded) {
    diagram(at(el.diagram), size_of(el.diagram));
    if (BeginPanel("Side panel", at(el.panel), size_of(el.panel), col::kPanel)) side_tabs(true);
    ImGui::End();
  } else if (phone) {
    // Phone: the diagram on top, one tabbed panel below.
    const float diagram_h = std::max(340.0f, body_h * 0.5f) + timeline_h;  // the strip comes off the panel below
    diagram(ImVec2(origin.x, body_y), ImVec2(W, diagram_h));
    const ImVec2 pos(origin.x, body_y + diagram_h);
    const ImVec2 size(W, body_h - diagram_h);
    if (BeginPanel("Side panel", pos, size, col::kPanel)) {
      if (ImGui::BeginTabBar("##phone")) {
        const bool sel_inspector = want == Tab::Inspector;
        const bool tab_lesson = TabItem(Tr(S::TabLesson, l), "lesson", false);
        Mark(ui_, "tab:lesson");  // the tab itself, before its content adds items
        if (tab_lesson) {
          ui_.narrow_tab = NarrowTab::Lesson;
          lesson_panel();
          ImGui::EndTabItem();
        }
        const bool tab_knobs = TabItem(Tr(S::TabControls, l), "knobs", false);
        Mark(ui_, "tab:knobs");
        if (tab_knobs) {
          ui_.narrow_tab = NarrowTab::Controls;
          knobs();
          ImGui::EndTabItem();
        }
        const bool tab_inspector = TabItem(Tr(S::TabInspector, l), "inspector", sel_inspector);
        Mark(ui_, "tab:inspector");
        if (tab_inspector) {
          ui_.narrow_tab = NarrowTab::Inspector;
          inspector();
          ImGui::EndTabItem();
        }
        const bool tab_metrics = TabItem(Tr(S::TabMetrics, l), "metrics", false);
        Mark(ui_, "tab:metrics");
        if (tab_metrics) {
          ui_.narrow_tab = NarrowTab::Metrics;
          if (sim != nullptr) {
            ImGui::BeginChild("##m", ImVec2(0, ImGui::GetContentRegionAvail().y * 0.6f));
            DrawMetrics(*sim, ui_, twin != nullptr ? &twin->a() : nullptr);
            ImGui::EndChild();
            DrawEventLog(*sim, ui_);
          }
          ImGui::EndTabItem();
        }
        ImGui::EndTabBar();
      }
      DragToScroll();
    }
    ImGui::End();
    // Keep the other names submitted so every view is accounted for.
  } else {
    const float left_w = medium ? std::clamp(W * 0.34f, 320.0f, 380.0f) : std::clamp(W * 0.25f, 330.0f, 400.0f);
    const float right_w = medium ? 0.0f : std::clamp(W * 0.24f, 320.0f, 380.0f);
    const float bottom_h = std::clamp(body_h * 0.27f, 170.0f, 260.0f);
    const float events_w = std::clamp((W - left_w) * 0.3f, 260.0f, 380.0f);
    if (BeginPanel("Lesson", ImVec2(origin.x, body_y), ImVec2(left_w, body_h), col::kPanel)) {
      if (medium) {
        side_tabs(true);
      } else {
        lesson_panel();
      }
    }
    ImGui::End();
    const float cx = origin.x + left_w;
    const float cw = W - left_w - right_w;
    diagram(ImVec2(cx, body_y), ImVec2(cw, body_h - bottom_h));
    if (!medium) {
      if (BeginPanel("Side panel", ImVec2(cx + cw, body_y), ImVec2(right_w, body_h - bottom_h), col::kPanel)) {
        side_tabs(false);
      }
      ImGui::End();
    }
    metrics(ImVec2(cx, body_y + body_h - bottom_h), ImVec2(W - left_w - events_w, bottom_h));
    events(ImVec2(origin.x + W - events_w, body_y + body_h - bottom_h), ImVec2(events_w, bottom_h));
  }

  // "What happened": over the diagram, by itself when a step ends, or from the lesson panel.
  if (run != nullptr && StepEnded(*run) && ui_.story_opened_for_step != tutorial_.step_serial() && !tutorial_.rewound()) {
    ui_.story_opened_for_step = tutorial_.step_serial();
    ui_.story_open = true;
  }
  // "Theory vs measured" takes the same place; one of the two at a time.
  if (ui_.theory_open && ui_.story_open) ui_.theory_open = false;
  if (ui_.cost_open && (ui_.story_open || ui_.theory_open)) ui_.cost_open = false;
  auto overlay = [&](S title, const char* id, bool& open, auto draw) {
    const float margin = 12;
    ImGui::SetNextWindowPos(ImVec2(diagram_pos.x + margin, diagram_pos.y + margin));
    ImGui::SetNextWindowSizeConstraints(ImVec2(diagram_size.x - 2 * margin, 0),
                                        ImVec2(diagram_size.x - 2 * margin, diagram_size.y - 2 * margin));
    ImGui::PushStyleColor(ImGuiCol_WindowBg, ToVec4(col::Rgb(24, 28, 36, 245)));
    const std::string name = std::string(Tr(title, l)) + "###" + id;
    if (ImGui::Begin(name.c_str(), &open,
                     ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoResize | ImGuiWindowFlags_NoCollapse |
                         ImGuiWindowFlags_NoSavedSettings | ImGuiWindowFlags_AlwaysAutoResize)) {
      draw();
    }
    ImGui::End();
    ImGui::PopStyleColor();
  };
  if (ui_.theory_open && sim != nullptr) overlay(S::TheoryTitle, "theory", ui_.theory_open, [&] { DrawTheory(*sim, ui_); });
  if (ui_.cost_open && sim != nullptr) {
    overlay(S::CostTitle, "cost", ui_.cost_open, [&] { DrawCost(*sim, tutorial_.prices(), tutorial_.prices_error(), ui_); });
  }
  if (ui_.story_open && run != nullptr) overlay(S::StoryTitle, "story", ui_.story_open, [&] { DrawStory(vm, ui_, out); });

  // Natively there is no page banner: the app shows notices itself.
  if (!ui_.native_notice.empty() && ui_.clock_s < ui_.native_notice_until_s) {
    const float w = std::min(W - 40, 720.0f);
    ImGui::SetNextWindowPos(ImVec2(origin.x + (W - w) * 0.5f, origin.y + top_h + 8));
    ImGui::SetNextWindowSize(ImVec2(w, 0));
    ImGui::PushStyleColor(ImGuiCol_WindowBg, ToVec4(col::Rgb(59, 47, 18)));
    ImGui::PushStyleColor(ImGuiCol_Text, ToVec4(col::Rgb(255, 216, 138)));
    ImGui::Begin("Notice", nullptr,
                 ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoSavedSettings |
                     ImGuiWindowFlags_AlwaysAutoResize | ImGuiWindowFlags_NoFocusOnAppearing);
    ImGui::TextWrapped("%s", ui_.native_notice.c_str());
    if (ImGui::SmallButton(Tr(S::CopyNotice, l))) out.push_back(CopyText{ui_.native_notice});
    Mark(ui_, "notice-copy");
    if (ImGui::IsWindowHovered() && !ImGui::IsAnyItemHovered() && ImGui::IsMouseClicked(0)) ui_.native_notice_until_s = 0;
    ImGui::End();
    ImGui::PopStyleColor(2);
  }

  // The keyboard shortcuts, over everything ("?" or the top bar's button).
  if (ui_.keys_open) {
    const float w = std::min(W - 24, 640.0f);
    ImGui::SetNextWindowPos(ImVec2(origin.x + (W - w) * 0.5f, origin.y + std::min(top_h + 8, H * 0.1f)));
    ImGui::SetNextWindowSizeConstraints(ImVec2(w, 0), ImVec2(w, H - std::min(top_h + 8, H * 0.1f) - 12));
    if (std::exchange(ui_.keys_focus, false)) ImGui::SetNextWindowFocus();
    const std::string name = std::string(Tr(S::KeysTitle, l)) + "###keys";
    if (ImGui::Begin(name.c_str(), &ui_.keys_open,
                     ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoResize | ImGuiWindowFlags_NoCollapse |
                         ImGuiWindowFlags_NoSavedSettings | ImGuiWindowFlags_AlwaysAutoResize)) {
      DrawKeys(ui_);
    }
    ImGui::End();
  }
  DrawFocusRing();
  ui_.focused.clear();
  if (ImVec2 min, max; FocusedRect(&min, &max)) {
    auto near = [](ImVec2 a, ImVec2 b) { return std::abs(a.x - b.x) < 1.5f && std::abs(a.y - b.y) < 1.5f; };
    for (const WidgetRect& w : ui_.widgets) {
      if (near(w.min, min) && near(w.max, max)) {
        ui_.focused = w.name;
        break;
      }
    }
    // An unnamed widget by where it is, so a test can tell one from the next.
    if (ui_.focused.empty()) ui_.focused = "@" + std::to_string(static_cast<int>(min.x)) + "," + std::to_string(static_cast<int>(min.y));
  }
  // What scrolls and whether something is being dragged, for the page's wheel and touch policy.
  if (embedded) {
    ui_.scroll_regions = ScrollRegionsDrawn();
    ui_.dragging = ImGui::IsAnyItemActive() && ImGui::IsMouseDown(ImGuiMouseButton_Left);
  }
}

}  // namespace ui
