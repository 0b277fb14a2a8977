// The planner's fast-path rules (plan_rules.cc) against the general plans
// they replace, on random multigraphs (self-loops, parallel relationships,
// two types): the same rows, and the rule really in the plan.
#include <algorithm>
#include <limits>
#include <random>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "query/engine.h"
#include "tests/query/query_test_util.h"
#include "tests/storage/test_util.h"

namespace dyad::query {
namespace {

class PlanRulesTest : public ::testing::Test {
 protected:
  void SetUp() override { store_ = storage::OpenOrDie(dir_.sub("db")); }

  // Adds nodes :N {i: 0..nodes-1} and rels random relationships of types R
  // and S (a tenth of them self-loops).
  void RandomGraph(std::mt19937* rng, int nodes, int rels) {
    auto w = store_->BeginWrite();
    ASSERT_TRUE(w.ok());
    storage::Transaction& txn = **w;
    std::vector<uint64_t> ids;
    for (int i = 0; i < nodes; ++i) {
      auto id = txn.CreateNode({"N"}, {{"i", Value(int64_t{i})}});
      ASSERT_TRUE(id.ok());
      ids.push_back(*id);
    }
    std::uniform_int_distribution<int> pick(0, nodes - 1), coin(0, 9);
    for (int j = 0; j < rels; ++j) {
      uint64_t a = ids[pick(*rng)];
      uint64_t b = coin(*rng) == 0 ? a : ids[pick(*rng)];
      ASSERT_TRUE(txn.CreateEdge(coin(*rng) < 7 ? "R" : "S", a, b, {}).ok());
    }
    ASSERT_TRUE(txn.Commit().ok());
  }

  // The rows of q's last statement, each rendered and sorted.
  std::vector<std::string> Rows(const std::string& q, const Map& params = {}) {
    QueryEngine engine(store_.get());
    std::vector<std::string> out = RunRows(&engine, q, params);
    std::sort(out.begin(), out.end());
    return out;
  }

  // The EXPLAIN text of q.
  std::string Plan(const std::string& q) {
    QueryEngine engine(store_.get());
    std::vector<QueryResult> results;
    Status s = engine.Run("EXPLAIN " + q, QueryOptions(), &results);
    EXPECT_TRUE(s.ok()) << q << ": " << s.ToString();
    return results.empty() ? "" : results.back().plan;
  }

  storage::TempDir dir_;
  std::unique_ptr<storage::GraphStore> store_;
};

// A random `-[:T*min..max]->` in one of three directions.
std::string RandomVarLength(std::mt19937* rng, bool allow_unbounded) {
  std::uniform_int_distribution<int> dir(0, 2), lo(0, 1), hi(1, 5), type(0, 3);
  std::string types[] = {"", ":R", ":S", ":R|S"};
  int min = lo(*rng), max = hi(*rng);
  std::string len = "*" + std::to_string(min) + ".." + (allow_unbounded && type(*rng) == 0 ? "" : std::to_string(max));
  std::string body = "[" + types[type(*rng)] + len + "]";
  switch (dir(*rng)) {
    case 0: return "-" + body + "->";
    case 1: return "<-" + body + "-";
    default: return "-" + body + "-";
  }
}

TEST_F(PlanRulesTest, ReachEqualsDistinctPathEnds) {
  std::mt19937 rng(20261123);
  for (int graph = 0; graph < 40; ++graph) {
    SCOPED_TRACE("graph " + std::to_string(graph));
    store_.reset();
    store_ = storage::OpenOrDie(dir_.sub("graph" + std::to_string(graph)));
    int nodes = 4 + graph % 9, rels = nodes + graph % 13;
    RandomGraph(&rng, nodes, rels);
    for (int q = 0; q < 6; ++q) {
      std::string pattern = "(x:N {i: $i})" + RandomVarLength(&rng, rels <= 12) + "(y)";
      Map params{{"i", Value(int64_t{static_cast<int>(rng() % nodes)})}};
      std::string reach = "MATCH " + pattern + " RETURN DISTINCT y.i AS y";
      std::string general = "MATCH " + pattern + " WITH y, 0 AS keep RETURN DISTINCT y.i AS y";
      SCOPED_TRACE(reach);
      EXPECT_NE(Plan(reach).find("VarLengthReach"), std::string::npos);
      EXPECT_EQ(Plan(general).find("VarLengthReach"), std::string::npos);
      EXPECT_EQ(Rows(reach, params), Rows(general, params));
    }
    // Every start node at once, grouped; and a bound end node.
    std::string step = RandomVarLength(&rng, false);
    std::string reach = "MATCH (x)" + step + "(y) RETURN x.i AS x, count(DISTINCT y) AS c";
    std::string general = "MATCH (x)" + step + "(y) WITH x, y, 0 AS keep RETURN x.i AS x, count(DISTINCT y) AS c";
    EXPECT_EQ(Rows(reach), Rows(general)) << reach;
    std::string bound = "MATCH (x:N), (y:N) WHERE x.i <= 2 MATCH (x)" + step + "(y) ";
    EXPECT_EQ(Rows(bound + "RETURN DISTINCT x.i AS x, y.i AS y"),
              Rows(bound + "WITH x, y, 0 AS keep RETURN DISTINCT x.i AS x, y.i AS y"))
        << bound;
  }
}

TEST_F(PlanRulesTest, CountRowsEqualsCountingRows) {
  std::mt19937 rng(42);
  std::string steps[] = {"-->", "<--", "--", "-[:R]->", "-[:S]-"};
  for (int graph = 0; graph < 20; ++graph) {
    SCOPED_TRACE("graph " + std::to_string(graph));
    store_.reset();
    store_ = storage::OpenOrDie(dir_.sub("graph" + std::to_string(graph)));
    int nodes = 3 + graph % 7;
    RandomGraph(&rng, nodes, nodes + graph % 11);
    for (int q = 0; q < 6; ++q) {
      std::string a = steps[rng() % 5], b = steps[rng() % 5];
      std::vector<std::string> patterns = {
          "(x:N {i: $i})" + a + "(y)",
          "(x:N {i: $i})" + a + "()" + b + "(y)",
          "(x:N {i: $i})" + RandomVarLength(&rng, false) + "(y)",
          "(x:N {i: $i}), (y:N {i: $j}) MATCH (x)" + a + "(y)",
          "(x:N {i: $i})" + a + "(z)" + RandomVarLength(&rng, false) + "(y)",
      };
      Map params{{"i", Value(int64_t{static_cast<int>(rng() % nodes)})},
                 {"j", Value(int64_t{static_cast<int>(rng() % nodes)})}};
      for (const std::string& p : patterns) {
        std::string counted = "MATCH " + p + " RETURN count(*) AS c, count(y) AS d";
        std::string general = "MATCH " + p + " WITH x, y, 0 AS keep RETURN count(*) AS c, count(y) AS d";
        SCOPED_TRACE(counted);
        EXPECT_NE(Plan(counted).find("CountRows"), std::string::npos);
        EXPECT_EQ(Plan(general).find("CountRows"), std::string::npos);
        EXPECT_EQ(Rows(counted, params), Rows(general, params));
      }
      std::string reach = "MATCH (x)" + RandomVarLength(&rng, false) + "(y) WHERE x.i < $i ";
      EXPECT_EQ(Rows(reach + "RETURN count(DISTINCT y) AS c", params),
                Rows(reach + "WITH y, 0 AS keep RETURN count(DISTINCT y) AS c", params))
          << reach;
    }
  }
}

TEST_F(PlanRulesTest, RelationshipCountEqualsScan) {
  std::mt19937 rng(7);
  const std::string counted = "MATCH ()-[r]->() RETURN type(r) AS t, count(*) AS c";
  const std::string scanned = "MATCH (a)-[r]->() WITH r RETURN type(r) AS t, count(*) AS c";
  EXPECT_NE(Plan(counted).find("RelationshipCountFromStore"), std::string::npos);
  EXPECT_EQ(Plan(scanned).find("RelationshipCountFromStore"), std::string::npos);
  for (int round = 0; round < 10; ++round) {
    SCOPED_TRACE("round " + std::to_string(round));
    RandomGraph(&rng, 6, 10);
    EXPECT_EQ(Rows(counted), Rows(scanned));
    EXPECT_EQ(Rows("MATCH ()-[:S]->() RETURN count(*) AS c"), Rows("MATCH ()-[r:S]->() WITH r RETURN count(*) AS c"));
    // Uncommitted changes of the same statement are counted: delete some,
    // create some, then count in a later part of a UNION.
    std::string change = "MATCH ()-[r:R]->() WITH r LIMIT " + std::to_string(rng() % 4) +
                         " DELETE r WITH count(*) AS gone MATCH (n:N) WITH n LIMIT 2 CREATE (n)-[:T]->(n) "
                         "RETURN 'x' AS t, 0 AS c UNION ALL ";
    std::vector<std::string> in_statement = Rows(change + counted);
    std::erase_if(in_statement, [](const std::string& row) { return row.starts_with("'x' |"); });
    EXPECT_EQ(in_statement, Rows(counted)) << "as committed";
    EXPECT_EQ(Rows(counted), Rows(scanned));
  }
}

}  // namespace
}  // namespace dyad::query
