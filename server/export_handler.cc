#include "server/export_handler.h"

#include <sstream>
#include <string>

#include <httplib.h>
#include <rapidjson/document.h>

#include "graph/json_parse.h"
#include "query/export/exporter.h"
#include "server/api_error.h"
#include "server/request.h"

namespace dyad::server {

void HandleExport(ServerContext& ctx, const httplib::Request& req, httplib::Response& res) {
  query::ExportOptions options;
  if (!query::ParseExportFormat(req.get_param_value("format"), &options.format).ok()) {
    SendError(res, {400, "BadRequest", "format must be graphml, gexf, dot, cytoscape, d3 or csv"});
    return;
  }
  std::string part = req.get_param_value("part");
  if (part == "relationships") {
    options.csv_part = query::CsvPart::kRelationships;
  } else if (!part.empty() && part != "nodes") {
    SendError(res, {400, "BadRequest", "part must be nodes or relationships"});
    return;
  }
  std::string delim = req.get_param_value("array_delimiter");
  if (delim == "TAB") delim = "\t";
  if (delim.size() > 1 || delim == ",") {
    SendError(res, {400, "BadRequest", "array_delimiter must be one character other than ',' (or TAB)"});
    return;
  }
  if (!delim.empty()) options.array_delimiter = delim[0];
  options.query = req.get_param_value("query");
  options.timeout_ms = ctx.options.timeout_ms;
  if (req.has_param("params")) {
    rapidjson::Document doc;
    Status parsed = ParseJson(req.get_param_value("params"), &doc);
    ApiError err;
    if (!parsed.ok() || !doc.IsObject()) {
      SendError(res, {400, "InvalidJson", "params must be a JSON object"});
      return;
    }
    if (!ParamsFromJson(doc, &options.params, &err)) {
      SendError(res, err);
      return;
    }
  }
  const char* type = query::ExportContentType(options.format);
  std::string name = std::string("dyad") +
                     (options.format == query::ExportFormat::kCsv
                          ? (options.csv_part == query::CsvPart::kNodes ? "_nodes" : "_relationships")
                          : "") +
                     "." + query::ExportFileExtension(options.format);
  auto headers = [&res, name] {
    res.set_header("Content-Disposition", "attachment; filename=\"" + name + "\"");
    res.set_header("Cache-Control", "no-store");
  };
  if (options.query.find_first_not_of(" \t\r\n") == std::string::npos) {
    // The whole graph streams from one snapshot as it is written.
    storage::GraphStore* store = ctx.store;
    headers();
    res.status = 200;
    res.set_chunked_content_provider(type, [store, options](size_t, httplib::DataSink& sink) {
      Status s = query::ExportGraph(store, options, sink.os);
      sink.os.flush();
      sink.done();
      return s.ok();
    });
    return;
  }
  std::ostringstream out;
  query::ExportSummary summary;
  Status s = query::ExportGraph(ctx.store, options, out, &summary);
  if (!s.ok()) {
    SendError(res, ErrorFromStatus(s));
    return;
  }
  headers();
  if (options.format == query::ExportFormat::kCsv)
    res.set_header("X-Dyad-Array-Delimiter", query::Neo4jDelimiterName(summary.array_delimiter));
  res.status = 200;
  res.set_content(out.str(), type);
}

}  // namespace dyad::server
