// AST foundations: source positions and the Expr base class.
//
// The AST is a tree of plain structs owned through std::unique_ptr. Every
// node records the 1-based line and column where it starts in the query text
// so later stages (binder, planner) can report errors precisely.
//
// Expressions are polymorphic: an Expr carries its ExprKind; switch on
// kind() and downcast with As<T>() (each subclass names its kind in kKind).
#pragma once

#include <cassert>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

namespace dyad::query::ast {

// A 1-based place in the query text (0/0 when unknown).
struct Position {
  int line = 0;
  int column = 0;
};

// Every kind of expression node; each has one subclass in ast_expr.h.
enum class ExprKind : uint8_t {
  kLiteral,               // LiteralExpr: null, true, 42, 1.5, 'text'
  kParameter,             // ParameterExpr: $name, $0
  kVariable,              // VariableExpr: n
  kProperty,              // PropertyExpr: n.name
  kIndex,                 // IndexExpr: list[0], map['key']
  kSlice,                 // SliceExpr: list[1..3]
  kHasLabels,             // HasLabelsExpr: n:Person:Admin
  kUnary,                 // UnaryExpr: NOT a, -a, +a
  kBinary,                // BinaryExpr: a + b, a AND b, a < b, a IN b, ...
  kIsNull,                // IsNullExpr: a IS NULL, a IS NOT NULL
  kFunctionCall,          // FunctionCallExpr: f(x), count(DISTINCT x), date.truncate(...)
  kCountStar,             // CountStarExpr: count(*)
  kCase,                  // CaseExpr: CASE [x] WHEN ... THEN ... [ELSE ...] END
  kList,                  // ListExpr: [a, b, c]
  kMap,                   // MapExpr: {k: v, ...}
  kMapProjection,         // MapProjectionExpr: n{.name, k: v, .*}
  kListComprehension,     // ListComprehensionExpr: [x IN list WHERE c | e]
  kQuantifier,            // QuantifierExpr: all/any/none/single(x IN list WHERE c)
  kReduce,                // ReduceExpr: reduce(acc = init, x IN list | e)
  kPattern,               // PatternExpr: (a)-[:R]->(b) used as a predicate
  kPatternComprehension,  // PatternComprehensionExpr: [p = (a)-->(b) WHERE c | e]
  kSubquery,              // SubqueryExpr: EXISTS { ... }, COUNT { ... }
};

// Base of all expression nodes.
class Expr {
 public:
  virtual ~Expr() = default;
  Expr(const Expr&) = delete;
  Expr& operator=(const Expr&) = delete;

  // Which subclass this is.
  ExprKind kind() const { return kind_; }
  // Downcast to the subclass T (T::kKind must equal kind()).
  template <typename T>
  T& As() {
    assert(kind_ == T::kKind);
    return static_cast<T&>(*this);
  }
  // Const downcast to the subclass T (T::kKind must equal kind()).
  template <typename T>
  const T& As() const {
    assert(kind_ == T::kKind);
    return static_cast<const T&>(*this);
  }
  // True when this node is a T.
  template <typename T>
  bool Is() const {
    return kind_ == T::kKind;
  }

  // Where the expression starts in the text. For infix operators (a + b,
  // a IS NULL) and postfix forms (a.b, a[i], a:L) that is the start of the
  // left operand.
  Position pos;

 protected:
  explicit Expr(ExprKind kind) : kind_(kind) {}

 private:
  ExprKind kind_;
};

// Owning pointer to an expression (null where an expression is optional).
using ExprPtr = std::unique_ptr<Expr>;

}  // namespace dyad::query::ast
