// Planner rules that replace a general plan with a cheaper one when the
// query text guarantees the same rows:
//  - RelationshipCountFromStore: a whole-graph relationship count, grouped by
//    type or not, answered from the store's per-type counters;
//  - VarLengthReach: a variable-length pattern whose paths only matter
//    through their distinct end nodes, expanded breadth-first (see
//    VarReachOp for why that equals Cypher's trail semantics);
//  - CountRows: count(*) without grouping right above an expansion (or
//    count(DISTINCT end) above VarLengthReach) counted by the expansion
//    itself, without producing rows.
#include <cctype>
#include <set>

#include "query/exec/count_ops.h"
#include "query/exec/reach_ops.h"
#include "query/exec/relational_ops.h"
#include "query/planner/planner.h"

namespace dyad::query {

using namespace ast;

namespace {

bool IsIdentChar(char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_'; }

// True when name occurs in text as a whole word. Conservative: a string
// literal that contains the name counts too (the rule is then skipped).
bool MentionsWord(const std::string& text, const std::string& name) {
  for (size_t at = text.find(name); at != std::string::npos; at = text.find(name, at + 1)) {
    bool starts = at == 0 || !IsIdentChar(text[at - 1]);
    bool ends = at + name.size() == text.size() || !IsIdentChar(text[at + name.size()]);
    if (starts && ends) return true;
  }
  return false;
}

bool Mentions(const Expr* e, const std::string& name) { return e && MentionsWord(ToString(*e), name); }

// True when e may call a function with a different result per row (rand,
// randomUUID): then a repeated row is not the same row.
bool MayBeRandom(const Expr& e) {
  std::string text = ToString(e);
  for (char& c : text) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return text.find("rand") != std::string::npos;
}

// True when a projection's result is the same whether its input rows repeat
// or not, and it does not read variable rel.
bool ProjectionIgnoresDuplicates(const ProjectionBody& body, const std::string& rel) {
  if (body.star && !rel.empty()) return false;
  bool aggregating = false;
  for (const auto& item : body.items) {
    if (!rel.empty() && Mentions(item.expr.get(), rel)) return false;
    if (MayBeRandom(*item.expr)) return false;
    if (!AggregatesIgnoreDuplicates(*item.expr)) return false;
    aggregating = aggregating || ContainsAggregate(*item.expr);
  }
  for (const auto& s : body.order_by) {
    if (!rel.empty() && Mentions(s.expr.get(), rel)) return false;
    if (!AggregatesIgnoreDuplicates(*s.expr)) return false;
  }
  // Without aggregation only DISTINCT makes repeated rows disappear.
  return aggregating || body.distinct;
}

}  // namespace

bool Planner::OnlyDistinctEndsMatter(const MatchClause& m, const Clause* next) const {
  if (!next || (next->kind() != ClauseKind::kWith && next->kind() != ClauseKind::kReturn)) return false;
  // Exactly one relationship in the whole MATCH, variable-length: then no
  // other relationship constrains its trails (relationship uniqueness).
  const RelPattern* rel = nullptr;
  for (const PatternPart& part : m.pattern) {
    if (part.kind != PatternPartKind::kPlain || !part.path_variable.empty()) return false;
    for (const RelPattern& r : part.rels) {
      if (rel) return false;
      rel = &r;
    }
  }
  if (!rel || !rel->length || rel->properties || rel->length->min.value_or(1) > 1) return false;
  if (!rel->variable.empty() && Mentions(m.where.get(), rel->variable)) return false;
  const ProjectionBody& body =
      next->kind() == ClauseKind::kWith ? next->As<WithClause>().body : next->As<ReturnClause>().body;
  return ProjectionIgnoresDuplicates(body, rel->variable);
}

void Planner::NoteWholeGraphRels(const MatchClause& m, bool first_clause, const Operator* top, const Scope& scope) {
  whole_graph_rels_ = WholeGraphRels();
  if (!first_clause || m.optional || m.where || m.pattern.size() != 1) return;
  const PatternPart& part = m.pattern[0];
  if (part.kind != PatternPartKind::kPlain || !part.path_variable.empty() || part.rels.size() != 1) return;
  const RelPattern& r = part.rels[0];
  if (r.length || r.properties || r.direction == RelDirection::kBoth) return;
  for (const NodePattern& n : part.nodes)
    if (!n.labels.empty() || n.properties) return;
  // (a)-[r]->(a) asks for self-loops only.
  if (!part.nodes[0].variable.empty() && part.nodes[0].variable == part.nodes[1].variable) return;
  whole_graph_rels_.top = top;
  whole_graph_rels_.rel_slot = r.variable.empty() ? -1 : scope.Find(r.variable)->slot;
  std::set<std::string> types(r.types.begin(), r.types.end());
  whole_graph_rels_.types.assign(types.begin(), types.end());
  whole_graph_rels_.text = ToString(part);
}

bool Planner::TryRelationshipCount(std::unique_ptr<Operator>* op, const std::vector<std::pair<int, CExprPtr>>& keys,
                                   const std::vector<AggSpec>& aggs, const std::string& text) {
  const WholeGraphRels& w = whole_graph_rels_;
  if (!w.top || w.top != op->get() || keys.size() > 1 || aggs.empty()) return false;
  auto is_rel = [&](const CExpr* e) { return e && e->kind == CKind::kSlot && w.rel_slot >= 0 && e->slot == w.rel_slot; };
  int type_slot = -1;
  if (keys.size() == 1) {
    const CExpr& k = *keys[0].second;
    if (k.kind != CKind::kFunction || !k.fn || std::string(k.fn->name) != "type" || k.kids.size() != 1 ||
        !is_rel(k.kids[0].get()))
      return false;
    type_slot = keys[0].first;
  }
  std::vector<int> count_slots;
  for (const AggSpec& a : aggs) {
    // count(r) counts the same rows as count(*): r is never null here, and
    // each relationship occurs once, so DISTINCT changes nothing either.
    if (a.kind != AggKind::kCountStar && !(a.kind == AggKind::kCount && is_rel(a.arg.get()))) return false;
    count_slots.push_back(a.slot);
  }
  *op = std::make_unique<RelationshipCountOp>(std::make_unique<ArgumentOp>(), w.types, type_slot,
                                              std::move(count_slots), w.text + ": " + text);
  whole_graph_rels_ = WholeGraphRels();
  return true;
}

bool Planner::TryCountPushdown(std::unique_ptr<Operator>* op, const std::vector<std::pair<int, CExprPtr>>& keys,
                               const std::vector<AggSpec>& aggs, const std::string& text) {
  if (!keys.empty() || aggs.empty()) return false;
  auto slot_of = [](const CExpr* e) { return e && e->kind == CKind::kSlot ? e->slot : -2; };
  std::vector<int> slots;
  for (const AggSpec& a : aggs) slots.push_back(a.slot);
  Operator* top = op->get();
  if (auto* reach = dynamic_cast<VarReachOp*>(top)) {
    const AggSpec& a = aggs[0];
    if (aggs.size() != 1 || a.kind != AggKind::kCount || !a.distinct || slot_of(a.arg.get()) != reach->spec().to_slot)
      return false;
    auto counter = [reach](ExecContext& ctx, int64_t* n) { return reach->CountDistinctEnds(ctx, n); };
    *op = std::make_unique<CountRowsOp>(std::move(*op), counter, std::move(slots), text);
    return true;
  }
  const StepSpec* spec = nullptr;
  CountRowsOp::Counter counter;
  if (auto* expand = dynamic_cast<ExpandOp*>(top)) {
    spec = &expand->spec();
    counter = [expand](ExecContext& ctx, int64_t* n) { return expand->CountRows(ctx, n); };
  } else if (auto* var = dynamic_cast<VarExpandOp*>(top)) {
    spec = &var->spec();
    counter = [var](ExecContext& ctx, int64_t* n) { return var->CountRows(ctx, n); };
  } else {
    return false;
  }
  // count(*), or count() of an end node: never null in the rows counted.
  for (const AggSpec& a : aggs) {
    int arg = slot_of(a.arg.get());
    bool plain = a.kind == AggKind::kCountStar ||
                 (a.kind == AggKind::kCount && !a.distinct && (arg == spec->to_slot || arg == spec->from_slot));
    if (!plain) return false;
  }
  *op = std::make_unique<CountRowsOp>(std::move(*op), std::move(counter), std::move(slots), text);
  return true;
}

}  // namespace dyad::query
