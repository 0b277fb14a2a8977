// GraphML: <key> declarations with attr.type for every property key (one type
// per key, see KeyInfo::attr_type), then nodes and edges with <data>.
// Nodes carry `labels` (":Actor:Country") and `label` (a display name);
// edges carry `type` and `label` (the type). boost::write_graphml does not
// fit: it needs the graph in memory and writes every key for every element,
// where a property graph leaves most keys absent.
#include "query/export/schema.h"
#include "query/export/text.h"
#include "query/export/writers.h"

namespace dyad::query {

namespace {

void WriteKeys(std::ostream& out, const KeySet& set, const char* for_what, const char* prefix,
               std::map<uint32_t, std::string>* ids) {
  int i = 0;
  for (const auto& [kid, k] : set.Sorted()) {
    std::string id = prefix + std::to_string(i++);
    (*ids)[kid] = id;
    out << "  <key id=\"" << id << "\" for=\"" << for_what << "\" attr.name=\"" << XmlEscape(k->attr)
        << "\" attr.type=\"" << AttrTypeName(k->attr_type()) << "\"/>\n";
  }
}

void WriteData(std::ostream& out, const std::string& key, const std::string& text) {
  out << "      <data key=\"" << key << "\">" << XmlEscape(text) << "</data>\n";
}

void WriteProps(std::ostream& out, const PropertyList& props, const std::map<uint32_t, std::string>& ids) {
  for (const auto& [k, v] : props) {
    auto it = ids.find(k);
    if (it != ids.end()) WriteData(out, it->second, ValueText(v));
  }
}

}  // namespace

Status WriteGraphml(const ExportSource& src, std::ostream& out, ExportSummary* summary) {
  ExportSchema schema;
  DYAD_RETURN_IF_ERROR(CollectSchema(src, {"labels", "label"}, {"type", "label"}, &schema));
  storage::Transaction* txn = src.txn();
  out << "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
         "<graphml xmlns=\"http://graphml.graphdrawing.org/xmlns\"\n"
         "         xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\"\n"
         "         xsi:schemaLocation=\"http://graphml.graphdrawing.org/xmlns "
         "http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd\">\n"
         "  <key id=\"labels\" for=\"node\" attr.name=\"labels\" attr.type=\"string\"/>\n"
         "  <key id=\"label\" for=\"node\" attr.name=\"label\" attr.type=\"string\"/>\n"
         "  <key id=\"type\" for=\"edge\" attr.name=\"type\" attr.type=\"string\"/>\n"
         "  <key id=\"elabel\" for=\"edge\" attr.name=\"label\" attr.type=\"string\"/>\n";
  std::map<uint32_t, std::string> node_ids, edge_ids;
  WriteKeys(out, schema.node_keys, "node", "v", &node_ids);
  WriteKeys(out, schema.edge_keys, "edge", "r", &edge_ids);
  out << "  <graph id=\"dyad\" edgedefault=\"directed\">\n";
  DYAD_RETURN_IF_ERROR(src.ForEachNode([&](const NodeRecord& n) {
    out << "    <node id=\"" << NodeId(n.id) << "\">\n";
    std::string labels;
    for (uint32_t l : n.labels) labels += ":" + txn->LabelName(l);
    WriteData(out, "labels", labels);
    WriteData(out, "label", DisplayName(n, txn));
    WriteProps(out, n.props, node_ids);
    out << "    </node>\n";
    return Status::OK();
  }));
  DYAD_RETURN_IF_ERROR(src.ForEachEdge([&](const EdgeRecord& e) {
    out << "    <edge id=\"" << EdgeId(e.id) << "\" source=\"" << NodeId(e.start) << "\" target=\"" << NodeId(e.end)
        << "\">\n";
    std::string type = txn->TypeName(e.type);
    WriteData(out, "type", type);
    WriteData(out, "elabel", type);
    WriteProps(out, e.props, edge_ids);
    out << "    </edge>\n";
    return Status::OK();
  }));
  out << "  </graph>\n</graphml>\n";
  return FinishExport(out, schema.nodes, schema.edges, summary);
}

}  // namespace dyad::query
