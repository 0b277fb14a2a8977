// AST for graph patterns: (a:L {p: 1})-[r:T*1..3]->(b), p = shortestPath(...).
//
// A pattern (as in MATCH, CREATE, MERGE) is a comma-separated list of
// PatternParts. A PatternPart is a chain: nodes[0] rels[0] nodes[1] ...
// with nodes.size() == rels.size() + 1.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "query/parser/ast_base.h"

namespace dyad::query::ast {

// A node pattern: (var:Label1:Label2 {key: value}) or (var $param).
struct NodePattern {
  Position pos;                     // the '('
  std::string variable;             // empty when anonymous: ()
  std::vector<std::string> labels;  // all must hold (conjunction)
  ExprPtr properties;               // MapExpr or ParameterExpr, or null
};

// Which way a relationship pattern points, read left to right.
enum class RelDirection : uint8_t {
  kOutgoing,  // (a)-[]->(b): from the left node to the right node
  kIncoming,  // (a)<-[]-(b): from the right node to the left node
  kBoth,      // (a)-[]-(b) or (a)<-[]->(b): either direction
};

// The `*min..max` of a variable-length relationship. Both bounds absent
// means `*` (1..unbounded by default, decided by the binder).
struct VarLength {
  std::optional<int64_t> min;  // *2.. or *2 (then max == min) or *1..3
  std::optional<int64_t> max;  // *..3 or *1..3
};

// A relationship pattern: -[var:T1|T2*1..3 {key: value}]->.
struct RelPattern {
  Position pos;                     // the first '<' or '-'
  std::string variable;             // empty when anonymous: -->, -[]->, -[:T]->
  std::vector<std::string> types;   // any may match (disjunction); empty = any type
  RelDirection direction = RelDirection::kBoth;
  std::optional<VarLength> length;  // present for variable-length patterns (*)
  ExprPtr properties;               // MapExpr or ParameterExpr, or null
};

// How a pattern part is matched.
enum class PatternPartKind : uint8_t {
  kPlain,         // (a)-->(b)
  kShortest,      // shortestPath((a)-[*]->(b))
  kAllShortest,   // allShortestPaths((a)-[*]->(b))
};

// One comma-separated element of a pattern, optionally named: p = (a)-->(b).
struct PatternPart {
  Position pos;               // start of the part (the path variable if any)
  std::string path_variable;  // p in `p = ...`; empty when unnamed
  PatternPartKind kind = PatternPartKind::kPlain;
  std::vector<NodePattern> nodes;  // nodes.size() == rels.size() + 1
  std::vector<RelPattern> rels;
};

}  // namespace dyad::query::ast
