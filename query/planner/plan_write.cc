// Planning of CREATE, MERGE's create side, and SET items.
#include <set>

#include "query/planner/planner.h"

namespace dyad::query {

using namespace ast;

Status Planner::PlanCreate(const std::vector<const PatternPart*>& parts, Scope* scope,
                           std::vector<CreatePartSpec>* out) {
  for (const PatternPart* part : parts) {
    for (const RelPattern& r : part->rels)
      if (r.direction == RelDirection::kBoth)
        return SemanticErrorAt(r.pos, "Only directed relationships are supported in CREATE");
    // CREATE (a) with `a` bound would create nothing (VariableAlreadyBound).
    if (part->rels.empty() && !part->nodes[0].variable.empty() && scope->Has(part->nodes[0].variable))
      return SemanticErrorAt(part->nodes[0].pos, "Variable `" + part->nodes[0].variable + "` already declared");
  }
  Scope before = *scope;
  DYAD_RETURN_IF_ERROR(BindPatternVariables(parts, scope, true));
  return PlanCreateInto(parts, &before, *scope, out);
}

Status Planner::PlanCreateInto(const std::vector<const PatternPart*>& parts, Scope* before, const Scope& after,
                               std::vector<CreatePartSpec>* out) {
  std::set<int> created;  // slots created earlier in this clause
  for (const PatternPart* part : parts) {
    if (part->kind != PatternPartKind::kPlain)
      return SemanticErrorAt(part->pos, "shortestPath cannot be used to create");
    CreatePartSpec spec;
    for (const NodePattern& n : part->nodes) {
      CreateNodeSpec ns;
      ns.slot = n.variable.empty() ? NewSlot() : after.Find(n.variable)->slot;
      ns.bound = (!n.variable.empty() && before->Has(n.variable)) || created.count(ns.slot);
      if (ns.bound && (!n.labels.empty() || n.properties) && created.count(ns.slot))
        return SemanticErrorAt(n.pos, "Variable `" + n.variable + "` already declared");
      ns.labels = n.labels;
      if (n.properties && !ns.bound) {
        DYAD_ASSIGN_OR_RETURN(ns.props, Compile(*n.properties, *before));
      }
      if (!ns.bound) created.insert(ns.slot);
      spec.nodes.push_back(std::move(ns));
    }
    for (size_t j = 0; j < part->rels.size(); ++j) {
      const RelPattern& r = part->rels[j];
      if (r.length) return SemanticErrorAt(r.pos, "Variable length relationships cannot be used in CREATE");
      if (r.types.size() != 1)
        return SemanticErrorAt(r.pos, "A single relationship type must be specified for CREATE");
      // (CREATE refuses undirected relationships above; MERGE creates them
      // outgoing.)
      CreateRelSpec rs;
      rs.slot = r.variable.empty() ? -1 : after.Find(r.variable)->slot;
      rs.type = r.types[0];
      bool out_dir = r.direction != RelDirection::kIncoming;
      rs.from = out_dir ? j : j + 1;
      rs.to = out_dir ? j + 1 : j;
      if (r.properties) {
        DYAD_ASSIGN_OR_RETURN(rs.props, Compile(*r.properties, after));
      }
      spec.rels.push_back(std::move(rs));
    }
    spec.order.push_back(0);
    if (!part->path_variable.empty()) spec.path_slot = after.Find(part->path_variable)->slot;
    out->push_back(std::move(spec));
    // Later parts may refer to the nodes this part creates.
    for (const NodePattern& n : part->nodes)
      if (!n.variable.empty()) before->Bind(n.variable, *after.Find(n.variable));
  }
  return Status::OK();
}

Status Planner::PlanSetItems(const std::vector<SetItem>& items, const Scope& scope, std::vector<SetSpec>* out) {
  for (const SetItem& item : items) {
    SetSpec s;
    switch (item.kind) {
      case SetItem::Kind::kProperty: {
        const auto& p = item.property->As<PropertyExpr>();
        s.kind = SetSpec::kProperty;
        DYAD_ASSIGN_OR_RETURN(s.target, Compile(*p.object, scope));
        s.key = p.key;
        DYAD_ASSIGN_OR_RETURN(s.value, Compile(*item.value, scope));
        break;
      }
      case SetItem::Kind::kReplaceProperties:
      case SetItem::Kind::kMergeProperties:
      case SetItem::Kind::kLabels: {
        auto v = scope.Find(item.variable);
        if (!v) return SemanticErrorAt(item.pos, "Variable `" + item.variable + "` not defined");
        s.target = std::make_unique<CExpr>();
        s.target->kind = CKind::kSlot;
        s.target->slot = v->slot;
        s.target->pos = item.pos;
        if (item.kind == SetItem::Kind::kLabels) {
          s.kind = SetSpec::kLabels;
          s.labels = item.labels;
        } else {
          s.kind = item.kind == SetItem::Kind::kMergeProperties ? SetSpec::kMerge : SetSpec::kReplace;
          DYAD_ASSIGN_OR_RETURN(s.value, Compile(*item.value, scope));
        }
        break;
      }
    }
    out->push_back(std::move(s));
  }
  return Status::OK();
}

}  // namespace dyad::query
