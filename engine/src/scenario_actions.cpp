// The `actions` schema (docs/scenario-format.md): one action object to timed commands. Setting
// verbs are read through the rows of Settings() (scenario_config.cpp), so a setting's range is the
// same in an action as in `config`; this file holds the verbs that are not settings.
//
// Index
//   [SECTION] Names an action may use: shoppers, instances, products
//   [SECTION] ActionParser: one action's verb and keys
//   [SECTION] Action lists
#include <algorithm>

#include "scenario_settings.h"
#include "statelab/cart.h"
#include "statelab/security_groups.h"

namespace sim {

namespace {

constexpr std::array<std::string_view, 3> kTamperNames = {"lower_prices", "add_free_item", "guess_session_id"};
constexpr std::array<std::string_view, 4> kTargetNames = {"load_balancer", "instance", "cache", "database"};
constexpr std::array<std::string_view, 4> kRuleFields = {"port", "from_port", "to_port", "source"};

// [SECTION] Names an action may use: shoppers, instances, products
// The configuration a script has reached at an action, for checking the names it uses.
struct ScriptState {
  uint32_t instances_named = 0;  // ids i-1 .. i-N may be named
  uint32_t replicas = 0;
};

ScriptState StateOf(const Config& config) { return ScriptState{config.auto_scaling.desired, config.rds.read_replicas}; }

std::string ShopperName(const JsonReader& r, const json& v, const std::string& path) {
  const std::string name = r.String(v, path, kMaxShopperNameBytes);
  if (!IsShopperName(name)) r.FailGot(path, "a shopper name of 1 to 64 letters, digits, '-' or '_'", v);
  return name;
}

InstanceId InstanceRef(const JsonReader& r, const json& v, const std::string& path, const ScriptState& state) {
  const std::string expected =
      "an instance id from i-1 to i-" + std::to_string(state.instances_named) + " (the fleet the scenario starts with)";
  if (!v.is_string()) r.FailGot(path, expected, v);
  const std::optional<InstanceId> id = ParseInstanceId(v.get<std::string>());
  if (!id || id->value > state.instances_named) r.FailGot(path, expected, v);
  return *id;
}

uint16_t SkuRef(const JsonReader& r, const json& v, const std::string& path) {
  const uint32_t count = static_cast<uint32_t>(Catalog().size());
  const std::string expected = "a product: an index from 0 to " + std::to_string(count - 1) + " or a SKU such as \"TSHIRT-BLK-M\"";
  if (v.is_string()) {
    if (const std::optional<uint16_t> sku = FindSku(v.get<std::string>())) return *sku;
    r.FailGot(path, expected, v);
  }
  if (!v.is_number_integer()) r.FailGot(path, expected, v);
  return static_cast<uint16_t>(r.Int(v, path, 0, count - 1));
}

// [SECTION] ActionParser: one action's verb and keys
class ActionParser {
 public:
  ActionParser(const JsonReader& r, const json& v, const std::string& path, std::string verb, ScriptState& state)
      : r_(r), v_(v), path_(path), verb_(std::move(verb)), command_(CommandIndexNamed(verb_)), state_(state) {}

  std::vector<Command> Parse() {
    std::vector<Command> out;
    if (const Setting* setting = command_ ? FindSetting(*command_) : nullptr) {
      out.push_back(ReadSetting(*setting));
    } else if (verb_ == "configure") {  // not a command: a patch of settings
      Keys({"settings"});
      out = r_.Take(ParseConfigPatch(Need("settings"), r_.file(), K("settings")));
    } else {
      out.push_back(Other());
    }
    // Later actions may name what these settings create.
    for (const Command& c : out) {
      if (const auto* count = std::get_if<SetReplicaCount>(&c)) state_.replicas = count->count;
      if (const auto* capacity = std::get_if<SetAsgCapacity>(&c)) {
        state_.instances_named = std::max(state_.instances_named, capacity->desired);
      }
    }
    return out;
  }

 private:
  // Each verb lists its keys (besides "at" and "do"); anything else is refused.
  void Keys(Names allowed) const {
    for (const auto& item : v_.items()) {
      const std::string& key = item.key();
      if (key == "at" || key == "do" || std::find(allowed.begin(), allowed.end(), key) != allowed.end()) continue;
      r_.Fail(K(key), "a key of \"" + Shown(verb_) + "\" (" + (allowed.empty() ? std::string("none") : Join(allowed)) +
                          "), got unknown key '" + Shown(key) + "'");
    }
  }
  void Keys(std::initializer_list<std::string_view> allowed) const { Keys(Names(allowed.begin(), allowed.size())); }
  const json& Need(std::string_view key) const { return r_.Need(v_, path_, key); }
  const json* Opt(std::string_view key) const {
    const auto it = v_.find(std::string(key));
    return it == v_.end() ? nullptr : &*it;
  }
  std::string K(std::string_view key) const { return Key(path_, key); }

  // A setting: its value under action_key, or its fields beside "at" and "do", over the defaults.
  Command ReadSetting(const Setting& s) const {
    if (!s.action_key.empty()) {
      Keys({s.action_key});
      return s.read(r_, Need(s.action_key), K(s.action_key), Config{});
    }
    Keys(s.fields);
    for (std::string_view key : s.required) Need(key);
    return s.read(r_, v_, path_, Config{});
  }

  // The verbs that are not settings, by the command they make.
  Command Other() const {
    if (!command_) r_.Fail(K("do"), "a known action (see docs/scenario-format.md), got unknown action '" + Shown(verb_) + "'");
    switch (*command_) {
      case kCommandIndex<SetSgRule>: return SgRuleEdit(true);
      case kCommandIndex<RemoveSgRule>: return SgRuleEdit(false);
      case kCommandIndex<SetSgRules>:
        Keys({"group", "rules"});
        return SetSgRules{Group(), Rules(r_, Need("rules"), K("rules"))};
      case kCommandIndex<ShopperAction>: return Shopper();
      case kCommandIndex<ShopperNewVisit>:
        Keys({"shopper"});
        return ShopperNewVisit{ShopperName(r_, Need("shopper"), K("shopper"))};
      case kCommandIndex<FollowShopper>: return Follow();
      case kCommandIndex<TamperCookie>: return Tamper();
      case kCommandIndex<AttackerConnect>: return Attacker();
      case kCommandIndex<TerminateInstance>:
        Keys({"instance"});
        return TerminateInstance{InstanceRef(r_, Need("instance"), K("instance"), state_)};
      case kCommandIndex<FailAz>: return FailAz{Az()};
      case kCommandIndex<RestoreAz>: return RestoreAz{Az()};
      case kCommandIndex<FailCachePrimary>: return Bare(FailCachePrimary{});
      case kCommandIndex<RestoreCache>: return Bare(RestoreCache{});
      case kCommandIndex<FailRdsPrimary>: return Bare(FailRdsPrimary{});
      case kCommandIndex<RestoreRds>: return Bare(RestoreRds{});
      case kCommandIndex<AddReplicaLag>: return ReplicaLag();
      case kCommandIndex<PromoteReadReplica>:
        Keys({"replica"});
        if (state_.replicas == 0) r_.Fail(K("replica"), "a read replica to promote (the configuration has none at this point)");
        return PromoteReadReplica{r_.U32(Need("replica"), K("replica"), 0, state_.replicas - 1)};
      case kCommandIndex<TrafficSpike>: return Spike();
      default: break;  // a setting with no action form
    }
    r_.Fail(K("do"), "a known action (see docs/scenario-format.md), got unknown action '" + Shown(verb_) + "'");
  }

  // Verbs with no keys.
  Command Bare(Command c) const {
    Keys({});
    return c;
  }

  sim::Az Az() const {
    Keys({"az"});
    return r_.Enum<sim::Az>(Need("az"), K("az"), &ParseAz, kAzNames);
  }

  SgId Group() const { return r_.Enum<SgId>(Need("group"), K("group"), &ParseSgId, kSgNames); }

  Command SgRuleEdit(bool add) const {
    std::array<std::string_view, kRuleFields.size() + 1> keys = {"group"};
    std::copy(kRuleFields.begin(), kRuleFields.end(), keys.begin() + 1);
    Keys(keys);
    const SgId group = Group();
    const SgRule rule = RuleFields(r_, v_, path_);
    return add ? Command{SetSgRule{group, rule}} : Command{RemoveSgRule{group, rule}};
  }

  Command Shopper() const {
    Keys({"shopper", "kind", "sku"});
    ShopperAction a;
    a.shopper = ShopperName(r_, Need("shopper"), K("shopper"));
    a.kind = r_.Enum<RequestKind>(Need("kind"), K("kind"), &ParseRequestKind, kKindNames);
    if (const json* sku = Opt("sku")) a.sku = SkuRef(r_, *sku, K("sku"));
    return a;
  }

  Command Follow() const {
    Keys({"shopper", "follow"});
    FollowShopper f{ShopperId::Crowd(r_.U32(Need("shopper"), K("shopper"), 0, kMaxShoppers - 1)), true};
    if (const json* follow = Opt("follow")) f.follow = r_.Bool(*follow, K("follow"));
    return f;
  }

  Command Tamper() const {
    Keys({"shopper", "kind"});
    TamperCookie t{ShopperName(r_, Need("shopper"), K("shopper")), TamperKind::LowerPrices};
    if (const json* kind = Opt("kind")) t.kind = r_.Enum<TamperKind>(*kind, K("kind"), &ParseTamperKind, kTamperNames);
    return t;
  }

  Command Attacker() const {
    Keys({"target", "port", "instance"});
    AttackerConnect a;
    a.target = r_.Enum<AttackTarget>(Need("target"), K("target"), &ParseAttackTarget, kTargetNames);
    if (const json* port = Opt("port")) a.port = static_cast<uint16_t>(r_.Int(*port, K("port"), 1, 65535));
    if (const json* instance = Opt("instance")) {
      if (a.target != AttackTarget::Instance) r_.Fail(K("instance"), "no instance unless target is \"instance\"");
      a.instance = InstanceRef(r_, *instance, K("instance"), state_);
    }
    return a;
  }

  Command ReplicaLag() const {
    Keys({"replica", "lag", "for"});
    AddReplicaLag a;
    a.lag_ms = r_.Duration(Need("lag"), K("lag"), Ms(kExtraReplicaLagMs.lo), Ms(kExtraReplicaLagMs.hi)) / kUsPerMs;
    if (state_.replicas == 0) r_.Fail(K("lag"), "read replicas to delay (the configuration has none at this point)");
    if (const json* replica = Opt("replica")) a.replica = static_cast<int32_t>(r_.Int(*replica, K("replica"), 0, state_.replicas - 1));
    if (const json* d = Opt("for")) a.duration_s = r_.Duration(*d, K("for"), Sec(kFaultForS.lo), Sec(kFaultForS.hi)) / kUsPerS;
    return a;
  }

  Command Spike() const {
    Keys({"multiplier", "for"});
    const json& m = Need("multiplier");
    static_assert(kSpikePct.lo == 100 && kSpikePct.hi == 2000, "the message says 1 to 20");
    if (!m.is_number() || m.get<double>() < 1.0 || m.get<double>() > 20.0) r_.FailGot(K("multiplier"), "a number from 1 to 20", m);
    // Parts of a hundred, rounded half up: the double never reaches the model.
    const uint32_t pct = static_cast<uint32_t>(m.get<double>() * 100.0 + 0.5);
    return TrafficSpike{pct, r_.Duration(Need("for"), K("for"), Sec(kFaultForS.lo), Sec(kFaultForS.hi)) / kUsPerS};
  }

  const JsonReader& r_;
  const json& v_;
  const std::string& path_;
  std::string verb_;
  std::optional<uint32_t> command_;  // the verb's command; none for "configure" or a typo
  ScriptState& state_;
};

std::vector<TimedCommand> ParseOneAction(const JsonReader& r, const json& v, const std::string& path, ScriptState& state) {
  if (!v.is_object()) r.FailGot(path, "an action object such as {\"at\": \"30s\", \"do\": \"fail_az\", \"az\": \"b\"}", v);
  const TimeUs at = r.Duration(r.Need(v, path, "at"), Key(path, "at"), 0, Sec(30 * 86'400));
  const json& verb = r.Need(v, path, "do");
  std::vector<TimedCommand> out;
  for (Command& c : ActionParser(r, v, path, r.String(verb, Key(path, "do"), 64), state).Parse()) {
    out.push_back(TimedCommand{at, std::move(c)});
  }
  return out;
}

}  // namespace

// [SECTION] Action lists
std::vector<TimedCommand> ReadActions(const JsonReader& r, const json& v, const std::string& path, const Config& config,
                                      TimeUs last_us, std::string_view window) {
  if (!v.is_array() || v.size() > 10'000) r.FailGot(path, "an array of at most 10000 actions", v);
  ScriptState state = StateOf(config);
  std::vector<TimedCommand> out;
  for (size_t i = 0; i < v.size(); ++i) {
    for (TimedCommand& tc : ParseOneAction(r, v[i], At(path, i), state)) {
      // Applied at the first tick at or after `at`.
      if ((tc.at_us + kTickUs - 1) / kTickUs * kTickUs > last_us) {
        r.Fail(Key(At(path, i), "at"), "a time " + std::string(window) + ", got " + FormatDuration(tc.at_us));
      }
      out.push_back(std::move(tc));
    }
  }
  std::stable_sort(out.begin(), out.end(), [](const TimedCommand& a, const TimedCommand& b) { return a.at_us < b.at_us; });
  return out;
}

Parsed<std::vector<TimedCommand>> ParseAction(const json& v, const Config& config, std::string_view file, std::string_view path) {
  return Guard<std::vector<TimedCommand>>(file, [&] {
    ScriptState state = StateOf(config);
    return ParseOneAction(JsonReader(file), v, std::string(path), state);
  });
}

}  // namespace sim
