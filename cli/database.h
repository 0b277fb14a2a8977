// Which database a command works on: --db, $DYAD_DB, or the embedded
// default graph materialized under $XDG_DATA_HOME/dyad/.
#pragma once

#include <memory>
#include <string>

#include "graph/status.h"
#include "storage/graph_store.h"

namespace dyad::cli {

// Global options every command shares.
struct GlobalOptions {
  std::string db;     // --db DIR ("" when not given)
  bool sync = false;  // --sync
};

// The directory of the embedded default database ($XDG_DATA_HOME/dyad/default
// or ~/.local/share/dyad/default).
std::string DefaultDbPath();

// Opens the database the options name. For the embedded default, builds it
// from the fixtures compiled into the binary on first use, and rebuilds it
// when they have changed (the build happens in a temporary directory that is
// renamed into place, under a file lock). cache_entries: the bound of the
// store's in-memory view (StoreOptions::adj_cache_entries).
Result<std::unique_ptr<storage::GraphStore>> OpenDatabase(
    const GlobalOptions& g, bool read_only, size_t cache_entries = storage::StoreOptions().adj_cache_entries);

}  // namespace dyad::cli
