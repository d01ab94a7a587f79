// The Sim's driving loop: construction, the fixed step, command dispatch, per-second metrics, and
// the read-outs the UI uses. The components live in their own files: shoppers.cpp, request.cpp
// (the per-request hot path), lb_asg.cpp and data.cpp.
//
// Index
//   [SECTION] Construction
//   [SECTION] Stepping
//   [SECTION] Commands
//   [SECTION] Metrics
//   [SECTION] Read-outs
#include "statelab/overloaded.h"
#include "statelab/sim.h"
#include "statelab/crypto.h"

#include <algorithm>
#include <cstddef>

#include "touch.h"

namespace sim {

namespace {

constexpr size_t kWriteLogCapacity = 65'536;


// What every request touches of a crowd shopper: two cache lines, as ShopperState's comment says.
static_assert(sizeof(ShopperState) == 128 && alignof(ShopperState) == 64);

uint16_t ClampBp(uint64_t bp) { return static_cast<uint16_t>(std::min<uint64_t>(bp, 10'000)); }

}  // namespace

// [SECTION] Construction
Sim::Sim(const Config& config)
    : config_(config),
      rng_(config.seed),
      traces_(std::max<uint32_t>(1, config.trace.ring_capacity)),
      events_(std::max<uint32_t>(1, config.trace.event_capacity)),
      series_(std::max<uint32_t>(1, config.trace.series_capacity_s)) {
  // The signing key: HMAC-SHA256 keyed by the run's secret (never in a link) over the seed (in
  // every link). Knowing the seed gives nothing without the secret, and a key does not lead back
  // to the secret; the same in every build so signed cookies are reproducible.
  {
    std::array<uint8_t, 8> secret{}, seed{};
    for (size_t b = 0; b < 8; ++b) {
      secret[b] = static_cast<uint8_t>(config.cookie_secret >> (8 * b));
      seed[b] = static_cast<uint8_t>(config.seed >> (8 * b));
    }
    cookie_key_ = HmacSha256(secret, seed);
  }
  for (int az = 0; az < kAzCount; ++az) {
    az_up_[az] = true;
    LbNode& node = lb_nodes_[az];
    node.az = AzAt(az);
    node.enabled = config_.azs[az];
    node.in_dns = node.enabled;
    node.next_dns_check_us = Sec(config_.route53.health_check_interval_s);
  }
  users_.resize(std::max<uint32_t>(1, config_.shoppers.users));
  write_log_.resize(kWriteLogCapacity);
  wheel_.resize(kWheelTicks);
  asg_.min = config_.auto_scaling.min;
  asg_.desired = config_.auto_scaling.desired;
  asg_.max = config_.auto_scaling.max;
  asg_.next_tracking_eval_us = Sec(60);
  SetupCache();
  cache_io_node_ = FindCacheIoNode();
  SetupRds();
  RefreshVerdicts();
  // The initial fleet starts in service so a run begins in steady state.
  for (uint32_t i = 0; i < asg_.desired; ++i) {
    const int az = ChooseLaunchAz();
    if (az < 0) break;
    Instance& instance = *MutableInstance(Launch(AzAt(az)));
    instance.state = InstanceState::InService;
    instance.registered = true;
    instance.lb_healthy = true;
    instance.hc_passes = static_cast<uint8_t>(config_.load_balancer.health_check.healthy_threshold);
    instance.in_service_us = 0;
    instance.next_health_check_us = Sec(config_.load_balancer.health_check.interval_s);
    Emit(InstanceInService{instance.id});
  }
  RebuildTargets();
  ResizeCrowd();
}

// [SECTION] Stepping
void Sim::Enqueue(Command command) { pending_.push_back(std::move(command)); }

bool Sim::TerminationPending(InstanceId id) const {
  return std::any_of(pending_.begin(), pending_.end(), [&](const Command& c) {
    const auto* t = std::get_if<TerminateInstance>(&c);
    return t != nullptr && t->instance == id;
  });
}

Config Sim::PendingConfig() const {
  Config c = config_;
  for (const Command& command : pending_) ApplyToConfig(c, command);
  return c;
}

void Sim::Step() {
  if (now_us_ >= kMaxSimTimeUs) return;
  if (!pending_.empty()) {
    applying_.swap(pending_);
    for (const Command& command : applying_) ApplyCommand(command);
    applying_.clear();
  }
  RunPeriodic();
  // The cache only changes state between ticks (commands, failovers), never inside a request.
  cache_io_node_ = FindCacheIoNode();
  const TimeUs end_us = now_us_ + kTickUs;
  CollectDue(end_us);
  constexpr Arrival kSlotMask = (Arrival{1} << kSlotBits) - 1;
  for (size_t i = 0; i < due_.size(); ++i) {
    const Arrival arrival = due_[i];
    // Shoppers and user rows are cache misses: fetch the two lines every request touches of the
    // shopper two arrivals ahead, and the user row of the next one (whose shopper was fetched
    // last time round) while this one runs. The carts are left alone: most requests never open them.
    if (i + 2 < due_.size()) {
      const char* hot = reinterpret_cast<const char*>(&crowd_[static_cast<size_t>(due_[i + 2] & kSlotMask)]);
      Touch(hot, prefetch_sink_);
      Touch(hot + 64, prefetch_sink_);
    }
    if (i + 1 < due_.size()) {
      Touch(&users_[crowd_[static_cast<size_t>(due_[i + 1] & kSlotMask)].user], prefetch_sink_);
    }
    now_us_ = std::max<TimeUs>(now_us_, static_cast<TimeUs>(arrival >> kSlotBits));
    OnArrival(static_cast<uint32_t>(arrival & kSlotMask));
  }
  now_us_ = end_us;
  if (now_us_ % kUsPerS == 0) CloseSecond();
}

void Sim::RunFor(TimeUs duration_us) { RunUntil(now_us_ + duration_us); }

void Sim::RunUntil(TimeUs time_us) {
  const TimeUs end_us = std::min(time_us, kMaxSimTimeUs);
  while (now_us_ < end_us) Step();
}

void Sim::RunPeriodic() {
  RunSpike();
  RunCacheFailover();
  RunRdsFailover();
  RunReplicaLagExpiry();
  RunDnsChecks();
  RunHealthChecks();
  if (now_us_ % kUsPerS == 0) {
    RunAutoScaling();
    if (config_.auto_scaling.target_tracking) RunTargetTracking();
  }
}

void Sim::Emit(const Event& event) {
  events_.Push(EventRecord{now_us_, event});
  ++event_counts_[event.index()];
  FoldHash((static_cast<uint64_t>(now_us_) << 8) ^ event.index());
}

void Sim::Reject(const Command& command, RejectReason reason) {
  Emit(CommandRejected{CommandIndex(command), reason});
}

// [SECTION] Commands
void Sim::ApplyCommand(const Command& command) {
  FoldHash(0xC0000000ull | CommandIndex(command));
  cache_io_node_ = FindCacheIoNode();  // an earlier command in this tick may have changed it
  if (IsSetting(command)) {
    const Config before = config_;
    ApplyToConfig(config_, command);
    ApplySetting(command, before);
    Emit(SettingChanged{CommandIndex(command)});
    return;
  }
  std::visit(
      Overloaded{
          [&](const ShopperAction& a) {
            Shopper& shopper = ScriptedShopper(a.shopper);
            const uint16_t sku = a.sku < Catalog().size() ? a.sku : kTshirtSku;
            ServeRequest(Ref(shopper), a.kind, sku);
          },
          [&](const ShopperNewVisit& a) { StartVisit(Ref(ScriptedShopper(a.shopper))); },
          [&](const FollowShopper& a) {
            if (ShopperState* s = MutableShopperState(a.shopper)) {
              s->followed = a.follow || s->id.scripted();
            } else {
              Reject(command, RejectReason::NoSuchShopper);
            }
          },
          [&](const TamperCookie& a) { Tamper(a); },
          [&](const AttackerConnect& a) { Attack(a); },
          [&](const TerminateInstance& a) {
            Instance* instance = MutableInstance(a.instance);
            if (instance == nullptr || instance->state == InstanceState::Terminated) {
              Reject(command, RejectReason::NoRunningInstance);
              return;
            }
            Terminate(*instance, TerminationCause::Command);
          },
          [&](const FailAz& a) { FailZone(a.az); },
          [&](const RestoreAz& a) { RestoreZone(a.az); },
          [&](const FailCachePrimary&) {
            const int primary = cache_.primary_index();
            if (primary < 0) {
              Reject(command, RejectReason::NoCachePrimary);
              return;
            }
            FailCacheNode(primary);
          },
          [&](const RestoreCache&) { RestoreCacheNodes(-1); },
          [&](const FailRdsPrimary&) {
            if (rds_.primary < 0 || !rds_.nodes[static_cast<size_t>(rds_.primary)].up) {
              Reject(command, RejectReason::RdsAlreadyDown);
              return;
            }
            FailRdsNode(rds_.primary);
          },
          [&](const RestoreRds&) { RestoreRdsNodes(-1); },
          [&](const AddReplicaLag& a) { AddLag(a); },
          [&](const PromoteReadReplica& a) { PromoteReplica(a.replica); },
          [&](const TrafficSpike& a) {
            spike_extra_ = static_cast<uint32_t>(
                std::min<uint64_t>(uint64_t{config_.shoppers.count} *
                                       (a.multiplier_pct > 100 ? a.multiplier_pct - 100 : 0) / 100,
                                   kMaxShoppers));
            spike_until_us_ = now_us_ + Sec(a.duration_s);
            ResizeCrowd();
            Emit(TrafficSpikeStarted{a.multiplier_pct, spike_extra_});
          },
          [](const auto&) {},
      },
      command);
}

void Sim::ApplySetting(const Command& command, const Config& before) {
  std::visit(
      Overloaded{
          [&](const SetSessionStrategy&) { MigrateSessions(before); },
          [&](const SetSessionStore&) { MigrateSessions(before); },
          [&](const SetCacheMultiAz& c) { SetCacheReplica(c.enabled); },
          [&](const SetReplicaCount&) {
            ResizeReplicas();
            RebuildReadNodes();
          },
          [&](const SetReadRouting&) { RebuildReadNodes(); },
          [&](const SetRdsMultiAz& c) { SetRdsStandby(c.enabled); },
          [&](const SetAsgCapacity& c) {
            asg_.min = c.min;
            asg_.max = c.max;
            if (asg_.desired != c.desired) {
              Emit(DesiredCapacityChanged{asg_.desired, c.desired, ScalingCause::Command});
            }
            asg_.desired = c.desired;
          },
          [&](const SetSgRule&) { RefreshVerdicts(); },
          [&](const RemoveSgRule&) { RefreshVerdicts(); },
          [&](const SetSgRules&) { RefreshVerdicts(); },
          [&](const SetShopperCount&) { ResizeCrowd(); },
          [&](const SetCacheMode&) {},
          [](const auto&) {},
      },
      command);
}

// [SECTION] Metrics
void Sim::CloseSecond() {
  SecondSample s;
  s.end_us = now_us_;
  const Totals& t = totals_;
  const Totals& b = second_start_;
  s.requests = static_cast<uint32_t>(t.requests - b.requests);
  for (int o = static_cast<int>(kFirstErrorOutcome); o < kOutcomeCount; ++o) {
    s.errors += static_cast<uint32_t>(t.by_outcome[o] - b.by_outcome[o]);
  }
  s.carts_lost = static_cast<uint32_t>(t.carts_lost - b.carts_lost);
  s.angry_shoppers = static_cast<uint32_t>(t.angry_shoppers - b.angry_shoppers);
  s.stale_reads = static_cast<uint32_t>(t.stale_reads - b.stale_reads);
  s.cache_hits = static_cast<uint32_t>(t.cache_hits - b.cache_hits);
  s.cache_misses = static_cast<uint32_t>(t.cache_misses - b.cache_misses);
  s.p50_us = static_cast<uint32_t>(second_latency_.Percentile(500));
  s.p95_us = static_cast<uint32_t>(second_latency_.Percentile(950));
  s.p99_us = static_cast<uint32_t>(second_latency_.Percentile(990));
  if (s.requests > 0) {
    s.mean_request_bytes = static_cast<uint32_t>((t.request_bytes_sum - b.request_bytes_sum) / s.requests);
    s.mean_cookie_bytes = static_cast<uint32_t>((t.cookie_bytes_sum - b.cookie_bytes_sum) / s.requests);
  }
  s.revenue_lost_cents = t.revenue_lost_cents;
  s.max_cart_cookie_bytes = t.second_max_cart_cookie_bytes;
  if (t.session_store_ops > b.session_store_ops) {
    s.session_store_us_mean = static_cast<uint32_t>((t.session_store_us_sum - b.session_store_us_sum) /
                                                    (t.session_store_ops - b.session_store_ops));
  }

  const uint64_t instance_capacity = uint64_t{std::max<uint32_t>(1, config_.instances.vcpus)} * kUsPerS;
  uint64_t cpu_sum = 0;
  uint32_t running = 0;  // billed while launched and not terminated
  for (uint32_t index : live_) {
    Instance& in = instances_[index];
    running += in.state != InstanceState::Terminated;
    in.cpu_bp = ClampBp(in.busy_us_this_second * 10'000 / instance_capacity);
    in.busy_us_this_second = 0;
    if (in.state == InstanceState::Pending || in.state == InstanceState::InService) {
      ++s.instances_per_az[AzIndex(in.az)];
    }
    if (in.state == InstanceState::InService) {
      ++s.instances_in_service;
      cpu_sum += in.cpu_bp;
      s.instance_cpu_bp_min = s.instances_in_service == 1
                                  ? static_cast<uint16_t>(in.cpu_bp)
                                  : std::min<uint16_t>(s.instance_cpu_bp_min, static_cast<uint16_t>(in.cpu_bp));
      s.instance_cpu_bp_max = std::max<uint16_t>(s.instance_cpu_bp_max, static_cast<uint16_t>(in.cpu_bp));
    }
  }
  if (s.instances_in_service > 0) s.instance_cpu_bp_avg = static_cast<uint16_t>(cpu_sum / s.instances_in_service);
  asg_.cpu_bp_sum += s.instance_cpu_bp_avg;
  ++asg_.cpu_samples;

  const uint64_t db_capacity = uint64_t{std::max<uint32_t>(1, config_.rds.vcpus)} * kUsPerS;
  for (int i = 0; i < kMaxDbNodes; ++i) {
    RdsNode& node = rds_.nodes[static_cast<size_t>(i)];
    node.cpu_bp = ClampBp(node.busy_us_this_second * 10'000 / db_capacity);
    node.busy_us_this_second = 0;
    s.db_cpu_bp[static_cast<size_t>(i)] = static_cast<uint16_t>(node.cpu_bp);
    const int64_t lag = rds_.LagMs(i, config_.rds.replica_lag_ms, now_us_);
    if (lag >= 0 && node.up) s.replica_lag_ms_max = std::max<int32_t>(s.replica_lag_ms_max, static_cast<int32_t>(lag));
  }
  // The budget's measure: every DB instance counts, the standby and each replica included.
  const uint32_t db_instances = 1u + (config_.rds.multi_az ? 1u : 0u) + config_.rds.read_replicas;
  totals_.vcpu_seconds += uint64_t{running} * config_.instances.vcpus + uint64_t{db_instances} * config_.rds.vcpus;
  if (rds_.primary >= 0) s.db_primary_cpu_bp = s.db_cpu_bp[static_cast<size_t>(rds_.primary)];
  s.shoppers_active = active_crowd_;
  series_.Push(s);
  totals_.second_max_cart_cookie_bytes = 0;
  second_start_ = totals_;
  second_latency_.Clear();
  if (now_us_ % Sec(60) == 0) AgeOrphans();
}

void Sim::AgeOrphans() {
  // Orphaned sessions are counted per minute and expire idle_timeout later.
  const int64_t minute = now_us_ / Sec(60);
  const int64_t timeout_min = std::clamp<int64_t>((config_.session.idle_timeout_s + 59) / 60, 1, kOrphanBuckets - 1);
  if (minute < timeout_min) return;
  const size_t expiring = static_cast<size_t>((minute - timeout_min) % kOrphanBuckets);
  for (uint32_t index : live_) {
    Instance& in = instances_[index];
    in.orphaned_sessions -= std::min(in.orphaned_sessions, in.orphans_by_minute[expiring]);
    in.orphans_by_minute[expiring] = 0;
  }
}

// [SECTION] Read-outs
const Instance* Sim::FindInstance(InstanceId id) const {
  if (!id.valid() || id.value > instances_.size()) return nullptr;
  return &instances_[id.value - 1];
}

Instance* Sim::MutableInstance(InstanceId id) {
  if (!id.valid() || id.value > instances_.size()) return nullptr;
  return &instances_[id.value - 1];
}

void Sim::AssembleCrowdShopper(uint32_t slot, Shopper& out) const {
  static_cast<ShopperState&>(out) = crowd_[slot];
  out.expected = crowd_carts_[slot].expected;
  out.stored = crowd_carts_[slot].stored;
  out.name.clear();
  out.edited_cart_cookie.clear();
}

std::span<const Shopper> Sim::crowd() const {
  crowd_view_.resize(crowd_.size());
  for (uint32_t slot = 0; slot < crowd_.size(); ++slot) AssembleCrowdShopper(slot, crowd_view_[slot]);
  return crowd_view_;
}

const Shopper* Sim::FindShopper(ShopperId id) const {
  if (!id.valid()) return nullptr;
  if (id.scripted()) return id.index() < scripted_.size() ? &scripted_[id.index()] : nullptr;
  if (id.index() >= crowd_.size()) return nullptr;
  Shopper& found = crowd_found_[id.index()];
  AssembleCrowdShopper(id.index(), found);
  return &found;
}

ShopperState* Sim::MutableShopperState(ShopperId id) {
  if (!id.valid()) return nullptr;
  if (id.scripted()) return id.index() < scripted_.size() ? &scripted_[id.index()] : nullptr;
  return id.index() < crowd_.size() ? &crowd_[id.index()] : nullptr;
}

const Shopper* Sim::FindShopper(std::string_view name) const {
  for (const Shopper& s : scripted_) {
    if (s.name == name) return &s;
  }
  return nullptr;
}

uint32_t Sim::user_version(uint32_t user) const {
  return user < users_.size() ? users_[user].version : 0;
}

int64_t Sim::replica_lag_ms(int node) const {
  return rds_.LagMs(node, config_.rds.replica_lag_ms, now_us_);
}

CookieJarView Sim::CookieJarOf(const Shopper& shopper) const {
  CookieJarView view;
  uint32_t count = 0;
  if (shopper.jar.has_awsalb) {
    view.awsalb_bytes = kAwsalbCookieBytes;
    ++count;
  }
  if (shopper.jar.session_id != 0) {
    view.session_bytes = kSessionCookieBytes;
    ++count;
  }
  if (shopper.jar.has_cart_cookie) {
    view.cart_bytes = shopper.jar.cart_cookie_bytes;
    ++count;
  }
  view.total_bytes = view.awsalb_bytes + view.session_bytes + view.cart_bytes + (count > 1 ? 2 * (count - 1) : 0);
  return view;
}

std::string Sim::CookieHeader(const Shopper& shopper) const {
  std::string header;
  auto append = [&](const std::string& cookie) {
    if (!header.empty()) header += "; ";
    header += cookie;
  };
  if (shopper.jar.has_awsalb) {
    // The real AWSALB value is opaque; this stands in with the right length.
    const std::string value = Base64UrlEncode(Sha256Of("awsalb:" + FormatInstanceId(shopper.jar.awsalb_target)));
    std::string padded;
    while (padded.size() < kAwsalbCookieBytes - 7) padded += value;
    append("AWSALB=" + padded.substr(0, kAwsalbCookieBytes - 7));
  }
  if (shopper.jar.session_id != 0) {
    const std::string digest = ToHex(Sha256Of("session:" + std::to_string(shopper.jar.session_id)));
    append("SESSIONID=" + digest.substr(0, kSessionCookieBytes - 10));
  }
  if (shopper.jar.has_cart_cookie) {
    const std::string value =
        !shopper.edited_cart_cookie.empty()
            ? shopper.edited_cart_cookie
            : EncodeCartCookieValue(shopper.stored, shopper.jar.cart_signed ? &cookie_key_ : nullptr);
    append(std::string(kCartCookieName) + "=" + value);
  }
  return header;
}

uint32_t Sim::SessionKeysInCache() const {
  uint32_t count = 0;
  auto visit = [&](const ShopperState& s) {
    count += s.session.home == SessionHome::Cache && s.session.cache_epoch == cache_.data_epoch &&
             s.session.expires_us > now_us_;
  };
  for (const ShopperState& s : crowd_) visit(s);
  for (const Shopper& s : scripted_) visit(s);
  return count;
}

uint32_t Sim::UserKeysInCache() const {
  uint32_t count = 0;
  for (const UserRow& u : users_) count += u.cache_epoch == cache_.data_epoch && u.cache_expires_us > now_us_;
  return count;
}

std::vector<CacheKeyView> Sim::CacheKeys(size_t limit) const {
  std::vector<CacheKeyView> keys;
  auto add_session = [&](const ShopperState& s) {
    if (keys.size() >= limit) return;
    if (s.session.home == SessionHome::Cache && s.session.cache_epoch == cache_.data_epoch &&
        s.session.expires_us > now_us_) {
      keys.push_back({"session:" + ToHex(Sha256Of("session:" + std::to_string(s.session.id))).substr(0, 12),
                      (s.session.expires_us - now_us_) / kUsPerS, false});
    }
  };
  for (const Shopper& s : scripted_) add_session(s);
  for (const ShopperState& s : crowd_) add_session(s);
  for (size_t u = 0; u < users_.size() && keys.size() < limit; ++u) {
    const UserRow& row = users_[u];
    if (row.cache_epoch == cache_.data_epoch && row.cache_expires_us > now_us_) {
      keys.push_back({"user:" + std::to_string(u), (row.cache_expires_us - now_us_) / kUsPerS,
                      row.cached_version < row.version});
    }
  }
  return keys;
}

uint32_t Sim::SessionsInDynamoDb() const {
  uint32_t count = 0;
  auto visit = [&](const ShopperState& s) {
    count += s.session.home == SessionHome::DynamoDb && s.session.expires_us > now_us_;
  };
  for (const ShopperState& s : crowd_) visit(s);
  for (const Shopper& s : scripted_) visit(s);
  return count;
}

uint32_t Sim::CartsOnInstance(InstanceId id) const {
  uint32_t count = 0;
  auto visit = [&](const ShopperState& s) {
    count += s.session.home == SessionHome::Instance && s.session.instance == id && !s.cart_stored_empty;
  };
  for (const ShopperState& s : crowd_) visit(s);
  for (const Shopper& s : scripted_) visit(s);
  return count;
}

namespace {
template <class T>
size_t BytesOf(const std::vector<T>& v) {
  return v.capacity() * sizeof(T);
}
}  // namespace

size_t Sim::MemoryBytes() const {
  size_t wheel = BytesOf(wheel_);
  for (const auto& slot : wheel_) wheel += BytesOf(slot);
  return sizeof(Sim) + BytesOf(instances_) + BytesOf(users_) + BytesOf(write_log_) + BytesOf(crowd_) +
         BytesOf(crowd_carts_) + BytesOf(scripted_) + wheel + BytesOf(overflow_) + BytesOf(due_) +
         traces_.capacity() * sizeof(RequestTrace) + events_.capacity() * sizeof(EventRecord) +
         series_.capacity() * sizeof(SecondSample);
}

}  // namespace sim
