// Static types: what the query text alone says about an expression's type,
// so that type errors the openCypher TCK expects at compile time
// (InvalidArgumentType: `RETURN 123 AND true`, `properties(1)`, `x IN 5`)
// are SyntaxErrors while planning, even when no row reaches them.
#pragma once

#include "graph/status.h"
#include "query/parser/ast.h"
#include "query/planner/scope.h"

namespace dyad::query {

// The type of e when it is certain from the text (literals, operators,
// pattern variables); StaticType::kAny otherwise.
StaticType TypeOf(const ast::Expr& e, const Scope& scope);

// The common type of a list literal's non-null elements (kAny when mixed or
// not a literal): the type of a comprehension's loop variable.
StaticType ElementTypeOf(const ast::Expr& list, const Scope& scope);

// Checks e's own operands (not deeper: Compile calls it at every node):
// a SyntaxError (InvalidArgumentType) when an operand's static type can
// never be valid for the operator or function.
Status CheckOperandTypes(const ast::Expr& e, const Scope& scope);

// A SyntaxError when e, used as a predicate (WHERE), is certainly not a
// Boolean.
Status CheckPredicateType(const ast::Expr& e, const Scope& scope);

}  // namespace dyad::query
