// Run links (run_link.h). One Fields() overload per command lists its fields with their ranges;
// the same overload writes them (Writer) and reads and checks them (Reader), so the two directions
// cannot disagree, and a command without an overload does not compile.
//
// Index
//   [SECTION] Varints: Writer and Reader
//   [SECTION] Fields of each command, with their ranges
//   [SECTION] The stream: header and entries
#include "statelab/run_link.h"

#include <limits>
#include <utility>

#include "statelab/cart.h"
#include "statelab/config.h"
#include "statelab/crypto.h"
#include "statelab/overloaded.h"
#include "statelab/url_state.h"

namespace sim {

namespace {

// The wire kind of an entry: 0 a step change, 1 + kCommandIndex<T> a command. New commands are
// appended to the variant, so old links keep their meaning; a reorder needs a new version (the
// test pins the order).
constexpr uint64_t kStepStartedKind = 0;
constexpr int kMaxStep = 999;  // as the URL's step

// [SECTION] Varints: Writer and Reader
// Unsigned LEB128; a field with range [lo, hi] is written as value - lo, so small values are one byte.
// The forms both directions share, on their Int(value, lo, hi).
template <class Io>
class FieldForms {
 public:
  template <class T>
  void Int(T& v, Range range) {
    static_cast<Io&>(*this).Int(v, range.lo, range.hi);
  }
  template <class E>
  void Enum(E& v, int count) {
    static_cast<Io&>(*this).Int(v, 0, count - 1);
  }
};

class Writer : public FieldForms<Writer> {
 public:
  using FieldForms::Int;
  void Varint(uint64_t v) {
    for (; v >= 0x80; v >>= 7) bytes_.push_back(static_cast<uint8_t>(v | 0x80));
    bytes_.push_back(static_cast<uint8_t>(v));
  }
  template <class T>
  void Int(T& v, int64_t lo, int64_t hi) {
    (void)hi;
    Varint(static_cast<uint64_t>(static_cast<int64_t>(v)) - static_cast<uint64_t>(lo));
  }
  void U64(uint64_t& v) { Varint(v); }
  void Bool(bool& v) { Varint(v ? 1 : 0); }
  void Text(std::string& s, size_t max_bytes, bool (*valid)(std::string_view)) {
    (void)max_bytes, (void)valid;
    Varint(s.size());
    bytes_.insert(bytes_.end(), s.begin(), s.end());
  }
  void Check(bool) {}
  bool ok() const { return true; }
  const std::vector<uint8_t>& bytes() const { return bytes_; }

 private:
  std::vector<uint8_t> bytes_;
};

// Reads and checks; the first problem sticks, and every read after it yields zeros.
class Reader : public FieldForms<Reader> {
 public:
  using FieldForms::Int;
  explicit Reader(const std::vector<uint8_t>& bytes) : bytes_(bytes) {}
  uint64_t Varint() {
    uint64_t v = 0;
    for (int shift = 0; ok(); shift += 7) {
      if (pos_ >= bytes_.size()) return Fail(RunLinkProblem::Truncated);
      const uint8_t b = bytes_[pos_++];
      // The tenth byte holds bit 63 only; more is an overflow.
      if (shift == 63 && b > 1) return Fail(RunLinkProblem::OutOfRange);
      // One encoding per value: no trailing zero byte (the base64 is canonical too), so a link
      // that decodes encodes back to itself.
      if (b == 0 && shift > 0) return Fail(RunLinkProblem::OutOfRange);
      v |= uint64_t{b & 0x7Fu} << shift;
      if ((b & 0x80) == 0) return v;
    }
    return 0;
  }
  template <class T>
  void Int(T& v, int64_t lo, int64_t hi) {
    const uint64_t offset = Varint();
    if (offset > static_cast<uint64_t>(hi) - static_cast<uint64_t>(lo)) {
      Fail(RunLinkProblem::OutOfRange);
      return;
    }
    v = static_cast<T>(static_cast<int64_t>(static_cast<uint64_t>(lo) + offset));
  }
  void U64(uint64_t& v) { v = Varint(); }
  void Bool(bool& v) {
    uint8_t b = 0;
    Int(b, 0, 1);
    v = b != 0;
  }
  void Text(std::string& s, size_t max_bytes, bool (*valid)(std::string_view)) {
    size_t size = 0;
    Int(size, 0, static_cast<int64_t>(max_bytes));
    if (!ok()) return;
    if (bytes_.size() - pos_ < size) {
      Fail(RunLinkProblem::Truncated);
      return;
    }
    s.assign(bytes_.begin() + static_cast<std::ptrdiff_t>(pos_), bytes_.begin() + static_cast<std::ptrdiff_t>(pos_ + size));
    pos_ += size;
    Check(valid(s));
  }
  void Check(bool valid) {
    if (!valid) Fail(RunLinkProblem::OutOfRange);
  }
  bool ok() const { return !problem_; }
  bool at_end() const { return pos_ == bytes_.size(); }
  std::optional<RunLinkProblem> problem() const { return problem_; }
  uint64_t Fail(RunLinkProblem p) {
    if (!problem_) problem_ = p;
    return 0;
  }

 private:
  const std::vector<uint8_t>& bytes_;
  size_t pos_ = 0;
  std::optional<RunLinkProblem> problem_;
};

// [SECTION] Fields of each command, with their ranges
// The ranges are the scenario loader's (scenario_config.cpp, scenario_actions.cpp) and the model's
// limits (config.h): a link can say nothing a lesson file could not.

template <class Io>
void Fields(Io& io, InstanceId& id, int64_t lo) {
  io.Int(id.value, lo, std::numeric_limits<uint32_t>::max());
}

template <class Io>
void Fields(Io& io, SgRule& rule) {
  io.Int(rule.from_port, 0, 65535);
  io.Int(rule.to_port, 0, 65535);
  io.Check(rule.from_port <= rule.to_port);
  io.Enum(rule.source.kind, 2);
  if (rule.source.kind == SgSource::Kind::Group) {
    io.Enum(rule.source.group, kSgCount);
  } else {
    io.Int(rule.source.cidr.address, 0, std::numeric_limits<uint32_t>::max());
    io.Int(rule.source.cidr.prefix, 0, 32);
  }
}

template <class Io> void Fields(Io& io, SetStickiness& c) { io.Bool(c.enabled), io.Int(c.duration_s, kMinStickinessS, kMaxStickinessS); }
template <class Io> void Fields(Io& io, SetRouting& c) { io.Enum(c.routing, 2); }
template <class Io> void Fields(Io& io, SetHealthCheck& c) {
  io.Int(c.health_check.interval_s, kHealthCheckIntervalS);
  io.Int(c.health_check.healthy_threshold, kHealthThreshold);
  io.Int(c.health_check.unhealthy_threshold, kHealthThreshold);
}
template <class Io> void Fields(Io& io, SetSessionStrategy& c) { io.Enum(c.strategy, 3); }
template <class Io> void Fields(Io& io, SetSessionStore& c) { io.Enum(c.store, 2); }
template <class Io> void Fields(Io& io, SetCookieSigning& c) { io.Bool(c.enabled); }
template <class Io> void Fields(Io& io, SetSessionIdleTimeout& c) { io.Int(c.idle_timeout_s, kIdleTimeoutS); }
template <class Io> void Fields(Io& io, SetCacheMode& c) { io.Enum(c.mode, 3); }
template <class Io> void Fields(Io& io, SetCacheInvalidation& c) { io.Enum(c.invalidation, 2); }
template <class Io> void Fields(Io& io, SetCacheTtl& c) { io.Int(c.ttl_s, kCacheTtlS); }
template <class Io> void Fields(Io& io, SetCacheMultiAz& c) { io.Bool(c.enabled); }
template <class Io> void Fields(Io& io, SetReplicaCount& c) { io.Int(c.count, 0, kMaxReadReplicas); }
template <class Io> void Fields(Io& io, SetReplicaLag& c) { io.Int(c.lag_ms, kReplicaLagMs); }
template <class Io> void Fields(Io& io, SetReadRouting& c) { io.Enum(c.routing, 3); }
template <class Io> void Fields(Io& io, SetRdsMultiAz& c) { io.Bool(c.enabled); }
template <class Io> void Fields(Io& io, SetAsgCapacity& c) {
  io.Int(c.min, 0, kMaxInstances), io.Int(c.desired, 0, kMaxInstances), io.Int(c.max, 0, kMaxInstances);
  io.Check(c.min <= c.desired && c.desired <= c.max);
}
template <class Io> void Fields(Io& io, SetLaunchDelay& c) { io.Int(c.launch_delay_s, kLaunchDelayS); }
template <class Io> void Fields(Io& io, SetTargetTracking& c) { io.Bool(c.enabled), io.Int(c.target_cpu_pct, kTargetCpuPct); }
template <class Io> void Fields(Io& io, SetSgRule& c) { io.Enum(c.group, kSgCount), Fields(io, c.rule); }
template <class Io> void Fields(Io& io, RemoveSgRule& c) { io.Enum(c.group, kSgCount), Fields(io, c.rule); }
template <class Io> void Fields(Io& io, SetSgRules& c) {
  io.Enum(c.group, kSgCount);
  uint32_t count = static_cast<uint32_t>(c.rules.size());
  io.Int(count, 0, kMaxSgRules);
  if (!io.ok()) return;
  c.rules.resize(count);
  for (SgRule& rule : c.rules) Fields(io, rule);
}
template <class Io> void Fields(Io& io, SetShopperCount& c) { io.Int(c.count, 0, kMaxShoppers); }
template <class Io> void Fields(Io& io, SetThinkTime& c) { io.Int(c.think_time_us, kThinkTimeUs); }
template <class Io> void Fields(Io& io, SetBehaviourMix& c) {
  for (uint32_t* w : {&c.mix.browse, &c.mix.add_to_cart, &c.mix.view_cart, &c.mix.update_address, &c.mix.checkout}) {
    io.Int(*w, kMixWeight);
  }
  io.Check(c.mix.Total() > 0);
}
template <class Io> void Fields(Io& io, SetGiveUpPct& c) { io.Int(c.pct, 0, 100); }
template <class Io> void Fields(Io& io, ShopperAction& c) {
  io.Text(c.shopper, kMaxShopperNameBytes, &IsShopperName);
  io.Enum(c.kind, kRequestKindCount);
  io.Int(c.sku, 0, static_cast<int64_t>(Catalog().size()) - 1);
}
template <class Io> void Fields(Io& io, ShopperNewVisit& c) { io.Text(c.shopper, kMaxShopperNameBytes, &IsShopperName); }
template <class Io> void Fields(Io& io, FollowShopper& c) {
  io.Int(c.shopper.value, 0, std::numeric_limits<uint32_t>::max());
  io.Check(c.shopper.valid() && c.shopper.index() < kMaxShoppers);
  io.Bool(c.follow);
}
template <class Io> void Fields(Io& io, TamperCookie& c) {
  io.Text(c.shopper, kMaxShopperNameBytes, &IsShopperName);
  io.Enum(c.kind, 3);
}
template <class Io> void Fields(Io& io, AttackerConnect& c) {
  io.Enum(c.target, 4), io.Int(c.port, 0, 65535), Fields(io, c.instance, 0);
  io.Check(!c.instance.valid() || c.target == AttackTarget::Instance);
}
template <class Io> void Fields(Io& io, TerminateInstance& c) { Fields(io, c.instance, 1); }
template <class Io> void Fields(Io& io, FailAz& c) { io.Enum(c.az, kAzCount); }
template <class Io> void Fields(Io& io, RestoreAz& c) { io.Enum(c.az, kAzCount); }
template <class Io> void Fields(Io&, FailCachePrimary&) {}
template <class Io> void Fields(Io&, RestoreCache&) {}
template <class Io> void Fields(Io&, FailRdsPrimary&) {}
template <class Io> void Fields(Io&, RestoreRds&) {}
template <class Io> void Fields(Io& io, AddReplicaLag& c) {
  // duration 0: until replaced (the model's default; a file always gives "for")
  io.Int(c.replica, -1, kMaxReadReplicas - 1), io.Int(c.lag_ms, kExtraReplicaLagMs), io.Int(c.duration_s, 0, kFaultForS.hi);
}
template <class Io> void Fields(Io& io, PromoteReadReplica& c) { io.Int(c.replica, 0, kMaxReadReplicas - 1); }
template <class Io> void Fields(Io& io, TrafficSpike& c) { io.Int(c.multiplier_pct, kSpikePct), io.Int(c.duration_s, kFaultForS); }

template <class Io>
void Fields(Io& io, Command& command) {
  std::visit([&io](auto& c) { Fields(io, c); }, command);
}

// A default command of alternative `index` (< kCommandCount), for the reader to fill.
template <size_t... I>
Command DefaultCommand(size_t index, std::index_sequence<I...>) {
  static constexpr Command (*kMake[])() = {[] { return Command{std::in_place_index<I>}; }...};
  return kMake[index]();
}

// [SECTION] The stream: header and entries
// Version 2 added the source after the version, for a scenario's run; a lesson's run is still
// written as version 1 (which builds that read only version 1 open too), so a version 2 link
// naming a lesson is not canonical and is refused.
uint8_t VersionFor(RunSource source) { return source == RunSource::Lesson ? 1 : 2; }

template <class Io>
void Header(Io& io, SharedRun& run, uint8_t version) {
  if (version >= 2) {
    io.Enum(run.log.source, 2);
    io.Check(VersionFor(run.log.source) == version);
  }
  io.Text(run.log.lesson, 64, &IsLessonId);
  io.Int(run.log.start_step, 0, kMaxStep);
  io.U64(run.log.seed);
  io.Int(run.until_tick, 0, kRunLinkMaxTicks);
}

void WriteEntry(Writer& w, const RunLogEntry& entry, int64_t previous_tick) {
  int64_t delta = entry.tick - previous_tick;
  w.Int(delta, 0, kRunLinkMaxTicks);
  std::visit(Overloaded{[&](const Command& c) {
                          w.Varint(kStepStartedKind + 1 + CommandIndex(c));
                          Command copy = c;  // Fields takes a mutable reference for the reader
                          Fields(w, copy);
                        },
                        [&](const StepStarted& s) {
                          int step = s.step;
                          w.Varint(kStepStartedKind);
                          w.Int(step, 0, kMaxStep);
                        }},
             entry.what);
}

// The next entry, its tick at least previous_tick and at most until_tick.
RunLogEntry ReadEntry(Reader& r, int64_t previous_tick, int64_t until_tick) {
  int64_t delta = 0;
  r.Int(delta, 0, until_tick - previous_tick);
  RunLogEntry entry{previous_tick + delta, StepStarted{}};
  uint64_t kind = 0;
  r.Int(kind, 0, kCommandCount);
  if (!r.ok()) return entry;
  if (kind == kStepStartedKind) {
    r.Int(std::get<StepStarted>(entry.what).step, 0, kMaxStep);
    return entry;
  }
  Command command = DefaultCommand(kind - 1, std::make_index_sequence<std::variant_size_v<Command>>());
  Fields(r, command);
  entry.what = std::move(command);
  return entry;
}

SharedRun ReadRun(Reader& r) {
  SharedRun run;
  uint8_t version = 0;
  r.Int(version, 0, 255);
  if (version > kRunLinkVersion) r.Fail(RunLinkProblem::NewerVersion);
  r.Check(version != 0);
  Header(r, run, version);
  size_t count = 0;
  r.Int(count, 0, kRunLinkMaxEntries);
  int64_t tick = 0;
  for (size_t i = 0; i < count && r.ok(); ++i) {
    run.log.entries.push_back(ReadEntry(r, tick, run.until_tick));
    tick = run.log.entries.back().tick;
  }
  if (r.ok() && !r.at_end()) r.Fail(RunLinkProblem::TrailingBytes);
  return run;
}

}  // namespace

std::string_view Describe(RunLinkProblem problem) {
  switch (problem) {
    case RunLinkProblem::TooLong: return "the run link is longer than 8000 characters";
    case RunLinkProblem::BadBase64: return "the run link is not base64url";
    case RunLinkProblem::Truncated: return "the run link is cut short";
    case RunLinkProblem::NewerVersion: return "the run link was made by a newer version";
    case RunLinkProblem::OutOfRange: return "the run link holds a value out of range";
    case RunLinkProblem::TrailingBytes: return "the run link has bytes after its last entry";
  }
  return "?";
}

std::string EncodeRunLink(const RunLog& log, int64_t until_tick) {
  Writer w;
  const uint8_t version = VersionFor(log.source);
  w.Varint(version);
  SharedRun head{RunLog{log.lesson, log.start_step, log.seed, {}, log.source}, until_tick};
  Header(w, head, version);
  w.Varint(log.entries.size());
  int64_t tick = 0;
  for (const RunLogEntry& entry : log.entries) {
    WriteEntry(w, entry, tick);
    tick = entry.tick;
  }
  return Base64UrlEncode(w.bytes());
}

RunLinkResult DecodeRunLink(std::string_view text) noexcept {
  static_assert(kRunLinkMaxChars == 8000, "Describe(TooLong) and the app's strings say 8000");
  try {
    if (text.size() > kRunLinkMaxChars) return {std::nullopt, RunLinkProblem::TooLong};
    const std::optional<std::vector<uint8_t>> bytes = Base64UrlDecode(text);
    if (!bytes) return {std::nullopt, RunLinkProblem::BadBase64};
    Reader r(*bytes);
    SharedRun run = ReadRun(r);
    if (r.problem()) return {std::nullopt, *r.problem()};
    return {std::move(run), RunLinkProblem::Truncated};
  } catch (...) {  // only allocation can throw here; the text's size is capped
    return {std::nullopt, RunLinkProblem::TooLong};
  }
}

}  // namespace sim
