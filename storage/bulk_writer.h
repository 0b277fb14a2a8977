// BulkWriter: fast, all-or-nothing import of many new nodes and edges.
//
// Records and index entries do not go through the memtable: each column
// family's entries are sorted (in bounded runs, spilled to disk) into SST
// files that Finish() ingests into all column families in one atomic step.
// A durable `load_in_progress` marker records the first new ids before
// anything is written; Finish() then commits the counters and clears the
// marker in one synced batch. If the load fails, nothing was ingested; if
// the process dies between the ingestion and the counters, everything with
// ids at or above the marker is deleted on the next open. Either way the
// database is exactly as it was before the load.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "graph/record.h"
#include "graph/status.h"
#include "storage/graph_store.h"
#include "storage/sst_builder.h"
#include "storage/transaction.h"

namespace rocksdb {
class WriteBatch;
}

namespace dyad::storage {

// An in-progress bulk import. Holds the writer lock until finished.
class BulkWriter {
 public:
  // Starts a bulk import (writes the durable marker). run_bytes bounds the
  // memory each column family's unsorted entries take before they spill.
  static Result<std::unique_ptr<BulkWriter>> Begin(GraphStore* store, size_t run_bytes = 64 << 20);
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
  // Writes the sorted tables and ingests them (visible, not yet counted);
  // Finish() calls it. Public so tests can stop a load right after it.
  Status Ingest();
  // Makes the load durable and visible in counters.
  Status Finish();
  // Deletes everything written by this load.
  Status Abort();
  // Ends the load as a killed process would, for crash tests: the writer
  // neither finishes nor rolls back (the marker, any ingested tables and the
  // files under bulk-load/ stay; the next open rolls the load back), but its
  // memory, snapshot and writer lock are released when it is destroyed.
  void Abandon() { done_ = true; }
  // Nodes and edges added so far.
  uint64_t nodes_added() const { return delta_.nodes; }
  uint64_t edges_added() const { return delta_.edges; }

 private:
  BulkWriter(GraphStore* store, std::unique_lock<std::mutex> lock);
  // Interns a name once per load.
  uint32_t Intern(NameKind kind, std::string_view name);
  // The column families a load writes tables for, as indexes into tables_.
  enum TableId { kNodesTable, kEdgesTable, kAdjTable, kLabelsTable, kPropsTable, kTableCount };
  // The builder of one column family's tables.
  SstBuilder* Table(TableId t) { return tables_[t].get(); }

  GraphStore* store_;
  std::unique_lock<std::mutex> lock_;
  std::unique_ptr<Transaction> before_;
  std::unique_ptr<rocksdb::WriteBatch> batch_;  // dictionary entries only
  std::string tmp_dir_;                         // run and table files
  std::unique_ptr<SstBuilder> tables_[kTableCount];
  bool ingested_ = false;
  CounterDelta delta_;
  std::vector<std::pair<NameKind, uint32_t>> fresh_names_;
  std::map<std::string, uint32_t, std::less<>> names_[256];  // by NameKind
  bool store_was_empty_ = false;
  bool done_ = false;
  std::vector<std::string> scratch_;
  std::string enc_;
};

// Deletes what an interrupted bulk load left behind (called on open).
Status RollbackIncompleteLoad(GraphStore* store);

}  // namespace dyad::storage
