// Shared by the engine's randomized and cache tests: run a query and render
// its rows as strings that compare with EXPECT_EQ.
#pragma once

#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "query/engine.h"

namespace dyad::query {

// The rows of a result, one string per row (each cell's ToString()
// followed by " | ").
inline std::vector<std::string> RenderRows(const QueryResult& result) {
  std::vector<std::string> out;
  for (const Row& row : result.rows) {
    std::string line;
    for (const Value& v : row) line += v.ToString() + " | ";
    out.push_back(std::move(line));
  }
  return out;
}

// The rows of q's last statement run on engine, one string per row (each
// cell's ToString() followed by " | "), in the order the engine gave them.
// A failed run is a test failure and yields no rows.
inline std::vector<std::string> RunRows(QueryEngine* engine, const std::string& q, const Map& params = {}) {
  QueryOptions o;
  o.params = params;
  std::vector<QueryResult> results;
  Status s = engine->Run(q, o, &results);
  EXPECT_TRUE(s.ok()) << q << ": " << s.ToString();
  if (results.empty()) return {};
  return RenderRows(results.back());
}

}  // namespace dyad::query
