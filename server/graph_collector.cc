#include "server/graph_collector.h"

namespace dyad::server {

void GraphCollector::Add(const Value& v) {
  switch (v.type()) {
    case ValueType::kNode: nodes_.insert(v.as_node().id); break;
    case ValueType::kRel: {
      const RelRef& r = v.as_rel();
      rels_.insert({r.id, {r.start, r.end}});
      break;
    }
    case ValueType::kPath: {
      const PathValue& p = v.as_path();
      for (const NodeRef& n : p.nodes) nodes_.insert(n.id);
      for (const RelRef& r : p.rels) rels_.insert({r.id, {r.start, r.end}});
      break;
    }
    case ValueType::kList:
      for (const Value& e : v.as_list()) Add(e);
      break;
    case ValueType::kMap:
      for (const auto& [k, e] : v.as_map()) Add(e);
      break;
    default: break;
  }
}

void GraphCollector::AddEndpoints() {
  for (const auto& r : rels_) {
    nodes_.insert(r.second.first);
    nodes_.insert(r.second.second);
  }
}

}  // namespace dyad::server
