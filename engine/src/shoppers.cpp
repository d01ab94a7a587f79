// Shoppers: the crowd (closed-loop: each shopper thinks, makes a request, thinks again), their
// visits, the arrival queue that orders their requests, and scripted shoppers driven by commands.
#include <algorithm>

#include "statelab/sim.h"

namespace sim {

namespace {

template <class A>
bool Before(const A& a, const A& b) {
  return a.time_us < b.time_us || (a.time_us == b.time_us && a.slot < b.slot);
}

}  // namespace

// [SECTION] Arrival queue
// A binary heap ordered by (time, slot): a strict total order, so the pop sequence is the same
// whatever the standard library.
void Sim::Schedule(uint32_t slot, TimeUs at_us) {
  crowd_[slot].scheduled = true;
  arrivals_.push_back(Arrival{at_us, slot});
  size_t i = arrivals_.size() - 1;
  while (i > 0) {
    const size_t parent = (i - 1) / 2;
    if (!Before(arrivals_[i], arrivals_[parent])) break;
    std::swap(arrivals_[i], arrivals_[parent]);
    i = parent;
  }
}

Sim::Arrival Sim::PopArrival() {
  const Arrival top = arrivals_.front();
  const Arrival last = arrivals_.back();
  arrivals_.pop_back();
  const size_t n = arrivals_.size();
  if (n == 0) return top;
  size_t i = 0;
  while (true) {
    const size_t left = 2 * i + 1;
    if (left >= n) break;
    size_t child = left;
    if (left + 1 < n && Before(arrivals_[left + 1], arrivals_[left])) child = left + 1;
    if (!Before(arrivals_[child], last)) break;
    arrivals_[i] = arrivals_[child];
    i = child;
  }
  arrivals_[i] = last;
  return top;
}

// [SECTION] Crowd
void Sim::ResizeCrowd() {
  const uint32_t target = config_.shoppers.count + spike_extra_;
  if (crowd_.size() < target) {
    crowd_.reserve(target);
    while (crowd_.size() < target) {
      Shopper shopper;
      shopper.id = ShopperId::Crowd(static_cast<uint32_t>(crowd_.size()));
      crowd_.push_back(std::move(shopper));
    }
    arrivals_.reserve(target);
  }
  active_crowd_ = target;
  // Slots beyond the target leave at their next arrival; new ones arrive spread over a think time.
  for (uint32_t slot = 0; slot < target; ++slot) {
    Shopper& shopper = crowd_[slot];
    if (shopper.scheduled) continue;
    shopper.active = true;
    StartVisit(shopper);
    Schedule(slot, now_us_ + rng_.Between(0, config_.shoppers.think_time_us));
  }
}

TimeUs Sim::ThinkTime() {
  const TimeUs mean = config_.shoppers.think_time_us;
  return rng_.Between(mean / 2, mean + mean / 2);
}

void Sim::OnArrival(uint32_t slot) {
  Shopper& shopper = crowd_[slot];
  shopper.scheduled = false;
  if (slot >= active_crowd_) {
    EndVisit(shopper);
    shopper.active = false;
    return;
  }
  const RequestKind kind = ChooseKind(shopper);
  const uint16_t sku = static_cast<uint16_t>(rng_.Below(static_cast<uint32_t>(Catalog().size())));
  const RequestResult result = ServeRequest(shopper, kind, sku);
  const TimeUs next_us = now_us_ + std::max<int64_t>(1, result.latency_us + ThinkTime());
  if (result.end_visit) StartVisit(shopper);
  Schedule(slot, next_us);
}

RequestKind Sim::ChooseKind(const Shopper& shopper) {
  const BehaviourMix& mix = config_.shoppers.mix;
  const uint32_t total = mix.Total();
  RequestKind kind = RequestKind::Browse;
  if (total > 0) {
    uint32_t pick = rng_.Below(total);
    for (int k = 0; k < kRequestKindCount; ++k) {
      const uint32_t weight = mix.Weight(static_cast<RequestKind>(k));
      if (pick < weight) {
        kind = static_cast<RequestKind>(k);
        break;
      }
      pick -= weight;
    }
  }
  if (kind == RequestKind::Checkout && shopper.expected.empty()) kind = RequestKind::AddToCart;
  return kind;
}

// [SECTION] Visits
void Sim::EndVisit(Shopper& shopper) {
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

void Sim::StartVisit(Shopper& shopper) {
  EndVisit(shopper);
  ++shopper.stats.visits;
  ++totals_.visits;
  shopper.user = rng_.Below(static_cast<uint32_t>(users_.size()));
  shopper.jar = CookieJar{};
  ClearCart(shopper.expected);
  ClearCart(shopper.stored);
  shopper.lb_az = -1;
  shopper.requests_this_visit = 0;
  shopper.lost_cart_this_visit = false;
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
  StartVisit(scripted_.back());
  return scripted_.back();
}

void Sim::Tamper(const TamperCookie& tamper) {
  Shopper& shopper = ScriptedShopper(tamper.shopper);
  CookieJar& jar = shopper.jar;
  if (config_.session.strategy != SessionStrategy::ClientCookie || !jar.has_cart_cookie) {
    Reject(Command(tamper), "no cart cookie to edit");
    return;
  }
  const std::string original =
      jar.edited_cart_cookie.empty()
          ? EncodeCartCookieValue(shopper.stored, jar.cart_signed ? &cookie_key_ : nullptr)
          : jar.edited_cart_cookie;
  jar.edited_cart_cookie = TamperCartCookieValue(original, tamper.kind);
  jar.cart_cookie_bytes = static_cast<uint32_t>(kCartCookieName.size() + 1 + jar.edited_cart_cookie.size());
  // The browser now holds the edited cart, and the attacker expects the site to show it.
  shopper.stored = ParseCartCookieValue(jar.edited_cart_cookie, nullptr).cart;
  shopper.expected = shopper.stored;
  // Whether the server will accept it is decided here by the real HMAC check.
  jar.cart_signature_valid =
      ParseCartCookieValue(jar.edited_cart_cookie, &cookie_key_).error == CookieError::None;
  jar.cart_tampered = true;
}

}  // namespace sim
