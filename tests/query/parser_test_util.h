// Helpers shared by the parser tests.
#pragma once

#include <string>
#include <string_view>

#include "query/parser/parser.h"

namespace dyad::query::testing {

// The canonical rendering of a parsed statement, or "ERROR: <status>".
inline std::string P(std::string_view text) {
  auto r = Parse(text);
  if (!r.ok()) return "ERROR: " + r.status().ToString();
  return ast::ToString(**r);
}

// The canonical rendering of a parsed expression, or "ERROR: <status>".
inline std::string E(std::string_view text) {
  auto r = ParseExpression(text);
  if (!r.ok()) return "ERROR: " + r.status().ToString();
  return ast::ToString(**r);
}

// The status of parsing a statement (OK when it parses).
inline Status Err(std::string_view text) {
  auto r = Parse(text);
  return r.ok() ? Status::OK() : r.status();
}

}  // namespace dyad::query::testing
