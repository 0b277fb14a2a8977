// Cytoscape.js elements JSON: {"elements": {"nodes": [{"data": {...},
// "classes": "Actor Country"}], "edges": [...]}}, readable by
// cytoscape({elements}), cy.json() and Cytoscape desktop (File > Import >
// Network from File, Cytoscape.js JSON). Properties sit in `data` beside id,
// label, labels (and source, target, type for edges) with their JSON types;
// dates are ISO strings. A property named like one of those is p_<name>.
#include "query/export/json_elements.h"
#include "query/export/writers.h"

namespace dyad::query {

namespace {

const std::vector<std::string> kReserved = {"id", "label", "labels", "source", "target", "type", "parent"};

void WriteProps(StreamJsonWriter& w, const PropertyList& props, storage::Transaction* txn) {
  for (const auto& [k, v] : props) {
    std::string name = txn->KeyName(k);
    for (const auto& r : kReserved)
      if (r == name) name = "p_" + name;
    WriteJsonString(w, name);
    WritePlainJson(w, v);
  }
}

}  // namespace

Status WriteCytoscape(const ExportSource& src, std::ostream& out, ExportSummary* summary) {
  storage::Transaction* txn = src.txn();
  rapidjson::OStreamWrapper os(out);
  StreamJsonWriter w(os);
  int64_t nodes = 0, edges = 0;
  w.StartObject();
  w.Key("format_version");
  w.String("1.0");
  w.Key("generated_by");
  w.String("dyad");
  w.Key("target_cytoscapejs_version");
  w.String("~3");
  w.Key("data");
  w.StartObject();
  w.Key("name");
  w.String("dyad");
  w.EndObject();
  w.Key("elements");
  w.StartObject();
  w.Key("nodes");
  w.StartArray();
  DYAD_RETURN_IF_ERROR(src.ForEachNode([&](const NodeRecord& n) {
    ++nodes;
    w.StartObject();
    w.Key("data");
    w.StartObject();
    std::string classes = WriteNodeIdentity(w, n, txn);
    WriteProps(w, n.props, txn);
    w.EndObject();
    w.Key("classes");
    WriteJsonString(w, classes);
    w.EndObject();
    return Status::OK();
  }));
  w.EndArray();
  w.Key("edges");
  w.StartArray();
  DYAD_RETURN_IF_ERROR(src.ForEachEdge([&](const EdgeRecord& e) {
    ++edges;
    std::string type = txn->TypeName(e.type);
    w.StartObject();
    w.Key("data");
    w.StartObject();
    w.Key("id");
    WriteJsonString(w, EdgeId(e.id));
    WriteEdgeEnds(w, e);
    w.Key("type");
    WriteJsonString(w, type);
    w.Key("label");
    WriteJsonString(w, type);
    WriteProps(w, e.props, txn);
    w.EndObject();
    w.Key("classes");
    WriteJsonString(w, type);
    w.EndObject();
    return Status::OK();
  }));
  w.EndArray();
  w.EndObject();
  w.EndObject();
  out << "\n";
  return FinishExport(out, nodes, edges, summary);
}

}  // namespace dyad::query
