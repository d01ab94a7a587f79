// "Describe the diagram": the stack's state right now as a few plain sentences, for a screen
// reader (a key, a button and a page button write it into the aria-live region). Pure: it reads
// the Sim and the string table only, so a test can check every sentence against the model.
#pragma once

#include <string>

#include "statelab/lesson.h"

namespace sim {
class Sim;
}

namespace ui {

// For example: "MyClothes.com at 02:15. AZ b is down. Instances in service (4): AZ a has i-1, i-4;
// AZ c has i-3, i-6. Terminated in the last 10 minutes: i-2, i-5. Carts live in each instance's
// memory. ElastiCache: primary in AZ a. RDS: primary in AZ a, standby in AZ b (down). Last
// minute: 1204 requests, 12 errors, 12 carts lost."
std::string DescribeStack(const sim::Sim& sim, sim::Lang lang);

}  // namespace ui
