// Request traces and the fixed-capacity ring buffer that keeps the latest ones (also used for
// events and metric time series). A trace lists every hop of one request: which component, in
// which AZ, how long it took and what happened. Traces are recorded for a sample of requests and
// for followed or scripted shoppers, so the hot path does not pay for a trace per request.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "statelab/security_groups.h"
#include "statelab/types.h"

namespace sim {

// A ring buffer that overwrites its oldest element. Index 0 is the oldest element kept.
template <class T>
class Ring {
 public:
  explicit Ring(size_t capacity = 0) { Reset(capacity); }
  void Reset(size_t capacity) {
    items_.assign(capacity, T{});
    total_ = 0;
  }
  // Returns the slot to fill, so big elements are written in place.
  T& Push() {
    T& slot = items_[static_cast<size_t>(total_ % items_.size())];
    ++total_;
    return slot;
  }
  void Push(const T& value) {
    if (!items_.empty()) Push() = value;
  }
  size_t capacity() const { return items_.size(); }
  size_t size() const { return total_ < items_.size() ? static_cast<size_t>(total_) : items_.size(); }
  bool empty() const { return size() == 0; }
  uint64_t total_pushed() const { return total_; }
  const T& operator[](size_t i) const {  // 0: oldest kept
    return items_[static_cast<size_t>((total_ - size() + i) % items_.size())];
  }
  const T& back() const { return (*this)[size() - 1]; }

 private:
  std::vector<T> items_;
  uint64_t total_ = 0;
};

inline constexpr int kMaxHops = 14;

struct Hop {
  Component component = Component::Browser;
  Az az = Az::A;
  HopResult result = HopResult::Ok;
  uint8_t node = 0;         // LB node AZ index, cache node index or DB node index
  uint32_t instance = 0;    // InstanceId::value for web instance hops and routing decisions
  int32_t latency_us = 0;
};

struct RequestTrace {
  uint64_t id = 0;  // request number in the run, from 1
  TimeUs start_us = 0;
  ShopperId shopper;
  RequestKind kind = RequestKind::Browse;
  Outcome outcome = Outcome::Ok;
  int32_t latency_us = 0;
  uint32_t request_bytes = 0;
  uint32_t cookie_bytes = 0;
  // The path, for animating a dot along the diagram's edges. -1: not reached.
  int8_t lb_az = -1;
  InstanceId instance;
  int8_t cache_node = -1;
  int8_t db_node = -1;
  bool used_dynamodb = false;
  uint8_t hop_count = 0;
  std::array<Hop, kMaxHops> hops{};
  SgVerdict denial;  // set when outcome == DeniedBySg
};

// One line per hop, for a trace panel or the CLI: "web i-2 (b) 5.2 ms: session not found".
std::string DescribeHop(const Hop& hop);

}  // namespace sim
