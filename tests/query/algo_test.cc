// The algo.* procedures: values on small graphs worked out by hand (the same
// as networkx's), options and filters, and use inside queries (YIELD,
// WHERE, ORDER BY, joins) on a small graph and on the embedded default
// graph. tests/export/check_exports.py compares with networkx at scale.
#include <cmath>
#include <map>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "fixtures/embedded.h"
#include "query/algo/algo_procedures.h"
#include "query/engine.h"
#include "query/exec/procedures.h"
#include "storage/import/loader.h"
#include "tests/storage/test_util.h"

namespace dyad::query {
namespace {

class AlgoTest : public ::testing::Test {
 protected:
  void SetUp() override { store_ = storage::OpenOrDie(dir_.sub("db")); }

  Status Run(const std::string& q, std::vector<QueryResult>* results) {
    QueryEngine engine(store_.get());
    return engine.Run(q, QueryOptions(), results);
  }
  // The rows of the last statement of q (the test fails on an error).
  std::vector<Row> Rows(const std::string& q) {
    std::vector<QueryResult> results;
    Status s = Run(q, &results);
    EXPECT_TRUE(s.ok()) << q << ": " << s.ToString();
    return results.empty() ? std::vector<Row>() : results.back().rows;
  }
  // name → score of `CALL <call> YIELD node, score RETURN node.name, score`.
  std::map<std::string, double> Scores(const std::string& call) {
    std::map<std::string, double> out;
    for (const Row& r : Rows("CALL " + call + " YIELD node, score RETURN node.name, score"))
      out[r[0].as_string()] = r[1].as_number();
    return out;
  }

  storage::TempDir dir_;
  std::unique_ptr<storage::GraphStore> store_;
};

TEST_F(AlgoTest, Registered) {
  for (const char* name : {"algo.pageRank", "algo.betweenness", "algo.components", "algo.degree", "algo.shortestPath"})
    EXPECT_NE(LookupProcedure(name), nullptr) << name;
  algo::RegisterAlgorithmProcedures();  // idempotent
  int n = 0;
  for (const auto& p : AllProcedures()) n += p.name == "algo.pageRank";
  EXPECT_EQ(n, 1);
  auto rows = Rows("CALL dbms.procedures() YIELD name WHERE name STARTS WITH 'algo.' RETURN count(*)");
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows[0][0].as_int(), 5);
}

TEST_F(AlgoTest, PageRankChainWithDanglingNode) {
  Rows("CREATE (:N {name: 'a'})-[:R]->(:N {name: 'b'})");
  // networkx: x_a = 0.075 + 0.425 x_b, x_a + x_b = 1.
  auto s = Scores("algo.pageRank()");
  EXPECT_NEAR(s["a"], 0.5 / 1.425, 1e-5);
  EXPECT_NEAR(s["b"], 1 - 0.5 / 1.425, 1e-5);
  auto u = Scores("algo.pageRank({directed: false})");
  EXPECT_NEAR(u["a"], 0.5, 1e-6);
  auto one = Scores("algo.pageRank({iterations: 1, damping: 0.5})");
  EXPECT_NEAR(one["a"] + one["b"], 1.0, 1e-9);
}

TEST_F(AlgoTest, BetweennessOnAPath) {
  Rows("CREATE (:N {name: 'a'})-[:R]->(b:N {name: 'b'})-[:R]->(:N {name: 'c'}), (b)-[:R]->(:N {name: 'd'})");
  // Undirected star-like path: b lies on a-c, a-d, c-d: 3 of 3 pairs.
  auto u = Scores("algo.betweenness()");
  EXPECT_NEAR(u["b"], 1.0, 1e-12);
  EXPECT_NEAR(u["a"], 0.0, 1e-12);
  // Directed: only a->c and a->d pass b: 2 / ((n-1)(n-2)) = 2/6.
  auto d = Scores("algo.betweenness({directed: true})");
  EXPECT_NEAR(d["b"], 2.0 / 6.0, 1e-12);
  auto raw = Scores("algo.betweenness({normalized: false})");
  EXPECT_NEAR(raw["b"], 3.0, 1e-12);
  // Parallel relationships do not multiply paths.
  Rows("MATCH (a {name: 'a'}), (b {name: 'b'}) CREATE (a)-[:R]->(b)");
  EXPECT_NEAR(Scores("algo.betweenness()")["b"], 1.0, 1e-12);
}

TEST_F(AlgoTest, ComponentsWeakAndStrong) {
  Rows("CREATE (a:N {name: 'a'})-[:R]->(b:N {name: 'b'})-[:R]->(a), (b)-[:R]->(:N {name: 'c'}), (:N {name: 'd'})");
  auto rows = Rows("CALL algo.components() YIELD node, score, size RETURN node.name, score, size ORDER BY node.name");
  ASSERT_EQ(rows.size(), 4u);
  EXPECT_EQ(rows[0][1], rows[2][1]);  // a and c together
  EXPECT_NE(rows[0][1], rows[3][1]);  // d alone
  EXPECT_EQ(rows[0][2].as_int(), 3);
  EXPECT_EQ(rows[3][2].as_int(), 1);
  auto ids = Rows("MATCH (n {name: 'a'}) RETURN id(n)");
  EXPECT_EQ(rows[0][1].as_int(), ids[0][0].as_int());  // the smallest id names the component
  auto strong = Rows("CALL algo.components({strong: true}) YIELD node, size RETURN node.name, size ORDER BY node.name");
  EXPECT_EQ(strong[0][1].as_int(), 2);  // a <-> b
  EXPECT_EQ(strong[2][1].as_int(), 1);  // c
}

TEST_F(AlgoTest, DegreeCountsEveryRelationship) {
  Rows("CREATE (a:N {name: 'a'})-[:R]->(b:N {name: 'b'}), (a)-[:R]->(b), (a)-[:S]->(a)");
  auto both = Scores("algo.degree()");
  EXPECT_EQ(both["a"], 4);  // two out, self-loop twice
  EXPECT_EQ(both["b"], 2);
  EXPECT_EQ(Scores("algo.degree({direction: 'in'})")["b"], 2);
  EXPECT_EQ(Scores("algo.degree({direction: 'OUTGOING'})")["a"], 3);
  EXPECT_EQ(Scores("algo.degree({types: 'S'})")["a"], 2);
  EXPECT_EQ(Scores("algo.degree({types: ['R'], direction: 'out'})")["a"], 2);
}

TEST_F(AlgoTest, FiltersByLabelAndType) {
  Rows("CREATE (a:Actor {name: 'a'})-[:MET]->(b:Actor {name: 'b'})-[:MET]->(c:Actor {name: 'c'}), "
       "(a)-[:OWNS]->(:Thing {name: 't'})-[:OWNS]->(c)");
  auto s = Scores("algo.betweenness({labels: 'Actor', types: ['MET']})");
  EXPECT_EQ(s.size(), 3u);
  EXPECT_NEAR(s["b"], 1.0, 1e-12);
  EXPECT_EQ(Scores("algo.pageRank({labels: ['Nope']})").size(), 0u);
  EXPECT_EQ(Scores("algo.degree({types: 'NOPE'})")["a"], 0);
  auto all = Scores("algo.betweenness()");
  EXPECT_EQ(all.size(), 4u);
}

TEST_F(AlgoTest, ShortestPath) {
  Rows("CREATE (a:N {name: 'a'})-[:R {w: 10}]->(b:N {name: 'b'})-[:R {w: 1}]->(c:N {name: 'c'}), "
       "(a)-[:R {w: 1}]->(d:N {name: 'd'})-[:R {w: 1}]->(e:N {name: 'e'})-[:R {w: 1}]->(c), "
       "(c)-[:R {w: 1}]->(f:N {name: 'f'})");
  auto rows = Rows("MATCH (a {name: 'a'}), (c {name: 'c'}) CALL algo.shortestPath(a, c) YIELD path, length "
                   "RETURN [n IN nodes(path) | n.name], length");
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows[0][1].as_int(), 2);
  EXPECT_EQ(rows[0][0], Value(List{Value("a"), Value("b"), Value("c")}));
  rows = Rows("MATCH (a {name: 'a'}), (c {name: 'c'}) CALL algo.shortestPath(a, c, {weight: 'w'}) "
              "YIELD path, length, cost RETURN [n IN nodes(path) | n.name], length, cost");
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows[0][0], Value(List{Value("a"), Value("d"), Value("e"), Value("c")}));
  EXPECT_EQ(rows[0][2].as_number(), 3.0);
  // Undirected by default: f reaches a backwards; directed it does not.
  EXPECT_EQ(Rows("MATCH (f {name: 'f'}), (a {name: 'a'}) CALL algo.shortestPath(f, a) YIELD length RETURN length")
                .at(0)[0]
                .as_int(),
            3);
  EXPECT_EQ(Rows("MATCH (f {name: 'f'}), (a {name: 'a'}) CALL algo.shortestPath(f, a, {directed: true}) "
                 "YIELD length RETURN length")
                .size(),
            0u);
  // Relationships keep their stored direction inside the path.
  rows = Rows("MATCH (f {name: 'f'}), (b {name: 'b'}) CALL algo.shortestPath(f, b) YIELD path "
              "RETURN [r IN relationships(path) | startNode(r).name + '>' + endNode(r).name]");
  EXPECT_EQ(rows[0][0], Value(List{Value("c>f"), Value("b>c")}));
  EXPECT_EQ(Rows("MATCH (a {name: 'a'}) CALL algo.shortestPath(a, a) YIELD length RETURN length")[0][0].as_int(), 0);
  EXPECT_EQ(Rows("CALL algo.shortestPath(null, null) YIELD length RETURN length").size(), 0u);
}

TEST_F(AlgoTest, BadOptions) {
  std::vector<QueryResult> r;
  EXPECT_EQ(Run("CALL algo.pageRank({damping: 2}) YIELD node RETURN node", &r).code(), Status::Code::kArgumentError);
  EXPECT_EQ(Run("CALL algo.pageRank({color: 'red'}) YIELD node RETURN node", &r).code(), Status::Code::kArgumentError);
  EXPECT_EQ(Run("CALL algo.degree(3) YIELD node RETURN node", &r).code(), Status::Code::kTypeError);
  EXPECT_EQ(Run("CALL algo.degree({direction: 'up'}) YIELD node RETURN node", &r).code(), Status::Code::kArgumentError);
  EXPECT_EQ(Run("CALL algo.shortestPath('x', 'y') YIELD path RETURN path", &r).code(), Status::Code::kTypeError);
  // Too few or too many arguments: refused when the query is planned.
  Status few = Run("CALL algo.shortestPath() YIELD path RETURN path", &r);
  EXPECT_FALSE(few.ok());
  EXPECT_NE(few.message().find("takes 2 to 3 argument(s), got 0"), std::string::npos) << few.ToString();
  EXPECT_FALSE(Run("CALL algo.pageRank({}, 1) YIELD node RETURN node", &r).ok());
}

TEST_F(AlgoTest, DefaultGraphQueries) {
  std::vector<storage::TextInput> inputs;
  for (const auto& f : fixtures::Files()) inputs.push_back({f.name, std::string(f.begin, f.end)});
  ASSERT_TRUE(storage::LoadTexts(store_.get(), inputs).ok());
  auto top = Rows("CALL algo.betweenness() YIELD node, score WHERE node:Actor "
                  "RETURN node.name, score ORDER BY score DESC LIMIT 10");
  ASSERT_EQ(top.size(), 10u);
  EXPECT_GE(top[0][1].as_number(), top[9][1].as_number());
  EXPECT_GT(top[0][1].as_number(), 0.0);
  auto n = Rows("MATCH (n) RETURN count(n)")[0][0].as_int();
  auto pr = Rows("CALL algo.pageRank() YIELD node, score RETURN count(node), sum(score)");
  EXPECT_EQ(pr[0][0].as_int(), n);
  EXPECT_NEAR(pr[0][1].as_number(), 1.0, 1e-9);
  auto deg = Rows("CALL algo.degree() YIELD score RETURN sum(score)")[0][0].as_int();
  EXPECT_EQ(deg, 2 * Rows("MATCH ()-[r]->() RETURN count(r)")[0][0].as_int());
  // Joined with a pattern: the path between two named mechanisms' actors.
  auto path = Rows("MATCH (a {key: 'united_states'}), (b {key: 'china'}) "
                   "CALL algo.shortestPath(a, b) YIELD length RETURN length");
  ASSERT_EQ(path.size(), 1u);
  EXPECT_GE(path[0][0].as_int(), 1);
  auto comps = Rows("CALL algo.components() YIELD score RETURN count(DISTINCT score)");
  EXPECT_GE(comps[0][0].as_int(), 1);
}

}  // namespace
}  // namespace dyad::query
