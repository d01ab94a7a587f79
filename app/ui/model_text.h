// Model values in the learner's language: outcome, state and hop names, one-line event
// descriptions, security group verdicts, times and money. Every word comes from the string table.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "statelab/cost.h"
#include "statelab/events.h"
#include "statelab/lesson.h"
#include "statelab/metrics.h"
#include "statelab/progress.h"
#include "statelab/model.h"
#include "statelab/security_groups.h"
#include "statelab/trace.h"
#include "statelab/types.h"
#include "statelab/url_state.h"

namespace sim {
class Sim;
}

namespace ui {

const char* OutcomeText(sim::Outcome outcome, sim::Lang lang);
const char* KindText(sim::RequestKind kind, sim::Lang lang);
const char* InstanceStateText(sim::InstanceState state, sim::Lang lang);
const char* CacheStateText(sim::CacheState state, sim::Lang lang);
const char* RoleText(sim::RdsRole role, sim::Lang lang);
const char* ComponentText(sim::Component component, sim::Lang lang);
const char* HopText(sim::HopResult result, sim::Lang lang);
const char* LossText(sim::LossCause cause, sim::Lang lang);
const char* CookieErrorText(sim::CookieError error, sim::Lang lang);
const char* CauseText(sim::TerminationCause cause, sim::Lang lang);  // "by hand", "unhealthy", ...
const char* TargetText(sim::AttackTarget target, sim::Lang lang);    // "the database", ...

// With `sim`, verdicts name the rule that allowed a connection and shoppers their names.
std::string EventText(const sim::Event& event, sim::Lang lang, const sim::Sim* sim = nullptr);
// Events worth a line when the log shows only important ones (and worth announcing).
bool IsImportant(const sim::Event& event);
// Events a screen reader hears about (rarer still: failures and recoveries).
bool IsAnnounced(const sim::Event& event);

// "allowed by sg-db rule #1 (tcp 3306 from sg-web)" / "denied by sg-db: no rule allows
// 203.0.113.66 on port 3306". With `groups`, an allowing rule is spelled out.
std::string VerdictText(const sim::SgVerdict& verdict, sim::Lang lang, const sim::SecurityGroups* groups = nullptr);
std::string EndpointText(const sim::Endpoint& endpoint);
// A command (by sim::CommandIndex) as its control's label in the learner's language: "Stickiness",
// "Terminate an instance"; never its scenario verb.
const char* CommandText(uint32_t command_index, sim::Lang lang);
// Why the engine rejected a command, in the learner's language (the engine's text if unknown).
const char* RejectReasonText(sim::RejectReason reason, sim::Lang lang);

// Why a part of a link was skipped, and the whole notice naming each skipped part ("seed: ...").
const char* UrlProblemText(sim::UrlProblem problem, sim::Lang lang);
const char* ProgressCodeProblemText(sim::ProgressCodeProblem problem, sim::Lang lang);
std::string LinkDroppedText(const std::vector<sim::UrlDropped>& dropped, sim::Lang lang);
// Only the parts and why ("run: ..."), for a link that opens nothing (a pasted one).
std::string LinkPartsText(const std::vector<sim::UrlDropped>& dropped, sim::Lang lang);

std::string ShopperLabel(sim::ShopperId id, const sim::Sim* sim, sim::Lang lang);
std::string ClockText(sim::TimeUs t_us);     // "1:05:09" or "05:09"
std::string LatencyText(int64_t us);         // "850 us", "12.4 ms", "1.20 s"
std::string SpanText(sim::TimeUs us);        // "90 s", "10 min", "2 h"
std::string MoneyText(int64_t cents);        // "$12.40"
std::string Pct(uint32_t bp);                // basis points as a whole percent: 4250 -> "43%"
// A metric's value as its format reads: "92.9 %" for a ratio of 0.929, "30 s" for 30000 ms,
// "12 KB", "$1,240". `compact` drops decimals for chart labels.
std::string MetricValueText(double value, sim::MetricFormat format, sim::Lang lang, bool compact = false);
// A comparison's difference line: "carts lost 214 vs 0 · p99 38 ms vs 12 ms · revenue lost $8,120
// vs $0" (sim::Comparison::Summary's rows, each worded by SummaryLabel).
std::string DifferenceLine(const sim::Difference& difference, sim::Lang lang);
// The cost part of that line: "cost per month $0.00 vs $0.00 (priced lines only; 6 unpriced left out)".
std::string CostDifferenceText(const sim::CostDifference& difference, sim::Lang lang);
// The whole line a comparison shows (the bar and the test hook): the difference, then the cost
// part when `prices` loaded.
std::string ComparisonLine(const sim::LessonRun& run, const sim::PriceTable* prices, sim::Lang lang);
// The short name of a metric a difference line shows (sim::CanSummarise); nullptr for the others.
const char* SummaryLabel(sim::Metric metric, sim::Lang lang);

}  // namespace ui
