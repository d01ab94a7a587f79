// The learner's controls: every knob (a setting) and fault (a failure or an action) a lesson step
// can offer. Each is an enum with one name table (its name in the lesson format); the lesson
// loader turns names into these once, and the app's drawers are a switch over them (app/ui/
// knobs.cpp), so a control without a drawer does not compile.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string_view>
#include <variant>

#include "statelab/commands.h"

namespace sim {

enum class Knob : uint8_t {
  Stickiness, Routing, SessionStrategy, SessionStore, CookieSigning, CacheMode, CacheTtl,
  CacheInvalidation, CacheMultiAz, ReplicaCount, ReplicaLag, ReadRouting, RdsMultiAz,
  SecurityGroups, AsgCapacity, TargetTracking, Shoppers,
};
inline constexpr size_t kKnobCount = static_cast<size_t>(Knob::Shoppers) + 1;

enum class Fault : uint8_t {
  TerminateInstance, FailAz, RestoreAz, FailCachePrimary, RestoreCache, FailRdsPrimary, RestoreRds,
  ReplicaLag, TrafficSpike, Attacker, TamperCookie, Shopper,
};
inline constexpr size_t kFaultCount = static_cast<size_t>(Fault::Shopper) + 1;

using Control = std::variant<Knob, Fault>;

// Names in the lesson format ("stickiness", "fail_az", ...).
std::string_view Name(Knob knob);
std::string_view Name(Fault fault);
std::optional<Knob> KnobNamed(std::string_view name);
std::optional<Fault> FaultNamed(std::string_view name);
// Every knob and fault, in the order the app lists them.
const std::array<Knob, kKnobCount>& AllKnobs();
const std::array<Fault, kFaultCount>& AllFaults();

// What the learner may touch in a step.
struct StepControls {
  uint32_t knobs = 0;   // bit i: Knob(i)
  uint32_t faults = 0;  // bit i: Fault(i)
  bool all = false;     // the sandbox: every knob and fault
  bool Has(Knob k) const { return all || (knobs >> static_cast<unsigned>(k) & 1u) != 0; }
  bool Has(Fault f) const { return all || (faults >> static_cast<unsigned>(f) & 1u) != 0; }
  bool Has(const Control& c) const;
  void Add(Knob k) { knobs |= 1u << static_cast<unsigned>(k); }
  void Add(Fault f) { faults |= 1u << static_cast<unsigned>(f); }
  bool AnyKnob() const { return all || knobs != 0; }
  bool AnyFault() const { return all || faults != 0; }
};
static_assert(kKnobCount <= 32 && kFaultCount <= 32, "StepControls keeps one bit per control");

// The control through which a learner issues `command`; none for commands no control offers
// (health checks, think time, ...).
std::optional<Control> ControlOf(const Command& command);
std::string_view Name(const Control& control);

}  // namespace sim
