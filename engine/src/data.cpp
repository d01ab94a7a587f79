// The data tier and the network around it: ElastiCache (single node or Multi-AZ with failover),
// RDS (primary, synchronous standby, asynchronous read replicas), security group verdicts, AZ
// outages, attackers, and moving sessions when the session strategy changes.
//
// Index
//   [SECTION] ElastiCache
//   [SECTION] RDS
//   [SECTION] Security groups and attackers
//   [SECTION] Availability zones
//   [SECTION] Session strategy changes
#include <algorithm>

#include "statelab/sim.h"

namespace sim {

int Sim::NextEnabledAz(int after) const {
  for (int k = 1; k <= kAzCount; ++k) {
    const int az = ((after + k) % kAzCount + kAzCount) % kAzCount;
    if (config_.azs[az]) return az;
  }
  return 0;
}

// [SECTION] ElastiCache
void Sim::SetupCache() {
  const int az = NextEnabledAz(-1);
  cache_.nodes[0] = CacheNode{AzAt(az), true, az_up_[az], true};
  cache_.state = CacheState::Available;
  if (config_.cache.multi_az) SetCacheReplica(true);
}

void Sim::SetCacheReplica(bool enabled) {
  const int primary = std::max(0, cache_.primary_index());
  const int other = 1 - primary;
  CacheNode& node = cache_.nodes[static_cast<size_t>(other)];
  if (enabled) {
    if (node.exists) return;
    const int az = NextEnabledAz(AzIndex(cache_.nodes[static_cast<size_t>(primary)].az));
    node = CacheNode{AzAt(az), true, az_up_[az], false};
    return;
  }
  if (!node.exists) return;
  node = CacheNode{};
  if (cache_.state == CacheState::FailingOver) {
    // The replica being promoted was removed: the data went with the old primary.
    cache_.state = CacheState::Down;
    cache_.failover_target = -1;
    ++cache_.data_epoch;
    RestartEmptyCache();
  }
}

void Sim::LoseCacheData(Az where) {
  const uint32_t sessions = SessionKeysInCache();
  const uint32_t keys = sessions + UserKeysInCache();
  totals_.sessions_lost += sessions;
  cache_.state = CacheState::Down;
  cache_.failover_target = -1;
  ++cache_.data_epoch;  // every key written before now is gone
  Emit(CacheNodeFailed{where, true, keys});
  RestartEmptyCache();
}

void Sim::RestartEmptyCache() {
  // A node that came back while the data was being lost carries on as an empty primary.
  for (CacheNode& node : cache_.nodes) {
    if (node.exists && node.up) {
      node.primary = true;
      cache_.state = CacheState::Available;
      Emit(CacheNodeRestored{node.az, true});
      return;
    }
  }
}

int Sim::FindCacheIoNode() const {
  if (cache_.state != CacheState::Available) return -1;
  const int primary = cache_.primary_index();
  if (primary < 0 || !cache_.nodes[static_cast<size_t>(primary)].up) return -1;
  return primary;
}

bool Sim::CacheAvailable() const { return CacheIoNode() >= 0; }

void Sim::FailCacheNode(int index) {
  CacheNode& node = cache_.nodes[static_cast<size_t>(index)];
  if (!node.exists || !node.up) return;
  node.up = false;
  if (!node.primary && !(cache_.state == CacheState::FailingOver && index == cache_.failover_target)) {
    Emit(CacheNodeFailed{node.az, false, 0});
    return;
  }
  // The primary, or the replica that was about to replace it. The other node takes over if it is
  // up, including an old primary that came back during the failover and synced.
  node.primary = false;
  const CacheNode& other = cache_.nodes[static_cast<size_t>(1 - index)];
  if (cache_.state != CacheState::Down && other.exists && other.up) {
    cache_.state = CacheState::FailingOver;
    cache_.failover_target = 1 - index;
    cache_.failover_done_us = now_us_ + Sec(config_.cache.failover_s);
    const uint32_t dropped = DropUnreplicatedSessions();
    Emit(CacheNodeFailed{node.az, false, 0});
    Emit(CacheFailoverStarted{node.az, other.az, dropped});
    return;
  }
  LoseCacheData(node.az);
}

// Replication to the replica is asynchronous: the session writes of the last replication_lag_ms
// had not reached it when the primary failed, so the promoted replica does not have them.
uint32_t Sim::DropUnreplicatedSessions() {
  const int64_t now_ms = now_us_ / kUsPerMs;
  const int64_t lag_ms = config_.cache.replication_lag_ms;
  uint32_t dropped = 0;
  auto drop = [&](ServerSession& s) {
    if (s.home != SessionHome::Cache || s.cache_epoch != cache_.data_epoch || s.expires_us <= now_us_) return;
    if (static_cast<int64_t>(s.cache_saved_ms) + lag_ms <= now_ms) return;
    s.cache_epoch = 0;
    ++dropped;
  };
  for (ShopperState& s : crowd_) drop(s.session);
  for (Shopper& s : scripted_) drop(s.session);
  totals_.sessions_lost += dropped;
  totals_.sessions_lost_to_lag += dropped;
  return dropped;
}

void Sim::RunCacheFailover() {
  if (cache_.state != CacheState::FailingOver || now_us_ < cache_.failover_done_us) return;
  // The replica that was chosen is promoted, even if the old primary came back meanwhile (it
  // rejoined as a replica).
  const int target = cache_.failover_target;
  cache_.failover_target = -1;
  if (target >= 0 && target < 2) {
    CacheNode& node = cache_.nodes[static_cast<size_t>(target)];
    if (node.exists && node.up && !node.primary) {
      node.primary = true;
      cache_.state = CacheState::Available;
      Emit(CacheFailoverCompleted{node.az});
      return;
    }
  }
  // The replica is gone too (FailCacheNode normally catches that when it happens).
  LoseCacheData(cache_.nodes[0].az);
}

void Sim::RestoreCacheNodes(int only_az) {
  for (CacheNode& node : cache_.nodes) {
    if (!node.exists || node.up || !az_up_[AzIndex(node.az)]) continue;
    if (only_az >= 0 && AzIndex(node.az) != only_az) continue;
    node.up = true;
    if (cache_.state == CacheState::Down) {
      node.primary = true;  // back, but empty: the data did not survive
      cache_.state = CacheState::Available;
      Emit(CacheNodeRestored{node.az, true});
    } else {
      Emit(CacheNodeRestored{node.az, false});  // rejoins as a replica and syncs
    }
  }
}

// [SECTION] RDS
void Sim::SetupRds() {
  const int az = NextEnabledAz(-1);
  RdsNode& primary = rds_.nodes[0];
  primary = RdsNode{};
  primary.role = RdsRole::Primary;
  primary.az = AzAt(az);
  primary.up = az_up_[az];
  primary.ip = SubnetIp(az, 200);
  rds_.primary = 0;
  rds_.standby = -1;
  if (config_.rds.multi_az) SetRdsStandby(true);
  ResizeReplicas();
  RebuildReadNodes();
}

void Sim::SetRdsStandby(bool enabled) {
  const int other = rds_.primary == 0 ? 1 : 0;
  RdsNode& node = rds_.nodes[static_cast<size_t>(other)];
  if (enabled) {
    if (rds_.standby >= 0) return;
    const int az = NextEnabledAz(AzIndex(rds_.nodes[static_cast<size_t>(rds_.primary)].az));
    node = RdsNode{};
    node.role = RdsRole::Standby;
    node.az = AzAt(az);
    node.up = az_up_[az];
    node.ip = SubnetIp(az, 199);
    rds_.standby = other;
  } else {
    node = RdsNode{};
    rds_.standby = -1;
    rds_.failing_over = false;  // nothing to fail over to: the primary stays as it is
  }
  RebuildReadNodes();
}

void Sim::ResizeReplicas() {
  const uint32_t count = std::min(config_.rds.read_replicas, kMaxReadReplicas);
  const int primary_az = AzIndex(rds_.nodes[static_cast<size_t>(std::max(0, rds_.primary))].az);
  for (uint32_t k = 0; k < kMaxReadReplicas; ++k) {
    RdsNode& node = rds_.nodes[static_cast<size_t>(kRdsFirstReplica) + k];
    if (k >= count) {
      node = RdsNode{};
      continue;
    }
    if (node.role == RdsRole::Replica) continue;
    // Spread replicas over the AZs, starting with the one after the primary's.
    int az = primary_az;
    for (uint32_t step = 0; step <= k; ++step) az = NextEnabledAz(az);
    node = RdsNode{};
    node.role = RdsRole::Replica;
    node.az = AzAt(az);
    node.up = az_up_[az];
    node.ip = SubnetIp(az, 201 + k);
    node.backlog_at_us = now_us_;
  }
}

bool Sim::PrimaryWritable() const {
  return rds_.primary >= 0 && rds_.nodes[static_cast<size_t>(rds_.primary)].up && !rds_.failing_over;
}

void Sim::RebuildReadNodes() {
  read_nodes_.clear();
  const bool primary_ok = PrimaryWritable();
  const ReadRouting routing = config_.rds.read_routing;
  if (primary_ok && routing != ReadRouting::Replicas) read_nodes_.push_back(static_cast<int8_t>(rds_.primary));
  if (routing != ReadRouting::Primary) {
    for (int i = kRdsFirstReplica; i < kMaxDbNodes; ++i) {
      const RdsNode& node = rds_.nodes[static_cast<size_t>(i)];
      if (node.role == RdsRole::Replica && node.up) read_nodes_.push_back(static_cast<int8_t>(i));
    }
  }
  if (read_nodes_.empty() && primary_ok) read_nodes_.push_back(static_cast<int8_t>(rds_.primary));
}

void Sim::FailRdsNode(int index) {
  RdsNode& node = rds_.nodes[static_cast<size_t>(index)];
  if (node.role == RdsRole::None || !node.up) return;
  node.up = false;
  if (index == rds_.primary) {
    const bool standby_ok = rds_.standby >= 0 && rds_.nodes[static_cast<size_t>(rds_.standby)].up;
    Emit(RdsPrimaryFailed{node.az, standby_ok});
    // Back during a failover and failed again: writes have been down since the first failure.
    if (!rds_.failing_over) rds_.failed_at_us = now_us_;
    if (standby_ok && !rds_.failing_over) {
      rds_.failing_over = true;
      rds_.failover_done_us = now_us_ + Sec(rng_.Between(config_.rds.failover_min_s, config_.rds.failover_max_s));
    }
  }
  RebuildReadNodes();
}

void Sim::RunRdsFailover() {
  if (!rds_.failing_over || now_us_ < rds_.failover_done_us) return;
  rds_.failing_over = false;
  if (rds_.standby < 0 || !rds_.nodes[static_cast<size_t>(rds_.standby)].up) {
    RebuildReadNodes();
    return;  // the standby went down too: no primary until something is restored
  }
  const int old = rds_.primary;
  rds_.nodes[static_cast<size_t>(rds_.standby)].role = RdsRole::Primary;
  rds_.primary = rds_.standby;
  rds_.standby = -1;
  RdsNode& old_node = rds_.nodes[static_cast<size_t>(old)];
  if (!old_node.up) {
    old_node.role = RdsRole::Failed;  // restore_az or restore_rds brings it back as the standby
  } else if (config_.rds.multi_az) {
    // Its AZ came back while the failover ran: it rejoins as the new standby, as RDS does.
    old_node.role = RdsRole::Standby;
    rds_.standby = old;
  } else {
    old_node = RdsNode{};
  }
  // Synchronous replication: the new primary has every committed write.
  Emit(RdsFailoverCompleted{rds_.nodes[static_cast<size_t>(rds_.primary)].az, now_us_ - rds_.failed_at_us});
  RebuildReadNodes();
}

void Sim::RestoreRdsNodes(int only_az) {
  for (int i = 0; i < kMaxDbNodes; ++i) {
    RdsNode& node = rds_.nodes[static_cast<size_t>(i)];
    if (node.role == RdsRole::None || node.up || !az_up_[AzIndex(node.az)]) continue;
    if (only_az >= 0 && AzIndex(node.az) != only_az) continue;
    node.up = true;
    node.backlog_us = 0;
    node.backlog_at_us = now_us_;
    if (node.role == RdsRole::Failed) {
      if (config_.rds.multi_az && rds_.standby < 0) {
        node.role = RdsRole::Standby;  // the old primary comes back as the new standby
        rds_.standby = i;
        Emit(RdsNodeRestored{node.az, false});
      } else {
        node = RdsNode{};
      }
      continue;
    }
    // During a failover the old primary comes back to become the standby, not the primary.
    Emit(RdsNodeRestored{node.az, i == rds_.primary && !rds_.failing_over});
  }
  RebuildReadNodes();
}

void Sim::RunReplicaLagExpiry() {
  for (int i = kRdsFirstReplica; i < kMaxDbNodes; ++i) {
    RdsNode& node = rds_.nodes[static_cast<size_t>(i)];
    if (node.extra_lag_ms > 0 && node.extra_lag_until_us >= 0 && now_us_ >= node.extra_lag_until_us) {
      node.extra_lag_ms = 0;
      node.extra_lag_until_us = -1;
      Emit(ReplicaLagChanged{i - kRdsFirstReplica, config_.rds.replica_lag_ms});
    }
  }
}

void Sim::AddLag(const AddReplicaLag& lag) {
  const int32_t count = static_cast<int32_t>(std::min(config_.rds.read_replicas, kMaxReadReplicas));
  if (lag.replica >= count || count == 0) {
    Reject(Command(lag), RejectReason::NoSuchReplica);
    return;
  }
  for (int32_t k = 0; k < count; ++k) {
    if (lag.replica >= 0 && k != lag.replica) continue;
    RdsNode& node = rds_.nodes[static_cast<size_t>(kRdsFirstReplica + k)];
    node.extra_lag_ms = lag.lag_ms;
    node.extra_lag_until_us = lag.duration_s > 0 ? now_us_ + Sec(lag.duration_s) : -1;
  }
  Emit(ReplicaLagChanged{lag.replica, config_.rds.replica_lag_ms + lag.lag_ms});
}

void Sim::PromoteReplica(uint32_t replica) {
  const int index = kRdsFirstReplica + static_cast<int>(replica);
  if (replica >= kMaxReadReplicas || rds_.nodes[static_cast<size_t>(index)].role != RdsRole::Replica ||
      !rds_.nodes[static_cast<size_t>(index)].up) {
    Reject(Command(PromoteReadReplica{replica}), RejectReason::NoSuchReplicaOrDown);
    return;
  }
  // Asynchronous replication: writes younger than the replica's lag, when the primary was last up,
  // never reached it.
  const bool primary_up = rds_.primary >= 0 && rds_.nodes[static_cast<size_t>(rds_.primary)].up;
  const TimeUs replicated_until_us = primary_up ? now_us_ : rds_.failed_at_us;
  const TimeUs cutoff_us = replicated_until_us - Ms(rds_.LagMs(index, config_.rds.replica_lag_ms, now_us_));
  uint32_t lost = 0;
  while (write_log_next_ > 0 && lost < write_log_.size()) {
    const WriteLogEntry& e = write_log_[static_cast<size_t>((write_log_next_ - 1) % write_log_.size())];
    if (e.committed_us <= cutoff_us) break;
    users_[e.user].version = e.previous_version;
    users_[e.user].committed_us = e.previous_committed_us;
    --write_log_next_;
    ++lost;
  }
  RdsNode promoted = rds_.nodes[static_cast<size_t>(index)];
  promoted.role = RdsRole::Primary;
  promoted.extra_lag_ms = 0;
  promoted.extra_lag_until_us = -1;
  rds_.nodes[0] = promoted;
  rds_.nodes[1] = RdsNode{};
  rds_.primary = 0;
  rds_.standby = -1;
  rds_.failing_over = false;
  for (int i = index; i + 1 < kMaxDbNodes; ++i) rds_.nodes[static_cast<size_t>(i)] = rds_.nodes[static_cast<size_t>(i) + 1];
  rds_.nodes[kMaxDbNodes - 1] = RdsNode{};
  config_.rds.read_replicas = std::min(config_.rds.read_replicas, kMaxReadReplicas) - 1;
  config_.rds.multi_az = false;
  totals_.addresses_lost += lost;
  rds_.writes_lost += lost;
  Emit(ReplicaPromoted{replica, promoted.az, lost});
  RebuildReadNodes();
}

// [SECTION] Security groups and attackers
void Sim::RefreshVerdicts() {
  const SecurityGroups& sgs = config_.security_groups;
  client_to_elb_ = CheckConnection(sgs, Endpoint{kShopperIp, false, SgId::Elb}, SgId::Elb, kHttpsPort);
  for (int az = 0; az < kAzCount; ++az) {
    lb_nodes_[az].to_web = CheckConnection(sgs, Endpoint{SubnetIp(az, 5), true, SgId::Elb}, SgId::Web, kHttpPort);
  }
  for (uint32_t index : live_) RefreshVerdicts(instances_[index]);
}

void Sim::RefreshVerdicts(Instance& instance) {
  const SecurityGroups& sgs = config_.security_groups;
  const Endpoint self{instance.ip, true, SgId::Web};
  instance.to_cache = CheckConnection(sgs, self, SgId::Cache, kRedisPort);
  instance.to_db = CheckConnection(sgs, self, SgId::Db, config_.rds.port);
}

void Sim::Attack(const AttackerConnect& attack) {
  SgId group = SgId::Db;
  uint16_t port = config_.rds.port;
  switch (attack.target) {
    case AttackTarget::LoadBalancer:
      group = SgId::Elb;
      port = kHttpsPort;
      break;
    case AttackTarget::Instance: {
      group = SgId::Web;
      port = kHttpPort;
      const Instance* target = attack.instance.valid() ? FindInstance(attack.instance) : nullptr;
      if (attack.instance.valid() && (target == nullptr || target->state == InstanceState::Terminated)) {
        Reject(Command(attack), RejectReason::NoRunningInstance);
        return;
      }
      break;
    }
    case AttackTarget::Cache:
      group = SgId::Cache;
      port = kRedisPort;
      break;
    case AttackTarget::Database: break;
  }
  if (attack.port != 0) port = attack.port;
  const SgVerdict verdict = CheckConnection(config_.security_groups, Endpoint{kAttackerIp, false, SgId::Elb}, group, port);
  verdict.allowed ? ++totals_.attacks_allowed : ++totals_.attacks_denied;
  Emit(AttackAttempt{attack.target, verdict});
}

// [SECTION] Availability zones
void Sim::FailZone(Az az) {
  const int i = AzIndex(az);
  if (!az_up_[i]) return;
  az_up_[i] = false;
  Emit(AzFailed{az});
  for (uint32_t index : live_) {
    if (instances_[index].az == az) instances_[index].reachable = false;
  }
  lb_nodes_[i].up = false;
  // Fail replicas before primaries, so a primary never fails over into the dying AZ.
  for (int n = 0; n < 2; ++n) {
    CacheNode& node = cache_.nodes[static_cast<size_t>(n)];
    if (node.exists && node.up && !node.primary && node.az == az) FailCacheNode(n);
  }
  for (int n = 0; n < 2; ++n) {
    CacheNode& node = cache_.nodes[static_cast<size_t>(n)];
    if (node.exists && node.up && node.az == az) FailCacheNode(n);
  }
  for (int n = 0; n < kMaxDbNodes; ++n) {
    const RdsNode& node = rds_.nodes[static_cast<size_t>(n)];
    if (node.role != RdsRole::None && node.up && node.az == az && n != rds_.primary) FailRdsNode(n);
  }
  if (rds_.primary >= 0 && rds_.nodes[static_cast<size_t>(rds_.primary)].az == az) FailRdsNode(rds_.primary);
  RebuildReadNodes();
}

void Sim::RestoreZone(Az az) {
  const int i = AzIndex(az);
  if (az_up_[i]) return;
  az_up_[i] = true;
  Emit(AzRestored{az});
  for (uint32_t index : live_) {
    if (instances_[index].az == az) instances_[index].reachable = true;
  }
  lb_nodes_[i].up = true;
  RestoreCacheNodes(i);
  RestoreRdsNodes(i);
}

// [SECTION] Session strategy changes
void Sim::MigrateSessions(const Config& before) {
  const SessionConfig& now = config_.session;
  if (before.session.strategy == now.strategy && before.session.store == now.store) return;
  // Another session store: nothing moves sessions between ElastiCache and DynamoDB, so the
  // sessions in the old store are gone (a real migration copies them, or reads both for a while).
  const bool store_switch = before.session.strategy == SessionStrategy::ServerSession &&
                            now.strategy == SessionStrategy::ServerSession && before.session.store != now.store;
  // A deployment that moves the sessions: carts carry over, except into instance memory, which
  // cannot be filled from outside.
  auto migrate = [&](ShopperRef who) {
    ShopperState& s = who.state;
    CookieJar& jar = s.jar;
    if (now.strategy != SessionStrategy::ClientCookie) {
      jar.has_cart_cookie = false;
      if (who.edited_cart_cookie != nullptr) who.edited_cart_cookie->clear();
    }
    switch (now.strategy) {
      case SessionStrategy::ClientCookie: {
        jar.session_id = 0;
        s.session = ServerSession{};
        jar.has_cart_cookie = false;
        if (who.stored.empty()) break;
        const uint32_t bytes = CartCookieBytes(who.stored, now.cookie_signing);
        if (bytes > kCookieLimitBytes) {
          jar.last_set_cookie_dropped = true;
          ClearCart(who.stored);
          break;
        }
        jar.has_cart_cookie = true;
        jar.cart_signed = now.cookie_signing;
        jar.cart_signature_valid = true;
        jar.cart_tampered = false;
        jar.cart_cookie_bytes = bytes;
        break;
      }
      case SessionStrategy::ServerSession:
        if (store_switch) {
          if (s.session.home != SessionHome::None) ++totals_.sessions_lost;
          s.session = ServerSession{};  // the cookie still names it: the next request finds nothing
          ClearCart(who.stored);
          break;
        }
        if (who.stored.empty() && jar.session_id == 0) break;
        if (jar.session_id == 0) jar.session_id = next_session_id_++;
        s.session.id = jar.session_id;
        s.session.home = now.store == SessionStore::ElastiCache ? SessionHome::Cache : SessionHome::DynamoDb;
        s.session.cache_epoch = cache_.data_epoch;
        s.session.expires_us = now_us_ + Sec(now.idle_timeout_s);
        break;
      case SessionStrategy::InstanceMemory:
        s.session = ServerSession{};
        ClearCart(who.stored);
        if (!who.expected.empty() && jar.session_id == 0) jar.session_id = next_session_id_++;
        break;
    }
  };
  for (uint32_t slot = 0; slot < crowd_.size(); ++slot) {
    migrate(CrowdRef(slot));
    CartsChanged(CrowdRef(slot));
  }
  for (Shopper& s : scripted_) {
    migrate(Ref(s));
    CartsChanged(Ref(s));
  }
  if (before.session.strategy == SessionStrategy::InstanceMemory) {
    for (uint32_t index : live_) {
      Instance& in = instances_[index];
      in.orphaned_sessions += in.sessions;
      in.orphans_by_minute[static_cast<size_t>((now_us_ / Sec(60)) % kOrphanBuckets)] += in.sessions;
      in.sessions = 0;
    }
  }
}

}  // namespace sim
