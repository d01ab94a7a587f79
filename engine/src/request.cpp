// The per-request hot path: one shopper request, hop by hop, from DNS to the database and back.
// A request is modelled as one transaction at its start time: each hop adds latency computed from
// the state it meets (queues, failovers, caches), and the request ends with exactly one outcome.
// Nothing here allocates; the trace, when this request is sampled, is written in place into the
// ring buffer.
//
// Index
//   [SECTION] Request
//   [SECTION] Edge: DNS, load balancer, target
//   [SECTION] Web instance
//   [SECTION] Session
//   [SECTION] User data
//   [SECTION] Cart and action
//   [SECTION] Finish
#include <algorithm>

#include "statelab/sim.h"

namespace sim {

namespace {

constexpr int64_t kTargetConnectTimeoutUs = Sec(10);  // ALB gives up on an unreachable target
constexpr int64_t kLbConnectTimeoutUs = Sec(3);       // the browser gives up on a dead LB node
constexpr int64_t kCrossAzUs = 250;
constexpr int64_t kUploadUsPer1000Bytes = 800;  // a 10 Mbit/s uplink

int64_t CrossAz(Az a, Az b) { return a == b ? 0 : kCrossAzUs; }

void Drain(int64_t& backlog_us, TimeUs& at_us, TimeUs now_us, uint32_t cores) {
  if (backlog_us > 0) {
    backlog_us -= (now_us - at_us) * static_cast<int64_t>(cores);
    if (backlog_us < 0) backlog_us = 0;
  }
  at_us = now_us;
}

bool Routable(const Instance& in) { return in.state == InstanceState::InService && in.lb_healthy; }

}  // namespace

struct Sim::RequestContext {
  ShopperState& shopper;
  Cart& expected;
  Cart& stored;
  std::string* edited_cart_cookie;
  RequestKind kind;
  uint16_t sku;
  uint64_t id = 0;
  RequestTrace* trace = nullptr;
  int64_t latency_us = 0;
  Outcome error = Outcome::Ok;
  Instance* instance = nullptr;
  int lb_az = -1;
  uint32_t request_bytes = 0;
  uint32_t cookie_bytes = 0;
  bool session_created = false;
  bool cart_changed = false;
  bool cart_mismatch = false;
  bool gives_up = false;
  bool stale = false;
  bool tamper_accepted = false;
  bool cookie_rejected = false;
  bool end_visit = false;
  LossCause loss_cause = LossCause::SessionNotFound;
  CookieError cookie_error = CookieError::None;
  uint16_t expected_units = 0;
  uint16_t shown_units = 0;
  uint32_t expected_cents = 0;
  int64_t tamper_cents_off = 0;

  ShopperRef ref() { return {shopper, expected, stored, edited_cart_cookie}; }
  void ClearEditedCookie() {
    if (edited_cart_cookie != nullptr) edited_cart_cookie->clear();
  }
};

// Writes in place into the ring buffer slot; a no-op for requests that are not traced.
[[gnu::always_inline]] inline void Sim::AddHop(RequestContext& ctx, Component c, Az az, HopResult r, int64_t latency_us, int node,
                 uint32_t instance) {
  RequestTrace* t = ctx.trace;
  if (t == nullptr || t->hop_count >= kMaxHops) return;
  Hop& hop = t->hops[t->hop_count++];
  hop.component = c;
  hop.az = az;
  hop.result = r;
  hop.node = static_cast<uint8_t>(node);
  hop.instance = instance;
  hop.latency_us = static_cast<int32_t>(std::min<int64_t>(latency_us, 0x7FFF'FFFF));
}

// [SECTION] Request
// The stages in order; each returns false when the request stops there (a failure, a denial or a
// rejected cookie), and Finish counts whatever happened.
Sim::RequestResult Sim::ServeRequest(ShopperRef who, RequestKind kind, uint16_t sku) {
  RequestContext ctx{who.state, who.expected, who.stored, who.edited_cart_cookie, kind, sku};
  StartTrace(ctx);
  MeasureRequest(ctx);                       // cookies and request size, the upload
  if (RouteToLb(ctx) &&                      // Route 53, then the load balancer node
      RouteToTarget(ctx) &&                  // a target: sticky, round robin or least outstanding
      RunOnInstance(ctx) &&                  // the instance's CPU queue
      LoadSession(ctx)) {                    // memory, the cart cookie, or the session store
    if (kind == RequestKind::UpdateAddress) {
      WriteUser(ctx);                        // RDS primary, then the cache
    } else {
      ReadUser(ctx);                         // the cache, a replica or the primary
    }
  }
  if (ctx.error == Outcome::Ok) {
    CompareCart(ctx);                        // the cart the shopper sees against the one they built
    if (ApplyAction(ctx)) SaveSession(ctx);  // add to cart or check out, then save the session
  }
  Finish(ctx);                               // count the outcome, fold the trace hash
  return RequestResult{ctx.latency_us, ctx.end_visit};
}

// Every Nth request (and every request of a followed shopper) keeps a trace for the inspector.
void Sim::StartTrace(RequestContext& ctx) {
  ctx.id = next_request_id_++;
  const uint32_t every = config_.trace.sample_every;
  if (!ctx.shopper.followed && (every == 0 || ctx.id % every != 0)) return;
  RequestTrace& t = traces_.Push();
  t.id = ctx.id;
  t.start_us = now_us_;
  t.shopper = ctx.shopper.id;
  t.kind = ctx.kind;
  t.lb_az = -1;
  t.instance = InstanceId{};
  t.cache_node = -1;
  t.db_node = -1;
  t.used_dynamodb = false;
  t.hop_count = 0;
  t.denial = SgVerdict{};
  ctx.trace = &t;
}

void Sim::MeasureRequest(RequestContext& ctx) {
  const CookieJar& jar = ctx.shopper.jar;
  const uint32_t count = uint32_t{jar.has_awsalb} + uint32_t{jar.session_id != 0} + uint32_t{jar.has_cart_cookie};
  uint32_t cookies = (jar.has_awsalb ? kAwsalbCookieBytes : 0) + (jar.session_id != 0 ? kSessionCookieBytes : 0) +
                     (jar.has_cart_cookie ? jar.cart_cookie_bytes : 0);
  if (count > 1) cookies += 2 * (count - 1);
  ctx.cookie_bytes = cookies;
  if (jar.has_cart_cookie) {
    totals_.max_cart_cookie_bytes = std::max(totals_.max_cart_cookie_bytes, jar.cart_cookie_bytes);
    totals_.second_max_cart_cookie_bytes = std::max(totals_.second_max_cart_cookie_bytes, jar.cart_cookie_bytes);
  }
  const bool has_body = ctx.kind == RequestKind::AddToCart || ctx.kind == RequestKind::UpdateAddress ||
                        ctx.kind == RequestKind::Checkout;
  ctx.request_bytes = kBaseRequestBytes + (count > 0 ? cookies + 10 : 0) + (has_body ? kFormBodyBytes : 0);
  const int64_t upload_us = int64_t{ctx.request_bytes} * kUploadUsPer1000Bytes / 1000;
  ctx.latency_us += upload_us;
  AddHop(ctx, Component::Browser, Az::A, HopResult::Ok, upload_us);
}

bool Sim::Fail(RequestContext& ctx, Outcome outcome, Component c, Az az, HopResult r, int64_t latency_us, int node) {
  ctx.error = outcome;
  ctx.latency_us += latency_us;
  AddHop(ctx, c, az, r, latency_us, node, ctx.instance != nullptr ? ctx.instance->id.value : 0);
  return false;
}

bool Sim::Deny(RequestContext& ctx, const SgVerdict& verdict, Component c, Az az) {
  // A denied connection is silently dropped: the caller waits for its connect timeout.
  if (ctx.trace != nullptr) ctx.trace->denial = verdict;
  Emit(ConnectionDenied{ctx.id, verdict});
  return Fail(ctx, Outcome::DeniedBySg, c, az, HopResult::Denied, Sec(1));
}

// [SECTION] Edge: DNS, load balancer, target
int Sim::ResolveLbNode() {
  // Route 53 answers with healthy nodes; when none is healthy it fails open and answers with all.
  int healthy[kAzCount], enabled[kAzCount];
  int healthy_count = 0, enabled_count = 0;
  for (int az = 0; az < kAzCount; ++az) {
    if (!lb_nodes_[az].enabled) continue;
    enabled[enabled_count++] = az;
    if (lb_nodes_[az].in_dns) healthy[healthy_count++] = az;
  }
  if (healthy_count > 0) return healthy[rng_.Below(static_cast<uint32_t>(healthy_count))];
  if (enabled_count > 0) return enabled[rng_.Below(static_cast<uint32_t>(enabled_count))];
  return -1;
}

bool Sim::RouteToLb(RequestContext& ctx) {
  ShopperState& shopper = ctx.shopper;
  if (shopper.lb_az < 0 || !lb_nodes_[shopper.lb_az].in_dns) {
    shopper.lb_az = static_cast<int8_t>(ResolveLbNode());
    if (shopper.lb_az < 0) return Fail(ctx, Outcome::LbNodeUnreachable, Component::Route53, Az::A, HopResult::NoTarget, 0);
    AddHop(ctx, Component::Route53, AzAt(shopper.lb_az), HopResult::Resolved, 0, shopper.lb_az);
  }
  LbNode& node = lb_nodes_[shopper.lb_az];
  if (!client_to_elb_.allowed) return Deny(ctx, client_to_elb_, Component::LoadBalancer, node.az);
  if (!node.up) {
    shopper.lb_az = -1;  // the browser resolves again next time
    return Fail(ctx, Outcome::LbNodeUnreachable, Component::LoadBalancer, node.az, HopResult::Unreachable, kLbConnectTimeoutUs,
                AzIndex(node.az));
  }
  ++node.requests;
  ctx.lb_az = shopper.lb_az;
  if (ctx.trace != nullptr) ctx.trace->lb_az = static_cast<int8_t>(ctx.lb_az);
  return true;
}

Instance* Sim::PickTarget(LbNode& node) {
  const uint32_t n = static_cast<uint32_t>(targets_.size());
  const uint32_t start = node.rr_cursor++ % n;
  if (config_.load_balancer.routing == RoutingAlgorithm::RoundRobin) return &instances_[targets_[start]];
  // Least outstanding requests: the target with the least queued work, scanning from the cursor.
  Instance* best = nullptr;
  for (uint32_t k = 0; k < n; ++k) {
    Instance& in = instances_[targets_[(start + k) % n]];
    Drain(in.backlog_us, in.backlog_at_us, now_us_, config_.instances.vcpus);
    if (best == nullptr || in.backlog_us < best->backlog_us) best = &in;
  }
  return best;
}

bool Sim::RouteToTarget(RequestContext& ctx) {
  LbNode& node = lb_nodes_[ctx.lb_az];
  CookieJar& jar = ctx.shopper.jar;
  const StickinessConfig& sticky = config_.load_balancer.stickiness;
  const int64_t lb_us = rng_.Between(300, 900);
  ctx.latency_us += lb_us;
  HopResult how = HopResult::Routed;
  Instance* target = nullptr;
  if (sticky.enabled && jar.has_awsalb && jar.awsalb_expires_us > now_us_) {
    Instance* named = MutableInstance(jar.awsalb_target);
    if (named != nullptr && Routable(*named)) {
      target = named;
      how = HopResult::StickyRouted;
    } else {
      how = HopResult::StickyRerouted;
    }
  }
  if (target == nullptr) {
    if (targets_.empty()) {
      return Fail(ctx, Outcome::NoHealthyTarget, Component::LoadBalancer, node.az, HopResult::NoTarget, 0, ctx.lb_az);
    }
    target = PickTarget(node);
  }
  if (sticky.enabled) {
    jar.has_awsalb = true;
    jar.awsalb_target = target->id;
    jar.awsalb_expires_us = now_us_ + Sec(sticky.duration_s);
  } else {
    jar.has_awsalb = false;
  }
  ctx.instance = target;
  if (ctx.trace != nullptr) ctx.trace->instance = target->id;
  AddHop(ctx, Component::LoadBalancer, node.az, how, lb_us, ctx.lb_az, target->id.value);
  if (!node.to_web.allowed) return Deny(ctx, node.to_web, Component::WebInstance, target->az);
  ctx.latency_us += CrossAz(node.az, target->az);
  return true;
}

// [SECTION] Web instance
bool Sim::RunOnInstance(RequestContext& ctx) {
  Instance& in = *ctx.instance;
  if (!in.reachable) {
    return Fail(ctx, Outcome::TargetUnreachable, Component::WebInstance, in.az, HopResult::Unreachable, kTargetConnectTimeoutUs);
  }
  const uint32_t cores = std::max<uint32_t>(1, config_.instances.vcpus);
  // Parsing (and verifying) a big cookie costs CPU too: about 1 us per 16 bytes.
  const int64_t cost_us = int64_t{config_.instances.cpu_us[static_cast<size_t>(ctx.kind)]} + ctx.cookie_bytes / 16;
  Drain(in.backlog_us, in.backlog_at_us, now_us_, cores);
  const int64_t wait_us = in.backlog_us / cores;
  if (wait_us > Ms(config_.instances.max_queue_ms)) {
    return Fail(ctx, Outcome::InstanceOverloaded, Component::WebInstance, in.az, HopResult::Overloaded, 1000);
  }
  in.backlog_us += cost_us;
  in.busy_us_this_second += static_cast<uint64_t>(cost_us);
  ++in.requests;
  ctx.latency_us += wait_us + cost_us;
  AddHop(ctx, Component::WebInstance, in.az, HopResult::Ok, wait_us + cost_us, 0, in.id.value);
  return true;
}

// [SECTION] Session
bool Sim::LoadSession(RequestContext& ctx) {
  switch (config_.session.strategy) {
    case SessionStrategy::ClientCookie: return LoadSessionFromCookie(ctx);
    case SessionStrategy::ServerSession: return LoadSessionFromStore(ctx);
    case SessionStrategy::InstanceMemory: break;
  }
  ShopperState& shopper = ctx.shopper;
  Instance& in = *ctx.instance;
  ServerSession& session = shopper.session;
  const bool found = shopper.jar.session_id != 0 && session.id == shopper.jar.session_id &&
                     session.home == SessionHome::Instance && session.instance == in.id &&
                     session.expires_us > now_us_;
  if (!found) {
    // Work out why, for the teaching trace, and orphan the session the cookie pointed at.
    ctx.loss_cause = LossCause::SessionNotFound;
    if (session.home == SessionHome::None && shopper.jar.session_id != 0) {
      ctx.loss_cause = LossCause::StrategyChanged;
    } else if (session.home == SessionHome::Instance) {
      Instance* old = MutableInstance(session.instance);
      if (old == nullptr || old->state == InstanceState::Terminated) {
        ctx.loss_cause = LossCause::InstanceGone;
      } else {
        if (session.expires_us <= now_us_) ctx.loss_cause = LossCause::SessionExpired;
        if (old->sessions > 0) --old->sessions;
        ++old->orphaned_sessions;
        ++old->orphans_by_minute[static_cast<size_t>((now_us_ / Sec(60)) % kOrphanBuckets)];
      }
    }
    shopper.session_loss = ctx.loss_cause;
    session.id = next_session_id_++;
    session.home = SessionHome::Instance;
    session.instance = in.id;
    shopper.jar.session_id = session.id;
    ClearStoredCart(ctx.ref());
    ++in.sessions;
    ++totals_.sessions_created;
    ctx.session_created = true;
  }
  session.expires_us = now_us_ + Sec(config_.session.idle_timeout_s);
  AddHop(ctx, Component::WebInstance, in.az, found ? HopResult::SessionFound : HopResult::SessionNotFound, 0, 0, in.id.value);
  return true;
}

bool Sim::LoadSessionFromCookie(RequestContext& ctx) {
  ShopperState& shopper = ctx.shopper;
  CookieJar& jar = shopper.jar;
  Instance& in = *ctx.instance;
  HopResult result = HopResult::CookieAccepted;
  if (jar.has_cart_cookie) {
    if (config_.session.cookie_signing && !(jar.cart_signed && jar.cart_signature_valid)) {
      ctx.cookie_rejected = true;
      ctx.cookie_error = jar.cart_signed ? CookieError::BadSignature : CookieError::MissingSignature;
      result = HopResult::CookieBadSignature;
      // The server resets the cart and tells the shopper so: nothing silently differs.
      ClearCart(ctx.stored);
      ClearCart(ctx.expected);
      CartsChanged(ctx.ref());
      jar.has_cart_cookie = false;
      ctx.ClearEditedCookie();
      ctx.cart_changed = true;
    } else if (jar.cart_tampered) {
      ctx.tamper_accepted = true;
      ctx.tamper_cents_off = int64_t{CatalogValueCents(ctx.stored)} - ctx.stored.total_cents;
      jar.cart_tampered = false;
      result = HopResult::CookieTampered;
    }
  } else {
    ClearStoredCart(ctx.ref());
  }
  if (jar.last_set_cookie_dropped) shopper.session_loss = ctx.loss_cause = LossCause::CookieDropped;
  AddHop(ctx, Component::WebInstance, in.az, result, 0, 0, in.id.value);
  return true;
}

bool Sim::LoadSessionFromStore(RequestContext& ctx) {
  ShopperState& shopper = ctx.shopper;
  ServerSession& session = shopper.session;
  Instance& in = *ctx.instance;
  const bool use_cache = config_.session.store == SessionStore::ElastiCache;
  int64_t io_us = 0;
  Component component = Component::DynamoDb;
  Az where = in.az;
  int node_index = 0;
  if (use_cache) {
    component = Component::ElastiCache;
    if (!in.to_cache.allowed) return Deny(ctx, in.to_cache, component, in.az);
    node_index = CacheIoNode();
    if (node_index < 0) return Fail(ctx, Outcome::SessionStoreUnavailable, component, in.az, HopResult::Unavailable, Ms(1));
    where = cache_.nodes[static_cast<size_t>(node_index)].az;
    io_us = rng_.Between(300, 800) + CrossAz(in.az, where);
    ++cache_.gets;
    if (ctx.trace != nullptr) ctx.trace->cache_node = static_cast<int8_t>(node_index);
  } else {
    io_us = rng_.Between(3000, 8000);
    ++dynamo_.reads;
    if (ctx.trace != nullptr) ctx.trace->used_dynamodb = true;
  }
  ctx.latency_us += io_us;
  const SessionHome home = use_cache ? SessionHome::Cache : SessionHome::DynamoDb;
  bool found = shopper.jar.session_id != 0 && session.id == shopper.jar.session_id && session.home == home &&
               session.expires_us > now_us_;
  if (found && use_cache && session.cache_epoch != cache_.data_epoch) found = false;
  ++totals_.session_store_ops;
  totals_.session_store_us_sum += static_cast<uint64_t>(io_us);
  if (!found) {
    ctx.loss_cause = LossCause::SessionNotFound;
    if (shopper.jar.session_forged) {
      // A guessed ID names no session: the store answers with nothing, and the attacker's own
      // session is not theirs any more either.
      ++totals_.forged_sessions;
    } else if (session.home == SessionHome::Cache && session.cache_epoch == 0) {
      ctx.loss_cause = LossCause::ReplicationLag;
    } else if (session.home == SessionHome::None && shopper.jar.session_id != 0) {
      ctx.loss_cause = LossCause::StrategyChanged;
    } else if (session.home == home && session.expires_us <= now_us_) {
      ctx.loss_cause = LossCause::SessionExpired;
    } else if (session.home == SessionHome::Cache && session.cache_epoch != cache_.data_epoch) {
      ctx.loss_cause = LossCause::CacheDataLost;
    }
    shopper.session_loss = ctx.loss_cause;
    session.id = next_session_id_++;
    session.home = home;
    shopper.jar.session_id = session.id;
    ClearStoredCart(ctx.ref());
    ++totals_.sessions_created;
    ctx.session_created = true;
  }
  shopper.jar.session_forged = false;
  session.cache_epoch = cache_.data_epoch;
  session.expires_us = now_us_ + Sec(config_.session.idle_timeout_s);
  AddHop(ctx, component, where, found ? HopResult::SessionFound : HopResult::SessionNotFound, io_us, node_index);
  return true;
}

// [SECTION] User data
bool Sim::ReadUser(RequestContext& ctx) {
  Instance& in = *ctx.instance;
  const uint32_t user = ctx.shopper.user;
  uint32_t version = 0;
  if (config_.cache.read_mode != CacheMode::None) {
    if (!in.to_cache.allowed) return Deny(ctx, in.to_cache, Component::ElastiCache, in.az);
    const int node = CacheIoNode();
    if (node >= 0) {
      // Cache-aside: look in the cache first.
      const Az where = cache_.nodes[static_cast<size_t>(node)].az;
      const int64_t get_us = rng_.Between(300, 800) + CrossAz(in.az, where);
      ctx.latency_us += get_us;
      ++cache_.gets;
      if (ctx.trace != nullptr) ctx.trace->cache_node = static_cast<int8_t>(node);
      UserRow& row = users_[user];
      if (row.cache_epoch == cache_.data_epoch && row.cache_expires_us > now_us_) {
        ++totals_.cache_hits;
        ctx.stale = row.cached_version < row.version;
        AddHop(ctx, Component::ElastiCache, where, HopResult::CacheHit, get_us, node);
        return true;
      }
      ++totals_.cache_misses;
      AddHop(ctx, Component::ElastiCache, where, HopResult::CacheMiss, get_us, node);
      if (!ReadUserFromDb(ctx, version)) return false;
      const int64_t set_us = rng_.Between(300, 800) + CrossAz(in.az, where);
      ctx.latency_us += set_us;
      ++cache_.sets;
      row.cached_version = version;
      row.cache_epoch = cache_.data_epoch;
      row.cache_expires_us = now_us_ + Sec(config_.cache.ttl_s);
      AddHop(ctx, Component::ElastiCache, where, HopResult::CacheSet, set_us, node);
      return true;
    }
    // The cache is down: the application falls back to the database.
  }
  return ReadUserFromDb(ctx, version);
}

bool Sim::ReadUserFromDb(RequestContext& ctx, uint32_t& version) {
  Instance& in = *ctx.instance;
  if (!in.to_db.allowed) return Deny(ctx, in.to_db, Component::RdsPrimary, in.az);
  if (read_nodes_.empty()) return Fail(ctx, Outcome::DbUnavailable, Component::RdsPrimary, in.az, HopResult::Unavailable, Ms(1));
  const int node = read_nodes_[read_cursor_++ % read_nodes_.size()];
  if (!QueryDb(ctx, node, false)) return false;
  const uint32_t user = ctx.shopper.user;
  const UserRow& row = users_[user];
  version = row.version;
  if (node != rds_.primary) {
    ++totals_.db_reads_replica;
    // Asynchronous replication: a replica has not yet applied writes younger than its lag.
    const int64_t lag_us = Ms(rds_.LagMs(node, config_.rds.replica_lag_ms, now_us_));
    if (row.committed_us >= 0 && row.committed_us > now_us_ - lag_us && version > 0) {
      version -= 1;
      ctx.stale = true;
      if (ctx.trace != nullptr && ctx.trace->hop_count > 0) ctx.trace->hops[ctx.trace->hop_count - 1].result = HopResult::DbReadStale;
    }
  } else {
    ++totals_.db_reads_primary;
  }
  return true;
}

bool Sim::QueryDb(RequestContext& ctx, int node_index, bool write) {
  RdsNode& node = rds_.nodes[static_cast<size_t>(node_index)];
  const Component component = node_index == rds_.primary ? Component::RdsPrimary : Component::RdsReplica;
  const uint32_t cores = std::max<uint32_t>(1, config_.rds.vcpus);
  const int64_t cost_us = write ? config_.rds.write_cpu_us : config_.rds.read_cpu_us;
  Drain(node.backlog_us, node.backlog_at_us, now_us_, cores);
  const int64_t wait_us = node.backlog_us / cores;
  if (ctx.trace != nullptr) ctx.trace->db_node = static_cast<int8_t>(node_index);
  if (wait_us > Ms(config_.rds.max_queue_ms)) {
    return Fail(ctx, Outcome::DbTimeout, component, node.az, HopResult::Timeout, Ms(config_.rds.max_queue_ms), node_index);
  }
  node.backlog_us += cost_us;
  node.busy_us_this_second += static_cast<uint64_t>(cost_us);
  write ? ++node.writes : ++node.reads;
  // A Multi-AZ write also waits for the synchronous standby in the other AZ.
  const int64_t sync_us = write && rds_.standby >= 0 && rds_.nodes[static_cast<size_t>(rds_.standby)].up ? 700 : 0;
  const int64_t total_us = rng_.Between(300, 900) + wait_us + cost_us + sync_us + CrossAz(ctx.instance->az, node.az);
  ctx.latency_us += total_us;
  AddHop(ctx, component, node.az, write ? HopResult::DbWrite : HopResult::DbRead, total_us, node_index);
  return true;
}

bool Sim::WriteUser(RequestContext& ctx) {
  Instance& in = *ctx.instance;
  if (!in.to_db.allowed) return Deny(ctx, in.to_db, Component::RdsPrimary, in.az);
  if (!PrimaryWritable()) {
    const Az az = rds_.primary >= 0 ? rds_.nodes[static_cast<size_t>(rds_.primary)].az : in.az;
    return Fail(ctx, Outcome::DbUnavailable, Component::RdsPrimary, az, HopResult::Unavailable, Ms(1));
  }
  if (!QueryDb(ctx, rds_.primary, true)) return false;
  const uint32_t user = ctx.shopper.user;
  UserRow& row = users_[user];
  write_log_[static_cast<size_t>(write_log_next_++ % write_log_.size())] =
      WriteLogEntry{now_us_, row.committed_us, user, row.version};
  ++row.version;
  row.committed_us = now_us_;
  ++totals_.db_writes;
  ++rds_.committed_writes;
  ctx.shopper.address_version = row.version;
  UpdateCacheAfterWrite(ctx, user);
  return true;
}

void Sim::UpdateCacheAfterWrite(RequestContext& ctx, uint32_t user) {
  const CacheMode mode = config_.cache.read_mode;
  if (mode == CacheMode::None || !ctx.instance->to_cache.allowed) return;
  if (mode == CacheMode::LazyLoading && config_.cache.invalidation == Invalidation::TtlOnly) return;
  const int node = CacheIoNode();
  if (node < 0) return;
  const Az where = cache_.nodes[static_cast<size_t>(node)].az;
  const int64_t io_us = rng_.Between(300, 800) + CrossAz(ctx.instance->az, where);
  ctx.latency_us += io_us;
  ++cache_.sets;
  UserRow& row = users_[user];
  if (mode == CacheMode::WriteThrough) {
    row.cached_version = row.version;
    row.cache_epoch = cache_.data_epoch;
    row.cache_expires_us = now_us_ + Sec(config_.cache.ttl_s);
    AddHop(ctx, Component::ElastiCache, where, HopResult::CacheSet, io_us, node);
  } else {
    row.cache_expires_us = 0;
    AddHop(ctx, Component::ElastiCache, where, HopResult::CacheInvalidated, io_us, node);
  }
}

bool Sim::WriteOrder(RequestContext& ctx) {
  Instance& in = *ctx.instance;
  if (!in.to_db.allowed) return Deny(ctx, in.to_db, Component::RdsPrimary, in.az);
  if (!PrimaryWritable()) {
    const Az az = rds_.primary >= 0 ? rds_.nodes[static_cast<size_t>(rds_.primary)].az : in.az;
    return Fail(ctx, Outcome::DbUnavailable, Component::RdsPrimary, az, HopResult::Unavailable, Ms(1));
  }
  if (!QueryDb(ctx, rds_.primary, true)) return false;
  ++totals_.db_writes;
  ++rds_.committed_writes;
  return true;
}

// [SECTION] Cart and action
void Sim::CompareCart(RequestContext& ctx) {
  ShopperState& shopper = ctx.shopper;
  if (ctx.cookie_rejected || shopper.carts_same) return;
  // Every page shows the cart badge, so the shopper notices on any request.
  ctx.cart_mismatch = true;
  ctx.loss_cause = shopper.session_loss;
  ctx.expected_units = ctx.expected.units;
  ctx.expected_cents = ctx.expected.total_cents;
  ctx.shown_units = ctx.stored.units;
  if (!shopper.id.scripted() && rng_.Percent(config_.shoppers.give_up_pct)) {
    ctx.gives_up = true;
  } else {
    ctx.expected = ctx.stored;  // they carry on with the cart they are shown
    CartsChanged(ctx.ref());
  }
}

// Changes both carts, so the flags that stand in for them on the request's cache lines follow.
void Sim::AddToCarts(RequestContext& ctx) {
  ShopperState& shopper = ctx.shopper;
  if (config_.session.strategy == SessionStrategy::ClientCookie) {
    Cart next = ctx.stored;
    if (!AddToCart(next, ctx.sku)) return;
    const uint32_t bytes = CartCookieBytes(next, config_.session.cookie_signing);
    if (bytes > kCookieLimitBytes) {
      // The page says "added", so the shopper believes it; the browser keeps the old cookie.
      AddToCart(ctx.expected, ctx.sku);
      CartsChanged(ctx.ref());
      shopper.jar.last_set_cookie_dropped = true;
      ++totals_.cookies_dropped;
      Emit(CookieTooLarge{shopper.id, bytes});
      AddHop(ctx, Component::Browser, Az::A, HopResult::CookieDropped, 0);
      return;
    }
    ctx.stored = next;
    AddToCart(ctx.expected, ctx.sku);
    CartsChanged(ctx.ref());
    ctx.cart_changed = true;
  } else if (AddToCart(ctx.stored, ctx.sku)) {
    AddToCart(ctx.expected, ctx.sku);
    CartsChanged(ctx.ref());
    ctx.cart_changed = true;
  }
}

bool Sim::ApplyAction(RequestContext& ctx) {
  ShopperState& shopper = ctx.shopper;
  if (ctx.gives_up) {
    ctx.end_visit = true;
    return true;
  }
  if (ctx.kind == RequestKind::AddToCart) {
    AddToCarts(ctx);
    return true;
  }
  if (ctx.kind == RequestKind::Checkout && !ctx.cart_mismatch && !shopper.cart_stored_empty) {
    if (!WriteOrder(ctx)) return false;
    const uint32_t paid = ctx.stored.total_cents;
    const uint32_t value = CatalogValueCents(ctx.stored);
    totals_.revenue_cents += paid;
    if (value > paid) {
      totals_.tamper_loss_cents += value - paid;
      totals_.revenue_lost_cents += value - paid;
    }
    ++totals_.orders;
    ++shopper.stats.orders;
    ClearCart(ctx.stored);
    ClearCart(ctx.expected);
    CartsChanged(ctx.ref());
    ctx.cart_changed = true;
    ctx.end_visit = true;
  }
  return true;
}

void Sim::SaveSession(RequestContext& ctx) {
  ShopperState& shopper = ctx.shopper;
  Instance& in = *ctx.instance;
  switch (config_.session.strategy) {
    case SessionStrategy::InstanceMemory: return;  // already in this instance's memory
    case SessionStrategy::ClientCookie: {
      if (!ctx.cart_changed) return;
      CookieJar& jar = shopper.jar;
      jar.has_cart_cookie = true;
      jar.cart_signed = config_.session.cookie_signing;
      jar.cart_signature_valid = true;
      jar.cart_tampered = false;
      jar.last_set_cookie_dropped = false;
      ctx.ClearEditedCookie();
      jar.cart_cookie_bytes = CartCookieBytes(ctx.stored, jar.cart_signed);
      AddHop(ctx, Component::WebInstance, in.az, HopResult::CookieSet, 0, 0, in.id.value);
      return;
    }
    case SessionStrategy::ServerSession: break;
  }
  if (!ctx.cart_changed && !ctx.session_created) return;
  if (config_.session.store == SessionStore::DynamoDb) {
    const int64_t io_us = rng_.Between(3000, 8000);
    ctx.latency_us += io_us;
    ++dynamo_.writes;
    ++totals_.session_store_ops;
    totals_.session_store_us_sum += static_cast<uint64_t>(io_us);
    AddHop(ctx, Component::DynamoDb, in.az, HopResult::SessionSaved, io_us);
    return;
  }
  const int node = CacheIoNode();
  if (node < 0) return;
  const Az where = cache_.nodes[static_cast<size_t>(node)].az;
  const int64_t io_us = rng_.Between(300, 800) + CrossAz(in.az, where);
  ctx.latency_us += io_us;
  ++cache_.sets;
  ++totals_.session_store_ops;
  totals_.session_store_us_sum += static_cast<uint64_t>(io_us);
  shopper.session.cache_saved_ms = static_cast<uint32_t>(now_us_ / kUsPerMs);
  AddHop(ctx, Component::ElastiCache, where, HopResult::SessionSaved, io_us, node);
}

// [SECTION] Finish
void Sim::Finish(RequestContext& ctx) {
  ShopperState& shopper = ctx.shopper;
  Outcome outcome = Outcome::Ok;
  if (ctx.error != Outcome::Ok) outcome = ctx.error;
  else if (ctx.cookie_rejected) outcome = Outcome::CookieRejected;
  else if (ctx.cart_mismatch) outcome = Outcome::CartLost;
  else if (ctx.tamper_accepted) outcome = Outcome::TamperAccepted;
  else if (ctx.stale) outcome = Outcome::StaleRead;

  Totals& t = totals_;
  ++t.requests;
  ++t.by_outcome[static_cast<size_t>(outcome)];
  ++t.by_kind[static_cast<size_t>(ctx.kind)];
  t.request_bytes_sum += ctx.request_bytes;
  t.cookie_bytes_sum += ctx.cookie_bytes;
  t.max_cookie_bytes = std::max(t.max_cookie_bytes, ctx.cookie_bytes);
  t.latency_us_sum += static_cast<uint64_t>(ctx.latency_us);
  run_latency_.Add(ctx.latency_us);
  second_latency_.Add(ctx.latency_us);

  ShopperStats& stats = shopper.stats;
  ++stats.requests;
  stats.last_outcome = outcome;
  stats.last_request_id = ctx.id;
  ++shopper.requests_this_visit;
  if (IsError(outcome)) {
    ++stats.errors;
  } else {
    if (ctx.cart_mismatch) {
      ++t.carts_lost;
      ++stats.carts_lost;
      shopper.lost_cart_this_visit = true;
      Emit(CartLost{shopper.id, ctx.id, ctx.expected_units, ctx.shown_units, ctx.loss_cause});
      if (ctx.gives_up) {
        ++t.angry_shoppers;
        ++stats.gave_up;
        t.revenue_lost_cents += ctx.expected_cents;
        Emit(ShopperGaveUp{shopper.id, ctx.expected_cents});
      }
    }
    if (ctx.stale) {
      ++t.stale_reads;
      ++stats.stale_reads;
    }
    if (ctx.tamper_accepted) {
      ++t.tamper_accepted;
      Emit(TamperAccepted{shopper.id, ctx.tamper_cents_off});
    }
    if (ctx.cookie_rejected) {
      ++t.cookies_rejected;
      Emit(CookieRejected{shopper.id, ctx.cookie_error});
    }
  }
  if (!shopper.id.scripted() && shopper.requests_this_visit >= config_.shoppers.max_requests_per_visit) {
    ctx.end_visit = true;
  }
  const uint32_t instance = ctx.instance != nullptr ? ctx.instance->id.value : 0;
  FoldHash(ctx.id);
  FoldHash((uint64_t{shopper.id.value} << 32) | (uint64_t{static_cast<uint8_t>(ctx.kind)} << 8) |
           static_cast<uint8_t>(outcome));
  FoldHash((uint64_t{instance} << 32) | static_cast<uint32_t>(ctx.latency_us));
  if (RequestTrace* tr = ctx.trace) {
    tr->outcome = outcome;
    tr->latency_us = static_cast<int32_t>(std::min<int64_t>(ctx.latency_us, 0x7FFF'FFFF));
    tr->request_bytes = ctx.request_bytes;
    tr->cookie_bytes = ctx.cookie_bytes;
  }
}

}  // namespace sim
