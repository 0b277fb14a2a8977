// GEXF 1.2 (Gephi): typed <attribute> declarations per class, nodes labelled
// by their display name and colored by their primary label (viz:color),
// edges labelled by their type. Records with a date get start/end so that
// Gephi's timeline works (graph mode="dynamic" timeformat="date").
#include <cstdlib>

#include "query/export/schema.h"
#include "query/export/text.h"
#include "query/export/writers.h"

namespace dyad::query {

namespace {

void WriteAttributes(std::ostream& out, const KeySet& set, const char* cls, const char* prefix, const char* fixed,
                     std::map<uint32_t, std::string>* ids) {
  out << "    <attributes class=\"" << cls << "\" mode=\"static\">\n"
      << "      <attribute id=\"" << fixed << "\" title=\"" << fixed << "\" type=\"string\"/>\n";
  int i = 0;
  for (const auto& [kid, k] : set.Sorted()) {
    std::string id = prefix + std::to_string(i++);
    (*ids)[kid] = id;
    out << "      <attribute id=\"" << id << "\" title=\"" << XmlEscape(k->attr) << "\" type=\""
        << AttrTypeName(k->attr_type()) << "\"/>\n";
  }
  out << "    </attributes>\n";
}

void WriteTime(std::ostream& out, const PropertyList& props, storage::Transaction* txn) {
  std::string start, end;
  TimeRange(props, txn, &start, &end);
  if (!start.empty()) out << " start=\"" << start << "\"";
  if (!end.empty()) out << " end=\"" << end << "\"";
}

void WriteAttValues(std::ostream& out, const char* fixed_id, const std::string& fixed, const PropertyList& props,
                    const std::map<uint32_t, std::string>& ids) {
  out << "        <attvalues>\n"
      << "          <attvalue for=\"" << fixed_id << "\" value=\"" << XmlEscape(fixed) << "\"/>\n";
  for (const auto& [k, v] : props) {
    auto it = ids.find(k);
    if (it == ids.end()) continue;
    out << "          <attvalue for=\"" << it->second << "\" value=\"" << XmlEscape(ValueText(v)) << "\"/>\n";
  }
  out << "        </attvalues>\n";
}

}  // namespace

Status WriteGexf(const ExportSource& src, std::ostream& out, ExportSummary* summary) {
  ExportSchema schema;
  DYAD_RETURN_IF_ERROR(CollectSchema(src, {"labels", "label", "id"}, {"type", "label", "id"}, &schema));
  storage::Transaction* txn = src.txn();
  std::map<std::string, size_t> color_of;
  for (const auto& [label, count] : schema.primary) color_of.emplace(label, color_of.size());
  out << "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
         "<gexf xmlns=\"http://www.gexf.net/1.2draft\" xmlns:viz=\"http://www.gexf.net/1.2draft/viz\"\n"
         "      xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\"\n"
         "      xsi:schemaLocation=\"http://www.gexf.net/1.2draft http://www.gexf.net/1.2draft/gexf.xsd\" "
         "version=\"1.2\">\n"
         "  <meta>\n    <creator>dyad</creator>\n"
         "    <description>labels, relationship types and properties of a dyad graph</description>\n  </meta>\n"
         "  <graph defaultedgetype=\"directed\""
      << (schema.has_time ? " mode=\"dynamic\" timeformat=\"date\"" : " mode=\"static\"") << ">\n";
  std::map<uint32_t, std::string> node_ids, edge_ids;
  WriteAttributes(out, schema.node_keys, "node", "v", "labels", &node_ids);
  WriteAttributes(out, schema.edge_keys, "edge", "r", "type", &edge_ids);
  out << "    <nodes>\n";
  DYAD_RETURN_IF_ERROR(src.ForEachNode([&](const NodeRecord& n) {
    out << "      <node id=\"" << NodeId(n.id) << "\" label=\"" << XmlEscape(DisplayName(n, txn)) << "\"";
    WriteTime(out, n.props, txn);
    out << ">\n";
    std::string labels;
    for (uint32_t l : n.labels) labels += ":" + txn->LabelName(l);
    WriteAttValues(out, "labels", labels, n.props, node_ids);
    std::string primary = schema.PrimaryLabel(n, txn);
    if (!primary.empty()) {
      long rgb = strtol(PaletteColor(color_of[primary]) + 1, nullptr, 16);
      out << "        <viz:color r=\"" << ((rgb >> 16) & 255) << "\" g=\"" << ((rgb >> 8) & 255) << "\" b=\""
          << (rgb & 255) << "\" a=\"1.0\"/>\n";
    }
    out << "      </node>\n";
    return Status::OK();
  }));
  out << "    </nodes>\n    <edges>\n";
  DYAD_RETURN_IF_ERROR(src.ForEachEdge([&](const EdgeRecord& e) {
    std::string type = txn->TypeName(e.type);
    out << "      <edge id=\"" << EdgeId(e.id) << "\" source=\"" << NodeId(e.start) << "\" target=\""
        << NodeId(e.end) << "\" label=\"" << XmlEscape(type) << "\"";
    WriteTime(out, e.props, txn);
    out << ">\n";
    WriteAttValues(out, "type", type, e.props, edge_ids);
    out << "      </edge>\n";
    return Status::OK();
  }));
  out << "    </edges>\n  </graph>\n</gexf>\n";
  return FinishExport(out, schema.nodes, schema.edges, summary);
}

}  // namespace dyad::query
