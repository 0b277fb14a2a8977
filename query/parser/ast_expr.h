// AST for expressions: one struct per ExprKind (see ast_base.h).
//
// Names (variables, property keys, labels, function names) are stored
// decoded: `my var` is stored as "my var". Function names keep the case and
// the namespace as written ("date.truncate", "toUpper"); openCypher function
// names are case-insensitive, which the binder handles.
//
// Desugarings done by the parser:
//  - a comparison chain `a < b <= c` becomes `(a < b) AND (b <= c)` (the
//    middle operand is parsed twice, so each copy is an independent node);
//  - a minus sign directly before an integer literal is folded into the
//    literal (so -9223372036854775808 is representable);
//  - `n:A:B` is one HasLabelsExpr with two labels.
#pragma once

#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "graph/value.h"
#include "query/parser/ast_base.h"
#include "query/parser/ast_pattern.h"

namespace dyad::query::ast {

struct Query;  // ast_clause.h

// Base for the expression subclasses: fixes the kind at construction.
template <ExprKind K>
struct ExprOf : Expr {
  static constexpr ExprKind kKind = K;
  ExprOf() : Expr(K) {}
};

// A constant: null, a boolean, an integer, a float or a string.
// (List and map literals are ListExpr / MapExpr, as they hold expressions.)
struct LiteralExpr : ExprOf<ExprKind::kLiteral> {
  Value value;
};

// A query parameter: $name or $0 (name is "name" / "0").
struct ParameterExpr : ExprOf<ExprKind::kParameter> {
  std::string name;
};

// A reference to a variable.
struct VariableExpr : ExprOf<ExprKind::kVariable> {
  std::string name;
};

// Property lookup: object.key.
struct PropertyExpr : ExprOf<ExprKind::kProperty> {
  ExprPtr object;
  std::string key;
};

// Element access: object[index] (list index or dynamic map key).
struct IndexExpr : ExprOf<ExprKind::kIndex> {
  ExprPtr object;
  ExprPtr index;
};

// List slice: object[from..to]; either bound may be null (open).
struct SliceExpr : ExprOf<ExprKind::kSlice> {
  ExprPtr object;
  ExprPtr from;
  ExprPtr to;
};

// Label predicate: object:L1:L2 (true when the node has all the labels, or
// for a relationship, when its type is the one label).
struct HasLabelsExpr : ExprOf<ExprKind::kHasLabels> {
  ExprPtr object;
  std::vector<std::string> labels;
};

// Prefix operators.
enum class UnaryOp : uint8_t {
  kNot,     // NOT a
  kNegate,  // -a
  kPlus,    // +a
};

// A prefix operator applied to an operand.
struct UnaryExpr : ExprOf<ExprKind::kUnary> {
  UnaryOp op = UnaryOp::kNot;
  ExprPtr operand;
};

// Infix operators, from loosest to tightest binding group.
enum class BinaryOp : uint8_t {
  kOr, kXor, kAnd,                                   // boolean
  kEq, kNeq, kLt, kGt, kLe, kGe,                     // comparison
  kRegexMatch, kStartsWith, kEndsWith, kContains, kIn,  // string / list predicates
  kAdd, kSub,                                        // additive
  kMul, kDiv, kMod,                                  // multiplicative
  kPow,                                              // exponentiation
};

// An infix operator applied to two operands.
struct BinaryExpr : ExprOf<ExprKind::kBinary> {
  BinaryOp op = BinaryOp::kAnd;
  ExprPtr lhs;
  ExprPtr rhs;
};

// operand IS NULL, or operand IS NOT NULL when negated.
struct IsNullExpr : ExprOf<ExprKind::kIsNull> {
  ExprPtr operand;
  bool negated = false;
};

// A function call: name(args), name(DISTINCT args), ns.name(args).
struct FunctionCallExpr : ExprOf<ExprKind::kFunctionCall> {
  std::string name;  // as written, namespace parts joined by '.'
  bool distinct = false;
  std::vector<ExprPtr> args;
};

// count(*).
struct CountStarExpr : ExprOf<ExprKind::kCountStar> {};

// One WHEN ... THEN ... of a CASE expression.
struct CaseAlternative {
  ExprPtr when;  // a value (simple CASE) or a predicate (generic CASE)
  ExprPtr then;
};

// CASE [subject] WHEN .. THEN .. [ELSE ..] END. With a subject (simple CASE)
// each `when` is compared to it; without (generic CASE) each is a predicate.
struct CaseExpr : ExprOf<ExprKind::kCase> {
  ExprPtr subject;  // null for the generic form
  std::vector<CaseAlternative> alternatives;
  ExprPtr else_value;  // null when there is no ELSE
};

// A list literal: [a, b, c].
struct ListExpr : ExprOf<ExprKind::kList> {
  std::vector<ExprPtr> elements;
};

// A map literal: {key: value, ...}, entries in written order.
struct MapExpr : ExprOf<ExprKind::kMap> {
  std::vector<std::pair<std::string, ExprPtr>> entries;
};

// One element of a map projection.
struct MapProjectionItem {
  // What the element adds to the projected map.
  enum class Kind : uint8_t {
    kProperty,       // .key : the subject's property `key`
    kAllProperties,  // .*   : all of the subject's properties
    kVariable,       // var  : entry `var` holding that variable's value
    kEntry,          // key: expr
  };
  Position pos;
  Kind kind = Kind::kProperty;
  std::string key;  // property key, variable name or entry key (empty for .*)
  ExprPtr value;    // the expression of kEntry; null otherwise
};

// A map projection: subject{.name, .*, key: expr, var}.
struct MapProjectionExpr : ExprOf<ExprKind::kMapProjection> {
  std::string variable;  // the subject: a variable holding a node, rel or map
  std::vector<MapProjectionItem> items;
};

// [variable IN list WHERE predicate | projection]; WHERE and the projection
// are each optional (null when absent).
struct ListComprehensionExpr : ExprOf<ExprKind::kListComprehension> {
  std::string variable;
  ExprPtr list;
  ExprPtr predicate;
  ExprPtr projection;
};

// Which list predicate function a QuantifierExpr is.
enum class Quantifier : uint8_t { kAll, kAny, kNone, kSingle };

// all/any/none/single(variable IN list WHERE predicate).
struct QuantifierExpr : ExprOf<ExprKind::kQuantifier> {
  Quantifier quantifier = Quantifier::kAll;
  std::string variable;
  ExprPtr list;
  ExprPtr predicate;  // null when WHERE is omitted
};

// reduce(accumulator = init, variable IN list | expression).
struct ReduceExpr : ExprOf<ExprKind::kReduce> {
  std::string accumulator;
  ExprPtr init;
  std::string variable;
  ExprPtr list;
  ExprPtr expression;
};

// A relationship pattern used as an expression: WHERE (a)-[:R]->(). It is
// only allowed where a boolean is expected (the parser checks this): in WHERE,
// under NOT/AND/OR/XOR, in exists(...), and as a CASE WHEN condition.
// shortestPath(...) used in an expression is also a PatternExpr.
struct PatternExpr : ExprOf<ExprKind::kPattern> {
  PatternPart pattern;
};

// [p = (a)-->(b) WHERE predicate | projection] (p and WHERE optional).
struct PatternComprehensionExpr : ExprOf<ExprKind::kPatternComprehension> {
  PatternPart pattern;  // pattern.path_variable holds p
  ExprPtr predicate;    // null when absent
  ExprPtr projection;
};

// EXISTS { ... } or COUNT { ... }. The body is either a full query
// (query != null) or a pattern with an optional WHERE (query == null).
struct SubqueryExpr : ExprOf<ExprKind::kSubquery> {
  // Which subquery expression this is.
  enum class Kind : uint8_t { kExists, kCount };
  SubqueryExpr();            // out of line: Query is incomplete here
  ~SubqueryExpr() override;  // out of line: Query is incomplete here
  Kind subquery_kind = Kind::kExists;
  std::unique_ptr<Query> query;
  std::vector<PatternPart> pattern;
  ExprPtr where;
};

// The operator as Cypher spells it: "AND", "<>", "STARTS WITH", "^".
const char* BinaryOpName(BinaryOp op);
// The operator as Cypher spells it: "NOT", "-", "+".
const char* UnaryOpName(UnaryOp op);
// "all", "any", "none" or "single".
const char* QuantifierName(Quantifier q);

}  // namespace dyad::query::ast
