// BulkWriter: fast, all-or-nothing import of many new nodes and edges.
//
// Writes go to RocksDB in large batches without the write-ahead log; a
// durable `load_in_progress` marker records the first new ids. Finish()
// flushes the memtables, then commits the counters and clears the marker in
// one synced batch. If the load fails or the process dies before that,
// everything with ids at or above the marker is deleted (Abort, or on the
// next open), so the database is exactly as it was before the load.
#pragma once

#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "graph/record.h"
#include "graph/status.h"
#include "storage/graph_store.h"
#include "storage/transaction.h"

namespace rocksdb {
class WriteBatch;
}

namespace dyad::storage {

// An in-progress bulk import. Holds the writer lock until finished.
class BulkWriter {
 public:
  // Starts a bulk import (writes the durable marker).
  static Result<std::unique_ptr<BulkWriter>> Begin(GraphStore* store);
  ~BulkWriter();

  // Interns names for the records below.
  uint32_t Label(std::string_view name);
  uint32_t Type(std::string_view name);
  uint32_t Key(std::string_view name);
  // Adds a node; labels must be sorted and unique, props sorted by key id.
  // Sets n->id and returns it.
  Result<uint64_t> AddNode(NodeRecord* n);
  // Adds an edge between existing (or already added) nodes; sets e->id.
  Status AddEdge(EdgeRecord* e);
  // True when the store had no nodes before this load (no key clashes).
  bool store_was_empty() const { return store_was_empty_; }
  // Read access to the store as it was before the load.
  Transaction* before() { return before_.get(); }
  // Makes the load durable and visible in counters.
  Status Finish();
  // Deletes everything written by this load.
  Status Abort();
  // Nodes and edges added so far.
  uint64_t nodes_added() const { return delta_.nodes; }
  uint64_t edges_added() const { return delta_.edges; }

 private:
  BulkWriter(GraphStore* store, std::unique_lock<std::mutex> lock);
  Status FlushBatch();

  GraphStore* store_;
  std::unique_lock<std::mutex> lock_;
  std::unique_ptr<Transaction> before_;
  std::unique_ptr<rocksdb::WriteBatch> batch_;
  CounterDelta delta_;
  std::vector<std::pair<NameKind, uint32_t>> fresh_names_;
  bool store_was_empty_ = false;
  bool done_ = false;
  std::vector<std::string> scratch_;
  std::string enc_;
};

// Deletes what an interrupted bulk load left behind (called on open).
Status RollbackIncompleteLoad(GraphStore* store);

}  // namespace dyad::storage
