// The usual visitor helper for std::visit over the command and event variants: one lambda per
// alternative, e.g. std::visit(Overloaded{[](const FailAz& f) {...}, [](const auto&) {...}}, c).
#pragma once

namespace sim {

template <class... F>
struct Overloaded : F... {
  using F::operator()...;
};
template <class... F>
Overloaded(F...) -> Overloaded<F...>;

}  // namespace sim
