// The engine's plan cache and prepared queries: a plan run again (every
// operator re-opened) gives the same rows as a fresh plan, with other
// parameters too, and a plan that chose an index is not reused once the
// index catalog changed.
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

// Queries over every kind of operator, each with parameters $k and $lo.
const std::vector<std::string>& ReusableQueries() {
  static const std::vector<std::string> queries = {
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
  return queries;
}

// Parameters to run them with, the first set again last.
const std::vector<Map>& ReusableParams() {
  static const std::vector<Map> params = {{{"k", Value("a")}, {"lo", Value(int64_t{2})}},
                                          {{"k", Value("c")}, {"lo", Value(int64_t{1})}},
                                          {{"k", Value("a")}, {"lo", Value(int64_t{2})}}};
  return params;
}

TEST_F(PlanCacheTest, ReusedPlansGiveFreshResults) {
  const std::vector<Map>& params = ReusableParams();
  for (const std::string& q : ReusableQueries()) {
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

TEST_F(PlanCacheTest, PreparedQueriesGiveFreshResults) {
  for (const std::string& q : ReusableQueries()) {
    auto prepared = shared_->Prepare(q);
    ASSERT_TRUE(prepared.ok()) << q << ": " << prepared.status().ToString();
    QueryResult result;  // reused by every run
    for (const Map& p : ReusableParams()) {
      QueryOptions o;
      o.params = p;
      Status s = shared_->RunPrepared(prepared.value().get(), o, &result);
      ASSERT_TRUE(s.ok()) << q << ": " << s.ToString();
      QueryEngine fresh(store_.get());
      EXPECT_EQ(RenderRows(result), Rows(&fresh, q, p)) << q;
      EXPECT_EQ(result.columns, prepared.value()->columns()) << q;
    }
  }
}

TEST_F(PlanCacheTest, PreparedQueryResultShrinksAndEmptiesOnError) {
  auto prepared = shared_->Prepare("UNWIND range(1, $n) AS x RETURN x, 10 / (x - $z) AS y");
  ASSERT_TRUE(prepared.ok()) << prepared.status().ToString();
  QueryResult result;
  QueryOptions o;
  o.params = {{"n", Value(int64_t{5})}, {"z", Value(int64_t{0})}};
  ASSERT_TRUE(shared_->RunPrepared(prepared.value().get(), o, &result).ok());
  EXPECT_EQ(result.rows.size(), 5u);
  o.params["n"] = Value(int64_t{2});
  ASSERT_TRUE(shared_->RunPrepared(prepared.value().get(), o, &result).ok());
  EXPECT_EQ(RenderRows(result), (std::vector<std::string>{"1 | 10 | ", "2 | 5 | "}));
  o.params["z"] = Value(int64_t{2});  // 10 / 0 on the second row
  Status s = shared_->RunPrepared(prepared.value().get(), o, &result);
  EXPECT_EQ(s.code(), Status::Code::kArithmeticError) << s.ToString();
  EXPECT_TRUE(result.rows.empty());
  EXPECT_TRUE(result.columns.empty());
}

TEST_F(PlanCacheTest, PreparedQueriesPlanAgainWhenIndexesChange) {
  auto explain = shared_->Prepare("EXPLAIN MATCH (n:P) WHERE n.v = $v RETURN n.key AS k");
  auto run = shared_->Prepare("MATCH (n:P) WHERE n.v = $v RETURN n.key AS k");
  ASSERT_TRUE(explain.ok() && run.ok());
  QueryOptions o;
  o.params = {{"v", Value(int64_t{2})}};
  QueryResult r;
  ASSERT_TRUE(shared_->RunPrepared(explain.value().get(), o, &r).ok());
  EXPECT_EQ(r.plan.find("NodeIndexSeek"), std::string::npos) << r.plan;
  EXPECT_TRUE(r.rows.empty());  // EXPLAIN does not run the query
  ASSERT_TRUE(shared_->RunPrepared(run.value().get(), o, &r).ok());
  EXPECT_EQ(RenderRows(r), std::vector<std::string>{"'b' | "});
  Rows(shared_.get(), "CREATE INDEX FOR (n:P) ON (n.v)", {});
  ASSERT_TRUE(shared_->RunPrepared(explain.value().get(), o, &r).ok());
  EXPECT_NE(r.plan.find("NodeIndexSeek"), std::string::npos) << r.plan;
  Rows(shared_.get(), "CREATE (:P {key: 'e', v: 2})", {});
  ASSERT_TRUE(shared_->RunPrepared(run.value().get(), o, &r).ok());
  EXPECT_EQ(RenderRows(r), (std::vector<std::string>{"'b' | ", "'e' | "}));
}

TEST_F(PlanCacheTest, PreparedWritesCommitAndRespectReadOnly) {
  auto create = shared_->Prepare("CREATE (n:W {key: $k}) RETURN n.key AS k");
  ASSERT_TRUE(create.ok()) << create.status().ToString();
  QueryResult r;
  QueryOptions o;
  for (const char* k : {"w1", "w2"}) {
    o.params["k"] = Value(k);
    ASSERT_TRUE(shared_->RunPrepared(create.value().get(), o, &r).ok());
    EXPECT_EQ(r.stats.nodes_created, 1);
  }
  EXPECT_EQ(Rows(shared_.get(), "MATCH (n:W) RETURN n.key ORDER BY n.key", {}),
            (std::vector<std::string>{"'w1' | ", "'w2' | "}));
  o.read_only = true;
  o.params["k"] = Value("w3");
  Status s = shared_->RunPrepared(create.value().get(), o, &r);
  EXPECT_EQ(s.code(), Status::Code::kInvalidArgument) << s.ToString();
  EXPECT_TRUE(r.rows.empty());
  EXPECT_EQ(Rows(shared_.get(), "MATCH (n:W) RETURN count(*)", {}), std::vector<std::string>{"2 | "});
}

TEST_F(PlanCacheTest, PreparedReadsKeepTheirSnapshotUntilAWrite) {
  auto count = shared_->Prepare("MATCH (n:P) RETURN count(*) AS c");
  ASSERT_TRUE(count.ok()) << count.status().ToString();
  QueryResult r;
  ASSERT_TRUE(shared_->RunPrepared(count.value().get(), QueryOptions(), &r).ok());
  const std::vector<std::string> before = RenderRows(r);
  const storage::Transaction* first = r.view.get();
  ASSERT_TRUE(shared_->RunPrepared(count.value().get(), QueryOptions(), &r).ok());
  EXPECT_EQ(r.view.get(), first);  // nothing written: the same snapshot serves
  EXPECT_EQ(RenderRows(r), before);
  std::shared_ptr<storage::Transaction> held = r.view;  // the caller keeps this one
  Rows(shared_.get(), "CREATE (:P {key: 'x', v: 9})", {});
  ASSERT_TRUE(shared_->RunPrepared(count.value().get(), QueryOptions(), &r).ok());
  EXPECT_NE(r.view.get(), held.get());  // a write came: a new snapshot sees it
  EXPECT_NE(RenderRows(r), before);
  const storage::Transaction* second = r.view.get();
  held = r.view;  // shared with the caller: not reused, though current
  ASSERT_TRUE(shared_->RunPrepared(count.value().get(), QueryOptions(), &r).ok());
  EXPECT_NE(r.view.get(), second);
  EXPECT_EQ(held.get(), second);
}

TEST_F(PlanCacheTest, PrepareRefusesWhatItCannotHold) {
  auto two = shared_->Prepare("RETURN 1; RETURN 2");
  EXPECT_EQ(two.status().code(), Status::Code::kInvalidArgument) << two.status().ToString();
  auto index = shared_->Prepare("CREATE INDEX FOR (n:P) ON (n.v)");
  EXPECT_EQ(index.status().code(), Status::Code::kInvalidArgument) << index.status().ToString();
  auto bad = shared_->Prepare("MATCH (n)\nRETURN n.");
  EXPECT_EQ(bad.status().code(), Status::Code::kSyntaxError) << bad.status().ToString();
  EXPECT_EQ(bad.status().line(), 2);
  // openCypher classes an unbound variable (VariableNotDefined) as a SyntaxError.
  auto unbound = shared_->Prepare("RETURN m");
  EXPECT_EQ(unbound.status().code(), Status::Code::kSyntaxError) << unbound.status().ToString();
}

TEST_F(PlanCacheTest, PreparedQueriesRunOnlyOnTheirStore) {
  auto other_store = storage::OpenOrDie(dir_.sub("other"));
  QueryEngine other(other_store.get());
  auto count = shared_->Prepare("MATCH (n) RETURN count(*) AS c");
  ASSERT_TRUE(count.ok()) << count.status().ToString();
  QueryResult r;
  Status s = other.RunPrepared(count.value().get(), QueryOptions(), &r);
  EXPECT_EQ(s.code(), Status::Code::kInvalidArgument) << s.ToString();
  EXPECT_TRUE(r.rows.empty());
  // Another engine on the same store may run it.
  QueryEngine second(store_.get());
  ASSERT_TRUE(second.RunPrepared(count.value().get(), QueryOptions(), &r).ok());
  EXPECT_EQ(RenderRows(r), std::vector<std::string>{"4 | "});
}

}  // namespace
}  // namespace dyad::query
