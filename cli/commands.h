// The dyad subcommands. Each returns the process exit code:
// 0 success, 1 data or query error, 2 usage error.
#pragma once

#include <string>
#include <vector>

#include <cstdint>

#include "cli/database.h"

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

// Prints "error: <message>" on stderr.
void PrintError(const std::string& message);

}  // namespace dyad::cli
