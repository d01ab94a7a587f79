// Small helpers on the component state structs.
#include "statelab/model.h"

#include <array>

namespace sim {

std::string_view Name(InstanceState s) {
  static constexpr std::array<std::string_view, 4> kNames = {"pending", "in_service", "unhealthy",
                                                             "terminated"};
  return kNames[static_cast<int>(s)];
}

std::string_view Name(CacheState s) {
  static constexpr std::array<std::string_view, 3> kNames = {"available", "failing_over", "down"};
  return kNames[static_cast<int>(s)];
}

std::string_view Name(RdsRole r) {
  static constexpr std::array<std::string_view, 5> kNames = {"none", "primary", "standby",
                                                             "replica", "failed"};
  return kNames[static_cast<int>(r)];
}

std::string_view Name(SessionHome h) {
  static constexpr std::array<std::string_view, 4> kNames = {"none", "instance", "elasticache",
                                                             "dynamodb"};
  return kNames[static_cast<int>(h)];
}

int CacheCluster::primary_index() const {
  for (int i = 0; i < static_cast<int>(nodes.size()); ++i) {
    if (nodes[i].exists && nodes[i].primary) return i;
  }
  return -1;
}

int64_t RdsCluster::LagMs(int node, int64_t base_lag_ms, TimeUs now_us) const {
  if (node < 0 || node >= kMaxDbNodes || nodes[node].role != RdsRole::Replica) return -1;
  const RdsNode& n = nodes[node];
  const bool extra = n.extra_lag_ms > 0 && (n.extra_lag_until_us < 0 || now_us < n.extra_lag_until_us);
  return base_lag_ms + (extra ? n.extra_lag_ms : 0);
}

}  // namespace sim
