// Shoppers: the crowd (closed-loop: each shopper thinks, makes a request, thinks again), their
// visits, the arrival queue that orders their requests, and scripted shoppers driven by commands.
#include <algorithm>

#include "statelab/sim.h"
#include "touch.h"

namespace sim {

// [SECTION] Arrival queue
// Arrivals are packed (time, slot) keys, a strict total order, so the processing sequence is the
// same on every platform. Most land in the timing wheel (one bucket per tick, O(1) insert);
// those beyond its horizon wait in a 4-ary heap and join their bucket when their tick comes.
void Sim::Schedule(uint32_t slot, TimeUs at_us) {
  crowd_[slot].scheduled = true;
  const Arrival key = (static_cast<uint64_t>(at_us) << kSlotBits) | slot;
  const int64_t tick = at_us / kTickUs;
  if (tick <= drained_tick_) {
    // For the tick being processed (only with a think time shorter than a tick).
    due_.insert(std::upper_bound(due_.begin(), due_.end(), key), key);
  } else if (tick - drained_tick_ < kWheelTicks) {
    wheel_[static_cast<size_t>(tick % kWheelTicks)].push_back(key);
  } else {
    PushOverflow(key);
  }
}

void Sim::CollectDue(TimeUs end_us) {
  const int64_t tick = (end_us - 1) / kTickUs;
  due_.clear();
  std::swap(due_, wheel_[static_cast<size_t>(tick % kWheelTicks)]);
  const Arrival end_key = static_cast<uint64_t>(end_us) << kSlotBits;
  while (!overflow_.empty() && overflow_.front() < end_key) due_.push_back(PopOverflow());
  std::sort(due_.begin(), due_.end());
  drained_tick_ = tick;
}

void Sim::PushOverflow(Arrival key) {
  overflow_.push_back(key);
  size_t i = overflow_.size() - 1;
  while (i > 0) {
    const size_t parent = (i - 1) / 4;
    if (overflow_[parent] <= key) break;
    overflow_[i] = overflow_[parent];
    i = parent;
  }
  overflow_[i] = key;
}

Sim::Arrival Sim::PopOverflow() {
  const Arrival top = overflow_.front();
  const Arrival last = overflow_.back();
  overflow_.pop_back();
  const size_t n = overflow_.size();
  if (n == 0) return top;
  size_t i = 0;
  while (true) {
    const size_t first = 4 * i + 1;
    if (first >= n) break;
    size_t child = first;
    const size_t end = std::min(first + 4, n);
    for (size_t c = first + 1; c < end; ++c) {
      if (overflow_[c] < overflow_[child]) child = c;
    }
    if (overflow_[child] >= last) break;
    overflow_[i] = overflow_[child];
    i = child;
  }
  overflow_[i] = last;
  return top;
}

// [SECTION] Crowd
void Sim::ResizeCrowd() {
  const uint32_t target = config_.shoppers.count + spike_extra_;
  if (crowd_.size() < target) {
    crowd_.reserve(target);
    crowd_carts_.reserve(target);
    while (crowd_.size() < target) {
      ShopperState shopper;
      shopper.id = ShopperId::Crowd(static_cast<uint32_t>(crowd_.size()));
      crowd_.push_back(shopper);
      crowd_carts_.emplace_back();
    }
  }
  active_crowd_ = target;
  // Slots beyond the target leave at their next arrival; new ones arrive spread over a think time.
  for (uint32_t slot = 0; slot < target; ++slot) {
    ShopperState& shopper = crowd_[slot];
    if (shopper.scheduled) continue;
    shopper.active = true;
    StartVisit(CrowdRef(slot));
    Schedule(slot, now_us_ + rng_.Between(0, config_.shoppers.think_time_us));
  }
}

TimeUs Sim::ThinkTime() {
  const TimeUs mean = config_.shoppers.think_time_us;
  return rng_.Between(mean / 2, mean + mean / 2);
}

void Sim::OnArrival(uint32_t slot) {
  ShopperState& shopper = crowd_[slot];
  shopper.scheduled = false;
  if (slot >= active_crowd_) {
    EndVisit(shopper);
    shopper.active = false;
    return;
  }
  const RequestKind kind = ChooseKind(shopper);
  if (kind == RequestKind::AddToCart || kind == RequestKind::Checkout) {
    // These change the carts, which live apart from the state: start the misses now, so they
    // overlap the request's way through the load balancer, the instance and the session store.
    Touch(&crowd_carts_[slot].expected, prefetch_sink_);
    Touch(&crowd_carts_[slot].stored, prefetch_sink_);
  }
  const uint16_t sku = static_cast<uint16_t>(rng_.Below(static_cast<uint32_t>(Catalog().size())));
  const RequestResult result = ServeRequest(CrowdRef(slot), kind, sku);
  const TimeUs next_us = now_us_ + std::max<int64_t>(1, result.latency_us + ThinkTime());
  if (result.end_visit) StartVisit(CrowdRef(slot));
  Schedule(slot, next_us);
}

RequestKind Sim::ChooseKind(const ShopperState& shopper) {
  const BehaviourMix& mix = config_.shoppers.mix;
  const uint32_t weights[kRequestKindCount] = {mix.browse, mix.add_to_cart, mix.view_cart, mix.update_address,
                                               mix.checkout};
  const uint32_t total = weights[0] + weights[1] + weights[2] + weights[3] + weights[4];
  RequestKind kind = RequestKind::Browse;
  if (total > 0) {
    uint32_t pick = rng_.Below(total);
    for (int k = 0; k < kRequestKindCount; ++k) {
      if (pick < weights[k]) {
        kind = static_cast<RequestKind>(k);
        break;
      }
      pick -= weights[k];
    }
  }
  if (kind == RequestKind::Checkout && shopper.cart_expected_empty) kind = RequestKind::AddToCart;
  return kind;
}

// [SECTION] Visits
// The carts live outside the two cache lines a request reads; these keep the flags that stand in
// for them there in step.
void Sim::CartsChanged(ShopperRef shopper) {
  shopper.state.cart_expected_empty = shopper.expected.empty();
  shopper.state.cart_stored_empty = shopper.stored.empty();
  shopper.state.carts_same = SameContents(shopper.expected, shopper.stored);
}

void Sim::ClearStoredCart(ShopperRef shopper) {
  if (shopper.state.cart_stored_empty) return;  // an empty cart's totals are already zero
  ClearCart(shopper.stored);
  CartsChanged(shopper);
}

void Sim::EndVisit(ShopperState& shopper) {
  // An in-memory session nobody will ask for again stays on its instance until the idle timeout.
  if (shopper.session.home == SessionHome::Instance) {
    Instance* instance = MutableInstance(shopper.session.instance);
    if (instance != nullptr && instance->state != InstanceState::Terminated && instance->sessions > 0) {
      --instance->sessions;
      ++instance->orphaned_sessions;
      ++instance->orphans_by_minute[static_cast<size_t>((now_us_ / Sec(60)) % kOrphanBuckets)];
    }
  }
  shopper.session = ServerSession{};
}

// A visit that ends without the shopper seeing the cart again (every request failed until they
// left) still lost the cart if the site no longer holds it: count it, or a session store that died
// would look like it lost nothing.
void Sim::CountUnseenCartLoss(ShopperRef who) {
  const ShopperState& shopper = who.state;
  if (shopper.cart_expected_empty) return;
  const ServerSession& s = shopper.session;
  LossCause cause = LossCause::SessionNotFound;
  if (s.home == SessionHome::Cache && s.id != 0 && s.id == shopper.jar.session_id && s.cache_epoch != cache_.data_epoch) {
    cause = s.cache_epoch == 0 ? LossCause::ReplicationLag : LossCause::CacheDataLost;
  } else if (s.home == SessionHome::Instance) {
    const Instance* in = FindInstance(s.instance);
    if (in != nullptr && in->state != InstanceState::Terminated) return;
    cause = LossCause::InstanceGone;
  } else {
    return;
  }
  ++totals_.carts_lost;
  ++totals_.carts_lost_unseen;
  ++who.state.stats.carts_lost;
  Emit(CartLost{shopper.id, shopper.stats.last_request_id, static_cast<uint16_t>(who.expected.units), 0, cause});
}

void Sim::StartVisit(ShopperRef who) {
  ShopperState& shopper = who.state;
  if (shopper.stats.visits > 0) CountUnseenCartLoss(who);
  EndVisit(shopper);
  ++shopper.stats.visits;
  ++totals_.visits;
  shopper.user = rng_.Below(static_cast<uint32_t>(users_.size()));
  shopper.jar = CookieJar{};
  if (!shopper.cart_expected_empty || !shopper.cart_stored_empty) {
    ClearCart(who.expected);
    ClearCart(who.stored);
    CartsChanged(who);
  }
  shopper.lb_az = -1;
  shopper.requests_this_visit = 0;
  shopper.lost_cart_this_visit = false;
  shopper.session_loss = LossCause::SessionNotFound;
  shopper.address_version = users_[shopper.user].version;
}

void Sim::RunSpike() {
  if (spike_until_us_ < 0 || now_us_ < spike_until_us_) return;
  spike_extra_ = 0;
  spike_until_us_ = -1;
  ResizeCrowd();
  Emit(TrafficSpikeEnded{});
}

// [SECTION] Scripted shoppers
Shopper& Sim::ScriptedShopper(const std::string& name) {
  for (Shopper& s : scripted_) {
    if (s.name == name) return s;
  }
  Shopper shopper;
  shopper.id = ShopperId::Scripted(static_cast<uint32_t>(scripted_.size()));
  shopper.name = name;
  shopper.active = true;
  shopper.followed = true;
  scripted_.push_back(std::move(shopper));
  StartVisit(Ref(scripted_.back()));
  return scripted_.back();
}

void Sim::Tamper(const TamperCookie& tamper) {
  Shopper& shopper = ScriptedShopper(tamper.shopper);
  CookieJar& jar = shopper.jar;
  if (tamper.kind == TamperKind::GuessSessionId) {
    if (config_.session.strategy != SessionStrategy::ServerSession || jar.session_id == 0) {
      Reject(Command(tamper), RejectReason::NoSessionCookie);
      return;
    }
    // A real session ID is 128 random bits: a guess names no session. The model's IDs count up
    // from 1, so a guess is drawn from the upper half, which no session ever gets.
    jar.session_id = (uint64_t{1} << 63) | rng_.Next();
    jar.session_forged = true;
    // The attacker gave up their own session on purpose: an empty cart is what they expect now.
    ClearCart(shopper.expected);
    CartsChanged(Ref(shopper));
    return;
  }
  if (config_.session.strategy != SessionStrategy::ClientCookie || !jar.has_cart_cookie) {
    Reject(Command(tamper), RejectReason::NoCartCookie);
    return;
  }
  const std::string original =
      shopper.edited_cart_cookie.empty()
          ? EncodeCartCookieValue(shopper.stored, jar.cart_signed ? &cookie_key_ : nullptr)
          : shopper.edited_cart_cookie;
  shopper.edited_cart_cookie = TamperCartCookieValue(original, tamper.kind);
  jar.cart_cookie_bytes = static_cast<uint32_t>(kCartCookieName.size() + 1 + shopper.edited_cart_cookie.size());
  // The browser now holds the edited cart, and the attacker expects the site to show it.
  shopper.stored = ParseCartCookieValue(shopper.edited_cart_cookie, nullptr).cart;
  shopper.expected = shopper.stored;
  CartsChanged(Ref(shopper));
  // Whether the server will accept it is decided here by the real HMAC check.
  jar.cart_signature_valid =
      ParseCartCookieValue(shopper.edited_cart_cookie, &cookie_key_).error == CookieError::None;
  jar.cart_tampered = true;
}

}  // namespace sim
