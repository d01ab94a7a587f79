// The monthly cost estimate (cost.h, docs/model.md): the price file and its loader (every figure
// from an AWS source, with a date and a quote; bad files refused with the file, the path and what
// was expected), the arithmetic read back from a file's own figures, lines without a figure never
// given a number, and the usage a running Sim shows.
#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <string>
#include <vector>

#include "statelab/cost.h"
#include "statelab/sim.h"
#include "statelab/theory.h"

namespace {

const std::string kSource = STATELAB_SOURCE_DIR;
const std::string kShipped = kSource + "/lessons/prices.json";

// A test file where every item has a figure. The figures are test numbers, not prices: the tests
// read them back from the parsed table, never from here.
const char* kAllPriced = R"({
  "region": "us-east-1", "currency": "USD", "checked": "2026-11-30",
  "classes": [
    {"component": "ec2", "vcpus": 2, "class": "t3.micro", "source": "https://docs.aws.amazon.com/x", "quote": "t3.micro 2"},
    {"component": "ec2", "vcpus": 4, "class": "t3.xlarge", "source": "https://docs.aws.amazon.com/x", "quote": "t3.xlarge 4"},
    {"component": "rds", "vcpus": 2, "class": "db.t3.micro", "source": "https://docs.aws.amazon.com/y", "quote": "db.t3.micro 2"},
    {"component": "elasticache", "class": "cache.t3.micro", "source": "https://aws.amazon.com/elasticache/pricing/", "quote": "cache.t3.micro"}
  ],
  "prices": [
    {"item": "ec2_instance_hour", "class": "t3.micro", "usd": 0.11, "unit": "per hour", "source": "https://aws.amazon.com/ec2/pricing/on-demand/", "checked": "2026-11-30", "quote": "q"},
    {"item": "ec2_instance_hour", "class": "t3.xlarge", "usd": 0.44, "unit": "per hour", "source": "https://aws.amazon.com/ec2/pricing/on-demand/", "checked": "2026-11-30", "quote": "q"},
    {"item": "alb_hour", "usd": 0.03, "unit": "per hour", "source": "https://aws.amazon.com/elasticloadbalancing/pricing/", "checked": "2026-11-30", "quote": "q"},
    {"item": "alb_lcu_hour", "usd": 0.007, "gb_per_lcu_hour": 2, "unit": "per LCU-hour", "source": "https://aws.amazon.com/elasticloadbalancing/pricing/", "checked": "2026-11-30", "quote": "q"},
    {"item": "elasticache_node_hour", "class": "cache.t3.micro", "usd": 0.02, "unit": "per node-hour", "source": "https://aws.amazon.com/elasticache/pricing/", "checked": "2026-11-30", "quote": "q"},
    {"item": "rds_single_az_hour", "class": "db.t3.micro", "usd": 0.05, "unit": "per hour", "source": "https://aws.amazon.com/rds/mysql/pricing/", "checked": "2026-11-30", "quote": "q"},
    {"item": "rds_multi_az_hour", "class": "db.t3.micro", "usd": 0.09, "unit": "per hour", "source": "https://aws.amazon.com/rds/mysql/pricing/", "checked": "2026-11-30", "quote": "q"},
    {"item": "dynamodb_write_million", "usd": 1.5, "unit": "per million", "source": "https://aws.amazon.com/dynamodb/pricing/on-demand/", "checked": "2026-11-30", "quote": "q"},
    {"item": "dynamodb_read_million", "usd": 0.3, "unit": "per million", "source": "https://aws.amazon.com/dynamodb/pricing/on-demand/", "checked": "2026-11-30", "quote": "q"},
    {"item": "cross_az_gb", "usd": 0.02, "unit": "per GB each way", "source": "https://aws.amazon.com/ec2/pricing/on-demand/", "checked": "2026-11-30", "quote": "q"}
  ]
})";

sim::PriceTable Parse(const std::string& text) {
  const auto parsed = sim::ParsePriceTable(text, "t.json");
  INFO(parsed.error.Message());
  REQUIRE(parsed.ok());
  return *parsed.value;
}

sim::PriceTable Shipped() {
  const auto loaded = sim::LoadPriceTable(kShipped);
  INFO(loaded.error.Message());
  REQUIRE(loaded.ok());
  return *loaded.value;
}

const sim::CostLine& Line(const sim::CostEstimate& e, sim::CostComponent c) {
  for (const sim::CostLine& l : e.lines) {
    if (l.component == c) return l;
  }
  FAIL("no line");
  return e.lines.front();
}

double Rate(const sim::PriceTable& t, sim::PriceItem item, const std::string& klass = "") {
  const sim::Price* p = t.Find(item, klass);
  REQUIRE(p != nullptr);
  REQUIRE(p->usd.has_value());
  return *p->usd;
}

sim::Usage Busy() {
  sim::Usage u;
  u.instances = 5;
  u.instance_vcpus = 2;
  u.cache_used = true;
  u.cache_nodes = 2;
  u.rds_multi_az = true;
  u.rds_replicas = 2;
  u.rds_vcpus = 2;
  u.alb_gb_per_hour = 0.75;
  u.dynamodb_writes_per_s = 12;
  u.dynamodb_reads_per_s = 40;
  u.cross_az_round_trips_per_s = 300;
  u.cross_az_gb_per_month = 55;
  return u;
}

// The invariant every estimate keeps: a number only on a priced line, the total is their sum, and
// the count of unpriced lines is the used lines without one.
void CheckHonest(const sim::CostEstimate& e) {
  REQUIRE(e.lines.size() == static_cast<size_t>(sim::kCostComponentCount));
  double sum = 0;
  int unpriced = 0;
  for (int i = 0; i < sim::kCostComponentCount; ++i) {
    const sim::CostLine& l = e.lines[static_cast<size_t>(i)];
    CAPTURE(sim::Name(l.component));
    CHECK(l.component == static_cast<sim::CostComponent>(i));
    CHECK(l.usd_month.has_value() == (l.why == sim::Unpriced::None));
    if (l.why == sim::Unpriced::None) {
      REQUIRE(l.price != nullptr);
      CHECK(l.price->usd.has_value());
      CHECK(sim::IsAwsSource(l.price->source));
      CHECK(l.quantity.has_value());
      sum += *l.usd_month;
    } else if (l.why != sim::Unpriced::NotUsed) {
      ++unpriced;
    }
    if (l.why == sim::Unpriced::NoAwsSource && l.price != nullptr) CHECK(!l.price->unpriced.en.empty());
  }
  CHECK(e.priced_usd_month == doctest::Approx(sum));
  CHECK(e.unpriced_lines == unpriced);
}

}  // namespace

TEST_CASE("the shipped price file loads, and every figure and class has an AWS source, a date and a quote") {
  const sim::PriceTable t = Shipped();
  CHECK(t.region == "us-east-1");
  CHECK(t.currency == "USD");
  CHECK(t.checked == "2026-11-30");
  for (const sim::ClassRow& c : t.classes) {
    CAPTURE(c.name);
    CHECK(sim::IsAwsSource(c.source));
    CHECK(!c.quote.empty());
    CHECK(c.quote.find(c.name) != std::string::npos);  // the quoted row names the class
  }
  int priced = 0;
  for (const sim::Price& p : t.prices) {
    CAPTURE(sim::Name(p.item));
    if (p.usd) {
      ++priced;
      CHECK(sim::IsAwsSource(p.source));
      CHECK(p.checked.size() == 10);
      CHECK(!p.quote.empty());
    } else {
      CHECK(!p.unpriced.ko.empty());
      CHECK(!p.unpriced.en.empty());
    }
  }
  CHECK(priced >= 1);
  // Every item has a row, and a per-class item one for each class of its component: a figure that
  // is missing is said to be missing, never silently left out.
  for (int i = 0; i < sim::kPriceItemCount; ++i) {
    const auto item = static_cast<sim::PriceItem>(i);
    CAPTURE(sim::Name(item));
    if (!sim::PerClass(item)) {
      CHECK(t.Find(item) != nullptr);
      continue;
    }
    const sim::ClassedComponent owner = item == sim::PriceItem::Ec2InstanceHour       ? sim::ClassedComponent::Ec2
                                        : item == sim::PriceItem::ElastiCacheNodeHour ? sim::ClassedComponent::ElastiCache
                                                                                      : sim::ClassedComponent::Rds;
    for (const sim::ClassRow& c : t.classes) {
      if (c.component == owner) CHECK(t.Find(item, c.name) != nullptr);
    }
  }
  // The quote states the figure it backs.
  const sim::Price* cross = t.Find(sim::PriceItem::CrossAzGb);
  REQUIRE(cross != nullptr);
  REQUIRE(cross->usd.has_value());
  CHECK(*cross->usd == 0.01);
  CHECK(cross->quote.find("$0.01/GB in each direction") != std::string::npos);
}

TEST_CASE("item names round-trip, and only AWS hosts are sources") {
  for (int i = 0; i < sim::kPriceItemCount; ++i) {
    const auto item = static_cast<sim::PriceItem>(i);
    CHECK(sim::ParsePriceItem(sim::Name(item)) == item);
  }
  CHECK(!sim::ParsePriceItem("ec2"));
  CHECK(sim::IsAwsSource("https://aws.amazon.com/ec2/pricing/on-demand/"));
  CHECK(sim::IsAwsSource("https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/x.html"));
  CHECK(!sim::IsAwsSource("https://aws.amazon.com/"));  // a host alone names no page
  CHECK(!sim::IsAwsSource("http://aws.amazon.com/ec2/pricing/"));
  CHECK(!sim::IsAwsSource("https://aws.amazon.com.example.org/ec2/pricing/"));
  CHECK(!sim::IsAwsSource("https://www.example.com/aws-ec2-pricing"));
}

TEST_CASE("a bad price file is refused with the file, the path and what was expected") {
  struct Case {
    std::string from, to, message;
  };
  const std::string base = kAllPriced;
  const std::vector<Case> cases = {
      {"\"https://aws.amazon.com/elasticloadbalancing/pricing/\", \"checked\": \"2026-11-30\", \"quote\": \"q\"},\n    {\"item\": \"alb_lcu_hour\"",
       "\"https://www.example.com/alb\", \"checked\": \"2026-11-30\", \"quote\": \"q\"},\n    {\"item\": \"alb_lcu_hour\"",
       "t.json: $.prices[2].source: expected an AWS pricing page or document (https://aws.amazon.com/... or "
       "https://docs.aws.amazon.com/...), got \"https://www.example.com/alb\""},
      {"{\"item\": \"alb_hour\", \"usd\": 0.03,", "{\"item\": \"alb_hour\", \"unpriced\": {\"ko\": \"k\", \"en\": \"e\"}, \"usd\": 0.03,",
       "t.json: $.prices[2]: expected either \"usd\""},
      {"{\"item\": \"alb_hour\", \"usd\": 0.03, \"unit\": \"per hour\", \"source\": \"https://aws.amazon.com/elasticloadbalancing/pricing/\", "
       "\"checked\": \"2026-11-30\", \"quote\": \"q\"}",
       "{\"item\": \"alb_hour\"}", "t.json: $.prices[2]: expected either \"usd\""},
      {"\"usd\": 0.03,", "\"usd\": -0.03,", "t.json: $.prices[2].usd: expected a price above 0 and at most 1000000, got -0.03"},
      {"\"usd\": 0.03, \"unit\": \"per hour\", \"source\": \"https://aws.amazon.com/elasticloadbalancing/pricing/\", \"checked\": \"2026-11-30\", ",
       "\"usd\": 0.03, \"unit\": \"per hour\", \"source\": \"https://aws.amazon.com/elasticloadbalancing/pricing/\", ",
       "t.json: $.prices[2].checked: expected a value (this key is required)"},
      {"\"usd\": 0.03, \"unit\": \"per hour\", \"source\": \"https://aws.amazon.com/elasticloadbalancing/pricing/\", \"checked\": \"2026-11-30\"",
       "\"usd\": 0.03, \"unit\": \"per hour\", \"source\": \"https://aws.amazon.com/elasticloadbalancing/pricing/\", \"checked\": \"30/11/2026\"",
       "t.json: $.prices[2].checked: expected a date YYYY-MM-DD, got \"30/11/2026\""},
      {"{\"item\": \"alb_hour\"", "{\"item\": \"alb_hours\"", "t.json: $.prices[2].item: expected one of \"ec2_instance_hour\""},
      {"\"item\": \"ec2_instance_hour\", \"class\": \"t3.micro\"", "\"item\": \"ec2_instance_hour\", \"class\": \"m5.large\"",
       "t.json: $.prices[0].class: expected a class listed in $.classes for ec2, got \"m5.large\""},
      {"{\"item\": \"alb_hour\",", "{\"item\": \"alb_hour\", \"class\": \"t3.micro\",",
       "t.json: $.prices[2].class: expected no class: alb_hour is not priced per instance class"},
      {"{\"item\": \"ec2_instance_hour\", \"class\": \"t3.xlarge\"", "{\"item\": \"ec2_instance_hour\", \"class\": \"t3.micro\"",
       "t.json: $.prices[1]: expected one row per item and class, got ec2_instance_hour t3.micro twice"},
      {"\"vcpus\": 4, \"class\": \"t3.xlarge\"", "\"vcpus\": 2, \"class\": \"t3.xlarge\"",
       "t.json: $.classes[1]: expected one ec2 class per vCPU count, got two with 2"},
      {"{\"component\": \"elasticache\", \"class\"", "{\"component\": \"elasticache\", \"vcpus\": 2, \"class\"",
       "t.json: $.classes[3].vcpus: expected no vcpus for an ElastiCache class"},
      {"\"usd\": 0.007, \"gb_per_lcu_hour\": 2,", "\"usd\": 0.007,", "t.json: $.prices[3].gb_per_lcu_hour: expected a value (this key is required)"},
      {"\"currency\": \"USD\"", "\"currency\": \"EUR\"", "t.json: $.currency: expected \"USD\", got \"EUR\""},
      {"\"source\": \"https://docs.aws.amazon.com/y\"", "\"source\": \"https://blog.example.com/y\"",
       "t.json: $.classes[2].source: expected an AWS pricing page or document"},
      {"\"prices\": [", "\"prices\": {\"x\": 1}, \"extra\": [", "t.json: $.extra: expected a known key"},
  };
  for (const Case& c : cases) {
    CAPTURE(c.to);
    std::string text = base;
    const size_t at = text.find(c.from);
    REQUIRE(at != std::string::npos);
    text.replace(at, c.from.size(), c.to);
    const auto parsed = sim::ParsePriceTable(text, "t.json");
    REQUIRE(!parsed.ok());
    CHECK(parsed.error.Message().find(c.message) == 0);
  }
  const auto missing = sim::LoadPriceTable(kSource + "/lessons/no-such-prices.json");
  REQUIRE(!missing.ok());
  CHECK(missing.error.Message().find("no-such-prices.json") != std::string::npos);
  CHECK(!sim::ParsePriceTable("{\"region\": ", "t.json").ok());
  CHECK(!sim::ParsePriceTable("[]", "t.json").ok());
}

TEST_CASE("every line is its quantity times the file's figure, and the total is their sum") {
  const sim::PriceTable t = Parse(kAllPriced);
  const sim::Usage u = Busy();
  const sim::CostEstimate e = sim::EstimateCost(t, u);
  CheckHonest(e);
  CHECK(e.unpriced_lines == 0);
  const double month = sim::kHoursPerMonth;
  CHECK(month == 365.0 * 24.0 / 12.0);
  using C = sim::CostComponent;
  using I = sim::PriceItem;
  CHECK(Line(e, C::Ec2).instance_class == "t3.micro");
  CHECK(*Line(e, C::Ec2).usd_month == doctest::Approx(5 * month * Rate(t, I::Ec2InstanceHour, "t3.micro")));
  CHECK(*Line(e, C::AlbHours).usd_month == doctest::Approx(month * Rate(t, I::AlbHour)));
  const double gb_per_lcu = *t.Find(I::AlbLcuHour)->gb_per_lcu_hour;
  CHECK(*Line(e, C::AlbCapacity).usd_month == doctest::Approx(0.75 * month / gb_per_lcu * Rate(t, I::AlbLcuHour)));
  CHECK(Line(e, C::ElastiCache).count == 2);
  CHECK(*Line(e, C::ElastiCache).usd_month == doctest::Approx(2 * month * Rate(t, I::ElastiCacheNodeHour, "cache.t3.micro")));
  // Multi-AZ is its own rate (primary and standby together); each replica is a Single-AZ instance.
  CHECK(Line(e, C::RdsPrimary).item == I::RdsMultiAzHour);
  CHECK(*Line(e, C::RdsPrimary).usd_month == doctest::Approx(month * Rate(t, I::RdsMultiAzHour, "db.t3.micro")));
  CHECK(*Line(e, C::RdsReplicas).usd_month == doctest::Approx(2 * month * Rate(t, I::RdsSingleAzHour, "db.t3.micro")));
  CHECK(*Line(e, C::DynamoDbWrites).usd_month ==
        doctest::Approx(12 * sim::kSecondsPerMonth / 1e6 * Rate(t, I::DynamoDbWriteMillion)));
  CHECK(*Line(e, C::DynamoDbReads).usd_month == doctest::Approx(40 * sim::kSecondsPerMonth / 1e6 * Rate(t, I::DynamoDbReadMillion)));
  // A GB that crosses is charged out of one AZ and into the other.
  CHECK(*Line(e, C::CrossAz).quantity == doctest::Approx(2 * 55.0));
  CHECK(*Line(e, C::CrossAz).usd_month == doctest::Approx(2 * 55.0 * Rate(t, I::CrossAzGb)));

  // Single-AZ RDS uses the Single-AZ rate; a bigger instance its own class.
  sim::Usage single = u;
  single.rds_multi_az = false;
  single.instance_vcpus = 4;
  const sim::CostEstimate s = sim::EstimateCost(t, single);
  CheckHonest(s);
  CHECK(Line(s, C::RdsPrimary).item == I::RdsSingleAzHour);
  CHECK(*Line(s, C::RdsPrimary).usd_month == doctest::Approx(month * Rate(t, I::RdsSingleAzHour, "db.t3.micro")));
  CHECK(Line(s, C::Ec2).instance_class == "t3.xlarge");
  CHECK(*Line(s, C::Ec2).usd_month == doctest::Approx(5 * month * Rate(t, I::Ec2InstanceHour, "t3.xlarge")));
}

TEST_CASE("a line without a figure, a class or a measured quantity is never given a number") {
  const sim::PriceTable all = Parse(kAllPriced);
  using C = sim::CostComponent;
  using U = sim::Unpriced;
  // vCPU counts the file names no class for.
  sim::Usage odd = Busy();
  odd.instance_vcpus = 3;
  odd.rds_vcpus = 6;
  const sim::CostEstimate e = sim::EstimateCost(all, odd);
  CheckHonest(e);
  CHECK(Line(e, C::Ec2).why == U::NoClass);
  CHECK(Line(e, C::Ec2).instance_class.empty());
  CHECK(Line(e, C::RdsPrimary).why == U::NoClass);
  CHECK(Line(e, C::RdsReplicas).why == U::NoClass);
  CHECK(e.unpriced_lines == 3);
  // Cross-AZ trips the model cannot size: the rate is there, the GB are not.
  sim::Usage unsized = Busy();
  unsized.cross_az_gb_per_month.reset();
  const sim::CostEstimate n = sim::EstimateCost(all, unsized);
  CheckHonest(n);
  CHECK(Line(n, C::CrossAz).why == U::NotMeasured);
  CHECK(!Line(n, C::CrossAz).quantity);
  // What the design does not use is neither priced nor counted as unpriced.
  sim::Usage lean;
  lean.instances = 2;
  const sim::CostEstimate l = sim::EstimateCost(all, lean);
  CheckHonest(l);
  for (C c : {C::ElastiCache, C::RdsReplicas, C::DynamoDbWrites, C::DynamoDbReads, C::CrossAz}) {
    CAPTURE(sim::Name(c));
    CHECK(Line(l, c).why == U::NotUsed);
  }
  CHECK(l.unpriced_lines == 0);

  // The shipped file: every used line without an AWS figure says so, for every usage tried.
  const sim::PriceTable shipped = Shipped();
  for (const sim::Usage& usage : {Busy(), odd, unsized, lean}) {
    const sim::CostEstimate s = sim::EstimateCost(shipped, usage);
    CheckHonest(s);
    for (const sim::CostLine& line : s.lines) {
      CAPTURE(sim::Name(line.component));
      if (line.why == U::NoAwsSource) {
        REQUIRE(line.price != nullptr);
        CHECK(!line.price->usd.has_value());
      }
    }
  }
  const sim::CostEstimate s = sim::EstimateCost(shipped, unsized);
  CHECK(Line(s, C::Ec2).why == U::NoAwsSource);
  CHECK(Line(s, C::Ec2).instance_class == "t3.micro");
  CHECK(Line(s, C::RdsPrimary).instance_class == "db.t3.micro");
  CHECK(Line(s, C::ElastiCache).instance_class == "cache.t3.micro");
  CHECK(Line(s, C::CrossAz).why == U::NotMeasured);
  // With the shipped file the cross-AZ line can be priced when the GB are known, and the ALB's hours
  // always; the total is those two.
  const sim::CostEstimate b = sim::EstimateCost(shipped, Busy());
  CHECK(*Line(b, C::CrossAz).usd_month == doctest::Approx(2 * 55.0 * Rate(shipped, sim::PriceItem::CrossAzGb)));
  CHECK(*Line(b, C::AlbHours).usd_month == doctest::Approx(sim::kHoursPerMonth * Rate(shipped, sim::PriceItem::AlbHour)));
  CHECK(b.priced_usd_month == doctest::Approx(*Line(b, C::CrossAz).usd_month + *Line(b, C::AlbHours).usd_month));
}

TEST_CASE("the usage comes from the running Sim, with the settings queued for the next tick") {
  sim::Config c;
  c.seed = 5;
  c.shoppers.count = 600;
  c.session.strategy = sim::SessionStrategy::ServerSession;
  c.session.store = sim::SessionStore::ElastiCache;
  sim::Sim s(c);
  s.RunFor(sim::Sec(40));
  sim::Usage u = sim::UsageOf(s);
  uint32_t live = 0;
  for (const sim::Instance& in : s.instances()) live += in.state != sim::InstanceState::Terminated ? 1 : 0;
  CHECK(u.instances == live);
  CHECK(u.instances == 3);
  CHECK(u.cache_used);
  CHECK(u.cache_nodes == 1);
  CHECK(u.rds_replicas == 0);
  CHECK(u.alb_gb_per_hour > 0);
  CHECK(u.dynamodb_writes_per_s == 0);
  // The cache primary is in AZ a and the instances spread over a, b and c: about two session
  // round trips in three cross an AZ, and some database hops too.
  CHECK(u.cross_az_round_trips_per_s > 0);
  CHECK(!u.cross_az_gb_per_month);
  // The ALB figure is the run's mean request size times the last seconds' requests.
  const double mean_bytes = static_cast<double>(s.totals().request_bytes_sum) / static_cast<double>(s.totals().requests);
  uint64_t requests = 0;
  for (size_t k = 0; k < s.series().size(); ++k) requests += s.series()[k].requests;
  const double seconds = static_cast<double>(std::min<size_t>(s.series().size(), sim::kTheoryWindowS));
  if (s.series().size() <= static_cast<size_t>(sim::kTheoryWindowS)) {
    CHECK(u.alb_gb_per_hour == doctest::Approx(mean_bytes * static_cast<double>(requests) / seconds * 3600 / 1e9));
  }

  // Paused clicks show at once.
  s.Enqueue(sim::SetCacheMultiAz{true});
  s.Enqueue(sim::SetReplicaCount{2});
  s.Enqueue(sim::SetRdsMultiAz{true});
  u = sim::UsageOf(s);
  CHECK(u.cache_nodes == 2);
  CHECK(u.rds_replicas == 2);
  CHECK(u.rds_multi_az);

  // Sessions in DynamoDB: requests counted, the cache no longer needed unless it caches reads.
  s.Enqueue(sim::SetSessionStore{sim::SessionStore::DynamoDb});
  s.RunFor(sim::Sec(20));
  u = sim::UsageOf(s);
  CHECK(!u.cache_used);
  CHECK(u.cache_nodes == 0);
  CHECK(u.dynamodb_writes_per_s > 0);
  CHECK(u.dynamodb_reads_per_s > 0);
  CHECK(u.dynamodb_writes_per_s ==
        doctest::Approx(static_cast<double>(s.dynamodb().writes) / (static_cast<double>(s.now_us()) / 1e6)));
}

TEST_CASE("two designs compared: B minus A over the priced lines") {
  const sim::PriceTable t = Parse(kAllPriced);
  sim::Config c;
  c.seed = 9;
  c.shoppers.count = 300;
  sim::Sim a(c);
  c.rds.read_replicas = 2;
  sim::Sim b(c);
  a.RunFor(sim::Sec(10));
  b.RunFor(sim::Sec(10));
  const sim::CostDifference d = sim::CompareCost(t, a, b);
  CHECK(d.a_usd_month == doctest::Approx(sim::EstimateCost(t, a).priced_usd_month));
  CHECK(d.b_usd_month == doctest::Approx(sim::EstimateCost(t, b).priced_usd_month));
  // The replicas and whatever the traffic changed: at least the two replicas' hours.
  const double replicas = 2 * sim::kHoursPerMonth * Rate(t, sim::PriceItem::RdsSingleAzHour, "db.t3.micro");
  CHECK(std::abs(d.delta() - replicas) < replicas * 0.05);
  CHECK(d.a_unpriced == sim::EstimateCost(t, a).unpriced_lines);
  const sim::CostDifference shipped = sim::CompareCost(Shipped(), a, b);
  CHECK(shipped.b_unpriced == shipped.a_unpriced + 1);  // the replicas' line, used on B only, has no figure
}

TEST_CASE("the budget's vCPU-hours: each running instance's vCPUs every second, the standby and each replica included") {
  sim::Config c;
  c.seed = 9;
  c.shoppers.count = 300;
  c.instances.vcpus = 2;
  c.rds.vcpus = 4;
  sim::Sim s(c);
  // What the second that just closed ran: EC2 instances launched and not terminated, and every DB
  // instance the settings name.
  auto running_vcpus = [&] {
    uint64_t v = 0;
    for (const sim::Instance& in : s.instances()) v += in.state != sim::InstanceState::Terminated ? s.config().instances.vcpus : 0;
    const uint32_t db = 1 + (s.config().rds.multi_az ? 1 : 0) + s.config().rds.read_replicas;
    return v + uint64_t{db} * s.config().rds.vcpus;
  };
  uint64_t vcpu_seconds = 0;
  auto run = [&](int seconds) {
    for (int k = 0; k < seconds; ++k) {
      s.RunFor(sim::Sec(1));
      vcpu_seconds += running_vcpus();
    }
  };
  run(60);
  CHECK(vcpu_seconds == 60 * (3 * 2 + 1 * 4));
  s.Enqueue(sim::SetRdsMultiAz{true});
  s.Enqueue(sim::SetReplicaCount{2});
  run(60);
  CHECK(vcpu_seconds == 60 * (3 * 2 + 1 * 4) + 60 * (3 * 2 + 4 * 4));
  // A terminated instance stops counting; its replacement counts from its launch.
  s.Enqueue(sim::TerminateInstance{s.instances().front().id});
  run(120);
  CHECK(sim::ReadMetric(s, sim::Metric::VcpuHours) == doctest::Approx(static_cast<double>(vcpu_seconds) / 3600.0));
  CHECK(sim::IsRunningCount(sim::InfoOf(sim::Metric::VcpuHours)));  // goals count it from a step's start
}
