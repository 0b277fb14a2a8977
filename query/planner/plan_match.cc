// Planning of MATCH patterns: start node choice (index seek, label scan,
// bound variable), expansion order, node/relationship filters, paths.
#include <algorithm>
#include <limits>
#include <map>
#include <set>

#include "query/exec/expand_ops.h"
#include "query/exec/path_op.h"
#include "query/exec/reach_ops.h"
#include "query/exec/shortest_path_op.h"
#include "query/exec/relational_ops.h"
#include "query/planner/planner.h"
#include "query/planner/static_types.h"
#include "storage/transaction.h"

namespace dyad::query {

using namespace ast;

namespace {

// Collects the variable names an expression reads (not looking inside
// comprehension scopes precisely: conservative).
void FreeVariables(const Expr& e, std::set<std::string>* out) {
  if (e.kind() == ExprKind::kVariable) {
    out->insert(e.As<VariableExpr>().name);
    return;
  }
  switch (e.kind()) {
    case ExprKind::kProperty: FreeVariables(*e.As<PropertyExpr>().object, out); break;
    case ExprKind::kBinary:
      FreeVariables(*e.As<BinaryExpr>().lhs, out);
      FreeVariables(*e.As<BinaryExpr>().rhs, out);
      break;
    case ExprKind::kUnary: FreeVariables(*e.As<UnaryExpr>().operand, out); break;
    case ExprKind::kList:
      for (auto& x : e.As<ListExpr>().elements) FreeVariables(*x, out);
      break;
    case ExprKind::kFunctionCall:
      for (auto& x : e.As<FunctionCallExpr>().args) FreeVariables(*x, out);
      break;
    case ExprKind::kLiteral:
    case ExprKind::kParameter: break;
    default: out->insert(" complex"); break;  // treat as dependent
  }
}

// Splits a WHERE predicate into its AND-ed conjuncts.
void Conjuncts(const Expr* e, std::vector<const Expr*>* out) {
  if (!e) return;
  if (e->kind() == ExprKind::kBinary && e->As<BinaryExpr>().op == BinaryOp::kAnd) {
    Conjuncts(e->As<BinaryExpr>().lhs.get(), out);
    Conjuncts(e->As<BinaryExpr>().rhs.get(), out);
    return;
  }
  out->push_back(e);
}

// A way to find the start node through an index.
struct IndexChoice {
  std::string label;  // "" = global index
  std::string key;
  const Expr* value = nullptr;
  bool is_list = false;  // n.key IN list
  const Expr* lo = nullptr;
  bool lo_inclusive = false;
  const Expr* hi = nullptr;
  bool hi_inclusive = false;
  int score = 0;  // higher is better
};

CExprPtr SlotExpr(int slot, Position pos) {
  auto e = std::make_unique<CExpr>();
  e->kind = CKind::kSlot;
  e->slot = slot;
  e->pos = pos;
  return e;
}

// `subject.key = value` as a compiled predicate.
CExprPtr PropertyEquals(CExprPtr subject, const std::string& key, CExprPtr value, Position pos) {
  auto prop = std::make_unique<CExpr>();
  prop->kind = CKind::kProperty;
  prop->name = key;
  prop->pos = pos;
  prop->kids.push_back(std::move(subject));
  auto eq = std::make_unique<CExpr>();
  eq->kind = CKind::kBinary;
  eq->op = BinaryOp::kEq;
  eq->pos = pos;
  eq->kids.push_back(std::move(prop));
  eq->kids.push_back(std::move(value));
  return eq;
}

CExprPtr And(CExprPtr a, CExprPtr b) {
  if (!a) return b;
  auto e = std::make_unique<CExpr>();
  e->kind = CKind::kAnd;
  e->pos = a->pos;
  e->kids.push_back(std::move(a));
  e->kids.push_back(std::move(b));
  return e;
}

storage::Direction StepDirection(RelDirection d, bool forward) {
  if (d == RelDirection::kBoth) return storage::Direction::kBoth;
  bool out = (d == RelDirection::kOutgoing) == forward;
  return out ? storage::Direction::kOut : storage::Direction::kIn;
}

std::string RelText(const RelPattern& r, const std::string& from, const std::string& to, bool forward) {
  std::string types;
  for (size_t i = 0; i < r.types.size(); ++i) types += (i ? "|" : ":") + r.types[i];
  RelDirection d = r.direction;
  if (!forward && d != RelDirection::kBoth) d = d == RelDirection::kOutgoing ? RelDirection::kIncoming : RelDirection::kOutgoing;
  std::string var = r.variable;
  return "(" + from + ")" + (d == RelDirection::kIncoming ? "<-[" : "-[") + var + types + "]" +
         (d == RelDirection::kOutgoing ? "->" : "-") + "(" + to + ")";
}

}  // namespace

Status Planner::BindPatternVariables(const std::vector<const PatternPart*>& parts, Scope* scope, bool for_create) {
  std::set<std::string> rels_here;  // relationship variables of this pattern: each may occur once
  for (const PatternPart* part : parts) {
    for (const NodePattern& n : part->nodes) {
      if (n.variable.empty()) continue;
      auto v = scope->Find(n.variable);
      if (v) {
        if (v->kind != VarKind::kNode && v->kind != VarKind::kValue)
          return SemanticErrorAt(n.pos, "Type mismatch: `" + n.variable + "` is already bound to a " +
                                            (v->kind == VarKind::kScalar ? "value that is not a node" : "relationship or path") +
                                            ", not a node (VariableTypeConflict)");
        if (for_create && (!n.labels.empty() || n.properties) && v->kind == VarKind::kNode)
          return SemanticErrorAt(n.pos, "Variable `" + n.variable + "` already declared");
        continue;
      }
      scope->Bind(n.variable, Variable{NewSlot(), VarKind::kNode});
    }
    for (const RelPattern& r : part->rels) {
      if (r.variable.empty()) continue;
      if (auto v = scope->Find(r.variable)) {
        if (for_create || !rels_here.insert(r.variable).second)
          return SemanticErrorAt(r.pos, "Variable `" + r.variable + "` already declared");
        // A bound relationship is matched again (PlanPart compares it).
        if (v->kind == VarKind::kValue || (r.length && v->kind == VarKind::kScalar)) continue;  // a list of relationships
        if (v->kind == (r.length ? VarKind::kRelList : VarKind::kRel)) continue;
        return SemanticErrorAt(r.pos, "Type mismatch: `" + r.variable + "` is already bound to a " +
                                          (v->kind == VarKind::kNode ? "node" : v->kind == VarKind::kPath ? "path" : "value") +
                                          ", not a relationship");
      }
      rels_here.insert(r.variable);
      scope->Bind(r.variable, Variable{NewSlot(), r.length ? VarKind::kRelList : VarKind::kRel});
    }
    if (!part->path_variable.empty()) {
      if (scope->Find(part->path_variable)) return SemanticErrorAt(part->pos, "Variable `" + part->path_variable + "` already declared");
      scope->Bind(part->path_variable, Variable{NewSlot(), VarKind::kPath});
    }
  }
  return Status::OK();
}

Status Planner::NodeFilter(const NodePattern& node, int slot, const Scope& scope, std::unique_ptr<Operator>* op,
                           bool skip_labels_scanned, const std::string& scanned_label, const Expr* seek_value) {
  CExprPtr pred;
  std::vector<std::string> labels;
  for (const auto& l : node.labels)
    if (!(skip_labels_scanned && l == scanned_label)) labels.push_back(l);
  if (!labels.empty()) {
    auto h = std::make_unique<CExpr>();
    h->kind = CKind::kHasLabels;
    h->pos = node.pos;
    h->names = labels;
    h->kids.push_back(SlotExpr(slot, node.pos));
    pred = std::move(h);
  }
  if (node.properties) {
    if (node.properties->kind() != ExprKind::kMap) {
      // (n $props): every entry of the parameter map must match.
      DYAD_ASSIGN_OR_RETURN(CExprPtr m, Compile(*node.properties, scope));
      auto f = std::make_unique<CExpr>();
      f->kind = CKind::kFunction;
      f->pos = node.pos;
      f->fn = LookupFunction("dyad.propertiesMatch");
      if (!f->fn) return SemanticErrorAt(node.pos, "property maps from parameters are not supported in patterns");
      f->kids.push_back(SlotExpr(slot, node.pos));
      f->kids.push_back(std::move(m));
      pred = And(std::move(pred), std::move(f));
    } else {
      for (const auto& [k, v] : node.properties->As<MapExpr>().entries) {
        if (v.get() == seek_value) continue;
        DYAD_ASSIGN_OR_RETURN(CExprPtr value, Compile(*v, scope));
        pred = And(std::move(pred), PropertyEquals(SlotExpr(slot, v->pos), k, std::move(value), v->pos));
      }
    }
  }
  if (pred) *op = std::make_unique<FilterOp>(std::move(*op), std::move(pred), node.variable.empty() ? "node" : node.variable);
  return Status::OK();
}

Status Planner::StartNode(const NodePattern& node, int slot, const Expr* where, const Scope& before,
                          const Scope& scope, std::unique_ptr<Operator>* op) {
  storage::Counters counts = store_->counters();
  storage::Dictionary& dict = store_->dict();
  auto indexed = [&](const std::string& label, const std::string& key) {
    auto k = dict.Find(storage::NameKind::kKey, key);
    if (!k) return false;
    if (label.empty()) return store_->indexes().Has(storage::kGlobalLabel, *k);
    auto l = dict.Find(storage::NameKind::kLabel, label);
    return l && store_->indexes().Has(*l, *k);
  };
  // Which variables the value may use: anything bound before this pattern.
  auto independent = [&](const Expr& e) {
    std::set<std::string> vars;
    FreeVariables(e, &vars);
    for (const auto& v : vars)
      if (v == " complex" || !before.Has(v) || v == node.variable) return false;
    return true;
  };
  IndexChoice best;
  auto consider = [&](const std::string& key, IndexChoice c) {
    for (const std::string& label : node.labels)
      if (indexed(label, key) && c.score + 1 > best.score) {
        best = c;
        best.label = label;
        best.key = key;
        best.score = c.score + 1;
      }
    if (indexed("", key) && c.score > best.score) {
      best = c;
      best.label = "";
      best.key = key;
    }
  };
  if (node.properties && node.properties->kind() == ExprKind::kMap)
    for (const auto& [k, v] : node.properties->As<MapExpr>().entries)
      if (independent(*v)) {
        IndexChoice c;
        c.value = v.get();
        c.score = 10;
        consider(k, c);
      }
  std::vector<const Expr*> conj;
  Conjuncts(where, &conj);
  std::map<std::string, IndexChoice> ranges;
  for (const Expr* c : conj) {
    if (c->kind() != ExprKind::kBinary) continue;
    const auto& b = c->As<BinaryExpr>();
    auto is_prop_of_node = [&](const Expr& x) {
      return x.kind() == ExprKind::kProperty && x.As<PropertyExpr>().object->kind() == ExprKind::kVariable &&
             x.As<PropertyExpr>().object->As<VariableExpr>().name == node.variable && !node.variable.empty();
    };
    IndexChoice ic;
    if ((b.op == BinaryOp::kEq || b.op == BinaryOp::kIn) && is_prop_of_node(*b.lhs) && independent(*b.rhs)) {
      ic.value = b.rhs.get();
      ic.is_list = b.op == BinaryOp::kIn;
      ic.score = b.op == BinaryOp::kEq ? 10 : 8;
      consider(b.lhs->As<PropertyExpr>().key, ic);
    } else if (b.op == BinaryOp::kEq && is_prop_of_node(*b.rhs) && independent(*b.lhs)) {
      ic.value = b.lhs.get();
      ic.score = 10;
      consider(b.rhs->As<PropertyExpr>().key, ic);
    } else if ((b.op == BinaryOp::kLt || b.op == BinaryOp::kLe || b.op == BinaryOp::kGt || b.op == BinaryOp::kGe) &&
               is_prop_of_node(*b.lhs) && independent(*b.rhs)) {
      // Bounds on the same key combine into one range (lo <= x < hi).
      bool lower = b.op == BinaryOp::kGt || b.op == BinaryOp::kGe;
      IndexChoice& r = ranges[b.lhs->As<PropertyExpr>().key];
      (lower ? r.lo : r.hi) = b.rhs.get();
      (lower ? r.lo_inclusive : r.hi_inclusive) = b.op == BinaryOp::kGe || b.op == BinaryOp::kLe;
      r.score = r.lo && r.hi ? 6 : 4;
    }
  }
  for (const auto& [key, r] : ranges) consider(key, r);
  std::string scanned_label;
  const Expr* seek_value = nullptr;  // a property map entry the seek checks exactly
  if (best.score > 0 && (best.value || best.lo || best.hi)) {
    if (best.value) {
      DYAD_ASSIGN_OR_RETURN(CExprPtr v, Compile(*best.value, scope));
      *op = std::make_unique<IndexSeekOp>(std::move(*op), slot, node.variable, best.label, best.key, std::move(v), best.is_list);
      // IndexSeekOp keeps only nodes whose property is Cypher-equal (=) to
      // the value, which is what the map entry's filter would test again.
      if (!best.is_list) seek_value = best.value;
    } else {
      CExprPtr lo, hi;
      if (best.lo) { DYAD_ASSIGN_OR_RETURN(lo, Compile(*best.lo, scope)); }
      if (best.hi) { DYAD_ASSIGN_OR_RETURN(hi, Compile(*best.hi, scope)); }
      *op = std::make_unique<IndexRangeOp>(std::move(*op), slot, node.variable, best.label, best.key, std::move(lo),
                                           best.lo_inclusive, std::move(hi), best.hi_inclusive);
    }
    scanned_label = best.label;
  } else if (!node.labels.empty()) {
    // Scan the label with the fewest nodes.
    int64_t fewest = std::numeric_limits<int64_t>::max();
    for (const auto& l : node.labels) {
      auto id = dict.Find(storage::NameKind::kLabel, l);
      int64_t n = id && counts.per_label.count(*id) ? counts.per_label[*id] : 0;
      if (n < fewest) {
        fewest = n;
        scanned_label = l;
      }
    }
    *op = std::make_unique<NodeScanOp>(std::move(*op), slot, node.variable, scanned_label);
  } else {
    *op = std::make_unique<NodeScanOp>(std::move(*op), slot, node.variable, std::nullopt);
  }
  return NodeFilter(node, slot, scope, op, !scanned_label.empty(), scanned_label, seek_value);
}

Status Planner::PlanPattern(const std::vector<const PatternPart*>& parts, const Expr* where,
                            std::unique_ptr<Operator>* op, Scope* scope) {
  // Only the MATCH PlanClause prepared may use VarReachOp, not the patterns
  // nested in it (pattern predicates, comprehensions).
  bool saved_distinct_ends = distinct_ends_;
  distinct_ends_ = distinct_ends_next_;
  distinct_ends_next_ = false;
  Status s = PlanPatternParts(parts, where, op, scope);
  distinct_ends_ = saved_distinct_ends;
  return s;
}

Status Planner::PlanPatternParts(const std::vector<const PatternPart*>& parts, const Expr* where,
                                 std::unique_ptr<Operator>* op, Scope* scope) {
  Scope before = *scope;
  DYAD_RETURN_IF_ERROR(BindPatternVariables(parts, scope, false));
  std::set<int> bound;
  for (const auto& [name, v] : before.UserVariables()) bound.insert(v.slot);
  pattern_before_ = &before;
  pattern_bound_ = &bound;
  std::vector<int> rel_slots;  // relationships of this MATCH, for uniqueness
  // Plain parts first (shortest paths need their endpoints bound).
  for (const PatternPart* part : parts)
    if (part->kind == PatternPartKind::kPlain) DYAD_RETURN_IF_ERROR(PlanPart(*part, where, op, scope, &rel_slots));
  for (const PatternPart* part : parts)
    if (part->kind != PatternPartKind::kPlain) DYAD_RETURN_IF_ERROR(PlanShortest(*part, op, scope, &rel_slots));
  pattern_before_ = nullptr;
  pattern_bound_ = nullptr;
  if (where) {
    DYAD_RETURN_IF_ERROR(CheckPredicateType(*where, *scope));
    DYAD_ASSIGN_OR_RETURN(CExprPtr pred, Compile(*where, *scope));
    *op = std::make_unique<FilterOp>(std::move(*op), std::move(pred), "WHERE");
  }
  return Status::OK();
}

int Planner::PatternNodeSlot(const NodePattern& np, const Scope& scope) {
  if (np.variable.empty()) return NewSlot();
  return scope.Find(np.variable)->slot;
}

Status Planner::PlanPart(const PatternPart& part, const Expr* where, std::unique_ptr<Operator>* op, Scope* scope,
                         std::vector<int>* rel_slots) {
  std::set<int>& bound = *pattern_bound_;
  size_t n = part.nodes.size();
  std::vector<int> node_slots(n), rel_slot(part.rels.size());
  for (size_t i = 0; i < n; ++i) node_slots[i] = PatternNodeSlot(part.nodes[i], *scope);
  // A relationship bound before this MATCH is expanded into a fresh slot
  // and compared with the bound one.
  std::vector<int> rel_bound(part.rels.size(), -1);
  for (size_t j = 0; j < part.rels.size(); ++j) {
    rel_slot[j] = part.rels[j].variable.empty() ? NewSlot() : scope->Find(part.rels[j].variable)->slot;
    if (bound.count(rel_slot[j])) {
      rel_bound[j] = rel_slot[j];
      rel_slot[j] = NewSlot();
    }
  }
  auto label = [&](size_t i) { return part.nodes[i].variable.empty() ? std::string("") : part.nodes[i].variable; };

  // Start at a bound node when there is one, else where access is cheapest
  // (an index seek beats a label scan beats a scan of all nodes).
  size_t start = n;
  for (size_t i = 0; i < n && start == n; ++i)
    if (bound.count(node_slots[i])) start = i;
  if (start == n) {
    start = 0;
    int best = -1;
    for (size_t i = 0; i < n; ++i) {
      int score = part.nodes[i].properties ? 3 : part.nodes[i].labels.empty() ? 0 : 1;
      if (score > best) {
        best = score;
        start = i;
      }
    }
    DYAD_RETURN_IF_ERROR(StartNode(part.nodes[start], node_slots[start], where, *pattern_before_, *scope, op));
    bound.insert(node_slots[start]);
  } else {
    // A bound start node still has to satisfy this pattern's labels/props.
    DYAD_RETURN_IF_ERROR(NodeFilter(part.nodes[start], node_slots[start], *scope, op, false, ""));
  }

  auto step = [&](size_t rel, size_t from, size_t to, bool forward) -> Status {
    const RelPattern& r = part.rels[rel];
    StepSpec spec;
    spec.from_slot = node_slots[from];
    spec.to_slot = node_slots[to];
    spec.rel_slot = rel_slot[rel];
    spec.to_bound = bound.count(node_slots[to]) > 0;
    spec.dir = StepDirection(r.direction, forward);
    // [:T|:T] matches each relationship once.
    for (const auto& t : r.types)
      if (std::find(spec.types.begin(), spec.types.end(), t) == spec.types.end()) spec.types.push_back(t);
    spec.distinct_from = *rel_slots;
    spec.text = RelText(r, label(from), label(to), forward);
    spec.reverse_rels = !forward;
    if (r.length) {
      int64_t min = r.length->min.value_or(1);
      int64_t max = r.length->max.value_or(std::numeric_limits<int64_t>::max());
      if (distinct_ends_ && min <= 1 && spec.distinct_from.empty() && rel_bound[rel] < 0)
        *op = std::make_unique<VarReachOp>(std::move(*op), spec, min, max);
      else
        *op = std::make_unique<VarExpandOp>(std::move(*op), spec, min, max);
    } else {
      *op = std::make_unique<ExpandOp>(std::move(*op), spec);
    }
    rel_slots->push_back(rel_slot[rel]);
    if (rel_bound[rel] >= 0) {
      auto eq = std::make_unique<CExpr>();
      eq->kind = CKind::kBinary;
      eq->op = BinaryOp::kEq;
      eq->pos = r.pos;
      eq->kids.push_back(SlotExpr(rel_slot[rel], r.pos));
      eq->kids.push_back(SlotExpr(rel_bound[rel], r.pos));
      *op = std::make_unique<FilterOp>(std::move(*op), std::move(eq), r.variable);
    }
    bound.insert(node_slots[to]);
    // A bound end node must still have this pattern's labels and properties.
    DYAD_RETURN_IF_ERROR(NodeFilter(part.nodes[to], node_slots[to], *scope, op, false, ""));
    if (r.properties) {
      if (r.properties->kind() != ExprKind::kMap)
        return SemanticErrorAt(r.pos, "relationship property maps from parameters are not supported in patterns");
      CExprPtr pred;
      for (const auto& [k, v] : r.properties->As<MapExpr>().entries) {
        DYAD_ASSIGN_OR_RETURN(CExprPtr value, Compile(*v, *scope));
        if (!r.length) {
          pred = And(std::move(pred), PropertyEquals(SlotExpr(rel_slot[rel], v->pos), k, std::move(value), v->pos));
          continue;
        }
        // Every relationship of a variable-length step must match.
        auto all = std::make_unique<CExpr>();
        all->kind = CKind::kQuantifier;
        all->quantifier = Quantifier::kAll;
        all->pos = v->pos;
        all->slot = NewSlot();
        all->kids.push_back(SlotExpr(rel_slot[rel], v->pos));
        all->kids.push_back(PropertyEquals(SlotExpr(all->slot, v->pos), k, std::move(value), v->pos));
        all->kids.push_back(nullptr);
        pred = And(std::move(pred), std::move(all));
      }
      *op = std::make_unique<FilterOp>(std::move(*op), std::move(pred), r.variable.empty() ? "rel" : r.variable);
    }
    return Status::OK();
  };
  for (size_t j = start; j + 1 < n; ++j) DYAD_RETURN_IF_ERROR(step(j, j, j + 1, true));
  for (size_t j = start; j > 0; --j) DYAD_RETURN_IF_ERROR(step(j - 1, j, j - 1, false));

  if (!part.path_variable.empty()) {
    std::vector<int> rels(rel_slot.begin(), rel_slot.end());
    *op = std::make_unique<BuildPathOp>(std::move(*op), node_slots[0], rels, scope->Find(part.path_variable)->slot,
                                        part.path_variable);
  }
  return Status::OK();
}

Status Planner::PlanShortest(const PatternPart& part, std::unique_ptr<Operator>* op, Scope* scope,
                             std::vector<int>* rel_slots) {
  if (part.nodes.size() != 2 || part.rels.size() != 1)
    return SemanticErrorAt(part.pos, "shortestPath needs a pattern of one relationship between two nodes");
  std::set<int>& bound = *pattern_bound_;
  int slots[2];
  for (int i = 0; i < 2; ++i) {
    slots[i] = PatternNodeSlot(part.nodes[i], *scope);
    if (!bound.count(slots[i])) {
      DYAD_RETURN_IF_ERROR(StartNode(part.nodes[i], slots[i], nullptr, *pattern_before_, *scope, op));
      bound.insert(slots[i]);
    }
  }
  const RelPattern& r = part.rels[0];
  StepSpec spec;
  spec.from_slot = slots[0];
  spec.to_slot = slots[1];
  spec.rel_slot = r.variable.empty() ? -1 : scope->Find(r.variable)->slot;
  spec.to_bound = true;
  spec.dir = StepDirection(r.direction, true);
  spec.types = r.types;
  spec.distinct_from = *rel_slots;
  spec.text = RelText(r, part.nodes[0].variable, part.nodes[1].variable, true);
  int64_t min = r.length ? r.length->min.value_or(1) : 1;
  int64_t max = r.length && r.length->max ? *r.length->max : (r.length ? std::numeric_limits<int64_t>::max() : 1);
  int path_slot = part.path_variable.empty() ? -1 : scope->Find(part.path_variable)->slot;
  *op = std::make_unique<ShortestPathOp>(std::move(*op), spec, min, max, part.kind == PatternPartKind::kAllShortest,
                                         path_slot);
  if (spec.rel_slot >= 0) rel_slots->push_back(spec.rel_slot);
  return Status::OK();
}

Result<SubPlan> Planner::PatternSubPlan(const std::vector<const PatternPart*>& parts, const Expr* where,
                                        const Scope& scope, Scope* inner) {
  SubPlan sub;
  auto arg = std::make_unique<ArgumentOp>();
  sub.argument = arg.get();
  std::unique_ptr<Operator> op = std::move(arg);
  *inner = scope;
  // Save the enclosing pattern state: sub-plans can nest inside patterns.
  auto* saved_before = pattern_before_;
  auto* saved_bound = pattern_bound_;
  Status s = PlanPattern(parts, where, &op, inner);
  pattern_before_ = saved_before;
  pattern_bound_ = saved_bound;
  DYAD_RETURN_IF_ERROR(s);
  sub.root = std::move(op);
  return sub;
}

}  // namespace dyad::query
