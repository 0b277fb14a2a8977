// The openCypher parser: text → AST (see ast.h), hand-written recursive
// descent over the lexer's tokens.
//
// Errors never throw: every entry point returns a Status of kind SyntaxError
// with the 1-based line and column of the offending token and a message such
// as "Invalid input 'RETRUN': expected ...". FormatErrorWithCaret renders
// such an error with the query line and a caret under the column.
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "graph/status.h"
#include "query/parser/ast.h"

namespace dyad::query {

// Parses one statement: [EXPLAIN|PROFILE] followed by a query (clauses,
// UNION [ALL]), CREATE INDEX or DROP INDEX. A trailing ';' is allowed; a
// second statement is an error (use ParseScript).
Result<std::unique_ptr<ast::Statement>> Parse(std::string_view text);

// Parses ';'-separated statements (a ';' inside a string or comment does not
// separate). Empty statements are skipped; an empty script gives an empty list.
Result<std::vector<std::unique_ptr<ast::Statement>>> ParseScript(std::string_view text);

// Parses a single expression (the whole text), e.g. "a.b + 1". For tests
// and for tools that evaluate stand-alone expressions. Unlike Parse, it does
// not restrict where pattern expressions such as (a)-->(b) may appear.
Result<ast::ExprPtr> ParseExpression(std::string_view text);

// Renders an error located in `text` as
//   SyntaxError: Invalid input 'RETRUN': expected ... (line 1, column 11)
//   "MATCH (n) RETRUN n"
//              ^
// Without a position (line 0) only the first line is returned.
std::string FormatErrorWithCaret(std::string_view text, const Status& status);

}  // namespace dyad::query
