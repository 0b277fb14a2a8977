#include "query/export/exporter.h"

#include <exception>
#include <sstream>

#include "query/engine.h"
#include "query/export/writers.h"

namespace dyad::query {

namespace {

struct FormatInfo {
  ExportFormat format;
  const char* name;
  const char* content_type;
  const char* extension;
};

const FormatInfo kFormats[] = {
    {ExportFormat::kGraphml, "graphml", "application/graphml+xml; charset=utf-8", "graphml"},
    {ExportFormat::kGexf, "gexf", "application/gexf+xml; charset=utf-8", "gexf"},
    {ExportFormat::kDot, "dot", "text/vnd.graphviz; charset=utf-8", "gv"},
    {ExportFormat::kCytoscape, "cytoscape", "application/json", "cyjs"},
    {ExportFormat::kD3, "d3", "application/json", "json"},
    {ExportFormat::kCsv, "csv", "text/csv; charset=utf-8", "csv"},
};

const FormatInfo& Info(ExportFormat f) {
  for (const auto& i : kFormats)
    if (i.format == f) return i;
  return kFormats[0];
}

// The records to export: the whole graph, or the query's subgraph.
Status MakeSource(storage::GraphStore* store, const ExportOptions& options, std::unique_ptr<ExportSource>* out) {
  if (options.query.find_first_not_of(" \t\r\n") == std::string::npos) {
    *out = std::make_unique<ExportSource>(std::shared_ptr<storage::Transaction>(store->BeginRead()));
    return Status::OK();
  }
  QueryOptions qo;
  qo.params = options.params;
  qo.timeout_ms = options.timeout_ms;
  qo.read_only = true;
  QueryEngine engine(store);
  std::vector<QueryResult> results;
  DYAD_RETURN_IF_ERROR(engine.Run(options.query, qo, &results));
  return SubgraphOfResults(results, out);
}

// Runs fn, turning an exception (from Boost or the allocator) into a Status.
template <typename Fn>
Status Guarded(Fn fn) {
  try {
    return fn();
  } catch (const std::bad_alloc&) {
    return Status(Status::Code::kResourceLimit, "export: out of memory");
  } catch (const std::exception& e) {
    return Status::Internal(std::string("export: ") + e.what());
  }
}

}  // namespace

Status ParseExportFormat(std::string_view name, ExportFormat* out) {
  for (const auto& i : kFormats)
    if (name == i.name) {
      *out = i.format;
      return Status::OK();
    }
  if (name == "cytoscapejs" || name == "cyjs") {
    *out = ExportFormat::kCytoscape;
    return Status::OK();
  }
  return Status::InvalidArgument("unknown export format '" + std::string(name) +
                                 "' (graphml, gexf, dot, cytoscape, d3 or csv)");
}

const char* ExportFormatName(ExportFormat format) { return Info(format).name; }
const char* ExportContentType(ExportFormat format) { return Info(format).content_type; }
const char* ExportFileExtension(ExportFormat format) { return Info(format).extension; }

Status ExportGraph(storage::GraphStore* store, const ExportOptions& options, std::ostream& out,
                   ExportSummary* summary) {
  return Guarded([&]() -> Status {
    std::unique_ptr<ExportSource> src;
    DYAD_RETURN_IF_ERROR(MakeSource(store, options, &src));
    switch (options.format) {
      case ExportFormat::kGraphml: return WriteGraphml(*src, out, summary);
      case ExportFormat::kGexf: return WriteGexf(*src, out, summary);
      case ExportFormat::kDot: return WriteDot(*src, out, summary);
      case ExportFormat::kCytoscape: return WriteCytoscape(*src, out, summary);
      case ExportFormat::kD3: return WriteD3(*src, out, summary);
      case ExportFormat::kCsv:
        return options.csv_part == CsvPart::kNodes ? WriteCsv(*src, options.array_delimiter, &out, nullptr, summary)
                                                   : WriteCsv(*src, options.array_delimiter, nullptr, &out, summary);
    }
    return Status::InvalidArgument("unknown export format");
  });
}

Status ExportCsv(storage::GraphStore* store, const ExportOptions& options, std::ostream& nodes,
                 std::ostream& relationships, ExportSummary* summary) {
  return Guarded([&]() -> Status {
    std::unique_ptr<ExportSource> src;
    DYAD_RETURN_IF_ERROR(MakeSource(store, options, &src));
    return WriteCsv(*src, options.array_delimiter, &nodes, &relationships, summary);
  });
}

Status ExportGraph(storage::GraphStore* store, ExportFormat format, const std::string& query, std::string* out) {
  ExportOptions options;
  options.format = format;
  options.query = query;
  std::ostringstream s;
  DYAD_RETURN_IF_ERROR(ExportGraph(store, options, s));
  *out = s.str();
  return Status::OK();
}

std::string Neo4jDelimiterName(char delimiter) {
  if (delimiter == '\t') return "TAB";
  if (static_cast<unsigned char>(delimiter) < 0x20) {
    char buf[16];
    snprintf(buf, sizeof(buf), "U+%04X", static_cast<unsigned>(static_cast<unsigned char>(delimiter)));
    return buf;
  }
  return std::string(1, delimiter);
}

}  // namespace dyad::query
