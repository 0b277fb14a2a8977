#include "query/exec/write_ops.h"

#include <algorithm>

#include "query/exec/expand_ops.h"
#include "query/exec/scan_ops.h"
#include "query/expr/value_ops.h"

namespace dyad::query {

using storage::NamedProps;

namespace {

// A value that may be stored as a property: scalars, temporals, and lists
// of them (no maps, no nested lists, no graph elements).
Status CheckStorable(const std::string& key, const Value& v) {
  if (v.is_map() || v.is_node() || v.is_rel() || v.is_path())
    return Status::TypeError("property '" + key + "' cannot hold a " + KindName(v));
  if (v.is_list())
    for (const Value& e : v.as_list())
      if (e.is_map() || e.is_list() || e.is_node() || e.is_rel() || e.is_path())
        return Status::TypeError("property '" + key + "' cannot hold a list containing a " + KindName(e));
  return Status::OK();
}

Status EvalProps(const CExpr* e, Row& row, ExecContext& ctx, NamedProps* out) {
  out->clear();
  if (!e) return Status::OK();
  Value v;
  DYAD_RETURN_IF_ERROR(Evaluate(*e, row, ctx, &v));
  if (v.is_null()) return Status::OK();
  if (!v.is_map()) return Status::TypeError(std::string("expected a map of properties, got ") + KindName(v));
  for (const auto& [k, val] : v.as_map()) {
    if (val.is_null()) continue;
    DYAD_RETURN_IF_ERROR(CheckStorable(k, val));
    out->emplace_back(k, val);
  }
  return Status::OK();
}

// Reads every property of an entity value into a map (for SET n = m).
Status EntityProps(const Value& v, ExecContext& ctx, Map* out) {
  if (v.is_map()) {
    *out = v.as_map();
    return Status::OK();
  }
  const PropertyList* props = nullptr;
  if (v.is_node()) {
    const NodeRecord* n;
    DYAD_RETURN_IF_ERROR(ctx.GetNode(v.as_node().id, &n));
    props = &n->props;
  } else if (v.is_rel()) {
    const EdgeRecord* r;
    DYAD_RETURN_IF_ERROR(ctx.GetEdge(v.as_rel().id, &r));
    props = &r->props;
  } else {
    return Status::TypeError(std::string("expected a map, node or relationship, got ") + KindName(v));
  }
  for (const auto& [k, val] : *props) (*out)[ctx.txn()->KeyName(k)] = val;
  return Status::OK();
}

// Writes changed properties of an entity; `replace` drops the ones not in props.
Status WriteProps(const Value& entity, const Map& props, bool replace, ExecContext& ctx) {
  storage::Transaction* txn = ctx.txn();
  for (const auto& [k, v] : props) DYAD_RETURN_IF_ERROR(CheckStorable(k, v));
  if (entity.is_node()) {
    NodeRecord n;
    DYAD_RETURN_IF_ERROR(txn->GetNode(entity.as_node().id, &n));
    if (replace) {
      ctx.stats.properties_set += static_cast<int64_t>(n.props.size());
      n.props.clear();
    }
    for (const auto& [k, v] : props) {
      SetProperty(&n.props, txn->InternKey(k), v);
      ctx.stats.properties_set++;
    }
    ctx.InvalidateCache();
    return txn->UpdateNode(n);
  }
  if (entity.is_rel()) {
    EdgeRecord e;
    DYAD_RETURN_IF_ERROR(txn->GetEdge(entity.as_rel().id, &e));
    if (replace) {
      ctx.stats.properties_set += static_cast<int64_t>(e.props.size());
      e.props.clear();
    }
    for (const auto& [k, v] : props) {
      SetProperty(&e.props, txn->InternKey(k), v);
      ctx.stats.properties_set++;
    }
    ctx.InvalidateCache();
    return txn->UpdateEdgeProps(e.id, e.props);
  }
  return Status::TypeError(std::string("cannot set properties on a ") + KindName(entity));
}

Status ChangeLabels(const Value& entity, const std::vector<std::string>& labels, bool add, ExecContext& ctx) {
  if (entity.is_null()) return Status::OK();
  if (!entity.is_node()) return Status::TypeError(std::string("labels can only be changed on nodes, not on a ") + KindName(entity));
  storage::Transaction* txn = ctx.txn();
  NodeRecord n;
  DYAD_RETURN_IF_ERROR(txn->GetNode(entity.as_node().id, &n));
  bool changed = false;
  for (const auto& l : labels) {
    if (add) {
      uint32_t id = txn->InternLabel(l);
      if (n.HasLabel(id)) continue;
      n.labels.insert(std::lower_bound(n.labels.begin(), n.labels.end(), id), id);
      ctx.stats.labels_added++;
      changed = true;
    } else {
      auto id = txn->LabelId(l);
      if (!id || !n.HasLabel(*id)) continue;
      n.labels.erase(std::find(n.labels.begin(), n.labels.end(), *id));
      ctx.stats.labels_removed++;
      changed = true;
    }
  }
  if (!changed) return Status::OK();
  ctx.InvalidateCache();
  return txn->UpdateNode(n);
}

Status WithPos(Status s, const CExpr* e) {
  if (s.ok() || s.line() || !e) return s;
  return s.WithPosition(e->pos.line, e->pos.column);
}

}  // namespace

Status CreateParts(const std::vector<CreatePartSpec>& parts, Row& row, ExecContext& ctx) {
  storage::Transaction* txn = ctx.txn();
  NamedProps props;
  for (const CreatePartSpec& part : parts) {
    for (const CreateNodeSpec& n : part.nodes) {
      if (n.bound) {
        const Value& v = GetSlot(row, n.slot);
        if (!v.is_node())
          return Status::SemanticError("cannot create a relationship to a " + std::string(KindName(v)));
        continue;
      }
      DYAD_RETURN_IF_ERROR(WithPos(EvalProps(n.props.get(), row, ctx, &props), n.props.get()));
      auto id = txn->CreateNode(n.labels, props);
      if (!id.ok()) return id.status();
      ctx.stats.nodes_created++;
      ctx.stats.labels_added += static_cast<int64_t>(n.labels.size());
      ctx.stats.properties_set += static_cast<int64_t>(props.size());
      SetSlot(row, n.slot, Value(NodeRef{*id}));
    }
    std::vector<RelRef> chain;
    for (const CreateRelSpec& r : part.rels) {
      DYAD_RETURN_IF_ERROR(WithPos(EvalProps(r.props.get(), row, ctx, &props), r.props.get()));
      uint64_t from = GetSlot(row, part.nodes[r.from].slot).as_node().id;
      uint64_t to = GetSlot(row, part.nodes[r.to].slot).as_node().id;
      auto id = txn->CreateEdge(r.type, from, to, props);
      if (!id.ok()) return id.status();
      ctx.stats.relationships_created++;
      ctx.stats.properties_set += static_cast<int64_t>(props.size());
      RelRef ref{*id, from, to, txn->TypeId(r.type).value_or(RelRef::kUnknownType)};
      if (r.slot >= 0) SetSlot(row, r.slot, Value(ref));
      chain.push_back(ref);
    }
    if (part.path_slot >= 0)
      SetSlot(row, part.path_slot, Value(BuildPath(GetSlot(row, part.nodes[part.order[0]].slot).as_node().id, chain)));
  }
  ctx.InvalidateCache();
  return Status::OK();
}

Status ApplySets(const std::vector<SetSpec>& sets, Row& row, ExecContext& ctx) {
  for (const SetSpec& s : sets) {
    Value target;
    DYAD_RETURN_IF_ERROR(Evaluate(*s.target, row, ctx, &target));
    if (target.is_null()) continue;
    switch (s.kind) {
      case SetSpec::kProperty: {
        Value v;
        DYAD_RETURN_IF_ERROR(Evaluate(*s.value, row, ctx, &v));
        Map one{{s.key, v}};
        if (v.is_null()) {
          // Removing a property: only count it when it existed.
          Value old;
          DYAD_RETURN_IF_ERROR(PropertyOf(target, s.key, ctx, &old));
          if (old.is_null()) continue;
        }
        DYAD_RETURN_IF_ERROR(WithPos(WriteProps(target, one, false, ctx), s.target.get()));
        break;
      }
      case SetSpec::kReplace:
      case SetSpec::kMerge: {
        Value v;
        DYAD_RETURN_IF_ERROR(Evaluate(*s.value, row, ctx, &v));
        Map m;
        if (!v.is_null()) DYAD_RETURN_IF_ERROR(WithPos(EntityProps(v, ctx, &m), s.value.get()));
        if (s.kind == SetSpec::kMerge) {
          DYAD_RETURN_IF_ERROR(WithPos(WriteProps(target, m, false, ctx), s.target.get()));
        } else {
          Map kept;
          for (auto& [k, val] : m)
            if (!val.is_null()) kept[k] = val;
          DYAD_RETURN_IF_ERROR(WithPos(WriteProps(target, kept, true, ctx), s.target.get()));
        }
        break;
      }
      case SetSpec::kLabels:
        DYAD_RETURN_IF_ERROR(WithPos(ChangeLabels(target, s.labels, true, ctx), s.target.get()));
        break;
    }
  }
  return Status::OK();
}

// ---- CreateOp ----

CreateOp::CreateOp(std::unique_ptr<Operator> input, std::vector<CreatePartSpec> parts) : parts_(std::move(parts)) {
  children.push_back(std::move(input));
}

Status CreateOp::Open(ExecContext& ctx) { return Operator::Open(ctx); }

Status CreateOp::Next(ExecContext& ctx, Row& row, bool* has) {
  DYAD_RETURN_IF_ERROR(input()->Pull(ctx, row, has));
  if (!*has) return Status::OK();
  return CreateParts(parts_, row, ctx);
}

// ---- SetOp ----

SetOp::SetOp(std::unique_ptr<Operator> input, std::vector<SetSpec> sets) : sets_(std::move(sets)) {
  children.push_back(std::move(input));
}

Status SetOp::Open(ExecContext& ctx) { return Operator::Open(ctx); }

Status SetOp::Next(ExecContext& ctx, Row& row, bool* has) {
  DYAD_RETURN_IF_ERROR(input()->Pull(ctx, row, has));
  if (!*has) return Status::OK();
  return ApplySets(sets_, row, ctx);
}

// ---- RemoveOp ----

RemoveOp::RemoveOp(std::unique_ptr<Operator> input, std::vector<RemoveSpec> items) : items_(std::move(items)) {
  children.push_back(std::move(input));
}

Status RemoveOp::Open(ExecContext& ctx) { return Operator::Open(ctx); }

Status RemoveOp::Next(ExecContext& ctx, Row& row, bool* has) {
  DYAD_RETURN_IF_ERROR(input()->Pull(ctx, row, has));
  if (!*has) return Status::OK();
  for (const RemoveSpec& item : items_) {
    Value target;
    DYAD_RETURN_IF_ERROR(Evaluate(*item.target, row, ctx, &target));
    if (target.is_null()) continue;
    if (!item.key.empty()) {
      Value old;
      DYAD_RETURN_IF_ERROR(PropertyOf(target, item.key, ctx, &old));
      if (old.is_null()) continue;
      DYAD_RETURN_IF_ERROR(WithPos(WriteProps(target, Map{{item.key, Value()}}, false, ctx), item.target.get()));
    } else {
      DYAD_RETURN_IF_ERROR(WithPos(ChangeLabels(target, item.labels, false, ctx), item.target.get()));
    }
  }
  return Status::OK();
}

// ---- DeleteOp ----

DeleteOp::DeleteOp(std::unique_ptr<Operator> input, std::vector<CExprPtr> targets, bool detach)
    : targets_(std::move(targets)), detach_(detach) {
  children.push_back(std::move(input));
}

Status DeleteOp::Open(ExecContext& ctx) {
  rows_.clear();
  next_ = 0;
  done_ = false;
  return Operator::Open(ctx);
}

Status DeleteOp::Next(ExecContext& ctx, Row& row, bool* has) {
  if (!done_) {
    done_ = true;
    // Relationships first, then nodes: a node whose relationships are all
    // deleted by the same clause may be deleted without DETACH.
    std::vector<Value> nodes, rels;
    Row r;
    while (true) {
      bool in = false;
      DYAD_RETURN_IF_ERROR(input()->Pull(ctx, r, &in));
      if (!in) break;
      for (const auto& t : targets_) {
        Value v;
        DYAD_RETURN_IF_ERROR(Evaluate(*t, r, ctx, &v));
        if (v.is_null()) continue;
        if (v.is_node()) nodes.push_back(v);
        else if (v.is_rel()) rels.push_back(v);
        else if (v.is_path()) {
          for (auto& rel : v.as_path().rels) rels.push_back(Value(rel));
          for (auto& n : v.as_path().nodes) nodes.push_back(Value(n));
        } else {
          return Status::TypeError(std::string("DELETE expects a node, relationship or path, got ") + KindName(v))
              .WithPosition(t->pos.line, t->pos.column);
        }
      }
      rows_.push_back(r);
    }
    for (const Value& v : rels) DYAD_RETURN_IF_ERROR(DeleteValue(v, ctx));
    for (const Value& v : nodes) DYAD_RETURN_IF_ERROR(DeleteValue(v, ctx));
  }
  *has = next_ < rows_.size();
  if (*has) row = std::move(rows_[next_++]);
  return Status::OK();
}

Status DeleteOp::DeleteValue(const Value& v, ExecContext& ctx) {
  storage::Transaction* txn = ctx.txn();
  ctx.InvalidateCache();
  if (v.is_rel()) {
    EdgeRecord e;
    if (!txn->GetEdge(v.as_rel().id, &e).ok()) return Status::OK();  // already deleted
    ctx.stats.relationships_deleted++;
    return txn->DeleteEdge(v.as_rel().id);
  }
  NodeRecord n;
  if (!txn->GetNode(v.as_node().id, &n).ok()) return Status::OK();
  int64_t rels = 0;
  if (detach_)
    for (auto c = txn->Neighbors(n.id, storage::Direction::kBoth, std::nullopt); c->Valid(); c->Next()) {
      storage::AdjEntry e = c->adj();
      if (!(e.dir == storage::Direction::kIn && e.nbr == e.node)) ++rels;
    }
  Status s = txn->DeleteNode(n.id, detach_);
  if (!s.ok()) return s;
  ctx.stats.nodes_deleted++;
  ctx.stats.relationships_deleted += rels;
  return Status::OK();
}

// ---- MergeOp ----

MergeOp::MergeOp(std::unique_ptr<Operator> input, SubPlan match, std::vector<CreatePartSpec> create,
                 std::vector<SetSpec> on_match, std::vector<SetSpec> on_create)
    : match_(std::move(match)), create_(std::move(create)), on_match_(std::move(on_match)),
      on_create_(std::move(on_create)) {
  children.push_back(std::move(input));
}

Status MergeOp::Open(ExecContext& ctx) {
  pending_.clear();
  next_ = 0;
  return Operator::Open(ctx);
}

Status MergeOp::Next(ExecContext& ctx, Row& row, bool* has) {
  while (next_ >= pending_.size()) {
    pending_.clear();
    next_ = 0;
    Row in_row;
    bool in = false;
    DYAD_RETURN_IF_ERROR(input()->Pull(ctx, in_row, &in));
    if (!in) {
      *has = false;
      return Status::OK();
    }
    match_.argument->set_row(&in_row);
    DYAD_RETURN_IF_ERROR(match_.root->Open(ctx));
    Row m;
    while (true) {
      bool found = false;
      DYAD_RETURN_IF_ERROR(match_.root->Pull(ctx, m, &found));
      if (!found) break;
      pending_.push_back(m);
    }
    if (pending_.empty()) {
      Row created = in_row;
      DYAD_RETURN_IF_ERROR(CreateParts(create_, created, ctx));
      DYAD_RETURN_IF_ERROR(ApplySets(on_create_, created, ctx));
      pending_.push_back(std::move(created));
    } else {
      for (Row& p : pending_) DYAD_RETURN_IF_ERROR(ApplySets(on_match_, p, ctx));
    }
  }
  row = std::move(pending_[next_++]);
  *has = true;
  return Status::OK();
}

}  // namespace dyad::query
