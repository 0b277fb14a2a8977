// D3 node-link JSON, the shape d3-force and networkx.node_link_graph read:
// {"directed": true, "multigraph": true, "graph": {...}, "nodes": [{"id":
// "n12", "label", "labels", "properties": {...}}], "links": [{"id", "key",
// "source", "target", "type", "properties": {...}}]}. Property values keep
// their JSON types; dates are ISO strings.
#include "query/export/json_elements.h"
#include "query/export/writers.h"

namespace dyad::query {

namespace {

void WriteProps(StreamJsonWriter& w, const PropertyList& props, storage::Transaction* txn) {
  w.Key("properties");
  w.StartObject();
  for (const auto& [k, v] : props) {
    WriteJsonString(w, txn->KeyName(k));
    WritePlainJson(w, v);
  }
  w.EndObject();
}

}  // namespace

Status WriteD3(const ExportSource& src, std::ostream& out, ExportSummary* summary) {
  storage::Transaction* txn = src.txn();
  rapidjson::OStreamWrapper os(out);
  StreamJsonWriter w(os);
  int64_t nodes = 0, edges = 0;
  w.StartObject();
  w.Key("directed");
  w.Bool(true);
  w.Key("multigraph");
  w.Bool(true);
  w.Key("graph");
  w.StartObject();
  w.Key("name");
  w.String("dyad");
  w.EndObject();
  w.Key("nodes");
  w.StartArray();
  DYAD_RETURN_IF_ERROR(src.ForEachNode([&](const NodeRecord& n) {
    ++nodes;
    w.StartObject();
    WriteNodeIdentity(w, n, txn);
    WriteProps(w, n.props, txn);
    w.EndObject();
    return Status::OK();
  }));
  w.EndArray();
  w.Key("links");
  w.StartArray();
  DYAD_RETURN_IF_ERROR(src.ForEachEdge([&](const EdgeRecord& e) {
    ++edges;
    w.StartObject();
    w.Key("id");
    WriteJsonString(w, EdgeId(e.id));
    w.Key("key");
    WriteJsonString(w, EdgeId(e.id));
    WriteEdgeEnds(w, e);
    w.Key("type");
    WriteJsonString(w, txn->TypeName(e.type));
    WriteProps(w, e.props, txn);
    w.EndObject();
    return Status::OK();
  }));
  w.EndArray();
  w.EndObject();
  out << "\n";
  return FinishExport(out, nodes, edges, summary);
}

}  // namespace dyad::query
