// Row: the values of one intermediate result, indexed by slot.
#pragma once

#include <vector>

#include "graph/value.h"

namespace dyad::query {

// One row flowing between operators; the planner assigns each variable a slot.
using Row = std::vector<Value>;

}  // namespace dyad::query
