// The format writers behind ExportGraph, one file each. Every writer makes
// a schema pass (where the format declares its attributes first) and a
// writing pass over the source.
#pragma once

#include <ostream>

#include "graph/status.h"
#include "query/export/exporter.h"
#include "query/export/source.h"

namespace dyad::query {

// GraphML with typed <key> declarations (graphml.cc).
Status WriteGraphml(const ExportSource& src, std::ostream& out, ExportSummary* summary);
// GEXF 1.2 with typed attributes, start/end times and label colors (gexf.cc).
Status WriteGexf(const ExportSource& src, std::ostream& out, ExportSummary* summary);
// Graphviz DOT through boost::write_graphviz, a style per label (dot.cc).
Status WriteDot(const ExportSource& src, std::ostream& out, ExportSummary* summary);
// Cytoscape.js elements JSON (cytoscape.cc).
Status WriteCytoscape(const ExportSource& src, std::ostream& out, ExportSummary* summary);
// D3 / networkx node-link JSON (d3.cc).
Status WriteD3(const ExportSource& src, std::ostream& out, ExportSummary* summary);
// neo4j-admin CSV: either file or both (a null stream is skipped) (csv.cc).
Status WriteCsv(const ExportSource& src, char array_delimiter, std::ostream* nodes, std::ostream* relationships,
                ExportSummary* summary);

// Ends a writer: records the counts in summary (when given) and reports
// whether every write to out succeeded.
inline Status FinishExport(std::ostream& out, int64_t nodes, int64_t relationships, ExportSummary* summary) {
  if (summary) {
    summary->nodes = nodes;
    summary->relationships = relationships;
  }
  return out ? Status::OK() : Status::IOError("export: write failed");
}

// The id a node or relationship has in every format but CSV: "n12", "e7".
inline std::string NodeId(uint64_t id) { return "n" + std::to_string(id); }
inline std::string EdgeId(uint64_t id) { return "e" + std::to_string(id); }

}  // namespace dyad::query
