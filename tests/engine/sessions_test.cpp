// Where the cart lives: instance memory (with and without stickiness), the client cookie (size
// limit, tampering, signatures) and server sessions in ElastiCache or DynamoDB.
#include <doctest/doctest.h>

#include <algorithm>
#include <set>

#include "sim_helpers.h"

using namespace sim;
using test::Act;
using test::Do;

TEST_CASE("without stickiness, about 2/3 of shoppers lose their cart on their second request") {
  Config c = test::Crowd(300, 11);  // background traffic keeps the round robin moving
  c.session.strategy = SessionStrategy::InstanceMemory;
  c.load_balancer.stickiness.enabled = false;
  REQUIRE(c.auto_scaling.desired == 3);
  Scenario script;
  script.config = c;
  const int kShoppers = 600;
  for (int i = 0; i < kShoppers; ++i) {
    const std::string name = "s" + std::to_string(i);
    script.actions.push_back({Sec(1) + Ms(50) * i, Do(name, RequestKind::AddToCart, 0)});
    script.actions.push_back({Sec(6) + Ms(50) * i, Do(name, RequestKind::ViewCart)});
  }
  std::stable_sort(script.actions.begin(), script.actions.end(),
                   [](const TimedCommand& a, const TimedCommand& b) { return a.at_us < b.at_us; });
  Sim s(c);
  RunScenario(s, script, Sec(40));
  int lost = 0;
  for (const Shopper& shopper : s.scripted_shoppers()) {
    REQUIRE(shopper.stats.requests == 2);
    lost += shopper.stats.carts_lost;
  }
  const double share = static_cast<double>(lost) / kShoppers;
  CAPTURE(lost);
  CHECK(share > 0.60);
  CHECK(share < 0.73);
  // Every one of those losses is "session not found": the request landed on another instance.
  for (const CartLost& e : test::EventsOf<CartLost>(s)) {
    if (e.shopper.scripted()) CHECK(e.cause == LossCause::SessionNotFound);
  }
}

TEST_CASE("with stickiness no cart is lost; terminating an instance loses exactly the carts it held") {
  Config c = test::Crowd(600, 12);
  c.session.strategy = SessionStrategy::InstanceMemory;
  c.load_balancer.stickiness.enabled = true;
  Sim s(c);
  s.RunFor(Sec(120));
  CHECK(s.totals().carts_lost == 0);
  CHECK(s.totals().requests > 10'000);

  std::set<uint32_t> at_risk;
  for (const Shopper& shopper : s.crowd()) {
    if (shopper.session.home == SessionHome::Instance && shopper.session.instance == InstanceId{2} && !shopper.stored.empty()) {
      at_risk.insert(shopper.id.value);
    }
  }
  REQUIRE(at_risk.size() > 50);
  CHECK(s.CartsOnInstance(InstanceId{2}) == at_risk.size());

  s.Enqueue(TerminateInstance{InstanceId{2}});
  s.RunFor(Sec(60));
  const auto terminated = test::EventsOf<InstanceTerminated>(s);
  REQUIRE(terminated.size() == 1);
  CHECK(terminated[0].carts_at_risk == at_risk.size());

  std::set<uint32_t> lost;
  for (const CartLost& e : test::EventsOf<CartLost>(s)) {
    CHECK(e.cause == LossCause::InstanceGone);
    lost.insert(e.shopper.value);
  }
  CHECK(s.totals().carts_lost == at_risk.size());
  CHECK(lost == at_risk);
}

TEST_CASE("an edited unsigned cart cookie is trusted and the shop is paid one cent per item") {
  Config c = test::Crowd(0, 13);
  c.session.strategy = SessionStrategy::ClientCookie;
  c.session.cookie_signing = false;
  Sim s(c);
  Act(s, Do("mallory", RequestKind::AddToCart, 80));  // rain jacket, $89.99
  Act(s, Do("mallory", RequestKind::AddToCart, 0));   // T-shirt, $19.99
  CHECK(test::Named(s, "mallory").stored.total_cents == 10998);
  Act(s, TamperCookie{"mallory", TamperKind::LowerPrices});
  Act(s, Do("mallory", RequestKind::ViewCart));
  const Shopper& m = test::Named(s, "mallory");
  CHECK(m.stats.last_outcome == Outcome::TamperAccepted);
  CHECK(m.stored.total_cents == 2);
  CHECK(s.totals().tamper_accepted == 1);
  Act(s, Do("mallory", RequestKind::Checkout));
  CHECK(s.totals().orders == 1);
  CHECK(s.totals().revenue_cents == 2);
  CHECK(s.totals().tamper_loss_cents == 10996);
  CHECK(MetricValue(s, "tamper_loss_usd").value() == doctest::Approx(109.96));
}

TEST_CASE("a signed cart cookie that was edited fails the HMAC check and is rejected") {
  Config c = test::Crowd(0, 14);
  c.session.strategy = SessionStrategy::ClientCookie;
  c.session.cookie_signing = true;
  Sim s(c);
  Act(s, Do("mallory", RequestKind::AddToCart, 80));
  Act(s, Do("mallory", RequestKind::AddToCart, 0));
  // The browser's cookie really is signed with the server's key...
  const std::string header = s.CookieHeader(test::Named(s, "mallory"));
  const std::string value = header.substr(header.find("cart=") + 5);
  CHECK(ParseCartCookieValue(value, &s.cookie_key()).error == CookieError::None);
  Act(s, TamperCookie{"mallory", TamperKind::LowerPrices});
  // ...and the edited one is not.
  const std::string edited_header = s.CookieHeader(test::Named(s, "mallory"));
  const std::string edited = edited_header.substr(edited_header.find("cart=") + 5);
  CHECK(ParseCartCookieValue(edited, &s.cookie_key()).error == CookieError::BadSignature);
  CHECK(ParseCartCookieValue(edited, nullptr).cart.total_cents == 2);

  Act(s, Do("mallory", RequestKind::ViewCart));
  const Shopper& m = test::Named(s, "mallory");
  CHECK(m.stats.last_outcome == Outcome::CookieRejected);
  CHECK(m.stored.empty());
  CHECK(s.totals().cookies_rejected == 1);
  CHECK(s.totals().tamper_accepted == 0);
  const auto rejected = test::EventsOf<CookieRejected>(s);
  REQUIRE(rejected.size() == 1);
  CHECK(rejected[0].reason == CookieError::BadSignature);
  // The trace says so too.
  const RequestTrace& t = s.traces().back();
  const bool says_bad_signature = std::any_of(t.hops.begin(), t.hops.begin() + t.hop_count,
                                              [](const Hop& h) { return h.result == HopResult::CookieBadSignature; });
  CHECK(says_bad_signature);
  Act(s, Do("mallory", RequestKind::Checkout));
  CHECK(s.totals().orders == 0);
  CHECK(s.totals().revenue_cents == 0);
}

TEST_CASE("a cart cookie never exceeds 4096 bytes: the cart stops growing and the model says so") {
  Config c = test::Crowd(0, 15);
  c.session.strategy = SessionStrategy::ClientCookie;
  Sim s(c);
  uint16_t sku = 0;
  while (s.totals().cookies_dropped == 0 && sku < 240) {
    Act(s, Do("bulk", RequestKind::AddToCart, sku));
    sku = static_cast<uint16_t>(sku + 2);
    CHECK(test::Named(s, "bulk").jar.cart_cookie_bytes <= kCookieLimitBytes);
  }
  REQUIRE(s.totals().cookies_dropped == 1);
  const Shopper& bulk = test::Named(s, "bulk");
  const uint16_t lines = bulk.stored.line_count;
  CAPTURE(lines);
  CHECK(lines >= 14);
  CHECK(lines <= 18);
  CHECK(lines < kMaxCartLines);
  CHECK(bulk.expected.line_count == lines + 1);  // the page said "added"
  const auto too_large = test::EventsOf<CookieTooLarge>(s);
  REQUIRE(too_large.size() == 1);
  CHECK(too_large[0].bytes > kCookieLimitBytes);

  Act(s, Do("bulk", RequestKind::ViewCart));
  CHECK(test::Named(s, "bulk").stats.last_outcome == Outcome::CartLost);
  CHECK(test::EventsOf<CartLost>(s).back().cause == LossCause::CookieDropped);
  for (int i = 0; i < 20; ++i) {
    Act(s, Do("bulk", RequestKind::AddToCart, static_cast<uint16_t>((sku + 2 * i) % 240)));
    CHECK(test::Named(s, "bulk").stored.line_count == lines);
    CHECK(s.CookieJarOf(test::Named(s, "bulk")).total_bytes <= kCookieLimitBytes);
  }
  CHECK(s.totals().max_cookie_bytes <= kCookieLimitBytes);
  CHECK(s.totals().max_cookie_bytes > 3900);
  // Every request carries the whole cart: the last one is about 4 KB heavier than the first.
  const RequestTrace& first = s.traces()[0];
  const RequestTrace& last = s.traces().back();
  CHECK(last.request_bytes > first.request_bytes + 3800);
}

TEST_CASE("carts in ElastiCache survive an instance termination") {
  Config c = test::Crowd(600, 16);
  c.session.strategy = SessionStrategy::ServerSession;
  c.session.store = SessionStore::ElastiCache;
  Sim s(c);
  s.RunFor(Sec(60));
  CHECK(s.SessionKeysInCache() > 400);
  s.Enqueue(TerminateInstance{InstanceId{1}});
  s.RunFor(Sec(60));
  CHECK(test::CountOf<InstanceTerminated>(s) == 1);
  CHECK(s.totals().carts_lost == 0);
  CHECK(s.totals().requests > 12'000);
}

TEST_CASE("a single-node ElastiCache loses every cart with the node") {
  Config c = test::Crowd(600, 17);
  c.session.strategy = SessionStrategy::ServerSession;
  c.cache.multi_az = false;
  Sim s(c);
  s.RunFor(Sec(60));
  uint32_t at_risk = 0;
  for (const Shopper& shopper : s.crowd()) at_risk += shopper.session.home == SessionHome::Cache && !shopper.stored.empty();
  REQUIRE(at_risk > 100);
  s.Enqueue(FailCachePrimary{});
  s.RunFor(Sec(20));
  CHECK(s.totals().by_outcome[static_cast<size_t>(Outcome::SessionStoreUnavailable)] > 1000);
  const auto failed = test::EventsOf<CacheNodeFailed>(s);
  REQUIRE(failed.size() == 1);
  CHECK(failed[0].data_lost);
  CHECK(failed[0].keys_lost >= at_risk);
  s.Enqueue(RestoreCache{});
  s.RunFor(Sec(60));
  CHECK(s.totals().carts_lost == at_risk);
  for (const CartLost& e : test::EventsOf<CartLost>(s)) CHECK(e.cause == LossCause::CacheDataLost);
}

TEST_CASE("a Multi-AZ ElastiCache fails over to its replica and loses only the carts written within the replication lag") {
  Config c = test::Crowd(600, 18);
  c.session.strategy = SessionStrategy::ServerSession;
  c.cache.multi_az = true;
  c.cache.failover_s = 15;
  Sim s(c);
  REQUIRE(s.cache().nodes[1].exists);
  CHECK(s.cache().nodes[1].az == Az::B);
  s.RunFor(Sec(60));
  s.Enqueue(FailCachePrimary{});
  s.RunFor(Sec(120));
  // 600 shoppers save about 30 sessions a second: about one falls within the 20 ms lag.
  CHECK(s.totals().carts_lost <= s.totals().sessions_lost_to_lag);
  CHECK(s.totals().sessions_lost_to_lag <= 3);
  for (const CartLost& e : test::EventsOf<CartLost>(s)) CHECK(e.cause == LossCause::ReplicationLag);
  // The failover window is not free: requests fail while the replica is promoted.
  const uint64_t unavailable = s.totals().by_outcome[static_cast<size_t>(Outcome::SessionStoreUnavailable)];
  CHECK(unavailable > 1000);
  CHECK(unavailable < 3000);  // about 15 s of 120 requests/s
  const auto done = test::EventsOf<CacheFailoverCompleted>(s);
  REQUIRE(done.size() == 1);
  CHECK(done[0].new_primary == Az::B);
  CHECK(s.cache().primary_index() == 1);
}

TEST_CASE("carts in DynamoDB survive instance and AZ failures, at single-digit millisecond cost") {
  Config c = test::Crowd(600, 19);
  c.session.strategy = SessionStrategy::ServerSession;
  c.session.store = SessionStore::DynamoDb;
  Sim s(c);
  s.RunFor(Sec(60));
  CHECK(s.SessionsInDynamoDb() > 400);
  s.Enqueue(FailAz{Az::A});
  s.RunFor(Sec(120));
  CHECK(s.totals().carts_lost == 0);
  CHECK(s.dynamodb().reads > 10'000);
  // Every DynamoDB hop in the traces is within 3-8 ms.
  int checked = 0;
  for (size_t i = 0; i < s.traces().size(); ++i) {
    const RequestTrace& t = s.traces()[i];
    for (uint8_t h = 0; h < t.hop_count; ++h) {
      if (t.hops[h].component != Component::DynamoDb) continue;
      CHECK(t.hops[h].latency_us >= 3000);
      CHECK(t.hops[h].latency_us <= 8000);
      ++checked;
    }
  }
  CHECK(checked > 100);
}

TEST_CASE("in-memory sessions pile up as orphans without stickiness and age out after the idle timeout") {
  Config c = test::Crowd(300, 20);
  c.session.idle_timeout_s = 300;
  Sim s(c);
  s.RunFor(Sec(120));
  uint32_t orphans = 0, live = 0;
  for (const Instance& in : s.instances()) {
    orphans += in.orphaned_sessions;
    live += in.sessions;
  }
  CHECK(live <= 300);
  CHECK(orphans > 2000);  // a new session on almost every request
  s.RunFor(Sec(600));
  uint32_t later = 0;
  for (const Instance& in : s.instances()) later += in.orphaned_sessions;
  // Only orphans of the last idle timeout (5 min plus the current minute) remain.
  const double per_minute = static_cast<double>(orphans) / 2.0;
  CHECK(later < per_minute * 7);
  CHECK(later > per_minute * 4);
}
