// Shared by the engine's randomized and cache tests: run a query and render
// its rows as strings that compare with EXPECT_EQ.
#pragma once

#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "query/engine.h"

namespace dyad::query {

// The rows of q's last statement run on engine, one string per row (each
// cell's ToString() followed by " | "), in the order the engine gave them.
// A failed run is a test failure and yields no rows.
inline std::vector<std::string> RunRows(QueryEngine* engine, const std::string& q, const Map& params = {}) {
  QueryOptions o;
  o.params = params;
  std::vector<QueryResult> results;
  Status s = engine->Run(q, o, &results);
  EXPECT_TRUE(s.ok()) << q << ": " << s.ToString();
  std::vector<std::string> out;
  if (results.empty()) return out;
  for (const Row& row : results.back().rows) {
    std::string line;
    for (const Value& v : row) line += v.ToString() + " | ";
    out.push_back(std::move(line));
  }
  return out;
}

}  // namespace dyad::query
