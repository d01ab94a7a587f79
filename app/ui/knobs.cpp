// Knobs and faults: the settings and failures the current step lets the learner touch
// (LessonStep::controls; the sandbox has all). Each widget shows the model's current value and
// emits a typed command; nothing is changed here.
#include <algorithm>
#include <cstdio>
#include <string>
#include <string_view>

#include "imgui.h"
#include "statelab/controls.h"
#include "statelab/lesson.h"
#include "statelab/sim.h"
#include "ui/model_text.h"
#include "ui/strings.h"
#include "ui/theme.h"
#include "ui/views.h"
#include "ui/widgets.h"

namespace ui {

namespace {

void Emit(Commands& out, sim::Command c) { out.push_back(ModelCommand{std::move(c)}); }

// Buttons that wrap onto the next line when the row is full.
bool WrapButton(UiState& ui, const std::string& label, const std::string& mark, bool first) {
  const float w = ImGui::CalcTextSize(label.c_str(), nullptr, true).x + ImGui::GetStyle().FramePadding.x * 2;
  if (!first) {
    const float right = ImGui::GetItemRectMax().x + ImGui::GetStyle().ItemSpacing.x + w;
    if (right < ImGui::GetWindowPos().x + ImGui::GetWindowContentRegionMax().x) ImGui::SameLine();
  }
  const bool pressed = ImGui::Button(label.c_str());
  Mark(ui, mark);
  return pressed;
}

void Label(const char* text, const char* help = nullptr) {
  ImGui::TextUnformatted(text);
  if (help != nullptr) HelpMarker(help);
}

bool Checkbox(UiState& ui, const char* name, const char* label, bool value, const char* help = nullptr) {
  bool v = value;
  const bool changed = ImGui::Checkbox(label, &v);
  MarkOn(ui, std::string("knob:") + name, value);
  if (help != nullptr) HelpMarker(help);
  return changed;
}

// A stepper: [-] value [+].
int Stepper(UiState& ui, const char* name, int value, int lo, int hi) {
  ImGui::PushID(name);
  int next = value;
  ImGui::BeginDisabled(value <= lo);
  if (ImGui::Button(" - ")) next = value - 1;
  Mark(ui, std::string("knob:") + name + ":minus");
  ImGui::EndDisabled();
  ImGui::SameLine();
  ImGui::AlignTextToFramePadding();
  ImGui::Text("%d", value);
  MarkValue(ui, std::string("knob:") + name, value);
  ImGui::SameLine();
  ImGui::BeginDisabled(value >= hi);
  if (ImGui::Button(" + ")) next = value + 1;
  Mark(ui, std::string("knob:") + name + ":plus");
  ImGui::EndDisabled();
  ImGui::PopID();
  return next;
}

void StickinessKnob(const sim::Config& cfg, UiState& ui, Commands& out) {
  const sim::Lang l = ui.lang;
  const auto& st = cfg.load_balancer.stickiness;
  if (Checkbox(ui, "stickiness", Tr(S::Stickiness, l), st.enabled, Tr(S::StickinessTip, l))) {
    Emit(out, sim::SetStickiness{!st.enabled, st.duration_s});
  }
  if (st.enabled) {
    ImGui::Indent();
    ImGui::TextDisabled("%s", Tr(S::StickyDuration, l));
    constexpr int64_t kDurations[] = {60, 3600, 86'400};
    int sel = -1;
    for (int i = 0; i < 3; ++i) sel = st.duration_s == kDurations[i] ? i : sel;
    const bool ko = l == sim::Lang::Ko;
    const int picked = SegmentedChoice(ui, "knob:stickiness-duration",
                                       {ko ? "1분" : "1 min", ko ? "1시간" : "1 hour", ko ? "1일" : "1 day"}, sel);
    if (picked >= 0) Emit(out, sim::SetStickiness{true, kDurations[picked]});
    ImGui::Unindent();
  }
}

void SecurityGroupsKnob(const sim::Config& cfg, UiState& ui, Commands& out) {
  const sim::Lang l = ui.lang;
  const uint16_t db_port = cfg.rds.port;
  struct Preset {
    sim::SgId group;
    uint16_t port;
    bool from_group;
    sim::SgId source_group;
    const char* cidr;
  };
  const Preset presets[] = {
      {sim::SgId::Elb, sim::kHttpsPort, false, sim::SgId::Elb, "0.0.0.0/0"},
      {sim::SgId::Elb, sim::kHttpPort, false, sim::SgId::Elb, "0.0.0.0/0"},
      {sim::SgId::Web, sim::kHttpPort, true, sim::SgId::Elb, nullptr},
      {sim::SgId::Web, sim::kHttpPort, false, sim::SgId::Elb, "0.0.0.0/0"},
      {sim::SgId::Cache, sim::kRedisPort, true, sim::SgId::Web, nullptr},
      {sim::SgId::Cache, sim::kRedisPort, false, sim::SgId::Elb, "0.0.0.0/0"},
      {sim::SgId::Db, db_port, true, sim::SgId::Web, nullptr},
      {sim::SgId::Db, db_port, true, sim::SgId::Elb, nullptr},
      {sim::SgId::Db, db_port, false, sim::SgId::Elb, "0.0.0.0/0"},
  };
  for (int g = 0; g < sim::kSgCount; ++g) {
    const auto group = static_cast<sim::SgId>(g);
    const std::string gname(sim::Name(group));
    ImGui::PushID(g);
    const auto& rules = cfg.security_groups.rules[static_cast<size_t>(g)];
    const bool open = ImGui::TreeNodeEx(gname.c_str(), ImGuiTreeNodeFlags_DefaultOpen, "%s  (%d)", gname.c_str(),
                                        static_cast<int>(rules.size()));
    Mark(ui, "sg:" + gname);
    if (open) {
      if (rules.empty()) TextColored(col::kWarn, Tr(S::NoRules, l));
      for (size_t i = 0; i < rules.size(); ++i) {
        ImGui::PushID(static_cast<int>(i));
        const std::string rule = sim::DescribeRule(rules[i]);
        const bool wide = rules[i].source.kind == sim::SgSource::Kind::Cidr && rules[i].source.cidr.prefix == 0 &&
                          group != sim::SgId::Elb;
        ImGui::AlignTextToFramePadding();
        TextColored(wide ? col::kError : col::kText, rule.c_str());
        ImGui::SameLine();
        if (ImGui::SmallButton(Tr(S::RemoveRule, l))) Emit(out, sim::RemoveSgRule{group, rules[i]});
        Mark(ui, "sg-remove:" + gname + ":" + std::to_string(i));
        ImGui::PopID();
      }
      bool first = true;
      for (const Preset& p : presets) {
        if (p.group != group) continue;
        sim::SgRule rule;
        rule.from_port = rule.to_port = p.port;
        if (p.from_group) {
          rule.source.kind = sim::SgSource::Kind::Group;
          rule.source.group = p.source_group;
        } else {
          rule.source.kind = sim::SgSource::Kind::Cidr;
          rule.source.cidr = sim::ParseCidr(p.cidr).value_or(sim::Cidr{});
        }
        if (std::find(rules.begin(), rules.end(), rule) != rules.end()) continue;
        const std::string label = "+ " + sim::DescribeRule(rule);
        if (WrapButton(ui, label, "sg-add:" + gname + ":" + sim::DescribeRule(rule), first)) {
          Emit(out, sim::SetSgRule{group, rule});
        }
        first = false;
      }
      ImGui::TreePop();
    }
    ImGui::PopID();
  }
}

// One knob. `cfg` is the config with the queued commands applied (Sim::PendingConfig): a click made while
// paused shows at once, and a stepper counts from it.
void DrawKnob(sim::Knob knob, const sim::Config& cfg, UiState& ui, Commands& out) {
  const sim::Lang l = ui.lang;
  using K = sim::Knob;
  const std::string_view name = sim::Name(knob);
  ImGui::PushID(name.data(), name.data() + name.size());
  switch (knob) {
    case K::Stickiness: {
      StickinessKnob(cfg, ui, out);
      break;
    }
    case K::Routing: {
      Label(Tr(S::Routing, l));
      const int picked = SegmentedChoice(ui, "knob:routing", {Tr(S::RoundRobin, l), Tr(S::LeastOutstanding, l)},
                                         static_cast<int>(cfg.load_balancer.routing));
      if (picked >= 0) Emit(out, sim::SetRouting{static_cast<sim::RoutingAlgorithm>(picked)});
      break;
    }
    case K::SessionStrategy: {
      Label(Tr(S::SessionStrategy, l));
      const int picked = SegmentedChoice(
          ui, "knob:session_strategy", {Tr(S::StrategyInstance, l), Tr(S::StrategyCookie, l), Tr(S::StrategyServer, l)},
          static_cast<int>(cfg.session.strategy));
      if (picked >= 0) Emit(out, sim::SetSessionStrategy{static_cast<sim::SessionStrategy>(picked)});
      break;
    }
    case K::SessionStore: {
      Label(Tr(S::SessionStoreLabel, l));
      const int picked = SegmentedChoice(ui, "knob:session_store", {"ElastiCache", "DynamoDB"},
                                         static_cast<int>(cfg.session.store));
      if (picked >= 0) Emit(out, sim::SetSessionStore{static_cast<sim::SessionStore>(picked)});
      break;
    }
    case K::CookieSigning: {
      if (Checkbox(ui, "cookie_signing", Tr(S::CookieSigning, l), cfg.session.cookie_signing, Tr(S::CookieSigningTip, l))) {
        Emit(out, sim::SetCookieSigning{!cfg.session.cookie_signing});
      }
      break;
    }
    case K::CacheMode: {
      Label(Tr(S::CacheMode, l));
      const int picked = SegmentedChoice(ui, "knob:cache_mode",
                                         {Tr(S::CacheNone, l), Tr(S::CacheLazy, l), Tr(S::CacheWriteThrough, l)},
                                         static_cast<int>(cfg.cache.read_mode));
      if (picked >= 0) Emit(out, sim::SetCacheMode{static_cast<sim::CacheMode>(picked)});
      break;
    }
    case K::CacheTtl: {
      Label(Tr(S::CacheTtl, l));
      const auto& kTtls = sim::kCacheTtlChoicesS;
      int sel = -1;
      static_assert(std::size(sim::kCacheTtlChoicesS) == 5, "one label per TTL choice");
      for (int i = 0; i < 5; ++i) sel = cfg.cache.ttl_s == kTtls[i] ? i : sel;
      const bool ko = l == sim::Lang::Ko;
      const int picked = SegmentedChoice(
          ui, "knob:cache_ttl",
          {ko ? "10초" : "10 s", ko ? "30초" : "30 s", ko ? "1분" : "1 min", ko ? "5분" : "5 min", ko ? "1시간" : "1 hour"}, sel);
      if (picked >= 0) Emit(out, sim::SetCacheTtl{kTtls[picked]});
      break;
    }
    case K::CacheInvalidation: {
      Label(Tr(S::CacheInvalidation, l));
      const int picked = SegmentedChoice(ui, "knob:cache_invalidation",
                                         {Tr(S::InvalidateOnWrite, l), Tr(S::InvalidateTtlOnly, l)},
                                         static_cast<int>(cfg.cache.invalidation));
      if (picked >= 0) Emit(out, sim::SetCacheInvalidation{static_cast<sim::Invalidation>(picked)});
      break;
    }
    case K::CacheMultiAz: {
      if (Checkbox(ui, "cache_multi_az", Tr(S::CacheMultiAz, l), cfg.cache.multi_az)) {
        Emit(out, sim::SetCacheMultiAz{!cfg.cache.multi_az});
      }
      break;
    }
    case K::ReplicaCount: {
      Label(Tr(S::ReplicaCount, l));
      ImGui::SameLine(ImGui::GetFontSize() * 11);
      const int now = static_cast<int>(cfg.rds.read_replicas);
      const int next = Stepper(ui, "replica_count", now, 0, static_cast<int>(sim::kMaxReadReplicas));
      if (next != now) Emit(out, sim::SetReplicaCount{static_cast<uint32_t>(next)});
      break;
    }
    case K::ReplicaLag: {
      Label(Tr(S::ReplicaLagBase, l));
      const auto& kLags = sim::kReplicaLagChoicesMs;
      int sel = -1;
      for (int i = 0; i < 4; ++i) sel = cfg.rds.replica_lag_ms == kLags[i] ? i : sel;
      const bool ko = l == sim::Lang::Ko;
      const int picked = SegmentedChoice(ui, "knob:replica_lag", {"50 ms", ko ? "1초" : "1 s", ko ? "5초" : "5 s", ko ? "30초" : "30 s"}, sel);
      if (picked >= 0) Emit(out, sim::SetReplicaLag{kLags[picked]});
      break;
    }
    case K::ReadRouting: {
      Label(Tr(S::ReadRoutingLabel, l));
      const int picked = SegmentedChoice(ui, "knob:read_routing",
                                         {Tr(S::ReadSpread, l), Tr(S::ReadReplicasOnly, l), Tr(S::ReadPrimaryOnly, l)},
                                         static_cast<int>(cfg.rds.read_routing));
      if (picked >= 0) Emit(out, sim::SetReadRouting{static_cast<sim::ReadRouting>(picked)});
      break;
    }
    case K::RdsMultiAz: {
      if (Checkbox(ui, "rds_multi_az", Tr(S::RdsMultiAz, l), cfg.rds.multi_az)) {
        Emit(out, sim::SetRdsMultiAz{!cfg.rds.multi_az});
      }
      break;
    }
    case K::AsgCapacity: {
      Label(Tr(S::AsgCapacity, l));
      ImGui::SameLine(ImGui::GetFontSize() * 11);
      const auto& a = cfg.auto_scaling;
      const int now = static_cast<int>(a.desired);
      const int next = Stepper(ui, "asg_capacity", now, static_cast<int>(sim::kAsgDesiredMin), static_cast<int>(sim::kAsgDesiredMax));
      if (next != now) {
        const auto d = static_cast<uint32_t>(next);
        Emit(out, sim::SetAsgCapacity{std::min(a.min, d), d, std::max(a.max, d)});
      }
      break;
    }
    case K::TargetTracking: {
      const auto& a = cfg.auto_scaling;
      if (Checkbox(ui, "target_tracking", Tr(S::TargetTracking, l), a.target_tracking)) {
        Emit(out, sim::SetTargetTracking{!a.target_tracking, a.target_cpu_pct});
      }
      break;
    }
    case K::Shoppers: {
      Label(Tr(S::ShopperCount, l));
      // While dragging, the slider shows the learner's value (a UI fact); the model gets one
      // command when the drag ends, rounded to a hundred.
      int value = ui.shoppers_edit >= 0 ? ui.shoppers_edit : static_cast<int>(cfg.shoppers.count);
      ImGui::SetNextItemWidth(-1);
      constexpr int kMin = static_cast<int>(sim::kShopperSliderMin), kMax = static_cast<int>(sim::kShopperSliderMax);
      constexpr int kStep = static_cast<int>(sim::kShopperSliderStep);
      ImGui::SliderInt("##shoppers", &value, kMin, kMax, Tr(S::ShopperCountFormat, l), ImGuiSliderFlags_AlwaysClamp);
      MarkValue(ui, "knob:shoppers", static_cast<int>(cfg.shoppers.count));
      if (ImGui::IsItemActive()) ui.shoppers_edit = value;
      if (ImGui::IsItemDeactivated()) {
        const int rounded = std::clamp((value + kStep / 2) / kStep * kStep, kMin, kMax);
        if (rounded != static_cast<int>(cfg.shoppers.count)) Emit(out, sim::SetShopperCount{static_cast<uint32_t>(rounded)});
        ui.shoppers_edit = -1;
      }
      break;
    }
    case K::SecurityGroups: {
      Label(Tr(S::SecurityGroups, l));
      SecurityGroupsKnob(cfg, ui, out);
      break;
    }
  }
  ImGui::PopID();
}

// The scripted shopper the learner acts as: the lesson's first named shopper, else Alice.
std::string ActingShopper(const sim::Sim& sim) {
  return sim.scripted_shoppers().empty() ? std::string("alice") : sim.scripted_shoppers().front().name;
}

void TerminateButtons(const sim::Sim& sim, UiState& ui, Commands& out) {
  Label(Tr(S::TerminateInstance, ui.lang));
  bool first = true;
  for (const sim::Instance& in : sim.instances()) {
    if (in.state == sim::InstanceState::Terminated) continue;
    const std::string id = sim::FormatInstanceId(in.id);
    const std::string label = "× " + id + " (" + std::string(sim::Name(in.az)) + ")";
    if (WrapButton(ui, label, "fault:terminate:" + id, first)) Emit(out, sim::TerminateInstance{in.id});
    first = false;
  }
}

// One button per AZ: fail it when up, restore it when down (each if the step offers it).
void AzButtons(const sim::Sim& sim, const sim::StepControls& controls, UiState& ui, Commands& out) {
  const sim::Lang l = ui.lang;
  Label(Tr(S::FailAz, l));
  for (int az = 0; az < sim::kAzCount; ++az) {
    const sim::Az a = sim::AzAt(az);
    const std::string n(sim::Name(a));
    const bool up = sim.az_up(a);
    if (!controls.Has(up ? sim::Fault::FailAz : sim::Fault::RestoreAz)) continue;
    if (az > 0) ImGui::SameLine();
    const std::string label = up ? "AZ " + n + " ×" : "AZ " + n + " " + Tr(S::RestoreAz, l);
    if (!up) ImGui::PushStyleColor(ImGuiCol_Button, ToVec4(col::Rgb(110, 40, 40)));
    if (ImGui::Button(label.c_str())) {
      if (up) {
        Emit(out, sim::FailAz{a});
      } else {
        Emit(out, sim::RestoreAz{a});
      }
    }
    if (!up) ImGui::PopStyleColor();
    Mark(ui, "fault:az:" + n);
  }
}

// One button that fails a data node or, while it is down, restores it.
void FailRestoreButton(bool down, const sim::Command& fail, const sim::Command& restore, bool can_fail,
                       bool can_restore, S fail_label, S restore_label, const char* mark, UiState& ui,
                       Commands& out) {
  if (!(down ? can_restore : can_fail)) return;
  if (ImGui::Button(Tr(down ? restore_label : fail_label, ui.lang))) Emit(out, down ? restore : fail);
  Mark(ui, mark);
}

void AttackerButtons(UiState& ui, Commands& out) {
  Label(Tr(S::Attacker, ui.lang));
  const std::pair<sim::AttackTarget, S> targets[] = {{sim::AttackTarget::Database, S::TargetDb},
                                                     {sim::AttackTarget::Cache, S::TargetCache},
                                                     {sim::AttackTarget::Instance, S::TargetInstance},
                                                     {sim::AttackTarget::LoadBalancer, S::TargetLb}};
  bool first = true;
  for (const auto& [t, s] : targets) {
    if (WrapButton(ui, std::string("→ ") + Tr(s, ui.lang), "fault:attack:" + std::string(sim::Name(t)), first)) {
      Emit(out, sim::AttackerConnect{t, 0, {}});
    }
    first = false;
  }
}

void TamperButtons(const sim::Sim& sim, UiState& ui, Commands& out) {
  const sim::Lang l = ui.lang;
  const std::string who = ActingShopper(sim);
  Label(Tr(S::Tamper, l));
  if (ImGui::Button(Tr(S::TamperLower, l))) Emit(out, sim::TamperCookie{who, sim::TamperKind::LowerPrices});
  Mark(ui, "fault:tamper-lower");
  ImGui::SameLine();
  if (ImGui::Button(Tr(S::TamperFree, l))) Emit(out, sim::TamperCookie{who, sim::TamperKind::AddFreeItem});
  Mark(ui, "fault:tamper-free");
  // With a server session the browser holds only the session ID: all an attacker can do is
  // swap in a guessed one.
  if (sim.config().session.strategy == sim::SessionStrategy::ServerSession) {
    if (ImGui::Button(Tr(S::TamperGuessSession, l))) Emit(out, sim::TamperCookie{who, sim::TamperKind::GuessSessionId});
    Mark(ui, "fault:tamper-guess-session");
  }
}

void ShopperButtons(const sim::Sim& sim, UiState& ui, Commands& out) {
  const sim::Lang l = ui.lang;
  const std::string who = ActingShopper(sim);
  Label(who == "alice" ? Tr(S::ShopperActions, l) : (Tr(S::ShopperActions, l) + std::string(" · ") + who).c_str());
  const std::pair<sim::RequestKind, S> acts[] = {{sim::RequestKind::AddToCart, S::AddTshirt},
                                                 {sim::RequestKind::ViewCart, S::ViewCart},
                                                 {sim::RequestKind::Checkout, S::Checkout}};
  bool first = true;
  for (const auto& [k, s] : acts) {
    if (WrapButton(ui, Tr(s, l), "act:" + std::string(sim::Name(k)), first)) {
      Emit(out, sim::ShopperAction{who, k, sim::kTshirtSku});
    }
    first = false;
  }
  if (WrapButton(ui, Tr(S::NewVisit, l), "act:new-visit", false)) Emit(out, sim::ShopperNewVisit{who});
}

// One fault. A restore the step offers without its failure draws the failure's row (which shows
// the restore while the part is down); with both, the failure's row draws it.
void DrawFault(sim::Fault fault, const sim::Sim& sim, const sim::StepControls& controls, UiState& ui, Commands& out) {
  using F = sim::Fault;
  const std::string_view name = sim::Name(fault);
  ImGui::PushID(name.data(), name.data() + name.size());
  switch (fault) {
    case F::TerminateInstance: TerminateButtons(sim, ui, out); break;
    case F::RestoreAz:
      if (controls.Has(F::FailAz)) break;
      [[fallthrough]];
    case F::FailAz: AzButtons(sim, controls, ui, out); break;
    case F::RestoreCache:
      if (controls.Has(F::FailCachePrimary)) break;
      [[fallthrough]];
    case F::FailCachePrimary: {
      const bool down = sim.cache().state == sim::CacheState::Down || sim.cache().primary_index() < 0;
      FailRestoreButton(down, sim::FailCachePrimary{}, sim::RestoreCache{}, controls.Has(F::FailCachePrimary),
                        controls.Has(F::RestoreCache), S::FailCache, S::RestoreCache, "fault:cache", ui, out);
      break;
    }
    case F::RestoreRds:
      if (controls.Has(F::FailRdsPrimary)) break;
      [[fallthrough]];
    case F::FailRdsPrimary: {
      const auto& rds = sim.rds();
      const bool down = rds.primary < 0 || !rds.nodes[static_cast<size_t>(std::max(0, rds.primary))].up;
      FailRestoreButton(down, sim::FailRdsPrimary{}, sim::RestoreRds{}, controls.Has(F::FailRdsPrimary),
                        controls.Has(F::RestoreRds), S::FailRds, S::RestoreRds, "fault:rds", ui, out);
      break;
    }
    case F::TrafficSpike:
      if (ImGui::Button(Tr(S::TrafficSpike, ui.lang))) Emit(out, sim::TrafficSpike{300, 300});
      Mark(ui, "fault:spike");
      break;
    case F::ReplicaLag:
      ImGui::BeginDisabled(sim.config().rds.read_replicas == 0);
      if (ImGui::Button(Tr(S::ReplicaLag, ui.lang))) Emit(out, sim::AddReplicaLag{-1, 30'000, 60});
      Mark(ui, "fault:replica-lag");
      ImGui::EndDisabled();
      break;
    case F::Attacker: AttackerButtons(ui, out); break;
    case F::TamperCookie: TamperButtons(sim, ui, out); break;
    case F::Shopper: ShopperButtons(sim, ui, out); break;
  }
  ImGui::PopID();
}

}  // namespace

void DrawKnobs(const sim::Sim& sim, const sim::StepControls& controls, UiState& ui, Commands& out) {
  const sim::Lang l = ui.lang;
  if (!controls.AnyKnob() && !controls.AnyFault()) {
    ImGui::Spacing();
    TextDim(Tr(S::NoControls, l));
    return;
  }
  if (controls.AnyKnob()) {
    SectionTitle(Tr(S::Knobs, l));
    const sim::Config shown = sim.PendingConfig();
    for (sim::Knob k : sim::AllKnobs()) {
      if (!controls.Has(k)) continue;
      DrawKnob(k, shown, ui, out);
      ImGui::Spacing();
    }
  }
  if (controls.AnyFault()) {
    SectionTitle(Tr(S::Faults, l));
    for (sim::Fault f : sim::AllFaults()) {
      if (!controls.Has(f)) continue;
      DrawFault(f, sim, controls, ui, out);
      ImGui::Spacing();
    }
  }
}

}  // namespace ui
