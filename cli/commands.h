// The dyad subcommands. Each returns the process exit code:
// 0 success, 1 data or query error, 2 usage error.
#pragma once

#include <string>
#include <vector>

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

// Prints "error: <message>" on stderr.
void PrintError(const std::string& message);

}  // namespace dyad::cli
