// The inspector: whatever the learner clicked. An instance's sessions and load, the cache's keys
// and TTLs, DynamoDB and RDS nodes, a load balancer node, a shopper's cookie jar (bytes against
// the 4096 limit, with a tamper editor made of buttons), one request hop by hop, and the security
// group rules behind a denied connection.
//
// Index
//   [SECTION] Helpers
//   [SECTION] Components     instance, LB node, cache, DynamoDB, RDS
//   [SECTION] Shoppers       list, cookie jar, cart, tamper
//   [SECTION] Requests       recent list, one trace, security group evaluation
//   [SECTION] DrawInspector
#include <algorithm>
#include <cstdio>
#include <string>
#include <variant>

#include "imgui.h"
#include "statelab/cost.h"
#include "statelab/lesson.h"
#include "statelab/sim.h"
#include "ui/model_text.h"
#include "ui/strings.h"
#include "ui/theme.h"
#include "ui/views.h"
#include "ui/widgets.h"

namespace ui {

namespace {

// [SECTION] Helpers
// The named class a component runs as (the cost panel prices it), from the price file.
void ClassField(const sim::PriceTable* prices, sim::ClassedComponent component, uint32_t vcpus, sim::Lang l) {
  if (prices == nullptr) return;
  const sim::ClassRow* row = sim::ClassOf(*prices, component, vcpus);
  if (row != nullptr) {
    Field(Tr(S::CostClass, l), row->name.c_str());
  } else {
    FieldColored(Tr(S::CostClass, l), Fmt(l, S::CostClassNone, static_cast<int>(vcpus)).c_str(), col::kWarn);
  }
}

std::string Num(uint64_t v) { return std::to_string(v); }
const char* YesNo(bool v, sim::Lang l) { return v ? Tr(S::Yes, l) : Tr(S::No, l); }

void Select(UiState& ui, Selection s) { ui.selection = s; }

void BackButton(UiState& ui) {
  if (ImGui::SmallButton((std::string("◀ ") + Tr(S::Back, ui.lang)).c_str())) ui.selection = {};
  Mark(ui, "inspector-back");
}

void Title(const std::string& text) {
  ImGui::SetWindowFontScale(1.12f);
  ImGui::TextUnformatted(text.c_str());
  ImGui::SetWindowFontScale(1.0f);
}

const sim::RequestTrace* FindTrace(const sim::Sim& sim, uint64_t id) {
  const auto& ring = sim.traces();
  for (size_t i = ring.size(); i-- > 0;) {
    if (ring[i].id == id) return &ring[i];
    if (ring[i].id < id) break;  // ids rise through the ring
  }
  return nullptr;
}

// [SECTION] Components
void InstanceView(const sim::Sim& sim, const sim::StepControls& controls, UiState& ui, Commands& out,
                  const sim::PriceTable* prices) {
  const sim::Lang l = ui.lang;
  const sim::Instance* in = sim.FindInstance(sim::InstanceId{ui.selection.instance});
  if (in == nullptr) {
    ui.selection = {};
    return;
  }
  Title(sim::FormatInstanceId(in->id) + " · EC2");
  FieldColored(Tr(S::State, l), InstanceStateText(in->state, l), InstanceColor(in->state));
  ClassField(prices, sim::ClassedComponent::Ec2, sim.PendingConfig().instances.vcpus, l);
  Field(Tr(S::Az, l), std::string(sim::Name(in->az)).c_str());
  Field(Tr(S::Ip, l), sim::FormatIp(in->ip).c_str());
  FieldColored(Tr(S::Cpu, l), Pct(in->cpu_bp).c_str(), CpuColor(in->cpu_bp));
  Field(Tr(S::Requests, l), Num(in->requests).c_str());
  Field(Tr(S::LbHealthy, l), in->lb_healthy ? Tr(S::Healthy, l) : Tr(S::UnhealthyWord, l));
  Field(Tr(S::HealthCheck, l), (Num(in->hc_passes) + " / " + Num(in->hc_failures)).c_str());
  Field(Tr(S::Launched, l), ClockText(in->launched_us).c_str());
  SectionTitle(Tr(S::Sessions, l));
  Field(Tr(S::SessionsInMemory, l), Num(in->sessions).c_str());
  Field(Tr(S::OrphanSessions, l), Num(in->orphaned_sessions).c_str());
  Field(Tr(S::CartsHere, l), Num(sim.CartsOnInstance(in->id)).c_str());
  if (in->state != sim::InstanceState::Terminated && sim.TerminationPending(in->id)) {
    // Clicked while paused: it goes at the next tick; say so rather than look ignored.
    ImGui::Spacing();
    TextColored(col::kWarn, Tr(S::TerminationQueued, l));
    Mark(ui, "inspector-terminate-queued");
  } else if (controls.Has(sim::Fault::TerminateInstance) && in->state != sim::InstanceState::Terminated) {
    ImGui::Spacing();
    ImGui::PushStyleColor(ImGuiCol_Button, ToVec4(col::Rgb(120, 44, 44)));
    if (ImGui::Button(Tr(S::Terminate, l))) {
      out.push_back(ModelCommand{sim::TerminateInstance{in->id}});
    }
    ImGui::PopStyleColor();
    Mark(ui, "inspector-terminate");
  }
}

void LbView(const sim::Sim& sim, UiState& ui) {
  const sim::Lang l = ui.lang;
  const int az = std::clamp(ui.selection.index, 0, sim::kAzCount - 1);
  const sim::LbNode& n = sim.lb_nodes()[static_cast<size_t>(az)];
  Title(std::string(Tr(S::LoadBalancer, l)) + " · AZ " + std::string(sim::Name(sim::AzAt(az))));
  FieldColored(Tr(S::State, l), n.up ? Tr(S::Up, l) : Tr(S::Down, l), n.up ? col::kOk : col::kError);
  FieldColored(Tr(S::InDns, l), YesNo(n.in_dns, l), n.in_dns ? col::kOk : col::kWarn);
  Field(Tr(S::Requests, l), Num(n.requests).c_str());
  Field(Tr(S::Stickiness, l), YesNo(sim.config().load_balancer.stickiness.enabled, l));
  SectionTitle(Tr(S::SgEvaluation, l));
  ImGui::PushStyleColor(ImGuiCol_Text, n.to_web.allowed ? col::kOk : col::kDenied);
  ImGui::TextWrapped("ALB → web: %s", VerdictText(n.to_web, l, &sim.security_groups()).c_str());
  ImGui::PopStyleColor();
}

void CacheView(const sim::Sim& sim, UiState& ui, const sim::PriceTable* prices) {
  const sim::Lang l = ui.lang;
  const sim::CacheCluster& c = sim.cache();
  Title("ElastiCache (Redis OSS)");
  Field(Tr(S::State, l), CacheStateText(c.state, l));
  ClassField(prices, sim::ClassedComponent::ElastiCache, 0, l);
  Field(Tr(S::GetsSets, l), (Num(c.gets) + " / " + Num(c.sets)).c_str());
  Field(Tr(S::SessionKeys, l), Num(sim.SessionKeysInCache()).c_str());
  Field(Tr(S::UserKeys, l), Num(sim.UserKeysInCache()).c_str());
  Field(Tr(S::CacheTtl, l), SpanText(sim::Sec(sim.config().cache.ttl_s)).c_str());
  SectionTitle(Tr(S::Nodes, l));
  for (size_t i = 0; i < c.nodes.size(); ++i) {
    const sim::CacheNode& n = c.nodes[i];
    if (!n.exists) continue;
    StatusDot(n.up ? col::kOk : col::kError);
    ImGui::Text("AZ %s · %s · %s", std::string(sim::Name(n.az)).c_str(),
                n.primary ? Tr(S::Primary, l) : Tr(S::ReplicaWord, l), n.up ? Tr(S::Up, l) : Tr(S::Down, l));
  }
  SectionTitle(Tr(S::CacheKeys, l));
  const std::vector<sim::CacheKeyView> keys = sim.CacheKeys(200);
  if (keys.empty()) {
    ImGui::TextDisabled("-");
    return;
  }
  if (ImGui::BeginTable("##keys", 2, ImGuiTableFlags_RowBg | ImGuiTableFlags_ScrollY | ImGuiTableFlags_BordersInnerH,
                        ImVec2(0, std::min(360.0f, ImGui::GetTextLineHeightWithSpacing() * (static_cast<float>(keys.size()) + 1.5f))))) {
    ImGui::TableSetupScrollFreeze(0, 1);
    ImGui::TableSetupColumn(Tr(S::Key, l), ImGuiTableColumnFlags_WidthStretch);
    ImGui::TableSetupColumn(Tr(S::Ttl, l), ImGuiTableColumnFlags_WidthFixed, ImGui::GetFontSize() * 5.5f);
    ImGui::TableHeadersRow();
    ImGuiListClipper clipper;
    clipper.Begin(static_cast<int>(keys.size()));
    while (clipper.Step()) {
      for (int i = clipper.DisplayStart; i < clipper.DisplayEnd; ++i) {
        const sim::CacheKeyView& k = keys[static_cast<size_t>(i)];
        ImGui::TableNextRow();
        ImGui::TableNextColumn();
        TextColored(k.stale ? col::kWarn : col::kText, k.key.c_str());
        ImGui::TableNextColumn();
        if (k.stale) {
          TextColored(col::kWarn, (std::to_string(k.ttl_s) + " s · " + Tr(S::StaleKey, l)).c_str());
        } else {
          ImGui::Text("%lld s", static_cast<long long>(k.ttl_s));
        }
      }
    }
    ImGui::EndTable();
  }
}

void DynamoView(const sim::Sim& sim, UiState& ui) {
  const sim::Lang l = ui.lang;
  Title("DynamoDB");
  TextDim(Tr(S::DynamoNote, l));
  Field(Tr(S::ReadsWrites, l), (Num(sim.dynamodb().reads) + " / " + Num(sim.dynamodb().writes)).c_str());
  Field(Tr(S::SessionsStored, l), Num(sim.SessionsInDynamoDb()).c_str());
}

void RdsView(const sim::Sim& sim, UiState& ui, const sim::PriceTable* prices) {
  const sim::Lang l = ui.lang;
  const int i = std::clamp(ui.selection.index, 0, sim::kMaxDbNodes - 1);
  const sim::RdsCluster& rds = sim.rds();
  const sim::RdsNode& n = rds.nodes[static_cast<size_t>(i)];
  Title(std::string("Amazon RDS · ") + RoleText(n.role, l));
  FieldColored(Tr(S::State, l), n.up ? Tr(S::Up, l) : Tr(S::Down, l), n.up ? col::kOk : col::kError);
  ClassField(prices, sim::ClassedComponent::Rds, sim.PendingConfig().rds.vcpus, l);
  Field(Tr(S::Az, l), std::string(sim::Name(n.az)).c_str());
  Field(Tr(S::Ip, l), sim::FormatIp(n.ip).c_str());
  FieldColored(Tr(S::Cpu, l), Pct(n.cpu_bp).c_str(), CpuColor(n.cpu_bp));
  Field(Tr(S::ReadsWrites, l), (Num(n.reads) + " / " + Num(n.writes)).c_str());
  const int64_t lag = sim.replica_lag_ms(i);
  if (lag >= 0) FieldColored(Tr(S::Lag, l), LatencyText(lag * 1000).c_str(), lag > 1000 ? col::kWarn : col::kText);
  SectionTitle("RDS");
  Field(Tr(S::CommittedWrites, l), Num(rds.committed_writes).c_str());
  FieldColored(Tr(S::WritesLost, l), Num(rds.writes_lost).c_str(), rds.writes_lost > 0 ? col::kError : col::kText);
}

// [SECTION] Shoppers
void CartLines(const sim::Cart& cart, sim::Lang l) {
  if (cart.empty()) {
    ImGui::TextDisabled("%s", Tr(S::EmptyCart, l));
    return;
  }
  const auto catalog = sim::Catalog();
  for (const sim::CartLine& line : cart.items()) {
    const std::string name = line.sku < catalog.size() ? std::string(catalog[line.sku].name) : "?";
    const uint32_t list_price = line.sku < catalog.size() ? catalog[line.sku].price_cents : 0;
    const bool cheap = line.unit_price_cents < list_price;
    ImGui::Bullet();
    ImGui::SameLine();
    ImGui::PushStyleColor(ImGuiCol_Text, cheap ? col::kError : col::kText);
    ImGui::TextWrapped("%u × %s  %s", static_cast<unsigned>(line.quantity), name.c_str(),
                       MoneyText(line.unit_price_cents).c_str());
    ImGui::PopStyleColor();
  }
  ImGui::TextDisabled("%s: %s", Tr(S::Total, l), MoneyText(cart.total_cents).c_str());
}

void RecentRequests(const sim::Sim& sim, UiState& ui, sim::ShopperId only, int max_rows);
void SgEvaluation(const sim::Sim& sim, const sim::SgVerdict& v, sim::Lang l);

// The attacker's latest attempt, if any, with the rules that decided it.
void LastAttack(const sim::Sim& sim, UiState& ui) {
  const auto& ring = sim.events();
  const size_t scan = std::min<size_t>(ring.size(), 4096);
  for (size_t k = 0; k < scan; ++k) {
    const sim::EventRecord& r = ring[ring.size() - 1 - k];
    if (const auto* a = std::get_if<sim::AttackAttempt>(&r.event)) {
      SectionTitle(Tr(S::AttackResult, ui.lang));
      ImGui::TextDisabled("%s", ClockText(r.time_us).c_str());
      ImGui::SameLine();
      Badge(a->verdict.allowed ? Tr(S::Allowed, ui.lang) : Tr(S::Denied, ui.lang),
            a->verdict.allowed ? col::kError : col::kDenied);
      Mark(ui, "last-attack");
      SgEvaluation(sim, a->verdict, ui.lang);
      return;
    }
  }
}

void ShopperView(const sim::Sim& sim, const sim::StepControls& controls, UiState& ui, Commands& out) {
  const sim::Lang l = ui.lang;
  const sim::Shopper* s = sim.FindShopper(sim::ShopperId{ui.selection.shopper});
  if (s == nullptr) {
    ui.selection = {SelectionKind::Shoppers};
    return;
  }
  Title(ShopperLabel(s->id, &sim, l));
  ImGui::TextDisabled("%s", Fmt(l, S::ShopperStatsLine, s->stats.requests, s->stats.errors, s->stats.carts_lost).c_str());
  if (!s->id.scripted()) {
    ImGui::SameLine();
    if (s->followed) {
      Badge(Tr(S::Following, l), col::kAccent);
      ImGui::SameLine();
      if (ImGui::SmallButton(Tr(S::Unfollow, l))) out.push_back(ModelCommand{sim::FollowShopper{s->id, false}});
    } else {
      if (ImGui::SmallButton(Tr(S::FollowShopper, l))) out.push_back(ModelCommand{sim::FollowShopper{s->id, true}});
    }
    Mark(ui, "follow-toggle");
  }

  SectionTitle(Tr(S::CookieJar, l));
  const sim::CookieJarView jar = sim.CookieJarOf(*s);
  // Browsers cap each cookie (name and value) at 4096 bytes, not the header: the meter is the cart
  // cookie's; the whole header is a line below it.
  ImGui::TextUnformatted(Fmt(l, S::CookieBytes, jar.cart_bytes).c_str());
  BytesBar(jar.cart_bytes, sim::kCookieLimitBytes, ImGui::GetContentRegionAvail().x);
  Mark(ui, "cookie-bytes");
  if (jar.cart_bytes > sim::kCookieLimitBytes * 3 / 4) TextColored(col::kWarn, Tr(S::CookieOverLimit, l));
  ImGui::TextDisabled("%s", Fmt(l, S::CookieHeaderBytes, jar.total_bytes).c_str());
  if (ImGui::BeginTable("##jar", 2, ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerH)) {
    ImGui::TableSetupColumn("cookie", ImGuiTableColumnFlags_WidthStretch);
    ImGui::TableSetupColumn("bytes", ImGuiTableColumnFlags_WidthFixed, ImGui::GetFontSize() * 5);
    auto row = [](const char* name, uint32_t bytes, const char* note, ImU32 c) {
      ImGui::TableNextRow();
      ImGui::TableNextColumn();
      TextColored(c, name);
      if (note != nullptr && *note != '\0') {
        ImGui::SameLine();
        ImGui::TextDisabled("%s", note);
      }
      ImGui::TableNextColumn();
      ImGui::Text("%u B", bytes);
    };
    if (s->jar.has_awsalb) {
      row("AWSALB", jar.awsalb_bytes, sim::FormatInstanceId(s->jar.awsalb_target).c_str(), col::kText);
    }
    if (s->jar.session_id != 0) row("SESSIONID", jar.session_bytes, "", col::kText);
    if (s->jar.has_cart_cookie) {
      const char* note = s->jar.cart_tampered ? (s->jar.cart_signature_valid ? "tampered" : "tampered · bad signature")
                                              : (s->jar.cart_signed ? "signed" : "unsigned");
      row("cart", jar.cart_bytes, note, s->jar.cart_tampered ? col::kError : col::kText);
    }
    ImGui::EndTable();
  }
  // The real header, as the browser would send it (long ones are cut for the panel).
  std::string header = sim.CookieHeader(*s);
  if (header.size() > 480) header = header.substr(0, 480) + "…";
  if (!header.empty()) {
    ImGui::PushStyleColor(ImGuiCol_Text, col::kTextFaint);
    ImGui::TextWrapped("Cookie: %s", header.c_str());
    ImGui::PopStyleColor();
  }

  SectionTitle(Tr(S::Cart, l));
  ImGui::TextDisabled("%s", Tr(S::CartExpected, l));
  CartLines(s->expected, l);
  ImGui::TextDisabled("%s", Tr(S::CartStored, l));
  CartLines(s->stored, l);

  if (controls.Has(sim::Fault::TamperCookie) && s->id.scripted()) {
    SectionTitle(Tr(S::Tamper, l));
    const bool cookie = s->jar.has_cart_cookie;
    ImGui::BeginDisabled(!cookie);
    if (ImGui::Button(Tr(S::TamperLower, l))) out.push_back(ModelCommand{sim::TamperCookie{s->name, sim::TamperKind::LowerPrices}});
    Mark(ui, "tamper-lower");
    ImGui::SameLine();
    if (ImGui::Button(Tr(S::TamperFree, l))) out.push_back(ModelCommand{sim::TamperCookie{s->name, sim::TamperKind::AddFreeItem}});
    Mark(ui, "tamper-free");
    ImGui::EndDisabled();
    if (!cookie) TextDim(Tr(S::TamperNeedsCookie, l));
    // With a server session the browser holds only an ID: the attacker can only guess another.
    if (s->jar.session_id != 0 && sim.config().session.strategy == sim::SessionStrategy::ServerSession) {
      if (ImGui::Button(Tr(S::TamperGuessSession, l))) {
        out.push_back(ModelCommand{sim::TamperCookie{s->name, sim::TamperKind::GuessSessionId}});
      }
      Mark(ui, "tamper-guess-session");
    }
  }

  SectionTitle(Tr(S::RecentRequests, l));
  RecentRequests(sim, ui, s->id, 12);
}

void ShoppersView(const sim::Sim& sim, UiState& ui, Commands& out) {
  const sim::Lang l = ui.lang;
  Title(Fmt(l, S::ShoppersActive, sim.active_crowd()));
  if (!sim.scripted_shoppers().empty()) {
    SectionTitle(Tr(S::ScriptedShoppers, l));
    for (const sim::Shopper& s : sim.scripted_shoppers()) {
      const std::string label = ShopperLabel(s.id, &sim, l) + "##" + s.name;
      if (ImGui::Selectable(label.c_str())) Select(ui, {SelectionKind::Shopper, 0, 0, s.id.value});
      Mark(ui, "shopper:" + s.name);
    }
  }
  ImGui::Spacing();
  // Follow whoever made the latest request: every request of theirs is then traced.
  const auto& ring = sim.traces();
  ImGui::BeginDisabled(ring.empty());
  if (ImGui::Button(Tr(S::FollowRandom, l)) && !ring.empty()) {
    const sim::ShopperId id = ring.back().shopper;
    out.push_back(ModelCommand{sim::FollowShopper{id, true}});
    Select(ui, {SelectionKind::Shopper, 0, 0, id.value});
  }
  Mark(ui, "follow-random");
  ImGui::EndDisabled();
  LastAttack(sim, ui);
  SectionTitle(Tr(S::RecentRequests, l));
  RecentRequests(sim, ui, sim::ShopperId{}, 40);
}

// [SECTION] Requests
bool PassesFilter(const sim::RequestTrace& t, int filter) {
  switch (filter) {
    case 1: return sim::IsError(t.outcome) || t.outcome != sim::Outcome::Ok;
    case 2: return t.outcome == sim::Outcome::CartLost;
    case 3: return t.outcome == sim::Outcome::DeniedBySg;
    default: return true;
  }
}

void RecentRequests(const sim::Sim& sim, UiState& ui, sim::ShopperId only, int max_rows) {
  const sim::Lang l = ui.lang;
  const int picked = SegmentedChoice(ui, "trace-filter",
                                     {Tr(S::FilterAll, l), Tr(S::FilterErrors, l), Tr(S::FilterLost, l), Tr(S::FilterDenied, l)},
                                     ui.trace_filter);
  if (picked >= 0) ui.trace_filter = picked;
  const auto& ring = sim.traces();
  int rows = 0;
  // Newest first; stop scanning after a bounded number so a filter with no hits stays cheap.
  const size_t scan_limit = std::min<size_t>(ring.size(), 2048);
  for (size_t k = 0; k < scan_limit && rows < max_rows; ++k) {
    const sim::RequestTrace& t = ring[ring.size() - 1 - k];
    if (only.valid() && t.shopper != only) continue;
    if (!PassesFilter(t, ui.trace_filter)) continue;
    ++rows;
    ImGui::PushID(static_cast<int>(t.id & 0x7fffffff));
    char label[160];
    std::snprintf(label, sizeof label, "%s  #%llu %s", ClockText(t.start_us).c_str(),
                  static_cast<unsigned long long>(t.id), KindText(t.kind, l));
    const ImVec2 p = ImGui::GetCursorScreenPos();
    if (ImGui::Selectable("##req", ui.selection.kind == SelectionKind::Trace && ui.selection.request == t.id)) {
      Select(ui, {SelectionKind::Trace, 0, 0, sim::ShopperId::kNone, t.id});
    }
    if (rows == 1) Mark(ui, "first-request");
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", Tr(S::FollowRequest, l));
    ImDrawList* dl = ImGui::GetWindowDrawList();
    const float h = ImGui::GetTextLineHeight();
    dl->AddCircleFilled(ImVec2(p.x + 5, p.y + h * 0.5f), 4, OutcomeColor(t.outcome), 12);
    dl->AddText(ImVec2(p.x + 14, p.y), col::kText, label);
    const char* outcome = OutcomeText(t.outcome, l);
    const float ow = ImGui::CalcTextSize(outcome).x;
    dl->AddText(ImVec2(p.x + ImGui::GetContentRegionAvail().x - ow, p.y), OutcomeColor(t.outcome), outcome);
    ImGui::PopID();
  }
  if (rows == 0) ImGui::TextDisabled("%s", Tr(S::NoTraces, l));
}

void SgEvaluation(const sim::Sim& sim, const sim::SgVerdict& v, sim::Lang l) {
  SectionTitle(Tr(S::SgEvaluation, l));
  ImGui::PushStyleColor(ImGuiCol_Text, v.allowed ? col::kOk : col::kDenied);
  ImGui::TextWrapped("%s", VerdictText(v, l, &sim.security_groups()).c_str());
  ImGui::PopStyleColor();
  ImGui::TextDisabled("%s → %s : %u", EndpointText(v.source).c_str(), std::string(sim::Name(v.group)).c_str(),
                      static_cast<unsigned>(v.port));
  const auto& rules = sim.security_groups().rules[static_cast<size_t>(v.group)];
  ImGui::TextDisabled("%s (%s)", Tr(S::InboundRules, l), std::string(sim::Name(v.group)).c_str());
  if (rules.empty()) TextColored(col::kWarn, Tr(S::NoRules, l));
  for (size_t i = 0; i < rules.size(); ++i) {
    // Each rule judged alone with the engine's own check, so the panel can never disagree with it.
    sim::SecurityGroups one;
    one.rules[static_cast<size_t>(v.group)] = {rules[i]};
    const bool match = sim::CheckConnection(one, v.source, v.group, v.port).allowed;
    StatusDot(match ? col::kOk : col::kGrey, 4);
    ImGui::Text("#%d %s", static_cast<int>(i + 1), sim::DescribeRule(rules[i]).c_str());
    ImGui::SameLine();
    TextColored(match ? col::kOk : col::kTextFaint, match ? Tr(S::RuleMatches, l) : Tr(S::RuleNoMatch, l));
  }
}

void TraceView(const sim::Sim& sim, UiState& ui, Commands& out) {
  const sim::Lang l = ui.lang;
  const sim::RequestTrace* t = FindTrace(sim, ui.selection.request);
  if (t == nullptr) {
    TextDim(Tr(S::TraceGone, l));
    return;
  }
  const std::string title = Fmt(l, S::RequestTitle, static_cast<unsigned long long>(t->id), KindText(t->kind, l));
  Title(title);
  ImGui::TextUnformatted(ShopperLabel(t->shopper, &sim, l).c_str());
  // The trace as text, as shown, for "Copy this request's trace".
  std::string copy = title + "\n" + ShopperLabel(t->shopper, &sim, l) + " · " + ClockText(t->start_us) + " · " +
                     LatencyText(t->latency_us) + " · " + OutcomeText(t->outcome, l) + "\n";
  ImGui::SameLine();
  ImGui::TextDisabled("· %s · %s", ClockText(t->start_us).c_str(), LatencyText(t->latency_us).c_str());
  Badge(OutcomeText(t->outcome, l), OutcomeColor(t->outcome));
  Mark(ui, "trace-outcome");
  ImGui::Spacing();
  if (ImGui::BeginTable("##hops", 3, ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerH)) {
    ImGui::TableSetupColumn(Tr(S::Hop, l), ImGuiTableColumnFlags_WidthFixed, ImGui::GetFontSize() * 7.5f);
    ImGui::TableSetupColumn(Tr(S::Result, l), ImGuiTableColumnFlags_WidthStretch);
    ImGui::TableSetupColumn(Tr(S::Latency, l), ImGuiTableColumnFlags_WidthFixed, ImGui::GetFontSize() * 4.5f);
    ImGui::TableHeadersRow();
    for (int i = 0; i < t->hop_count && i < sim::kMaxHops; ++i) {
      const sim::Hop& h = t->hops[static_cast<size_t>(i)];
      ImGui::TableNextRow();
      ImGui::TableNextColumn();
      std::string where = ComponentText(h.component, l);
      if (h.component == sim::Component::WebInstance && h.instance != 0) {
        where = sim::FormatInstanceId(sim::InstanceId{h.instance});
      }
      if (h.component != sim::Component::Browser && h.component != sim::Component::Route53 &&
          h.component != sim::Component::DynamoDb) {
        where += " (" + std::string(sim::Name(h.az)) + ")";
      }
      ImGui::TextUnformatted(where.c_str());
      ImGui::TableNextColumn();
      ImU32 c = col::kText;
      switch (h.result) {
        case sim::HopResult::SessionNotFound:
        case sim::HopResult::CookieDropped:
        case sim::HopResult::StickyRerouted: c = col::kError; break;
        case sim::HopResult::DbReadStale:
        case sim::HopResult::CacheMiss:
        case sim::HopResult::CookieBadSignature: c = col::kWarn; break;
        case sim::HopResult::CookieTampered: c = col::Rgb(255, 120, 180); break;
        case sim::HopResult::Denied: c = col::kDenied; break;
        case sim::HopResult::Unreachable:
        case sim::HopResult::Overloaded:
        case sim::HopResult::Unavailable:
        case sim::HopResult::Timeout:
        case sim::HopResult::NoTarget: c = col::kError; break;
        case sim::HopResult::CacheHit:
        case sim::HopResult::SessionFound:
        case sim::HopResult::StickyRouted: c = col::kOk; break;
        default: break;
      }
      ImGui::PushStyleColor(ImGuiCol_Text, c);
      ImGui::TextWrapped("%s", HopText(h.result, l));
      ImGui::PopStyleColor();
      ImGui::TableNextColumn();
      ImGui::TextUnformatted(LatencyText(h.latency_us).c_str());
      copy += "  " + where + " · " + HopText(h.result, l) + " · " + LatencyText(h.latency_us) + "\n";
    }
    ImGui::EndTable();
  }
  ImGui::TextDisabled("%u B · Cookie %u B", t->request_bytes, t->cookie_bytes);
  if (ImGui::SmallButton(Tr(S::CopyTrace, l))) out.push_back(CopyText{copy});
  Mark(ui, "copy-trace");
  if (t->outcome == sim::Outcome::DeniedBySg) SgEvaluation(sim, t->denial, l);
  if (t->shopper.valid()) {
    ImGui::Spacing();
    if (ImGui::SmallButton(ShopperLabel(t->shopper, &sim, l).c_str())) {
      Select(ui, {SelectionKind::Shopper, 0, 0, t->shopper.value});
    }
    Mark(ui, "trace-shopper");
  }
}

}  // namespace

// [SECTION] DrawInspector
void DrawInspector(const sim::Sim& sim, const sim::StepControls& controls, UiState& ui, Commands& out,
                   const sim::PriceTable* prices) {
  const sim::Lang l = ui.lang;
  if (ui.selection.kind != SelectionKind::None) {
    BackButton(ui);
    ImGui::Spacing();
  }
  switch (ui.selection.kind) {
    case SelectionKind::None:
      TextDim(Tr(S::InspectHint, l));
      ImGui::Spacing();
      ShoppersView(sim, ui, out);
      break;
    case SelectionKind::Shoppers:
    case SelectionKind::Route53: ShoppersView(sim, ui, out); break;
    case SelectionKind::LbNode: LbView(sim, ui); break;
    case SelectionKind::Instance: InstanceView(sim, controls, ui, out, prices); break;
    case SelectionKind::Cache: CacheView(sim, ui, prices); break;
    case SelectionKind::DynamoDb: DynamoView(sim, ui); break;
    case SelectionKind::RdsNode: RdsView(sim, ui, prices); break;
    case SelectionKind::Shopper: ShopperView(sim, controls, ui, out); break;
    case SelectionKind::Trace: TraceView(sim, ui, out); break;
  }
}

}  // namespace ui
