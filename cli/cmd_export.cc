// `dyad export`: the graph, or the subgraph a query returns, as GraphML,
// GEXF, DOT, Cytoscape.js JSON, D3 JSON or neo4j-admin CSV.
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>

#include <CLI/CLI.hpp>
#include <rapidjson/document.h>

#include "cli/commands.h"
#include "graph/json_parse.h"
#include "graph/json_value.h"
#include "query/export/exporter.h"

namespace dyad::cli {

namespace {

namespace fs = std::filesystem;

Status ExportParams(const std::string& json, Map* out) {
  if (json.empty()) return Status::OK();
  rapidjson::Document doc;
  if (!ParseJson(json, &doc).ok() || !doc.IsObject()) return Status::InvalidArgument("--params must be a JSON object");
  Value v;
  DYAD_RETURN_IF_ERROR(ValueFromJson(doc, &v));
  *out = v.as_map();
  return Status::OK();
}

// Writes through write(stream) into path, removing the file on failure.
template <typename Fn>
Status ToFile(const std::string& path, Fn write) {
  std::ofstream f(path, std::ios::binary | std::ios::trunc);
  if (!f) return Status::IOError("cannot write " + path);
  Status s = write(f);
  f.close();
  if (s.ok() && !f) s = Status::IOError("error writing " + path);
  if (!s.ok()) {
    std::error_code ec;
    fs::remove(path, ec);
  }
  return s;
}

}  // namespace

CLI::App* AddExportCommand(CLI::App* app, ExportCommandOptions* o) {
  auto* cmd = app->add_subcommand(
      "export", "write the graph (or the subgraph a query returns) for Gephi, Cytoscape, yEd, Graphviz, D3 or "
                "neo4j-admin import");
  cmd->add_option("--format", o->format, "graphml, gexf, dot, cytoscape, d3 or csv")
      ->required()
      ->check(CLI::IsMember({"graphml", "gexf", "dot", "cytoscape", "d3", "csv"}));
  cmd->add_option("--query,-q", o->query, "a read-only query: its nodes, relationships and paths are exported");
  cmd->add_option("-o,--output", o->output,
                  "output file (default: standard output); for csv a directory that receives nodes.csv and "
                  "relationships.csv");
  cmd->add_option("--params", o->params, "query parameters as a JSON object");
  cmd->add_option("--timeout-ms", o->timeout_ms, "stop the query after this many milliseconds");
  cmd->add_option("--array-delimiter", o->array_delimiter,
                  "csv: array element delimiter (one character, or TAB); default: the first of ; | TAB U+001F "
                  "that no value contains");
  return cmd;
}

int RunExport(const GlobalOptions& g, const ExportCommandOptions& o) {
  query::ExportOptions options;
  Status s = query::ParseExportFormat(o.format, &options.format);
  if (s.ok()) s = ExportParams(o.params, &options.params);
  if (!s.ok()) {
    PrintError(s.message());
    return kExitUsage;
  }
  options.query = o.query;
  options.timeout_ms = o.timeout_ms;
  if (o.array_delimiter == "TAB" || o.array_delimiter == "\\t") {
    options.array_delimiter = '\t';
  } else if (o.array_delimiter.size() == 1 && o.array_delimiter != ",") {
    options.array_delimiter = o.array_delimiter[0];
  } else if (!o.array_delimiter.empty()) {
    PrintError("--array-delimiter must be one character other than ',' (or TAB)");
    return kExitUsage;
  }
  bool csv = options.format == query::ExportFormat::kCsv;
  if (csv && o.output.empty()) {
    PrintError("csv writes two files (nodes.csv, relationships.csv): give a directory with -o DIR");
    return kExitUsage;
  }
  auto store = OpenDatabase(g, true);
  if (!store.ok()) {
    PrintError(store.status().message());
    return kExitError;
  }
  query::ExportSummary summary;
  std::string where = o.output;
  if (csv) {
    std::error_code ec;
    fs::create_directories(o.output, ec);
    if (ec) {
      PrintError("cannot create " + o.output + ": " + ec.message());
      return kExitError;
    }
    std::string nodes = (fs::path(o.output) / "nodes.csv").string();
    std::string rels = (fs::path(o.output) / "relationships.csv").string();
    s = ToFile(nodes, [&](std::ostream& nf) {
      return ToFile(rels, [&](std::ostream& r) { return query::ExportCsv(store->get(), options, nf, r, &summary); });
    });
    where = nodes + " and " + rels;
  } else if (o.output.empty() || o.output == "-") {
    s = query::ExportGraph(store->get(), options, std::cout, &summary);
    std::cout.flush();
  } else {
    s = ToFile(o.output, [&](std::ostream& f) { return query::ExportGraph(store->get(), options, f, &summary); });
  }
  if (!s.ok()) {
    PrintError(FormatQueryError(s));
    return kExitError;
  }
  if (!where.empty() && where != "-") {
    fprintf(stderr, "exported %lld nodes and %lld relationships (%s) to %s\n",
            static_cast<long long>(summary.nodes), static_cast<long long>(summary.relationships),
            query::ExportFormatName(options.format), where.c_str());
    if (csv)
      fprintf(stderr, "load with: neo4j-admin database import full --nodes=nodes.csv "
                      "--relationships=relationships.csv --array-delimiter='%s' --multiline-fields=true\n",
              query::Neo4jDelimiterName(summary.array_delimiter).c_str());
  }
  return kExitOk;
}

}  // namespace dyad::cli
