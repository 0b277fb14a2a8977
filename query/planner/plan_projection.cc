// Planning of WITH and RETURN: projection, aggregation, DISTINCT, ORDER BY,
// SKIP, LIMIT and WITH's WHERE.
#include <algorithm>
#include <map>
#include <set>
#include <unordered_map>

#include "query/exec/relational_ops.h"
#include "query/planner/planner.h"

namespace dyad::query {

using namespace ast;

namespace {

// Collects the aggregate calls of e (not inside nested aggregates).
void FindAggregates(const Expr& e, std::vector<const Expr*>* out) {
  if (e.kind() == ExprKind::kCountStar ||
      (e.kind() == ExprKind::kFunctionCall && IsAggregateName(e.As<FunctionCallExpr>().name))) {
    out->push_back(&e);
    return;
  }
  switch (e.kind()) {
    case ExprKind::kProperty: FindAggregates(*e.As<PropertyExpr>().object, out); break;
    case ExprKind::kBinary:
      FindAggregates(*e.As<BinaryExpr>().lhs, out);
      FindAggregates(*e.As<BinaryExpr>().rhs, out);
      break;
    case ExprKind::kUnary: FindAggregates(*e.As<UnaryExpr>().operand, out); break;
    case ExprKind::kFunctionCall:
      for (const auto& a : e.As<FunctionCallExpr>().args) FindAggregates(*a, out);
      break;
    case ExprKind::kList:
      for (const auto& a : e.As<ListExpr>().elements) FindAggregates(*a, out);
      break;
    case ExprKind::kMap:
      for (const auto& [k, v] : e.As<MapExpr>().entries) FindAggregates(*v, out);
      break;
    case ExprKind::kIndex:
      FindAggregates(*e.As<IndexExpr>().object, out);
      FindAggregates(*e.As<IndexExpr>().index, out);
      break;
    case ExprKind::kSlice: {
      const auto& s = e.As<SliceExpr>();
      FindAggregates(*s.object, out);
      if (s.from) FindAggregates(*s.from, out);
      if (s.to) FindAggregates(*s.to, out);
      break;
    }
    case ExprKind::kCase: {
      const auto& c = e.As<CaseExpr>();
      if (c.subject) FindAggregates(*c.subject, out);
      for (const auto& alt : c.alternatives) {
        FindAggregates(*alt.when, out);
        FindAggregates(*alt.then, out);
      }
      if (c.else_value) FindAggregates(*c.else_value, out);
      break;
    }
    // The list a comprehension iterates may be an aggregate
    // ([x IN collect(n) | ...]); its body runs per element.
    case ExprKind::kListComprehension: FindAggregates(*e.As<ListComprehensionExpr>().list, out); break;
    case ExprKind::kQuantifier: FindAggregates(*e.As<QuantifierExpr>().list, out); break;
    case ExprKind::kReduce:
      FindAggregates(*e.As<ReduceExpr>().init, out);
      FindAggregates(*e.As<ReduceExpr>().list, out);
      break;
    default: break;
  }
}

// Registers, in `pre`, every sub-expression of e that is textually one of
// the grouping keys, so that it reads the key's slot after aggregation.
void MatchGroupingKeys(const Expr& e, const std::map<std::string, int>& keys,
                       std::unordered_map<const Expr*, int>* pre) {
  auto it = keys.find(ToString(e));
  if (it != keys.end()) {
    (*pre)[&e] = it->second;
    return;
  }
  auto visit = [&](const ExprPtr& p) {
    if (p) MatchGroupingKeys(*p, keys, pre);
  };
  switch (e.kind()) {
    case ExprKind::kProperty: visit(e.As<PropertyExpr>().object); break;
    case ExprKind::kBinary: visit(e.As<BinaryExpr>().lhs); visit(e.As<BinaryExpr>().rhs); break;
    case ExprKind::kUnary: visit(e.As<UnaryExpr>().operand); break;
    case ExprKind::kIsNull: visit(e.As<IsNullExpr>().operand); break;
    case ExprKind::kIndex: visit(e.As<IndexExpr>().object); visit(e.As<IndexExpr>().index); break;
    case ExprKind::kFunctionCall:
      if (!IsAggregateName(e.As<FunctionCallExpr>().name))
        for (const auto& a : e.As<FunctionCallExpr>().args) visit(a);
      break;
    case ExprKind::kList: for (const auto& a : e.As<ListExpr>().elements) visit(a); break;
    case ExprKind::kMap: for (const auto& [k, v] : e.As<MapExpr>().entries) visit(v); break;
    case ExprKind::kCase: {
      const auto& c = e.As<CaseExpr>();
      visit(c.subject);
      for (const auto& alt : c.alternatives) { visit(alt.when); visit(alt.then); }
      visit(c.else_value);
      break;
    }
    default: break;
  }
}

// What a projected expression holds when the query text alone says it
// cannot be a node, relationship or path (MATCH on it is a type conflict).
VarKind StaticKind(const Expr& e) {
  switch (e.kind()) {
    case ExprKind::kLiteral:
      return e.As<LiteralExpr>().value.is_null() ? VarKind::kValue : VarKind::kScalar;
    case ExprKind::kList:
    case ExprKind::kMap:
    case ExprKind::kHasLabels:
    case ExprKind::kIsNull:
    case ExprKind::kListComprehension:
    case ExprKind::kQuantifier:
    case ExprKind::kPatternComprehension:
      return VarKind::kScalar;
    case ExprKind::kUnary:
      return VarKind::kScalar;
    case ExprKind::kBinary:
      return VarKind::kScalar;
    default:
      return VarKind::kValue;
  }
}

// True when e calls rand() outside a sub-query.
bool CallsRand(const Expr& e) {
  if (e.kind() == ExprKind::kFunctionCall) {
    const auto& f = e.As<FunctionCallExpr>();
    std::string n = f.name;
    std::transform(n.begin(), n.end(), n.begin(), ::tolower);
    if (n == "rand") return true;
    for (const auto& a : f.args)
      if (CallsRand(*a)) return true;
    return false;
  }
  switch (e.kind()) {
    case ExprKind::kBinary: return CallsRand(*e.As<BinaryExpr>().lhs) || CallsRand(*e.As<BinaryExpr>().rhs);
    case ExprKind::kUnary: return CallsRand(*e.As<UnaryExpr>().operand);
    case ExprKind::kProperty: return CallsRand(*e.As<PropertyExpr>().object);
    case ExprKind::kList:
      for (const auto& x : e.As<ListExpr>().elements)
        if (CallsRand(*x)) return true;
      return false;
    default: return false;
  }
}

AggKind KindOf(const Expr& e) {
  if (e.kind() == ExprKind::kCountStar) return AggKind::kCountStar;
  std::string n = e.As<FunctionCallExpr>().name;
  std::transform(n.begin(), n.end(), n.begin(), ::tolower);
  if (n == "count") return AggKind::kCount;
  if (n == "sum") return AggKind::kSum;
  if (n == "avg") return AggKind::kAvg;
  if (n == "min") return AggKind::kMin;
  if (n == "max") return AggKind::kMax;
  if (n == "collect") return AggKind::kCollect;
  if (n == "stdev") return AggKind::kStDev;
  if (n == "stdevp") return AggKind::kStDevP;
  if (n == "percentilecont") return AggKind::kPercentileCont;
  return AggKind::kPercentileDisc;
}

// One projected column while planning.
struct Column {
  std::string name;
  const Expr* expr = nullptr;  // null for `*` columns
  int source_slot = -1;        // `*` columns: the variable's slot
  VarKind kind = VarKind::kValue;
  int slot = -1;               // output slot
  Position pos;
};

}  // namespace

Status Planner::PlanProjection(const ProjectionBody& body, bool is_return, const Expr* where,
                               std::unique_ptr<Operator>* op, Scope* scope, Plan* plan) {
  std::vector<Column> cols;
  if (body.star) {
    auto vars = scope->UserVariables();
    // WITH * with nothing in scope passes the rows on (TCK Create3 [2]).
    if (vars.empty() && body.items.empty() && is_return)
      return Status::SyntaxError(std::string(is_return ? "RETURN" : "WITH") +
                                   " * is not allowed when there are no variables in scope");
    for (const auto& [name, v] : vars) cols.push_back(Column{name, nullptr, v.slot, v.kind, -1, {}});
  }
  for (const auto& item : body.items) {
    if (!is_return && item.alias.empty() && item.expr->kind() != ExprKind::kVariable)
      return SemanticErrorAt(item.pos, "Expression in WITH must be aliased (use AS)");
    Column c;
    c.name = item.name();
    c.expr = item.expr.get();
    c.pos = item.pos;
    if (item.expr->kind() == ExprKind::kVariable) {
      if (auto v = scope->Find(item.expr->As<VariableExpr>().name)) c.kind = v->kind;
    } else {
      c.kind = StaticKind(*item.expr);
    }
    cols.push_back(std::move(c));
  }
  std::set<std::string> names;
  for (const auto& c : cols)
    if (!names.insert(c.name).second)
      return SemanticErrorAt(c.pos, "Multiple result columns with the same name `" + c.name + "` are not supported");

  bool aggregating = false;
  for (const auto& c : cols) aggregating = aggregating || (c.expr && ContainsAggregate(*c.expr));
  for (const auto& s : body.order_by)
    if (ContainsAggregate(*s.expr) && !aggregating)
      return SemanticErrorAt(s.pos, "Invalid use of aggregating function in ORDER BY: the projection does not aggregate");

  Scope out_scope;
  if (aggregating) {
    std::vector<std::pair<int, CExprPtr>> keys;
    std::vector<AggSpec> aggs;
    std::vector<Column*> mixed;
    auto add_agg = [&](const Expr* call, int slot) -> Status {
      AggSpec spec;
      spec.kind = KindOf(*call);
      spec.slot = slot;
      if (call->kind() == ExprKind::kFunctionCall) {
        const auto& f = call->As<FunctionCallExpr>();
        spec.distinct = f.distinct;
        bool percentile = spec.kind == AggKind::kPercentileCont || spec.kind == AggKind::kPercentileDisc;
        if (f.args.size() != (percentile ? 2u : 1u))
          return SemanticErrorAt(call->pos, "Wrong number of arguments for " + f.name);
        for (const auto& a : f.args) {
          if (ContainsAggregate(*a))
            return SemanticErrorAt(a->pos, "Can't use aggregate functions inside of aggregate functions.");
          if (CallsRand(*a))
            return SemanticErrorAt(a->pos, "Can't use non-deterministic (random) functions inside of aggregate "
                                           "functions (NonConstantExpression)");
        }
        DYAD_ASSIGN_OR_RETURN(spec.arg, Compile(*f.args[0], *scope));
        if (percentile) {
          DYAD_ASSIGN_OR_RETURN(spec.percentile, Compile(*f.args[1], *scope));
        }
      }
      precomputed_[call] = spec.slot;
      aggs.push_back(std::move(spec));
      return Status::OK();
    };
    for (auto& c : cols) {
      c.slot = NewSlot();
      if (!c.expr) {
        auto e = std::make_unique<CExpr>();
        e->kind = CKind::kSlot;
        e->slot = c.source_slot;
        keys.emplace_back(c.slot, std::move(e));
        continue;
      }
      if (!ContainsAggregate(*c.expr)) {
        DYAD_ASSIGN_OR_RETURN(CExprPtr e, Compile(*c.expr, *scope));
        keys.emplace_back(c.slot, std::move(e));
        continue;
      }
      std::vector<const Expr*> calls;
      FindAggregates(*c.expr, &calls);
      for (const Expr* call : calls) DYAD_RETURN_IF_ERROR(add_agg(call, call == c.expr ? c.slot : NewSlot()));
      if (calls.size() != 1 || calls[0] != c.expr) mixed.push_back(&c);
    }
    // An aggregate in ORDER BY reads the projected aggregate it repeats;
    // any other is computed alongside, but it too sees only the projected
    // names (TCK WithOrderBy4 [13], [14]: UndefinedVariable).
    Scope projected_names;
    for (const auto& c : cols) projected_names.Bind(c.name, Variable{c.slot, c.kind});
    for (const auto& s : body.order_by) {
      if (!ContainsAggregate(*s.expr)) continue;
      bool projected = false;
      for (const auto& c : cols) projected = projected || (c.expr && ToString(*c.expr) == ToString(*s.expr));
      if (projected) continue;
      std::vector<const Expr*> calls;
      FindAggregates(*s.expr, &calls);
      for (const Expr* call : calls) {
        const Column* same = nullptr;
        for (const auto& c : cols)
          if (c.expr && ToString(*c.expr) == ToString(*call)) same = &c;
        if (same) {
          precomputed_[call] = same->slot;
          continue;
        }
        if (call->kind() == ExprKind::kFunctionCall) {
          for (const auto& a : call->As<FunctionCallExpr>().args) {
            auto visible = Compile(*a, projected_names);
            if (!visible.ok())
              return SemanticErrorAt(s.pos, "In a WITH/RETURN with DISTINCT or an aggregation, it is not possible to "
                                            "access variables declared before the WITH/RETURN: " +
                                                visible.status().message());
          }
        }
        DYAD_RETURN_IF_ERROR(add_agg(call, NewSlot()));
      }
    }
    std::string text;
    for (const auto& c : cols) text += (text.empty() ? "" : ", ") + c.name;
    if (!TryRelationshipCount(op, keys, aggs, text) && !TryCountPushdown(op, keys, aggs, text))
      *op = std::make_unique<AggregateOp>(std::move(*op), std::move(keys), std::move(aggs), text);
    if (!mixed.empty()) {
      // Expressions around aggregates may use grouping variables.
      Scope group_scope;
      for (const auto& c : cols)
        if (c.expr && c.expr->kind() == ExprKind::kVariable && !ContainsAggregate(*c.expr))
          group_scope.Bind(c.expr->As<VariableExpr>().name, Variable{c.slot, c.kind});
        else if (!c.expr)
          group_scope.Bind(c.name, Variable{c.slot, c.kind});
      std::map<std::string, int> key_text;
      // Only property accesses are reused by their text; a more complex key
      // (me.age + you.age) inside an aggregate expression is ambiguous
      // (TCK AmbiguousAggregationExpression).
      for (const auto& c : cols)
        if (c.expr && !ContainsAggregate(*c.expr) && c.expr->kind() == ExprKind::kProperty)
          key_text[ToString(*c.expr)] = c.slot;
      for (Column* c : mixed) MatchGroupingKeys(*c->expr, key_text, &precomputed_);
      std::vector<std::pair<int, CExprPtr>> items;
      for (Column* c : mixed) {
        auto compiled = Compile(*c->expr, group_scope);
        if (!compiled.ok())
          return SemanticErrorAt(c->pos, "Ambiguous aggregation expression: around an aggregate only grouping keys may be used (" +
                                              compiled.status().message() + ")");
        items.emplace_back(c->slot, std::move(compiled.value()));
      }
      *op = std::make_unique<ProjectOp>(std::move(*op), std::move(items), "aggregate expressions");
    }
  } else {
    std::vector<std::pair<int, CExprPtr>> items;
    for (auto& c : cols) {
      c.slot = NewSlot();
      CExprPtr e;
      if (!c.expr) {
        e = std::make_unique<CExpr>();
        e->kind = CKind::kSlot;
        e->slot = c.source_slot;
      } else {
        DYAD_ASSIGN_OR_RETURN(e, Compile(*c.expr, *scope));
      }
      items.emplace_back(c.slot, std::move(e));
    }
    std::string text;
    for (const auto& c : cols) text += (text.empty() ? "" : ", ") + c.name;
    *op = std::make_unique<ProjectOp>(std::move(*op), std::move(items), text);
  }
  for (const auto& c : cols) out_scope.Bind(c.name, Variable{c.slot, c.kind});

  if (body.distinct) {
    std::vector<int> slots;
    for (const auto& c : cols) slots.push_back(c.slot);
    *op = std::make_unique<DistinctOp>(std::move(*op), std::move(slots));
  }

  if (!body.order_by.empty()) {
    // ORDER BY sees the projected names and, when rows were neither grouped
    // nor de-duplicated, the variables from before the projection too.
    Scope sort_scope = out_scope;
    if (!aggregating && !body.distinct)
      for (const auto& [name, v] : scope->UserVariables())
        if (!sort_scope.Has(name)) sort_scope.Bind(name, v);
    // Parts of a sort key that are projected expressions read their column.
    std::map<std::string, int> projected;
    for (const auto& c : cols)
      if (c.expr && c.expr->kind() != ExprKind::kVariable && !ContainsAggregate(*c.expr) &&
          (!aggregating || c.expr->kind() == ExprKind::kProperty))
        projected[ToString(*c.expr)] = c.slot;
    if (aggregating || body.distinct)
      for (const auto& s : body.order_by) MatchGroupingKeys(*s.expr, projected, &precomputed_);
    std::vector<SortKey> keys;
    std::string text;
    for (const auto& s : body.order_by) {
      SortKey k;
      k.descending = s.descending;
      std::string canon = ToString(*s.expr);
      for (const auto& c : cols)
        if (c.expr && ToString(*c.expr) == canon) {
          k.expr = std::make_unique<CExpr>();
          k.expr->kind = CKind::kSlot;
          k.expr->slot = c.slot;
        }
      if (!k.expr) {
        auto compiled = Compile(*s.expr, sort_scope);
        if (!compiled.ok()) {
          if (body.distinct || aggregating)
            return SemanticErrorAt(s.pos, "In a WITH/RETURN with DISTINCT or an aggregation, it is not possible to "
                                          "access variables declared before the WITH/RETURN: " +
                                              compiled.status().message());
          return compiled.status();
        }
        k.expr = std::move(compiled.value());
      }
      text += (text.empty() ? "" : ", ") + canon + (s.descending ? " DESC" : "");
      keys.push_back(std::move(k));
    }
    *op = std::make_unique<SortOp>(std::move(*op), std::move(keys), text);
  }

  if (body.skip || body.limit) {
    Scope empty;
    CExprPtr skip, limit;
    if (body.skip) {
      auto r = Compile(*body.skip, empty);
      if (!r.ok())
        return Status(Status::Code::kSyntaxError,
                      "It is not allowed to refer to variables in SKIP").WithPosition(body.skip->pos.line, body.skip->pos.column);
      skip = std::move(r.value());
    }
    if (body.limit) {
      auto r = Compile(*body.limit, empty);
      if (!r.ok())
        return Status(Status::Code::kSyntaxError,
                      "It is not allowed to refer to variables in LIMIT").WithPosition(body.limit->pos.line, body.limit->pos.column);
      limit = std::move(r.value());
    }
    auto sl = std::make_unique<SkipLimitOp>(std::move(*op), std::move(skip), std::move(limit));
    sl->set_drain(plan->writes);
    *op = std::move(sl);
  }

  if (where) {
    // Like ORDER BY, WITH's WHERE sees the variables from before the WITH
    // when rows were neither grouped nor de-duplicated; projected
    // expressions (a.x in WITH a.x AS y WHERE a.x > 1) read their column.
    Scope where_scope = out_scope;
    if (!aggregating && !body.distinct)
      for (const auto& [name, v] : scope->UserVariables())
        if (!where_scope.Has(name)) where_scope.Bind(name, v);
    std::map<std::string, int> projected;
    for (const auto& c : cols)
      if (c.expr && c.expr->kind() != ExprKind::kVariable) projected[ToString(*c.expr)] = c.slot;
    MatchGroupingKeys(*where, projected, &precomputed_);
    DYAD_ASSIGN_OR_RETURN(CExprPtr pred, Compile(*where, where_scope));
    *op = std::make_unique<FilterOp>(std::move(*op), std::move(pred), "WHERE");
  }
  *scope = out_scope;
  if (is_return) {
    for (const auto& c : cols) {
      plan->columns.push_back(c.name);
      plan->column_slots.push_back(c.slot);
    }
  }
  return Status::OK();
}

}  // namespace dyad::query
