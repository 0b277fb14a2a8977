// The openCypher AST: include this to get every node type, plus a printer.
//
//   ast_base.h     Position, Expr base class, ExprKind
//   ast_pattern.h  NodePattern, RelPattern, PatternPart
//   ast_expr.h     one struct per expression kind
//   ast_clause.h   clauses, SingleQuery, Query, index commands, Statement
//
// ToString renders a node in a canonical Cypher-like form: every operator
// application is parenthesised, keywords are upper case, names that are not
// plain identifiers are back-ticked. Tests compare these strings; they are
// also handy in debug output.
#pragma once

#include <string>
#include <string_view>

#include "query/parser/ast_base.h"
#include "query/parser/ast_clause.h"
#include "query/parser/ast_expr.h"
#include "query/parser/ast_pattern.h"

namespace dyad::query::ast {

// Canonical rendering of an expression: "(a + (b * 2))".
std::string ToString(const Expr& expr);
// Canonical rendering of a pattern part: "p = (a:L)-[r:T*1..2]->(b)".
std::string ToString(const PatternPart& part);
// Canonical rendering of a clause: "MATCH (n) WHERE (n.x > 1)".
std::string ToString(const Clause& clause);
// Canonical rendering of a query: clauses joined by spaces, UNION between parts.
std::string ToString(const Query& query);
// Canonical rendering of a statement, with its EXPLAIN / PROFILE prefix.
std::string ToString(const Statement& statement);

// A name as Cypher would write it: plain when it is an identifier
// ([A-Za-z_][A-Za-z0-9_]*), else back-ticked with inner ` doubled.
std::string QuoteName(std::string_view name);
// A string literal in single quotes with \\, \', \n, \t, \r escaped.
std::string QuoteString(std::string_view s);

}  // namespace dyad::query::ast
