// Parser tests: statements, clauses, patterns, scripts and error reporting.
// (Expressions: parser_expr_test.cc; the TCK corpus: parser_tck_test.cc.)
#include <gtest/gtest.h>

#include <string>

#include "query/parser/parser.h"
#include "tests/query/parser_test_util.h"

namespace dyad::query {
namespace {

using testing::Err;
using testing::P;

// The first clause of a parsed single-statement query.
const ast::Clause& FirstClause(const Result<std::unique_ptr<ast::Statement>>& r) {
  return *r.value()->query->parts[0].clauses[0];
}

// ---------------------------------------------------------------- MATCH and patterns

TEST(PatternTest, Nodes) {
  EXPECT_EQ(P("MATCH (n) RETURN n"), "MATCH (n) RETURN n");
  EXPECT_EQ(P("MATCH () RETURN 1"), "MATCH () RETURN 1");
  EXPECT_EQ(P("MATCH (:Person) RETURN 1"), "MATCH (:Person) RETURN 1");
  EXPECT_EQ(P("MATCH (n:Person:Admin {name: 'Ann', age: 3}) RETURN n"),
            "MATCH (n:Person:Admin {name: 'Ann', age: 3}) RETURN n");
  EXPECT_EQ(P("MATCH (n $props) RETURN n"), "MATCH (n $props) RETURN n");
  EXPECT_EQ(P("MATCH (`my node`:`My Label`) RETURN 1"), "MATCH (`my node`:`My Label`) RETURN 1");
}

TEST(PatternTest, RelationshipDirections) {
  EXPECT_EQ(P("MATCH (a)-->(b) RETURN 1"), "MATCH (a)-->(b) RETURN 1");
  EXPECT_EQ(P("MATCH (a)<--(b) RETURN 1"), "MATCH (a)<--(b) RETURN 1");
  EXPECT_EQ(P("MATCH (a)--(b) RETURN 1"), "MATCH (a)--(b) RETURN 1");
  EXPECT_EQ(P("MATCH (a)<-->(b) RETURN 1"), "MATCH (a)--(b) RETURN 1");
  EXPECT_EQ(P("MATCH (a)-[]->(b) RETURN 1"), "MATCH (a)-->(b) RETURN 1");
  EXPECT_EQ(P("MATCH (a)<-[r]-(b) RETURN r"), "MATCH (a)<-[r]-(b) RETURN r");
  EXPECT_EQ(P("MATCH (a)-[r]-(b) RETURN r"), "MATCH (a)-[r]-(b) RETURN r");
  auto r = Parse("MATCH (a)<-[r]-(b)-->(c)--(d) RETURN 1");
  ASSERT_TRUE(r.ok());
  const auto& part = FirstClause(r).As<ast::MatchClause>().pattern[0];
  ASSERT_EQ(part.rels.size(), 3u);
  ASSERT_EQ(part.nodes.size(), 4u);
  EXPECT_EQ(part.rels[0].direction, ast::RelDirection::kIncoming);
  EXPECT_EQ(part.rels[1].direction, ast::RelDirection::kOutgoing);
  EXPECT_EQ(part.rels[2].direction, ast::RelDirection::kBoth);
  EXPECT_EQ(part.rels[0].variable, "r");
  EXPECT_EQ(part.nodes[3].variable, "d");
}

TEST(PatternTest, RelationshipTypesAndProperties) {
  EXPECT_EQ(P("MATCH (a)-[:KNOWS]->(b) RETURN 1"), "MATCH (a)-[:KNOWS]->(b) RETURN 1");
  EXPECT_EQ(P("MATCH (a)-[r:A|B]->(b) RETURN 1"), "MATCH (a)-[r:A|B]->(b) RETURN 1");
  EXPECT_EQ(P("MATCH (a)-[r:A|:B|C]->(b) RETURN 1"), "MATCH (a)-[r:A|B|C]->(b) RETURN 1");
  EXPECT_EQ(P("MATCH (a)-[r:T {since: 2001}]->(b) RETURN 1"), "MATCH (a)-[r:T {since: 2001}]->(b) RETURN 1");
  EXPECT_EQ(P("MATCH (a)-[{w: 1}]->(b) RETURN 1"), "MATCH (a)-[{w: 1}]->(b) RETURN 1");
  EXPECT_EQ(P("MATCH (a)-[r:T $p]->(b) RETURN 1"), "MATCH (a)-[r:T $p]->(b) RETURN 1");
  auto r = Parse("MATCH (a)-[r:A|B]->(b) RETURN 1");
  ASSERT_TRUE(r.ok());
  const auto& rel = FirstClause(r).As<ast::MatchClause>().pattern[0].rels[0];
  EXPECT_EQ(rel.types, (std::vector<std::string>{"A", "B"}));
  EXPECT_FALSE(rel.length.has_value());
}

TEST(PatternTest, VariableLength) {
  EXPECT_EQ(P("MATCH (a)-[*]->(b) RETURN 1"), "MATCH (a)-[*]->(b) RETURN 1");
  EXPECT_EQ(P("MATCH (a)-[*2]->(b) RETURN 1"), "MATCH (a)-[*2]->(b) RETURN 1");
  EXPECT_EQ(P("MATCH (a)-[*1..3]->(b) RETURN 1"), "MATCH (a)-[*1..3]->(b) RETURN 1");
  EXPECT_EQ(P("MATCH (a)-[*..3]->(b) RETURN 1"), "MATCH (a)-[*..3]->(b) RETURN 1");
  EXPECT_EQ(P("MATCH (a)-[*2..]->(b) RETURN 1"), "MATCH (a)-[*2..]->(b) RETURN 1");
  EXPECT_EQ(P("MATCH (a)-[*..]->(b) RETURN 1"), "MATCH (a)-[*]->(b) RETURN 1");
  EXPECT_EQ(P("MATCH (a)-[r:T*0..2 {x: 1}]->(b) RETURN 1"), "MATCH (a)-[r:T*0..2 {x: 1}]->(b) RETURN 1");
  EXPECT_EQ(P("MATCH (a)-[ * 1 .. 3 ]->(b) RETURN 1"), "MATCH (a)-[*1..3]->(b) RETURN 1");
  auto check = [](const char* text, std::optional<int64_t> min, std::optional<int64_t> max) {
    auto r = Parse(text);
    ASSERT_TRUE(r.ok()) << text;
    const auto& rel = FirstClause(r).As<ast::MatchClause>().pattern[0].rels[0];
    ASSERT_TRUE(rel.length.has_value()) << text;
    EXPECT_EQ(rel.length->min, min) << text;
    EXPECT_EQ(rel.length->max, max) << text;
  };
  check("MATCH ()-[*]->() RETURN 1", std::nullopt, std::nullopt);
  check("MATCH ()-[*2]->() RETURN 1", 2, 2);
  check("MATCH ()-[*1..3]->() RETURN 1", 1, 3);
  check("MATCH ()-[*..3]->() RETURN 1", std::nullopt, 3);
  check("MATCH ()-[*2..]->() RETURN 1", 2, std::nullopt);
  EXPECT_EQ(Err("MATCH (a)-[:LIKES..]->(c) RETURN c").code(), Status::Code::kSyntaxError);
  EXPECT_EQ(Err("MATCH (a)-[:LIKES*-2]->(c) RETURN c").code(), Status::Code::kSyntaxError);
}

TEST(PatternTest, NamedPathsAndShortestPaths) {
  EXPECT_EQ(P("MATCH p = (a)-->(b) RETURN p"), "MATCH p = (a)-->(b) RETURN p");
  EXPECT_EQ(P("MATCH p=shortestPath((a)-[*]-(b)) RETURN p"), "MATCH p = shortestPath((a)-[*]-(b)) RETURN p");
  EXPECT_EQ(P("MATCH p = allShortestPaths((a)-[:R*..5]->(b)) RETURN p"),
            "MATCH p = allShortestPaths((a)-[:R*..5]->(b)) RETURN p");
  EXPECT_EQ(P("MATCH shortestpath((a)-[*]-(b)) RETURN 1"), "MATCH shortestPath((a)-[*]-(b)) RETURN 1");
  auto r = Parse("MATCH p = shortestPath((a)-[*]-(b)) RETURN p");
  ASSERT_TRUE(r.ok());
  const auto& part = FirstClause(r).As<ast::MatchClause>().pattern[0];
  EXPECT_EQ(part.path_variable, "p");
  EXPECT_EQ(part.kind, ast::PatternPartKind::kShortest);
}

TEST(PatternTest, SeveralParts) {
  EXPECT_EQ(P("MATCH (a), (b)-->(c), p = (d) RETURN 1"), "MATCH (a), (b)-->(c), p = (d) RETURN 1");
  auto r = Parse("MATCH (a), (b)-->(c) RETURN 1");
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(FirstClause(r).As<ast::MatchClause>().pattern.size(), 2u);
}

TEST(MatchTest, OptionalAndWhere) {
  EXPECT_EQ(P("MATCH (n) WHERE n.age > 30 RETURN n"), "MATCH (n) WHERE (n.age > 30) RETURN n");
  EXPECT_EQ(P("OPTIONAL MATCH (n)-->(m) WHERE m:Person RETURN m"),
            "OPTIONAL MATCH (n)-->(m) WHERE m:Person RETURN m");
  auto r = Parse("optional match (n) where n.x return n");
  ASSERT_TRUE(r.ok());
  const auto& m = FirstClause(r).As<ast::MatchClause>();
  EXPECT_TRUE(m.optional);
  ASSERT_NE(m.where, nullptr);
}

TEST(MatchTest, PatternPredicatesInWhere) {
  EXPECT_EQ(P("MATCH (a), (b) WHERE (a)-[:R]->(b) RETURN a"), "MATCH (a), (b) WHERE (a)-[:R]->(b) RETURN a");
  EXPECT_EQ(P("MATCH (a) WHERE NOT (a)-->() AND (a)<--() RETURN a"),
            "MATCH (a) WHERE ((NOT (a)-->()) AND (a)<--()) RETURN a");
  EXPECT_EQ(P("MATCH (a) WHERE exists((a)-->()) RETURN a"), "MATCH (a) WHERE exists((a)-->()) RETURN a");
  EXPECT_EQ(P("MATCH (n) WHERE EXISTS { MATCH (n)-->(m) WHERE m.x = 1 RETURN m } RETURN n"),
            "MATCH (n) WHERE EXISTS { MATCH (n)-->(m) WHERE (m.x = 1) RETURN m } RETURN n");
  EXPECT_EQ(P("MATCH (n) RETURN [(n)-->(m) | m.name] AS names"),
            "MATCH (n) RETURN [(n)-->(m) | m.name] AS names");
  EXPECT_EQ(P("MATCH (n) RETURN CASE WHEN (n)-->() THEN 1 ELSE 0 END"),
            "MATCH (n) RETURN CASE WHEN (n)-->() THEN 1 ELSE 0 END");
}

TEST(MatchTest, PatternExpressionOutsidePredicateIsSyntaxError) {
  Status s = Err("MATCH (n) RETURN (n)-[]->()");
  EXPECT_EQ(s.code(), Status::Code::kSyntaxError);
  EXPECT_EQ(s.line(), 1);
  EXPECT_EQ(s.column(), 18);
  EXPECT_NE(s.message().find("(n)-->()"), std::string::npos) << s.message();
  EXPECT_EQ(Err("MATCH (n) WITH (n)-[]->() AS x RETURN x").code(), Status::Code::kSyntaxError);
  EXPECT_EQ(Err("MATCH (n) SET n.prop = head(nodes(head((n)-[:REL]->()))).foo").code(),
            Status::Code::kSyntaxError);
  EXPECT_EQ(Err("MATCH (a) RETURN size((a)-->())").code(), Status::Code::kSyntaxError);
  EXPECT_EQ(Err("MATCH (a) WHERE (a)-->() = true RETURN a").code(), Status::Code::kSyntaxError);
  // shortestPath(...) is a path value and allowed anywhere.
  EXPECT_TRUE(Err("MATCH (a), (b) RETURN shortestPath((a)-[*]-(b)) AS p").ok());
}

// ---------------------------------------------------------------- WITH / RETURN

TEST(ProjectionTest, Return) {
  EXPECT_EQ(P("RETURN 1"), "RETURN 1");
  EXPECT_EQ(P("MATCH (n) RETURN DISTINCT n.name AS name, n"), "MATCH (n) RETURN DISTINCT n.name AS name, n");
  EXPECT_EQ(P("MATCH (n) RETURN *"), "MATCH (n) RETURN *");
  EXPECT_EQ(P("MATCH (n) RETURN *, n.x AS x"), "MATCH (n) RETURN *, n.x AS x");
  EXPECT_EQ(P("MATCH (n) RETURN n ORDER BY n.name DESC, n.age SKIP 5 LIMIT 10"),
            "MATCH (n) RETURN n ORDER BY n.name DESC, n.age SKIP 5 LIMIT 10");
  EXPECT_EQ(P("MATCH (n) RETURN n ORDER BY n.a ASCENDING, n.b DESCENDING, n.c ASC"),
            "MATCH (n) RETURN n ORDER BY n.a, n.b DESC, n.c");
  EXPECT_EQ(P("MATCH (n) RETURN n SKIP $s LIMIT $l"), "MATCH (n) RETURN n SKIP $s LIMIT $l");
  EXPECT_EQ(P("RETURN 1 AS `the one`"), "RETURN 1 AS `the one`");
}

TEST(ProjectionTest, ColumnNamesKeepTheSourceText) {
  auto r = Parse("MATCH (n) RETURN n.name, count( * ),  n.x + 1  AS y, `odd`");
  ASSERT_TRUE(r.ok());
  const auto& items = (*r)->query->parts[0].clauses[1]->As<ast::ReturnClause>().body.items;
  ASSERT_EQ(items.size(), 4u);
  EXPECT_EQ(items[0].text, "n.name");
  EXPECT_EQ(items[0].name(), "n.name");
  EXPECT_EQ(items[1].text, "count( * )");
  EXPECT_EQ(items[2].text, "n.x + 1");
  EXPECT_EQ(items[2].alias, "y");
  EXPECT_EQ(items[2].name(), "y");
  EXPECT_EQ(items[3].text, "`odd`");
}

TEST(ProjectionTest, With) {
  EXPECT_EQ(P("MATCH (n) WITH n, count(*) AS c WHERE c > 1 RETURN n"),
            "MATCH (n) WITH n, count(*) AS c WHERE (c > 1) RETURN n");
  EXPECT_EQ(P("MATCH (n) WITH DISTINCT n.x AS x ORDER BY x SKIP 1 LIMIT 2 WHERE x > 0 RETURN x"),
            "MATCH (n) WITH DISTINCT n.x AS x ORDER BY x SKIP 1 LIMIT 2 WHERE (x > 0) RETURN x");
  EXPECT_EQ(P("MATCH (n) WITH * RETURN n"), "MATCH (n) WITH * RETURN n");
  auto r = Parse("WITH DISTINCT *, 1 AS one ORDER BY one DESC LIMIT 3 RETURN one");
  ASSERT_TRUE(r.ok());
  const auto& w = FirstClause(r).As<ast::WithClause>();
  EXPECT_TRUE(w.body.distinct);
  EXPECT_TRUE(w.body.star);
  ASSERT_EQ(w.body.items.size(), 1u);
  ASSERT_EQ(w.body.order_by.size(), 1u);
  EXPECT_TRUE(w.body.order_by[0].descending);
  EXPECT_EQ(w.body.skip, nullptr);
  ASSERT_NE(w.body.limit, nullptr);
}

TEST(ProjectionTest, Unwind) {
  EXPECT_EQ(P("UNWIND [1, 2, 3] AS x RETURN x"), "UNWIND [1, 2, 3] AS x RETURN x");
  EXPECT_EQ(P("UNWIND $list AS item RETURN item"), "UNWIND $list AS item RETURN item");
  auto r = Parse("UNWIND range(1, 3) AS i RETURN i");
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(FirstClause(r).As<ast::UnwindClause>().variable, "i");
  EXPECT_EQ(Err("UNWIND [1] RETURN 1").code(), Status::Code::kSyntaxError);
}

// ---------------------------------------------------------------- updating clauses

TEST(UpdateTest, Create) {
  EXPECT_EQ(P("CREATE (n:Person {name: 'Ann'})"), "CREATE (n:Person {name: 'Ann'})");
  EXPECT_EQ(P("CREATE (a)-[:KNOWS {since: 1}]->(b), (c)"), "CREATE (a)-[:KNOWS {since: 1}]->(b), (c)");
  EXPECT_EQ(P("CREATE p = (a)-[:R]->(b) RETURN p"), "CREATE p = (a)-[:R]->(b) RETURN p");
}

TEST(UpdateTest, Merge) {
  EXPECT_EQ(P("MERGE (n:Person {name: 'Ann'}) ON CREATE SET n.created = 1 ON MATCH SET n.seen = n.seen + 1"),
            "MERGE (n:Person {name: 'Ann'}) ON CREATE SET n.created = 1 ON MATCH SET n.seen = (n.seen + 1)");
  EXPECT_EQ(P("MATCH (a), (b) MERGE (a)-[r:T]->(b) ON MATCH SET r.x = 1, r.y = 2 RETURN r"),
            "MATCH (a), (b) MERGE (a)-[r:T]->(b) ON MATCH SET r.x = 1, r.y = 2 RETURN r");
  auto r = Parse("MERGE (n) ON MATCH SET n:Seen ON CREATE SET n += {a: 1}");
  ASSERT_TRUE(r.ok());
  const auto& m = FirstClause(r).As<ast::MergeClause>();
  ASSERT_EQ(m.actions.size(), 2u);
  EXPECT_FALSE(m.actions[0].on_create);
  EXPECT_TRUE(m.actions[1].on_create);
  EXPECT_EQ(m.actions[1].items[0].kind, ast::SetItem::Kind::kMergeProperties);
  EXPECT_EQ(Err("MERGE (n) ON DELETE SET n.x = 1").code(), Status::Code::kSyntaxError);
}

TEST(UpdateTest, Set) {
  EXPECT_EQ(P("MATCH (n) SET n.name = 'x', n.age = 3"), "MATCH (n) SET n.name = 'x', n.age = 3");
  EXPECT_EQ(P("MATCH (n) SET n = {a: 1}"), "MATCH (n) SET n = {a: 1}");
  EXPECT_EQ(P("MATCH (n) SET n += $props"), "MATCH (n) SET n += $props");
  EXPECT_EQ(P("MATCH (n) SET n:Label:Other"), "MATCH (n) SET n:Label:Other");
  EXPECT_EQ(P("MATCH (n) SET (n).x = 1"), "MATCH (n) SET n.x = 1");
  auto r = Parse("MATCH (n) SET n.p = 1, n = {}, n += {}, n:L");
  ASSERT_TRUE(r.ok());
  const auto& items = (*r)->query->parts[0].clauses[1]->As<ast::SetClause>().items;
  ASSERT_EQ(items.size(), 4u);
  EXPECT_EQ(items[0].kind, ast::SetItem::Kind::kProperty);
  EXPECT_EQ(items[0].property->As<ast::PropertyExpr>().key, "p");
  EXPECT_EQ(items[1].kind, ast::SetItem::Kind::kReplaceProperties);
  EXPECT_EQ(items[1].variable, "n");
  EXPECT_EQ(items[2].kind, ast::SetItem::Kind::kMergeProperties);
  EXPECT_EQ(items[3].kind, ast::SetItem::Kind::kLabels);
  EXPECT_EQ(items[3].labels, std::vector<std::string>{"L"});
  Status s = Err("MATCH (n) SET n");
  EXPECT_EQ(s.code(), Status::Code::kSyntaxError);
  EXPECT_EQ(Err("MATCH (n) SET n.x += 1").code(), Status::Code::kSyntaxError);
  EXPECT_EQ(Err("MATCH (n) SET 1 = 2").code(), Status::Code::kSyntaxError);
}

TEST(UpdateTest, Remove) {
  EXPECT_EQ(P("MATCH (n) REMOVE n.name, n:Label:Other"), "MATCH (n) REMOVE n.name, n:Label:Other");
  auto r = Parse("MATCH (n) REMOVE n.p, n:L");
  ASSERT_TRUE(r.ok());
  const auto& items = (*r)->query->parts[0].clauses[1]->As<ast::RemoveClause>().items;
  EXPECT_EQ(items[0].kind, ast::RemoveItem::Kind::kProperty);
  EXPECT_EQ(items[1].kind, ast::RemoveItem::Kind::kLabels);
  EXPECT_EQ(items[1].variable, "n");
  EXPECT_EQ(Err("MATCH (n) REMOVE n").code(), Status::Code::kSyntaxError);
}

TEST(UpdateTest, Delete) {
  EXPECT_EQ(P("MATCH (n) DELETE n"), "MATCH (n) DELETE n");
  EXPECT_EQ(P("MATCH (n)-[r]-() DETACH DELETE n, r"), "MATCH (n)-[r]-() DETACH DELETE n, r");
  EXPECT_EQ(P("MATCH p = ()-->() DELETE nodes(p)[0]"), "MATCH p = ()-->() DELETE nodes(p)[0]");
  auto r = Parse("MATCH (n) detach delete n");
  ASSERT_TRUE(r.ok());
  EXPECT_TRUE((*r)->query->parts[0].clauses[1]->As<ast::DeleteClause>().detach);
  EXPECT_EQ(Err("MATCH (n) DETACH n").code(), Status::Code::kSyntaxError);
}

// ---------------------------------------------------------------- CALL

TEST(CallTest, Forms) {
  EXPECT_EQ(P("CALL db.labels()"), "CALL db.labels()");
  EXPECT_EQ(P("CALL db.labels"), "CALL db.labels");
  EXPECT_EQ(P("CALL test.my.proc('a', 1) YIELD city, country_code AS cc WHERE cc > 1 RETURN city"),
            "CALL test.my.proc('a', 1) YIELD city, country_code AS cc WHERE (cc > 1) RETURN city");
  EXPECT_EQ(P("CALL test.my.proc YIELD out RETURN out"), "CALL test.my.proc YIELD out RETURN out");
  EXPECT_EQ(P("CALL test.my.proc('Stefan', 1) YIELD *"), "CALL test.my.proc('Stefan', 1) YIELD *");
  EXPECT_EQ(P("MATCH (n) CALL test.doNothing() RETURN n"), "MATCH (n) CALL test.doNothing() RETURN n");
  auto r = Parse("CALL proc");
  ASSERT_TRUE(r.ok());
  const auto& c = FirstClause(r).As<ast::CallClause>();
  EXPECT_EQ(c.procedure, "proc");
  EXPECT_FALSE(c.has_arguments);
  EXPECT_FALSE(c.has_yield);
  r = Parse("CALL a.b(1, 2) YIELD x AS y, z");
  ASSERT_TRUE(r.ok());
  const auto& c2 = FirstClause(r).As<ast::CallClause>();
  EXPECT_TRUE(c2.has_arguments);
  EXPECT_EQ(c2.args.size(), 2u);
  ASSERT_EQ(c2.yields.size(), 2u);
  EXPECT_EQ(c2.yields[0].field, "x");
  EXPECT_EQ(c2.yields[0].name(), "y");
  EXPECT_EQ(c2.yields[1].name(), "z");
}

TEST(CallTest, YieldStarOnlyStandalone) {
  Status s = Err("CALL test.my.proc('Stefan', 1) YIELD *\nRETURN city");
  EXPECT_EQ(s.code(), Status::Code::kSyntaxError);
  EXPECT_EQ(s.line(), 1);
  EXPECT_EQ(s.column(), 1);
  EXPECT_EQ(Err("CALL { MATCH (n) RETURN n } RETURN 1").code(), Status::Code::kSyntaxError);
}

// ---------------------------------------------------------------- statements

TEST(StatementTest, Union) {
  EXPECT_EQ(P("RETURN 1 AS x UNION RETURN 2 AS x"), "RETURN 1 AS x UNION RETURN 2 AS x");
  EXPECT_EQ(P("RETURN 1 AS x UNION ALL RETURN 2 AS x UNION RETURN 3 AS x"),
            "RETURN 1 AS x UNION ALL RETURN 2 AS x UNION RETURN 3 AS x");
  auto r = Parse("MATCH (a) RETURN a UNION ALL MATCH (b) RETURN b");
  ASSERT_TRUE(r.ok());
  const ast::Query& q = *(*r)->query;
  ASSERT_EQ(q.parts.size(), 2u);
  EXPECT_EQ(q.union_all, std::vector<bool>{true});
  EXPECT_EQ(q.parts[1].clauses.size(), 2u);
  EXPECT_EQ(q.parts[1].pos.column, 30);
  EXPECT_EQ(Err("RETURN 1 UNION").code(), Status::Code::kSyntaxError);
}

TEST(StatementTest, ExplainAndProfile) {
  auto r = Parse("EXPLAIN MATCH (n) RETURN n");
  ASSERT_TRUE(r.ok());
  EXPECT_EQ((*r)->mode, ast::ExecutionMode::kExplain);
  EXPECT_EQ(P("profile MATCH (n) RETURN n"), "PROFILE MATCH (n) RETURN n");
  EXPECT_EQ(P("MATCH (n) RETURN n"), "MATCH (n) RETURN n");
  EXPECT_EQ((*Parse("RETURN 1"))->mode, ast::ExecutionMode::kNormal);
}

TEST(StatementTest, CreateIndex) {
  auto r = Parse("CREATE INDEX FOR (n:Person) ON (n.name)");
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  ASSERT_NE((*r)->create_index, nullptr);
  EXPECT_EQ((*r)->query, nullptr);
  EXPECT_EQ((*r)->create_index->label, "Person");
  EXPECT_EQ((*r)->create_index->properties, std::vector<std::string>{"name"});
  EXPECT_EQ(P("CREATE INDEX person_name IF NOT EXISTS FOR (p:Person) ON (p.name, p.age)"),
            "CREATE INDEX person_name IF NOT EXISTS ON :Person(name, age)");
  EXPECT_EQ(P("CREATE INDEX ON :Person(name)"), "CREATE INDEX ON :Person(name)");
  EXPECT_EQ(P("create index for (n:L) on (n.p);"), "CREATE INDEX ON :L(p)");
  Status s = Err("CREATE INDEX FOR (n:Person) ON (m.name)");
  EXPECT_EQ(s.code(), Status::Code::kSyntaxError);
  EXPECT_EQ(s.column(), 33);
  EXPECT_EQ(Err("CREATE INDEX FOR ()-[r:T]-() ON (r.x)").code(), Status::Code::kSyntaxError);
  // A CREATE clause whose path variable happens to be called `index`.
  EXPECT_EQ(P("CREATE index = (a)-[:R]->(b)"), "CREATE index = (a)-[:R]->(b)");
}

TEST(StatementTest, DropIndex) {
  auto r = Parse("DROP INDEX person_name");
  ASSERT_TRUE(r.ok());
  ASSERT_NE((*r)->drop_index, nullptr);
  EXPECT_EQ((*r)->drop_index->name, "person_name");
  EXPECT_EQ(P("DROP INDEX person_name IF EXISTS"), "DROP INDEX person_name IF EXISTS");
  EXPECT_EQ(P("DROP INDEX ON :Person(name)"), "DROP INDEX ON :Person(name)");
}

TEST(StatementTest, KeywordsCaseInsensitiveIdentifiersCaseSensitive) {
  EXPECT_EQ(P("match (N:Person) where N.x = 1 return N, n"), "MATCH (N:Person) WHERE (N.x = 1) RETURN N, n");
  EXPECT_EQ(P("MaTcH (n) ReTuRn n"), "MATCH (n) RETURN n");
  auto r = Parse("MATCH (Abc:Person) RETURN abc");
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(FirstClause(r).As<ast::MatchClause>().pattern[0].nodes[0].variable, "Abc");
  EXPECT_EQ(FirstClause(r).As<ast::MatchClause>().pattern[0].nodes[0].labels[0], "Person");
}

TEST(StatementTest, KeywordsAsNames) {
  EXPECT_EQ(P("MATCH (n:Match {return: 1})-[:WITH]->(m) RETURN n.where AS order"),
            "MATCH (n:Match {return: 1})-[:WITH]->(m) RETURN n.where AS order");
  EXPECT_EQ(P("WITH 1 AS count RETURN count"), "WITH 1 AS count RETURN count");
}

TEST(StatementTest, StatementTextAndPositions) {
  std::string text = "MATCH (n:Person)\nWHERE n.age > 30\n  RETURN n.name AS name";
  auto r = Parse(text);
  ASSERT_TRUE(r.ok());
  const ast::Statement& st = **r;
  EXPECT_EQ(st.text, text);
  EXPECT_EQ(st.pos.line, 1);
  const auto& clauses = st.query->parts[0].clauses;
  const auto& m = clauses[0]->As<ast::MatchClause>();
  EXPECT_EQ(m.pos.line, 1);
  EXPECT_EQ(m.pos.column, 1);
  EXPECT_EQ(m.pattern[0].nodes[0].pos.column, 7);
  EXPECT_EQ(m.where->pos.line, 2);
  EXPECT_EQ(m.where->pos.column, 7);
  const auto& ret = clauses[1]->As<ast::ReturnClause>();
  EXPECT_EQ(ret.pos.line, 3);
  EXPECT_EQ(ret.pos.column, 3);
  EXPECT_EQ(ret.body.items[0].pos.column, 10);
  EXPECT_EQ(ret.body.items[0].expr->pos.column, 10);
}

TEST(StatementTest, Comments) {
  EXPECT_EQ(P("// leading comment\nMATCH (n) /* inline */ RETURN n // trailing"), "MATCH (n) RETURN n");
}

// ---------------------------------------------------------------- scripts

TEST(ScriptTest, SeveralStatements) {
  auto r = ParseScript("CREATE (a:A); MATCH (n) RETURN n;\nRETURN 'a;b' AS s; // c;d\n/* ; */ RETURN 2");
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  ASSERT_EQ(r->size(), 4u);
  EXPECT_EQ(ast::ToString(*(*r)[0]), "CREATE (a:A)");
  EXPECT_EQ(ast::ToString(*(*r)[2]), "RETURN 'a;b' AS s");
  EXPECT_EQ((*r)[1]->text, "MATCH (n) RETURN n");
  EXPECT_EQ((*r)[2]->pos.line, 2);
  EXPECT_EQ((*r)[3]->text, "RETURN 2");
}

TEST(ScriptTest, EmptyStatementsAreSkipped) {
  auto r = ParseScript(";; RETURN 1 ;;; RETURN 2 ;");
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->size(), 2u);
  r = ParseScript("  // nothing\n");
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->size(), 0u);
}

TEST(ScriptTest, ErrorInSecondStatement) {
  auto r = ParseScript("RETURN 1;\nMATCH (n) RETRUN n");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().line(), 2);
  EXPECT_EQ(r.status().column(), 11);
}

TEST(ScriptTest, ParseAcceptsOneStatementOnly) {
  EXPECT_TRUE(Err("RETURN 1;").ok());
  Status s = Err("RETURN 1; RETURN 2");
  EXPECT_EQ(s.code(), Status::Code::kSyntaxError);
  EXPECT_EQ(s.column(), 11);
  EXPECT_EQ(Err("").code(), Status::Code::kSyntaxError);
}

// ---------------------------------------------------------------- errors

TEST(ErrorTest, MisspelledKeyword) {
  Status s = Err("MATCH (n) RETRUN n");
  EXPECT_EQ(s.code(), Status::Code::kSyntaxError);
  EXPECT_EQ(s.line(), 1);
  EXPECT_EQ(s.column(), 11);
  EXPECT_EQ(s.message().rfind("Invalid input 'RETRUN': expected ", 0), 0u) << s.message();
  EXPECT_NE(s.message().find("WHERE"), std::string::npos) << s.message();
}

TEST(ErrorTest, Positions) {
  struct Case {
    const char* text;
    int line, column;
    const char* fragment;
  };
  const Case cases[] = {
      {"MATCH (n RETURN n", 1, 10, "Invalid input 'RETURN'"},
      {"MATCH (n)-[r:]->(m) RETURN n", 1, 14, "Invalid input ']'"},
      {"MATCH (n)\nWHERE n.x = \nRETURN n", 3, 1, "Invalid input 'RETURN'"},
      {"MATCH (n) RETURN n,", 1, 20, "Unexpected end of input"},
      {"RETURN [1, 2", 1, 13, "Unexpected end of input"},
      {"RETURN 1 AS", 1, 12, "end of input"},
      {"MATCH (n) RETURN n ORDER n", 1, 26, "Invalid input 'n'"},
      {"RETURN 9223372#54775808 AS literal", 1, 15, "Invalid input '#'"},
      {"RETURN {1B2c3e67:1} AS literal", 1, 9, "Invalid number literal '1B2c3e67'"},
      {"RETURN 9223372036854775808", 1, 8, "too large"},
      {"CREATE (a)-[:R]-", 1, 17, "end of input"},
      {"FOREACH (x IN [1] | CREATE ())", 1, 1, "not supported"},
      {"WHERE x", 1, 1, "Invalid input 'WHERE'"},
      {"RETURN CASE WHEN true THEN 1", 1, 29, "END"},
      {"  RETURN 'a\\xb'", 1, 12, "Invalid escape sequence"},
  };
  for (const Case& c : cases) {
    Status s = Err(c.text);
    EXPECT_EQ(s.code(), Status::Code::kSyntaxError) << c.text;
    EXPECT_EQ(s.line(), c.line) << c.text << ": " << s.ToString();
    EXPECT_EQ(s.column(), c.column) << c.text << ": " << s.ToString();
    EXPECT_NE(s.message().find(c.fragment), std::string::npos) << c.text << ": " << s.ToString();
  }
}

TEST(ErrorTest, FormatErrorWithCaret) {
  std::string text = "MATCH (n) RETRUN n";
  Status s = Err(text);
  std::string out = FormatErrorWithCaret(text, s);
  std::string want = "SyntaxError: " + s.message() +
                     " (line 1, column 11)\n"
                     "\"MATCH (n) RETRUN n\"\n" +
                     std::string(11, ' ') + "^";
  EXPECT_EQ(out, want);
}

TEST(ErrorTest, FormatErrorWithCaretOnLaterLineWithTabs) {
  std::string text = "MATCH (n)\n\tWHERE n.x = \n\tRETURN n";
  Status s = Err(text);
  ASSERT_EQ(s.line(), 3);
  ASSERT_EQ(s.column(), 2);
  std::string out = FormatErrorWithCaret(text, s);
  EXPECT_NE(out.find("\n\"\tRETURN n\"\n \t^"), std::string::npos) << out;
}

TEST(ErrorTest, FormatErrorWithoutPosition) {
  EXPECT_EQ(FormatErrorWithCaret("x", Status::SyntaxError("boom")), "SyntaxError: boom");
}

}  // namespace
}  // namespace dyad::query
