#include "ui/describe.h"

#include <algorithm>
#include <array>
#include <vector>

#include "statelab/sim.h"
#include "ui/model_text.h"
#include "ui/strings.h"

namespace ui {

namespace {

constexpr sim::TimeUs kRecentTerminations = sim::Sec(600);  // "in the last 10 minutes"
constexpr size_t kLastMinute = 60;                        // samples of one second

std::string AzName(sim::Az az) { return std::string(sim::Name(az)); }

// "a, b" in either language: AZ letters and instance ids read the same in both.
std::string JoinComma(const std::vector<std::string>& parts) {
  std::string out;
  for (size_t i = 0; i < parts.size(); ++i) out += (i ? ", " : "") + parts[i];
  return out;
}

void Sentence(std::string& out, const std::string& s) {
  if (!out.empty()) out += ' ';
  out += s;
}

void DescribeAzs(const sim::Sim& s, sim::Lang l, std::string& out) {
  std::vector<std::string> down;
  for (int a = 0; a < sim::kAzCount; ++a) {
    if (s.config().azs[static_cast<size_t>(a)] && !s.lb_nodes()[static_cast<size_t>(a)].up) {
      down.push_back(AzName(sim::AzAt(a)));
    }
  }
  Sentence(out, down.empty() ? std::string(Tr(S::DescAzsUp, l)) : Fmt(l, S::DescAzsDown, JoinComma(down).c_str()));
}

void DescribeInstances(const sim::Sim& s, sim::Lang l, std::string& out) {
  std::array<std::vector<std::string>, sim::kAzCount> in_service;
  std::vector<std::string> unhealthy, terminated;
  int pending = 0, serving = 0;
  for (const sim::Instance& in : s.instances()) {
    const std::string id = sim::FormatInstanceId(in.id);
    switch (in.state) {
      case sim::InstanceState::Pending: ++pending; break;
      case sim::InstanceState::InService:
        in_service[static_cast<size_t>(in.az)].push_back(id);
        ++serving;
        break;
      case sim::InstanceState::Unhealthy: unhealthy.push_back(id); break;
      case sim::InstanceState::Terminated:
        if (s.now_us() - in.terminated_us <= kRecentTerminations) terminated.push_back(id);
        break;
    }
  }
  std::string where;
  for (int a = 0; a < sim::kAzCount; ++a) {
    const auto& ids = in_service[static_cast<size_t>(a)];
    if (ids.empty()) continue;
    if (!where.empty()) where += "; ";
    where += Fmt(l, S::DescInstancesInAz, AzName(sim::AzAt(a)).c_str(), JoinComma(ids).c_str());
  }
  Sentence(out, serving == 0 ? std::string(Tr(S::DescNoInstances, l))
                             : Fmt(l, S::DescInstancesInService, serving, where.c_str()));
  if (!unhealthy.empty()) Sentence(out, Fmt(l, S::DescInstancesUnhealthy, JoinComma(unhealthy).c_str()));
  if (pending > 0) Sentence(out, Fmt(l, S::DescInstancesStarting, pending));
  if (!terminated.empty()) Sentence(out, Fmt(l, S::DescInstancesTerminated, JoinComma(terminated).c_str()));
}

void DescribeState(const sim::Sim& s, sim::Lang l, std::string& out) {
  const sim::Config& c = s.config();
  S where = S::DescCartsInMemory;
  switch (c.session.strategy) {
    case sim::SessionStrategy::InstanceMemory: where = S::DescCartsInMemory; break;
    case sim::SessionStrategy::ClientCookie: where = S::DescCartsInCookie; break;
    case sim::SessionStrategy::ServerSession:
      where = c.session.store == sim::SessionStore::ElastiCache ? S::DescCartsInElastiCache : S::DescCartsInDynamoDb;
      break;
  }
  Sentence(out, Tr(where, l));
  if (c.load_balancer.stickiness.enabled) Sentence(out, Tr(S::DescStickinessOn, l));
}

// A node as "AZ a" or "AZ a (down)".
std::string NodePlace(sim::Az az, bool up, sim::Lang l) {
  return up ? "AZ " + AzName(az) : Fmt(l, S::DescNodeDown, AzName(az).c_str());
}

void DescribeCache(const sim::Sim& s, sim::Lang l, std::string& out) {
  const sim::Config& c = s.config();
  const bool in_use = c.cache.read_mode != sim::CacheMode::None ||
                      (c.session.strategy == sim::SessionStrategy::ServerSession &&
                       c.session.store == sim::SessionStore::ElastiCache);
  if (!in_use) return;
  const sim::CacheCluster& cache = s.cache();
  std::vector<std::string> parts;
  for (const sim::CacheNode& n : cache.nodes) {
    if (!n.exists) continue;
    parts.push_back(Fmt(l, n.primary ? S::DescPrimaryIn : S::DescReplicaIn, NodePlace(n.az, n.up, l).c_str()));
  }
  if (cache.primary_index() < 0) parts.push_back(Tr(S::DescNoPrimary, l));
  if (!parts.empty()) Sentence(out, "ElastiCache: " + JoinComma(parts) + ".");
}

void DescribeRds(const sim::Sim& s, sim::Lang l, std::string& out) {
  const sim::RdsCluster& rds = s.rds();
  std::vector<std::string> parts;
  for (const sim::RdsNode& n : rds.nodes) {
    S role = S::DescPrimaryIn;
    switch (n.role) {
      case sim::RdsRole::None: continue;
      case sim::RdsRole::Primary: role = S::DescPrimaryIn; break;
      case sim::RdsRole::Standby: role = S::DescStandbyIn; break;
      case sim::RdsRole::Replica: role = S::DescReadReplicaIn; break;
      case sim::RdsRole::Failed: role = S::DescFailedIn; break;
    }
    parts.push_back(Fmt(l, role, NodePlace(n.az, n.up, l).c_str()));
  }
  if (rds.failing_over) parts.push_back(Tr(S::DescFailingOver, l));
  else if (rds.primary < 0) parts.push_back(Tr(S::DescNoPrimary, l));
  if (!parts.empty()) Sentence(out, "RDS: " + JoinComma(parts) + ".");
}

void DescribeLastMinute(const sim::Sim& s, sim::Lang l, std::string& out) {
  const auto& series = s.series();
  uint64_t requests = 0, errors = 0, carts_lost = 0;
  const size_t n = std::min(series.size(), kLastMinute);
  for (size_t i = series.size() - n; i < series.size(); ++i) {
    requests += series[i].requests;
    errors += series[i].errors;
    carts_lost += series[i].carts_lost;
  }
  Sentence(out, Fmt(l, S::DescLastMinute, static_cast<unsigned long long>(requests),
                    static_cast<unsigned long long>(errors), static_cast<unsigned long long>(carts_lost)));
}

}  // namespace

std::string DescribeStack(const sim::Sim& sim, sim::Lang lang) {
  std::string out = Fmt(lang, S::DescAt, ClockText(sim.now_us()).c_str());
  DescribeAzs(sim, lang, out);
  DescribeInstances(sim, lang, out);
  DescribeState(sim, lang, out);
  DescribeCache(sim, lang, out);
  DescribeRds(sim, lang, out);
  DescribeLastMinute(sim, lang, out);
  return out;
}

}  // namespace ui
