// Compiles AST expressions into CExpr trees bound to row slots.
#include <algorithm>
#include <cctype>

#include "query/exec/operator.h"
#include "query/planner/planner.h"
#include "query/planner/static_types.h"

namespace dyad::query {

using namespace ast;

Status SemanticErrorAt(Position pos, const std::string& message) {
  return Status::SyntaxError(message).WithPosition(pos.line, pos.column);
}

namespace {

std::string Lower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return std::tolower(c); });
  return s;
}

// Calls f on each direct child expression of e (not into sub-queries).
template <typename F>
void ForEachChild(const Expr& e, F f) {
  auto visit = [&](const ExprPtr& p) {
    if (p) f(*p);
  };
  switch (e.kind()) {
    case ExprKind::kProperty: visit(e.As<PropertyExpr>().object); break;
    case ExprKind::kIndex: visit(e.As<IndexExpr>().object); visit(e.As<IndexExpr>().index); break;
    case ExprKind::kSlice: visit(e.As<SliceExpr>().object); visit(e.As<SliceExpr>().from); visit(e.As<SliceExpr>().to); break;
    case ExprKind::kHasLabels: visit(e.As<HasLabelsExpr>().object); break;
    case ExprKind::kUnary: visit(e.As<UnaryExpr>().operand); break;
    case ExprKind::kBinary: visit(e.As<BinaryExpr>().lhs); visit(e.As<BinaryExpr>().rhs); break;
    case ExprKind::kIsNull: visit(e.As<IsNullExpr>().operand); break;
    case ExprKind::kFunctionCall: for (auto& a : e.As<FunctionCallExpr>().args) visit(a); break;
    case ExprKind::kCase: {
      auto& c = e.As<CaseExpr>();
      visit(c.subject);
      for (auto& alt : c.alternatives) { visit(alt.when); visit(alt.then); }
      visit(c.else_value);
      break;
    }
    case ExprKind::kList: for (auto& x : e.As<ListExpr>().elements) visit(x); break;
    case ExprKind::kMap: for (auto& [k, v] : e.As<MapExpr>().entries) visit(v); break;
    case ExprKind::kMapProjection: for (auto& it : e.As<MapProjectionExpr>().items) visit(it.value); break;
    case ExprKind::kListComprehension: {
      auto& l = e.As<ListComprehensionExpr>();
      visit(l.list); visit(l.predicate); visit(l.projection);
      break;
    }
    case ExprKind::kQuantifier: visit(e.As<QuantifierExpr>().list); visit(e.As<QuantifierExpr>().predicate); break;
    case ExprKind::kReduce: {
      auto& r = e.As<ReduceExpr>();
      visit(r.init); visit(r.list); visit(r.expression);
      break;
    }
    default: break;
  }
}

CExprPtr Node(CKind kind, Position pos) {
  auto e = std::make_unique<CExpr>();
  e->kind = kind;
  e->pos = pos;
  return e;
}

}  // namespace

bool IsAggregateName(const std::string& name) {
  static const char* kNames[] = {"count", "sum", "avg", "min", "max", "collect", "stdev", "stdevp",
                                 "percentilecont", "percentiledisc"};
  std::string l = Lower(name);
  for (const char* n : kNames)
    if (l == n) return true;
  return false;
}

bool ContainsAggregate(const Expr& e) {
  if (e.kind() == ExprKind::kCountStar) return true;
  if (e.kind() == ExprKind::kFunctionCall && IsAggregateName(e.As<FunctionCallExpr>().name)) return true;
  bool found = false;
  ForEachChild(e, [&](const Expr& c) { found = found || ContainsAggregate(c); });
  return found;
}

bool AggregatesIgnoreDuplicates(const Expr& e) {
  if (e.kind() == ExprKind::kCountStar) return false;
  if (e.kind() == ExprKind::kFunctionCall && IsAggregateName(e.As<FunctionCallExpr>().name)) {
    const auto& f = e.As<FunctionCallExpr>();
    std::string n = Lower(f.name);
    return f.distinct || n == "min" || n == "max";
  }
  bool ok = true;
  ForEachChild(e, [&](const Expr& c) { ok = ok && AggregatesIgnoreDuplicates(c); });
  return ok;
}

Result<CExprPtr> Planner::Compile(const Expr& e, const Scope& scope) {
  auto pre = precomputed_.find(&e);
  if (pre != precomputed_.end()) {
    auto out = Node(CKind::kSlot, e.pos);
    out->slot = pre->second;
    return out;
  }
  DYAD_RETURN_IF_ERROR(CheckOperandTypes(e, scope));
  auto compile_kids = [&](CExpr* out, std::initializer_list<const ExprPtr*> kids) -> Status {
    for (const ExprPtr* k : kids) {
      if (!*k) {
        out->kids.push_back(nullptr);
        continue;
      }
      DYAD_ASSIGN_OR_RETURN(CExprPtr c, Compile(**k, scope));
      out->kids.push_back(std::move(c));
    }
    return Status::OK();
  };
  switch (e.kind()) {
    case ExprKind::kLiteral: {
      auto out = Node(CKind::kConst, e.pos);
      out->constant = e.As<LiteralExpr>().value;
      return out;
    }
    case ExprKind::kParameter: {
      auto out = Node(CKind::kParam, e.pos);
      out->name = e.As<ParameterExpr>().name;
      return out;
    }
    case ExprKind::kVariable: {
      const std::string& name = e.As<VariableExpr>().name;
      auto v = scope.Find(name);
      if (!v) return SemanticErrorAt(e.pos, "Variable `" + name + "` not defined");
      auto out = Node(CKind::kSlot, e.pos);
      out->slot = v->slot;
      return out;
    }
    case ExprKind::kProperty: {
      auto out = Node(CKind::kProperty, e.pos);
      out->name = e.As<PropertyExpr>().key;
      DYAD_RETURN_IF_ERROR(compile_kids(out.get(), {&e.As<PropertyExpr>().object}));
      return out;
    }
    case ExprKind::kIndex: {
      auto out = Node(CKind::kIndex, e.pos);
      DYAD_RETURN_IF_ERROR(compile_kids(out.get(), {&e.As<IndexExpr>().object, &e.As<IndexExpr>().index}));
      return out;
    }
    case ExprKind::kSlice: {
      auto& s = e.As<SliceExpr>();
      auto out = Node(CKind::kSlice, e.pos);
      DYAD_RETURN_IF_ERROR(compile_kids(out.get(), {&s.object, &s.from, &s.to}));
      return out;
    }
    case ExprKind::kHasLabels: {
      auto out = Node(CKind::kHasLabels, e.pos);
      out->names = e.As<HasLabelsExpr>().labels;
      DYAD_RETURN_IF_ERROR(compile_kids(out.get(), {&e.As<HasLabelsExpr>().object}));
      return out;
    }
    case ExprKind::kUnary: {
      auto& u = e.As<UnaryExpr>();
      if (u.op == UnaryOp::kPlus) return Compile(*u.operand, scope);
      auto out = Node(u.op == UnaryOp::kNot ? CKind::kNot : CKind::kNegate, e.pos);
      DYAD_RETURN_IF_ERROR(compile_kids(out.get(), {&u.operand}));
      return out;
    }
    case ExprKind::kBinary: {
      auto& b = e.As<BinaryExpr>();
      CKind kind = b.op == BinaryOp::kAnd ? CKind::kAnd
                   : b.op == BinaryOp::kOr ? CKind::kOr
                   : b.op == BinaryOp::kXor ? CKind::kXor
                                            : CKind::kBinary;
      auto out = Node(kind, e.pos);
      out->op = b.op;
      DYAD_RETURN_IF_ERROR(compile_kids(out.get(), {&b.lhs, &b.rhs}));
      return out;
    }
    case ExprKind::kIsNull: {
      auto& n = e.As<IsNullExpr>();
      auto out = Node(n.negated ? CKind::kIsNotNull : CKind::kIsNull, e.pos);
      DYAD_RETURN_IF_ERROR(compile_kids(out.get(), {&n.operand}));
      return out;
    }
    case ExprKind::kCountStar:
      return SemanticErrorAt(e.pos, "Invalid use of aggregating function count(*) in this context");
    case ExprKind::kFunctionCall: {
      auto& f = e.As<FunctionCallExpr>();
      std::string lower = Lower(f.name);
      if (IsAggregateName(f.name))
        return SemanticErrorAt(e.pos, "Invalid use of aggregating function " + f.name + "(...) in this context");
      if (lower == "exists" && f.args.size() == 1) {
        const Expr& arg = *f.args[0];
        if (arg.kind() == ExprKind::kPattern) return Compile(arg, scope);
        if (arg.kind() != ExprKind::kProperty)
          return SemanticErrorAt(arg.pos, "Argument to exists(...) is not a property or pattern");
        auto out = Node(CKind::kPropertyExists, e.pos);
        DYAD_RETURN_IF_ERROR(compile_kids(out.get(), {&f.args[0]}));
        return out;
      }
      const FunctionDef* def = LookupFunction(f.name);
      if (!def) return SemanticErrorAt(e.pos, "Unknown function '" + f.name + "'");
      int n = static_cast<int>(f.args.size());
      if (n < def->min_args || (def->max_args >= 0 && n > def->max_args))
        return SemanticErrorAt(e.pos, "Wrong number of arguments for function '" + f.name + "': got " +
                                          std::to_string(n));
      auto out = Node(CKind::kFunction, e.pos);
      out->fn = def;
      out->name = def->name;
      for (const auto& a : f.args) DYAD_RETURN_IF_ERROR(compile_kids(out.get(), {&a}));
      return out;
    }
    case ExprKind::kCase: {
      auto& c = e.As<CaseExpr>();
      auto out = Node(CKind::kCase, e.pos);
      out->has_subject = c.subject != nullptr;
      out->has_else = c.else_value != nullptr;
      if (c.subject) DYAD_RETURN_IF_ERROR(compile_kids(out.get(), {&c.subject}));
      for (const auto& alt : c.alternatives) DYAD_RETURN_IF_ERROR(compile_kids(out.get(), {&alt.when, &alt.then}));
      if (c.else_value) DYAD_RETURN_IF_ERROR(compile_kids(out.get(), {&c.else_value}));
      return out;
    }
    case ExprKind::kList: {
      auto out = Node(CKind::kList, e.pos);
      for (const auto& x : e.As<ListExpr>().elements) DYAD_RETURN_IF_ERROR(compile_kids(out.get(), {&x}));
      return out;
    }
    case ExprKind::kMap: {
      auto out = Node(CKind::kMap, e.pos);
      for (const auto& [k, v] : e.As<MapExpr>().entries) {
        out->names.push_back(k);
        DYAD_RETURN_IF_ERROR(compile_kids(out.get(), {&v}));
      }
      return out;
    }
    case ExprKind::kMapProjection: {
      auto& m = e.As<MapProjectionExpr>();
      auto v = scope.Find(m.variable);
      if (!v) return SemanticErrorAt(e.pos, "Variable `" + m.variable + "` not defined");
      auto out = Node(CKind::kMapProjection, e.pos);
      auto subject = Node(CKind::kSlot, e.pos);
      subject->slot = v->slot;
      out->kids.push_back(std::move(subject));
      for (const auto& item : m.items) {
        out->item_kinds.push_back(static_cast<int>(item.kind));
        out->names.push_back(item.key);
        if (item.kind == MapProjectionItem::Kind::kEntry) {
          DYAD_RETURN_IF_ERROR(compile_kids(out.get(), {&item.value}));
        } else if (item.kind == MapProjectionItem::Kind::kVariable) {
          auto var = scope.Find(item.key);
          if (!var) return SemanticErrorAt(item.pos, "Variable `" + item.key + "` not defined");
          auto s = Node(CKind::kSlot, item.pos);
          s->slot = var->slot;
          out->kids.push_back(std::move(s));
          out->item_kinds.back() = static_cast<int>(MapProjectionItem::Kind::kEntry);
        } else {
          out->kids.push_back(nullptr);
        }
      }
      return out;
    }
    case ExprKind::kListComprehension:
    case ExprKind::kQuantifier: {
      bool comp = e.kind() == ExprKind::kListComprehension;
      const std::string& var = comp ? e.As<ListComprehensionExpr>().variable : e.As<QuantifierExpr>().variable;
      const ExprPtr& list = comp ? e.As<ListComprehensionExpr>().list : e.As<QuantifierExpr>().list;
      const ExprPtr& pred = comp ? e.As<ListComprehensionExpr>().predicate : e.As<QuantifierExpr>().predicate;
      auto out = Node(comp ? CKind::kListComprehension : CKind::kQuantifier, e.pos);
      if (!comp) out->quantifier = e.As<QuantifierExpr>().quantifier;
      DYAD_ASSIGN_OR_RETURN(CExprPtr l, Compile(*list, scope));
      out->kids.push_back(std::move(l));
      Scope inner = scope;
      out->slot = NewSlot();
      inner.Bind(var, Variable{out->slot, VarKind::kValue, ElementTypeOf(*list, scope)});
      for (const ExprPtr* k : {&pred, comp ? &e.As<ListComprehensionExpr>().projection : &pred}) {
        if (!*k || (!comp && k != &pred)) {
          out->kids.push_back(nullptr);
          continue;
        }
        DYAD_ASSIGN_OR_RETURN(CExprPtr c, Compile(**k, inner));
        out->kids.push_back(std::move(c));
      }
      return out;
    }
    case ExprKind::kReduce: {
      auto& r = e.As<ReduceExpr>();
      auto out = Node(CKind::kReduce, e.pos);
      DYAD_RETURN_IF_ERROR(compile_kids(out.get(), {&r.init, &r.list}));
      Scope inner = scope;
      out->slot = NewSlot();
      out->slot2 = NewSlot();
      inner.Bind(r.variable, Variable{out->slot, VarKind::kValue});
      inner.Bind(r.accumulator, Variable{out->slot2, VarKind::kValue});
      DYAD_ASSIGN_OR_RETURN(CExprPtr body, Compile(*r.expression, inner));
      out->kids.push_back(std::move(body));
      return out;
    }
    case ExprKind::kPattern: {
      // A pattern predicate tests variables bound outside; it may not
      // introduce new ones (UndefinedVariable).
      const PatternPart& part = e.As<PatternExpr>().pattern;
      for (const auto& n : part.nodes)
        if (!n.variable.empty() && !scope.Has(n.variable))
          return SemanticErrorAt(n.pos, "Variable `" + n.variable + "` not defined (a pattern predicate may not introduce variables)");
      for (const auto& r : part.rels)
        if (!r.variable.empty() && !scope.Has(r.variable))
          return SemanticErrorAt(r.pos, "Variable `" + r.variable + "` not defined (a pattern predicate may not introduce variables)");
      Scope inner;
      auto out = Node(CKind::kExists, e.pos);
      DYAD_ASSIGN_OR_RETURN(SubPlan sub, PatternSubPlan({&e.As<PatternExpr>().pattern}, nullptr, scope, &inner));
      out->sub = std::make_unique<SubPlan>(std::move(sub));
      return out;
    }
    case ExprKind::kPatternComprehension: {
      auto& pc = e.As<PatternComprehensionExpr>();
      Scope inner;
      auto out = Node(CKind::kPatternComprehension, e.pos);
      DYAD_ASSIGN_OR_RETURN(SubPlan sub, PatternSubPlan({&pc.pattern}, pc.predicate.get(), scope, &inner));
      DYAD_ASSIGN_OR_RETURN(CExprPtr proj, Compile(*pc.projection, inner));
      out->kids.push_back(std::move(proj));
      out->sub = std::make_unique<SubPlan>(std::move(sub));
      return out;
    }
    case ExprKind::kSubquery: {
      auto& sq = e.As<SubqueryExpr>();
      if (sq.query) {
        // A full query: planned clause by clause on top of the outer row.
        if (sq.query->parts.size() != 1)
          return SemanticErrorAt(e.pos, "UNION inside EXISTS/COUNT subqueries is not supported yet");
        SubPlan sub;
        auto arg = std::make_unique<ArgumentOp>();
        sub.argument = arg.get();
        std::unique_ptr<Operator> op = std::move(arg);
        Scope inner = scope;
        Plan plan;
        auto* saved_before = pattern_before_;
        auto* saved_bound = pattern_bound_;
        const auto& clauses = sq.query->parts[0].clauses;
        Status st;
        for (size_t i = 0; i < clauses.size() && st.ok(); ++i) {
          if (clauses[i]->kind() != ClauseKind::kMatch && clauses[i]->kind() != ClauseKind::kWith &&
              clauses[i]->kind() != ClauseKind::kReturn && clauses[i]->kind() != ClauseKind::kUnwind)
            st = SemanticErrorAt(clauses[i]->pos, "EXISTS/COUNT subqueries may only read (MATCH, WITH, UNWIND, RETURN)");
          else
            st = PlanClause(*clauses[i], false, &op, &inner, &plan);
        }
        pattern_before_ = saved_before;
        pattern_bound_ = saved_bound;
        DYAD_RETURN_IF_ERROR(st);
        sub.root = std::move(op);
        auto out = Node(sq.subquery_kind == SubqueryExpr::Kind::kExists ? CKind::kExists : CKind::kCount, e.pos);
        out->sub = std::make_unique<SubPlan>(std::move(sub));
        return out;
      }
      std::vector<const PatternPart*> parts;
      for (const auto& p : sq.pattern) parts.push_back(&p);
      Scope inner;
      auto out = Node(sq.subquery_kind == SubqueryExpr::Kind::kExists ? CKind::kExists : CKind::kCount, e.pos);
      DYAD_ASSIGN_OR_RETURN(SubPlan sub, PatternSubPlan(parts, sq.where.get(), scope, &inner));
      out->sub = std::make_unique<SubPlan>(std::move(sub));
      return out;
    }
    default:
      break;
  }
  return SemanticErrorAt(e.pos, "this kind of expression is not supported yet");
}

}  // namespace dyad::query
