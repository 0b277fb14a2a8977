// Graph functions: id, type, labels, keys, properties, startNode, endNode,
// nodes, relationships. Labels and properties are read through the query's
// transaction, so a deleted entity fails with EntityNotFound; type() of a
// deleted relationship still answers (openCypher: Return2 [14]).
#include <string>

#include "graph/record.h"
#include "query/functions/function_util.h"
#include "storage/transaction.h"

namespace dyad::query::fn {

namespace {

using Args = std::vector<Value>;

Status NoTxn(const char* name) { return Status::Internal(std::string(name) + "(): no transaction"); }

Status ReadNode(const char* name, FunctionContext& ctx, uint64_t id, NodeRecord* n) {
  if (!ctx.txn) return NoTxn(name);
  Status s = ctx.txn->GetNode(id, n);
  if (s.code() == Status::Code::kNotFound) {
    return Status(Status::Code::kEntityNotFound, std::string(name) + "(): node " + std::to_string(id) + " has been deleted");
  }
  return s;
}

Status ReadEdge(const char* name, FunctionContext& ctx, uint64_t id, EdgeRecord* e) {
  if (!ctx.txn) return NoTxn(name);
  Status s = ctx.txn->GetEdge(id, e);
  if (s.code() == Status::Code::kNotFound) {
    return Status(Status::Code::kEntityNotFound,
                  std::string(name) + "(): relationship " + std::to_string(id) + " has been deleted");
  }
  return s;
}

// The property list of a node or relationship.
Status ReadProps(const char* name, FunctionContext& ctx, const Value& v, PropertyList* props) {
  if (v.is_node()) {
    NodeRecord n;
    DYAD_RETURN_IF_ERROR(ReadNode(name, ctx, v.as_node().id, &n));
    *props = std::move(n.props);
  } else {
    EdgeRecord e;
    DYAD_RETURN_IF_ERROR(ReadEdge(name, ctx, v.as_rel().id, &e));
    *props = std::move(e.props);
  }
  return Status::OK();
}

Result<Value> Id(const Args& a, FunctionContext&) {
  if (a[0].is_null()) return Value();
  if (a[0].is_node()) return Value(static_cast<int64_t>(a[0].as_node().id));
  if (a[0].is_rel()) return Value(static_cast<int64_t>(a[0].as_rel().id));
  return ArgTypeError("id", "a Node or Relationship", a[0]);
}

Result<Value> Type(const Args& a, FunctionContext& ctx) {
  if (a[0].is_null()) return Value();
  if (!a[0].is_rel()) return ArgTypeError("type", "a Relationship", a[0]);
  // A relationship's type never changes: the one the reference carries (from
  // the adjacency key it was found by) is as good as the record's.
  if (a[0].as_rel().has_type()) {
    if (!ctx.txn) return NoTxn("type");
    return Value(ctx.txn->TypeName(static_cast<uint32_t>(a[0].as_rel().type_id)));
  }
  EdgeRecord e;
  DYAD_RETURN_IF_ERROR(ReadEdge("type", ctx, a[0].as_rel().id, &e));
  return Value(ctx.txn->TypeName(e.type));
}

Result<Value> Labels(const Args& a, FunctionContext& ctx) {
  if (a[0].is_null()) return Value();
  if (!a[0].is_node()) return ArgTypeError("labels", "a Node", a[0]);
  NodeRecord n;
  DYAD_RETURN_IF_ERROR(ReadNode("labels", ctx, a[0].as_node().id, &n));
  List out;
  for (uint32_t l : n.labels) out.push_back(Value(ctx.txn->LabelName(l)));
  return Value(std::move(out));
}

Result<Value> Keys(const Args& a, FunctionContext& ctx) {
  const Value& v = a[0];
  if (v.is_null()) return Value();
  List out;
  if (v.is_map()) {
    for (const auto& [k, e] : v.as_map()) out.push_back(Value(k));
    return Value(std::move(out));
  }
  if (!v.is_node() && !v.is_rel()) return ArgTypeError("keys", "a Map, Node or Relationship", v);
  PropertyList props;
  DYAD_RETURN_IF_ERROR(ReadProps("keys", ctx, v, &props));
  for (const auto& [k, e] : props) out.push_back(Value(ctx.txn->KeyName(k)));
  return Value(std::move(out));
}

Result<Value> Properties(const Args& a, FunctionContext& ctx) {
  const Value& v = a[0];
  if (v.is_null() || v.is_map()) return v;
  if (!v.is_node() && !v.is_rel()) return ArgTypeError("properties", "a Map, Node or Relationship", v);
  PropertyList props;
  DYAD_RETURN_IF_ERROR(ReadProps("properties", ctx, v, &props));
  Map out;
  for (auto& [k, e] : props) out.emplace(ctx.txn->KeyName(k), std::move(e));
  return Value(std::move(out));
}

Result<Value> StartNode(const Args& a, FunctionContext&) {
  if (a[0].is_null()) return Value();
  if (!a[0].is_rel()) return ArgTypeError("startNode", "a Relationship", a[0]);
  return Value(NodeRef{a[0].as_rel().start});
}

Result<Value> EndNode(const Args& a, FunctionContext&) {
  if (a[0].is_null()) return Value();
  if (!a[0].is_rel()) return ArgTypeError("endNode", "a Relationship", a[0]);
  return Value(NodeRef{a[0].as_rel().end});
}

Result<Value> Nodes(const Args& a, FunctionContext&) {
  if (a[0].is_null()) return Value();
  if (!a[0].is_path()) return ArgTypeError("nodes", "a Path", a[0]);
  List out;
  for (const NodeRef& n : a[0].as_path().nodes) out.push_back(Value(n));
  return Value(std::move(out));
}

Result<Value> Relationships(const Args& a, FunctionContext&) {
  if (a[0].is_null()) return Value();
  if (!a[0].is_path()) return ArgTypeError("relationships", "a Path", a[0]);
  List out;
  for (const RelRef& r : a[0].as_path().rels) out.push_back(Value(r));
  return Value(std::move(out));
}

}  // namespace

void AddGraphFunctions(std::vector<FunctionDef>* defs) {
  defs->insert(defs->end(), {
                                {"id", 1, 1, Id},
                                {"type", 1, 1, Type},
                                {"labels", 1, 1, Labels},
                                {"keys", 1, 1, Keys},
                                {"properties", 1, 1, Properties},
                                {"startNode", 1, 1, StartNode},
                                {"endNode", 1, 1, EndNode},
                                {"nodes", 1, 1, Nodes},
                                {"relationships", 1, 1, Relationships},
                            });
}

}  // namespace dyad::query::fn
