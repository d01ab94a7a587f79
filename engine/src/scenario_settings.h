// The scenario schema's shared pieces, internal to the engine: the name lists of its enums, and
// one row per setting a running model can change, with the reader that knows the setting's type,
// range and defaults. The config parser (scenario_config.cpp: `config` and its patch form) and the
// action parser (scenario_actions.cpp: `set_*` verbs) both read settings through these rows, so
// each range is written once.
#pragma once

#include <array>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "json_read.h"
#include "statelab/commands.h"
#include "statelab/config.h"
#include "statelab/scenario.h"

namespace sim {

inline constexpr std::array<std::string_view, 5> kKindNames = {"browse", "add_to_cart", "view_cart", "update_address", "checkout"};
inline constexpr std::array<std::string_view, 3> kAzNames = {"a", "b", "c"};
inline constexpr std::array<std::string_view, 4> kSgNames = {"sg-elb", "sg-web", "sg-cache", "sg-db"};

// One runtime setting. In `config` it is <group>.<key> (a value, or an object of `fields`; with
// no key, `fields` sit in the group object itself). As an action it is {"do": verb, action_key:
// value}, or, with no action_key, the fields beside "at" and "do", `required` among them.
struct Setting {
  std::string_view group;
  std::string_view key;
  uint32_t command;  // its command (kCommandIndex<SetCacheTtl>); the verb is CommandNameAt(command)
  std::string_view action_key;
  Names fields;
  Names required;
  // Reads v (the value, or the object holding the fields) onto base: fields left out keep base's.
  Command (*read)(const JsonReader& r, const json& v, const std::string& path, const Config& base);
};

// In config order, which is also the order a patch emits its commands.
std::span<const Setting> Settings();
const Setting* FindSetting(uint32_t command);

// Security group rules: {"port" | "from_port"/"to_port", "source"}. RuleFields reads them from
// any object (an action holds them beside "group"); Rules reads an array of rule objects.
SgRule RuleFields(const JsonReader& r, const json& v, const std::string& path);
std::vector<SgRule> Rules(const JsonReader& r, const json& v, const std::string& path);

// An array of at most 10000 actions (a scenario's, a lesson step's), each applied by last_us
// (else "expected a time <window>, got ..."), names checked against the configuration reached so
// far; sorted by time, stable.
std::vector<TimedCommand> ReadActions(const JsonReader& r, const json& v, const std::string& path, const Config& config,
                                      TimeUs last_us, std::string_view window);

}  // namespace sim
