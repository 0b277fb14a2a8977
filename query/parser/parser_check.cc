// The parser: checks run on a parsed statement.
//
// openCypher only allows a plain pattern expression such as (a)-->(b) where
// a boolean is expected; `RETURN (a)-->(b)` or `size((a)-->())` must use a
// pattern comprehension instead. The TCK expects a SyntaxError for these.
#include <cctype>
#include <string>

#include "query/parser/parser_impl.h"

namespace dyad::query::internal {

namespace {

using namespace ast;  // NOLINT: local to this file

Status CheckExpr(const Expr* e, bool predicate_ok);
Status CheckQuery(const Query& q);

bool IsExistsFunction(const std::string& name) {
  if (name.size() != 6) return false;
  std::string lower;
  for (char c : name) lower += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return lower == "exists";
}

Status CheckPattern(const PatternPart& part) {
  for (const NodePattern& n : part.nodes) DYAD_RETURN_IF_ERROR(CheckExpr(n.properties.get(), false));
  for (const RelPattern& r : part.rels) DYAD_RETURN_IF_ERROR(CheckExpr(r.properties.get(), false));
  return Status::OK();
}

Status CheckPatterns(const std::vector<PatternPart>& parts) {
  for (const PatternPart& p : parts) DYAD_RETURN_IF_ERROR(CheckPattern(p));
  return Status::OK();
}

Status CheckExpr(const Expr* e, bool predicate_ok) {
  if (e == nullptr) return Status::OK();
  switch (e->kind()) {
    case ExprKind::kLiteral:
    case ExprKind::kParameter:
    case ExprKind::kVariable:
    case ExprKind::kCountStar:
      return Status::OK();
    case ExprKind::kProperty:
      return CheckExpr(e->As<PropertyExpr>().object.get(), false);
    case ExprKind::kIndex: {
      const auto& x = e->As<IndexExpr>();
      DYAD_RETURN_IF_ERROR(CheckExpr(x.object.get(), false));
      return CheckExpr(x.index.get(), false);
    }
    case ExprKind::kSlice: {
      const auto& x = e->As<SliceExpr>();
      DYAD_RETURN_IF_ERROR(CheckExpr(x.object.get(), false));
      DYAD_RETURN_IF_ERROR(CheckExpr(x.from.get(), false));
      return CheckExpr(x.to.get(), false);
    }
    case ExprKind::kHasLabels:
      return CheckExpr(e->As<HasLabelsExpr>().object.get(), false);
    case ExprKind::kUnary: {
      const auto& x = e->As<UnaryExpr>();
      return CheckExpr(x.operand.get(), x.op == UnaryOp::kNot);
    }
    case ExprKind::kBinary: {
      const auto& x = e->As<BinaryExpr>();
      bool boolean = x.op == BinaryOp::kAnd || x.op == BinaryOp::kOr || x.op == BinaryOp::kXor;
      DYAD_RETURN_IF_ERROR(CheckExpr(x.lhs.get(), boolean));
      return CheckExpr(x.rhs.get(), boolean);
    }
    case ExprKind::kIsNull:
      return CheckExpr(e->As<IsNullExpr>().operand.get(), false);
    case ExprKind::kFunctionCall: {
      const auto& x = e->As<FunctionCallExpr>();
      bool exists = IsExistsFunction(x.name);
      for (const ExprPtr& a : x.args) DYAD_RETURN_IF_ERROR(CheckExpr(a.get(), exists));
      return Status::OK();
    }
    case ExprKind::kCase: {
      const auto& x = e->As<CaseExpr>();
      DYAD_RETURN_IF_ERROR(CheckExpr(x.subject.get(), false));
      for (const CaseAlternative& a : x.alternatives) {
        DYAD_RETURN_IF_ERROR(CheckExpr(a.when.get(), x.subject == nullptr));
        DYAD_RETURN_IF_ERROR(CheckExpr(a.then.get(), false));
      }
      return CheckExpr(x.else_value.get(), false);
    }
    case ExprKind::kList:
      for (const ExprPtr& x : e->As<ListExpr>().elements) DYAD_RETURN_IF_ERROR(CheckExpr(x.get(), false));
      return Status::OK();
    case ExprKind::kMap:
      for (const auto& [k, v] : e->As<MapExpr>().entries) DYAD_RETURN_IF_ERROR(CheckExpr(v.get(), false));
      return Status::OK();
    case ExprKind::kMapProjection:
      for (const MapProjectionItem& it : e->As<MapProjectionExpr>().items) {
        DYAD_RETURN_IF_ERROR(CheckExpr(it.value.get(), false));
      }
      return Status::OK();
    case ExprKind::kListComprehension: {
      const auto& x = e->As<ListComprehensionExpr>();
      DYAD_RETURN_IF_ERROR(CheckExpr(x.list.get(), false));
      DYAD_RETURN_IF_ERROR(CheckExpr(x.predicate.get(), true));
      return CheckExpr(x.projection.get(), false);
    }
    case ExprKind::kQuantifier: {
      const auto& x = e->As<QuantifierExpr>();
      DYAD_RETURN_IF_ERROR(CheckExpr(x.list.get(), false));
      return CheckExpr(x.predicate.get(), true);
    }
    case ExprKind::kReduce: {
      const auto& x = e->As<ReduceExpr>();
      DYAD_RETURN_IF_ERROR(CheckExpr(x.init.get(), false));
      DYAD_RETURN_IF_ERROR(CheckExpr(x.list.get(), false));
      return CheckExpr(x.expression.get(), false);
    }
    case ExprKind::kPattern: {
      const auto& x = e->As<PatternExpr>();
      if (!predicate_ok && x.pattern.kind == PatternPartKind::kPlain) {
        return Status::SyntaxError("Invalid use of pattern expression '" + ToString(x.pattern) +
                                   "': a pattern expression is only allowed as a predicate (in WHERE, "
                                   "with NOT/AND/OR/XOR or in exists()); use a pattern comprehension "
                                   "[" + ToString(x.pattern) + " | ...] to get values")
            .WithPosition(e->pos.line, e->pos.column);
      }
      return CheckPattern(x.pattern);
    }
    case ExprKind::kPatternComprehension: {
      const auto& x = e->As<PatternComprehensionExpr>();
      DYAD_RETURN_IF_ERROR(CheckPattern(x.pattern));
      DYAD_RETURN_IF_ERROR(CheckExpr(x.predicate.get(), true));
      return CheckExpr(x.projection.get(), false);
    }
    case ExprKind::kSubquery: {
      const auto& x = e->As<SubqueryExpr>();
      if (x.query) return CheckQuery(*x.query);
      DYAD_RETURN_IF_ERROR(CheckPatterns(x.pattern));
      return CheckExpr(x.where.get(), true);
    }
  }
  return Status::OK();
}

Status CheckProjection(const ProjectionBody& b) {
  for (const ProjectionItem& it : b.items) DYAD_RETURN_IF_ERROR(CheckExpr(it.expr.get(), false));
  for (const SortItem& s : b.order_by) DYAD_RETURN_IF_ERROR(CheckExpr(s.expr.get(), false));
  DYAD_RETURN_IF_ERROR(CheckExpr(b.skip.get(), false));
  return CheckExpr(b.limit.get(), false);
}

Status CheckSetItems(const std::vector<SetItem>& items) {
  for (const SetItem& it : items) {
    DYAD_RETURN_IF_ERROR(CheckExpr(it.property.get(), false));
    DYAD_RETURN_IF_ERROR(CheckExpr(it.value.get(), false));
  }
  return Status::OK();
}

Status CheckClause(const Clause& c) {
  switch (c.kind()) {
    case ClauseKind::kMatch: {
      const auto& x = c.As<MatchClause>();
      DYAD_RETURN_IF_ERROR(CheckPatterns(x.pattern));
      return CheckExpr(x.where.get(), true);
    }
    case ClauseKind::kUnwind:
      return CheckExpr(c.As<UnwindClause>().list.get(), false);
    case ClauseKind::kWith: {
      const auto& x = c.As<WithClause>();
      DYAD_RETURN_IF_ERROR(CheckProjection(x.body));
      return CheckExpr(x.where.get(), true);
    }
    case ClauseKind::kReturn:
      return CheckProjection(c.As<ReturnClause>().body);
    case ClauseKind::kCreate:
      return CheckPatterns(c.As<CreateClause>().pattern);
    case ClauseKind::kMerge: {
      const auto& x = c.As<MergeClause>();
      DYAD_RETURN_IF_ERROR(CheckPattern(x.pattern));
      for (const MergeAction& a : x.actions) DYAD_RETURN_IF_ERROR(CheckSetItems(a.items));
      return Status::OK();
    }
    case ClauseKind::kSet:
      return CheckSetItems(c.As<SetClause>().items);
    case ClauseKind::kRemove:
      for (const RemoveItem& it : c.As<RemoveClause>().items) DYAD_RETURN_IF_ERROR(CheckExpr(it.property.get(), false));
      return Status::OK();
    case ClauseKind::kDelete:
      for (const ExprPtr& t : c.As<DeleteClause>().targets) DYAD_RETURN_IF_ERROR(CheckExpr(t.get(), false));
      return Status::OK();
    case ClauseKind::kCall: {
      const auto& x = c.As<CallClause>();
      for (const ExprPtr& a : x.args) DYAD_RETURN_IF_ERROR(CheckExpr(a.get(), false));
      return CheckExpr(x.where.get(), true);
    }
  }
  return Status::OK();
}

Status CheckQuery(const Query& q) {
  for (const SingleQuery& part : q.parts) {
    for (const ClausePtr& c : part.clauses) DYAD_RETURN_IF_ERROR(CheckClause(*c));
  }
  return Status::OK();
}

}  // namespace

Status CheckPatternExpressions(const ast::Statement& stmt) {
  if (stmt.query) return CheckQuery(*stmt.query);
  return Status::OK();
}

}  // namespace dyad::query::internal
