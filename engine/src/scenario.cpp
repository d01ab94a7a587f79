// Scenario files: JSON to Config, config patches to setting commands, actions to timed commands.
// Every check names the file, the JSON path and what was expected (docs/scenario-format.md).
//
// Index
//   [SECTION] Durations
//   [SECTION] Reader: typed access with messages
//   [SECTION] Config
//   [SECTION] Actions
//   [SECTION] Scenario
#include "statelab/scenario.h"

#include <algorithm>
#include <array>
#include <span>
#include <charconv>
#include <fstream>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>

#include "statelab/sim.h"

namespace sim {

using nlohmann::json;

// [SECTION] Durations
std::optional<TimeUs> ParseDuration(std::string_view text) {
  struct Unit {
    std::string_view suffix;
    TimeUs us;
  };
  static constexpr Unit kUnits[] = {{"us", 1},         {"ms", kUsPerMs},        {"s", kUsPerS},
                                    {"m", Sec(60)},    {"h", Sec(3600)},        {"d", Sec(86'400)}};
  size_t digits = 0;
  while (digits < text.size() && text[digits] >= '0' && text[digits] <= '9') ++digits;
  if (digits == 0 || digits > 12) return std::nullopt;
  const std::string_view suffix = text.substr(digits);
  int64_t value = 0;
  std::from_chars(text.data(), text.data() + digits, value);
  for (const Unit& unit : kUnits) {
    if (suffix == unit.suffix) {
      if (value > INT64_MAX / unit.us) return std::nullopt;
      return value * unit.us;
    }
  }
  return std::nullopt;
}

std::string FormatDuration(TimeUs us) {
  struct Unit {
    const char* suffix;
    TimeUs us;
  };
  static constexpr Unit kUnits[] = {{"d", Sec(86'400)}, {"h", Sec(3600)}, {"m", Sec(60)},
                                    {"s", kUsPerS},     {"ms", kUsPerMs}};
  if (us == 0) return "0s";
  for (const Unit& unit : kUnits) {
    if (us % unit.us == 0) return std::to_string(us / unit.us) + unit.suffix;
  }
  return std::to_string(us) + "us";
}

std::string ValidationError::Message() const {
  std::string message = file;
  if (!path.empty()) message += ": " + path;
  return message + ": expected " + expected;
}

namespace {

// [SECTION] Reader: typed access with messages
struct Rejection {
  ValidationError error;
};

using Names = std::span<const std::string_view>;

std::string Join(Names names, std::string_view quote = "") {
  std::string out;
  for (std::string_view n : names) {
    if (!out.empty()) out += ", ";
    out += std::string(quote) + std::string(n) + std::string(quote);
  }
  return out;
}

// A short rendering of a value for "got ...": scalars in JSON, containers by kind only.
std::string Got(const json& v) {
  if (v.is_object()) return "an object";
  if (v.is_array()) return "an array";
  std::string text = v.dump();
  if (text.size() > 60) text = text.substr(0, 57) + "...";
  return text;
}

class Reader {
 public:
  explicit Reader(std::string_view file) : file_(file) {}
  const std::string& file() const { return file_; }

  [[noreturn]] void Fail(const std::string& path, const std::string& expected) const {
    throw Rejection{ValidationError{file_, path, expected}};
  }

  void Keys(const json& obj, const std::string& path, std::initializer_list<std::string_view> allowed) const {
    Keys(obj, path, Names(allowed.begin(), allowed.size()));
  }
  void Keys(const json& obj, const std::string& path, Names allowed) const {
    if (!obj.is_object()) Fail(path, "an object, got " + Got(obj));
    for (const auto& item : obj.items()) {
      if (std::find(allowed.begin(), allowed.end(), item.key()) == allowed.end()) {
        Fail(path + "." + item.key(), "a known key (one of " + Join(allowed) + "), got unknown key '" + item.key() + "'");
      }
    }
  }

  void Require(const json& obj, const std::string& path, std::string_view key) const {
    if (!obj.contains(std::string(key))) Fail(path + "." + std::string(key), "a value (this key is required)");
  }

  int64_t Int(const json& v, const std::string& path, int64_t lo, int64_t hi) const {
    const std::string expected = "an integer from " + std::to_string(lo) + " to " + std::to_string(hi);
    if (!v.is_number_integer()) Fail(path, expected + ", got " + Got(v));
    if (v.is_number_unsigned() && v.get<uint64_t>() > static_cast<uint64_t>(INT64_MAX)) Fail(path, expected + ", got " + Got(v));
    const int64_t value = v.get<int64_t>();
    if (value < lo || value > hi) Fail(path, expected + ", got " + Got(v));
    return value;
  }

  uint32_t U32(const json& v, const std::string& path, uint32_t lo, uint32_t hi) const {
    return static_cast<uint32_t>(Int(v, path, lo, hi));
  }

  bool Bool(const json& v, const std::string& path) const {
    if (!v.is_boolean()) Fail(path, "true or false, got " + Got(v));
    return v.get<bool>();
  }

  std::string String(const json& v, const std::string& path, size_t max_bytes) const {
    if (!v.is_string()) Fail(path, "a string, got " + Got(v));
    std::string s = v.get<std::string>();
    if (s.size() > max_bytes) Fail(path, "a string of at most " + std::to_string(max_bytes) + " bytes");
    return s;
  }

  // A duration string ("30s", "10m", "1h", "250ms") or a whole number of seconds.
  TimeUs Duration(const json& v, const std::string& path, TimeUs lo, TimeUs hi) const {
    const std::string expected = "a duration such as \"30s\", \"10m\" or \"1h\" from " + FormatDuration(lo) + " to " + FormatDuration(hi);
    std::optional<TimeUs> d;
    if (v.is_string()) {
      d = ParseDuration(v.get<std::string>());
    } else if (v.is_number_integer()) {
      const int64_t s = v.is_number_unsigned() ? (v.get<uint64_t>() > 1'000'000'000ull ? -1 : v.get<int64_t>()) : v.get<int64_t>();
      if (s >= 0 && s <= 1'000'000'000) d = Sec(s);
    }
    if (!d || *d < lo || *d > hi) Fail(path, expected + ", got " + Got(v));
    return *d;
  }

  template <class E>
  E Enum(const json& v, const std::string& path, std::optional<E> (*parse)(std::string_view), Names names) const {
    const std::string expected = "one of " + Join(names, "\"");
    if (!v.is_string()) Fail(path, expected + ", got " + Got(v));
    const std::optional<E> e = parse(v.get<std::string>());
    if (!e) Fail(path, expected + ", got " + Got(v));
    return *e;
  }

 private:
  std::string file_;
};

std::string Key(const std::string& path, std::string_view key) { return path + "." + std::string(key); }
std::string At(const std::string& path, size_t i) { return path + "[" + std::to_string(i) + "]"; }

// JSON nesting deeper than this is refused before parsing, so no input can exhaust the stack.
constexpr int kMaxDepth = 32;

bool TooDeep(std::string_view text) {
  int depth = 0;
  bool in_string = false, escaped = false;
  for (char c : text) {
    if (in_string) {
      if (escaped) escaped = false;
      else if (c == '\\') escaped = true;
      else if (c == '"') in_string = false;
      continue;
    }
    if (c == '"') in_string = true;
    else if (c == '{' || c == '[') {
      if (++depth > kMaxDepth) return true;
    } else if (c == '}' || c == ']') {
      --depth;
    }
  }
  return false;
}

// [SECTION] Config
constexpr std::array<std::string_view, 3> kStrategyNames = {"instance_memory", "client_cookie", "server_session"};
constexpr std::array<std::string_view, 2> kStoreNames = {"elasticache", "dynamodb"};
constexpr std::array<std::string_view, 3> kCacheModeNames = {"none", "lazy_loading", "write_through"};
constexpr std::array<std::string_view, 2> kInvalidationNames = {"on_write", "ttl_only"};
constexpr std::array<std::string_view, 3> kReadRoutingNames = {"spread", "replicas", "primary"};
constexpr std::array<std::string_view, 2> kRoutingNames = {"round_robin", "least_outstanding_requests"};
constexpr std::array<std::string_view, 5> kKindNames = {"browse", "add_to_cart", "view_cart", "update_address", "checkout"};
constexpr std::array<std::string_view, 3> kTamperNames = {"lower_prices", "add_free_item", "guess_session_id"};
constexpr std::array<std::string_view, 4> kTargetNames = {"load_balancer", "instance", "cache", "database"};
constexpr std::array<std::string_view, 3> kAzNames = {"a", "b", "c"};
constexpr std::array<std::string_view, 4> kSgNames = {"sg-elb", "sg-web", "sg-cache", "sg-db"};

// Parses config JSON onto `config`. In patch mode, keys that cannot change at runtime are
// refused, and every group touched is recorded as the setting command that sets it.
class ConfigParser {
 public:
  ConfigParser(const Reader& r, Config& config, std::vector<Command>* patch) : r_(r), c_(config), patch_(patch) {}

  void Parse(const json& v, const std::string& path) {
    r_.Keys(v, path, {"azs", "shoppers", "load_balancer", "route53", "auto_scaling", "instances", "session", "cache", "rds",
                      "security_groups", "trace"});
    if (v.contains("azs")) Azs(v["azs"], Key(path, "azs"));
    if (v.contains("shoppers")) Shoppers(v["shoppers"], Key(path, "shoppers"));
    if (v.contains("load_balancer")) LoadBalancer(v["load_balancer"], Key(path, "load_balancer"));
    if (v.contains("route53")) Route53(v["route53"], Key(path, "route53"));
    if (v.contains("auto_scaling")) AutoScaling(v["auto_scaling"], Key(path, "auto_scaling"));
    if (v.contains("instances")) Instances(v["instances"], Key(path, "instances"));
    if (v.contains("session")) Session(v["session"], Key(path, "session"));
    if (v.contains("cache")) Cache(v["cache"], Key(path, "cache"));
    if (v.contains("rds")) Rds(v["rds"], Key(path, "rds"));
    if (v.contains("security_groups")) SecurityGroupsKey(v["security_groups"], Key(path, "security_groups"));
    if (v.contains("trace")) Trace(v["trace"], Key(path, "trace"));
  }

 private:
  void ConfigOnly(const std::string& path) const {
    if (patch_ != nullptr) r_.Fail(path, "a setting that can change while the model runs (this key is set in config only)");
  }
  void Emit(Command command) {
    if (patch_ != nullptr) patch_->push_back(std::move(command));
  }

  void Azs(const json& v, const std::string& path) {
    ConfigOnly(path);
    if (!v.is_array() || v.empty() || v.size() > 3) r_.Fail(path, "an array of 1 to 3 AZ names (\"a\", \"b\", \"c\"), got " + Got(v));
    std::array<bool, kAzCount> azs{};
    for (size_t i = 0; i < v.size(); ++i) {
      const Az az = r_.Enum<Az>(v[i], At(path, i), &ParseAz, kAzNames);
      if (azs[AzIndex(az)]) r_.Fail(At(path, i), "each AZ once, got \"" + std::string(Name(az)) + "\" twice");
      azs[AzIndex(az)] = true;
    }
    c_.azs = azs;
  }

  void Shoppers(const json& v, const std::string& path) {
    r_.Keys(v, path, {"count", "think_time", "mix", "give_up_pct", "users", "max_requests_per_visit"});
    ShopperConfig& s = c_.shoppers;
    if (v.contains("count")) {
      s.count = r_.U32(v["count"], Key(path, "count"), 0, kMaxShoppers);
      Emit(SetShopperCount{s.count});
    }
    if (v.contains("think_time")) {
      s.think_time_us = r_.Duration(v["think_time"], Key(path, "think_time"), Ms(100), Sec(3600));
      Emit(SetThinkTime{s.think_time_us});
    }
    if (v.contains("mix")) {
      const json& m = v["mix"];
      const std::string mp = Key(path, "mix");
      r_.Keys(m, mp, kKindNames);
      // A mix is replaced as a whole: weights not given are 0.
      BehaviourMix mix{0, 0, 0, 0, 0};
      if (m.contains("browse")) mix.browse = r_.U32(m["browse"], Key(mp, "browse"), 0, 1000);
      if (m.contains("add_to_cart")) mix.add_to_cart = r_.U32(m["add_to_cart"], Key(mp, "add_to_cart"), 0, 1000);
      if (m.contains("view_cart")) mix.view_cart = r_.U32(m["view_cart"], Key(mp, "view_cart"), 0, 1000);
      if (m.contains("update_address")) mix.update_address = r_.U32(m["update_address"], Key(mp, "update_address"), 0, 1000);
      if (m.contains("checkout")) mix.checkout = r_.U32(m["checkout"], Key(mp, "checkout"), 0, 1000);
      if (mix.Total() == 0) r_.Fail(mp, "at least one weight above 0");
      s.mix = mix;
      Emit(SetBehaviourMix{mix});
    }
    if (v.contains("give_up_pct")) {
      s.give_up_pct = r_.U32(v["give_up_pct"], Key(path, "give_up_pct"), 0, 100);
      Emit(SetGiveUpPct{s.give_up_pct});
    }
    if (v.contains("users")) {
      ConfigOnly(Key(path, "users"));
      s.users = r_.U32(v["users"], Key(path, "users"), 1, kMaxUsers);
    }
    if (v.contains("max_requests_per_visit")) {
      ConfigOnly(Key(path, "max_requests_per_visit"));
      s.max_requests_per_visit = r_.U32(v["max_requests_per_visit"], Key(path, "max_requests_per_visit"), 1, 100'000);
    }
  }

  void LoadBalancer(const json& v, const std::string& path) {
    r_.Keys(v, path, {"routing", "stickiness", "health_check"});
    LoadBalancerConfig& lb = c_.load_balancer;
    if (v.contains("routing")) {
      lb.routing = r_.Enum<RoutingAlgorithm>(v["routing"], Key(path, "routing"), &ParseRoutingAlgorithm, kRoutingNames);
      Emit(SetRouting{lb.routing});
    }
    if (v.contains("stickiness")) {
      const json& s = v["stickiness"];
      const std::string sp = Key(path, "stickiness");
      r_.Keys(s, sp, {"enabled", "duration"});
      if (patch_ != nullptr) lb.stickiness = StickinessConfig{};
      if (s.contains("enabled")) lb.stickiness.enabled = r_.Bool(s["enabled"], Key(sp, "enabled"));
      if (s.contains("duration")) {
        lb.stickiness.duration_s = r_.Duration(s["duration"], Key(sp, "duration"), Sec(kMinStickinessS), Sec(kMaxStickinessS)) / kUsPerS;
      }
      Emit(SetStickiness{lb.stickiness.enabled, lb.stickiness.duration_s});
    }
    if (v.contains("health_check")) {
      const json& h = v["health_check"];
      const std::string hp = Key(path, "health_check");
      r_.Keys(h, hp, {"interval", "healthy_threshold", "unhealthy_threshold"});
      if (patch_ != nullptr) lb.health_check = HealthCheckConfig{};
      if (h.contains("interval")) lb.health_check.interval_s = r_.Duration(h["interval"], Key(hp, "interval"), Sec(5), Sec(300)) / kUsPerS;
      if (h.contains("healthy_threshold")) lb.health_check.healthy_threshold = r_.U32(h["healthy_threshold"], Key(hp, "healthy_threshold"), 2, 10);
      if (h.contains("unhealthy_threshold")) lb.health_check.unhealthy_threshold = r_.U32(h["unhealthy_threshold"], Key(hp, "unhealthy_threshold"), 2, 10);
      Emit(SetHealthCheck{lb.health_check});
    }
  }

  void Route53(const json& v, const std::string& path) {
    ConfigOnly(path);
    r_.Keys(v, path, {"health_check_interval", "failure_threshold"});
    if (v.contains("health_check_interval")) {
      c_.route53.health_check_interval_s = r_.Duration(v["health_check_interval"], Key(path, "health_check_interval"), Sec(1), Sec(300)) / kUsPerS;
    }
    if (v.contains("failure_threshold")) c_.route53.failure_threshold = r_.U32(v["failure_threshold"], Key(path, "failure_threshold"), 1, 10);
  }

  void AutoScaling(const json& v, const std::string& path) {
    r_.Keys(v, path, {"min", "desired", "max", "launch_delay", "target_tracking", "scale_in_cooldown"});
    AutoScalingConfig& a = c_.auto_scaling;
    if (v.contains("min") || v.contains("desired") || v.contains("max")) {
      if (patch_ != nullptr) {
        const AutoScalingConfig defaults;
        a.min = defaults.min;
        a.desired = defaults.desired;
        a.max = defaults.max;
      }
      if (v.contains("min")) a.min = r_.U32(v["min"], Key(path, "min"), 0, kMaxInstances);
      if (v.contains("max")) a.max = r_.U32(v["max"], Key(path, "max"), 0, kMaxInstances);
      if (v.contains("desired")) a.desired = r_.U32(v["desired"], Key(path, "desired"), 0, kMaxInstances);
      if (a.min > a.max) r_.Fail(Key(path, "min"), "min <= max, got min " + std::to_string(a.min) + " and max " + std::to_string(a.max));
      if (a.desired < a.min || a.desired > a.max) {
        r_.Fail(Key(path, "desired"), "desired from min to max (" + std::to_string(a.min) + " to " + std::to_string(a.max) +
                                          "), got " + std::to_string(a.desired));
      }
      Emit(SetAsgCapacity{a.min, a.desired, a.max});
    }
    if (v.contains("launch_delay")) {
      a.launch_delay_s = r_.Duration(v["launch_delay"], Key(path, "launch_delay"), 0, Sec(3600)) / kUsPerS;
      Emit(SetLaunchDelay{a.launch_delay_s});
    }
    if (v.contains("target_tracking")) {
      const json& t = v["target_tracking"];
      const std::string tp = Key(path, "target_tracking");
      r_.Keys(t, tp, {"enabled", "target_cpu_pct"});
      if (patch_ != nullptr) {
        a.target_tracking = false;
        a.target_cpu_pct = AutoScalingConfig{}.target_cpu_pct;
      }
      if (t.contains("enabled")) a.target_tracking = r_.Bool(t["enabled"], Key(tp, "enabled"));
      if (t.contains("target_cpu_pct")) a.target_cpu_pct = r_.U32(t["target_cpu_pct"], Key(tp, "target_cpu_pct"), 1, 100);
      Emit(SetTargetTracking{a.target_tracking, a.target_cpu_pct});
    }
    if (v.contains("scale_in_cooldown")) {
      ConfigOnly(Key(path, "scale_in_cooldown"));
      a.scale_in_cooldown_s = r_.Duration(v["scale_in_cooldown"], Key(path, "scale_in_cooldown"), 0, Sec(3600)) / kUsPerS;
    }
  }

  void Instances(const json& v, const std::string& path) {
    ConfigOnly(path);
    r_.Keys(v, path, {"vcpus", "cpu_us", "max_queue"});
    InstanceConfig& in = c_.instances;
    if (v.contains("vcpus")) in.vcpus = r_.U32(v["vcpus"], Key(path, "vcpus"), 1, 192);
    if (v.contains("cpu_us")) {
      const json& m = v["cpu_us"];
      const std::string mp = Key(path, "cpu_us");
      r_.Keys(m, mp, kKindNames);
      for (int k = 0; k < kRequestKindCount; ++k) {
        const std::string name(Name(static_cast<RequestKind>(k)));
        if (m.contains(name)) in.cpu_us[static_cast<size_t>(k)] = r_.U32(m[name], Key(mp, name), 1, 10'000'000);
      }
    }
    if (v.contains("max_queue")) in.max_queue_ms = r_.Duration(v["max_queue"], Key(path, "max_queue"), Ms(1), Sec(600)) / kUsPerMs;
  }

  void Session(const json& v, const std::string& path) {
    r_.Keys(v, path, {"strategy", "store", "cookie_signing", "idle_timeout"});
    SessionConfig& s = c_.session;
    if (v.contains("strategy")) {
      s.strategy = r_.Enum<SessionStrategy>(v["strategy"], Key(path, "strategy"), &ParseSessionStrategy, kStrategyNames);
      Emit(SetSessionStrategy{s.strategy});
    }
    if (v.contains("store")) {
      s.store = r_.Enum<SessionStore>(v["store"], Key(path, "store"), &ParseSessionStore, kStoreNames);
      Emit(SetSessionStore{s.store});
    }
    if (v.contains("cookie_signing")) {
      s.cookie_signing = r_.Bool(v["cookie_signing"], Key(path, "cookie_signing"));
      Emit(SetCookieSigning{s.cookie_signing});
    }
    if (v.contains("idle_timeout")) {
      s.idle_timeout_s = r_.Duration(v["idle_timeout"], Key(path, "idle_timeout"), Sec(60), Sec(7 * 86'400)) / kUsPerS;
      Emit(SetSessionIdleTimeout{s.idle_timeout_s});
    }
  }

  void Cache(const json& v, const std::string& path) {
    r_.Keys(v, path, {"multi_az", "read_mode", "invalidation", "ttl", "failover", "replication_lag"});
    CacheConfig& c = c_.cache;
    if (v.contains("multi_az")) {
      c.multi_az = r_.Bool(v["multi_az"], Key(path, "multi_az"));
      Emit(SetCacheMultiAz{c.multi_az});
    }
    if (v.contains("read_mode")) {
      c.read_mode = r_.Enum<CacheMode>(v["read_mode"], Key(path, "read_mode"), &ParseCacheMode, kCacheModeNames);
      Emit(SetCacheMode{c.read_mode});
    }
    if (v.contains("invalidation")) {
      c.invalidation = r_.Enum<Invalidation>(v["invalidation"], Key(path, "invalidation"), &ParseInvalidation, kInvalidationNames);
      Emit(SetCacheInvalidation{c.invalidation});
    }
    if (v.contains("ttl")) {
      c.ttl_s = r_.Duration(v["ttl"], Key(path, "ttl"), Sec(1), Sec(7 * 86'400)) / kUsPerS;
      Emit(SetCacheTtl{c.ttl_s});
    }
    if (v.contains("failover")) {
      ConfigOnly(Key(path, "failover"));
      c.failover_s = r_.Duration(v["failover"], Key(path, "failover"), Sec(1), Sec(600)) / kUsPerS;
    }
    if (v.contains("replication_lag")) {
      ConfigOnly(Key(path, "replication_lag"));
      c.replication_lag_ms = r_.Duration(v["replication_lag"], Key(path, "replication_lag"), 0, Sec(60)) / kUsPerMs;
    }
  }

  void Rds(const json& v, const std::string& path) {
    r_.Keys(v, path, {"multi_az", "read_replicas", "replica_lag", "read_routing", "vcpus", "read_cpu_us", "write_cpu_us",
                      "max_queue", "failover_min", "failover_max", "port"});
    RdsConfig& d = c_.rds;
    if (v.contains("multi_az")) {
      d.multi_az = r_.Bool(v["multi_az"], Key(path, "multi_az"));
      Emit(SetRdsMultiAz{d.multi_az});
    }
    if (v.contains("read_replicas")) {
      d.read_replicas = r_.U32(v["read_replicas"], Key(path, "read_replicas"), 0, kMaxReadReplicas);
      Emit(SetReplicaCount{d.read_replicas});
    }
    if (v.contains("replica_lag")) {
      d.replica_lag_ms = r_.Duration(v["replica_lag"], Key(path, "replica_lag"), 0, Sec(3600)) / kUsPerMs;
      Emit(SetReplicaLag{d.replica_lag_ms});
    }
    if (v.contains("read_routing")) {
      d.read_routing = r_.Enum<ReadRouting>(v["read_routing"], Key(path, "read_routing"), &ParseReadRouting, kReadRoutingNames);
      Emit(SetReadRouting{d.read_routing});
    }
    for (std::string_view key : {"vcpus", "read_cpu_us", "write_cpu_us", "max_queue", "failover_min", "failover_max", "port"}) {
      if (v.contains(std::string(key))) ConfigOnly(Key(path, key));
    }
    if (v.contains("vcpus")) d.vcpus = r_.U32(v["vcpus"], Key(path, "vcpus"), 1, 192);
    if (v.contains("read_cpu_us")) d.read_cpu_us = r_.U32(v["read_cpu_us"], Key(path, "read_cpu_us"), 1, 10'000'000);
    if (v.contains("write_cpu_us")) d.write_cpu_us = r_.U32(v["write_cpu_us"], Key(path, "write_cpu_us"), 1, 10'000'000);
    if (v.contains("max_queue")) d.max_queue_ms = r_.Duration(v["max_queue"], Key(path, "max_queue"), Ms(1), Sec(600)) / kUsPerMs;
    if (v.contains("failover_min")) d.failover_min_s = r_.Duration(v["failover_min"], Key(path, "failover_min"), Sec(1), Sec(3600)) / kUsPerS;
    if (v.contains("failover_max")) d.failover_max_s = r_.Duration(v["failover_max"], Key(path, "failover_max"), Sec(1), Sec(3600)) / kUsPerS;
    if (d.failover_min_s > d.failover_max_s) {
      r_.Fail(Key(path, "failover_max"), "a duration not below failover_min (" + FormatDuration(Sec(d.failover_min_s)) + ")");
    }
    if (v.contains("port")) {
      const uint16_t old_port = d.port;
      d.port = static_cast<uint16_t>(r_.Int(v["port"], Key(path, "port"), 1, 65535));
      // The default sg-db rule follows the engine's port unless the file sets sg-db itself.
      for (SgRule& rule : c_.security_groups.rules[static_cast<int>(SgId::Db)]) {
        if (rule.from_port == old_port && rule.to_port == old_port) rule.from_port = rule.to_port = d.port;
      }
    }
  }

  SgRule Rule(const json& v, const std::string& path) const {
    r_.Keys(v, path, {"port", "from_port", "to_port", "source"});
    SgRule rule;
    if (v.contains("port")) {
      if (v.contains("from_port") || v.contains("to_port")) r_.Fail(Key(path, "port"), "either port or from_port/to_port, not both");
      rule.from_port = rule.to_port = static_cast<uint16_t>(r_.Int(v["port"], Key(path, "port"), 0, 65535));
    } else {
      r_.Require(v, path, "from_port");
      r_.Require(v, path, "to_port");
      rule.from_port = static_cast<uint16_t>(r_.Int(v["from_port"], Key(path, "from_port"), 0, 65535));
      rule.to_port = static_cast<uint16_t>(r_.Int(v["to_port"], Key(path, "to_port"), rule.from_port, 65535));
    }
    r_.Require(v, path, "source");
    const std::string source = r_.String(v["source"], Key(path, "source"), 64);
    if (const std::optional<SgId> group = ParseSgId(source)) {
      rule.source = SgSource{SgSource::Kind::Group, *group, Cidr{}};
    } else if (const std::optional<Cidr> cidr = ParseCidr(source)) {
      rule.source = SgSource{SgSource::Kind::Cidr, SgId::Elb, *cidr};
    } else {
      r_.Fail(Key(path, "source"), "a security group (" + Join(kSgNames, "\"") + ") or a CIDR such as \"10.0.0.0/16\", got " + Got(v["source"]));
    }
    return rule;
  }

 public:
  std::vector<SgRule> Rules(const json& v, const std::string& path) const {
    if (!v.is_array() || v.size() > 50) r_.Fail(path, "an array of at most 50 rules, got " + Got(v));
    std::vector<SgRule> rules;
    for (size_t i = 0; i < v.size(); ++i) rules.push_back(Rule(v[i], At(path, i)));
    return rules;
  }

 private:
  void SecurityGroupsKey(const json& v, const std::string& path) {
    r_.Keys(v, path, kSgNames);
    for (int g = 0; g < kSgCount; ++g) {
      const std::string name(Name(static_cast<SgId>(g)));
      if (!v.contains(name)) continue;
      c_.security_groups.rules[static_cast<size_t>(g)] = Rules(v[name], Key(path, name));
      Emit(SetSgRules{static_cast<SgId>(g), c_.security_groups.rules[static_cast<size_t>(g)]});
    }
  }

  void Trace(const json& v, const std::string& path) {
    ConfigOnly(path);
    r_.Keys(v, path, {"ring_capacity", "sample_every", "event_capacity", "series_seconds"});
    TraceConfig& t = c_.trace;
    if (v.contains("ring_capacity")) t.ring_capacity = r_.U32(v["ring_capacity"], Key(path, "ring_capacity"), 1, 1'000'000);
    if (v.contains("sample_every")) t.sample_every = r_.U32(v["sample_every"], Key(path, "sample_every"), 0, 1'000'000'000);
    if (v.contains("event_capacity")) t.event_capacity = r_.U32(v["event_capacity"], Key(path, "event_capacity"), 1, 1'000'000);
    if (v.contains("series_seconds")) t.series_capacity_s = r_.U32(v["series_seconds"], Key(path, "series_seconds"), 1, 86'400);
  }

  const Reader& r_;
  Config& c_;
  std::vector<Command>* patch_;
};

// [SECTION] Actions
// The configuration a script has reached at an action, for checking the names it uses.
struct ScriptState {
  uint32_t instances_named = 0;  // ids i-1 .. i-N may be named
  uint32_t replicas = 0;
};

ScriptState StateOf(const Config& config) {
  return ScriptState{config.auto_scaling.desired, config.rds.read_replicas};
}

std::string ShopperName(const Reader& r, const json& v, const std::string& path) {
  const std::string name = r.String(v, path, 64);
  const bool ok = !name.empty() && std::all_of(name.begin(), name.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
  });
  if (!ok) r.Fail(path, "a shopper name of 1 to 64 letters, digits, '-' or '_', got " + Got(v));
  return name;
}

InstanceId InstanceRef(const Reader& r, const json& v, const std::string& path, const ScriptState& state) {
  const std::string expected = "an instance id from i-1 to i-" + std::to_string(state.instances_named) +
                               " (the fleet the scenario starts with)";
  if (!v.is_string()) r.Fail(path, expected + ", got " + Got(v));
  const std::optional<InstanceId> id = ParseInstanceId(v.get<std::string>());
  if (!id || id->value > state.instances_named) r.Fail(path, expected + ", got " + Got(v));
  return *id;
}

uint16_t SkuRef(const Reader& r, const json& v, const std::string& path) {
  const uint32_t count = static_cast<uint32_t>(Catalog().size());
  const std::string expected = "a product: an index from 0 to " + std::to_string(count - 1) + " or a SKU such as \"TSHIRT-BLK-M\"";
  if (v.is_string()) {
    if (const std::optional<uint16_t> sku = FindSku(v.get<std::string>())) return *sku;
    r.Fail(path, expected + ", got " + Got(v));
  }
  if (!v.is_number_integer()) r.Fail(path, expected + ", got " + Got(v));
  return static_cast<uint16_t>(r.Int(v, path, 0, count - 1));
}

std::vector<Command> ParseVerb(const Reader& r, const json& v, const std::string& path, const std::string& verb,
                               ScriptState& state) {
  // Each verb lists its keys (besides "at" and "do"); Keys() rejects anything else.
  auto keys = [&](std::initializer_list<std::string_view> allowed) {
    std::vector<std::string_view> all = {"at", "do"};
    all.insert(all.end(), allowed.begin(), allowed.end());
    for (const auto& item : v.items()) {
      if (std::find(all.begin(), all.end(), item.key()) == all.end()) {
        std::string list;
        for (std::string_view a : allowed) list += (list.empty() ? "" : ", ") + std::string(a);
        r.Fail(Key(path, item.key()), "a key of \"" + verb + "\" (" + (list.empty() ? std::string("none") : list) +
                                          "), got unknown key '" + item.key() + "'");
      }
    }
  };
  auto need = [&](std::string_view key) -> const json& {
    r.Require(v, path, key);
    return v[std::string(key)];
  };
  auto k = [&](std::string_view key) { return Key(path, key); };
  std::vector<Command> out;

  if (verb == "configure") {
    keys({"settings"});
    auto parsed = ParseConfigPatch(need("settings"), r.file(), k("settings"));
    if (!parsed.ok()) throw Rejection{parsed.error};
    out = std::move(*parsed.value);
  } else if (verb == "set_stickiness") {
    keys({"enabled", "duration"});
    SetStickiness s{r.Bool(need("enabled"), k("enabled")), 86'400};
    if (v.contains("duration")) s.duration_s = r.Duration(v["duration"], k("duration"), Sec(kMinStickinessS), Sec(kMaxStickinessS)) / kUsPerS;
    out.push_back(s);
  } else if (verb == "set_routing") {
    keys({"routing"});
    out.push_back(SetRouting{r.Enum<RoutingAlgorithm>(need("routing"), k("routing"), &ParseRoutingAlgorithm, kRoutingNames)});
  } else if (verb == "set_health_check") {
    keys({"interval", "healthy_threshold", "unhealthy_threshold"});
    HealthCheckConfig h;
    if (v.contains("interval")) h.interval_s = r.Duration(v["interval"], k("interval"), Sec(5), Sec(300)) / kUsPerS;
    if (v.contains("healthy_threshold")) h.healthy_threshold = r.U32(v["healthy_threshold"], k("healthy_threshold"), 2, 10);
    if (v.contains("unhealthy_threshold")) h.unhealthy_threshold = r.U32(v["unhealthy_threshold"], k("unhealthy_threshold"), 2, 10);
    out.push_back(SetHealthCheck{h});
  } else if (verb == "set_session_strategy") {
    keys({"strategy"});
    out.push_back(SetSessionStrategy{r.Enum<SessionStrategy>(need("strategy"), k("strategy"), &ParseSessionStrategy, kStrategyNames)});
  } else if (verb == "set_session_store") {
    keys({"store"});
    out.push_back(SetSessionStore{r.Enum<SessionStore>(need("store"), k("store"), &ParseSessionStore, kStoreNames)});
  } else if (verb == "set_cookie_signing") {
    keys({"enabled"});
    out.push_back(SetCookieSigning{r.Bool(need("enabled"), k("enabled"))});
  } else if (verb == "set_session_idle_timeout") {
    keys({"idle_timeout"});
    out.push_back(SetSessionIdleTimeout{r.Duration(need("idle_timeout"), k("idle_timeout"), Sec(60), Sec(7 * 86'400)) / kUsPerS});
  } else if (verb == "set_cache_mode") {
    keys({"mode"});
    out.push_back(SetCacheMode{r.Enum<CacheMode>(need("mode"), k("mode"), &ParseCacheMode, kCacheModeNames)});
  } else if (verb == "set_cache_invalidation") {
    keys({"invalidation"});
    out.push_back(SetCacheInvalidation{r.Enum<Invalidation>(need("invalidation"), k("invalidation"), &ParseInvalidation, kInvalidationNames)});
  } else if (verb == "set_cache_ttl") {
    keys({"ttl"});
    out.push_back(SetCacheTtl{r.Duration(need("ttl"), k("ttl"), Sec(1), Sec(7 * 86'400)) / kUsPerS});
  } else if (verb == "set_cache_multi_az") {
    keys({"enabled"});
    out.push_back(SetCacheMultiAz{r.Bool(need("enabled"), k("enabled"))});
  } else if (verb == "set_replica_count") {
    keys({"count"});
    out.push_back(SetReplicaCount{r.U32(need("count"), k("count"), 0, kMaxReadReplicas)});
  } else if (verb == "set_replica_lag") {
    keys({"lag"});
    out.push_back(SetReplicaLag{r.Duration(need("lag"), k("lag"), 0, Sec(3600)) / kUsPerMs});
  } else if (verb == "set_read_routing") {
    keys({"routing"});
    out.push_back(SetReadRouting{r.Enum<ReadRouting>(need("routing"), k("routing"), &ParseReadRouting, kReadRoutingNames)});
  } else if (verb == "set_rds_multi_az") {
    keys({"enabled"});
    out.push_back(SetRdsMultiAz{r.Bool(need("enabled"), k("enabled"))});
  } else if (verb == "set_asg_capacity") {
    keys({"min", "desired", "max"});
    SetAsgCapacity c{r.U32(need("min"), k("min"), 0, kMaxInstances), r.U32(need("desired"), k("desired"), 0, kMaxInstances),
                     r.U32(need("max"), k("max"), 0, kMaxInstances)};
    if (c.min > c.max) r.Fail(k("min"), "min <= max, got min " + std::to_string(c.min) + " and max " + std::to_string(c.max));
    if (c.desired < c.min || c.desired > c.max) {
      r.Fail(k("desired"), "desired from min to max (" + std::to_string(c.min) + " to " + std::to_string(c.max) + "), got " +
                               std::to_string(c.desired));
    }
    out.push_back(c);
  } else if (verb == "set_launch_delay") {
    keys({"launch_delay"});
    out.push_back(SetLaunchDelay{r.Duration(need("launch_delay"), k("launch_delay"), 0, Sec(3600)) / kUsPerS});
  } else if (verb == "set_target_tracking") {
    keys({"enabled", "target_cpu_pct"});
    SetTargetTracking t{r.Bool(need("enabled"), k("enabled")), AutoScalingConfig{}.target_cpu_pct};
    if (v.contains("target_cpu_pct")) t.target_cpu_pct = r.U32(v["target_cpu_pct"], k("target_cpu_pct"), 1, 100);
    out.push_back(t);
  } else if (verb == "set_sg_rule" || verb == "remove_sg_rule") {
    keys({"group", "port", "from_port", "to_port", "source"});
    const SgId group = r.Enum<SgId>(need("group"), k("group"), &ParseSgId, kSgNames);
    json rule = json::object();
    for (const char* key : {"port", "from_port", "to_port", "source"}) {
      if (v.contains(key)) rule[key] = v[key];
    }
    Config scratch;
    const SgRule parsed = ConfigParser(r, scratch, nullptr).Rules(json::array({rule}), path)[0];
    if (verb == "set_sg_rule") {
      out.push_back(SetSgRule{group, parsed});
    } else {
      out.push_back(RemoveSgRule{group, parsed});
    }
  } else if (verb == "set_sg_rules") {
    keys({"group", "rules"});
    const SgId group = r.Enum<SgId>(need("group"), k("group"), &ParseSgId, kSgNames);
    Config scratch;
    out.push_back(SetSgRules{group, ConfigParser(r, scratch, nullptr).Rules(need("rules"), k("rules"))});
  } else if (verb == "set_shopper_count") {
    keys({"count"});
    out.push_back(SetShopperCount{r.U32(need("count"), k("count"), 0, kMaxShoppers)});
  } else if (verb == "set_think_time") {
    keys({"think_time"});
    out.push_back(SetThinkTime{r.Duration(need("think_time"), k("think_time"), Ms(100), Sec(3600))});
  } else if (verb == "set_behaviour_mix") {
    keys({"mix"});
    Config scratch;
    json shoppers = json::object();
    shoppers["mix"] = need("mix");
    ConfigParser(r, scratch, nullptr).Parse(json{{"shoppers", shoppers}}, path);
    out.push_back(SetBehaviourMix{scratch.shoppers.mix});
  } else if (verb == "set_give_up_pct") {
    keys({"pct"});
    out.push_back(SetGiveUpPct{r.U32(need("pct"), k("pct"), 0, 100)});
  } else if (verb == "shopper_action") {
    keys({"shopper", "kind", "sku"});
    ShopperAction a;
    a.shopper = ShopperName(r, need("shopper"), k("shopper"));
    a.kind = r.Enum<RequestKind>(need("kind"), k("kind"), &ParseRequestKind, kKindNames);
    if (v.contains("sku")) a.sku = SkuRef(r, v["sku"], k("sku"));
    out.push_back(a);
  } else if (verb == "shopper_new_visit") {
    keys({"shopper"});
    out.push_back(ShopperNewVisit{ShopperName(r, need("shopper"), k("shopper"))});
  } else if (verb == "follow_shopper") {
    keys({"shopper", "follow"});
    FollowShopper f{ShopperId::Crowd(r.U32(need("shopper"), k("shopper"), 0, kMaxShoppers - 1)), true};
    if (v.contains("follow")) f.follow = r.Bool(v["follow"], k("follow"));
    out.push_back(f);
  } else if (verb == "tamper_cookie") {
    keys({"shopper", "kind"});
    TamperCookie t{ShopperName(r, need("shopper"), k("shopper")), TamperKind::LowerPrices};
    if (v.contains("kind")) t.kind = r.Enum<TamperKind>(v["kind"], k("kind"), &ParseTamperKind, kTamperNames);
    out.push_back(t);
  } else if (verb == "attacker_connect") {
    keys({"target", "port", "instance"});
    AttackerConnect a;
    a.target = r.Enum<AttackTarget>(need("target"), k("target"), &ParseAttackTarget, kTargetNames);
    if (v.contains("port")) a.port = static_cast<uint16_t>(r.Int(v["port"], k("port"), 1, 65535));
    if (v.contains("instance")) {
      if (a.target != AttackTarget::Instance) r.Fail(k("instance"), "no instance unless target is \"instance\"");
      a.instance = InstanceRef(r, v["instance"], k("instance"), state);
    }
    out.push_back(a);
  } else if (verb == "terminate_instance") {
    keys({"instance"});
    out.push_back(TerminateInstance{InstanceRef(r, need("instance"), k("instance"), state)});
  } else if (verb == "fail_az" || verb == "restore_az") {
    keys({"az"});
    const Az az = r.Enum<Az>(need("az"), k("az"), &ParseAz, kAzNames);
    if (verb == "fail_az") {
      out.push_back(FailAz{az});
    } else {
      out.push_back(RestoreAz{az});
    }
  } else if (verb == "fail_cache_primary") {
    keys({});
    out.push_back(FailCachePrimary{});
  } else if (verb == "restore_cache") {
    keys({});
    out.push_back(RestoreCache{});
  } else if (verb == "fail_rds_primary") {
    keys({});
    out.push_back(FailRdsPrimary{});
  } else if (verb == "restore_rds") {
    keys({});
    out.push_back(RestoreRds{});
  } else if (verb == "add_replica_lag") {
    keys({"replica", "lag", "for"});
    AddReplicaLag a;
    a.lag_ms = r.Duration(need("lag"), k("lag"), Ms(1), Sec(3600)) / kUsPerMs;
    if (state.replicas == 0) r.Fail(k("lag"), "read replicas to delay (the configuration has none at this point)");
    if (v.contains("replica")) a.replica = static_cast<int32_t>(r.Int(v["replica"], k("replica"), 0, state.replicas - 1));
    if (v.contains("for")) a.duration_s = r.Duration(v["for"], k("for"), Sec(1), Sec(86'400)) / kUsPerS;
    out.push_back(a);
  } else if (verb == "promote_read_replica") {
    keys({"replica"});
    if (state.replicas == 0) r.Fail(k("replica"), "a read replica to promote (the configuration has none at this point)");
    out.push_back(PromoteReadReplica{r.U32(need("replica"), k("replica"), 0, state.replicas - 1)});
  } else if (verb == "traffic_spike") {
    keys({"multiplier", "for"});
    const json& m = need("multiplier");
    if (!m.is_number() || m.get<double>() < 1.0 || m.get<double>() > 20.0) {
      r.Fail(k("multiplier"), "a number from 1 to 20, got " + Got(m));
    }
    // Parts of a hundred, rounded half up: the double never reaches the model.
    const uint32_t pct = static_cast<uint32_t>(m.get<double>() * 100.0 + 0.5);
    out.push_back(TrafficSpike{pct, r.Duration(need("for"), k("for"), Sec(1), Sec(86'400)) / kUsPerS});
  } else {
    r.Fail(k("do"), "a known action (see docs/scenario-format.md), got unknown action '" + verb + "'");
  }
  // Later actions may name what these settings create.
  for (const Command& c : out) {
    if (const auto* count = std::get_if<SetReplicaCount>(&c)) state.replicas = count->count;
    if (const auto* capacity = std::get_if<SetAsgCapacity>(&c)) state.instances_named = std::max(state.instances_named, capacity->desired);
  }
  return out;
}

std::vector<TimedCommand> ParseOneAction(const Reader& r, const json& v, const std::string& path, ScriptState& state) {
  if (!v.is_object()) r.Fail(path, "an action object such as {\"at\": \"30s\", \"do\": \"fail_az\", \"az\": \"b\"}, got " + Got(v));
  r.Require(v, path, "at");
  r.Require(v, path, "do");
  const TimeUs at = r.Duration(v["at"], Key(path, "at"), 0, Sec(30 * 86'400));
  const std::string verb = r.String(v["do"], Key(path, "do"), 64);
  std::vector<TimedCommand> out;
  for (Command& c : ParseVerb(r, v, path, verb, state)) out.push_back(TimedCommand{at, std::move(c)});
  return out;
}

template <class T, class F>
Parsed<T> Guard(std::string_view file, F&& body) {
  Parsed<T> out;
  try {
    out.value = body();
  } catch (const Rejection& rejection) {
    out.error = rejection.error;
  } catch (const std::exception& e) {
    out.error = ValidationError{std::string(file), "$", std::string("well-formed input (") + e.what() + ")"};
  }
  return out;
}

}  // namespace

Parsed<Config> ParseConfig(const json& v, const Config& base, std::string_view file, std::string_view path) {
  return Guard<Config>(file, [&] {
    Config config = base;
    const Reader r(file);
    ConfigParser(r, config, nullptr).Parse(v, std::string(path));
    return config;
  });
}

Parsed<std::vector<Command>> ParseConfigPatch(const json& v, std::string_view file, std::string_view path) {
  return Guard<std::vector<Command>>(file, [&] {
    Config scratch;
    std::vector<Command> commands;
    const Reader r(file);
    ConfigParser(r, scratch, &commands).Parse(v, std::string(path));
    return commands;
  });
}

Parsed<std::vector<TimedCommand>> ParseAction(const json& v, const Config& config, std::string_view file,
                                              std::string_view path) {
  return Guard<std::vector<TimedCommand>>(file, [&] {
    const Reader r(file);
    ScriptState state = StateOf(config);
    return ParseOneAction(r, v, std::string(path), state);
  });
}

// [SECTION] Scenario
Parsed<Scenario> ParseScenario(std::string_view text, std::string_view file) {
  Parsed<Scenario> out = Guard<Scenario>(file, [&] {
    const Reader r(file);
    if (text.size() > 4 * 1024 * 1024) r.Fail("$", "a file of at most 4 MiB");
    if (TooDeep(text)) r.Fail("$", "JSON nested at most " + std::to_string(kMaxDepth) + " levels deep");
    const json doc = json::parse(text.begin(), text.end(), nullptr, false);
    if (doc.is_discarded()) r.Fail("$", "valid JSON (the file does not parse)");
    r.Keys(doc, "$", {"name", "description", "seed", "duration", "config", "actions"});
    Scenario s;
    if (doc.contains("name")) s.name = r.String(doc["name"], "$.name", 200);
    if (doc.contains("description")) s.description = r.String(doc["description"], "$.description", 4000);
    if (doc.contains("seed")) {
      const json& seed = doc["seed"];
      if (!seed.is_number_unsigned() && !(seed.is_number_integer() && seed.get<int64_t>() >= 0)) {
        r.Fail("$.seed", "an integer from 0 to 18446744073709551615, got " + Got(seed));
      }
      s.config.seed = seed.get<uint64_t>();
    }
    if (doc.contains("duration")) s.duration_us = r.Duration(doc["duration"], "$.duration", Sec(1), Sec(7 * 86'400));
    if (doc.contains("config")) {
      ConfigParser(r, s.config, nullptr).Parse(doc["config"], "$.config");
    }
    if (doc.contains("actions")) {
      const json& actions = doc["actions"];
      if (!actions.is_array() || actions.size() > 10'000) r.Fail("$.actions", "an array of at most 10000 actions, got " + Got(actions));
      ScriptState state = StateOf(s.config);
      for (size_t i = 0; i < actions.size(); ++i) {
        for (TimedCommand& tc : ParseOneAction(r, actions[i], At("$.actions", i), state)) s.actions.push_back(std::move(tc));
      }
      std::stable_sort(s.actions.begin(), s.actions.end(),
                       [](const TimedCommand& a, const TimedCommand& b) { return a.at_us < b.at_us; });
    }
    return s;
  });
  return out;
}

std::optional<std::string> ReadTextFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return std::nullopt;
  std::ostringstream text;
  text << in.rdbuf();
  if (in.bad()) return std::nullopt;
  return text.str();
}

Parsed<Scenario> LoadScenarioFile(const std::string& path) {
  const std::optional<std::string> text = ReadTextFile(path);
  if (!text) {
    Parsed<Scenario> out;
    out.error = ValidationError{path, "", "a readable file (cannot open it)"};
    return out;
  }
  return ParseScenario(*text, path);
}

void RunScenario(Sim& sim, const Scenario& scenario, TimeUs duration_us) {
  size_t next = 0;
  const TimeUs end_us = std::min(duration_us, kMaxSimTimeUs);
  while (sim.now_us() < end_us) {
    while (next < scenario.actions.size() && scenario.actions[next].at_us <= sim.now_us()) {
      sim.Enqueue(scenario.actions[next++].command);
    }
    sim.Step();
  }
}

}  // namespace sim
