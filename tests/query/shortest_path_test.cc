// shortestPath (a search from both ends) against allShortestPaths (a
// search from the start that keeps every shortest path) on random
// multigraphs: shortestPath must return one of the shortest paths exactly
// when there are any.
#include <algorithm>
#include <random>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "query/engine.h"
#include "tests/query/query_test_util.h"
#include "tests/storage/test_util.h"

namespace dyad::query {
namespace {

class ShortestPathTest : public ::testing::Test {
 protected:
  // The rows of q, each rendered.
  std::vector<std::string> Rows(const std::string& q, const Map& params) {
    QueryEngine engine(store_.get());
    return RunRows(&engine, q, params);
  }
  storage::TempDir dir_;
  std::unique_ptr<storage::GraphStore> store_;
};

TEST_F(ShortestPathTest, OneOfTheShortestPaths) {
  std::mt19937 rng(99);
  const std::string steps[] = {"-[:R*..%]->", "<-[*..%]-", "-[*..%]-", "-[:R|S*..%]-", "-[:S*..%]->"};
  for (int graph = 0; graph < 25; ++graph) {
    SCOPED_TRACE("graph " + std::to_string(graph));
    store_ = storage::OpenOrDie(dir_.sub("g" + std::to_string(graph)));
    const int nodes = 5 + graph % 10, rels = nodes + 2 * (graph % 9);
    {
      auto w = store_->BeginWrite();
      ASSERT_TRUE(w.ok());
      std::vector<uint64_t> ids;
      for (int i = 0; i < nodes; ++i) ids.push_back(*(*w)->CreateNode({"N"}, {{"i", Value(int64_t{i})}}));
      for (int j = 0; j < rels; ++j)
        ASSERT_TRUE((*w)->CreateEdge(rng() % 3 ? "R" : "S", ids[rng() % nodes], ids[rng() % nodes], {}).ok());
      ASSERT_TRUE((*w)->Commit().ok());
    }
    for (int q = 0; q < 12; ++q) {
      std::string step = steps[rng() % 5];
      step.replace(step.find('%'), 1, std::to_string(1 + rng() % 5));
      Map params{{"i", Value(int64_t{static_cast<int>(rng() % nodes)})},
                 {"j", Value(int64_t{static_cast<int>(rng() % nodes)})}};
      const std::string match = "MATCH (x:N {i: $i}), (y:N {i: $j}) MATCH p = ";
      const std::string ret = "((x)" + step + "(y)) RETURN [r IN relationships(p) | id(r)] AS rels";
      std::vector<std::string> one = Rows(match + "shortestPath" + ret, params);
      std::vector<std::string> all = Rows(match + "allShortestPaths" + ret, params);
      SCOPED_TRACE(match + "shortestPath" + ret);
      ASSERT_EQ(one.size(), all.empty() ? 0u : 1u);
      if (!one.empty()) {
        EXPECT_NE(std::find(all.begin(), all.end(), one[0]), all.end()) << one[0];
      }
    }
    store_.reset();
  }
}

}  // namespace
}  // namespace dyad::query
