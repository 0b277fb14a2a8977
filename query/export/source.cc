#include "query/export/source.h"

#include <algorithm>

namespace dyad::query {

namespace {

void Sweep(std::vector<uint64_t>* ids) {
  std::sort(ids->begin(), ids->end());
  ids->erase(std::unique(ids->begin(), ids->end()), ids->end());
}

void Collect(const Value& v, std::vector<uint64_t>* nodes, std::vector<uint64_t>* edges) {
  switch (v.type()) {
    case ValueType::kNode: nodes->push_back(v.as_node().id); break;
    case ValueType::kRel: {
      const RelRef& r = v.as_rel();
      edges->push_back(r.id);
      nodes->push_back(r.start);
      nodes->push_back(r.end);
      break;
    }
    case ValueType::kPath: {
      const PathValue& p = v.as_path();
      for (const NodeRef& n : p.nodes) nodes->push_back(n.id);
      for (const RelRef& r : p.rels) Collect(Value(r), nodes, edges);
      break;
    }
    case ValueType::kList:
      for (const Value& e : v.as_list()) Collect(e, nodes, edges);
      break;
    case ValueType::kMap:
      for (const auto& [k, e] : v.as_map()) Collect(e, nodes, edges);
      break;
    default: break;
  }
}

}  // namespace

Status ExportSource::ForEachNode(const std::function<Status(const NodeRecord&)>& fn) const {
  NodeRecord n;
  if (!whole_) {
    for (uint64_t id : nodes_) {
      Status s = txn_->GetNode(id, &n);
      if (s.code() == Status::Code::kNotFound) continue;  // deleted since
      DYAD_RETURN_IF_ERROR(s);
      DYAD_RETURN_IF_ERROR(fn(n));
    }
    return Status::OK();
  }
  auto c = txn_->ScanNodes();
  for (; c->Valid(); c->Next()) {
    DYAD_RETURN_IF_ERROR(txn_->GetNode(c->node_id(), &n));
    DYAD_RETURN_IF_ERROR(fn(n));
  }
  return c->status();
}

Status ExportSource::ForEachEdge(const std::function<Status(const EdgeRecord&)>& fn) const {
  EdgeRecord e;
  if (!whole_) {
    for (uint64_t id : edges_) {
      Status s = txn_->GetEdge(id, &e);
      if (s.code() == Status::Code::kNotFound) continue;
      DYAD_RETURN_IF_ERROR(s);
      DYAD_RETURN_IF_ERROR(fn(e));
    }
    return Status::OK();
  }
  auto c = txn_->ScanEdges();
  for (; c->Valid(); c->Next()) {
    DYAD_RETURN_IF_ERROR(txn_->GetEdge(storage::TrailingId(c->key()), &e));
    DYAD_RETURN_IF_ERROR(fn(e));
  }
  return c->status();
}

Status SubgraphOfResults(const std::vector<QueryResult>& results, std::unique_ptr<ExportSource>* out) {
  // A query of only ';', comments or blanks has no statement, hence no result.
  if (results.empty()) return Status::InvalidArgument("the export query has no statement");
  std::vector<uint64_t> nodes, edges;
  std::shared_ptr<storage::Transaction> view;
  for (const QueryResult& r : results) {
    for (const Row& row : r.rows)
      for (const Value& v : row) Collect(v, &nodes, &edges);
    if (r.view) view = r.view;
  }
  if (!view) return Status::Internal("export: the query result has no snapshot");
  Sweep(&nodes);
  Sweep(&edges);
  *out = std::make_unique<ExportSource>(view, std::move(nodes), std::move(edges));
  return Status::OK();
}

}  // namespace dyad::query
