// Parser tests: literals, operators and precedence, and every expression form.
#include <gtest/gtest.h>

#include <chrono>
#include <cstdint>
#include <limits>
#include <string>

#include "query/parser/lexer.h"
#include "query/parser/parser.h"
#include "tests/query/parser_test_util.h"

namespace dyad::query {
namespace {

using testing::E;

// The literal value of a parsed expression (which must be a LiteralExpr).
Value Lit(std::string_view text) {
  auto r = ParseExpression(text);
  EXPECT_TRUE(r.ok()) << text << ": " << r.status().ToString();
  if (!r.ok()) return Value();
  EXPECT_EQ((*r)->kind(), ast::ExprKind::kLiteral) << text;
  if ((*r)->kind() != ast::ExprKind::kLiteral) return Value();
  return (*r)->As<ast::LiteralExpr>().value;
}

Status ExprErr(std::string_view text) {
  auto r = ParseExpression(text);
  return r.ok() ? Status::OK() : r.status();
}

// ---------------------------------------------------------------- lexer

TEST(LexerTest, TokensWithPositions) {
  auto r = Tokenize("MATCH (n)\n  RETURN n.name");
  ASSERT_TRUE(r.ok());
  const auto& t = *r;
  ASSERT_EQ(t.size(), 9u);
  EXPECT_EQ(t[0].kind, TokenKind::kIdentifier);
  EXPECT_TRUE(t[0].IsKeyword("MATCH"));
  EXPECT_EQ(t[1].kind, TokenKind::kLParen);
  EXPECT_EQ(t[1].column, 7);
  EXPECT_EQ(t[4].text, "RETURN");
  EXPECT_EQ(t[4].line, 2);
  EXPECT_EQ(t[4].column, 3);
  EXPECT_EQ(t[6].kind, TokenKind::kDot);
  EXPECT_EQ(t[8].kind, TokenKind::kEnd);
}

TEST(LexerTest, KeywordsAreCaseInsensitive) {
  auto r = Tokenize("match MaTcH");
  ASSERT_TRUE(r.ok());
  EXPECT_TRUE((*r)[0].IsKeyword("MATCH"));
  EXPECT_TRUE((*r)[1].IsKeyword("MATCH"));
}

TEST(LexerTest, Operators) {
  auto r = Tokenize("<> != <= >= =~ += .. <-- -->");
  ASSERT_TRUE(r.ok());
  std::vector<TokenKind> want = {TokenKind::kNeq,  TokenKind::kNeq,   TokenKind::kLe,    TokenKind::kGe,
                                 TokenKind::kRegexMatch, TokenKind::kPlusEq, TokenKind::kDotDot, TokenKind::kLt,
                                 TokenKind::kMinus, TokenKind::kMinus,  TokenKind::kMinus, TokenKind::kMinus,
                                 TokenKind::kGt,   TokenKind::kEnd};
  ASSERT_EQ(r->size(), want.size());
  for (size_t i = 0; i < want.size(); ++i) EXPECT_EQ((*r)[i].kind, want[i]) << i;
}

TEST(LexerTest, ColumnsCountCodePoints) {
  auto r = Tokenize("'é→' x");
  ASSERT_TRUE(r.ok());
  EXPECT_EQ((*r)[1].column, 6);
}

TEST(LexerTest, CommentsAreSkipped) {
  auto r = Tokenize("a // line ; comment\n/* block ; \n comment */ b");
  ASSERT_TRUE(r.ok());
  ASSERT_EQ(r->size(), 3u);
  EXPECT_EQ((*r)[1].text, "b");
  EXPECT_EQ((*r)[1].line, 3);
}

TEST(LexerTest, UnterminatedCommentIsError) {
  auto r = Tokenize("RETURN 1 /* oops");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), Status::Code::kSyntaxError);
  EXPECT_EQ(r.status().column(), 10);
}

// ---------------------------------------------------------------- literals

TEST(LiteralTest, Integers) {
  EXPECT_EQ(Lit("42"), Value(int64_t{42}));
  EXPECT_EQ(Lit("0"), Value(int64_t{0}));
  EXPECT_EQ(Lit("0x2A"), Value(int64_t{42}));
  EXPECT_EQ(Lit("0xff"), Value(int64_t{255}));
  EXPECT_EQ(Lit("0o52"), Value(int64_t{42}));
  EXPECT_EQ(Lit("-7"), Value(int64_t{-7}));
  EXPECT_EQ(Lit("9223372036854775807"), Value(std::numeric_limits<int64_t>::max()));
  EXPECT_EQ(Lit("-9223372036854775808"), Value(std::numeric_limits<int64_t>::min()));
  EXPECT_EQ(Lit("-0x8000000000000000"), Value(std::numeric_limits<int64_t>::min()));
  EXPECT_EQ(Lit("0x7FFFFFFFFFFFFFFF"), Value(std::numeric_limits<int64_t>::max()));
  EXPECT_EQ(Lit("-0o1000000000000000000000"), Value(std::numeric_limits<int64_t>::min()));
  EXPECT_TRUE(Lit("42").is_int());
}

TEST(LiteralTest, IntegerOverflowIsSyntaxError) {
  for (const char* text : {"9223372036854775808", "-9223372036854775809", "0x8000000000000000",
                           "-0x8000000000000001", "0o1000000000000000000000"}) {
    Status s = ExprErr(text);
    EXPECT_EQ(s.code(), Status::Code::kSyntaxError) << text;
    EXPECT_NE(s.message().find("too large"), std::string::npos) << s.message();
    EXPECT_EQ(s.line(), 1);
    EXPECT_EQ(s.column(), 1);
  }
  Status s = ExprErr("1 + 99999999999999999999");
  EXPECT_EQ(s.column(), 5);
}

TEST(LiteralTest, MalformedNumbers) {
  for (const char* text : {"0x", "0x1Z", "0x1A2b3j", "9223372h54775808", "1B2c", "12abc", "1e", "0o8"}) {
    Status s = ExprErr(text);
    EXPECT_EQ(s.code(), Status::Code::kSyntaxError) << text;
    EXPECT_NE(s.message().find("Invalid number literal"), std::string::npos) << text << ": " << s.message();
  }
}

TEST(LiteralTest, Floats) {
  EXPECT_EQ(Lit("1.5"), Value(1.5));
  EXPECT_EQ(Lit(".5"), Value(0.5));
  EXPECT_EQ(Lit("1e10"), Value(1e10));
  EXPECT_EQ(Lit("1E3"), Value(1000.0));
  EXPECT_EQ(Lit("1.5e-3"), Value(1.5e-3));
  EXPECT_EQ(Lit(".1e9"), Value(1e8));
  EXPECT_EQ(Lit("-2.5"), Value(-2.5));
  EXPECT_EQ(Lit("123456789e300"), Value(123456789e300));
  EXPECT_TRUE(Lit("3.0").is_float());
  EXPECT_TRUE(Lit("1e2").is_float());
}

TEST(LiteralTest, FloatOverflowIsSyntaxError) {
  Status s = ExprErr("1.34E999");
  EXPECT_EQ(s.code(), Status::Code::kSyntaxError);
  EXPECT_NE(s.message().find("too large"), std::string::npos);
}

TEST(LiteralTest, Strings) {
  EXPECT_EQ(Lit("'abc'"), Value("abc"));
  EXPECT_EQ(Lit("\"abc\""), Value("abc"));
  EXPECT_EQ(Lit("''"), Value(""));
  EXPECT_EQ(Lit(R"('a\nb\tc\\d')"), Value("a\nb\tc\\d"));
  EXPECT_EQ(Lit(R"('it\'s')"), Value("it's"));
  EXPECT_EQ(Lit(R"("say \"hi\"")"), Value("say \"hi\""));
  EXPECT_EQ(Lit(R"('"')"), Value("\""));
  EXPECT_EQ(Lit(R"("'")"), Value("'"));
  EXPECT_EQ(Lit(R"('\u00e9')"), Value("é"));
  EXPECT_EQ(Lit(R"('\u01FF')"), Value("\u01FF"));
  EXPECT_EQ(Lit(R"('\uD83D\uDE00')"), Value("\U0001F600"));
  EXPECT_EQ(Lit(R"('\U0001F600')"), Value("\U0001F600"));
  EXPECT_EQ(Lit("'multi\nline'"), Value("multi\nline"));
  EXPECT_EQ(Lit("'🧐🍌'"), Value("🧐🍌"));
}

TEST(LiteralTest, BadStrings) {
  Status s = ExprErr(R"('\uH')");
  EXPECT_EQ(s.code(), Status::Code::kSyntaxError);
  EXPECT_NE(s.message().find("unicode"), std::string::npos);
  EXPECT_EQ(s.column(), 2);
  s = ExprErr(R"('a\qb')");
  EXPECT_NE(s.message().find("Invalid escape sequence '\\q'"), std::string::npos) << s.message();
  EXPECT_EQ(s.column(), 3);
  s = ExprErr("x + 'abc");
  EXPECT_NE(s.message().find("Unterminated string"), std::string::npos);
  EXPECT_EQ(s.column(), 5);
}

TEST(LiteralTest, BooleansAndNull) {
  EXPECT_EQ(Lit("true"), Value(true));
  EXPECT_EQ(Lit("FALSE"), Value(false));
  EXPECT_EQ(Lit("Null"), Value());
  EXPECT_TRUE(Lit("null").is_null());
}

TEST(LiteralTest, ListsAndMaps) {
  EXPECT_EQ(E("[]"), "[]");
  EXPECT_EQ(E("[1, 'a', [2.5, null]]"), "[1, 'a', [2.5, null]]");
  EXPECT_EQ(E("{}"), "{}");
  EXPECT_EQ(E("{a: 1, `b c`: [true], null: 2, RETURN: 3}"), "{a: 1, `b c`: [true], null: 2, RETURN: 3}");
  EXPECT_EQ(E("{``: 0}"), "{``: 0}");
  EXPECT_EQ(E("{ a : ' { b : ' , c : { d : ' ' } }"), "{a: ' { b : ', c: {d: ' '}}");
}

TEST(LiteralTest, BadListsAndMaps) {
  for (const char* text : {"[, ]", "[[[]]", "[1 2]", "{, }", "{1}", "{[]}", "{{}}", "{k: {k: {}}", "{k1.k: 1}",
                           "{'a': 1}", "{a 1}"}) {
    EXPECT_EQ(ExprErr(text).code(), Status::Code::kSyntaxError) << text;
  }
  Status s = ExprErr("{k1#k: 1}");
  EXPECT_EQ(s.code(), Status::Code::kSyntaxError);
  EXPECT_EQ(s.column(), 4);
  EXPECT_NE(s.message().find("'#'"), std::string::npos);
}

TEST(LiteralTest, Parameters) {
  EXPECT_EQ(E("$name"), "$name");
  EXPECT_EQ(E("$0"), "$0");
  EXPECT_EQ(E("$`odd name`"), "$`odd name`");
  auto r = ParseExpression("$param");
  ASSERT_TRUE(r.ok());
  ASSERT_TRUE((*r)->Is<ast::ParameterExpr>());
  EXPECT_EQ((*r)->As<ast::ParameterExpr>().name, "param");
}

TEST(LiteralTest, UnicodeDashIsRejected) {
  Status s = ExprErr("42 — 41");
  EXPECT_EQ(s.code(), Status::Code::kSyntaxError);
  EXPECT_EQ(s.column(), 4);
  EXPECT_NE(s.message().find("U+2014"), std::string::npos) << s.message();
}

// ---------------------------------------------------------------- precedence

TEST(PrecedenceTest, Boolean) {
  EXPECT_EQ(E("a OR b XOR c AND d"), "(a OR (b XOR (c AND d)))");
  EXPECT_EQ(E("a AND b OR c"), "((a AND b) OR c)");
  EXPECT_EQ(E("a XOR b OR c XOR d"), "((a XOR b) OR (c XOR d))");
  EXPECT_EQ(E("NOT a AND b"), "((NOT a) AND b)");
  EXPECT_EQ(E("NOT a OR NOT b"), "((NOT a) OR (NOT b))");
  EXPECT_EQ(E("NOT NOT a"), "(NOT (NOT a))");
  EXPECT_EQ(E("a or b and not c"), "(a OR (b AND (NOT c)))");
}

TEST(PrecedenceTest, ComparisonBindsTighterThanBoolean) {
  EXPECT_EQ(E("NOT false >= false"), "(NOT (false >= false))");
  EXPECT_EQ(E("true OR false = false"), "(true OR (false = false))");
  EXPECT_EQ(E("a = 1 AND b <> 2"), "((a = 1) AND (b <> 2))");
}

TEST(PrecedenceTest, NullAndListPredicates) {
  EXPECT_EQ(E("false = true IS NULL"), "(false = (true IS NULL))");
  EXPECT_EQ(E("NOT false IS NULL"), "(NOT (false IS NULL))");
  EXPECT_EQ(E("true OR false IS NULL"), "(true OR (false IS NULL))");
  EXPECT_EQ(E("false = true IN [true, false]"), "(false = (true IN [true, false]))");
  EXPECT_EQ(E("NOT true IN [true]"), "(NOT (true IN [true]))");
  EXPECT_EQ(E("null IS NOT NULL = null IS NULL"), "((null IS NOT NULL) = (null IS NULL))");
  EXPECT_EQ(E("'abc' STARTS WITH null OR true"), "(('abc' STARTS WITH null) OR true)");
  EXPECT_EQ(E("x IS NULL"), "(x IS NULL)");
  EXPECT_EQ(E("x is not null"), "(x IS NOT NULL)");
}

TEST(PrecedenceTest, ArithmeticBindsTighterThanIn) {
  EXPECT_EQ(E("[1]+2 IN [3]+4"), "(([1] + 2) IN ([3] + 4))");
  EXPECT_EQ(E("[1, 2] = [3, 4] IN [[3, 4], false]"), "([1, 2] = ([3, 4] IN [[3, 4], false]))");
  EXPECT_EQ(E("a + 'x' STARTS WITH b"), "((a + 'x') STARTS WITH b)");
}

TEST(PrecedenceTest, Arithmetic) {
  EXPECT_EQ(E("1 + 2 * 3"), "(1 + (2 * 3))");
  EXPECT_EQ(E("1 - 2 - 3"), "((1 - 2) - 3)");
  EXPECT_EQ(E("4 % 2 - 3 * 2"), "((4 % 2) - (3 * 2))");
  EXPECT_EQ(E("8 / 2 / 2"), "((8 / 2) / 2)");
  EXPECT_EQ(E("4 ^ 3 * 2 ^ 3"), "((4 ^ 3) * (2 ^ 3))");
  EXPECT_EQ(E("2 ^ 3 ^ 2"), "((2 ^ 3) ^ 2)");
  EXPECT_EQ(E("1 + 2 * 3 ^ 2"), "(1 + (2 * (3 ^ 2)))");
}

TEST(PrecedenceTest, UnaryMinus) {
  EXPECT_EQ(E("-3 ^ 2"), "(-3 ^ 2)");  // folded literal -3, then ^
  EXPECT_EQ(E("-x ^ 2"), "((-x) ^ 2)");
  EXPECT_EQ(E("-(3 ^ 2)"), "(-(3 ^ 2))");
  EXPECT_EQ(E("-3 + 2"), "(-3 + 2)");
  EXPECT_EQ(E("- - x"), "(-(-x))");
  EXPECT_EQ(E("+x"), "(+x)");
  EXPECT_EQ(E("1 - -1"), "(1 - -1)");
  EXPECT_EQ(E("-n.x"), "(-n.x)");
  EXPECT_EQ(E("-[1, 2][0]"), "(-[1, 2][0])");
}

TEST(PrecedenceTest, PostfixBindsTightest) {
  EXPECT_EQ(E("[[1], [2, 3]] + [5, [6, 7]][1]"), "([[1], [2, 3]] + [5, [6, 7]][1])");
  EXPECT_EQ(E("([[1]] + [5])[1]"), "([[1]] + [5])[1]");
  EXPECT_EQ(E("a + b[1..3]"), "(a + b[1..3])");
  EXPECT_EQ(E("n:A OR n.x"), "(n:A OR n.x)");
}

TEST(PrecedenceTest, ComparisonChains) {
  EXPECT_EQ(E("a < b < c"), "((a < b) AND (b < c))");
  EXPECT_EQ(E("1 < 2 <= 3 = 3"), "(((1 < 2) AND (2 <= 3)) AND (3 = 3))");
  EXPECT_EQ(E("a < b + 1 > c"), "((a < (b + 1)) AND ((b + 1) > c))");
  // The middle operand is duplicated as an independent node.
  auto r = ParseExpression("a < b.x < c");
  ASSERT_TRUE(r.ok());
  const auto& and_ = (*r)->As<ast::BinaryExpr>();
  ASSERT_EQ(and_.op, ast::BinaryOp::kAnd);
  const auto& left = and_.lhs->As<ast::BinaryExpr>();
  const auto& right = and_.rhs->As<ast::BinaryExpr>();
  EXPECT_NE(left.rhs.get(), right.lhs.get());
  EXPECT_EQ(ast::ToString(*left.rhs), "b.x");
  EXPECT_EQ(ast::ToString(*right.lhs), "b.x");
  EXPECT_EQ(right.lhs->pos.column, 5);
}

TEST(PrecedenceTest, StringOperators) {
  EXPECT_EQ(E("a =~ 'x.*'"), "(a =~ 'x.*')");
  EXPECT_EQ(E("a STARTS WITH 'x'"), "(a STARTS WITH 'x')");
  EXPECT_EQ(E("a ends with 'x'"), "(a ENDS WITH 'x')");
  EXPECT_EQ(E("a CONTAINS 'x' AND b"), "((a CONTAINS 'x') AND b)");
}

// ---------------------------------------------------------------- postfix and names

TEST(ExprTest, PropertyIndexSliceLabels) {
  EXPECT_EQ(E("n.name"), "n.name");
  EXPECT_EQ(E("n.a.b"), "n.a.b");
  EXPECT_EQ(E("n.end"), "n.end");
  EXPECT_EQ(E("n.`weird key`"), "n.`weird key`");
  EXPECT_EQ(E("(n).name"), "n.name");
  EXPECT_EQ(E("list[0]"), "list[0]");
  EXPECT_EQ(E("list[-1]"), "list[-1]");
  EXPECT_EQ(E("m['key']"), "m['key']");
  EXPECT_EQ(E("list[1..3]"), "list[1..3]");
  EXPECT_EQ(E("list[..3]"), "list[..3]");
  EXPECT_EQ(E("list[2..]"), "list[2..]");
  EXPECT_EQ(E("list[1..-1]"), "list[1..-1]");
  EXPECT_EQ(E("n:Person"), "n:Person");
  EXPECT_EQ(E("n:Person:Admin"), "n:Person:Admin");
  EXPECT_EQ(E("n.list[0].x"), "n.list[0].x");
  auto r = ParseExpression("n:A:B");
  ASSERT_TRUE(r.ok());
  const auto& h = (*r)->As<ast::HasLabelsExpr>();
  EXPECT_EQ(h.labels, (std::vector<std::string>{"A", "B"}));
}

TEST(ExprTest, Identifiers) {
  EXPECT_EQ(E("`my var`"), "`my var`");
  EXPECT_EQ(E("`a``b`"), "`a``b`");
  EXPECT_EQ(E("n"), "n");
  EXPECT_EQ(E("N"), "N");
  EXPECT_EQ(E("straße"), "`straße`");
  EXPECT_EQ(E("count"), "count");
  EXPECT_EQ(E("`RETURN`"), "RETURN");
  auto r = ParseExpression("`RETURN`");
  ASSERT_TRUE(r.ok());
  EXPECT_EQ((*r)->As<ast::VariableExpr>().name, "RETURN");
  EXPECT_EQ(ExprErr("RETURN").code(), Status::Code::kSyntaxError);
}

TEST(ExprTest, Comments) {
  EXPECT_EQ(E("1 /* one */ + // plus\n 2"), "(1 + 2)");
}

// ---------------------------------------------------------------- functions

TEST(ExprTest, FunctionCalls) {
  EXPECT_EQ(E("toUpper(s)"), "toUpper(s)");
  EXPECT_EQ(E("rand()"), "rand()");
  EXPECT_EQ(E("substring('abc', 1, 2)"), "substring('abc', 1, 2)");
  EXPECT_EQ(E("count(*)"), "count(*)");
  EXPECT_EQ(E("COUNT( * )"), "count(*)");
  EXPECT_EQ(E("count(DISTINCT x)"), "count(DISTINCT x)");
  EXPECT_EQ(E("collect(distinct n.name)"), "collect(DISTINCT n.name)");
  EXPECT_EQ(E("date.truncate('week', d)"), "date.truncate('week', d)");
  EXPECT_EQ(E("a.b.c(1)"), "a.b.c(1)");
  EXPECT_EQ(E("exists(n.prop)"), "exists(n.prop)");
  EXPECT_EQ(ExprErr("count(DISTINCT)").code(), Status::Code::kSyntaxError);
  EXPECT_EQ(ExprErr("f(1 2)").column(), 5);
  auto r = ParseExpression("count(*)");
  ASSERT_TRUE(r.ok());
  EXPECT_TRUE((*r)->Is<ast::CountStarExpr>());
  r = ParseExpression("Date.Truncate('day', x)");
  ASSERT_TRUE(r.ok());
  const auto& f = (*r)->As<ast::FunctionCallExpr>();
  EXPECT_EQ(f.name, "Date.Truncate");
  EXPECT_EQ(f.args.size(), 2u);
  EXPECT_FALSE(f.distinct);
}

TEST(ExprTest, Case) {
  EXPECT_EQ(E("CASE WHEN a THEN 1 WHEN b THEN 2 ELSE 3 END"), "CASE WHEN a THEN 1 WHEN b THEN 2 ELSE 3 END");
  EXPECT_EQ(E("case x when 1 then 'one' end"), "CASE x WHEN 1 THEN 'one' END");
  EXPECT_EQ(E("CASE n.x + 1 WHEN 2 THEN true ELSE false END"), "CASE (n.x + 1) WHEN 2 THEN true ELSE false END");
  auto r = ParseExpression("CASE x WHEN 1 THEN 2 END");
  ASSERT_TRUE(r.ok());
  const auto& c = (*r)->As<ast::CaseExpr>();
  ASSERT_NE(c.subject, nullptr);
  EXPECT_EQ(c.alternatives.size(), 1u);
  EXPECT_EQ(c.else_value, nullptr);
  EXPECT_EQ(ExprErr("CASE x END").code(), Status::Code::kSyntaxError);
  EXPECT_EQ(ExprErr("CASE WHEN a THEN 1").code(), Status::Code::kSyntaxError);
}

TEST(ExprTest, MapProjection) {
  EXPECT_EQ(E("n{.name, .age}"), "n{.name, .age}");
  EXPECT_EQ(E("n{.*, k: n.x + 1, other}"), "n{.*, k: (n.x + 1), other}");
  EXPECT_EQ(E("n{}"), "n{}");
  auto r = ParseExpression("n {.name, .*, k: 1, v}");
  ASSERT_TRUE(r.ok());
  const auto& m = (*r)->As<ast::MapProjectionExpr>();
  EXPECT_EQ(m.variable, "n");
  ASSERT_EQ(m.items.size(), 4u);
  EXPECT_EQ(m.items[0].kind, ast::MapProjectionItem::Kind::kProperty);
  EXPECT_EQ(m.items[0].key, "name");
  EXPECT_EQ(m.items[1].kind, ast::MapProjectionItem::Kind::kAllProperties);
  EXPECT_EQ(m.items[2].kind, ast::MapProjectionItem::Kind::kEntry);
  EXPECT_EQ(m.items[3].kind, ast::MapProjectionItem::Kind::kVariable);
  EXPECT_EQ(m.items[3].key, "v");
}

TEST(ExprTest, ListComprehension) {
  EXPECT_EQ(E("[x IN list WHERE x > 1 | x * 2]"), "[x IN list WHERE (x > 1) | (x * 2)]");
  EXPECT_EQ(E("[x IN range(1, 10) WHERE x % 2 = 0]"), "[x IN range(1, 10) WHERE ((x % 2) = 0)]");
  EXPECT_EQ(E("[x IN list | x.name]"), "[x IN list | x.name]");
  EXPECT_EQ(E("[x IN list]"), "[x IN list]");
  auto r = ParseExpression("[x IN [1, 2] | x]");
  ASSERT_TRUE(r.ok());
  const auto& c = (*r)->As<ast::ListComprehensionExpr>();
  EXPECT_EQ(c.variable, "x");
  EXPECT_EQ(c.predicate, nullptr);
  EXPECT_NE(c.projection, nullptr);
  // A list whose element is an IN predicate on a non-variable stays a list.
  EXPECT_EQ(E("[1 IN list]"), "[(1 IN list)]");
}

TEST(ExprTest, Quantifiers) {
  EXPECT_EQ(E("all(x IN list WHERE x > 0)"), "all(x IN list WHERE (x > 0))");
  EXPECT_EQ(E("ANY(x IN list WHERE x.a)"), "any(x IN list WHERE x.a)");
  EXPECT_EQ(E("none(x IN [] WHERE true)"), "none(x IN [] WHERE true)");
  EXPECT_EQ(E("single(y IN x WHERE y = 'def')"), "single(y IN x WHERE (y = 'def'))");
  auto r = ParseExpression("single(y IN x WHERE y)");
  ASSERT_TRUE(r.ok());
  EXPECT_EQ((*r)->As<ast::QuantifierExpr>().quantifier, ast::Quantifier::kSingle);
}

TEST(ExprTest, Reduce) {
  EXPECT_EQ(E("reduce(acc = 0, x IN [1, 2, 3] | acc + x)"), "reduce(acc = 0, x IN [1, 2, 3] | (acc + x))");
  auto r = ParseExpression("reduce(s = '', w IN words | s + w)");
  ASSERT_TRUE(r.ok());
  const auto& red = (*r)->As<ast::ReduceExpr>();
  EXPECT_EQ(red.accumulator, "s");
  EXPECT_EQ(red.variable, "w");
}

TEST(ExprTest, PatternPredicatesAndComprehensions) {
  EXPECT_EQ(E("(a)-->(b)"), "(a)-->(b)");
  EXPECT_EQ(E("(a)-[:KNOWS]->(:Person {name: 'x'})"), "(a)-[:KNOWS]->(:Person {name: 'x'})");
  EXPECT_EQ(E("NOT (a)<--()"), "(NOT (a)<--())");
  EXPECT_EQ(E("(a) - (b)"), "(a - b)");  // arithmetic, not a pattern
  EXPECT_EQ(E("(a)"), "a");
  EXPECT_EQ(E("[(a)-->(b) | b.name]"), "[(a)-->(b) | b.name]");
  EXPECT_EQ(E("[p = (a)-[:R*]->(b) WHERE b.x > 1 | length(p)]"), "[p = (a)-[:R*]->(b) WHERE (b.x > 1) | length(p)]");
  EXPECT_EQ(E("[(1 + 2), 3]"), "[(1 + 2), 3]");
  auto r = ParseExpression("[p = (a)-->(b) | p]");
  ASSERT_TRUE(r.ok());
  EXPECT_EQ((*r)->As<ast::PatternComprehensionExpr>().pattern.path_variable, "p");
}

TEST(ExprTest, Subqueries) {
  EXPECT_EQ(E("EXISTS { (n)-->(m) WHERE m.x = 1 }"), "EXISTS { (n)-->(m) WHERE (m.x = 1) }");
  EXPECT_EQ(E("exists { MATCH (n)-->(m) RETURN m }"), "EXISTS { MATCH (n)-->(m) RETURN m }");
  EXPECT_EQ(E("COUNT { (n)--() }"), "COUNT { (n)--() }");
  auto r = ParseExpression("EXISTS { MATCH (n) RETURN n }");
  ASSERT_TRUE(r.ok());
  const auto& s = (*r)->As<ast::SubqueryExpr>();
  EXPECT_EQ(s.subquery_kind, ast::SubqueryExpr::Kind::kExists);
  ASSERT_NE(s.query, nullptr);
  EXPECT_TRUE(s.pattern.empty());
}

TEST(ExprTest, ShortestPathExpression) {
  EXPECT_EQ(E("shortestPath((a)-[*]-(b))"), "shortestPath((a)-[*]-(b))");
}

TEST(ExprTest, Positions) {
  auto r = ParseExpression("1 +\n  foo(x.y, [2])");
  ASSERT_TRUE(r.ok());
  const auto& add = (*r)->As<ast::BinaryExpr>();
  EXPECT_EQ(add.pos.line, 1);
  EXPECT_EQ(add.pos.column, 1);
  const auto& f = add.rhs->As<ast::FunctionCallExpr>();
  EXPECT_EQ(f.pos.line, 2);
  EXPECT_EQ(f.pos.column, 3);
  EXPECT_EQ(f.args[0]->pos.column, 7);
  EXPECT_EQ(f.args[1]->pos.column, 12);
}

TEST(ExprTest, Errors) {
  Status s = ExprErr("1 +");
  EXPECT_EQ(s.code(), Status::Code::kSyntaxError);
  EXPECT_NE(s.message().find("end of input"), std::string::npos);
  s = ExprErr("f(1, )");
  EXPECT_EQ(s.column(), 6);
  EXPECT_NE(s.message().find("Invalid input ')'"), std::string::npos) << s.message();
  s = ExprErr("x IS 1");
  EXPECT_EQ(s.column(), 6);
  s = ExprErr("a b");
  EXPECT_EQ(s.column(), 3);
}

// ---------------------------------------------------------------- robustness

TEST(ExprTest, DeepNestingIsAnErrorNotACrash) {
  std::string deep(100000, '(');
  Status s = ExprErr(deep + "1" + std::string(100000, ')'));
  EXPECT_EQ(s.code(), Status::Code::kSyntaxError);
  EXPECT_NE(s.message().find("nested too deeply"), std::string::npos) << s.message();
  s = ExprErr(std::string(100000, '-') + "x");
  EXPECT_EQ(s.code(), Status::Code::kSyntaxError);
  s = ExprErr(std::string(50000, '[') + std::string(50000, ']'));
  EXPECT_EQ(s.code(), Status::Code::kSyntaxError);
  std::string nots;
  for (int i = 0; i < 10000; ++i) nots += "NOT ";
  EXPECT_EQ(ExprErr(nots + "x").code(), Status::Code::kSyntaxError);
  // Moderate nesting is fine.
  EXPECT_TRUE(ExprErr(std::string(100, '(') + "1" + std::string(100, ')')).ok());
}

TEST(ExprTest, PathologicalInputsStayFast) {
  auto start = std::chrono::steady_clock::now();
  // Nested comparison chains whose middle operands nest further chains.
  std::string chain = "1";
  for (int i = 0; i < 60; ++i) chain = "1 < (" + chain + ") < 1";
  (void)ParseExpression(chain);
  // Nested node-pattern look-alikes that are not patterns.
  std::string nodes = "1";
  for (int i = 0; i < 60; ++i) nodes = "({a: " + nodes + "}) + 1";
  EXPECT_TRUE(ExprErr(nodes).code() == Status::Code::kSyntaxError || ExprErr(nodes).ok());
  std::string lists = "1";
  for (int i = 0; i < 60; ++i) lists = "[(x {a: " + lists + "}), 1]";
  (void)ParseExpression(lists);
  auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - start);
  EXPECT_LT(ms.count(), 5000);
}

}  // namespace
}  // namespace dyad::query
