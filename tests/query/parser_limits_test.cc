// The parser's size limits (docs/RELIABILITY.md): hostile statements are
// SyntaxErrors with a position, never a stack overflow in a later pass, and
// statements just inside each limit still parse and run.
#include <gtest/gtest.h>

#include <string>

#include "query/parser/parser.h"
#include "tests/query/parser_test_util.h"

namespace dyad::query {
namespace {

using testing::Err;

std::string Repeat(const std::string& s, int n) {
  std::string out;
  for (int i = 0; i < n; ++i) out += s;
  return out;
}

// Expects a SyntaxError whose message contains part.
void ExpectLimit(const std::string& text, const std::string& part) {
  Status s = Err(text);
  EXPECT_EQ(s.code(), Status::Code::kSyntaxError) << s.ToString();
  EXPECT_NE(s.message().find(part), std::string::npos) << s.ToString();
  EXPECT_GT(s.line(), 0);
}

TEST(ParserLimitsTest, Nesting) {
  ExpectLimit("RETURN " + Repeat("(", 5000) + "1" + Repeat(")", 5000), "nested too deeply");
  ExpectLimit("RETURN " + Repeat("[", 5000) + Repeat("]", 5000), "nested too deeply");
  ExpectLimit("RETURN " + Repeat("NOT ", 5000) + "true", "nested too deeply");
  EXPECT_TRUE(Err("RETURN " + Repeat("[", 150) + Repeat("]", 150)).ok());
}

TEST(ParserLimitsTest, OperatorChains) {
  // 500 levels: 499 links after the first operand fit, 500 do not.
  EXPECT_TRUE(Err("RETURN 1" + Repeat(" + 1", 499)).ok());
  ExpectLimit("RETURN 1" + Repeat(" + 1", 500), "Expression is too long");
  ExpectLimit("RETURN 1" + Repeat(" * 1", 100000), "Expression is too long");
  ExpectLimit("RETURN true" + Repeat(" OR true", 100000), "Expression is too long");
  ExpectLimit("RETURN true" + Repeat(" XOR true", 100000), "Expression is too long");
  ExpectLimit("RETURN 1" + Repeat(" ^ 1", 100000), "Expression is too long");
  ExpectLimit("RETURN 1" + Repeat(" = 1", 100000), "Expression is too long");
  ExpectLimit("RETURN 1" + Repeat(" IS NULL", 100000), "Expression is too long");
  ExpectLimit("RETURN 'a'" + Repeat(" CONTAINS 'a'", 100000), "Expression is too long");
  ExpectLimit("RETURN n" + Repeat(".a", 100000), "Expression is too long");
  ExpectLimit("RETURN [1]" + Repeat("[0]", 100000), "Expression is too long");
  // Nesting and chains share the budget.
  ExpectLimit("RETURN " + Repeat("1" + Repeat(" + 1", 9) + " + [", 60) + "1" + Repeat("]", 60), "too long");
  // A chain inside a finished sub-expression gives its links back.
  EXPECT_TRUE(Err("RETURN [" + Repeat("1" + Repeat(" + 1", 300) + ", ", 20) + "1]").ok());
  // Speculative parses that fail give their links back too.
  EXPECT_TRUE(Err("RETURN [x IN [1] | x" + Repeat(" + 1", 300) + "] AS a, (1" + Repeat(" + 1", 300) + ") AS b").ok());
}

TEST(ParserLimitsTest, PatternsAndClauses) {
  EXPECT_TRUE(Err("MATCH (a)" + Repeat("-->()", 999) + " RETURN a").ok());
  ExpectLimit("MATCH (a)" + Repeat("-->()", 1000) + " RETURN a", "Pattern is too long");
  ExpectLimit("CREATE (a)" + Repeat("-[:R]->()", 100000), "Pattern is too long");
  ExpectLimit("MATCH (a0)" + Repeat(", ()", 1000) + " RETURN 1", "Pattern is too long");
  // CREATE may list many separate parts (bulk inserts).
  EXPECT_TRUE(Err("CREATE (:A)" + Repeat(", (:A)", 5000)).ok());
  ExpectLimit("WITH 1 AS x " + Repeat("WITH x ", 1000) + "RETURN x", "Query is too long");
  ExpectLimit("RETURN 1 AS x" + Repeat(" UNION RETURN 1 AS x", 1000), "Query is too long");
  // The clause count is per statement.
  EXPECT_TRUE(ParseScript(Repeat("WITH 1 AS x " + Repeat("WITH x ", 600) + "RETURN x; ", 3)).ok());
}

TEST(ParserLimitsTest, HugeLiterals) {
  ExpectLimit("RETURN " + std::string(100000, '9'), "too large");
  ExpectLimit("RETURN 1" + std::string(100000, '0') + ".5", "too large");
  EXPECT_TRUE(Err("RETURN '" + std::string(1 << 20, 'x') + "'").ok());
}

}  // namespace
}  // namespace dyad::query
