// The monthly cost estimate (cost.h): the price file's loader, the usage a Sim shows, and the lines.
#include "statelab/cost.h"

#include <algorithm>
#include <array>
#include <cmath>

#include "json_read.h"
#include "statelab/sim.h"
#include "statelab/theory.h"

namespace sim {

namespace {

constexpr std::array<std::string_view, kPriceItemCount> kItemNames = {
    "ec2_instance_hour", "alb_hour", "alb_lcu_hour", "elasticache_node_hour", "rds_single_az_hour",
    "rds_multi_az_hour", "dynamodb_write_million", "dynamodb_read_million", "cross_az_gb",
};
constexpr std::array<std::string_view, 3> kClassedNames = {"ec2", "elasticache", "rds"};
constexpr std::array<std::string_view, kCostComponentCount> kComponentNames = {
    "ec2", "alb_hours", "alb_capacity", "elasticache", "rds_primary", "rds_replicas", "dynamodb_writes", "dynamodb_reads", "cross_az",
};

std::optional<ClassedComponent> ParseClassed(std::string_view name) {
  for (size_t i = 0; i < kClassedNames.size(); ++i) {
    if (kClassedNames[i] == name) return static_cast<ClassedComponent>(i);
  }
  return std::nullopt;
}

ClassedComponent ComponentOf(PriceItem item) {
  switch (item) {
    case PriceItem::ElastiCacheNodeHour: return ClassedComponent::ElastiCache;
    case PriceItem::RdsSingleAzHour:
    case PriceItem::RdsMultiAzHour: return ClassedComponent::Rds;
    default: return ClassedComponent::Ec2;
  }
}

// [SECTION] Loading
constexpr size_t kMaxTextBytes = 1024;

// "YYYY-MM-DD" with a month 01-12 and a day 01-31.
bool IsDate(std::string_view s) {
  if (s.size() != 10 || s[4] != '-' || s[7] != '-') return false;
  for (int i : {0, 1, 2, 3, 5, 6, 8, 9}) {
    const char c = s[static_cast<size_t>(i)];
    if (c < '0' || c > '9') return false;
  }
  const int month = (s[5] - '0') * 10 + (s[6] - '0');
  const int day = (s[8] - '0') * 10 + (s[9] - '0');
  return month >= 1 && month <= 12 && day >= 1 && day <= 31;
}

std::string Date(const JsonReader& r, const json& v, const std::string& path) {
  std::string s = r.String(v, path, 10);
  if (!IsDate(s)) r.FailGot(path, "a date YYYY-MM-DD", v);
  return s;
}

std::string NonEmpty(const JsonReader& r, const json& v, const std::string& path, size_t max_bytes = kMaxTextBytes) {
  std::string s = r.String(v, path, max_bytes);
  if (s.empty()) r.Fail(path, "a non-empty string");
  return s;
}

std::string AwsUrl(const JsonReader& r, const json& v, const std::string& path) {
  std::string url = NonEmpty(r, v, path);
  if (!IsAwsSource(url)) {
    r.FailGot(path, "an AWS pricing page or document (https://aws.amazon.com/... or https://docs.aws.amazon.com/...)", v);
  }
  return url;
}

ClassRow ReadClass(const JsonReader& r, const json& c, const std::string& at) {
  r.Keys(c, at, {"component", "vcpus", "class", "source", "quote"}, {"component", "class", "source", "quote"});
  ClassRow row;
  row.component = r.Enum<ClassedComponent>(c["component"], Key(at, "component"), &ParseClassed,
                                           Names(kClassedNames.data(), kClassedNames.size()));
  if (row.component == ClassedComponent::ElastiCache) {
    if (c.contains("vcpus")) r.Fail(Key(at, "vcpus"), "no vcpus for an ElastiCache class (the model has no vCPU knob for the cache)");
  } else {
    row.vcpus = r.U32(r.Need(c, at, "vcpus"), Key(at, "vcpus"), 1, 192);
  }
  row.name = NonEmpty(r, c["class"], Key(at, "class"), 64);
  row.source = AwsUrl(r, c["source"], Key(at, "source"));
  row.quote = NonEmpty(r, c["quote"], Key(at, "quote"));
  return row;
}

Price ReadPrice(const JsonReader& r, const json& p, const std::string& at, const std::vector<ClassRow>& classes) {
  r.Keys(p, at, {"item", "class", "usd", "unit", "source", "checked", "quote", "unpriced", "gb_per_lcu_hour"}, {"item"});
  Price price;
  price.item = r.Enum<PriceItem>(p["item"], Key(at, "item"), &ParsePriceItem, Names(kItemNames.data(), kItemNames.size()));
  if (PerClass(price.item)) {
    price.instance_class = NonEmpty(r, r.Need(p, at, "class"), Key(at, "class"), 64);
    const ClassedComponent owner = ComponentOf(price.item);
    const bool named = std::any_of(classes.begin(), classes.end(), [&](const ClassRow& c) {
      return c.component == owner && c.name == price.instance_class;
    });
    if (!named) r.FailGot(Key(at, "class"), "a class listed in $.classes for " + std::string(Name(owner)), p["class"]);
  } else if (p.contains("class")) {
    r.Fail(Key(at, "class"), "no class: " + std::string(Name(price.item)) + " is not priced per instance class");
  }
  const bool priced = p.contains("usd");
  if (priced == p.contains("unpriced")) r.Fail(at, "either \"usd\" (with its unit, source, checked date and quote) or \"unpriced\" (why there is no figure)");
  if (priced) {
    r.Keys(p, at, {"item", "class", "usd", "unit", "source", "checked", "quote", "gb_per_lcu_hour"},
           {"item", "usd", "unit", "source", "checked", "quote"});
    const double usd = r.Number(p["usd"], Key(at, "usd"));
    if (!(usd > 0) || usd > 1e6) r.FailGot(Key(at, "usd"), "a price above 0 and at most 1000000", p["usd"]);
    price.usd = usd;
    price.unit = NonEmpty(r, p["unit"], Key(at, "unit"), 128);
    price.source = AwsUrl(r, p["source"], Key(at, "source"));
    price.checked = Date(r, p["checked"], Key(at, "checked"));
    price.quote = NonEmpty(r, p["quote"], Key(at, "quote"));
    if (price.item == PriceItem::AlbLcuHour) {
      const double gb = r.Number(r.Need(p, at, "gb_per_lcu_hour"), Key(at, "gb_per_lcu_hour"));
      if (!(gb > 0)) r.FailGot(Key(at, "gb_per_lcu_hour"), "a positive number of GB", p["gb_per_lcu_hour"]);
      price.gb_per_lcu_hour = gb;
    } else if (p.contains("gb_per_lcu_hour")) {
      r.Fail(Key(at, "gb_per_lcu_hour"), "no gb_per_lcu_hour outside alb_lcu_hour");
    }
  } else {
    r.Keys(p, at, {"item", "class", "unpriced"}, {"item", "unpriced"});
    price.unpriced = r.Translated(p["unpriced"], Key(at, "unpriced"), kMaxTextBytes);
  }
  return price;
}

PriceTable ReadTable(const JsonReader& r, const json& doc) {
  r.Keys(doc, "$", {"about", "region", "currency", "checked", "classes", "prices"}, {"region", "currency", "checked", "classes", "prices"});
  PriceTable t;
  t.region = r.Id(doc["region"], "$.region");
  t.currency = r.String(doc["currency"], "$.currency", 8);
  if (t.currency != "USD") r.FailGot("$.currency", "\"USD\"", doc["currency"]);
  t.checked = Date(r, doc["checked"], "$.checked");
  const json& classes = doc["classes"];
  if (!classes.is_array()) r.FailGot("$.classes", "an array of classes", classes);
  for (size_t i = 0; i < classes.size(); ++i) {
    ClassRow row = ReadClass(r, classes[i], At("$.classes", i));
    for (const ClassRow& c : t.classes) {
      if (c.component != row.component) continue;
      if (c.name == row.name) r.Fail(Key(At("$.classes", i), "class"), "a class listed once, got '" + row.name + "' twice");
      if (c.vcpus == row.vcpus) {
        r.Fail(At("$.classes", i), "one " + std::string(Name(row.component)) + " class per vCPU count, got two with " +
                                       std::to_string(row.vcpus));
      }
    }
    t.classes.push_back(std::move(row));
  }
  const json& prices = doc["prices"];
  if (!prices.is_array()) r.FailGot("$.prices", "an array of prices", prices);
  for (size_t i = 0; i < prices.size(); ++i) {
    Price p = ReadPrice(r, prices[i], At("$.prices", i), t.classes);
    if (t.Find(p.item, p.instance_class) != nullptr) {
      r.Fail(At("$.prices", i), "one row per item and class, got " + std::string(Name(p.item)) +
                                    (p.instance_class.empty() ? "" : " " + p.instance_class) + " twice");
    }
    t.prices.push_back(std::move(p));
  }
  return t;
}

// [SECTION] Usage
// Round trips from a web instance to a data node in another AZ, per traced request, over the
// window; and the requests per second in that window.
double CrossAzRoundTripsPerS(const Sim& sim) {
  const TimeUs since = sim.now_us() - Sec(kTheoryWindowS);
  const Ring<RequestTrace>& traces = sim.traces();
  uint64_t traced = 0, crossing = 0;
  for (size_t i = 0; i < traces.size(); ++i) {
    const RequestTrace& t = traces[i];
    if (t.start_us < since) continue;
    ++traced;
    int web_az = -1;
    for (int h = 0; h < t.hop_count; ++h) {
      const Hop& hop = t.hops[static_cast<size_t>(h)];
      if (hop.component == Component::WebInstance) {
        web_az = static_cast<int>(AzIndex(hop.az));
        continue;
      }
      const bool data = hop.component == Component::ElastiCache || hop.component == Component::RdsPrimary ||
                        hop.component == Component::RdsReplica;
      const bool reached = hop.result != HopResult::Denied && hop.result != HopResult::Unreachable &&
                           hop.result != HopResult::Unavailable && hop.result != HopResult::Timeout;
      if (data && reached && web_az >= 0 && static_cast<int>(AzIndex(hop.az)) != web_az) ++crossing;
    }
  }
  if (traced == 0) return 0;
  const Ring<SecondSample>& series = sim.series();
  uint64_t requests = 0;
  int seconds = 0;
  for (size_t k = series.size(); k > 0 && seconds < kTheoryWindowS; --k, ++seconds) requests += series[k - 1].requests;
  if (seconds == 0) return 0;
  return static_cast<double>(crossing) / static_cast<double>(traced) * static_cast<double>(requests) / seconds;
}

}  // namespace

std::string_view Name(PriceItem item) { return kItemNames[static_cast<size_t>(item)]; }

std::optional<PriceItem> ParsePriceItem(std::string_view name) {
  for (size_t i = 0; i < kItemNames.size(); ++i) {
    if (kItemNames[i] == name) return static_cast<PriceItem>(i);
  }
  return std::nullopt;
}

bool PerClass(PriceItem item) {
  switch (item) {
    case PriceItem::Ec2InstanceHour:
    case PriceItem::ElastiCacheNodeHour:
    case PriceItem::RdsSingleAzHour:
    case PriceItem::RdsMultiAzHour: return true;
    case PriceItem::AlbHour:
    case PriceItem::AlbLcuHour:
    case PriceItem::DynamoDbWriteMillion:
    case PriceItem::DynamoDbReadMillion:
    case PriceItem::CrossAzGb: return false;
  }
  return false;
}

std::string_view Name(ClassedComponent c) { return kClassedNames[static_cast<size_t>(c)]; }
std::string_view Name(CostComponent c) { return kComponentNames[static_cast<size_t>(c)]; }

const Price* PriceTable::Find(PriceItem item, std::string_view instance_class) const {
  for (const Price& p : prices) {
    if (p.item == item && p.instance_class == instance_class) return &p;
  }
  return nullptr;
}

bool IsAwsSource(std::string_view url) {
  for (std::string_view host : {"https://aws.amazon.com/", "https://docs.aws.amazon.com/"}) {
    if (url.size() > host.size() && url.substr(0, host.size()) == host) return true;
  }
  return false;
}

Parsed<PriceTable> ParsePriceTable(std::string_view text, std::string_view file) {
  return ReadJson<PriceTable>(text, file, &ReadTable);
}

Parsed<PriceTable> LoadPriceTable(const std::string& path) { return LoadFile(path, path, &ParsePriceTable); }

const ClassRow* ClassOf(const PriceTable& table, ClassedComponent component, uint32_t vcpus) {
  for (const ClassRow& c : table.classes) {
    if (c.component == component && (component == ClassedComponent::ElastiCache || c.vcpus == vcpus)) return &c;
  }
  return nullptr;
}

Usage UsageOf(const Sim& sim) {
  const Config c = sim.PendingConfig();
  Usage u;
  for (const Instance& in : sim.instances()) {
    if (in.state != InstanceState::Terminated) ++u.instances;
  }
  u.instance_vcpus = c.instances.vcpus;
  const bool sessions_in_cache = c.session.strategy == SessionStrategy::ServerSession && c.session.store == SessionStore::ElastiCache;
  u.cache_used = sessions_in_cache || c.cache.read_mode != CacheMode::None;
  u.cache_nodes = u.cache_used ? (c.cache.multi_az ? 2u : 1u) : 0u;
  u.rds_multi_az = c.rds.multi_az;
  u.rds_replicas = c.rds.read_replicas;
  u.rds_vcpus = c.rds.vcpus;
  const Totals& t = sim.totals();
  const Ring<SecondSample>& series = sim.series();
  if (t.requests > 0 && !series.empty()) {
    uint64_t requests = 0;
    int seconds = 0;
    for (size_t k = series.size(); k > 0 && seconds < kTheoryWindowS; --k, ++seconds) requests += series[k - 1].requests;
    const double mean_bytes = static_cast<double>(t.request_bytes_sum) / static_cast<double>(t.requests);
    u.alb_gb_per_hour = mean_bytes * static_cast<double>(requests) / seconds * 3600.0 / 1e9;
  }
  const double elapsed_s = static_cast<double>(sim.now_us()) / 1e6;
  if (elapsed_s > 0) {
    u.dynamodb_writes_per_s = static_cast<double>(sim.dynamodb().writes) / elapsed_s;
    u.dynamodb_reads_per_s = static_cast<double>(sim.dynamodb().reads) / elapsed_s;
  }
  u.cross_az_round_trips_per_s = CrossAzRoundTripsPerS(sim);
  return u;
}

double PerMonth(double amount, TimeUs over_us) {
  return over_us > 0 ? amount * kSecondsPerMonth / (static_cast<double>(over_us) / 1e6) : 0.0;
}

CostEstimate EstimateCost(const PriceTable& table, const Usage& u) {
  CostEstimate e;
  auto add = [&](CostComponent component, PriceItem item, const ClassRow* klass, bool needs_class, bool used, uint32_t count,
                 std::optional<double> quantity) {
    CostLine line;
    line.component = component;
    line.item = item;
    line.count = count;
    line.quantity = quantity;
    if (klass != nullptr) line.instance_class = klass->name;
    line.price = needs_class ? (klass ? table.Find(item, klass->name) : nullptr) : table.Find(item);
    if (!used) {
      line.why = Unpriced::NotUsed;
    } else if (needs_class && klass == nullptr) {
      line.why = Unpriced::NoClass;
    } else if (line.price == nullptr || !line.price->usd) {
      line.why = Unpriced::NoAwsSource;
    } else if (!quantity) {
      line.why = Unpriced::NotMeasured;
    } else {
      double units = *quantity;
      if (item == PriceItem::AlbLcuHour) units = *quantity / *line.price->gb_per_lcu_hour;  // GB per month -> LCU-hours
      line.usd_month = units * *line.price->usd;
      e.priced_usd_month += *line.usd_month;
    }
    if (used && line.why != Unpriced::None) ++e.unpriced_lines;
    e.lines.push_back(std::move(line));
  };
  const ClassRow* ec2 = ClassOf(table, ClassedComponent::Ec2, u.instance_vcpus);
  const ClassRow* cache = ClassOf(table, ClassedComponent::ElastiCache, 0);
  const ClassRow* rds = ClassOf(table, ClassedComponent::Rds, u.rds_vcpus);
  add(CostComponent::Ec2, PriceItem::Ec2InstanceHour, ec2, true, u.instances > 0, u.instances, u.instances * kHoursPerMonth);
  add(CostComponent::AlbHours, PriceItem::AlbHour, nullptr, false, true, 1, kHoursPerMonth);
  // LCU-hours from the processed-bytes dimension: the one the model measures (request bytes). The
  // quantity is GB per month; a priced row converts it with its gb_per_lcu_hour.
  add(CostComponent::AlbCapacity, PriceItem::AlbLcuHour, nullptr, false, true, 0, u.alb_gb_per_hour * kHoursPerMonth);
  add(CostComponent::ElastiCache, PriceItem::ElastiCacheNodeHour, cache, true, u.cache_used, u.cache_nodes,
      u.cache_nodes * kHoursPerMonth);
  add(CostComponent::RdsPrimary, u.rds_multi_az ? PriceItem::RdsMultiAzHour : PriceItem::RdsSingleAzHour, rds, true, true, 1,
      kHoursPerMonth);
  add(CostComponent::RdsReplicas, PriceItem::RdsSingleAzHour, rds, true, u.rds_replicas > 0, u.rds_replicas,
      u.rds_replicas * kHoursPerMonth);
  const double writes_m = u.dynamodb_writes_per_s * kSecondsPerMonth / 1e6;
  const double reads_m = u.dynamodb_reads_per_s * kSecondsPerMonth / 1e6;
  add(CostComponent::DynamoDbWrites, PriceItem::DynamoDbWriteMillion, nullptr, false, u.dynamodb_writes_per_s > 0, 0, writes_m);
  add(CostComponent::DynamoDbReads, PriceItem::DynamoDbReadMillion, nullptr, false, u.dynamodb_reads_per_s > 0, 0, reads_m);
  // Each GB that crosses is charged out of one AZ and into the other: twice the per-direction rate.
  std::optional<double> cross_gb;
  if (u.cross_az_gb_per_month) cross_gb = 2.0 * *u.cross_az_gb_per_month;
  add(CostComponent::CrossAz, PriceItem::CrossAzGb, nullptr, false, u.cross_az_round_trips_per_s > 0 || u.cross_az_gb_per_month,
      0, cross_gb);
  return e;
}

CostDifference CompareCost(const PriceTable& table, const Sim& a, const Sim& b) {
  const CostEstimate ea = EstimateCost(table, a);
  const CostEstimate eb = EstimateCost(table, b);
  return {ea.priced_usd_month, eb.priced_usd_month, ea.unpriced_lines, eb.unpriced_lines};
}

}  // namespace sim
