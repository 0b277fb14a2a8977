// The dyad subcommands. Each returns the process exit code:
// 0 success, 1 data or query error, 2 usage error.
#pragma once

#include <string>
#include <vector>

#include <cstdint>

#include "cli/database.h"

namespace CLI {
class App;
}  // namespace CLI

namespace dyad::cli {

// Exit codes shared by every command.
inline constexpr int kExitOk = 0;
inline constexpr int kExitError = 1;
inline constexpr int kExitUsage = 2;

// `dyad load FILE...`: imports graph files as one all-or-nothing load.
int RunLoad(const GlobalOptions& g, const std::vector<std::string>& files);
// `dyad stats`: counts per label and relationship type.
int RunStats(const GlobalOptions& g, const std::string& format);
// `dyad check`: verifies every index and counter; exit 1 on a problem.
int RunCheck(const GlobalOptions& g);
// `dyad get KEY`: a node (by key, name or alias) with its neighbours.
int RunGet(const GlobalOptions& g, const std::string& key, const std::string& format);
// `dyad shell`: interactive prompt (scripted when stdin is not a terminal).
int RunShell(const GlobalOptions& g);

// Options of `dyad query`.
struct QueryCommandOptions {
  std::string query;   // "" or "-": read standard input
  std::string format = "table";
  std::string params;  // JSON object
  int64_t timeout_ms = 0;
  int64_t max_rows = 0;
  bool stats = false;
};

// `dyad query`: runs statements; exit 1 on a query error.
int RunQuery(const GlobalOptions& g, const QueryCommandOptions& q);
// "<Kind> at line L, column C: <message>" (the position when known).
std::string FormatQueryError(const Status& s);

// Options of `dyad serve` (see server/options.h for what they mean).
struct ServeCommandOptions {
  std::string bind = "127.0.0.1";
  int port = 7480;
  bool allow_writes = false;
  std::string token;  // "": $DYAD_TOKEN
  std::vector<std::string> cors;
  size_t max_body_bytes = 1 << 20;
  int64_t max_rows = 10000;
  int64_t timeout_ms = 10000;
  int threads = 0;
  bool preload = false;  // keep the graph in memory (GraphStore::KeepPreloaded)
  size_t cache_entries = storage::StoreOptions().adj_cache_entries;
};

// Registers `dyad serve` and its options on app; returns the subcommand.
CLI::App* AddServeCommand(CLI::App* app, ServeCommandOptions* o);
// `dyad serve`: the HTTP API and browser UI until SIGINT or SIGTERM.
int RunServe(const GlobalOptions& g, const ServeCommandOptions& o);

// Options of `dyad export`.
struct ExportCommandOptions {
  std::string format;   // graphml, gexf, dot, cytoscape, d3, csv
  std::string query;    // "": the whole graph
  std::string output;   // "" or "-": standard output; csv: a directory
  std::string params;   // JSON object
  int64_t timeout_ms = 0;
  std::string array_delimiter;  // csv; "": automatic
};

// Registers `dyad export` and its options on app; returns the subcommand.
CLI::App* AddExportCommand(CLI::App* app, ExportCommandOptions* o);
// `dyad export`: writes the graph or a query's subgraph; exit 1 on an error.
int RunExport(const GlobalOptions& g, const ExportCommandOptions& o);

// Prints "error: <message>" on stderr.
void PrintError(const std::string& message);

}  // namespace dyad::cli
