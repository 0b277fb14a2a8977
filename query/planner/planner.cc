// Planning of queries and clauses (MATCH patterns: plan_match.cc;
// projections: plan_projection.cc; writes: plan_write.cc).
#include "query/planner/planner.h"

#include <algorithm>

#include "query/exec/call_op.h"
#include "query/exec/relational_ops.h"

namespace dyad::query {

using namespace ast;

Result<Plan> Planner::PlanQuery(const Query& query) {
  if (query.parts.size() == 1) return PlanSingle(query.parts[0], true);
  std::vector<std::unique_ptr<Operator>> parts;
  std::vector<std::vector<int>> slots;
  Plan out;
  bool all = query.union_all.empty() || query.union_all[0];
  for (size_t i = 0; i < query.parts.size(); ++i) {
    if (i > 0 && query.union_all[i - 1] != all)
      return SemanticErrorAt(query.parts[i].pos, "Invalid combination of UNION and UNION ALL");
    DYAD_ASSIGN_OR_RETURN(Plan p, PlanSingle(query.parts[i], true));
    if (i == 0) {
      out.columns = p.columns;
    } else if (p.columns != out.columns) {
      return SemanticErrorAt(query.parts[i].pos, "All sub queries in an UNION must have the same return column names");
    }
    out.writes = out.writes || p.writes;
    parts.push_back(std::move(p.root));
    slots.push_back(p.column_slots);
  }
  out.column_slots = slots[0];
  out.root = std::make_unique<UnionOp>(std::move(parts), std::move(slots), !all);
  return out;
}

Result<Plan> Planner::PlanSingle(const SingleQuery& q, bool) {
  Plan plan;
  Scope scope;
  auto start = std::make_unique<ArgumentOp>();
  std::unique_ptr<Operator> op = std::move(start);
  for (size_t i = 0; i < q.clauses.size(); ++i) {
    bool last = i + 1 == q.clauses.size();
    const Clause& c = *q.clauses[i];
    if (c.kind() == ClauseKind::kReturn && !last)
      return SemanticErrorAt(q.clauses[i + 1]->pos, "RETURN can only be used at the end of the query");
    next_clause_ = last ? nullptr : q.clauses[i + 1].get();
    DYAD_RETURN_IF_ERROR(PlanClause(c, last, &op, &scope, &plan));
  }
  next_clause_ = nullptr;
  const Clause& last = *q.clauses.back();
  bool ends_ok = last.kind() == ClauseKind::kReturn || last.kind() == ClauseKind::kCall ||
                 last.kind() == ClauseKind::kCreate || last.kind() == ClauseKind::kMerge ||
                 last.kind() == ClauseKind::kSet || last.kind() == ClauseKind::kRemove ||
                 last.kind() == ClauseKind::kDelete;
  if (!ends_ok)
    return SemanticErrorAt(last.pos, "Query cannot conclude with " +
                                         std::string(last.kind() == ClauseKind::kWith ? "WITH" :
                                                     last.kind() == ClauseKind::kUnwind ? "UNWIND" : "MATCH") +
                                         " (must be a RETURN clause, an update clause or a procedure call)");
  plan.root = std::move(op);
  return plan;
}

Status Planner::PlanClause(const Clause& c, bool is_last, std::unique_ptr<Operator>* op, Scope* scope, Plan* plan) {
  switch (c.kind()) {
    case ClauseKind::kMatch: {
      const auto& m = c.As<MatchClause>();
      bool first_clause = !plan->writes && scope->UserVariables().empty() && dynamic_cast<ArgumentOp*>(op->get());
      // A MATCH after a write clause reads all of its writes, not a row's.
      if (plan->writes) *op = std::make_unique<EagerOp>(std::move(*op));
      std::vector<const PatternPart*> parts;
      for (const auto& p : m.pattern) parts.push_back(&p);
      distinct_ends_next_ = OnlyDistinctEndsMatter(m, next_clause_);
      if (!m.optional) {
        DYAD_RETURN_IF_ERROR(PlanPattern(parts, m.where.get(), op, scope));
        NoteWholeGraphRels(m, first_clause, op->get(), *scope);
        return Status::OK();
      }
      Scope inner;
      DYAD_ASSIGN_OR_RETURN(SubPlan sub, PatternSubPlan(parts, m.where.get(), *scope, &inner));
      std::vector<int> null_slots;
      for (const auto& [name, v] : inner.UserVariables())
        if (!scope->Has(name)) null_slots.push_back(v.slot);
      *op = std::make_unique<OptionalOp>(std::move(*op), std::move(sub), std::move(null_slots));
      *scope = inner;
      return Status::OK();
    }
    case ClauseKind::kUnwind: {
      const auto& u = c.As<UnwindClause>();
      DYAD_ASSIGN_OR_RETURN(CExprPtr list, Compile(*u.list, *scope));
      if (scope->Has(u.variable)) return SemanticErrorAt(c.pos, "Variable `" + u.variable + "` already declared");
      int slot = NewSlot();
      *op = std::make_unique<UnwindOp>(std::move(*op), std::move(list), slot, u.variable);
      scope->Bind(u.variable, Variable{slot, VarKind::kValue});
      return Status::OK();
    }
    case ClauseKind::kWith: {
      const auto& w = c.As<WithClause>();
      return PlanProjection(w.body, false, w.where.get(), op, scope, plan);
    }
    case ClauseKind::kReturn:
      return PlanProjection(c.As<ReturnClause>().body, true, nullptr, op, scope, plan);
    case ClauseKind::kCreate: {
      std::vector<const PatternPart*> parts;
      for (const auto& p : c.As<CreateClause>().pattern) parts.push_back(&p);
      std::vector<CreatePartSpec> specs;
      DYAD_RETURN_IF_ERROR(PlanCreate(parts, scope, &specs));
      *op = std::make_unique<CreateOp>(std::make_unique<EagerOp>(std::move(*op)), std::move(specs));
      plan->writes = true;
      return Status::OK();
    }
    case ClauseKind::kMerge: {
      const auto& m = c.As<MergeClause>();
      std::vector<const PatternPart*> parts{&m.pattern};
      for (const auto& r : m.pattern.rels) {
        if (r.length) return SemanticErrorAt(r.pos, "Variable length relationships cannot be used in MERGE");
        if (r.types.size() != 1)
          return SemanticErrorAt(r.pos, "A single relationship type must be specified for MERGE");
      }
      auto null_property = [](const ExprPtr& props, const char* what) -> Status {
        if (props && props->kind() == ExprKind::kMap)
          for (const auto& [k, v] : props->As<MapExpr>().entries)
            if (v->kind() == ExprKind::kLiteral && v->As<LiteralExpr>().value.is_null())
              return Status(Status::Code::kSemanticError,
                            std::string("Cannot merge ") + what + " using null property value for " + k)
                  .WithPosition(v->pos.line, v->pos.column);
        return Status::OK();
      };
      for (const auto& n : m.pattern.nodes) DYAD_RETURN_IF_ERROR(null_property(n.properties, "node"));
      for (const auto& r : m.pattern.rels) DYAD_RETURN_IF_ERROR(null_property(r.properties, "relationship"));
      // A bound node can be neither merged alone nor given new labels or
      // properties (VariableAlreadyBound).
      for (const auto& n : m.pattern.nodes) {
        if (n.variable.empty() || !scope->Has(n.variable)) continue;
        if (m.pattern.rels.empty() || !n.labels.empty() || n.properties)
          return SemanticErrorAt(n.pos, "Variable `" + n.variable + "` already declared");
      }
      Scope inner;
      DYAD_ASSIGN_OR_RETURN(SubPlan match, PatternSubPlan(parts, nullptr, *scope, &inner));
      // The create side binds the same slots the match side does.
      Scope create_scope = *scope;
      std::vector<CreatePartSpec> create;
      DYAD_RETURN_IF_ERROR(PlanCreateInto(parts, &create_scope, inner, &create));
      std::vector<SetSpec> on_match, on_create;
      for (const auto& a : m.actions)
        DYAD_RETURN_IF_ERROR(PlanSetItems(a.items, inner, a.on_create ? &on_create : &on_match));
      *op = std::make_unique<MergeOp>(std::make_unique<EagerOp>(std::move(*op)), std::move(match), std::move(create),
                                      std::move(on_match), std::move(on_create));
      *scope = inner;
      plan->writes = true;
      return Status::OK();
    }
    case ClauseKind::kSet: {
      std::vector<SetSpec> sets;
      DYAD_RETURN_IF_ERROR(PlanSetItems(c.As<SetClause>().items, *scope, &sets));
      *op = std::make_unique<SetOp>(std::make_unique<EagerOp>(std::move(*op)), std::move(sets));
      plan->writes = true;
      return Status::OK();
    }
    case ClauseKind::kRemove: {
      std::vector<RemoveSpec> items;
      for (const auto& item : c.As<RemoveClause>().items) {
        RemoveSpec r;
        if (item.kind == RemoveItem::Kind::kProperty) {
          const auto& p = item.property->As<PropertyExpr>();
          DYAD_ASSIGN_OR_RETURN(r.target, Compile(*p.object, *scope));
          r.key = p.key;
        } else {
          auto v = scope->Find(item.variable);
          if (!v) return SemanticErrorAt(item.pos, "Variable `" + item.variable + "` not defined");
          r.target = std::make_unique<CExpr>();
          r.target->kind = CKind::kSlot;
          r.target->slot = v->slot;
          r.target->pos = item.pos;
          r.labels = item.labels;
        }
        items.push_back(std::move(r));
      }
      *op = std::make_unique<RemoveOp>(std::make_unique<EagerOp>(std::move(*op)), std::move(items));
      plan->writes = true;
      return Status::OK();
    }
    case ClauseKind::kDelete: {
      const auto& d = c.As<DeleteClause>();
      std::vector<CExprPtr> targets;
      for (const auto& t : d.targets) {
        if (t->kind() != ExprKind::kVariable && t->kind() != ExprKind::kProperty && t->kind() != ExprKind::kIndex &&
            t->kind() != ExprKind::kFunctionCall)
          return SemanticErrorAt(t->pos, "Type mismatch: expected Node, Path or Relationship in DELETE");
        DYAD_ASSIGN_OR_RETURN(CExprPtr e, Compile(*t, *scope));
        targets.push_back(std::move(e));
      }
      *op = std::make_unique<DeleteOp>(std::make_unique<EagerOp>(std::move(*op)), std::move(targets), d.detach);
      plan->writes = true;
      return Status::OK();
    }
    case ClauseKind::kCall:
      return PlanCall(c.As<CallClause>(), is_last && plan->columns.empty(), op, scope, plan);
  }
  return Status::Internal("unknown clause");
}

Status Planner::PlanCall(const CallClause& call, bool standalone, std::unique_ptr<Operator>* op, Scope* scope,
                         Plan* plan) {
  const ProcedureDef* proc = LookupProcedure(call.procedure);
  if (!proc) return Status(Status::Code::kProcedureError, "There is no procedure with the name `" + call.procedure + "` registered")
                  .WithPosition(call.pos.line, call.pos.column);
  std::vector<CExprPtr> args;
  if (call.has_arguments) {
    size_t required = proc->inputs.size() - std::min(proc->optional_inputs, proc->inputs.size());
    if (call.args.size() > proc->inputs.size() || call.args.size() < required)
      return SemanticErrorAt(call.pos, "Procedure " + proc->name + " takes " +
                                           (required < proc->inputs.size() ? std::to_string(required) + " to " : "") +
                                           std::to_string(proc->inputs.size()) + " argument(s), got " +
                                           std::to_string(call.args.size()));
    for (const auto& a : call.args) {
      DYAD_ASSIGN_OR_RETURN(CExprPtr e, Compile(*a, *scope));
      args.push_back(std::move(e));
    }
    while (args.size() < proc->inputs.size()) args.push_back(std::make_unique<CExpr>());  // omitted: null
  } else {
    for (const auto& in : proc->inputs) {
      auto e = std::make_unique<CExpr>();
      e->kind = CKind::kParam;
      e->name = in;
      e->pos = call.pos;
      args.push_back(std::move(e));
    }
  }
  std::vector<int> slots(proc->outputs.size(), -1);
  std::vector<std::pair<std::string, int>> bound;
  if (!call.has_yield || call.yield_star) {
    if (!standalone && !call.yield_star && !proc->outputs.empty())
      return SemanticErrorAt(call.pos, "Procedure call inside a query must use YIELD");
    for (size_t i = 0; i < proc->outputs.size(); ++i) {
      slots[i] = NewSlot();
      bound.emplace_back(proc->outputs[i], slots[i]);
    }
  } else {
    for (const auto& y : call.yields) {
      auto it = std::find(proc->outputs.begin(), proc->outputs.end(), y.field);
      if (it == proc->outputs.end())
        return SemanticErrorAt(y.pos, "Unknown procedure output: `" + y.field + "`");
      if (scope->Has(y.name())) return SemanticErrorAt(y.pos, "Variable `" + y.name() + "` already declared");
      size_t i = static_cast<size_t>(it - proc->outputs.begin());
      slots[i] = NewSlot();
      bound.emplace_back(y.name(), slots[i]);
    }
  }
  *op = std::make_unique<ProcedureCallOp>(std::move(*op), proc, std::move(args), slots);
  for (const auto& [name, slot] : bound) scope->Bind(name, Variable{slot, VarKind::kValue});
  if (call.where) {
    DYAD_ASSIGN_OR_RETURN(CExprPtr pred, Compile(*call.where, *scope));
    *op = std::make_unique<FilterOp>(std::move(*op), std::move(pred), "WHERE");
  }
  if (standalone) {
    for (const auto& [name, slot] : bound) {
      plan->columns.push_back(name);
      plan->column_slots.push_back(slot);
    }
  }
  return Status::OK();
}

}  // namespace dyad::query
