// CExpr: an expression compiled for evaluation — variables resolved to row
// slots, functions looked up, sub-patterns planned as sub-plans.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "graph/status.h"
#include "graph/value.h"
#include "query/exec/exec_context.h"
#include "query/exec/row.h"
#include "query/functions/function_registry.h"
#include "query/parser/ast.h"

namespace dyad::query {

class Operator;
class ArgumentOp;

// A plan run once per evaluation, seeded with the current row through its
// Argument leaf (pattern predicates, pattern comprehensions, EXISTS {}).
struct SubPlan {
  std::unique_ptr<Operator> root;
  ArgumentOp* argument = nullptr;
};

// What a compiled expression node does.
enum class CKind : uint8_t {
  kConst, kParam, kSlot, kProperty, kIndex, kSlice, kHasLabels, kNot, kNegate, kAnd, kOr, kXor,
  kBinary, kIsNull, kIsNotNull, kFunction, kCase, kList, kMap, kMapProjection, kListComprehension,
  kQuantifier, kReduce, kExists, kPatternComprehension, kCount, kPropertyExists,
};

// One node of a compiled expression tree.
struct CExpr {
  CKind kind = CKind::kConst;
  ast::Position pos;
  Value constant;                        // kConst
  std::string name;                      // kParam name, kProperty key, labels joined, function name
  std::vector<std::string> names;        // kHasLabels labels; kMap/kMapProjection keys
  std::vector<int> item_kinds;           // kMapProjection: ast::MapProjectionItem::Kind per entry
  int slot = -1;                         // kSlot; loop variable slot of comprehensions / reduce
  int slot2 = -1;                        // reduce accumulator slot
  ast::BinaryOp op = ast::BinaryOp::kAnd;  // kBinary
  ast::Quantifier quantifier = ast::Quantifier::kAll;
  bool has_subject = false;              // kCase: simple form
  bool has_else = false;                 // kCase
  const FunctionDef* fn = nullptr;       // kFunction
  std::vector<std::unique_ptr<CExpr>> kids;
  std::unique_ptr<SubPlan> sub;          // kExists / kPatternComprehension / kCount
  // kProperty: the key's dictionary id once it was found (-1 before), kept
  // across runs of a cached plan: a name's id never changes.
  mutable int64_t key_id = -1;
};

using CExprPtr = std::unique_ptr<CExpr>;

// Evaluates e against row. Comprehensions write their loop variables into
// row's scratch slots, hence the mutable row.
Status Evaluate(const CExpr& e, Row& row, ExecContext& ctx, Value* out);
// The same, without a copy where the value already lives somewhere (a
// constant, a parameter, a slot): *out points at it, or at *scratch, which
// holds any computed value. *out is valid while row and the parameters are.
Status EvaluateRef(const CExpr& e, Row& row, ExecContext& ctx, Value* scratch, const Value** out);

// Evaluates a predicate: true only when e is the boolean true (null and
// false both reject); a non-boolean is a TypeError.
Status EvaluatePredicate(const CExpr& e, Row& row, ExecContext& ctx, bool* out);

// Reads a property of a node, relationship or map value (null when absent);
// temporal components for dates/durations. Errors for other kinds.
// key_id, when given, caches the key's id (-1: not looked up or not found).
Status PropertyOf(const Value& v, const std::string& key, ExecContext& ctx, Value* out, int64_t* key_id = nullptr);

}  // namespace dyad::query
