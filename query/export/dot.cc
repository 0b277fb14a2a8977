// Graphviz DOT through boost::write_graphviz: the topology is loaded into an
// adjacency_list of ids, and the vertex and edge writers read each record
// as it is written. Every label gets a fill color and a shape (a node is
// drawn by its most specific label); the legend is the graph's HTML label.
// Properties travel as attributes named p_<key> (text, escaped).
#include <boost/graph/adjacency_list.hpp>
#include <boost/graph/graphviz.hpp>

// GCC 12 at -O3 warns inside boost::write_graphviz's edge iterator (a false
// positive in the Boost header).
#pragma GCC diagnostic ignored "-Wmaybe-uninitialized"

#include "query/export/schema.h"
#include "query/export/text.h"
#include "query/export/writers.h"

namespace dyad::query {

namespace {

using IdGraph = boost::adjacency_list<boost::vecS, boost::vecS, boost::directedS, uint64_t, uint64_t>;

const char* Shape(size_t i) {
  static const char* kShapes[] = {"box",    "ellipse", "hexagon", "note",     "component",     "tab",
                                  "folder", "house",   "octagon", "cylinder", "parallelogram", "diamond"};
  return kShapes[i % (sizeof(kShapes) / sizeof(kShapes[0]))];
}

// Breaks a display name into lines of about width characters at spaces.
std::string Wrap(const std::string& s, size_t width) {
  std::string out, line;
  size_t start = 0;
  while (start <= s.size()) {
    size_t sp = s.find(' ', start);
    std::string word = s.substr(start, sp == std::string::npos ? std::string::npos : sp - start);
    if (!line.empty() && line.size() + 1 + word.size() > width) {
      out += line + "\n";
      line.clear();
    }
    line += (line.empty() ? "" : " ") + word;
    if (sp == std::string::npos) break;
    start = sp + 1;
  }
  return out + line;
}

void WriteProps(std::ostream& out, const PropertyList& props, const KeySet& keys) {
  for (const auto& [k, v] : props) {
    auto it = keys.keys.find(k);
    if (it == keys.keys.end()) continue;
    out << ", \"p_" << DotEscape(it->second.name) << "\"=\"" << DotEscape(ValueText(v)) << "\"";
  }
}

struct Styles {
  std::map<std::string, size_t> index;  // label → palette / shape index
};

class VertexWriter {
 public:
  VertexWriter(const IdGraph* g, storage::Transaction* txn, const ExportSchema* schema, const Styles* styles,
               Status* status)
      : g_(g), txn_(txn), schema_(schema), styles_(styles), status_(status) {}
  void operator()(std::ostream& out, IdGraph::vertex_descriptor v) const {
    NodeRecord n;
    Status s = txn_->GetNode((*g_)[v], &n);
    if (!s.ok()) {
      if (status_->ok()) *status_ = s;
      return;
    }
    std::string labels;
    for (uint32_t l : n.labels) labels += ":" + txn_->LabelName(l);
    std::string primary = schema_->PrimaryLabel(n, txn_);
    auto it = styles_->index.find(primary);
    size_t i = it == styles_->index.end() ? 0 : it->second;
    out << "[label=\"" << DotEscape(Wrap(DisplayName(n, txn_), 24)) << "\", shape=" << Shape(i) << ", fillcolor=\""
        << PaletteColor(i) << "\", tooltip=\"" << DotEscape(labels) << "\", labels=\"" << DotEscape(labels) << "\"";
    WriteProps(out, n.props, schema_->node_keys);
    out << "]";
  }

 private:
  const IdGraph* g_;
  storage::Transaction* txn_;
  const ExportSchema* schema_;
  const Styles* styles_;
  Status* status_;
};

class EdgeWriter {
 public:
  EdgeWriter(const IdGraph* g, storage::Transaction* txn, const ExportSchema* schema, Status* status)
      : g_(g), txn_(txn), schema_(schema), status_(status) {}
  void operator()(std::ostream& out, IdGraph::edge_descriptor e) const {
    EdgeRecord r;
    Status s = txn_->GetEdge((*g_)[e], &r);
    if (!s.ok()) {
      if (status_->ok()) *status_ = s;
      return;
    }
    std::string type = txn_->TypeName(r.type);
    std::string start, end;
    TimeRange(r.props, txn_, &start, &end);
    std::string label = type + (start.empty() ? "" : "\n" + start);
    out << "[label=\"" << DotEscape(label) << "\", type=\"" << DotEscape(type) << "\", id=\"" << EdgeId(r.id) << "\"";
    WriteProps(out, r.props, schema_->edge_keys);
    out << "]";
  }

 private:
  const IdGraph* g_;
  storage::Transaction* txn_;
  const ExportSchema* schema_;
  Status* status_;
};

class GraphWriter {
 public:
  explicit GraphWriter(const Styles* styles) : styles_(styles) {}
  void operator()(std::ostream& out) const {
    out << "graph [rankdir=LR, fontname=\"Helvetica\", fontsize=11, labelloc=b, labeljust=l, "
           "nodesep=0.25, ranksep=0.6, label=<";
    if (!styles_->index.empty()) {
      out << "<table border=\"0\" cellborder=\"1\" cellspacing=\"2\"><tr><td border=\"0\"><b>labels</b></td>";
      for (const auto& [label, i] : styles_->index)
        out << "<td bgcolor=\"" << PaletteColor(i) << "\">" << XmlEscape(label) << " (" << Shape(i) << ")</td>";
      out << "</tr></table>";
    }
    out << ">];\n"
           "node [style=filled, fontname=\"Helvetica\", fontsize=10, color=\"#555555\", margin=\"0.12,0.04\"];\n"
           "edge [fontname=\"Helvetica\", fontsize=8, color=\"#666666\", fontcolor=\"#333333\", arrowsize=0.7];\n";
  }

 private:
  const Styles* styles_;
};

}  // namespace

Status WriteDot(const ExportSource& src, std::ostream& out, ExportSummary* summary) {
  ExportSchema schema;
  DYAD_RETURN_IF_ERROR(CollectSchema(src, {}, {}, &schema));
  Styles styles;
  for (const auto& [label, count] : schema.primary) styles.index.emplace(label, styles.index.size());
  IdGraph g;
  std::unordered_map<uint64_t, IdGraph::vertex_descriptor> vertex;
  std::vector<std::string> names;
  DYAD_RETURN_IF_ERROR(src.ForEachNode([&](const NodeRecord& n) {
    vertex[n.id] = boost::add_vertex(n.id, g);
    names.push_back(NodeId(n.id));
    return Status::OK();
  }));
  DYAD_RETURN_IF_ERROR(src.ForEachEdge([&](const EdgeRecord& e) {
    auto a = vertex.find(e.start), b = vertex.find(e.end);
    if (a != vertex.end() && b != vertex.end()) boost::add_edge(a->second, b->second, e.id, g);
    return Status::OK();
  }));
  Status status;
  boost::write_graphviz(out, g, VertexWriter(&g, src.txn(), &schema, &styles, &status),
                        EdgeWriter(&g, src.txn(), &schema, &status), GraphWriter(&styles),
                        boost::make_iterator_property_map(names.begin(), boost::get(boost::vertex_index, g)));
  DYAD_RETURN_IF_ERROR(status);
  return FinishExport(out, static_cast<int64_t>(boost::num_vertices(g)), static_cast<int64_t>(boost::num_edges(g)),
                      summary);
}

}  // namespace dyad::query
