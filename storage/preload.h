// Preload: reads a snapshot's whole adjacency, every node record and the
// `key` index into its epoch (storage/adj_cache.h) at once, so that readers
// at that sequence number never read RocksDB for them — not even the first
// time a node or a key is asked for. A server opened with --preload does
// this at start and again after every commit (GraphStore's preloader).
#pragma once

#include <cstdint>
#include <functional>

#include "graph/status.h"
#include "storage/transaction.h"

namespace dyad::storage {

// Fills reader's epoch from reader's snapshot. stop (may be empty) is
// polled as it goes: when it returns true the preload ends early with
// kTimeout (what it read stays, and is correct), as it does when reader's
// snapshot is already older than the view (a commit came in between).
// ResourceLimit when the epoch's bound (StoreOptions::adj_cache_entries) is
// too small to hold it all; InvalidArgument for a writer or a store without
// the cache.
Status Preload(Transaction* reader, const std::function<bool()>& stop, PreloadStats* stats);

}  // namespace dyad::storage
