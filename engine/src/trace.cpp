// Text for request trace hops.
#include "statelab/trace.h"

namespace sim {

namespace {
std::string Millis(int32_t us) {
  const int32_t tenths = (us + 50) / 100;
  return std::to_string(tenths / 10) + "." + std::to_string(tenths % 10) + " ms";
}
}  // namespace

std::string DescribeHop(const Hop& hop) {
  std::string where(Name(hop.component));
  if (hop.component == Component::WebInstance && hop.instance != 0) {
    where += " " + FormatInstanceId(InstanceId{hop.instance});
  }
  if (hop.component != Component::Browser && hop.component != Component::DynamoDb) {
    where += " (" + std::string(Name(hop.az)) + ")";
  }
  std::string text = where + " " + Millis(hop.latency_us) + ": " + std::string(Describe(hop.result));
  if (hop.component == Component::LoadBalancer && hop.instance != 0) {
    text += " -> " + FormatInstanceId(InstanceId{hop.instance});
  }
  return text;
}

}  // namespace sim
