// AST for clauses, queries and statements.
//
//   Statement      one ';'-separated command: a Query or an index command,
//                  with an optional EXPLAIN / PROFILE mode
//   Query          SingleQuery (UNION [ALL] SingleQuery)*
//   SingleQuery    a sequence of clauses, in written order
//   Clause         MATCH, UNWIND, WITH, RETURN, CREATE, MERGE, SET, ...
//
// Clauses are polymorphic like expressions: switch on kind() and downcast
// with As<T>().
#pragma once

#include <cassert>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "query/parser/ast_base.h"
#include "query/parser/ast_expr.h"
#include "query/parser/ast_pattern.h"

namespace dyad::query::ast {

// Every kind of clause; each has one subclass below.
enum class ClauseKind : uint8_t {
  kMatch,   // MatchClause: [OPTIONAL] MATCH pattern [WHERE e]
  kUnwind,  // UnwindClause: UNWIND e AS x
  kWith,    // WithClause: WITH [DISTINCT] items ... [WHERE e]
  kReturn,  // ReturnClause: RETURN [DISTINCT] items ...
  kCreate,  // CreateClause: CREATE pattern
  kMerge,   // MergeClause: MERGE part [ON CREATE SET ..] [ON MATCH SET ..]
  kSet,     // SetClause: SET item, ...
  kRemove,  // RemoveClause: REMOVE item, ...
  kDelete,  // DeleteClause: [DETACH] DELETE e, ...
  kCall,    // CallClause: CALL proc(args) [YIELD ...]
};

// Base of all clause nodes.
class Clause {
 public:
  virtual ~Clause() = default;
  Clause(const Clause&) = delete;
  Clause& operator=(const Clause&) = delete;

  // Which subclass this is.
  ClauseKind kind() const { return kind_; }
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

  Position pos;  // the clause's first keyword

 protected:
  explicit Clause(ClauseKind kind) : kind_(kind) {}

 private:
  ClauseKind kind_;
};

// Owning pointer to a clause.
using ClausePtr = std::unique_ptr<Clause>;

// Base for the clause subclasses: fixes the kind at construction.
template <ClauseKind K>
struct ClauseOf : Clause {
  static constexpr ClauseKind kKind = K;
  ClauseOf() : Clause(K) {}
};

// MATCH pattern [WHERE predicate], or OPTIONAL MATCH ...
struct MatchClause : ClauseOf<ClauseKind::kMatch> {
  bool optional = false;
  std::vector<PatternPart> pattern;
  ExprPtr where;  // null when absent
};

// UNWIND list AS variable.
struct UnwindClause : ClauseOf<ClauseKind::kUnwind> {
  ExprPtr list;
  std::string variable;
};

// One projected column: expression [AS alias].
struct ProjectionItem {
  Position pos;
  ExprPtr expr;
  std::string alias;  // the AS name; empty when not aliased
  // The expression's source text, whitespace-trimmed (e.g. "n.name",
  // "count(*)"): the column name when there is no alias.
  std::string text;
  // The column name: alias if given, else text.
  const std::string& name() const { return alias.empty() ? text : alias; }
};

// One ORDER BY key.
struct SortItem {
  Position pos;
  ExprPtr expr;
  bool descending = false;  // DESC / DESCENDING
};

// What WITH and RETURN share: [DISTINCT] (* | items) [ORDER BY] [SKIP] [LIMIT].
struct ProjectionBody {
  bool distinct = false;
  bool star = false;  // `*` (all variables in scope), possibly followed by items
  std::vector<ProjectionItem> items;
  std::vector<SortItem> order_by;
  ExprPtr skip;   // null when absent
  ExprPtr limit;  // null when absent
};

// WITH body [WHERE predicate].
struct WithClause : ClauseOf<ClauseKind::kWith> {
  ProjectionBody body;
  ExprPtr where;  // null when absent
};

// RETURN body.
struct ReturnClause : ClauseOf<ClauseKind::kReturn> {
  ProjectionBody body;
};

// CREATE pattern.
struct CreateClause : ClauseOf<ClauseKind::kCreate> {
  std::vector<PatternPart> pattern;
};

// One assignment of SET (also used by MERGE's ON CREATE / ON MATCH).
struct SetItem {
  // Which form of assignment this is.
  enum class Kind : uint8_t {
    kProperty,           // target.key = value  (property is a PropertyExpr)
    kReplaceProperties,  // variable = value    (value: map, node or rel)
    kMergeProperties,    // variable += value
    kLabels,             // variable:L1:L2
  };
  Position pos;
  Kind kind = Kind::kProperty;
  ExprPtr property;                 // kProperty: the PropertyExpr assigned to
  std::string variable;             // the other kinds: the entity variable
  std::vector<std::string> labels;  // kLabels
  ExprPtr value;                    // kProperty / kReplace / kMerge
};

// SET item, ...
struct SetClause : ClauseOf<ClauseKind::kSet> {
  std::vector<SetItem> items;
};

// One action of MERGE: ON CREATE SET ... or ON MATCH SET ...
struct MergeAction {
  Position pos;
  bool on_create = true;  // false for ON MATCH
  std::vector<SetItem> items;
};

// MERGE part [ON CREATE SET ...] [ON MATCH SET ...] (any number, in order).
struct MergeClause : ClauseOf<ClauseKind::kMerge> {
  PatternPart pattern;
  std::vector<MergeAction> actions;
};

// One item of REMOVE.
struct RemoveItem {
  // What is removed.
  enum class Kind : uint8_t {
    kProperty,  // target.key   (property is a PropertyExpr)
    kLabels,    // variable:L1:L2
  };
  Position pos;
  Kind kind = Kind::kProperty;
  ExprPtr property;                 // kProperty
  std::string variable;             // kLabels
  std::vector<std::string> labels;  // kLabels
};

// REMOVE item, ...
struct RemoveClause : ClauseOf<ClauseKind::kRemove> {
  std::vector<RemoveItem> items;
};

// [DETACH] DELETE expr, ...
struct DeleteClause : ClauseOf<ClauseKind::kDelete> {
  bool detach = false;
  std::vector<ExprPtr> targets;
};

// One YIELD column of CALL: field [AS alias].
struct YieldItem {
  Position pos;
  std::string field;  // the procedure's output column
  std::string alias;  // empty when not renamed
  // The variable this item binds: alias if given, else field.
  const std::string& name() const { return alias.empty() ? field : alias; }
};

// CALL ns.proc(args) [YIELD items [WHERE predicate]], or a standalone
// CALL ns.proc without parentheses (arguments then come from parameters
// with the same names as the procedure's inputs).
struct CallClause : ClauseOf<ClauseKind::kCall> {
  std::string procedure;  // dotted name as written: "db.labels"
  bool has_arguments = false;  // false for `CALL proc` (no parentheses)
  std::vector<ExprPtr> args;
  bool has_yield = false;   // a YIELD was written
  bool yield_star = false;  // YIELD *
  std::vector<YieldItem> yields;
  ExprPtr where;  // WHERE after YIELD; null when absent
};

// Clauses of one query without UNION.
struct SingleQuery {
  Position pos;
  std::vector<ClausePtr> clauses;
};

// A query: parts joined by UNION or UNION ALL.
struct Query {
  Position pos;
  std::vector<SingleQuery> parts;  // at least one
  // union_all[i] tells how parts[i] and parts[i + 1] are joined:
  // true for UNION ALL, false for UNION. Size parts.size() - 1.
  std::vector<bool> union_all;
};

// CREATE INDEX [name] [IF NOT EXISTS] FOR (v:Label) ON (v.p1, v.p2), or the
// older CREATE INDEX ON :Label(p1, p2).
struct CreateIndex {
  Position pos;
  std::string name;  // empty when not named
  bool if_not_exists = false;
  std::string label;
  std::vector<std::string> properties;
};

// DROP INDEX name [IF EXISTS], or DROP INDEX ON :Label(p1, ...).
struct DropIndex {
  Position pos;
  std::string name;  // set for the by-name form
  bool if_exists = false;
  std::string label;                    // set for the ON :Label(...) form
  std::vector<std::string> properties;  // set for the ON :Label(...) form
};

// How a statement is to be run.
enum class ExecutionMode : uint8_t {
  kNormal,   // run it
  kExplain,  // EXPLAIN: plan only, no execution
  kProfile,  // PROFILE: run and report rows/time per operator
};

// One ';'-separated statement: exactly one of query / create_index /
// drop_index is set.
struct Statement {
  Position pos;
  ExecutionMode mode = ExecutionMode::kNormal;
  std::unique_ptr<Query> query;
  std::unique_ptr<CreateIndex> create_index;
  std::unique_ptr<DropIndex> drop_index;
  std::string text;  // the statement's source text (without the ';')
};

}  // namespace dyad::query::ast
