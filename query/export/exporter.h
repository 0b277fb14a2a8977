// Graph export for visualization tools and analysts: GraphML, GEXF, DOT,
// Cytoscape.js elements JSON, D3 node-link JSON and neo4j-admin CSV, of the
// whole graph or of the subgraph a query returns. Output streams: records
// are read from one snapshot and written one at a time (see docs/EXPORT.md).
#pragma once

#include <cstdint>
#include <ostream>
#include <string>
#include <string_view>

#include "graph/status.h"
#include "graph/value.h"
#include "storage/graph_store.h"

namespace dyad::query {

// The formats `dyad export --format` and GET /api/export?format= accept.
enum class ExportFormat { kGraphml, kGexf, kDot, kCytoscape, kD3, kCsv };

// The two files of a neo4j-admin CSV export.
enum class CsvPart { kNodes, kRelationships };

// What to export and how.
struct ExportOptions {
  ExportFormat format = ExportFormat::kGraphml;
  // A read-only openCypher query; its result's nodes, relationships and
  // paths (lists and maps walked) form the subgraph. Empty: the whole graph.
  std::string query;
  // Parameters of the query ($name).
  Map params;
  // Stop the query after this long (0: no limit).
  int64_t timeout_ms = 0;
  // CSV through ExportGraph: which of the two files to write.
  CsvPart csv_part = CsvPart::kNodes;
  // CSV: the array element delimiter; 0 picks the first of ';', '|', TAB,
  // U+001F that no exported array element contains.
  char array_delimiter = 0;
};

// Counts of what an export wrote.
struct ExportSummary {
  int64_t nodes = 0;
  int64_t relationships = 0;
  // CSV: the array delimiter used.
  char array_delimiter = ';';
};

// Parses a format name ("graphml", "gexf", "dot", "cytoscape", "d3", "csv").
Status ParseExportFormat(std::string_view name, ExportFormat* out);
// The format's name as ParseExportFormat accepts it.
const char* ExportFormatName(ExportFormat format);
// The MIME type of the format's output (for HTTP).
const char* ExportContentType(ExportFormat format);
// The usual file extension, without the dot ("graphml", "gv", "json", ...).
const char* ExportFileExtension(ExportFormat format);

// Writes the graph, or options.query's subgraph, to out in options.format
// (for CSV, the file options.csv_part names). Query errors are returned as
// the engine reports them; nothing is written then.
Status ExportGraph(storage::GraphStore* store, const ExportOptions& options, std::ostream& out,
                   ExportSummary* summary = nullptr);

// Writes both neo4j-admin CSV files from one snapshot.
Status ExportCsv(storage::GraphStore* store, const ExportOptions& options, std::ostream& nodes,
                 std::ostream& relationships, ExportSummary* summary = nullptr);

// Convenience: the export as a string (query empty: the whole graph).
Status ExportGraph(storage::GraphStore* store, ExportFormat format, const std::string& query, std::string* out);

// The neo4j-admin flag value naming a delimiter: ";", "|", "TAB", "U+001F".
std::string Neo4jDelimiterName(char delimiter);

}  // namespace dyad::query
