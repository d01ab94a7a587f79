// "Describe the diagram": every sentence checked against the model it describes, in both
// languages, and the command that says it to a screen reader (or shows it, natively).
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "statelab/sim.h"
#include "ui/describe.h"
#include "ui/tutorial.h"

namespace {

struct Listener {
  std::vector<std::string> announcements, notices;
  bool with_screen_reader = true;
  ui::PlatformServices Make() {
    ui::PlatformServices s;
    s.url_hash = [] { return std::string("#lesson=sandbox"); };
    s.preferred_language = [] { return std::string("en-US"); };
    if (with_screen_reader) s.announce = [this](const std::string& t) { announcements.push_back(t); };
    s.show_notice = [this](const std::string& t) {
      notices.push_back(t);
      return true;
    };
    return s;
  }
};

bool Has(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

void Seconds(ui::Tutorial& t, int n) {
  for (int i = 0; i < n; ++i) t.Dispatch(ui::StepOnce{});
}

}  // namespace

TEST_CASE("describe: an AZ outage and a terminated instance, as the model has them") {
  Listener l;
  ui::Tutorial t(STATELAB_DATA_DIR, l.Make());
  t.BeginFrame();
  REQUIRE(t.run() != nullptr);
  REQUIRE(t.run()->lesson().id == "sandbox");
  Seconds(t, 30);
  const sim::Sim& before = t.run()->sim();
  // The first instance in service that is not in AZ b: it is terminated on purpose.
  sim::InstanceId victim{};
  for (const sim::Instance& in : before.instances()) {
    if (in.state == sim::InstanceState::InService && in.az != sim::Az::B) {
      victim = in.id;
      break;
    }
  }
  t.Dispatch(ui::ModelCommand{sim::TerminateInstance{victim}});
  t.Dispatch(ui::ModelCommand{sim::FailAz{sim::Az::B}});
  Seconds(t, 20);
  const sim::Sim& s = t.run()->sim();
  t.Dispatch(ui::DescribeStackNow{});
  REQUIRE(l.announcements.size() >= 1);
  const std::string said = l.announcements.back();
  CHECK(said == ui::DescribeStack(s, sim::Lang::En));
  CHECK(l.notices.empty());

  CHECK(Has(said, "AZ b is down."));
  CHECK(Has(said, "Terminated in the last 10 minutes: " + sim::FormatInstanceId(victim)));
  // The count and every id in service, from the model.
  int serving = 0;
  for (const sim::Instance& in : s.instances()) {
    if (in.state != sim::InstanceState::InService) continue;
    ++serving;
    CHECK(Has(said, sim::FormatInstanceId(in.id)));
    CHECK(in.az != sim::Az::B);  // AZ b's instances cannot pass a health check
  }
  CHECK(Has(said, "Instances in service (" + std::to_string(serving) + "): "));
  // The last minute's counters, summed from the series.
  uint64_t requests = 0, errors = 0, lost = 0;
  const auto& series = s.series();
  for (size_t i = series.size() >= 60 ? series.size() - 60 : 0; i < series.size(); ++i) {
    requests += series[i].requests;
    errors += series[i].errors;
    lost += series[i].carts_lost;
  }
  CHECK(requests > 0);
  const auto count = [](uint64_t n, const char* one, const char* other) {
    return std::to_string(n) + " " + (n == 1 ? one : other);
  };
  CHECK(Has(said, "Last minute: " + count(requests, "request", "requests") + ", " + count(errors, "error", "errors") +
                      ", " + count(lost, "cart", "carts") + " lost."));
  // Where the carts are, from the configuration.
  CHECK(Has(said, s.config().session.strategy == sim::SessionStrategy::InstanceMemory
                      ? "Carts live in each instance's memory."
                      : "Carts live in"));

  const std::string ko = ui::DescribeStack(s, sim::Lang::Ko);
  CHECK(Has(ko, "AZ b에 장애가 났습니다."));
  CHECK(Has(ko, "서비스 중인 인스턴스(" + std::to_string(serving) + "개): "));
  CHECK(Has(ko, "최근 10분 동안 종료된 인스턴스: " + sim::FormatInstanceId(victim)));
}

TEST_CASE("describe: every AZ up says so; without a screen reader the description is a notice") {
  Listener l;
  l.with_screen_reader = false;
  ui::Tutorial t(STATELAB_DATA_DIR, l.Make());
  t.BeginFrame();
  REQUIRE(t.run() != nullptr);
  Seconds(t, 5);
  t.Dispatch(ui::DescribeStackNow{});
  REQUIRE(l.notices.size() == 1);
  CHECK(Has(l.notices[0], "Every AZ in use is up."));
  CHECK_FALSE(Has(l.notices[0], "is down"));
  CHECK(Has(l.notices[0], "MyClothes.com at 00:"));
}
