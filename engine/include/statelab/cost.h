// What the configured stack would cost for a month at on-demand prices in one region. The prices
// live in a data file (lessons/prices.json) where every figure carries the AWS page or document it
// comes from, the date it was checked and the words that state it. A component with no figure from
// an AWS source stays unpriced and says why: nothing here estimates a price. The estimate is pure:
// the panel, the comparison line and the tests read the same lines (EstimateCost).
//
// Index
//   [SECTION] Price file        PriceItem, Price, ClassRow, PriceTable, ParsePriceTable
//   [SECTION] Instance classes  the named class each component runs as (ClassOf)
//   [SECTION] Usage             what the run uses, read from a Sim (UsageOf)
//   [SECTION] Estimate          CostLine, CostEstimate, EstimateCost, CostDifference
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "statelab/lesson.h"
#include "statelab/scenario.h"

namespace sim {

class Sim;

// [SECTION] Price file
// One billed item. Per-class items (EC2, ElastiCache, RDS) have one price per instance class.
enum class PriceItem : uint8_t {
  Ec2InstanceHour,       // one EC2 instance running for an hour
  AlbHour,               // one Application Load Balancer running for an hour
  AlbLcuHour,            // one load balancer capacity unit for an hour
  ElastiCacheNodeHour,   // one cache node for an hour
  RdsSingleAzHour,       // one Single-AZ DB instance (the primary, or a read replica) for an hour
  RdsMultiAzHour,        // one Multi-AZ DB instance deployment (primary and standby) for an hour
  DynamoDbWriteMillion,  // a million on-demand write request units
  DynamoDbReadMillion,   // a million on-demand read request units
  CrossAzGb,             // one GB across Availability Zones, charged in each direction
};
inline constexpr int kPriceItemCount = 9;
std::string_view Name(PriceItem item);  // as in the file: "ec2_instance_hour", ...
std::optional<PriceItem> ParsePriceItem(std::string_view name);
bool PerClass(PriceItem item);  // EC2, ElastiCache and RDS items name an instance class

// The components that run as a named instance class.
enum class ClassedComponent : uint8_t { Ec2, ElastiCache, Rds };
std::string_view Name(ClassedComponent c);  // "ec2", "elasticache", "rds"

struct Price {
  PriceItem item = PriceItem::CrossAzGb;
  std::string instance_class;  // per-class items only
  std::optional<double> usd;   // absent: unpriced
  std::string unit;            // as the source states it
  std::string source;          // an AWS pricing page or document (https://aws.amazon.com/..., https://docs.aws.amazon.com/...)
  std::string checked;         // YYYY-MM-DD
  std::string quote;           // the words on the source that state the figure
  Text unpriced;               // why there is no figure (when usd is absent), in both languages
  std::optional<double> gb_per_lcu_hour;  // AlbLcuHour only: the processed-bytes dimension of one LCU
};

// A named class and how many vCPUs it has (the model's knob), with the AWS document that says so.
// ElastiCache has no vCPU knob: its one row names the node type every cache node runs as.
struct ClassRow {
  ClassedComponent component = ClassedComponent::Ec2;
  uint32_t vcpus = 0;  // 0 for ElastiCache
  std::string name;
  std::string source;
  std::string quote;
};

struct PriceTable {
  std::string region;    // e.g. "us-east-1"
  std::string currency;  // "USD"
  std::string checked;   // the date the file was last checked, YYYY-MM-DD
  std::vector<ClassRow> classes;
  std::vector<Price> prices;
  // The row for an item (and class), or null when the file has none.
  const Price* Find(PriceItem item, std::string_view instance_class = {}) const;
};

// Rejects bad JSON, unknown keys and items, a figure without an AWS source, a date or a quote, a
// row both priced and unpriced, an unpriced row without a reason, a per-class row whose class the
// file does not name, and duplicates; messages name the file, the JSON path and what was expected.
Parsed<PriceTable> ParsePriceTable(std::string_view text, std::string_view file);
Parsed<PriceTable> LoadPriceTable(const std::string& path);
// True for the hosts a price may come from (AWS's own pages and documentation).
bool IsAwsSource(std::string_view url);

// [SECTION] Instance classes
// The class a component runs as with `vcpus` (ignored for ElastiCache), or null when the file
// names none (the line stays unpriced and the inspector says so).
const ClassRow* ClassOf(const PriceTable& table, ClassedComponent component, uint32_t vcpus);

// [SECTION] Usage
// A month: 365 days * 24 hours / 12 months.
inline constexpr double kHoursPerMonth = 730.0;
inline constexpr double kSecondsPerMonth = kHoursPerMonth * 3600.0;

// What the design uses, as the Sim shows it now (settings queued for the next tick included).
struct Usage {
  uint32_t instances = 0;  // EC2 instances launched and not terminated
  uint32_t instance_vcpus = 2;
  bool cache_used = false;  // ElastiCache holds sessions or caches reads
  uint32_t cache_nodes = 0;  // 1, or 2 with a Multi-AZ replica; 0 when unused
  bool rds_multi_az = false;
  uint32_t rds_replicas = 0;
  uint32_t rds_vcpus = 2;
  double alb_gb_per_hour = 0;  // request bytes through the load balancer (responses are not modelled)
  double dynamodb_writes_per_s = 0;  // over the run so far
  double dynamodb_reads_per_s = 0;
  // Round trips from a web instance to an ElastiCache or RDS node in another AZ, per second, from
  // the traced requests of the last kTheoryWindowS seconds. The model gives them no size in bytes,
  // so the GB that would be billed are not known (cross_az_gb_per_month stays empty).
  double cross_az_round_trips_per_s = 0;
  std::optional<double> cross_az_gb_per_month;
};
Usage UsageOf(const Sim& sim);
// An amount counted over `over_us` of a run, at the same rate for a month (0 before any time).
double PerMonth(double amount, TimeUs over_us);

// [SECTION] Estimate
// One line of the estimate per component. The order is the panel's.
enum class CostComponent : uint8_t {
  Ec2, AlbHours, AlbCapacity, ElastiCache, RdsPrimary, RdsReplicas, DynamoDbWrites, DynamoDbReads, CrossAz,
};
inline constexpr int kCostComponentCount = 9;
std::string_view Name(CostComponent c);  // "ec2", ...

// Why a line has no dollar figure.
enum class Unpriced : uint8_t {
  None,         // priced
  NotUsed,      // the design does not use the component this month
  NoAwsSource,  // the price file has no figure from an AWS source (Price::unpriced says why)
  NoClass,      // the price file names no class with the component's vCPUs
  NotMeasured,  // the model does not measure the billed quantity
};

struct CostLine {
  CostComponent component = CostComponent::Ec2;
  PriceItem item = PriceItem::Ec2InstanceHour;
  std::string instance_class;      // the named class, for per-class lines ("" when none)
  uint32_t count = 0;              // instances, nodes, load balancers (0 for request and data lines)
  std::optional<double> quantity;  // billed units per month (hours, LCU-hours, millions, GB); empty: not measured
  const Price* price = nullptr;    // the file's row (its figure, source and quote), or null
  std::optional<double> usd_month; // only when priced
  Unpriced why = Unpriced::None;
};

struct CostEstimate {
  std::vector<CostLine> lines;  // one per CostComponent, in order
  double priced_usd_month = 0;  // the sum over priced lines
  int unpriced_lines = 0;       // used components without a figure (the sum leaves them out)
};
CostEstimate EstimateCost(const PriceTable& table, const Usage& usage);
inline CostEstimate EstimateCost(const PriceTable& table, const Sim& sim) { return EstimateCost(table, UsageOf(sim)); }

// Two designs side by side (a comparison's A and B): B minus A over the priced lines, and how many
// lines each leaves out.
struct CostDifference {
  double a_usd_month = 0;
  double b_usd_month = 0;
  int a_unpriced = 0;
  int b_unpriced = 0;
  double delta() const { return b_usd_month - a_usd_month; }
};
CostDifference CompareCost(const PriceTable& table, const Sim& a, const Sim& b);

}  // namespace sim
