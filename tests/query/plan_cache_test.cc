// The engine's plan cache: a plan run again (every operator re-opened)
// gives the same rows as a fresh plan, with other parameters too, and a
// plan that chose an index is not reused once the index catalog changed.
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "query/engine.h"
#include "tests/query/query_test_util.h"
#include "tests/storage/test_util.h"

namespace dyad::query {
namespace {

class PlanCacheTest : public ::testing::Test {
 protected:
  void SetUp() override {
    store_ = storage::OpenOrDie(dir_.sub("db"));
    shared_ = std::make_unique<QueryEngine>(store_.get());
    Rows(shared_.get(),
         "CREATE (a:P {key: 'a', name: 'Ann', v: 1, tags: ['x', 'y']}), (b:P {key: 'b', name: 'Bo', v: 2}), "
         "(c:Q {key: 'c', name: 'Cy', v: 3}), (d:Q {key: 'd', name: 'Di', v: 4}), "
         "(a)-[:R {w: 1}]->(b), (b)-[:R {w: 2}]->(c), (c)-[:S]->(a), (a)-[:S]->(d), (d)-[:R]->(d)",
         {});
  }

  // The rows of q run on engine, rendered one string per row.
  std::vector<std::string> Rows(QueryEngine* engine, const std::string& q, const Map& params) {
    return RunRows(engine, q, params);
  }

  storage::TempDir dir_;
  std::unique_ptr<storage::GraphStore> store_;
  std::unique_ptr<QueryEngine> shared_;  // one engine for every run: its plans are reused
};

TEST_F(PlanCacheTest, ReusedPlansGiveFreshResults) {
  const std::vector<std::string> queries = {
      "MATCH (n {key: $k}) RETURN n.name AS name",
      "MATCH (n:P) WHERE n.v >= $lo RETURN n.key AS k ORDER BY k",
      "MATCH (n {key: $k})-[r]->(m) RETURN type(r) AS t, m.key AS m ORDER BY t, m",
      "MATCH (n {key: $k})-[*1..3]-(m) RETURN count(DISTINCT m) AS c",
      "MATCH (n {key: $k})-[*1..3]->(m) RETURN count(*) AS c",
      "MATCH (n {key: $k})-[*0..2]->(m) RETURN DISTINCT m.key AS m ORDER BY m",
      "MATCH (n {key: $k}) OPTIONAL MATCH (n)-[:R]->(m) RETURN n.key AS n, m.key AS m ORDER BY m",
      "MATCH (n) WITH n ORDER BY n.v DESC SKIP 1 LIMIT $lo RETURN collect(n.key) AS ks",
      "UNWIND [1, 2, $lo] AS x RETURN x * 2 AS y",
      "MATCH (n:P) RETURN n.key AS k UNION MATCH (n:Q) WHERE n.v > $lo RETURN n.key AS k",
      "MATCH (n) RETURN n.key AS k, [(n)-->(m) | m.key] AS out, exists((n)-[:S]->()) AS s ORDER BY k",
      "MATCH (a {key: $k}), (b {key: 'd'}) MATCH p = shortestPath((a)-[*..4]-(b)) RETURN length(p) AS len",
      "MATCH ()-[r]->() RETURN type(r) AS t, count(*) AS c ORDER BY t",
      "MATCH (n) WHERE 'x' IN n.tags OR n.v = $lo RETURN n.key AS k ORDER BY k",
      "CALL db.labels() YIELD label RETURN label ORDER BY label",
  };
  const std::vector<Map> params = {{{"k", Value("a")}, {"lo", Value(int64_t{2})}},
                                   {{"k", Value("c")}, {"lo", Value(int64_t{1})}},
                                   {{"k", Value("a")}, {"lo", Value(int64_t{2})}}};
  for (const std::string& q : queries) {
    for (const Map& p : params) {
      QueryEngine fresh(store_.get());
      EXPECT_EQ(Rows(shared_.get(), q, p), Rows(&fresh, q, p)) << q;
    }
  }
}

TEST_F(PlanCacheTest, IndexChangesRetireCachedPlans) {
  const std::string q = "MATCH (n:P) WHERE n.v = 2 RETURN n.key AS k";
  const std::vector<std::string> b{"'b' | "};
  Rows(shared_.get(), "CREATE INDEX FOR (n:P) ON (n.v)", {});
  std::vector<QueryResult> r;
  ASSERT_TRUE(shared_->Run("EXPLAIN " + q, QueryOptions(), &r).ok());
  EXPECT_NE(r.back().plan.find("NodeIndexSeek"), std::string::npos) << r.back().plan;
  EXPECT_EQ(Rows(shared_.get(), q, {}), b);  // planned with the index, and kept
  EXPECT_EQ(Rows(shared_.get(), q, {}), b);
  Rows(shared_.get(), "DROP INDEX ON :P(v)", {});
  EXPECT_EQ(Rows(shared_.get(), q, {}), b);  // planned again: the index is gone
  // Writes between runs are seen by a reused plan.
  Rows(shared_.get(), "CREATE (:P {key: 'e', v: 2})", {});
  EXPECT_EQ(Rows(shared_.get(), q, {}).size(), 2u);
  EXPECT_EQ(Rows(shared_.get(), q, {}).size(), 2u);
}

}  // namespace
}  // namespace dyad::query
