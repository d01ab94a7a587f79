// The UI string table: every entry in both languages, the same printf conversions in both, and
// Korean that is Korean (only names and symbols may read the same in both languages).
#include <doctest/doctest.h>

#include <algorithm>
#include <iterator>
#include <regex>
#include <set>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "statelab/glossary.h"
#include "statelab/sim.h"
#include "ui/model_text.h"
#include "ui/strings.h"

namespace {

// Where each printf conversion is: [begin, end) of "%llu", "%s", "%%", ...
std::vector<std::pair<size_t, size_t>> ConversionSpans(std::string_view s) {
  std::vector<std::pair<size_t, size_t>> out;
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i] != '%') continue;
    size_t j = i + 1;
    while (j < s.size() && std::string_view("-+ #0123456789.lhzjt").find(s[j]) != std::string_view::npos) ++j;
    if (j < s.size()) out.emplace_back(i, j + 1);
    i = j;
  }
  return out;
}

std::vector<std::string> Conversions(std::string_view s) {
  std::vector<std::string> out;
  for (const auto& [begin, end] : ConversionSpans(s)) out.emplace_back(s.substr(begin, end - begin));
  return out;
}

bool HasHangul(std::string_view s) {
  // UTF-8 for U+AC00..U+D7A3 starts with 0xEA..0xED.
  for (unsigned char c : s) {
    if (c >= 0xEA && c <= 0xED) return true;
  }
  return false;
}

}  // namespace

TEST_CASE("every UI string exists in Korean and English") {
  const ui::StringEntry* table = ui::StringTable();
  REQUIRE(ui::StringCount() > 200);
  for (int i = 0; i < ui::StringCount(); ++i) {
    CAPTURE(table[i].id);
    CHECK(std::string_view(table[i].ko).size() > 0);
    CHECK(std::string_view(table[i].en).size() > 0);
  }
}

TEST_CASE("Korean and English strings take the same printf arguments") {
  const ui::StringEntry* table = ui::StringTable();
  for (int i = 0; i < ui::StringCount(); ++i) {
    CAPTURE(table[i].id);
    CHECK(Conversions(table[i].ko) == Conversions(table[i].en));
  }
}

TEST_CASE("Korean strings are written in Korean, except product names and symbols") {
  // Entries that are names (AWS products, the app's title) or units read the same in both.
  const std::set<std::string> same = {"AppTitle", "Az", "Ip", "Cpu", "CompRoute53", "CompCache",
                                      "CompDynamo", "GetsSets", "CacheMultiAz", "SumP99", "SumDbCpu",
                                      "StoryChange", "StoryTo"};  // "%s %s → %s": a metric's change
  const ui::StringEntry* table = ui::StringTable();
  for (int i = 0; i < ui::StringCount(); ++i) {
    CAPTURE(table[i].id);
    if (same.count(table[i].id) != 0) continue;
    CHECK(HasHangul(table[i].ko));
    CHECK(std::string_view(table[i].ko) != std::string_view(table[i].en));
  }
}

TEST_CASE("Tr picks the language and Fmt formats in it") {
  CHECK(std::string(ui::Tr(ui::S::Play, sim::Lang::Ko)) == "재생");
  CHECK(std::string(ui::Tr(ui::S::Play, sim::Lang::En)) == "Play");
  CHECK(std::string(ui::Tr(ui::S::Pause, sim::Lang::Ko)) == "일시정지");
  CHECK(ui::Fmt(sim::Lang::Ko, ui::S::StepOf, 2, 5) == "단계 2 / 5");
  CHECK(ui::Fmt(sim::Lang::En, ui::S::StepOf, 2, 5) == "Step 2 of 5");
}

namespace {

// The entry with every conversion filled in: numbers with `number`, strings with "x".
std::string Filled(std::string_view format, std::string_view number) {
  std::string out;
  size_t at = 0;
  for (const auto& [begin, end] : ConversionSpans(format)) {
    const char kind = format[end - 1];
    out.append(format.substr(at, begin - at));
    out += kind == '%' ? std::string_view("%") : kind == 's' ? std::string_view("x") : number;
    at = end;
  }
  return out.append(format.substr(at));
}

}  // namespace

TEST_CASE("English words agree with their count: 1 cart, 2 carts") {
  CHECK(ui::Fmt(sim::Lang::En, ui::S::StoryCartsLost, 1ull) == "1 cart lost");
  CHECK(ui::Fmt(sim::Lang::En, ui::S::StoryCartsLost, 12ull) == "12 carts lost");
  CHECK(ui::Fmt(sim::Lang::En, ui::S::StoryCartsLost, 0ull) == "0 carts lost");
  CHECK(ui::Fmt(sim::Lang::En, ui::S::StoryCartsLost, 1000ull) == "1000 carts lost");
  CHECK(ui::Fmt(sim::Lang::Ko, ui::S::StoryCartsLost, 1ull) == "장바구니 1개 손실");
  CHECK(ui::Fmt(sim::Lang::En, ui::S::StoryMemorySessions, 1u, 3u) == "its 1 session in memory (3 carts) went with it");
  CHECK(ui::Fmt(sim::Lang::En, ui::S::StoryMemorySessions, 2u, 1u) == "its 2 sessions in memory (1 cart) went with it");
  CHECK(ui::Fmt(sim::Lang::En, ui::S::StoryWritesLost, 1ull) == "1 write it had not received was lost");
  // The nearest number decides, whole: "1,001" and "0.1" are not one.
  CHECK(ui::ResolvePlurals("1,001 {cart|carts}") == "1,001 carts");
  CHECK(ui::ResolvePlurals("0.1 {cart|carts}") == "0.1 carts");
  CHECK(ui::ResolvePlurals("11 {cart|carts}") == "11 carts");
  CHECK(ui::ResolvePlurals("{cart|carts} with no number") == "carts with no number");
  // Braces that are not a choice stay as they are.
  CHECK(ui::ResolvePlurals("{\"a\":1} {b}") == "{\"a\":1} {b}");
  CHECK(ui::ResolvePlurals("1 {a} {b|c}") == "1 {a} b");
}

TEST_CASE("no English entry reads '1 carts': every count-bearing noun has its singular") {
  // An entry ImGui formats itself (a slider's format) cannot choose; its least value says why
  // it never shows 1.
  const std::set<std::string> formatted_by_imgui = {"ShopperCountFormat"};
  CHECK(sim::kShopperSliderMin > 1);
  // "1 ... <word>s", unless the word is a singular noun or a verb ("1 address", "1 line has").
  const std::regex one_plural(R"(\b1 (?:[A-Za-z]+ )?([A-Za-z]+s)\b)");
  const std::set<std::string> not_plural = {"address", "has", "is", "was"};
  const std::regex choice(R"(\{[^{}|]*\|[^{}|]*\})");
  const ui::StringEntry* table = ui::StringTable();
  int choices = 0;
  for (int i = 0; i < ui::StringCount(); ++i) {
    const std::string id = table[i].id, en = table[i].en;
    CAPTURE(id);
    CHECK_FALSE(std::regex_search(std::string(table[i].ko), choice));  // Korean nouns take no plural
    if (std::regex_search(en, choice)) ++choices;
    if (formatted_by_imgui.count(table[i].id) != 0) {
      CHECK_FALSE(std::regex_search(en, choice));
      continue;
    }
    const std::string one = ui::ResolvePlurals(Filled(en, "1"));
    const std::string two = ui::ResolvePlurals(Filled(en, "2"));
    CAPTURE(one);
    std::smatch m;
    const bool plural_after_one = std::regex_search(one, m, one_plural) && not_plural.count(m[1].str()) == 0;
    CHECK_FALSE(plural_after_one);
    CHECK_FALSE(std::regex_search(two, choice));
    CHECK_FALSE(std::regex_search(one, choice));
  }
  CHECK(choices >= 30);
}

TEST_CASE("a command the model rejects is reported in the learner's language") {
  sim::Sim model{sim::Config{}};
  model.Enqueue(sim::FollowShopper{sim::ShopperId{123456}});
  model.Enqueue(sim::TerminateInstance{sim::InstanceId{999}});
  model.Enqueue(sim::FailRdsPrimary{});
  model.Enqueue(sim::FailRdsPrimary{});  // already down
  model.Enqueue(sim::FailCachePrimary{});
  model.Enqueue(sim::FailCachePrimary{});  // a single node: no primary left
  model.Step();
  std::vector<std::string> korean;
  for (size_t i = 0; i < model.events().size(); ++i) {
    const sim::EventRecord& r = model.events()[i];
    if (!std::holds_alternative<sim::CommandRejected>(r.event)) continue;
    const std::string en = ui::EventText(r.event, sim::Lang::En, &model);
    const std::string ko = ui::EventText(r.event, sim::Lang::Ko, &model);
    CAPTURE(en);
    CAPTURE(ko);
    // The English line names the reason; the Korean one has no English left in it.
    CHECK(en.find(std::string(sim::Name(std::get<sim::CommandRejected>(r.event).reason))) != std::string::npos);
    CHECK(HasHangul(ko));
    CHECK(ko.find('_') == std::string::npos);  // no raw command name such as terminate_instance
    for (const char* word : {"no ", "the ", "already", "shopper", "instance"}) CHECK(ko.find(word) == std::string::npos);
    korean.push_back(ko);
  }
  CHECK(korean.size() == 4);
}

TEST_CASE("no UI string uses a variant the glossary rejects") {
  const auto glossary = sim::LoadGlossary(std::string(STATELAB_SOURCE_DIR) + "/lessons/glossary.json");
  REQUIRE_MESSAGE(glossary.ok(), glossary.error.Message());
  const ui::StringEntry* table = ui::StringTable();
  for (int i = 0; i < ui::StringCount(); ++i) {
    const std::string id = table[i].id;
    CAPTURE(id);
    for (sim::Lang lang : {sim::Lang::Ko, sim::Lang::En}) {
      const char* text = lang == sim::Lang::Ko ? table[i].ko : table[i].en;
      for (const sim::TermMisuse& m : sim::FindAvoidedTerms(*glossary.value, text, lang)) {
        FAIL_CHECK("'" << m.variant << "' where the glossary says '" << m.use << "'");
      }
    }
  }
}

TEST_CASE("every reason the engine can give for refusing a command reads in Korean and in English") {
  // Enumerated from the type: a reason added to sim::RejectReason is checked here at once (and the
  // app's switch does not build without its translation).
  static_assert(static_cast<int>(sim::RejectReason::NoSuchReplicaOrDown) + 1 == sim::kRejectReasonCount);
  std::set<std::string> korean;
  for (int i = 0; i < sim::kRejectReasonCount; ++i) {
    const auto reason = static_cast<sim::RejectReason>(i);
    const std::string en = ui::RejectReasonText(reason, sim::Lang::En);
    const std::string ko = ui::RejectReasonText(reason, sim::Lang::Ko);
    CAPTURE(en);
    CAPTURE(ko);
    CHECK(en == std::string(sim::Name(reason)));
    CHECK(HasHangul(ko));
    for (const char* word : {"no ", "the ", "cookie", "replica", "instance"}) CHECK(ko.find(word) == std::string::npos);
    korean.insert(ko);
  }
  CHECK(korean.size() == static_cast<size_t>(sim::kRejectReasonCount));  // no two share a text
}

TEST_CASE("metric values read in their unit: a ratio as a percent, 30000 ms as 30 s, no '30kms'") {
  using sim::MetricFormat;
  CHECK(ui::MetricValueText(0.929, MetricFormat::Ratio, sim::Lang::En) == "92.9 %");
  CHECK(ui::MetricValueText(0.7, MetricFormat::Ratio, sim::Lang::En) == "70 %");
  CHECK(ui::MetricValueText(30000, MetricFormat::Ms, sim::Lang::En, true) == "30 s");
  CHECK(ui::MetricValueText(30000, MetricFormat::Ms, sim::Lang::Ko, true) == "30 초");
  CHECK(ui::MetricValueText(12.34, MetricFormat::Ms, sim::Lang::En) == "12.3 ms");
  CHECK(ui::MetricValueText(1240, MetricFormat::Usd, sim::Lang::En) == "$1240.00");
  CHECK(ui::MetricValueText(23456, MetricFormat::Bytes, sim::Lang::En) == "23 KB");
  CHECK(ui::MetricValueText(45, MetricFormat::Percent, sim::Lang::En) == "45 %");
  CHECK(ui::MetricValueText(214, MetricFormat::Count, sim::Lang::En) == "214");
  // Every metric in the engine's table has a format that reads it: none falls through to "?".
  for (const sim::MetricInfo& m : sim::MetricTable()) {
    CAPTURE(m.name);
    CHECK(ui::MetricValueText(1.5, sim::FormatOf(m), sim::Lang::Ko) != "?");
  }
  CHECK(sim::FormatOf(*sim::FindMetric("cache_hit_ratio")) == MetricFormat::Ratio);
  CHECK(sim::FormatOf(*sim::FindMetric("replica_lag_ms_max")) == MetricFormat::Ms);
  CHECK(sim::IsRunningCount(*sim::FindMetric("carts_lost")));
  CHECK(sim::IsRunningCount(*sim::FindMetric("tamper_loss_usd")));  // money adds up too
  CHECK_FALSE(sim::IsRunningCount(*sim::FindMetric("cache_hit_ratio")));
  CHECK_FALSE(sim::IsRunningCount(*sim::FindMetric("rps")));
}

TEST_CASE("a formatted text is never cut: a long narration reaches the screen reader whole") {
  const std::string narration(3000, 'x');
  const std::string korean = std::string("가나다라마바사") + std::string(600, 'y') + "아자차카타파하";
  const std::string en = ui::Fmt(sim::Lang::En, ui::S::AnnounceStep, "Welcome", 1, 4, "Step", narration.c_str());
  CHECK(en.find(narration) != std::string::npos);
  const std::string ko = ui::Fmt(sim::Lang::Ko, ui::S::AnnounceStep, "환영", 1, 4, "단계", korean.c_str());
  CHECK(ko.find(korean) != std::string::npos);
}

TEST_CASE("every command reads as the learner's words, not as its scenario verb") {
  // Enumerated from the engine's command table: a command added there needs its label here.
  for (uint32_t i = 0; i < sim::kCommandCount; ++i) {
    const std::string name(sim::CommandNameAt(i));
    CAPTURE(name);
    const std::string ko = ui::CommandText(i, sim::Lang::Ko);
    const std::string en = ui::CommandText(i, sim::Lang::En);
    CHECK((HasHangul(ko) || ko == en));  // "ElastiCache Multi-AZ" reads the same in both
    CHECK(ko.find('_') == std::string::npos);
    CHECK(en.find('_') == std::string::npos);
    CHECK(en != "?");
  }
  CHECK(std::string(ui::CommandText(sim::kCommandCount, sim::Lang::En)) == "?");
}

TEST_CASE("every metric a difference line shows has a name in both languages, and the line reads A vs B") {
  std::vector<sim::Metric> shown(std::begin(sim::kSummaryMetrics), std::end(sim::kSummaryMetrics));
  shown.insert(shown.end(), std::begin(sim::kSummaryExtras), std::end(sim::kSummaryExtras));
  for (const sim::MetricInfo& m : sim::MetricTable()) {
    CAPTURE(m.name);
    const bool summarised = std::find(shown.begin(), shown.end(), m.id) != shown.end();
    CHECK(sim::CanSummarise(m.id) == summarised);
    for (sim::Lang lang : {sim::Lang::Ko, sim::Lang::En}) CHECK((ui::SummaryLabel(m.id, lang) != nullptr) == summarised);
  }
  sim::Difference d;
  d.rows = {{sim::Metric::CartsLost, 214, 0}, {sim::Metric::RunP99Ms, 38, 12}, {sim::Metric::RevenueLostUsd, 8120, 0},
            {sim::Metric::VcpuHours, 0.8, 1.2}};
  CHECK(ui::DifferenceLine(d, sim::Lang::En) ==
        "carts lost 214 vs 0 · p99 38 ms vs 12 ms · revenue lost $8120.00 vs $0.00 · vCPU-hours 0.8 vs 1.2");
  CHECK(ui::DifferenceLine(d, sim::Lang::Ko) ==
        "장바구니 분실 214 대 0 · p99 38 ms 대 12 ms · 잃은 매출 $8120.00 대 $0.00 · vCPU 시간 0.8 대 1.2");
}
