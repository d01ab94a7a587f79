// The `config` schema and its patch form (docs/scenario-format.md): JSON to Config, and a partial
// config to setting commands. Each runtime setting's type and range is one row of Settings(),
// which the action parser (scenario_actions.cpp) reads too.
//
// Index
//   [SECTION] Runtime settings: one reader and one row each
//   [SECTION] Security group rules
//   [SECTION] ConfigParser: config and patches
#include <algorithm>
#include <array>

#include "scenario_settings.h"
#include "statelab/cart.h"
#include "statelab/scenario.h"
#include "statelab/security_groups.h"

namespace sim {

namespace {

// [SECTION] Runtime settings: one reader and one row each
constexpr std::array<std::string_view, 3> kStrategyNames = {"instance_memory", "client_cookie", "server_session"};
constexpr std::array<std::string_view, 2> kStoreNames = {"elasticache", "dynamodb"};
constexpr std::array<std::string_view, 3> kCacheModeNames = {"none", "lazy_loading", "write_through"};
constexpr std::array<std::string_view, 2> kInvalidationNames = {"on_write", "ttl_only"};
constexpr std::array<std::string_view, 3> kReadRoutingNames = {"spread", "replicas", "primary"};
constexpr std::array<std::string_view, 2> kRoutingNames = {"round_robin", "least_outstanding_requests"};

constexpr std::array<std::string_view, 1> kEnabled = {"enabled"};
constexpr std::array<std::string_view, 2> kStickinessFields = {"enabled", "duration"};
constexpr std::array<std::string_view, 3> kHealthCheckFields = {"interval", "healthy_threshold", "unhealthy_threshold"};
constexpr std::array<std::string_view, 3> kCapacityFields = {"min", "desired", "max"};
constexpr std::array<std::string_view, 2> kTrackingFields = {"enabled", "target_cpu_pct"};

using R = const JsonReader&;
using V = const json&;
using P = const std::string&;
using B = const Config&;

// v[key], or nullptr when v has no such key.
const json* Field(const json& v, std::string_view key) {
  const auto it = v.find(std::string(key));
  return it == v.end() ? nullptr : &*it;
}

bool AnyField(const json& v, Names fields) {
  return std::any_of(fields.begin(), fields.end(), [&](std::string_view f) { return Field(v, f) != nullptr; });
}

Command ReadStickiness(R r, V v, P path, B base) {
  StickinessConfig s = base.load_balancer.stickiness;
  if (const json* f = Field(v, "enabled")) s.enabled = r.Bool(*f, Key(path, "enabled"));
  if (const json* f = Field(v, "duration")) {
    s.duration_s = r.Duration(*f, Key(path, "duration"), Sec(kMinStickinessS), Sec(kMaxStickinessS)) / kUsPerS;
  }
  return SetStickiness{s.enabled, s.duration_s};
}

Command ReadHealthCheck(R r, V v, P path, B base) {
  HealthCheckConfig h = base.load_balancer.health_check;
  if (const json* f = Field(v, "interval")) h.interval_s = r.Duration(*f, Key(path, "interval"), Sec(kHealthCheckIntervalS.lo), Sec(kHealthCheckIntervalS.hi)) / kUsPerS;
  if (const json* f = Field(v, "healthy_threshold")) h.healthy_threshold = r.U32(*f, Key(path, "healthy_threshold"), kHealthThreshold.lo, kHealthThreshold.hi);
  if (const json* f = Field(v, "unhealthy_threshold")) h.unhealthy_threshold = r.U32(*f, Key(path, "unhealthy_threshold"), kHealthThreshold.lo, kHealthThreshold.hi);
  return SetHealthCheck{h};
}

Command ReadCapacity(R r, V v, P path, B base) {
  SetAsgCapacity c{base.auto_scaling.min, base.auto_scaling.desired, base.auto_scaling.max};
  if (const json* f = Field(v, "min")) c.min = r.U32(*f, Key(path, "min"), 0, kMaxInstances);
  if (const json* f = Field(v, "max")) c.max = r.U32(*f, Key(path, "max"), 0, kMaxInstances);
  if (const json* f = Field(v, "desired")) c.desired = r.U32(*f, Key(path, "desired"), 0, kMaxInstances);
  if (c.min > c.max) r.Fail(Key(path, "min"), "min <= max, got min " + std::to_string(c.min) + " and max " + std::to_string(c.max));
  if (c.desired < c.min || c.desired > c.max) {
    r.Fail(Key(path, "desired"), "desired from min to max (" + std::to_string(c.min) + " to " + std::to_string(c.max) +
                                     "), got " + std::to_string(c.desired));
  }
  return c;
}

Command ReadTracking(R r, V v, P path, B base) {
  SetTargetTracking t{base.auto_scaling.target_tracking, base.auto_scaling.target_cpu_pct};
  if (const json* f = Field(v, "enabled")) t.enabled = r.Bool(*f, Key(path, "enabled"));
  if (const json* f = Field(v, "target_cpu_pct")) t.target_cpu_pct = r.U32(*f, Key(path, "target_cpu_pct"), kTargetCpuPct.lo, kTargetCpuPct.hi);
  return t;
}

// A mix is replaced as a whole: weights not given are 0.
Command ReadMix(R r, V v, P path, B) {
  r.Keys(v, path, kKindNames);
  BehaviourMix mix{0, 0, 0, 0, 0};
  uint32_t* weights[] = {&mix.browse, &mix.add_to_cart, &mix.view_cart, &mix.update_address, &mix.checkout};
  for (size_t k = 0; k < kKindNames.size(); ++k) {
    if (const json* f = Field(v, kKindNames[k])) *weights[k] = r.U32(*f, Key(path, kKindNames[k]), kMixWeight.lo, kMixWeight.hi);
  }
  if (mix.Total() == 0) r.Fail(path, "at least one weight above 0");
  return SetBehaviourMix{mix};
}

constexpr Setting kSettings[] = {
    {"shoppers", "count", kCommandIndex<SetShopperCount>, "count", {}, {},
     [](R r, V v, P p, B) -> Command { return SetShopperCount{r.U32(v, p, 0, kMaxShoppers)}; }},
    {"shoppers", "think_time", kCommandIndex<SetThinkTime>, "think_time", {}, {},
     [](R r, V v, P p, B) -> Command { return SetThinkTime{r.Duration(v, p, kThinkTimeUs.lo, kThinkTimeUs.hi)}; }},
    {"shoppers", "mix", kCommandIndex<SetBehaviourMix>, "mix", {}, {}, &ReadMix},
    {"shoppers", "give_up_pct", kCommandIndex<SetGiveUpPct>, "pct", {}, {},
     [](R r, V v, P p, B) -> Command { return SetGiveUpPct{r.U32(v, p, 0, 100)}; }},
    {"load_balancer", "routing", kCommandIndex<SetRouting>, "routing", {}, {},
     [](R r, V v, P p, B) -> Command { return SetRouting{r.Enum(v, p, &ParseRoutingAlgorithm, kRoutingNames)}; }},
    {"load_balancer", "stickiness", kCommandIndex<SetStickiness>, "", kStickinessFields, kEnabled, &ReadStickiness},
    {"load_balancer", "health_check", kCommandIndex<SetHealthCheck>, "", kHealthCheckFields, {}, &ReadHealthCheck},
    {"auto_scaling", "", kCommandIndex<SetAsgCapacity>, "", kCapacityFields, kCapacityFields, &ReadCapacity},
    {"auto_scaling", "launch_delay", kCommandIndex<SetLaunchDelay>, "launch_delay", {}, {},
     [](R r, V v, P p, B) -> Command { return SetLaunchDelay{r.Duration(v, p, Sec(kLaunchDelayS.lo), Sec(kLaunchDelayS.hi)) / kUsPerS}; }},
    {"auto_scaling", "target_tracking", kCommandIndex<SetTargetTracking>, "", kTrackingFields, kEnabled, &ReadTracking},
    {"session", "strategy", kCommandIndex<SetSessionStrategy>, "strategy", {}, {},
     [](R r, V v, P p, B) -> Command { return SetSessionStrategy{r.Enum(v, p, &ParseSessionStrategy, kStrategyNames)}; }},
    {"session", "store", kCommandIndex<SetSessionStore>, "store", {}, {},
     [](R r, V v, P p, B) -> Command { return SetSessionStore{r.Enum(v, p, &ParseSessionStore, kStoreNames)}; }},
    {"session", "cookie_signing", kCommandIndex<SetCookieSigning>, "enabled", {}, {},
     [](R r, V v, P p, B) -> Command { return SetCookieSigning{r.Bool(v, p)}; }},
    {"session", "idle_timeout", kCommandIndex<SetSessionIdleTimeout>, "idle_timeout", {}, {},
     [](R r, V v, P p, B) -> Command { return SetSessionIdleTimeout{r.Duration(v, p, Sec(kIdleTimeoutS.lo), Sec(kIdleTimeoutS.hi)) / kUsPerS}; }},
    {"cache", "multi_az", kCommandIndex<SetCacheMultiAz>, "enabled", {}, {},
     [](R r, V v, P p, B) -> Command { return SetCacheMultiAz{r.Bool(v, p)}; }},
    {"cache", "read_mode", kCommandIndex<SetCacheMode>, "mode", {}, {},
     [](R r, V v, P p, B) -> Command { return SetCacheMode{r.Enum(v, p, &ParseCacheMode, kCacheModeNames)}; }},
    {"cache", "invalidation", kCommandIndex<SetCacheInvalidation>, "invalidation", {}, {},
     [](R r, V v, P p, B) -> Command { return SetCacheInvalidation{r.Enum(v, p, &ParseInvalidation, kInvalidationNames)}; }},
    {"cache", "ttl", kCommandIndex<SetCacheTtl>, "ttl", {}, {},
     [](R r, V v, P p, B) -> Command { return SetCacheTtl{r.Duration(v, p, Sec(kCacheTtlS.lo), Sec(kCacheTtlS.hi)) / kUsPerS}; }},
    {"rds", "multi_az", kCommandIndex<SetRdsMultiAz>, "enabled", {}, {},
     [](R r, V v, P p, B) -> Command { return SetRdsMultiAz{r.Bool(v, p)}; }},
    {"rds", "read_replicas", kCommandIndex<SetReplicaCount>, "count", {}, {},
     [](R r, V v, P p, B) -> Command { return SetReplicaCount{r.U32(v, p, 0, kMaxReadReplicas)}; }},
    {"rds", "replica_lag", kCommandIndex<SetReplicaLag>, "lag", {}, {},
     [](R r, V v, P p, B) -> Command { return SetReplicaLag{r.Duration(v, p, Ms(kReplicaLagMs.lo), Ms(kReplicaLagMs.hi)) / kUsPerMs}; }},
    {"rds", "read_routing", kCommandIndex<SetReadRouting>, "routing", {}, {},
     [](R r, V v, P p, B) -> Command { return SetReadRouting{r.Enum(v, p, &ParseReadRouting, kReadRoutingNames)}; }},
};

}  // namespace

std::span<const Setting> Settings() { return kSettings; }

const Setting* FindSetting(uint32_t command) {
  for (const Setting& s : kSettings) {
    if (s.command == command) return &s;
  }
  return nullptr;
}

// [SECTION] Security group rules
SgRule RuleFields(const JsonReader& r, const json& v, const std::string& path) {
  SgRule rule;
  if (const json* port = Field(v, "port")) {
    if (v.contains("from_port") || v.contains("to_port")) r.Fail(Key(path, "port"), "either port or from_port/to_port, not both");
    rule.from_port = rule.to_port = static_cast<uint16_t>(r.Int(*port, Key(path, "port"), 0, 65535));
  } else {
    rule.from_port = static_cast<uint16_t>(r.Int(r.Need(v, path, "from_port"), Key(path, "from_port"), 0, 65535));
    rule.to_port = static_cast<uint16_t>(r.Int(r.Need(v, path, "to_port"), Key(path, "to_port"), rule.from_port, 65535));
  }
  const json& source_json = r.Need(v, path, "source");
  const std::string source = r.String(source_json, Key(path, "source"), 64);
  if (const std::optional<SgId> group = ParseSgId(source)) {
    rule.source = SgSource{SgSource::Kind::Group, *group, Cidr{}};
  } else if (const std::optional<Cidr> cidr = ParseCidr(source)) {
    rule.source = SgSource{SgSource::Kind::Cidr, SgId::Elb, *cidr};
  } else {
    r.FailGot(Key(path, "source"), "a security group (" + Join(kSgNames, "\"") + ") or a CIDR such as \"10.0.0.0/16\"", source_json);
  }
  return rule;
}

std::vector<SgRule> Rules(const JsonReader& r, const json& v, const std::string& path) {
  if (!v.is_array() || v.size() > kMaxSgRules) {
    r.FailGot(path, "an array of at most " + std::to_string(kMaxSgRules) + " rules", v);
  }
  std::vector<SgRule> rules;
  for (size_t i = 0; i < v.size(); ++i) {
    r.Keys(v[i], At(path, i), {"port", "from_port", "to_port", "source"});
    rules.push_back(RuleFields(r, v[i], At(path, i)));
  }
  return rules;
}

namespace {

// [SECTION] ConfigParser: config and patches
// Parses config JSON onto `config`. In patch mode (`patch` set, `config` a default Config), keys
// that cannot change at runtime are refused, and every setting read becomes the command that sets
// it; a group is replaced whole, since it is read over the defaults.
class ConfigParser {
 public:
  ConfigParser(const JsonReader& r, Config& config, std::vector<Command>* patch) : r_(r), c_(config), patch_(patch) {}

  void Parse(const json& v, const std::string& path) {
    r_.Keys(v, path, {"azs", "shoppers", "load_balancer", "route53", "auto_scaling", "instances", "session", "cache", "rds",
                      "security_groups", "trace"});
    if (const json* f = Field(v, "azs")) Azs(*f, Key(path, "azs"));
    if (const json* f = Field(v, "shoppers")) Shoppers(*f, Key(path, "shoppers"));
    if (const json* f = Field(v, "load_balancer")) {
      Group(*f, Key(path, "load_balancer"), "load_balancer", {"routing", "stickiness", "health_check"});
    }
    if (const json* f = Field(v, "route53")) Route53(*f, Key(path, "route53"));
    if (const json* f = Field(v, "auto_scaling")) AutoScaling(*f, Key(path, "auto_scaling"));
    if (const json* f = Field(v, "instances")) Instances(*f, Key(path, "instances"));
    if (const json* f = Field(v, "session")) {
      Group(*f, Key(path, "session"), "session", {"strategy", "store", "cookie_signing", "idle_timeout"});
    }
    if (const json* f = Field(v, "cache")) Cache(*f, Key(path, "cache"));
    if (const json* f = Field(v, "rds")) Rds(*f, Key(path, "rds"));
    if (const json* f = Field(v, "security_groups")) SecurityGroups(*f, Key(path, "security_groups"));
    if (const json* f = Field(v, "trace")) Trace(*f, Key(path, "trace"));
  }

 private:
  void ConfigOnly(const std::string& path) const {
    if (patch_ != nullptr) r_.Fail(path, "a setting that can change while the model runs (this key is set in config only)");
  }
  void Apply(const Command& command) {
    ApplyToConfig(c_, command);
    if (patch_ != nullptr) patch_->push_back(command);
  }

  // A group's keys, then its runtime settings in table order.
  void Group(const json& v, const std::string& path, std::string_view group, std::initializer_list<std::string_view> keys) {
    r_.Keys(v, path, keys);
    for (const Setting& s : Settings()) {
      if (s.group != group) continue;
      const json* value = s.key.empty() ? (AnyField(v, s.fields) ? &v : nullptr) : Field(v, s.key);
      if (value == nullptr) continue;
      const std::string at = s.key.empty() ? path : Key(path, s.key);
      if (!s.key.empty() && !s.fields.empty()) r_.Keys(*value, at, s.fields);
      Apply(s.read(r_, *value, at, c_));
    }
  }

  uint32_t OnlyU32(const json& v, const std::string& path, std::string_view key, uint32_t lo, uint32_t hi, uint32_t current) const {
    const json* f = Field(v, key);
    if (f == nullptr) return current;
    ConfigOnly(Key(path, key));
    return r_.U32(*f, Key(path, key), lo, hi);
  }
  TimeUs OnlyDuration(const json& v, const std::string& path, std::string_view key, TimeUs lo, TimeUs hi, TimeUs current) const {
    const json* f = Field(v, key);
    if (f == nullptr) return current;
    ConfigOnly(Key(path, key));
    return r_.Duration(*f, Key(path, key), lo, hi);
  }

  void Azs(const json& v, const std::string& path) {
    ConfigOnly(path);
    if (!v.is_array() || v.empty() || v.size() > 3) r_.FailGot(path, "an array of 1 to 3 AZ names (\"a\", \"b\", \"c\")", v);
    std::array<bool, kAzCount> azs{};
    for (size_t i = 0; i < v.size(); ++i) {
      const Az az = r_.Enum<Az>(v[i], At(path, i), &ParseAz, kAzNames);
      if (azs[AzIndex(az)]) r_.Fail(At(path, i), "each AZ once, got \"" + std::string(Name(az)) + "\" twice");
      azs[AzIndex(az)] = true;
    }
    c_.azs = azs;
  }

  void Shoppers(const json& v, const std::string& path) {
    Group(v, path, "shoppers", {"count", "think_time", "mix", "give_up_pct", "users", "max_requests_per_visit"});
    ShopperConfig& s = c_.shoppers;
    s.users = OnlyU32(v, path, "users", 1, 1'000'000, s.users);
    s.max_requests_per_visit = OnlyU32(v, path, "max_requests_per_visit", 1, 100'000, s.max_requests_per_visit);
  }

  void Route53(const json& v, const std::string& path) {
    ConfigOnly(path);
    r_.Keys(v, path, {"health_check_interval", "failure_threshold"});
    Route53Config& d = c_.route53;
    d.health_check_interval_s =
        OnlyDuration(v, path, "health_check_interval", Sec(1), Sec(300), Sec(d.health_check_interval_s)) / kUsPerS;
    d.failure_threshold = OnlyU32(v, path, "failure_threshold", 1, 10, d.failure_threshold);
  }

  void AutoScaling(const json& v, const std::string& path) {
    Group(v, path, "auto_scaling", {"min", "desired", "max", "launch_delay", "target_tracking", "scale_in_cooldown"});
    AutoScalingConfig& a = c_.auto_scaling;
    a.scale_in_cooldown_s = OnlyDuration(v, path, "scale_in_cooldown", 0, Sec(3600), Sec(a.scale_in_cooldown_s)) / kUsPerS;
  }

  void Instances(const json& v, const std::string& path) {
    ConfigOnly(path);
    r_.Keys(v, path, {"vcpus", "cpu_us", "max_queue"});
    InstanceConfig& in = c_.instances;
    in.vcpus = OnlyU32(v, path, "vcpus", 1, 192, in.vcpus);
    if (const json* m = Field(v, "cpu_us")) {
      const std::string mp = Key(path, "cpu_us");
      r_.Keys(*m, mp, kKindNames);
      for (size_t k = 0; k < kKindNames.size(); ++k) in.cpu_us[k] = OnlyU32(*m, mp, kKindNames[k], 1, 10'000'000, in.cpu_us[k]);
    }
    in.max_queue_ms = OnlyDuration(v, path, "max_queue", Ms(1), Sec(600), Ms(in.max_queue_ms)) / kUsPerMs;
  }

  void Cache(const json& v, const std::string& path) {
    Group(v, path, "cache", {"multi_az", "read_mode", "invalidation", "ttl", "failover", "replication_lag"});
    CacheConfig& c = c_.cache;
    c.failover_s = OnlyDuration(v, path, "failover", Sec(1), Sec(600), Sec(c.failover_s)) / kUsPerS;
    c.replication_lag_ms = OnlyDuration(v, path, "replication_lag", 0, Sec(60), Ms(c.replication_lag_ms)) / kUsPerMs;
  }

  void Rds(const json& v, const std::string& path) {
    Group(v, path, "rds", {"multi_az", "read_replicas", "replica_lag", "read_routing", "vcpus", "read_cpu_us", "write_cpu_us",
                           "max_queue", "failover_min", "failover_max", "port"});
    RdsConfig& d = c_.rds;
    d.vcpus = OnlyU32(v, path, "vcpus", 1, 192, d.vcpus);
    d.read_cpu_us = OnlyU32(v, path, "read_cpu_us", 1, 10'000'000, d.read_cpu_us);
    d.write_cpu_us = OnlyU32(v, path, "write_cpu_us", 1, 10'000'000, d.write_cpu_us);
    d.max_queue_ms = OnlyDuration(v, path, "max_queue", Ms(1), Sec(600), Ms(d.max_queue_ms)) / kUsPerMs;
    d.failover_min_s = OnlyDuration(v, path, "failover_min", Sec(1), Sec(3600), Sec(d.failover_min_s)) / kUsPerS;
    d.failover_max_s = OnlyDuration(v, path, "failover_max", Sec(1), Sec(3600), Sec(d.failover_max_s)) / kUsPerS;
    if (d.failover_min_s > d.failover_max_s) {
      r_.Fail(Key(path, "failover_max"), "a duration not below failover_min (" + FormatDuration(Sec(d.failover_min_s)) + ")");
    }
    const uint16_t old_port = d.port;
    d.port = static_cast<uint16_t>(OnlyU32(v, path, "port", 1, 65535, d.port));
    // The default sg-db rule follows the engine's port unless the file sets sg-db itself.
    for (SgRule& rule : c_.security_groups.rules[static_cast<int>(SgId::Db)]) {
      if (rule.from_port == old_port && rule.to_port == old_port) rule.from_port = rule.to_port = d.port;
    }
  }

  void SecurityGroups(const json& v, const std::string& path) {
    r_.Keys(v, path, kSgNames);
    for (int g = 0; g < kSgCount; ++g) {
      const std::string name(Name(static_cast<SgId>(g)));
      if (const json* f = Field(v, name)) Apply(SetSgRules{static_cast<SgId>(g), Rules(r_, *f, Key(path, name))});
    }
  }

  void Trace(const json& v, const std::string& path) {
    ConfigOnly(path);
    r_.Keys(v, path, {"ring_capacity", "sample_every", "event_capacity", "series_seconds"});
    TraceConfig& t = c_.trace;
    t.ring_capacity = OnlyU32(v, path, "ring_capacity", 1, 1'000'000, t.ring_capacity);
    t.sample_every = OnlyU32(v, path, "sample_every", 0, 1'000'000'000, t.sample_every);
    t.event_capacity = OnlyU32(v, path, "event_capacity", 1, 1'000'000, t.event_capacity);
    t.series_capacity_s = OnlyU32(v, path, "series_seconds", 1, 86'400, t.series_capacity_s);
  }

  const JsonReader& r_;
  Config& c_;
  std::vector<Command>* patch_;
};

}  // namespace

Parsed<Config> ParseConfig(const json& v, const Config& base, std::string_view file, std::string_view path) {
  return Guard<Config>(file, [&] {
    Config config = base;
    ConfigParser(JsonReader(file), config, nullptr).Parse(v, std::string(path));
    return config;
  });
}

Parsed<std::vector<Command>> ParseConfigPatch(const json& v, std::string_view file, std::string_view path) {
  return Guard<std::vector<Command>>(file, [&] {
    Config scratch;
    std::vector<Command> commands;
    ConfigParser(JsonReader(file), scratch, &commands).Parse(v, std::string(path));
    return commands;
  });
}

}  // namespace sim
