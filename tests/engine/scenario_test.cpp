// Scenario files and the pieces the lesson runtime reuses: validation messages (file, JSON path,
// expectation), durations, config patches, actions, the example scenarios, and inputs that must
// be rejected cleanly rather than crash.
#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <sstream>

#include "sim_helpers.h"

using namespace sim;

namespace {

std::string ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

}  // namespace

TEST_CASE("each invalid scenario fixture is rejected with the file, the JSON path and what was expected") {
  const std::map<std::string, std::string> expected = {
      {"bad-unknown-key.json",
       "$.config.rds.read_replica: expected a known key (one of multi_az, read_replicas, replica_lag, read_routing, vcpus, "
       "read_cpu_us, write_cpu_us, max_queue, failover_min, failover_max, port), got unknown key 'read_replica'"},
      {"bad-too-many-replicas.json", "$.config.rds.read_replicas: expected an integer from 0 to 15, got 16"},
      {"bad-zero-stickiness.json",
       "$.config.load_balancer.stickiness.duration: expected a duration such as \"30s\", \"10m\" or \"1h\" from 1s to 7d, "
       "got \"0s\""},
      {"bad-no-such-instance.json",
       "$.actions[1].instance: expected an instance id from i-1 to i-3 (the fleet the scenario starts with), got \"i-7\""},
      {"bad-wrong-type.json", "$.config.shoppers.count: expected an integer from 0 to 100000, got \"many\""},
      {"bad-json.json", "$: expected valid JSON (the file does not parse)"},
      {"bad-unknown-action.json",
       "$.actions[0].do: expected a known action (see docs/scenario-format.md), got unknown action 'explode'"},
      {"bad-az.json", "$.actions[0].az: expected one of \"a\", \"b\", \"c\", got \"d\""},
      {"bad-capacity.json", "$.config.auto_scaling.desired: expected desired from min to max (2 to 6), got 9"},
      {"bad-replica-index.json", "$.actions[0].replica: expected an integer from 0 to 1, got 2"},
      {"bad-action-key.json", "$.actions[0].zone: expected a key of \"fail_az\" (az), got unknown key 'zone'"},
      {"bad-sg-source.json",
       "$.config.security_groups.sg-db[0].source: expected a security group (\"sg-elb\", \"sg-web\", \"sg-cache\", "
       "\"sg-db\") or a CIDR such as \"10.0.0.0/16\", got \"sg-wbe\""},
      {"bad-negative-at.json",
       "$.actions[0].at: expected a duration such as \"30s\", \"10m\" or \"1h\" from 0s to 30d, got -5"},
      {"bad-top-level.json", "$: expected an object, got an array of 3 items"},
      {"bad-action-after-end.json", "$.actions[1].at: expected a time before the run ends (5m), got 6m"},
  };
  for (const auto& entry : expected) {
    const std::string& file = entry.first;
    const std::string& message = entry.second;
    CAPTURE(file);
    const std::string path = test::SourcePath("tests/engine/fixtures/" + file);
    const Parsed<Scenario> parsed = LoadScenarioFile(path);
    REQUIRE_FALSE(parsed.ok());
    CHECK(parsed.error.file == path);
    CHECK(parsed.error.Message() == path + ": " + message);
  }
}

TEST_CASE("a missing file is reported, not thrown") {
  const Parsed<Scenario> parsed = LoadScenarioFile("/nonexistent/scenario.json");
  REQUIRE_FALSE(parsed.ok());
  CHECK(parsed.error.Message() == "/nonexistent/scenario.json: expected a readable file (cannot open it)");
}

TEST_CASE("every example scenario loads, names a session strategy, and runs") {
  std::map<SessionStrategy, int> strategies;
  int files = 0;
  for (const auto& entry : std::filesystem::directory_iterator(test::SourcePath("scenarios"))) {
    if (entry.path().extension() != ".json") continue;
    ++files;
    CAPTURE(entry.path().string());
    const Parsed<Scenario> parsed = LoadScenarioFile(entry.path().string());
    REQUIRE_MESSAGE(parsed.ok(), parsed.error.Message());
    CHECK_FALSE(parsed.value->name.empty());
    CHECK_FALSE(parsed.value->description.empty());
    ++strategies[parsed.value->config.session.strategy];
    Sim s(parsed.value->config);
    RunScenario(s, *parsed.value, Sec(30));
    CHECK(s.totals().requests > 1000);
  }
  CHECK(files >= 4);
  CHECK(strategies[SessionStrategy::InstanceMemory] >= 1);
  CHECK(strategies[SessionStrategy::ClientCookie] >= 1);
  CHECK(strategies[SessionStrategy::ServerSession] >= 2);  // ElastiCache and DynamoDB
}

TEST_CASE("the example scenarios tell their story in numbers") {
  auto run = [](const std::string& file) {
    const Parsed<Scenario> parsed = LoadScenarioFile(test::SourcePath("scenarios/" + file));
    REQUIRE(parsed.ok());
    Sim s(parsed.value->config);
    RunScenario(s, *parsed.value, parsed.value->duration_us);
    return s.totals();
  };
  const Totals memory = run("instance-memory.json");
  CHECK(memory.carts_lost > 5000);
  CHECK(memory.angry_shoppers > 2000);
  const Totals cookie = run("client-cookie.json");
  CHECK(cookie.carts_lost == 0);
  CHECK(cookie.tamper_accepted == 1);
  CHECK(cookie.tamper_loss_cents > 20'000);
  const Totals cache = run("elasticache.json");
  // A Multi-AZ cache failover loses only what replication had not delivered: a handful.
  CHECK(cache.carts_lost <= cache.sessions_lost_to_lag);
  CHECK(cache.sessions_lost_to_lag <= 5);
  CHECK(cache.addresses_lost == 0);
  CHECK(cache.attacks_denied == 2);
  const Totals dynamo = run("dynamodb.json");
  CHECK(dynamo.carts_lost == 0);
}

TEST_CASE("durations: units, bare seconds and formatting") {
  CHECK(ParseDuration("600s") == Sec(600));
  CHECK(ParseDuration("10m") == Sec(600));
  CHECK(ParseDuration("1h") == Sec(3600));
  CHECK(ParseDuration("7d") == Sec(7 * 86'400));
  CHECK(ParseDuration("250ms") == Ms(250));
  CHECK(ParseDuration("15us") == 15);
  CHECK_FALSE(ParseDuration("10").has_value());  // a string needs a unit
  CHECK_FALSE(ParseDuration("-5s").has_value());
  CHECK_FALSE(ParseDuration("1.5s").has_value());
  CHECK_FALSE(ParseDuration("5 s").has_value());
  CHECK_FALSE(ParseDuration("99999999999999d").has_value());
  CHECK(FormatDuration(Sec(600)) == "10m");
  CHECK(FormatDuration(Sec(90)) == "90s");
  CHECK(FormatDuration(Ms(1500)) == "1500ms");
  CHECK(FormatDuration(Sec(86'400)) == "1d");
  const Parsed<Scenario> bare = ParseScenario(R"({"duration": 90})", "bare.json");
  REQUIRE(bare.ok());
  CHECK(bare.value->duration_us == Sec(90));
}

TEST_CASE("a config patch becomes setting commands, and config-only keys are refused in a patch") {
  const nlohmann::json patch = nlohmann::json::parse(R"({
    "load_balancer": {"stickiness": {"enabled": true}},
    "rds": {"read_replicas": 3, "multi_az": true},
    "security_groups": {"sg-db": [{"port": 5432, "source": "sg-web"}]}
  })");
  const Parsed<std::vector<Command>> parsed = ParseConfigPatch(patch, "lesson.json", "$.steps[0].settings");
  REQUIRE(parsed.ok());
  const std::vector<Command>& commands = *parsed.value;
  REQUIRE(commands.size() == 4);
  const auto* sticky = std::get_if<SetStickiness>(&commands[0]);
  REQUIRE(sticky != nullptr);
  CHECK(sticky->enabled);
  CHECK(sticky->duration_s == 86'400);  // the ALB default when the patch does not say
  CHECK(std::get<SetRdsMultiAz>(commands[1]).enabled);
  CHECK(std::get<SetReplicaCount>(commands[2]).count == 3);
  CHECK(std::get<SetSgRules>(commands[3]).rules.at(0).from_port == 5432);

  Config config;
  for (const Command& c : commands) CHECK(ApplyToConfig(config, c));
  CHECK(config.load_balancer.stickiness.enabled);
  CHECK(config.rds.read_replicas == 3);
  CHECK_FALSE(ApplyToConfig(config, FailAz{Az::A}));

  const Parsed<std::vector<Command>> refused =
      ParseConfigPatch(nlohmann::json::parse(R"({"instances": {"vcpus": 4}})"), "lesson.json", "$.steps[1].settings");
  REQUIRE_FALSE(refused.ok());
  CHECK(refused.error.Message() ==
        "lesson.json: $.steps[1].settings.instances: expected a setting that can change while the model runs (this key "
        "is set in config only)");
}

TEST_CASE("ParseConfig applies a partial config on top of a base") {
  Config base;
  base.shoppers.count = 42;
  const Parsed<Config> parsed = ParseConfig(nlohmann::json::parse(R"({"cache": {"read_mode": "write_through", "ttl": "2m"}})"),
                                            base, "x.json");
  REQUIRE(parsed.ok());
  CHECK(parsed.value->shoppers.count == 42);
  CHECK(parsed.value->cache.read_mode == CacheMode::WriteThrough);
  CHECK(parsed.value->cache.ttl_s == 120);
  const Parsed<Config> bad = ParseConfig(nlohmann::json::parse(R"({"cache": {"ttl": true}})"), base, "x.json");
  REQUIRE_FALSE(bad.ok());
  CHECK(bad.error.Message() ==
        "x.json: $.config.cache.ttl: expected a duration such as \"30s\", \"10m\" or \"1h\" from 1s to 7d, got true");
}

TEST_CASE("one action may be parsed alone, with names checked against a config") {
  Config config;
  config.auto_scaling.desired = 4;
  const auto ok = ParseAction(nlohmann::json::parse(R"({"at": "90s", "do": "terminate_instance", "instance": "i-4"})"),
                              config, "lesson.json", "$.steps[0].actions[2]");
  REQUIRE(ok.ok());
  REQUIRE(ok.value->size() == 1);
  CHECK(ok.value->at(0).at_us == Sec(90));
  CHECK(std::get<TerminateInstance>(ok.value->at(0).command).instance == InstanceId{4});

  const auto shopper = ParseAction(
      nlohmann::json::parse(R"({"at": "2s", "do": "shopper_action", "shopper": "alice", "kind": "add_to_cart", "sku": 0})"),
      config, "lesson.json", "$.steps[0].actions[0]");
  REQUIRE(shopper.ok());
  const auto& action = std::get<ShopperAction>(shopper.value->at(0).command);
  CHECK(action.shopper == "alice");
  CHECK(action.kind == RequestKind::AddToCart);
  CHECK(action.sku == kTshirtSku);

  const auto configure = ParseAction(
      nlohmann::json::parse(R"({"at": "1m", "do": "configure", "settings": {"cache": {"multi_az": true, "ttl": "30s"}}})"),
      config, "lesson.json", "$.a");
  REQUIRE(configure.ok());
  CHECK(configure.value->size() == 2);

  const auto spike = ParseAction(nlohmann::json::parse(R"({"at": "0s", "do": "traffic_spike", "multiplier": 2.5, "for": "2m"})"),
                                 config, "f", "$.a");
  REQUIRE(spike.ok());
  CHECK(std::get<TrafficSpike>(spike.value->at(0).command).multiplier_pct == 250);
  CHECK(std::get<TrafficSpike>(spike.value->at(0).command).duration_s == 120);
}

TEST_CASE("actions that change the fleet or replicas widen the names later actions may use") {
  const Parsed<Scenario> parsed = ParseScenario(R"({
    "actions": [
      {"at": "10s", "do": "set_replica_count", "count": 2},
      {"at": "20s", "do": "add_replica_lag", "replica": 1, "lag": "5s"},
      {"at": "30s", "do": "set_asg_capacity", "min": 2, "desired": 5, "max": 6},
      {"at": "40s", "do": "terminate_instance", "instance": "i-5"}
    ]})", "widen.json");
  REQUIRE_MESSAGE(parsed.ok(), parsed.error.Message());
  CHECK(parsed.value->actions.size() == 4);
}

TEST_CASE("actions are applied in time order whatever their order in the file") {
  const Parsed<Scenario> parsed = ParseScenario(R"({
    "actions": [
      {"at": "20s", "do": "restore_az", "az": "b"},
      {"at": "10s", "do": "fail_az", "az": "b"},
      {"at": "10s", "do": "fail_cache_primary"}
    ]})", "order.json");
  REQUIRE(parsed.ok());
  CHECK(std::holds_alternative<FailAz>(parsed.value->actions[0].command));
  CHECK(std::holds_alternative<FailCachePrimary>(parsed.value->actions[1].command));
  CHECK(std::holds_alternative<RestoreAz>(parsed.value->actions[2].command));
}

TEST_CASE("no input crashes the loader: truncations, byte flips and deep nesting are rejected cleanly") {
  const std::string golden = ReadFile(test::SourcePath("tests/engine/fixtures/golden.json"));
  REQUIRE(golden.size() > 500);
  int rejected = 0;
  for (size_t cut = 0; cut < golden.size(); cut += 7) {
    const Parsed<Scenario> parsed = ParseScenario(golden.substr(0, cut), "cut.json");
    if (!parsed.ok()) {
      ++rejected;
      CHECK(parsed.error.Message().rfind("cut.json: $", 0) == 0);
    }
  }
  CHECK(rejected > 50);
  uint64_t state = 7;
  for (int i = 0; i < 400; ++i) {
    std::string mutated = golden;
    const uint64_t r = SplitMix64(state);
    mutated[r % mutated.size()] = static_cast<char>((r >> 32) & 0x7f);
    const Parsed<Scenario> parsed = ParseScenario(mutated, "flip.json");
    CHECK((parsed.ok() || !parsed.error.Message().empty()));
  }
  const std::string deep = std::string(100'000, '[') + std::string(100'000, ']');
  const Parsed<Scenario> nested = ParseScenario(deep, "deep.json");
  REQUIRE_FALSE(nested.ok());
  CHECK(nested.error.Message() == "deep.json: $: expected JSON nested at most 32 levels deep");
  CHECK_FALSE(ParseScenario(std::string("\0\xff\xfe", 3), "binary.json").ok());
  CHECK_FALSE(ParseScenario(R"({"seed": -1})", "seed.json").ok());
  CHECK_FALSE(ParseScenario(R"({"seed": 1.5})", "seed.json").ok());
  CHECK(ParseScenario(R"({"seed": 18446744073709551615})", "seed.json").ok());
}
