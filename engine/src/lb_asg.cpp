// The load balancer's health checks, Route 53's health checks on the load balancer nodes, and the
// Auto Scaling group: launching, replacing, spreading across AZs and target tracking on CPU.
#include <algorithm>

#include "statelab/sim.h"

namespace sim {

// [SECTION] Health checks
void Sim::RunHealthChecks() {
  const HealthCheckConfig& hc = config_.load_balancer.health_check;
  bool changed = false;
  for (uint32_t index : live_) {
    Instance& in = instances_[index];
    if (!in.registered) {
      if (in.state != InstanceState::Pending || now_us_ < in.launched_us + Sec(config_.auto_scaling.launch_delay_s)) {
        continue;
      }
      in.registered = true;  // booted: the target group starts checking it
      in.next_health_check_us = now_us_;
    }
    if (now_us_ < in.next_health_check_us) continue;
    in.next_health_check_us = now_us_ + Sec(hc.interval_s);
    if (in.reachable) {
      in.hc_failures = 0;
      if (in.hc_passes < 255) ++in.hc_passes;
      if (!in.lb_healthy && in.hc_passes >= hc.healthy_threshold) {
        in.lb_healthy = true;
        in.state = InstanceState::InService;
        in.in_service_us = now_us_;
        Emit(InstanceInService{in.id});
        changed = true;
      }
    } else {
      in.hc_passes = 0;
      if (in.hc_failures < 255) ++in.hc_failures;
      if (in.lb_healthy && in.hc_failures >= hc.unhealthy_threshold) {
        in.lb_healthy = false;
        in.state = InstanceState::Unhealthy;
        Emit(InstanceUnhealthy{in.id});
        changed = true;
      }
    }
  }
  if (changed) RebuildTargets();
}

void Sim::RunDnsChecks() {
  const Route53Config& r53 = config_.route53;
  for (LbNode& node : lb_nodes_) {
    if (!node.enabled || now_us_ < node.next_dns_check_us) continue;
    node.next_dns_check_us = now_us_ + Sec(r53.health_check_interval_s);
    if (node.up) {
      node.dns_failures = 0;
      if (!node.in_dns) {
        node.in_dns = true;
        Emit(LbNodeAddedToDns{node.az});
      }
    } else {
      if (node.dns_failures < 255) ++node.dns_failures;
      if (node.in_dns && node.dns_failures >= r53.failure_threshold) {
        node.in_dns = false;
        Emit(LbNodeRemovedFromDns{node.az});
      }
    }
  }
}

void Sim::RebuildTargets() {
  targets_.clear();
  for (uint32_t index : live_) {
    const Instance& in = instances_[index];
    if (in.state == InstanceState::InService && in.lb_healthy) targets_.push_back(index);
  }
}

// [SECTION] Auto Scaling group
std::array<uint32_t, kAzCount> Sim::LiveInstancesPerAz() const {
  std::array<uint32_t, kAzCount> counts{};
  for (uint32_t index : live_) ++counts[static_cast<size_t>(AzIndex(instances_[index].az))];
  return counts;
}

int Sim::ChooseLaunchAz() const {
  const auto counts = LiveInstancesPerAz();
  int best = -1;
  for (int az = 0; az < kAzCount; ++az) {
    if (!config_.azs[az] || !az_up_[az]) continue;
    if (best < 0 || counts[az] < counts[best]) best = az;
  }
  return best;
}

int Sim::MostLoadedAz() const {
  const auto counts = LiveInstancesPerAz();
  int best = -1;
  for (int az = 0; az < kAzCount; ++az) {
    if (counts[az] == 0) continue;
    if (best < 0 || counts[az] > counts[best]) best = az;
  }
  return best;
}

void Sim::RunAutoScaling() {
  // Replace what the load balancer marked unhealthy, and launches stranded in a failed AZ.
  for (size_t i = 0; i < live_.size();) {
    Instance& in = instances_[live_[i]];
    if (in.state == InstanceState::Unhealthy || (in.state == InstanceState::Pending && !in.reachable)) {
      Terminate(in, TerminationCause::Unhealthy);  // removes live_[i]
    } else {
      ++i;
    }
  }
  const auto counts = LiveInstancesPerAz();
  const uint32_t live = static_cast<uint32_t>(live_.size());
  const bool pending = std::any_of(live_.begin(), live_.end(), [&](uint32_t index) {
    return instances_[index].state == InstanceState::Pending;
  });
  if (live < asg_.desired) {
    for (uint32_t k = live; k < asg_.desired; ++k) {
      const int az = ChooseLaunchAz();
      if (az < 0) break;
      Launch(AzAt(az));
    }
    return;
  }
  if (pending) return;  // launch before terminate: wait for new instances to be in service
  if (live > asg_.desired) {
    const TerminationCause cause = rebalancing_ ? TerminationCause::AzRebalance : TerminationCause::ScaleIn;
    rebalancing_ = false;
    for (uint32_t k = asg_.desired; k < live; ++k) {
      const int az = MostLoadedAz();
      if (az < 0) break;
      for (uint32_t index : live_) {
        if (AzIndex(instances_[index].az) == az) {
          Terminate(instances_[index], cause);  // the oldest in the fullest AZ
          break;
        }
      }
    }
    return;
  }
  // Balanced across the AZs that are up? If not, launch in the emptiest, then scale in the fullest.
  uint32_t low = UINT32_MAX, high = 0;
  for (int az = 0; az < kAzCount; ++az) {
    if (!config_.azs[az] || !az_up_[az]) continue;
    low = std::min(low, counts[az]);
    high = std::max(high, counts[az]);
  }
  if (low != UINT32_MAX && high > low + 1) {
    const int az = ChooseLaunchAz();
    if (az >= 0) {
      rebalancing_ = true;
      Launch(AzAt(az));
    }
  }
}

void Sim::RunTargetTracking() {
  if (now_us_ < asg_.next_tracking_eval_us) return;
  asg_.next_tracking_eval_us = now_us_ + Sec(60);
  if (asg_.cpu_samples == 0) return;
  const uint64_t average_bp = asg_.cpu_bp_sum / asg_.cpu_samples;
  asg_.cpu_bp_sum = 0;
  asg_.cpu_samples = 0;
  uint32_t in_service = 0;
  bool pending = false;
  for (uint32_t index : live_) {
    in_service += instances_[index].state == InstanceState::InService;
    pending = pending || instances_[index].state == InstanceState::Pending;
  }
  if (in_service == 0) return;
  const uint64_t target_bp = uint64_t{std::max<uint32_t>(1, config_.auto_scaling.target_cpu_pct)} * 100;
  uint32_t needed = static_cast<uint32_t>((in_service * average_bp + target_bp - 1) / target_bp);
  needed = std::clamp(needed, asg_.min, asg_.max);
  const uint32_t before = asg_.desired;
  if (needed > asg_.desired && !pending) {
    asg_.desired = needed;
  } else if (needed < asg_.desired && now_us_ - asg_.last_scale_us >= Sec(config_.auto_scaling.scale_in_cooldown_s)) {
    asg_.desired = needed;
  }
  if (asg_.desired != before) {
    asg_.last_scale_us = now_us_;
    config_.auto_scaling.desired = asg_.desired;
    Emit(DesiredCapacityChanged{before, asg_.desired, ScalingCause::TargetTracking});
  }
}

// [SECTION] Instances
InstanceId Sim::Launch(Az az) {
  Instance in;
  in.id = InstanceId{static_cast<uint32_t>(instances_.size() + 1)};
  in.az = az;
  in.state = InstanceState::Pending;
  in.ip = SubnetIp(AzIndex(az), 10 + in.id.value % 240);
  in.reachable = az_up_[AzIndex(az)];
  in.launched_us = now_us_;
  in.backlog_at_us = now_us_;
  RefreshVerdicts(in);
  live_.push_back(static_cast<uint32_t>(instances_.size()));
  instances_.push_back(in);
  ++asg_.launches;
  Emit(InstanceLaunched{in.id, az});
  return in.id;
}

void Sim::Terminate(Instance& instance, TerminationCause cause) {
  const uint32_t carts_at_risk = CartsOnInstance(instance.id);
  const uint32_t sessions = instance.sessions;
  totals_.sessions_lost += sessions;
  instance.state = InstanceState::Terminated;
  instance.terminated_us = now_us_;
  instance.lb_healthy = false;
  instance.registered = false;
  instance.reachable = false;
  instance.sessions = 0;
  instance.orphaned_sessions = 0;
  instance.orphans_by_minute.fill(0);
  instance.backlog_us = 0;
  instance.cpu_bp = 0;
  const uint32_t index = instance.id.value - 1;
  live_.erase(std::find(live_.begin(), live_.end(), index));
  ++asg_.terminations;
  RebuildTargets();
  Emit(InstanceTerminated{instance.id, cause, sessions, carts_at_risk});
}

}  // namespace sim
